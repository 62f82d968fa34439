"""The morning brief at scale, and what grouping costs at ingest.

    .venv/bin/python bench/bench_brief.py [--articles 10000] [--repeat 5]
        [--database sqlite|postgresql] [--postgres-url URL] [--ingest-texts 40]

1. Builds a day of news: `--articles` articles (20 statements each: 200,000 statements in the
   window by default, one statement in three carried by other outlets as a cluster), 600
   stories under 30 summits, 20,000 disputes, and one channel with its own private feed.
   Times `read_brief` (what a channel's digest runs: read the window's columns, rank, read
   the kept items, merge) `--repeat` times for the whole day and for a channel's scope with
   a keyword filter, and prints p50/p95 (target p95 <= 2 s) with the query plan of the
   window read (the index on `statement.found_at`, then the article by primary key).
2. Ingests `--ingest-texts` real texts (the bundled samples and PolNeAR dev texts when
   ../shared is there) and prints how long grouping (stories + statement clusters, at
   ingest) took as a share of extraction (target <= 10%).

Figures and ratios from one run; nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from rich.console import Console
from rich.progress import track
from rich.table import Table
from sqlalchemy import insert, select, text
from sqlmodel import Session

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench._postgres import fresh_schema  # noqa: E402
from jobs.brief import read_brief  # noqa: E402
from storage.brief import Reading  # noqa: E402
from storage.engine import make_engine, migrate  # noqa: E402
from storage.keywords import as_filter  # noqa: E402
from storage.models import (  # noqa: E402
    Article,
    ArticleFeed,
    Dispute,
    Speaker,
    Statement,
    StatementCluster,
    Story,
    Subscription,
)
from storage.names import name_key  # noqa: E402
from storage.scope import EVERYTHING, channel_scope  # noqa: E402

PER_ARTICLE = 20
STORIES = 600
SUMMITS = 30
DAY = datetime(2026, 6, 9, tzinfo=UTC)
TEAM, CHANNEL, FEED = "T0BENCH", "C0BENCH", "https://private.example/feed"
OUTLETS = "Dawn Herald Tribune Post Times Wire Gazette Courier Observer Monitor".split()
ROLES = ["President", "Foreign Minister", "ambassador", "analyst", None]
console = Console(width=150)


def build(engine, articles: int) -> None:
    """A day of synthetic news: articles, stories, statements in clusters, disputes."""
    rng = random.Random(11)
    with Session(engine) as session:
        speakers = [f"Speaker {i}" for i in range(3000)]
        session.execute(
            insert(Speaker),
            [{"name": n, "key": name_key(n), "kind": "person"} for n in speakers],
        )
        speaker_ids = session.execute(select(Speaker.id)).scalars().all()
        session.execute(
            insert(Story),
            [
                {
                    "title": f"Story {s}",
                    "summit": f"Summit {s % SUMMITS}",
                    "first_published": DAY,
                    "last_published": DAY,
                    "articles": 0,
                }
                for s in range(STORIES)
            ],
        )
        story_ids = session.execute(select(Story.id)).scalars().all()
        clusters: list[int] = []
        batch = 500
        for first in track(range(0, articles, batch), description="articles + statements"):
            chunk = range(first, min(first + batch, articles))
            session.execute(
                insert(Article),
                [
                    {
                        "canonical_url": f"https://bench.example/{i}",
                        "source": f"https://bench.example/{i}",
                        "content_hash": f"{i:064x}",
                        "status": "ok",
                        "text": "",
                        "outlet": OUTLETS[i % len(OUTLETS)],
                        "title": f"Headline {i}",
                        "published": DAY + timedelta(seconds=8 * i),
                        "ingested_at": DAY + timedelta(seconds=8 * i),
                        "updated_at": DAY + timedelta(seconds=8 * i),
                        "story_id": story_ids[i % STORIES],
                        "origin": "channel" if i % 50 == 0 else "operator",
                    }
                    for i in chunk
                ],
            )
            ids = session.execute(
                select(Article.id, Article.origin)
                .where(Article.canonical_url.in_([f"https://bench.example/{i}" for i in chunk]))
                .order_by(Article.id)
            ).all()
            session.execute(
                insert(ArticleFeed),
                [{"article_id": a, "feed_url": FEED} for a, origin in ids if origin == "channel"],
            )
            rows, started = [], []
            for article_id, _ in ids:
                when = DAY + timedelta(seconds=8 * article_id)
                for k in range(PER_ARTICLE):
                    speaker = rng.choice(speaker_ids)
                    if clusters and rng.random() < 1 / 3:
                        cluster = rng.choice(clusters[-3000:])
                    else:  # ids chosen here, so the clusters go in as one insert
                        cluster = len(clusters) + 1
                        clusters.append(cluster)
                        started.append(
                            {
                                "id": cluster,
                                "speaker_id": speaker,
                                "first_at": when,
                                "statements": 1,
                            }
                        )
                    rows.append(
                        {
                            "article_id": article_id,
                            "speaker_id": speaker,
                            "role": rng.choice(ROLES),
                            "content": f"item {k} of article {article_id}: the talks were useful",
                            "cue": "said",
                            "kind": rng.choice(("direct", "mixed", "indirect")),
                            "start": 0,
                            "end": 10,
                            "extractor_version": "bench",
                            "said_at": when,
                            "found_at": when,
                            "cluster_id": cluster,
                        }
                    )
            session.execute(insert(StatementCluster), started)
            session.execute(insert(Statement), rows)
            session.execute(
                insert(Dispute),
                [
                    {
                        "article_id": article_id,
                        "actor": f"Speaker {article_id % 3000}",
                        "actor_id": speaker_ids[article_id % 3000],
                        "target": f"Speaker {(article_id * 7) % 3000}",
                        "cue": "rejected",
                        "cue_class": "reject",
                        "evidence": "Speaker rejected the plan.",
                        "start": 0,
                        "end": 10,
                        "found_at": DAY + timedelta(seconds=8 * article_id),
                        "actor_type": "person",
                        "escalation": 3,
                        "confidence": 0.9,
                    }
                    for article_id, _ in ids
                    for _ in range(2)
                ],
            )
            session.commit()
        session.add(
            Subscription(team_id=TEAM, channel_id=CHANNEL, keywords="Summit 3 OR talks", feeds=FEED)
        )
        session.commit()


def time_brief(engine, *, scoped: bool, repeat: int) -> tuple[list[float], int, int]:
    samples, statements, disputes = [], 0, 0
    for _ in range(repeat):
        started = time.perf_counter()
        with Session(engine) as session:
            scope = (
                channel_scope(session=session, team_id=TEAM, channel_id=CHANNEL)
                if scoped
                else EVERYTHING
            )
            brief = read_brief(
                session=session,
                reading=Reading(DAY - timedelta(seconds=1), DAY + timedelta(days=1), scope),
                keywords=as_filter(["talks"]) if scoped else None,
            )
        samples.append(time.perf_counter() - started)
        statements, disputes = brief.statement_count, brief.dispute_count
        assert brief.summits
    return samples, statements, disputes


def p(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def show_plan(engine) -> None:
    sql = (
        "SELECT statement.id FROM statement JOIN article ON article.id = statement.article_id "
        "WHERE statement.found_at > :a AND statement.found_at <= :b"
    )
    args = {"a": DAY, "b": DAY + timedelta(days=1)}
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            rows = connection.execute(text("EXPLAIN QUERY PLAN " + sql), args).all()
            plan = "; ".join(str(r[-1]) for r in rows)
        else:
            rows = connection.execute(text("EXPLAIN " + sql), args).all()
            plan = "; ".join(r[0].strip() for r in rows[:4])
    console.print(f"plan of the window read: {plan}")


def grouping_share(count: int) -> None:
    """Extraction time vs grouping time at ingest, on real texts."""
    from extract.extractor import Extractor
    from extract.pipeline import load_pipeline
    from jobs.grouping import Grouper
    from storage.articles import ArticleRecord, store_article

    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").glob("*.txt"))]
    dev = ROOT.parent / "shared" / "eval" / "quotes-dev" / "dev.jsonl"
    if dev.exists():
        texts += [json.loads(line)["text"] for line in dev.open(encoding="utf-8")]
    texts = texts[:count]
    extractor = Extractor(load_pipeline(None))
    started = time.perf_counter()
    extractions = list(extractor.extract_many(texts))
    extract_seconds = time.perf_counter() - started
    engine = make_engine("sqlite://")
    migrate(engine)
    grouping = 0.0
    with Session(engine) as session:
        grouper = Grouper.load(session=session, now=DAY)
        for n, (body, found) in enumerate(zip(texts, extractions, strict=True)):
            result = store_article(
                session=session,
                article=ArticleRecord(f"https://x.example/{n}", "x", str(n), "ok", body),
                statements=found.statements,
                extractor_version="bench",
                now=DAY,
            )
            started = time.perf_counter()
            filed = grouper.file(
                session=session, article_id=result.article_id, title=None, text=body, published=DAY
            )
            grouper.remember(filed)
            session.flush()
            grouping += time.perf_counter() - started
        session.commit()
    console.print(
        f"ingest of {len(texts)} texts: extraction {extract_seconds:.1f} s, grouping "
        f"{grouping:.2f} s = [bold]{grouping / extract_seconds:.1%}[/] of extraction "
        "(target <= 10%)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--postgres-url", default="postgresql://postgres@127.0.0.1:5432/test")
    parser.add_argument("--ingest-texts", type=int, default=40)
    args = parser.parse_args()
    if args.database == "sqlite":
        path = ROOT / "data" / "bench" / f"brief-{args.articles}.db"
        path.parent.mkdir(parents=True, exist_ok=True)
        fresh = not path.exists()
        engine = make_engine(f"sqlite:///{path}")
    else:
        engine = make_engine(fresh_schema(args.postgres_url, "bench_brief"))
        fresh = True
    migrate(engine)
    if fresh:
        started = time.perf_counter()
        build(engine, args.articles)
        if engine.dialect.name == "postgresql":
            with engine.begin() as connection:
                connection.execute(text("ANALYZE"))
        console.print(f"built in {time.perf_counter() - started:.0f} s")
    table = Table(
        title=f"brief build, {engine.dialect.name}, {args.articles:,} articles in the day"
    )
    for column in ("reader", "statement items", "dispute items", "p50 s", "p95 s"):
        table.add_column(column)
    for label, scoped in (("whole day (operator)", False), ("channel scope + keywords", True)):
        samples, statements, disputes = time_brief(engine, scoped=scoped, repeat=args.repeat)
        table.add_row(
            label,
            f"{statements:,}",
            f"{disputes:,}",
            f"{statistics.median(samples):.2f}",
            f"{p(samples, 0.95):.2f}",
        )
    console.print(table)
    show_plan(engine)
    if args.ingest_texts:
        grouping_share(args.ingest_texts)
    return 0


if __name__ == "__main__":
    sys.exit(main())
