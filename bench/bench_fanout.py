"""Digest fan-out: many channels subscribed to the same minute, posted by the real scheduler.

    .venv/bin/python bench/bench_fanout.py [--channels 1000] [--schedulers 2] [--threads 10]
    .venv/bin/python bench/bench_fanout.py --queue [--workers 1,2] [--channels 1000] [--threads 10]

Subscribes `--channels` channels to the next whole minute, starts `--schedulers` real
APScheduler instances (as separate scheduler processes would, sharing one database),
and lets the fake Slack answer 429 with Retry-After whenever a channel gets two messages
within a second (Slack's chat.postMessage limit). Prints the time from the scheduled
minute until the last digest is posted, the number of 429s, and duplicate posts
(target: zero duplicates; no channel waits longer than the rate limit requires).

With `--queue` (PostgreSQL on 127.0.0.1, or BENCH_POSTGRES_URL; a fresh schema per run), every
channel is due at once and the deferring scheduler's catch-up defers one digest job per
channel; then 1 and 2 real `summit worker --concurrency THREADS --queue digests` processes run
them against the same rate-limited fake Slack: time from deferral to the last message, the
speed-up, 429s and duplicates.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from rich.console import Console
from rich.table import Table
from sqlmodel import Session

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from apscheduler.executors.pool import ThreadPoolExecutor  # noqa: E402
from apscheduler.schedulers.background import BackgroundScheduler  # noqa: E402

from bench._postgres import LOCAL, fresh_schema  # noqa: E402
from bot.app import web_client  # noqa: E402
from jobs.queue import DELIVER_DIGEST, JobQueue  # noqa: E402
from jobs.scheduler import catch_up, schedule_all  # noqa: E402
from storage.engine import make_engine, migrate  # noqa: E402
from storage.subscriptions import subscribe_channel  # noqa: E402
from summit.queueing import defer_digest  # noqa: E402
from summit.settings import load_settings  # noqa: E402
from summit.wiring import make_deliver  # noqa: E402
from tests.fakes import BOT_TOKEN, TEAM_ID, FakeSlack  # noqa: E402

console = Console(width=150)
WORKER = [sys.executable, "-m", "summit.cli", "--env-file", "/dev/null", "worker"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--channels", type=int, default=1000)
    parser.add_argument("--schedulers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=10)
    parser.add_argument("--queue", action="store_true", help="procrastinate workers (PostgreSQL)")
    parser.add_argument("--workers", default="1,2", help="with --queue: worker counts to run")
    args = parser.parse_args()
    if args.queue:
        rows = [run_queue(args, int(n)) for n in args.workers.split(",")]
        title = f"digest fan-out on the job queue: {args.channels} channels due at once"
        print_table(title, rows, baseline=rows[0])
        return 0
    print_table(
        f"digest fan-out: {args.channels} channels at the same minute", [run_in_process(args)]
    )
    return 0


@dataclass(frozen=True)
class FanOut:
    label: str
    channels: int
    parents: Counter
    seconds: float
    statuses: Counter


def print_table(title: str, rows: list[FanOut], baseline: FanOut | None = None) -> None:
    table = Table(title=title)
    table.add_column("measure")
    for row in rows:
        table.add_column(row.label, justify="right")
    table.add_row("channels posted", *(f"{len(r.parents)}/{r.channels}" for r in rows))
    table.add_row(
        "seconds from due to the last message (threads included)",
        *(f"{r.seconds:.1f}" for r in rows),
    )
    table.add_row(
        "digests per second", *(f"{len(r.parents) / max(r.seconds, 0.001):.1f}" for r in rows)
    )
    if baseline is not None:
        speed_ups = (baseline.seconds / max(r.seconds, 0.001) for r in rows)
        table.add_row("speed-up", *(f"{x:.2f}x" for x in speed_ups))
    table.add_row("HTTP 429 answers (rate limit hit)", *(str(r.statuses.get(429, 0)) for r in rows))
    table.add_row(
        "duplicate digests",
        *(str(sum(n - 1 for n in r.parents.values() if n > 1)) for r in rows),
    )
    table.add_row("chat.postMessage calls", *(str(sum(r.statuses.values())) for r in rows))
    console.print(table)


def rate_limited_slack(channels: list[str]) -> FakeSlack:
    """A started fake Slack that answers 429 (Retry-After 1) to a second message in a channel
    within a second, as Slack limits chat.postMessage."""
    last_post: dict[str, float] = {}
    lock = threading.Lock()
    slack = FakeSlack().start()
    slack.add_token(BOT_TOKEN)
    for channel in channels:
        slack.add_channel(channel)

    def over_limit(call_args) -> bool:
        channel = call_args.get("channel")
        now = time.monotonic()
        with lock:
            if now - last_post.get(channel, -10) < 1.0:
                return True
            last_post[channel] = now
            return False

    slack.fail("chat.postMessage", status=429, retry_after=1, times=None, when=over_limit)
    return slack


def subscribe_all(engine, channels: list[str], at: datetime) -> None:
    with Session(engine) as session:
        for channel in channels:
            subscribe_channel(
                session=session,
                team_id=TEAM_ID,
                channel_id=channel,
                digest_time=at.strftime("%H:%M"),
                timezone="UTC",
            )
        session.commit()


def measured(label: str, slack: FakeSlack, channels: list[str], start: datetime) -> FanOut:
    last_call = max(c.at for c in slack.calls("chat.postMessage"))
    finished = datetime.fromtimestamp(last_call, UTC)
    return FanOut(
        label=label,
        channels=len(channels),
        parents=Counter(m.channel for m in slack.messages() if not m.is_reply),
        seconds=(finished - start).total_seconds(),
        statuses=Counter(c.status for c in slack.calls("chat.postMessage")),
    )


def run_in_process(args) -> FanOut:
    """`--schedulers` APScheduler instances in this process, posting at the next minute."""
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
    subscribe_all(engine, channels, start)
    slack = rate_limited_slack(channels)
    try:
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
        wait_for_parents(slack, len(channels), deadline)
        for scheduler in schedulers:
            scheduler.shutdown(wait=True)  # lets thread replies (paced 1/s) finish
        return measured(f"{args.schedulers} schedulers", slack, channels, start)
    finally:
        slack.stop()


def run_queue(args, workers: int) -> FanOut:
    """Every channel due now, deferred as one job each by the deferring scheduler's catch-up;
    `workers` real `summit worker --concurrency THREADS` processes run them."""
    url = fresh_schema(os.environ.get("BENCH_POSTGRES_URL", LOCAL), f"bench_fanout_{workers}")
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "JOB_QUEUE": "procrastinate",
        "LOG_LEVEL": os.environ.get("LOG_LEVEL", "WARNING"),
    }
    subprocess.run(  # migrate once, before the workers start
        [sys.executable, "-m", "summit.cli", "--env-file", "/dev/null", "db", "upgrade"],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    engine = make_engine(url)
    ingest_sample(engine)
    due = datetime.now(UTC).replace(second=0, microsecond=0)
    channels = [f"C{n:08d}" for n in range(args.channels)]
    subscribe_all(engine, channels, due)
    slack = rate_limited_slack(channels)
    env |= {"SLACK_API_URL": slack.api_url, "SLACK_BOT_TOKEN": BOT_TOKEN}
    queue = JobQueue.open(url)
    processes = []
    try:
        start = datetime.now(UTC)
        catch_up(engine=engine, deliver=defer_digest(queue), now=start)
        waiting = len(queue.jobs(task=DELIVER_DIGEST, status="todo"))
        console.print(
            f"{waiting} digest jobs deferred; {workers} workers × {args.threads} jobs at once…"
        )
        log_dir = ROOT / "data" / "bench"
        log_dir.mkdir(parents=True, exist_ok=True)
        processes = [
            subprocess.Popen(
                [*WORKER, "--concurrency", str(args.threads), "--queue", "digests"],
                env=env,
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
                stderr=(log_dir / f"fanout-worker-{workers}-{n}.log").open("wb"),
            )
            for n in range(workers)
        ]
        deadline = time.monotonic() + 1200
        wait_for_parents(slack, len(channels), deadline)
        while time.monotonic() < deadline and any(
            queue.jobs(task=DELIVER_DIGEST, status=status) for status in ("todo", "doing")
        ):
            time.sleep(0.5)  # thread replies still going out
        return measured(f"{workers} worker{'s' if workers > 1 else ''}", slack, channels, start)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)
        queue.close()
        engine.dispose()
        slack.stop()


def wait_for_parents(slack: FakeSlack, count: int, deadline: float) -> None:
    while time.monotonic() < deadline:
        if len({m.channel for m in slack.messages() if not m.is_reply}) >= count:
            return
        time.sleep(0.5)


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
