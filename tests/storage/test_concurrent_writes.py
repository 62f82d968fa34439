"""Writes that two processes make at once on one SQLite file (or one PostgreSQL schema)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from sqlmodel import Session

from storage.feeds import register_feeds
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
from storage.feeds import lease_due_feeds

url, worker = sys.argv[1], sys.argv[2]
engine = make_engine(url)
now = datetime(2026, 6, 9, 8, tzinfo=UTC)
got = []
print("ready", flush=True)
sys.stdin.readline()  # "go": every worker has imported and connected
while True:
    with Session(engine) as session:
        leased = lease_due_feeds(
            session=session, worker=worker, now=now, lease=timedelta(hours=1), limit=5
        )
        session.commit()
    if not leased:
        break
    got += leased
    time.sleep(0.002)  # fetching the leased feeds, as a real worker does between leases
print(json.dumps(got))
"""


def test_two_workers_leasing_at_once_never_get_the_same_feed(engine):
    """Two processes leasing from 300 due feeds at the same moment take each feed once."""
    with Session(engine) as session:
        register_feeds(session=session, urls=FEEDS)
        session.commit()
    results = at_once(LEASER, engine, ["w0", "w1"])
    taken = [feed for got in results for feed in got]
    assert sorted(taken) == sorted(FEEDS), "every feed leased exactly once"
    assert all(results), "both workers got work"


def at_once(script: str, engine, names: list[str]) -> list:
    """Run `script` in one process per name (`url name` as arguments), all starting their work
    at the same instant: each prints "ready" once imported and connected, and waits for a line
    on stdin, sent to all once all are ready (however long imports take on a busy machine).
    Returns what each printed last, as JSON."""
    url = engine.url.render_as_string(hide_password=False)
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", script, url, name],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in names
    ]
    results = []
    try:
        for process in processes:
            assert process.stdout.readline().strip() == "ready", process.stderr.read()[-2000:]
        for process in processes:
            process.stdin.write("go\n")
            process.stdin.flush()
        for process in processes:
            out, err = process.communicate(timeout=120)
            assert process.returncode == 0, err[-2000:]
            results.append(json.loads(out.strip().splitlines()[-1]))
    finally:  # a hung process must not outlive the test
        for process in processes:
            process.kill()
    return results


# One `/digest feeds add` after another for one channel, each adding one feed of this
# process's own, all from the start time on; prints the feeds it added.
FEED_ADDER = """
import json, sys, time
from sqlmodel import Session
from storage.engine import make_engine
from storage.subscriptions import change_feeds

url, name = sys.argv[1], sys.argv[2]
engine = make_engine(url)
added = []
print("ready", flush=True)
sys.stdin.readline()
for n in range(10):
    feed = f"https://{name}-{n}.example/rss"
    with Session(engine) as session:
        change_feeds(session=session, team_id="T1", channel_id="C1", add=[feed], limit=20)
        session.commit()
    added.append(feed)
print(json.dumps(added))
"""


def test_two_processes_adding_feeds_at_once_keep_every_feed(engine):
    """Two processes each adding 10 feeds to one channel, one by one, from the same moment:
    the channel ends with all 20 (the compare-and-set loses no other process's change)."""
    from storage.reads import subscription_for_channel
    from storage.subscriptions import subscribe_channel

    with Session(engine) as session:
        subscribe_channel(
            session=session, team_id="T1", channel_id="C1", digest_time="07:30", timezone="UTC"
        )
        session.commit()
    results = at_once(FEED_ADDER, engine, ["a", "b"])
    with Session(engine) as session:
        stored = subscription_for_channel(session=session, team_id="T1", channel_id="C1")
    assert sorted(stored.feeds) == sorted(results[0] + results[1])
    assert len(stored.feeds) == 20


# `/digest now` as the job claims it: one claim per channel and minute of asking (its slot).
# Claims slots now:0 … now:99 of one channel in order from the start time on, as requests
# made together do; prints the slots it won.
NOW_CLAIMER = """
import json, sys, time
from datetime import UTC, date, datetime
from sqlmodel import Session
from storage.engine import make_engine
from storage.claims import claim_digest

url, name = sys.argv[1], sys.argv[2]
engine = make_engine(url)
won = []
print("ready", flush=True)
sys.stdin.readline()
for n in range(100):
    now = datetime.now(UTC)
    with Session(engine) as session:
        claim = claim_digest(
            session=session, team_id="T1", channel_id="C1", digest_date=date(2026, 6, 9),
            covers_from=None, covers_until=now, slot=f"now:{n}", now=now,
        )
        session.commit()
        if claim is not None:
            won.append(f"now:{n}")
print(json.dumps(won))
"""


def test_two_processes_claiming_digest_now_at_once_win_each_slot_once(engine):
    """Two processes claiming the same 100 `/digest now` slots (channel and minute) at the
    same moment: each slot is won by exactly one of them, so one digest is posted per slot."""
    results = at_once(NOW_CLAIMER, engine, ["p0", "p1"])
    won = [slot for slots in results for slot in slots]
    assert sorted(won) == sorted(f"now:{n}" for n in range(100))


def test_feeds_added_at_the_same_moment_are_all_kept(engine):
    """Eight `/digest feeds add` for one channel at once: every feed is kept (no change is
    lost to another's read-modify-write)."""
    import threading

    from bot.commands.digest import ChangeFeeds, apply_change
    from storage.reads import subscription_for_channel
    from storage.subscriptions import subscribe_channel

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
