"""`/who-said` at scale: round trips over HTTP against a database of 1,000,000 statements.

    .venv/bin/python bench/bench_queries.py [--statements 1000000] [--requests 300]
        [--database sqlite|postgresql] [--postgres-url URL]

Builds the database once (cached under data/bench/ for SQLite), serves the real app
behind waitress, sends signed `/who-said` commands like Slack does, and prints p50/p95/p99
of (a) the time to the HTTP response (Slack's 3-second window; target p99 <= 300 ms) and
(b) the time until the answer reaches the fake Slack's response_url (target p95 <= 1 s),
plus the query plan of the statements query. Figures only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from rich.console import Console
from rich.progress import track
from rich.table import Table
from sqlalchemy import func, insert, select, text
from sqlmodel import Session

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench._postgres import fresh_schema  # noqa: E402
from bot.app import create_app  # noqa: E402
from bot.server import BackgroundServer, wsgi_app  # noqa: E402
from storage.engine import make_engine, migrate  # noqa: E402
from storage.models import Article, Speaker, SpeakerAlias, Statement  # noqa: E402
from storage.names import alias_keys, name_key  # noqa: E402
from summit.settings import load_settings  # noqa: E402
from tests.fakes import BOT_TOKEN, TEAM_ID, FakeSlack, SlackSender  # noqa: E402

SECRET = "bench-signing-secret"
CHANNEL = "C0BENCH001"
FIRST = "Anna Boris Chen Dara Elif Femi Greta Hiro Ines Jonas Kwame Lena Mateo Nadia Omar".split()
LAST = "Okafor Lindqvist Moreau Tanaka Haddad Novak Silva Kowalski Petrov Rossi Dubois".split()
PER_ARTICLE = 20
console = Console(width=150)


def build(engine, statements: int, speakers: int = 5000) -> None:
    """Fill an empty database with synthetic speakers, articles and statements."""
    rng = random.Random(7)
    now = datetime(2024, 1, 1, tzinfo=UTC)
    articles = statements // PER_ARTICLE
    with Session(engine) as session:
        names = {f"{rng.choice(FIRST)} {rng.choice(LAST)}{i}" for i in range(speakers)}
        rows = [{"name": n, "key": name_key(n), "kind": "person"} for n in sorted(names)]
        session.execute(insert(Speaker), rows)
        ids = dict(session.execute(select(Speaker.name, Speaker.id)).all())
        session.execute(
            insert(SpeakerAlias),
            [{"speaker_id": ids[n], "alias": a} for n in ids for a in alias_keys(n, "person")],
        )
        session.commit()
        speaker_ids = list(ids.values())
        weights = [1 / (rank + 1) for rank in range(len(speaker_ids))]  # a few speak a lot
        batch = 1000
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
                        "outlet": "Bench Wire",
                        "title": f"Story {i}",
                        "published": now - timedelta(minutes=i),
                        "ingested_at": now - timedelta(minutes=i),
                        "updated_at": now,
                    }
                    for i in chunk
                ],
            )
            article_ids = (
                session.execute(
                    select(Article.id).where(Article.id > first).order_by(Article.id).limit(batch)
                )
                .scalars()
                .all()
            )
            said = rng.choices(speaker_ids, weights, k=len(article_ids) * PER_ARTICLE)
            session.execute(
                insert(Statement),
                [
                    {
                        "article_id": article_id,
                        "speaker_id": said[n * PER_ARTICLE + k],
                        "content": f"the talks on item {k} of story {article_id} were useful",
                        "cue": "said",
                        "kind": "indirect",
                        "start": 0,
                        "end": 10,
                        "extractor_version": "bench",
                        "said_at": now - timedelta(minutes=article_id),
                    }
                    for n, article_id in enumerate(article_ids)
                    for k in range(PER_ARTICLE)
                ],
            )
            session.commit()


def subscribe_channel_for_status(engine) -> None:
    from storage.subscriptions import subscribe_channel

    with Session(engine) as session:
        subscribe_channel(
            session=session,
            team_id=TEAM_ID,
            channel_id=CHANNEL,
            digest_time="07:30",
            timezone="Europe/Brussels",
        )
        session.commit()


def round_trips(
    sender, slack, queries: list[str], label: str, command: str = "/who-said"
) -> tuple[list, list]:
    """Send each query as a signed command; time the HTTP reply and the answer's arrival."""
    http_ms, answer_ms = [], []
    for index, query in enumerate(track(queries, description=f"{command}, {label}")):
        name = f"{label.split()[-1]}-{index}"
        began = time.perf_counter()
        reply = sender.command(
            command, query, response_url=slack.response_url(name), channel_id=CHANNEL
        )
        http_ms.append((time.perf_counter() - began) * 1000)
        if reply.status_code != 200:
            raise SystemExit(f"HTTP {reply.status_code} for {query!r}")
        slack.wait_for(lambda call, n=name: call.name == n, timeout=30)
        answer_ms.append((time.perf_counter() - began) * 1000)
    return http_ms, answer_ms


def percentiles(samples: list[float]) -> tuple[float, float, float]:
    q = statistics.quantiles(samples, n=100, method="inclusive")
    return q[49], q[94], q[98]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--postgres-url", default="postgresql://postgres@127.0.0.1:5432/test")
    args = parser.parse_args()

    if args.database == "sqlite":
        path = ROOT / "data" / "bench" / f"queries-{args.statements}.db"
        url = f"sqlite:///{path}"
        fresh = not path.exists()
    else:
        url = fresh_schema(args.postgres_url, "bench_queries")
        fresh = True
    engine = make_engine(url)
    migrate(engine)
    started = time.perf_counter()
    if fresh:
        build(engine, args.statements)
        if engine.dialect.name == "postgresql":
            with engine.begin() as connection:
                connection.execute(text("ANALYZE"))
    build_seconds = time.perf_counter() - started
    with Session(engine) as session:
        total = session.execute(select(func.count(Statement.id))).scalar_one()
        names = session.execute(select(Speaker.name)).scalars().all()
    console.print(
        f"{engine.dialect.name}: {total:,} statements, {len(names):,} speakers "
        f"(built in {build_seconds:.0f} s)"
        if fresh
        else f"{total:,} statements (cached)"
    )

    with FakeSlack() as slack:
        slack.add_token(BOT_TOKEN)
        slack.add_channel(CHANNEL, name="bench")
        slack.add_user("U0READER01", name="reader")
        settings = replace(
            load_settings({}),
            slack_api_url=slack.api_url,
            slack_bot_token=BOT_TOKEN,
            slack_signing_secret=SECRET,
        )
        app = create_app(settings, engine=engine)
        server = BackgroundServer(wsgi_app(app), threads=8).start()
        rng = random.Random(11)
        with Session(engine) as session:
            busiest = session.execute(
                select(Speaker.name)
                .join(Statement, Statement.speaker_id == Speaker.id)
                .group_by(Speaker.id)
                .order_by(func.count(Statement.id).desc())
                .limit(1)
            ).scalar_one()
        url = server.url
        with SlackSender(url, SECRET) as sender:
            queries = [rng.choice(names) for _ in range(args.requests)]
            queries = [q.split()[-1] if i % 2 else q for i, q in enumerate(queries)]
            http_ms, answer_ms = round_trips(sender, slack, queries, "random speakers")
            busy_http, busy_answer = round_trips(
                sender, slack, [busiest] * max(args.requests // 5, 20), "the busiest speaker"
            )
            subscribe_channel_for_status(engine)
            status_http, status_answer = round_trips(
                sender, slack, ["status"] * args.requests, "digest status", command="/digest"
            )
        server.stop()

    table = Table(title=f"/who-said over HTTP, {total:,} statements ({engine.dialect.name})")
    for column in ("measure", "p50 ms", "p95 ms", "p99 ms", "target"):
        table.add_column(column, justify="right" if "ms" in column else "left")
    p = percentiles(http_ms)
    table.add_row("HTTP response (ack)", *(f"{v:.1f}" for v in p), "p99 <= 300 ms")
    q = percentiles(answer_ms)
    table.add_row("answer at response_url", *(f"{v:.1f}" for v in q), "p95 <= 1000 ms")
    b = percentiles(busy_http)
    table.add_row("HTTP response, busiest speaker", *(f"{v:.1f}" for v in b), "p99 <= 300 ms")
    c = percentiles(busy_answer)
    table.add_row("answer, busiest speaker", *(f"{v:.1f}" for v in c), "p95 <= 1000 ms")
    d = percentiles(status_http)
    table.add_row("/digest status: HTTP response", *(f"{v:.1f}" for v in d), "p99 <= 300 ms")
    e = percentiles(status_answer)
    table.add_row("/digest status: answer", *(f"{v:.1f}" for v in e), "p95 <= 1000 ms")
    console.print(table)
    console.print(f"ratios: p99/p50 ack {p[2] / p[0]:.2f}, answer p95 / target {q[1] / 1000:.2f}")
    show_plan(engine, names[0])
    return 0


def show_plan(engine, name: str) -> None:
    """Print the database's plan for the statements-by-speaker query (which index it uses)."""
    from sqlalchemy.dialects import postgresql, sqlite

    from storage.reads import _statement_query

    with Session(engine) as session:
        speaker_id = session.execute(
            select(Speaker.id).where(Speaker.key == name_key(name))
        ).scalar_one()
        query = (
            _statement_query()
            .where(Statement.speaker_id == speaker_id)
            .order_by(Statement.said_at.desc(), Statement.article_id.desc(), Statement.start)
            .limit(5)
        )
        dialect = sqlite.dialect() if engine.dialect.name == "sqlite" else postgresql.dialect()
        sql = str(query.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))
        explain = "EXPLAIN QUERY PLAN " if engine.dialect.name == "sqlite" else "EXPLAIN "
        rows = session.execute(text(explain + sql)).all()
    console.print("[bold]query plan[/bold] (statements by speaker, newest first):")
    for row in rows:
        console.print("  " + " | ".join(str(v) for v in row))


if __name__ == "__main__":
    raise SystemExit(main())
