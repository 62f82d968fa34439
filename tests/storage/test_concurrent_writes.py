"""Writes that two processes make at once on one SQLite file (or one PostgreSQL schema)."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest
from sqlmodel import Session

from storage.writes import register_feeds
from tests.conftest import ROOT

pytestmark = pytest.mark.slow

FEEDS = [f"https://feeds.example/{n}.rss" for n in range(300)]

# One worker: wait for the start time, then lease 5 feeds at a time (never giving them back)
# until none is left, and print every feed it got.
LEASER = """
import json, sys, time
from datetime import UTC, datetime, timedelta
from sqlmodel import Session
from storage.engine import make_engine
from storage.writes import lease_due_feeds

url, worker, start = sys.argv[1], sys.argv[2], float(sys.argv[3])
engine = make_engine(url)
now = datetime(2026, 6, 9, 8, tzinfo=UTC)
got = []
while time.time() < start:
    time.sleep(0.001)
while True:
    with Session(engine) as session:
        leased = lease_due_feeds(
            session=session, worker=worker, now=now, lease=timedelta(hours=1), limit=5
        )
        session.commit()
    if not leased:
        break
    got += leased
print(json.dumps(got))
"""


def test_two_workers_leasing_at_once_never_get_the_same_feed(engine):
    """Two processes leasing from 300 due feeds at the same moment take each feed once."""
    with Session(engine) as session:
        register_feeds(session=session, urls=FEEDS)
        session.commit()
    url = engine.url.render_as_string(hide_password=False)
    start = time.time() + 3.0
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", LEASER, url, f"w{n}", str(start)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(2)
    ]
    results = []
    try:
        for worker in workers:
            out, err = worker.communicate(timeout=120)
            assert worker.returncode == 0, err[-2000:]
            results.append(json.loads(out))
    finally:  # a hung leaser must not outlive the test
        for worker in workers:
            worker.kill()
    taken = [feed for got in results for feed in got]
    assert sorted(taken) == sorted(FEEDS), "every feed leased exactly once"
    assert all(results), "both workers got work"


def test_feeds_added_at_the_same_moment_are_all_kept(engine):
    """Eight `/digest feeds add` for one channel at once: every feed is kept (no change is
    lost to another's read-modify-write)."""
    import threading

    from bot.digest_settings import ChangeFeeds, apply_change
    from storage.reads import subscription_for_channel
    from storage.writes import subscribe_channel

    with Session(engine) as session:
        subscribe_channel(
            session=session, team_id="T1", channel_id="C1", digest_time="07:30", timezone="UTC"
        )
        session.commit()
    wanted = [f"https://feed{n}.example/rss" for n in range(8)]
    go = threading.Barrier(len(wanted))
    errors: list[BaseException] = []

    def add(feed: str) -> None:
        go.wait()
        try:
            apply_change(
                ChangeFeeds(add=(feed,)), engine=engine, team_id="T1", channel_id="C1", user_id="U1"
            )
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=add, args=(feed,)) for feed in wanted]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    with Session(engine) as session:
        stored = subscription_for_channel(session=session, team_id="T1", channel_id="C1")
    assert sorted(stored.feeds) == wanted
