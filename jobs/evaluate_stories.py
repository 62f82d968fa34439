"""Measure story and summit grouping on labelled (and unlabelled) article sets.

    python -m jobs.evaluate_stories GOLD.jsonl [MORE.jsonl ...] [--shuffles N] [--json]
        [--story-threshold X] [--topic-threshold Y]

Each file has one article a line with `id`, `date` (YYYY-MM-DD), `title` and `text`; lines
may carry `story` and `summit` labels. The articles are fed in date order (then id) through
`jobs.stories.assign_story`, one at a time, against the stored vectors (`story_vector`
bytes) of the articles already seen, exactly as ingest would; a date is taken as midnight
UTC. The stories are then grouped with `group_summits`.

Reported per file: the number of stories and of summit/topic groups, how many articles got
a summit label, and, where the lines are labelled, pairwise precision, recall and F1 of the
predicted stories against `story` and of the predicted groups against `summit`. Pairwise:
every pair of articles is a positive when both are in one cluster; precision is the share
of predicted pairs that are gold pairs, recall the share of gold pairs predicted (each is
1.0 when it has no pairs to count).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Hashable, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from itertools import combinations
from pathlib import Path

from jobs.stories import (
    STORY_THRESHOLD,
    TOPIC_THRESHOLD,
    ArticleItem,
    assign_story,
    group_summits,
    story_title,
    story_vector,
)


@dataclass(frozen=True)
class PairScores:
    """Pairwise clustering scores."""

    precision: float
    recall: float
    f1: float
    true_pairs: int
    predicted_pairs: int
    correct_pairs: int


def pairwise_scores(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> PairScores:
    """Pairwise P/R/F1 of a clustering: `predicted[i]` and `gold[i]` are article i's clusters."""
    if len(predicted) != len(gold):
        raise ValueError("predicted and gold must label the same articles")
    correct = true = guessed = 0
    for i, j in combinations(range(len(gold)), 2):
        same_gold = gold[i] == gold[j]
        same_pred = predicted[i] == predicted[j]
        true += same_gold
        guessed += same_pred
        correct += same_gold and same_pred
    precision = correct / guessed if guessed else 1.0
    recall = correct / true if true else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PairScores(precision, recall, f1, true, guessed, correct)


@dataclass(frozen=True)
class Clustering:
    """Each article's story and summit/topic group, in input order."""

    ids: list[str]
    stories: list[int]
    groups: list[int]
    summit_labels: list[str | None]
    story_titles: dict[int, str]
    group_labels: dict[int, str]


def read_articles(path: Path) -> list[dict]:
    """The JSONL lines of an article set."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def cluster(
    records: Sequence[dict],
    *,
    story_threshold: float = STORY_THRESHOLD,
    topic_threshold: float = TOPIC_THRESHOLD,
    shuffle_seed: int | None = None,
) -> Clustering:
    """Feed the articles in date order through story assignment, then group the stories.

    Articles of one date come in id order, or in a random order fixed by `shuffle_seed`
    (assignment is incremental, so arrival order can change the stories).
    """
    items = [
        ArticleItem(
            key=n,
            title=r.get("title") or "",
            text=r.get("text") or "",
            published=datetime.fromisoformat(r["date"][:10]).replace(tzinfo=UTC),
        )
        for n, r in enumerate(records)
    ]
    rng = random.Random(shuffle_seed)
    ties = [rng.random() if shuffle_seed is not None else 0.0 for _ in items]
    order = sorted(range(len(items)), key=lambda n: (items[n].published, ties[n], records[n]["id"]))
    seen: list[tuple[bytes, int, datetime]] = []
    story_of: dict[int, int] = {}
    for n in order:
        item = items[n]
        story = assign_story(item, seen, threshold=story_threshold)
        if story is None:
            story = len(set(story_of.values()))
        story_of[n] = story
        seen.append((story_vector(item), story, item.published))
    members: dict[int, list[ArticleItem]] = {}
    for n in order:
        members.setdefault(story_of[n], []).append(items[n])
    groups = group_summits(members, threshold=topic_threshold)
    group_of = {sid: g for g, group in enumerate(groups) for sid in group.story_ids}
    return Clustering(
        ids=[r["id"] for r in records],
        stories=[story_of[n] for n in range(len(items))],
        groups=[group_of[story_of[n]] for n in range(len(items))],
        summit_labels=[
            groups[group_of[story_of[n]]].label if groups[group_of[story_of[n]]].key else None
            for n in range(len(items))
        ],
        story_titles={sid: story_title(m) for sid, m in members.items()},
        group_labels={g: group.label for g, group in enumerate(groups)},
    )


def evaluate(records: Sequence[dict], *, shuffles: int = 0, **thresholds: float) -> dict:
    """The report for one article set (`thresholds`: `cluster`'s keyword arguments).

    With `shuffles`, the pairwise F1 is also given as mean, min and max over that many
    random orders of the articles within each date (seeds 0, 1, …).
    """
    result = cluster(records, **thresholds)
    report: dict = {
        "articles": len(records),
        "stories": len(set(result.stories)),
        "summit_or_topic_groups": len(set(result.groups)),
        "summit_groups": len(
            {g for g, s in zip(result.groups, result.summit_labels, strict=True) if s}
        ),
        "articles_with_summit_label": sum(1 for s in result.summit_labels if s),
        "summit_labels": sorted({s for s in result.summit_labels if s}),
    }
    for field, predicted in (("story", result.stories), ("summit", result.groups)):
        gold = [r.get(field) for r in records]
        if all(g is not None for g in gold):
            report[f"{field}_gold_clusters"] = len(set(gold))
            report[f"{field}_pairwise"] = asdict(pairwise_scores(predicted, gold))
    if shuffles and "story_pairwise" in report:
        runs = [cluster(records, shuffle_seed=seed, **thresholds) for seed in range(shuffles)]
        for field in ("story", "summit"):
            gold = [r[field] for r in records]
            f1s = [
                pairwise_scores(run.stories if field == "story" else run.groups, gold).f1
                for run in runs
            ]
            report[f"{field}_f1_over_orders"] = {
                "orders": shuffles,
                "mean": sum(f1s) / len(f1s),
                "min": min(f1s),
                "max": max(f1s),
            }
    return report


def _format(name: str, report: dict) -> str:
    lines = [
        f"{name}: {report['articles']} articles -> {report['stories']} stories, "
        f"{report['summit_or_topic_groups']} summit/topic groups "
        f"({report['summit_groups']} summits), "
        f"{report['articles_with_summit_label']} articles with a summit label",
    ]
    if report["summit_labels"]:
        lines.append(f"  summit labels: {', '.join(report['summit_labels'])}")
    for field in ("story", "summit"):
        scores = report.get(f"{field}_pairwise")
        if scores:
            lines.append(
                f"  {field:6} pairwise P {scores['precision']:.3f} R {scores['recall']:.3f} "
                f"F1 {scores['f1']:.3f} (pairs: gold {scores['true_pairs']}, predicted "
                f"{scores['predicted_pairs']}, correct {scores['correct_pairs']}; "
                f"gold clusters {report[f'{field}_gold_clusters']})"
            )
        spread = report.get(f"{field}_f1_over_orders")
        if spread:
            lines.append(
                f"  {field:6} F1 over {spread['orders']} within-day orders: mean "
                f"{spread['mean']:.3f}, min {spread['min']:.3f}, max {spread['max']:.3f}"
            )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: print the report for each file."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("files", nargs="+", type=Path, help="article sets (JSONL)")
    parser.add_argument("--json", action="store_true", help="print the reports as JSON")
    parser.add_argument(
        "--shuffles", type=int, default=0, help="also score N random within-day orders"
    )
    parser.add_argument("--story-threshold", type=float, default=STORY_THRESHOLD)
    parser.add_argument("--topic-threshold", type=float, default=TOPIC_THRESHOLD)
    args = parser.parse_args(argv)
    thresholds = {
        "story_threshold": args.story_threshold,
        "topic_threshold": args.topic_threshold,
    }
    reports = {
        str(path): evaluate(read_articles(path), shuffles=args.shuffles, **thresholds)
        for path in args.files
    }
    if args.json:
        json.dump(reports, sys.stdout, indent=2)
        print()
    else:
        print("\n".join(_format(name, report) for name, report in reports.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
