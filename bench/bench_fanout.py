"""Digest fan-out: many channels subscribed to the same minute, posted by the real scheduler.

    .venv/bin/python bench/bench_fanout.py [--channels 1000] [--schedulers 2] [--threads 10]

Subscribes `--channels` channels to the next whole minute, starts `--schedulers` real
APScheduler instances (as separate scheduler processes would, sharing one database),
and lets the fake Slack answer 429 with Retry-After whenever a channel gets two messages
within a second (Slack's chat.postMessage limit). Prints the time from the scheduled
minute until the last digest is posted, the number of 429s, and duplicate posts
(target: zero duplicates; no channel waits longer than the rate limit requires).
"""

from __future__ import annotations

import argparse
import sys
import threading
import time
from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from rich.console import Console
from rich.table import Table
from sqlmodel import Session

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from apscheduler.executors.pool import ThreadPoolExecutor  # noqa: E402
from apscheduler.schedulers.background import BackgroundScheduler  # noqa: E402

from bot.app import web_client  # noqa: E402
from jobs.scheduler import schedule_all  # noqa: E402
from storage.engine import make_engine, migrate  # noqa: E402
from storage.subscriptions import subscribe_channel  # noqa: E402
from summit.settings import load_settings  # noqa: E402
from summit.wiring import make_deliver  # noqa: E402
from tests.fakes import BOT_TOKEN, TEAM_ID, FakeSlack  # noqa: E402

console = Console(width=150)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--channels", type=int, default=1000)
    parser.add_argument("--schedulers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=10)
    args = parser.parse_args()

    path = ROOT / "data" / "bench" / "fanout.db"
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    engine = make_engine(f"sqlite:///{path}")
    migrate(engine)
    ingest_sample(engine)

    start = datetime.now(UTC).replace(second=0, microsecond=0) + timedelta(minutes=1)
    if (start - datetime.now(UTC)).total_seconds() < 15:
        start += timedelta(minutes=1)
    channels = [f"C{n:08d}" for n in range(args.channels)]
    with Session(engine) as session:
        for channel in channels:
            subscribe_channel(
                session=session,
                team_id=TEAM_ID,
                channel_id=channel,
                digest_time=start.strftime("%H:%M"),
                timezone="UTC",
            )
        session.commit()

    last_post: dict[str, float] = {}
    lock = threading.Lock()
    limited = Counter()

    with FakeSlack() as slack:
        slack.add_token(BOT_TOKEN)
        for channel in channels:
            slack.add_channel(channel)

        def over_limit(call_args) -> bool:  # one message per second per channel, as Slack
            channel = call_args.get("channel")
            now = time.monotonic()
            with lock:
                if now - last_post.get(channel, -10) < 1.0:
                    limited[channel] += 1
                    return True
                last_post[channel] = now
                return False

        slack.fail("chat.postMessage", status=429, retry_after=1, times=None, when=over_limit)
        settings = replace(
            load_settings({}), slack_api_url=slack.api_url, slack_bot_token=BOT_TOKEN
        )
        schedulers = []
        for _ in range(args.schedulers):
            client = web_client(settings, retries=5)
            scheduler = BackgroundScheduler(
                timezone=UTC, executors={"default": ThreadPoolExecutor(args.threads)}
            )
            schedule_all(
                scheduler, engine=engine, deliver=make_deliver(engine=engine, client=client)
            )
            scheduler.start()
            schedulers.append(scheduler)
        console.print(
            f"{args.channels} channels due at {start:%H:%M:%S} UTC; "
            f"{args.schedulers} schedulers × {args.threads} threads; waiting…"
        )
        deadline = time.monotonic() + (start - datetime.now(UTC)).total_seconds() + 600
        while time.monotonic() < deadline:
            posted = {m.channel for m in slack.messages() if not m.is_reply}
            if len(posted) >= args.channels:
                break
            time.sleep(0.5)
        for scheduler in schedulers:
            scheduler.shutdown(wait=True)  # lets thread replies (paced 1/s) finish
        last_call = max(c.at for c in slack.calls("chat.postMessage"))
        finished = datetime.fromtimestamp(last_call, UTC)
        parents = Counter(m.channel for m in slack.messages() if not m.is_reply)
        statuses = Counter(c.status for c in slack.calls("chat.postMessage"))

    table = Table(title=f"digest fan-out: {args.channels} channels at the same minute")
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_row("channels posted", f"{len(parents)}/{args.channels}")
    table.add_row(
        "seconds from the scheduled minute to the last message (threads included)",
        f"{(finished - start).total_seconds():.1f}",
    )
    table.add_row(
        "digests per second", f"{len(parents) / max((finished - start).total_seconds(), 0.001):.1f}"
    )
    table.add_row("HTTP 429 answers (rate limit hit)", str(statuses.get(429, 0)))
    table.add_row("duplicate digests", str(sum(n - 1 for n in parents.values() if n > 1)))
    table.add_row("chat.postMessage calls", str(sum(statuses.values())))
    console.print(table)
    return 0


def ingest_sample(engine) -> None:
    """Something to digest: the bundled samples, through the real pipeline."""
    from extract import Extractor, load_pipeline
    from jobs.ingest import ingest_documents
    from jobs.sources import iter_documents

    now = datetime.now(UTC)
    documents = iter_documents([str(ROOT / "samples")], fetcher=None, now=now)
    ingest_documents(documents, engine=engine, extractor=Extractor(load_pipeline()), now=now)


if __name__ == "__main__":
    raise SystemExit(main())
