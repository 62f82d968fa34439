"""Measure statement clustering (`jobs.clusters`) against gold clusters on quote-annotated news.

    python -m jobs.evaluate_clusters GOLD.jsonl                 # mode 1: cluster gold statements
    python -m jobs.evaluate_clusters GOLD.jsonl --extract       # mode 2: cluster extracted ones
    python -m jobs.evaluate_clusters GOLD.jsonl --sweep         # threshold × min-shared grid
    options: --limit N (first N articles), --window-days D (0: no window), --all-speakers,
             --gold-min-shared K, --gold-window-days D

GOLD is one article per line, {"id", "date" (YYYY-MM-DD), "publisher", "text", "quotes":
[{"speaker", "speaker_type", "content", "content_spans", "direct", "mixed"}]}, as in
`summitday-dev.jsonl` and the PolNeAR `train.jsonl`.

Gold clusters: two gold statements are the same statement when they have the same speaker
(the exact name string), come from different articles reported within 3 days of each other,
and the overlap coefficient |A∩B| / min(|A|, |B|) of their word sets is at least 0.5 with at
least 2 shared words; the relation is closed transitively (union-find). Gold word sets are
`clusters.tokens` minus spaCy's English stop words. Only statements by named speakers
(speaker_type person, named_other or organisation, and not an unresolved pronoun) take part
unless --all-speakers.

The window and the two shared words are there because the closure amplifies every loose
link: with one shared word and no window (`--gold-min-shared 1 --gold-window-days 0`) one
summitday cluster gathers 26 unrelated statements from three summits ("very good," joins
anything "good") and train's largest holds 699, so pairwise recall measures the blob.

Scores are pairwise over cross-article pairs (two statements of one article are never a
pair): precision = pairs in one predicted cluster that are in one gold cluster / pairs in
one predicted cluster; recall the other way round.

Mode 1 clusters the gold statements themselves with `clusters.assign`, article by article
in date order (as ingest will), with speaker_key = the gold speaker name and said_at = the
article date. Mode 2 runs the extractor on the article texts, keys speakers with
`clusters.speaker_keys`, clusters the predicted statements the same way, and maps each to
the gold statement whose content spans hold the most of its words (at least half of them);
only pairs whose two members both map to gold statements are scored, a pair being gold-
positive when the two gold statements share a gold cluster.

The article texts are publishers' copyright: this reads them from ../shared for internal
measurement only and writes nothing.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import combinations
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS

from jobs import clusters
from jobs.clusters import QuoteItem

GOLD_THRESHOLD = 0.5
GOLD_MIN_SHARED = 2
GOLD_WINDOW = timedelta(days=3)
NAMED_TYPES = frozenset({"person", "named_other", "organisation"})
_WORD = re.compile(r"\w+")
_NO_WINDOW = timedelta.max


@dataclass(frozen=True, slots=True)
class PairScores:
    """Pairwise counts and precision, recall and F1 over cross-article pairs."""

    predicted: int
    gold: int
    both: int

    @property
    def precision(self) -> float:
        return self.both / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.both / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _cross_pairs(groups: Iterable[tuple[Hashable, ...]]) -> int:
    """Pairs that share the group (its first fields) but not the article (its last field)."""
    keys = list(groups)
    together = Counter(k[:-1] for k in keys)
    same_article = Counter(keys)
    return sum(n * (n - 1) // 2 for n in together.values()) - sum(
        n * (n - 1) // 2 for n in same_article.values()
    )


def pairwise(
    predicted: Sequence[Hashable], gold: Sequence[Hashable], articles: Sequence[Hashable]
) -> PairScores:
    """Pairwise scores of a predicted clustering against a gold one, over the same items.

    `predicted[i]`, `gold[i]` and `articles[i]` are item i's predicted cluster, gold
    cluster and article; pairs within one article are left out. Linear in the items.
    """
    if not len(predicted) == len(gold) == len(articles):
        raise ValueError("predicted, gold and articles must have one entry per item")
    return PairScores(
        predicted=_cross_pairs(zip(predicted, articles, strict=True)),
        gold=_cross_pairs(zip(gold, articles, strict=True)),
        both=_cross_pairs(zip(predicted, gold, articles, strict=True)),
    )


@dataclass(frozen=True, slots=True)
class GoldStatement:
    """One gold statement of one article, with the word sets the gold rule compares."""

    article: int
    speaker: str
    content: str
    kind: str
    spans: tuple[tuple[int, int], ...]
    named: bool
    words: frozenset[str]


def gold_words(content: str) -> frozenset[str]:
    """The gold rule's word set: tokens minus spaCy's English stop words, no stems."""
    return frozenset(
        t for t in clusters.tokens(content) if t not in STOP_WORDS and (len(t) > 1 or t.isdigit())
    )


def _kind(quote: dict) -> str:
    return "direct" if quote.get("direct") else "mixed" if quote.get("mixed") else "indirect"


def load_articles(path: Path, limit: int | None = None) -> list[dict]:
    """Articles of a gold file, in file order (the first `limit` when given)."""
    articles: list[dict] = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                articles.append(json.loads(line))
            if limit is not None and len(articles) >= limit:
                break
    return articles


def gold_statements(articles: Sequence[dict]) -> list[GoldStatement]:
    """Every gold statement of the articles, in article order."""
    out: list[GoldStatement] = []
    for index, article in enumerate(articles):
        for quote in article.get("quotes", []):
            named = quote.get("speaker_type") in NAMED_TYPES and quote.get("speaker_resolved", True)
            out.append(
                GoldStatement(
                    article=index,
                    speaker=quote["speaker"],
                    content=quote["content"],
                    kind=_kind(quote),
                    spans=tuple((int(s), int(e)) for s, e in quote.get("content_spans", [])),
                    named=bool(named),
                    words=gold_words(quote["content"]),
                )
            )
    return out


def gold_clusters(
    statements: Sequence[GoldStatement],
    dates: Sequence[datetime],
    *,
    min_shared: int = GOLD_MIN_SHARED,
    window: timedelta = GOLD_WINDOW,
) -> list[int]:
    """Gold cluster of each statement: same speaker, other article reported within `window`
    (`dates` per article), overlap coefficient ≥ 0.5 with ≥ `min_shared` shared words,
    closed transitively. A cluster is named by its lowest statement index."""
    parent = list(range(len(statements)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_speaker: defaultdict[str, list[int]] = defaultdict(list)
    for i, statement in enumerate(statements):
        if statement.words:
            by_speaker[statement.speaker].append(i)
    for members in by_speaker.values():
        for i, j in combinations(members, 2):
            a, b = statements[i], statements[j]
            if a.article == b.article or abs(dates[a.article] - dates[b.article]) > window:
                continue
            shared = len(a.words & b.words)
            if (
                shared >= max(1, min_shared)
                and shared / min(len(a.words), len(b.words)) >= GOLD_THRESHOLD
            ):
                ri, rj = find(i), find(j)
                if ri != rj:
                    parent[max(ri, rj)] = min(ri, rj)
    return [find(i) for i in range(len(statements))]


def article_dates(articles: Sequence[dict]) -> list[datetime]:
    """Each article's date (YYYY-MM-DD) as a datetime at midnight."""
    return [datetime.strptime(a["date"][:10], "%Y-%m-%d") for a in articles]


def cluster_in_order(
    items: Sequence[QuoteItem],
    *,
    window: timedelta = clusters.WINDOW,
    threshold: float = clusters.THRESHOLD,
    min_shared: int = clusters.MIN_SHARED,
) -> list[int]:
    """Cluster ids for `items` as ingest would make them: one `assign` call per article, in
    date order, with the speaker's statements reported within the window as `known`."""
    by_article: defaultdict[int, list[int]] = defaultdict(list)
    for i, item in enumerate(items):
        by_article[item.article_key].append(i)
    order = sorted(by_article, key=lambda a: (items[by_article[a][0]].said_at, a))
    history: defaultdict[str, list[tuple[QuoteItem, int]]] = defaultdict(list)
    result = [0] * len(items)
    for article in order:
        members = by_article[article]
        new = [items[i] for i in members]
        when = new[0].said_at
        known = [
            pair
            for speaker in {item.speaker_key for item in new}
            for pair in history[speaker]
            if abs(pair[0].said_at - when) <= window
        ]
        joined = clusters.assign(
            new, known, window=window, threshold=threshold, min_shared=min_shared
        )
        for i, item, cluster in zip(members, new, joined, strict=True):
            result[i] = item.key if cluster is None else cluster
            history[item.speaker_key].append((item, result[i]))
    return result


def cluster_counts(ids: Sequence[Hashable], articles: Sequence[Hashable]) -> dict[str, int]:
    """Statements, clusters, clusters spanning two or more articles, and the largest size."""
    size = Counter(ids)
    spread: defaultdict[Hashable, set[Hashable]] = defaultdict(set)
    for cluster, article in zip(ids, articles, strict=True):
        spread[cluster].add(article)
    return {
        "statements": len(ids),
        "clusters": len(size),
        "multi_article": sum(1 for s in spread.values() if len(s) > 1),
        "largest": max(size.values(), default=0),
    }


@dataclass(frozen=True, slots=True)
class GoldRule:
    """The gold rule's knobs beyond the 0.5 overlap coefficient."""

    min_shared: int = GOLD_MIN_SHARED
    window: timedelta = GOLD_WINDOW


def _window(days: float) -> timedelta:
    return timedelta(days=days) if days > 0 else _NO_WINDOW


@dataclass
class Run:
    """One evaluated configuration: scores and cluster counts."""

    label: str
    scores: PairScores
    predicted: dict[str, int]
    gold: dict[str, int]


def mode_gold(
    articles: Sequence[dict],
    *,
    window: timedelta,
    all_speakers: bool,
    gold_rule: GoldRule,
    grid: Sequence[tuple[float, int]],
) -> list[Run]:
    """Mode 1: cluster the gold statements with `assign` under each (threshold, min_shared)."""
    dates = article_dates(articles)
    statements = [s for s in gold_statements(articles) if all_speakers or s.named]
    gold = gold_clusters(
        statements, dates, min_shared=gold_rule.min_shared, window=gold_rule.window
    )
    items = [
        QuoteItem(i, s.speaker, s.content, s.kind, dates[s.article], s.article)
        for i, s in enumerate(statements)
    ]
    art = [s.article for s in statements]
    runs = []
    for threshold, min_shared in grid:
        ids = cluster_in_order(items, window=window, threshold=threshold, min_shared=min_shared)
        runs.append(
            Run(
                f"gold statements, t={threshold:.2f} min={min_shared}",
                pairwise(ids, gold, art),
                cluster_counts(ids, art),
                cluster_counts(gold, art),
            )
        )
    return runs


def _word_positions(text: str, start: int, end: int) -> list[int]:
    return [m.start() for m in _WORD.finditer(text, start, end)]


def map_to_gold(
    text: str, start: int, end: int, candidates: Sequence[tuple[int, GoldStatement]]
) -> int | None:
    """The gold statement (index) whose content spans hold the most of the predicted words,
    when they hold at least half of them; else None."""
    positions = _word_positions(text, start, end)
    if not positions:
        return None
    best, best_count = None, 0
    for index, statement in candidates:
        count = sum(1 for p in positions if any(s <= p < e for s, e in statement.spans))
        if count > best_count:
            best, best_count = index, count
    return best if best_count * 2 >= len(positions) else None


def extract_statements(articles: Sequence[dict]) -> list[list]:
    """The extractor's statements for each article (loads the spaCy pipeline)."""
    from extract.extractor import Extractor
    from extract.pipeline import load_pipeline

    extractor = Extractor(load_pipeline(None))
    return [list(e.statements) for e in extractor.extract_many(a["text"] for a in articles)]


def mode_extract(
    articles: Sequence[dict],
    predictions: Sequence[Sequence],
    *,
    window: timedelta,
    all_speakers: bool,
    gold_rule: GoldRule,
    grid: Sequence[tuple[float, int]],
) -> list[Run]:
    """Mode 2: cluster extracted statements; score pairs that both map to gold statements."""
    dates = article_dates(articles)
    statements = gold_statements(articles)
    universe = [i for i, s in enumerate(statements) if all_speakers or s.named]
    gold_of = dict(
        zip(
            universe,
            gold_clusters(
                [statements[i] for i in universe],
                dates,
                min_shared=gold_rule.min_shared,
                window=gold_rule.window,
            ),
            strict=True,
        )
    )
    per_article: defaultdict[int, list[tuple[int, GoldStatement]]] = defaultdict(list)
    for i, s in enumerate(statements):
        per_article[s.article].append((i, s))
    keys = clusters.speaker_keys(s.speaker for found in predictions for s in found)
    items: list[QuoteItem] = []
    scored: list[int] = []  # items that map to a gold statement in the universe
    gold: list[int] = []  # and that statement's gold cluster
    for article, found in enumerate(predictions):
        for s in found:
            target = map_to_gold(articles[article]["text"], s.start, s.end, per_article[article])
            if target is not None and target in gold_of:
                scored.append(len(items))
                gold.append(gold_of[target])
            items.append(
                QuoteItem(len(items), keys[s.speaker], s.content, s.kind, dates[article], article)
            )
    art = [items[i].article_key for i in scored]
    print(f"extracted statements: {len(items)}, mapped to a scored gold statement: {len(scored)}")
    runs = []
    for threshold, min_shared in grid:
        ids = cluster_in_order(items, window=window, threshold=threshold, min_shared=min_shared)
        runs.append(
            Run(
                f"extracted, t={threshold:.2f} min={min_shared}",
                pairwise([ids[i] for i in scored], gold, art),
                cluster_counts(ids, [it.article_key for it in items]),
                cluster_counts(gold, art),
            )
        )
    return runs


def print_table(runs: Sequence[Run]) -> None:
    """One line per run: pairs, P/R/F1, and predicted / gold cluster counts."""
    header = (
        f"{'run':<34} {'pred':>7} {'gold':>7} {'both':>7} {'P':>6} {'R':>6} {'F1':>6}"
        f"  {'clusters pred (multi, max)':<26} gold (multi, max)"
    )
    print(header)
    print("-" * len(header))
    for run in runs:
        s, p, g = run.scores, run.predicted, run.gold
        print(
            f"{run.label:<34} {s.predicted:>7} {s.gold:>7} {s.both:>7} {s.precision:>6.3f} "
            f"{s.recall:>6.3f} {s.f1:>6.3f}  "
            f"{p['clusters']:>6} ({p['multi_article']:>4}, {p['largest']:>3})"
            f"{'':<11} {g['clusters']:>6} ({g['multi_article']:>4}, {g['largest']:>3})"
        )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m jobs.evaluate_clusters", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("gold", type=Path, help="gold JSONL (one article per line)")
    parser.add_argument("--extract", action="store_true", help="cluster extracted statements")
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    parser.add_argument(
        "--window-days", type=float, default=clusters.WINDOW.days, help="0: no time window"
    )
    parser.add_argument("--all-speakers", action="store_true", help="unnamed speakers too")
    parser.add_argument("--gold-min-shared", type=int, default=GOLD_MIN_SHARED)
    parser.add_argument(
        "--gold-window-days", type=float, default=GOLD_WINDOW.days, help="0: no time window"
    )
    parser.add_argument("--sweep", action="store_true", help="a threshold × min-shared grid")
    args = parser.parse_args(argv)

    window = _window(args.window_days)
    grid = (
        [(t, m) for m in (1, 2, 3) for t in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8)]
        if args.sweep
        else [(clusters.THRESHOLD, clusters.MIN_SHARED)]
    )
    command = " ".join(["python -m jobs.evaluate_clusters", *(argv or sys.argv[1:])])
    print(f"$ {command}")
    articles = load_articles(args.gold, args.limit)
    print(
        f"{len(articles)} articles; method window {args.window_days or 'none'} days; gold: same "
        f"speaker, overlap coefficient ≥ {GOLD_THRESHOLD} with ≥ {args.gold_min_shared} "
        f"shared word(s), within {args.gold_window_days or 'unlimited'} days, "
        f"{'all' if args.all_speakers else 'named'} speakers",
        flush=True,
    )
    started = time.perf_counter()
    options = {
        "window": window,
        "all_speakers": args.all_speakers,
        "gold_rule": GoldRule(args.gold_min_shared, _window(args.gold_window_days)),
        "grid": grid,
    }
    if args.extract:
        runs = mode_extract(articles, extract_statements(articles), **options)
    else:
        runs = mode_gold(articles, **options)
    print_table(runs)
    print(f"({time.perf_counter() - started:.1f} s)")
    print(f"modes: python -m jobs.evaluate_clusters {args.gold} [--extract [--limit N]] [--sweep]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
