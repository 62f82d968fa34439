"""Ingest at scale: N articles from local feeds through fetch, clean, extract and store.

    .venv/bin/python bench/bench_ingest.py [--articles 2000] [--feeds 40] [--processes 1,2]
        [--database sqlite|postgresql] [--queue]

A local HTTP server plays `--feeds` RSS feeds whose items link to generated article pages.
For each process count, fresh databases are filled by that many real `summit worker`
processes sharing the feeds through database leases, and the run reports articles per second,
the ratio to bare spaCy `nlp.pipe` over the same cleaned texts (the floor any ingest pays),
the speed-up over one process and every worker's peak memory (RSS). A smaller run first
shows whether memory stays flat as the batch grows. With `--queue` (PostgreSQL), one ingest
job per feed is deferred into the procrastinate queue and the workers are `summit worker`
with JOB_QUEUE=procrastinate, as in a scaled-out deployment. Figures only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape
from pathlib import Path

from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.fakes.feed_server import FeedServer  # noqa: E402

console = Console(width=150)
FIRST = "Amina Bruno Chen Dara Elif Femi Greta Hiro Ines Jonas Kofi Lena Mateo Nadia Omar".split()
LAST = "Okafor Lindqvist Moreau Tanaka Haddad Novak Silva Kowalski Petrov Rossi Dubois".split()
ROLES = ["Foreign Minister", "Trade Minister", "Defence Minister", "Prime Minister", "envoy"]
TOPICS = (
    "harbour treaty fisheries border trade tariffs pipeline grain reactor drones corridor "
    "sanctions ceasefire refugees aid vaccines satellites cables elections monsoon glaciers "
    "railway customs embassies patrols frontier convoys charter quotas subsidies"
).split()
CITIES = "Jakarta Valletta Suva Nairobi Lima Oslo Hanoi Dakar Quito Tbilisi Manila".split()


def article(index: int) -> tuple[str, str]:
    """A generated wire story (title, HTML page) of about 350 words with quotes and a dispute."""
    rng = random.Random(index)
    a = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    b = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    role_a, role_b = rng.sample(ROLES, 2)
    city = rng.choice(CITIES)
    topic = lambda: " and ".join(rng.sample(TOPICS, 2))  # noqa: E731
    title = f"Talks on {topic()} open in {city} ({index})"
    paragraphs = [
        f"{city.upper()} (Bench Wire) — Ministers from {rng.randint(5, 30)} countries met in "
        f"{city} on Monday for talks on {topic()}, with delegates divided over {topic()}.",
        f"{role_a} {a} said the region could not afford another year of delay on {topic()}, "
        f"and that her government would table a proposal on {topic()} by the end of the week.",
        f'"We came here to agree on {topic()}, not to argue about {topic()}," {a.split()[-1]} '
        f'told reporters after the opening session. "Our partners know what is at stake."',
        f"{role_b} {b} rejected the proposal and accused the organisers of ignoring {topic()}.",
        f"According to {b.split()[-1]}, at least {rng.randint(2, 90)} projects on {topic()} had "
        f"stalled since the last meeting in {rng.choice(CITIES)}.",
        f'"Nobody should pretend that {topic()} can wait," {b.split()[-1]} said. '
        f'"We will not sign a text that leaves out {topic()}."',
        f"Officials said a second round on {topic()} was planned for next month, while "
        f"observers warned that the dispute over {topic()} could delay a final statement.",
        f'{a.split()[-1]} said she remained hopeful. "There is a deal to be done on {topic()}, '
        f'and we will keep talking until we find it," she said.',
    ]
    body = "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    page = (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}'
        f'</title><meta property="og:site_name" content="Bench Wire"></head><body>'
        f'<nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>'
        f"{escape(title)}</h1>{body}</article><footer>© Bench Wire</footer></body></html>"
    )
    return title, page


def serve(server: FeedServer, articles: int, feeds: int) -> list[str]:
    """Register the article pages and `feeds` RSS feeds that share them out; return feed URLs."""
    now = datetime(2024, 3, 1, tzinfo=UTC)
    items: list[list[str]] = [[] for _ in range(feeds)]
    for index in range(articles):
        title, page = article(index)
        path = f"/news/{index}"
        server.route(path, body=page.encode(), content_type="text/html; charset=utf-8")
        date = format_datetime(now - timedelta(minutes=index))
        items[index % feeds].append(
            f"<item><title>{escape(title)}</title><link>{server.url(path)}</link>"
            f"<guid>{server.url(path)}</guid><pubDate>{date}</pubDate></item>"
        )
    urls = []
    for number, entries in enumerate(items):
        rss = (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Bench feed {number}</title><link>{server.base_url}</link>"
            + "".join(entries)
            + "</channel></rss>"
        )
        server.route(f"/feed/{number}.rss", body=rss.encode(), content_type="application/rss+xml")
        urls.append(server.url(f"/feed/{number}.rss"))
    return urls


def bare_pipe(pages: list[str]) -> tuple[float, int]:
    """Seconds for bare `nlp.pipe` over the cleaned texts, and their word count."""
    from extract import load_pipeline
    from jobs.clean import clean_document
    from jobs.model import Document

    texts = [
        clean_document(
            Document(
                source=str(i),
                body=p.encode(),
                fetched_at=datetime.now(UTC),
                content_type="text/html",
            )
        ).text
        for i, p in enumerate(pages)
    ]
    nlp = load_pipeline()
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    return time.perf_counter() - started, sum(len(t.split()) for t in texts)


def database_url(kind: str, label: str, tmp: Path) -> str:
    if kind == "sqlite":
        return f"sqlite:///{tmp / f'ingest-{label}.db'}"
    from bench._postgres import LOCAL, fresh_schema

    return fresh_schema(LOCAL, f"bench_ingest_{label}")


def run_workers(
    feeds: list[str], processes: int, url: str, log_dir: Path, *, queue: bool = False
) -> tuple[float, list]:
    """Ingest the feeds with `processes` real `summit worker --once` processes sharing them
    through database leases (or, with `queue`, the job queue's feed jobs), as in production;
    (seconds, peak RSS MB per worker)."""
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "FETCH_DELAY_SECONDS": "0",
        "LOG_LEVEL": "WARNING",
        "SUMMIT_FEEDS": ",".join(feeds),
        "JOB_QUEUE": "procrastinate" if queue else "inprocess",
    }
    subprocess.run(  # migrate once, before the workers race for it
        [sys.executable, "-m", "summit.cli", "--env-file", "/dev/null", "db", "upgrade"],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    if queue:  # what the scheduler does each round: one job per feed
        from jobs.queue import JobQueue

        jobs = JobQueue.open(url)
        try:
            jobs.defer_feeds(feeds)
        finally:
            jobs.close()
    started = time.perf_counter()
    workers = [
        subprocess.Popen(
            [
                sys.executable,
                str(ROOT / "bench" / "_measured.py"),
                sys.executable,
                "-m",
                "summit.cli",
                "--env-file",
                "/dev/null",
                "worker",
                "--once",
            ],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=(log_dir / f"worker-{processes}-{n}.log").open("wb"),
        )
        for n in range(processes)
    ]
    peaks = []
    for worker in workers:
        out, _ = worker.communicate()
        peaks.append(float(out.decode().strip().splitlines()[-1]))
    return time.perf_counter() - started, peaks


def stored(url: str) -> tuple[int, int]:
    from sqlalchemy import func, select
    from sqlmodel import Session

    from storage.engine import make_engine
    from storage.models import Article, Statement

    with Session(make_engine(url)) as session:
        return (
            session.execute(select(func.count(Article.id))).scalar_one(),
            session.execute(select(func.count(Statement.id))).scalar_one(),
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--feeds", type=int, default=40)
    parser.add_argument("--processes", default="1,2")
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--queue", action="store_true", help="procrastinate workers (PostgreSQL)")
    args = parser.parse_args()
    if args.queue and args.database != "postgresql":
        parser.error("--queue needs --database postgresql")
    tmp = ROOT / "data" / "bench"
    tmp.mkdir(parents=True, exist_ok=True)
    pages = [article(i)[1] for i in range(args.articles)]
    bare_seconds, words = bare_pipe(pages)
    console.print(
        f"bare nlp.pipe: {args.articles / bare_seconds:.1f} articles/s "
        f"({words / bare_seconds:,.0f} words/s, {words:,} words)"
    )
    table = Table(
        title=f"ingest of {args.articles} articles from {args.feeds} local feeds "
        f"({args.database}{', job queue' if args.queue else ''})"
    )
    for column in (
        "run",
        "seconds",
        "articles/s",
        "vs bare nlp.pipe",
        "speed-up",
        "articles",
        "statements",
        "peak RSS per worker (MB)",
    ):
        table.add_column(column, justify="left" if column == "run" else "right")
    with FeedServer() as server:
        small = max(args.articles // 4, 1)
        feeds = serve(server, args.articles, args.feeds)
        first = None
        runs = [("1 process, first quarter", 1, feeds[: max(len(feeds) // 4, 1)], small)]
        runs += [
            (f"{n} process{'es' * (n > 1)}", n, feeds, args.articles)
            for n in map(int, args.processes.split(","))
        ]
        for label, processes, share, expected in runs:
            url = database_url(args.database, f"{processes}p{expected}", tmp)
            seconds, peaks = run_workers(share, processes, url, tmp, queue=args.queue)
            articles, statements = stored(url)
            rate = articles / seconds
            first = first or (rate if expected == args.articles else None)
            table.add_row(
                label,
                f"{seconds:.1f}",
                f"{rate:.1f}",
                f"{rate / (args.articles / bare_seconds):.2f}",
                f"{rate / first:.2f}" if first else "—",
                f"{articles}/{expected}",
                f"{statements:,}",
                ", ".join(f"{p:.0f}" for p in peaks),
            )
    console.print(table)
    console.print(
        "peak RSS target: < 600 MB per worker and flat between the quarter and the "
        "full batch; 'vs bare nlp.pipe' is the share of pure parsing speed kept."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
