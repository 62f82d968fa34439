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
    for worker in workers:
        out, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err[-2000:]
        results.append(json.loads(out))
    taken = [feed for got in results for feed in got]
    assert sorted(taken) == sorted(FEEDS), "every feed leased exactly once"
    assert all(results), "both workers got work"
