"""Run the Extractor over a gold quote file and write scorer-ready predictions.

    python -m extract.evaluate GOLD.jsonl PRED.jsonl [--model NAME] [--n-process N]
    python -m extract.evaluate disputes [DISPUTES.jsonl] [--model NAME]

Each prediction line is {"id", "quotes": [{"speaker", "content", "content_spans"}],
"disputes": [{"actor", "target", "cue", "cue_class", "issue", "evidence", "start"}]} with
offsets into the gold `text`: the format both score_quotes.py and score_disputes.py read.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from extract.extractor import Extractor
from extract.model import Dispute, Extraction

DISPUTES_PATH = Path(__file__).resolve().parents[1] / "evaluation" / "disputes.jsonl"
_WORD = re.compile(r"\w+")
# words that never identify an actor on their own: articles, titles, generic modifiers
_ARTICLES = frozenset({"the", "a", "an", "s"})
_ACTOR_STOP = frozenset(
    """the a an of for and s mr mrs ms dr president minister prime foreign deputy
    secretary spokesman spokeswoman""".split()
)


def prediction_line(article_id: str, extraction: Extraction) -> dict:
    """One scorer line for an article's extraction."""
    quotes = [
        {
            "speaker": s.speaker,
            "speaker_type": s.speaker_type,
            "content": s.content,
            "content_spans": [[s.start, s.end]],
            "cue": s.cue,
            "kind": s.kind,
        }
        for s in extraction.statements
    ]
    disputes = [
        {
            "actor": d.actor,
            "target": d.target,
            "cue": d.cue,
            "cue_class": d.cue_class,
            "issue": d.issue,
            "evidence": d.evidence,
            "start": d.start,
        }
        for d in extraction.disputes
        if d.named
    ]
    return {"id": article_id, "quotes": quotes, "disputes": disputes}


def predict(
    extractor: Extractor, articles: Iterable[dict], *, n_process: int = 1
) -> Iterator[dict]:
    """Prediction lines for gold articles ({"id", "text", ...}), in order."""
    items = list(articles)
    texts = (a["text"] for a in items)
    for article, extraction in zip(
        items, extractor.extract_many(texts, n_process=n_process), strict=True
    ):
        yield prediction_line(article["id"], extraction)


def write_predictions(
    extractor: Extractor, gold_path: str | Path, pred_path: str | Path, *, n_process: int = 1
) -> int:
    """Read gold JSONL, write prediction JSONL; return the number of articles written."""
    with open(gold_path, encoding="utf-8") as fh:
        articles = [json.loads(line) for line in fh if line.strip()]
    count = 0
    with open(pred_path, "w", encoding="utf-8") as out:
        for line in predict(extractor, articles, n_process=n_process):
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
            count += 1
    return count


@dataclass(frozen=True, slots=True)
class ClassCounts:
    """True positives, false positives and false negatives of one cue class."""

    tp: int = 0
    fp: int = 0
    fn: int = 0


@dataclass(frozen=True, slots=True)
class DisputeScores:
    """Dispute precision and recall on an annotated sentence file."""

    tp: int
    fp: int
    fn: int
    precision: float
    recall: float
    f1: float
    per_class: Mapping[str, ClassCounts] = field(default_factory=dict)
    traps: int = 0
    trap_false_positives: int = 0
    items: int = 0
    target_agreement: float = 0.0


def _actor_words(name: str) -> list[str]:
    words = _WORD.findall(name.lower())
    # a bare title ("the president") is its own main noun
    return [w for w in words if w not in _ACTOR_STOP] or [w for w in words if w not in _ARTICLES]


def actor_matches(gold: str, predicted: str) -> bool:
    """Same actor: the last name / main noun of one is a word of the other (case-insensitive).

    "Sergei Lavrov" ~ "Lavrov"; "the regional parliament" ~ "Regional Parliament";
    "Ardenian officials" ~ "officials"; "foreign minister" ~ "Solvaria foreign minister";
    "Ardenia" !~ "Solvaria".
    """
    g, p = _actor_words(gold), _actor_words(predicted)
    if not g or not p:
        return False
    g_all, p_all = set(_WORD.findall(gold.lower())), set(_WORD.findall(predicted.lower()))
    return g[-1] in p_all or p[-1] in g_all


def target_agrees(gold: str | None, predicted: str | None) -> bool:
    """Same target, or neither names one."""
    if not gold or not predicted:
        return not gold and not predicted
    return actor_matches(gold, predicted)


def _match(
    gold: list[dict], predicted: tuple[Dispute, ...]
) -> tuple[list[tuple[dict, Dispute]], list[dict], list[Dispute]]:
    """Greedy one-to-one matching; returns (matched pairs, unmatched gold, unmatched pred)."""
    left = list(predicted)
    hits: list[tuple[dict, Dispute]] = []
    misses: list[dict] = []
    for g in gold:
        found = next(
            (
                p
                for p in left
                if p.cue_class == g["cue_class"] and actor_matches(g["actor"], p.actor)
            ),
            None,
        )
        if found is None:
            misses.append(g)
        else:
            hits.append((g, found))
            left.remove(found)
    return hits, misses, left


def score_disputes(extractor: Extractor, path: str | Path = DISPUTES_PATH) -> DisputeScores:
    """Score the extractor's disputes against an annotated sentence file (evaluation/*.jsonl).

    Each line is {"text", "disputes": [{"actor", "target", "cue", "cue_class"}], "note"}; a
    line with an empty list is a trap (negated, hypothetical, appeal, question, noun only).
    Matching rule: a predicted dispute matches a gold one of the same line when its cue
    class equals the gold cue_class and the actors match (`actor_matches`: case-insensitive
    overlap on the last name / main noun, ignoring titles and articles). Matching is
    one-to-one and greedy in gold order. Cue text and issue are not scored; targets are
    reported as agreement among matches (`target_agrees`), not part of F1.
    Every predicted dispute on a trap line is a false positive and is also counted in
    `trap_false_positives`.
    """
    with open(path, encoding="utf-8") as fh:
        items = [json.loads(line) for line in fh if line.strip()]
    tp = fp = fn = traps = trap_fp = agree = 0
    per: dict[str, list[int]] = {}
    extractions = extractor.extract_many(item["text"] for item in items)
    for item, extraction in zip(items, extractions, strict=True):
        gold = item["disputes"]
        hits, misses, extra = _match(gold, extraction.disputes)
        tp, fn, fp = tp + len(hits), fn + len(misses), fp + len(extra)
        agree += sum(target_agrees(g.get("target"), p.target) for g, p in hits)
        if not gold:
            traps += 1
            trap_fp += len(extra)
        for rows, slot in (([g for g, _ in hits], 0), (misses, 2)):
            for g in rows:
                per.setdefault(g["cue_class"], [0, 0, 0])[slot] += 1
        for p in extra:
            per.setdefault(p.cue_class, [0, 0, 0])[1] += 1
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return DisputeScores(
        tp=tp,
        fp=fp,
        fn=fn,
        precision=round(precision, 3),
        recall=round(recall, 3),
        f1=round(f1, 3),
        per_class={k: ClassCounts(*v) for k, v in sorted(per.items())},
        traps=traps,
        trap_false_positives=trap_fp,
        items=len(items),
        target_agreement=round(agree / tp, 3) if tp else 0.0,
    )


def format_dispute_scores(scores: DisputeScores) -> str:
    """A plain-text report of `score_disputes`, one class per line."""
    lines = [
        f"disputes: {scores.items} sentences, {scores.traps} traps",
        f"P {scores.precision:.3f}  R {scores.recall:.3f}  F1 {scores.f1:.3f}  "
        f"(tp {scores.tp}, fp {scores.fp}, fn {scores.fn}); "
        f"trap false positives: {scores.trap_false_positives}; "
        f"target agreement {scores.target_agreement:.2f}",
    ]
    for name, c in scores.per_class.items():
        lines.append(f"  {name:10s} tp {c.tp:3d}  fp {c.fp:3d}  fn {c.fn:3d}")
    return "\n".join(lines)


def disputes_main(argv: list[str] | None = None) -> int:
    """Command line: score disputes on FILE (default: evaluation/disputes.jsonl)."""
    from extract.pipeline import load_pipeline

    parser = argparse.ArgumentParser(prog="extract.evaluate disputes")
    parser.add_argument("file", nargs="?", default=str(DISPUTES_PATH))
    parser.add_argument("--model", default=None, help="spaCy model name (default: first installed)")
    args = parser.parse_args(argv)
    print(format_dispute_scores(score_disputes(Extractor(load_pipeline(args.model)), args.file)))
    return 0


def main(argv: list[str] | None = None) -> int:
    """Command line: write predictions for GOLD into PRED."""
    from extract.pipeline import load_pipeline

    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["disputes"]:
        return disputes_main(argv[1:])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold")
    parser.add_argument("pred")
    parser.add_argument("--model", default=None, help="spaCy model name (default: first installed)")
    parser.add_argument("--n-process", type=int, default=1)
    args = parser.parse_args(argv)
    extractor = Extractor(load_pipeline(args.model))
    n = write_predictions(extractor, args.gold, args.pred, n_process=args.n_process)
    print(f"wrote {n} articles to {args.pred}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
