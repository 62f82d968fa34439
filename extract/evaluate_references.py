"""Dispute annotations of real articles kept as references: offsets, names and classes.

The team annotates real news it may not copy into the repository (the PolNeAR train articles
in `shared/eval/quotes-dev/train.jsonl`). Such annotations are stored here without any of the
article's text: each record points at its sentence and cue by character offsets into the
article and keeps only what the annotator decided (actor, target, class, trap). Where the
articles are at hand, `gold` rebuilds records in the review's scorer format
(`shared/tools/score_disputes.py`), and `articles` picks the annotated articles out of the
text file so that only they are extracted.

    python -m extract.evaluate_references make ANNOTATED.jsonl TEXTS.jsonl REFS.jsonl
    python -m extract.evaluate_references gold REFS.jsonl TEXTS.jsonl GOLD.jsonl ARTICLES.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path

CUE_CLASSES = frozenset(
    {
        "criticize",
        "accuse",
        "blame",
        "deny",
        "dismiss",
        "reject",
        "demand",
        "warn",
        "threaten",
        "protest",
    }
)


class AnnotationError(ValueError):
    """An annotation that cannot be kept as, or rebuilt from, a reference."""


@dataclass(frozen=True, slots=True)
class DisputeReference:
    """One annotated dispute (or trap) of a real article, without the article's words."""

    id: str
    start: int  # the evidence sentence: text[start:end]
    end: int
    cue_start: int  # the cue: text[cue_start:cue_end], inside the sentence
    cue_end: int
    actor: str
    target: str | None
    cue_class: str
    negated_trap: bool


def reference_of(record: Mapping, text: str) -> DisputeReference:
    """The reference of one annotation in the scorer's format (evidence, start and cue)."""
    evidence, start, cue = record["evidence"], int(record["start"]), record["cue"]
    if text[start : start + len(evidence)] != evidence:
        raise AnnotationError(f"{record['id']}: evidence is not text[start:]")
    at = evidence.find(cue)
    if not cue or at < 0:
        raise AnnotationError(f"{record['id']}: cue {cue!r} is not in its evidence")
    if record["cue_class"] not in CUE_CLASSES:
        raise AnnotationError(f"{record['id']}: unknown class {record['cue_class']!r}")
    return DisputeReference(
        id=record["id"],
        start=start,
        end=start + len(evidence),
        cue_start=start + at,
        cue_end=start + at + len(cue),
        actor=record["actor"],
        target=record.get("target") or None,
        cue_class=record["cue_class"],
        negated_trap=bool(record.get("negated_trap")),
    )


def gold_record(ref: DisputeReference, text: str) -> dict:
    """The annotation rebuilt in the scorer's format from its reference and article."""
    if not 0 <= ref.start <= ref.cue_start < ref.cue_end <= ref.end <= len(text):
        raise AnnotationError(f"{ref.id}: offsets {ref.start}-{ref.end} do not fit the article")
    return {
        "id": ref.id,
        "actor": ref.actor,
        "target": ref.target,
        "cue": text[ref.cue_start : ref.cue_end],
        "cue_class": ref.cue_class,
        "issue": None,
        "evidence": text[ref.start : ref.end],
        "start": ref.start,
        "negated_trap": ref.negated_trap,
    }


def read_jsonl(path: str | Path) -> Iterator[dict]:
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def texts_by_id(path: str | Path) -> dict[str, str]:
    return {article["id"]: article["text"] for article in read_jsonl(path)}


def read_references(path: str | Path) -> list[DisputeReference]:
    return [DisputeReference(**row) for row in read_jsonl(path)]


def make_references(records: Iterable[Mapping], texts: Mapping[str, str]) -> list[DisputeReference]:
    """References for annotations, in article and reading order."""
    refs = []
    for record in records:
        if record["id"] not in texts:
            raise AnnotationError(f"{record['id']}: no such article in the text file")
        refs.append(reference_of(record, texts[record["id"]]))
    order = {aid: n for n, aid in enumerate(texts)}
    return sorted(refs, key=lambda r: (order[r.id], r.start, r.cue_start))


def _write_jsonl(path: str | Path, rows: Iterable[dict]) -> int:
    count = 0
    with open(path, "w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    make = sub.add_parser("make", help="annotations in the scorer's format → references")
    make.add_argument("annotated")
    make.add_argument("texts")
    make.add_argument("refs")
    gold = sub.add_parser("gold", help="references → scorer-format gold and the articles")
    gold.add_argument("refs")
    gold.add_argument("texts")
    gold.add_argument("gold")
    gold.add_argument("articles")
    args = parser.parse_args(argv)
    texts = texts_by_id(args.texts)
    try:
        if args.command == "make":
            refs = make_references(read_jsonl(args.annotated), texts)
            n = _write_jsonl(args.refs, (asdict(r) for r in refs))
            print(f"wrote {n} references to {args.refs}")
            return 0
        refs = read_references(args.refs)
        missing = sorted({r.id for r in refs} - texts.keys())
        if missing:
            raise AnnotationError(f"{len(missing)} articles are not in {args.texts}: {missing[0]}")
        n = _write_jsonl(args.gold, (gold_record(r, texts[r.id]) for r in refs))
        ids = {r.id for r in refs}
        m = _write_jsonl(args.articles, (a for a in read_jsonl(args.texts) if a["id"] in ids))
    except AnnotationError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {n} gold records to {args.gold} and {m} articles to {args.articles}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
