"""Score the position-change detector on the labelled pairs of `evaluation/positions.jsonl`.

    python -m extract.evaluate_positions [PAIRS.jsonl] [--quotes TRAIN.jsonl] [--model NAME]
    python -m extract.evaluate_positions --record     # also store the figures as the gate's

A pair is two statements by one speaker, earlier and later, labelled "change" (the later one
takes the opposite position) or a trap: "same-position" (same issue, same position, other
words) or "other-issue". Our own pairs carry their text; pairs from the internal quotes-dev
set carry only a reference (article id + PolNeAR quote id), resolved here from `--quotes`
(default `../shared/eval/quotes-dev/train.jsonl`), so no article text is in the repository.
Without that file those pairs are skipped and the report says so.

`--record` writes precision, recall and pair count into `extract/position_rules/positions.json`
under "measured", for the rules version it measured: `extract.positions.alerts_allowed`
reads them, and DMs about position changes go out only at precision ≥ 0.85.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from extract.positions import POSITIONS_VERSION, position_change, statement_stances

ROOT = Path(__file__).resolve().parents[1]
PAIRS_PATH = ROOT / "evaluation" / "positions.jsonl"
QUOTES_PATH = ROOT.parent / "shared" / "eval" / "quotes-dev" / "train.jsonl"
RULES_PATH = Path(__file__).resolve().parent / "position_rules" / "positions.json"
CHANGE = "change"
OWN = "own"


@dataclass(frozen=True, slots=True)
class Pair:
    id: str
    source: str
    label: str
    earlier: str
    later: str
    cues: tuple[str, str] = ("said", "said")


@dataclass(frozen=True)
class PositionScores:
    tp: int
    fp: int
    fn: int
    tn: int
    skipped: int
    trap_hits: dict[str, int] = field(default_factory=dict)
    by_source: dict[str, tuple[int, int, int]] = field(default_factory=dict)  # tp, fp, fn
    wrong: tuple[str, ...] = ()

    @property
    def pairs(self) -> int:
        return self.tp + self.fp + self.fn + self.tn

    @property
    def precision(self) -> float:
        return round(self.tp / (self.tp + self.fp), 3) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return round(self.tp / (self.tp + self.fn), 3) if self.tp + self.fn else 0.0

    @property
    def real(self) -> tuple[float, float]:
        """Precision and recall on real statements only (every source but our own text):
        alerts will be about real statements, and our own pairs are the easy ones."""
        tp = fp = fn = 0
        for source, (s_tp, s_fp, s_fn) in self.by_source.items():
            if source != OWN:
                tp, fp, fn = tp + s_tp, fp + s_fp, fn + s_fn
        precision = round(tp / (tp + fp), 3) if tp + fp else 0.0
        return precision, round(tp / (tp + fn), 3) if tp + fn else 0.0


def resolve(ref: dict, articles: dict[str, dict]) -> tuple[str, str] | None:
    """The statement a reference points at, {"article": id, "quote": "E3"}: text and cue."""
    article = articles.get(ref["article"])
    if article is None:
        return None
    for quote in article["quotes"]:
        if quote["polnear_id"] == ref["quote"]:
            return quote["content"], quote["cue"]
    return None


def load_pairs(path: Path, quotes: Path | None) -> tuple[list[Pair], int]:
    """The pairs with their texts, and how many could not be resolved (no quotes file)."""
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    wanted = {
        side["ref"]["article"]
        for row in rows
        for side in (row["earlier"], row["later"])
        if "ref" in side
    }
    articles: dict[str, dict] = {}
    if wanted and quotes is not None and quotes.exists():
        with quotes.open(encoding="utf-8") as lines:
            for line in lines:
                if any(w in line[:200] for w in wanted):
                    article = json.loads(line)
                    if article["id"] in wanted:
                        articles[article["id"]] = article
    pairs, skipped = [], 0
    for row in rows:
        sides = [
            (side["text"], side.get("cue", "said"))
            if "text" in side
            else resolve(side["ref"], articles)
            for side in (row["earlier"], row["later"])
        ]
        if None in sides:
            skipped += 1
            continue
        (earlier, cue_a), (later, cue_b) = sides
        pairs.append(Pair(row["id"], row["source"], row["label"], earlier, later, (cue_a, cue_b)))
    return pairs, skipped


def score_pairs(nlp, pairs: list[Pair], skipped: int = 0) -> PositionScores:
    """Predict a change for each pair and count hits and misses, traps by kind."""
    texts = [text for pair in pairs for text in (pair.earlier, pair.later)]
    cues = [cue for pair in pairs for cue in pair.cues]
    parsed = [statement_stances(doc, cue) for doc, cue in zip(nlp.pipe(texts), cues, strict=True)]
    counts: Counter[str] = Counter()
    traps: Counter[str] = Counter()
    per: dict[str, Counter[str]] = {}
    wrong = []
    for i, pair in enumerate(pairs):
        flagged = position_change(parsed[2 * i], parsed[2 * i + 1]) is not None
        gold = pair.label == CHANGE
        outcome = {(True, True): "tp", (True, False): "fp", (False, True): "fn"}.get(
            (flagged, gold), "tn"
        )
        counts[outcome] += 1
        per.setdefault(pair.source, Counter())[outcome] += 1
        if outcome == "fp":
            traps[pair.label] += 1
        if outcome in ("fp", "fn"):
            wrong.append(f"{outcome} {pair.id} ({pair.source}, {pair.label})")
    return PositionScores(
        tp=counts["tp"],
        fp=counts["fp"],
        fn=counts["fn"],
        tn=counts["tn"],
        skipped=skipped,
        trap_hits=dict(traps),
        by_source={s: (c["tp"], c["fp"], c["fn"]) for s, c in sorted(per.items())},
        wrong=tuple(wrong),
    )


def format_scores(scores: PositionScores) -> str:
    traps = scores.pairs - scores.tp - scores.fn
    lines = [
        f"position changes: {scores.pairs} pairs ({scores.tp + scores.fn} changes, "
        f"{traps} traps), rules {POSITIONS_VERSION}"
        + (f"; {scores.skipped} pairs skipped (quotes file absent)" if scores.skipped else ""),
        f"P {scores.precision:.3f}  R {scores.recall:.3f}  "
        f"(tp {scores.tp}, fp {scores.fp}, fn {scores.fn}, tn {scores.tn}); "
        f"trap hits: {scores.trap_hits or 0}",
        f"real statements only: P {scores.real[0]:.3f}  R {scores.real[1]:.3f}",
    ]
    for source, (tp, fp, fn) in scores.by_source.items():
        lines.append(f"  {source:11s} tp {tp:3d}  fp {fp:3d}  fn {fn:3d}")
    lines += [f"  {line}" for line in scores.wrong]
    return "\n".join(lines)


def record(scores: PositionScores, path: Path = RULES_PATH) -> None:
    """Store the figures as the alert gate's (see `extract.positions.alerts_allowed`)."""
    raw = json.loads(path.read_text("utf-8"))
    raw["measured"] = {
        "version": POSITIONS_VERSION,
        "precision": scores.precision,
        "recall": scores.recall,
        "real_precision": scores.real[0],
        "real_recall": scores.real[1],
        "pairs": scores.pairs,
        "skipped": scores.skipped,
    }
    path.write_text(json.dumps(raw, indent=2, ensure_ascii=False) + "\n", "utf-8")


def main(argv: list[str] | None = None) -> int:
    """Command line: score PAIRS and print the figures (see the module docstring)."""
    from extract.pipeline import load_pipeline

    parser = argparse.ArgumentParser(prog="extract.evaluate_positions")
    parser.add_argument("pairs", nargs="?", default=str(PAIRS_PATH))
    parser.add_argument("--quotes", default=str(QUOTES_PATH), help="quotes-dev train.jsonl")
    parser.add_argument("--model", default=None, help="spaCy model name (default: first installed)")
    parser.add_argument("--record", action="store_true", help="store the figures for the gate")
    args = parser.parse_args(argv)
    pairs, skipped = load_pairs(Path(args.pairs), Path(args.quotes))
    scores = score_pairs(load_pipeline(args.model), pairs, skipped)
    print(format_scores(scores))
    if args.record:
        if skipped:
            print("not recorded: every pair must be scored", file=sys.stderr)
            return 1
        record(scores)
    return 0


if __name__ == "__main__":
    sys.exit(main())
