"""Ingest workers sharing feeds through database leases, as real processes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from html import escape
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlmodel import Session

from jobs.fetch import MAX_RETRY_AFTER, Fetcher
from jobs.worker import ingest_round
from storage.feeds import lease_due_feeds, register_feeds, release_feeds
from storage.models import Article, FeedState, Statement
from storage.subscriptions import subscribe_channel, update_subscription
from storage.times import as_utc
from summit.settings import Settings
from summit.wiring import ingest_due_sources, ingest_sources
from tests.conftest import ROOT
from tests.jobs.test_ingest import distinct_story

pytestmark = pytest.mark.slow

NOW = datetime(2024, 3, 1, 8, 0, tzinfo=UTC)


def serve_feeds(feed_server, feeds: int, per_feed: int) -> list[str]:
    """`feeds` RSS feeds, each linking `per_feed` distinct article pages."""
    urls = []
    for f in range(feeds):
        items = []
        for n in range(per_feed):
            index = f * per_feed + n
            title, *paragraphs = distinct_story(index).split("\n\n")
            page = "<html><head><title>{}</title></head><body><article><h1>{}</h1>{}</article>"
            body = page.format(
                escape(title), escape(title), "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
            )
            feed_server.route(f"/a/{index}", body=body.encode(), content_type="text/html")
            link = feed_server.url(f"/a/{index}")
            items.append(f"<item><title>{escape(title)}</title><link>{link}</link></item>")
        rss = f"<rss version='2.0'><channel><title>f{f}</title>{''.join(items)}</channel></rss>"
        feed_server.route(f"/feed/{f}.rss", body=rss.encode(), content_type="application/rss+xml")
        urls.append(feed_server.url(f"/feed/{f}.rss"))
    return urls


def worker(engine, feeds: list[str], *args: str, log: Path | None = None) -> subprocess.Popen:
    """`summit worker *args` reading `feeds`; with `log`, it logs at INFO to that file (a
    process left running must not fill a pipe nobody reads)."""
    env = {
        **os.environ,
        "DATABASE_URL": engine.url.render_as_string(hide_password=False),
        "SUMMIT_FEEDS": ",".join(feeds),
        "FETCH_DELAY_SECONDS": "0",
        "LOG_LEVEL": "INFO" if log else "WARNING",
        "JOB_QUEUE": "inprocess",  # ingest under feed leases, also on PostgreSQL
    }
    command = [sys.executable, "-m", "summit.cli", "--env-file", "/nonexistent/.env", "worker"]
    output = log.open("wb") if log else subprocess.PIPE
    try:
        return subprocess.Popen(
            [*command, *args],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT if log else subprocess.PIPE,
        )
    finally:
        if log:
            output.close()


def counts(engine) -> tuple[int, int, int]:
    with Session(engine) as session:
        articles = session.exec(select(func.count(Article.id))).scalar_one()
        urls = session.exec(select(func.count(func.distinct(Article.canonical_url)))).scalar_one()
        statements = session.exec(select(func.count(Statement.id))).scalar_one()
    return articles, urls, statements


def test_two_workers_share_the_feeds_and_store_each_article_once(engine, feed_server):
    """Two worker processes at once: every feed fetched once, every article stored once."""
    feeds = serve_feeds(feed_server, feeds=6, per_feed=3)
    first, second = worker(engine, feeds, "--once"), worker(engine, feeds, "--once")
    for process in (first, second):
        _, err = process.communicate(timeout=180)
        assert process.returncode == 0, err.decode()[-2000:]
    articles, urls, statements = counts(engine)
    assert articles == urls == 18 and statements > 0
    assert all(feed_server.hits(f"/feed/{f}.rss") == 1 for f in range(6))
    with Session(engine) as session:
        assert all(row.leased_until is None for row in session.exec(select(FeedState)).scalars())


def test_a_leased_feed_is_left_alone_until_the_lease_runs_out(engine):
    """A live lease keeps other workers off a feed; an expired one is taken over."""
    with Session(engine) as session:
        register_feeds(session=session, urls=["https://a.example/feed", "https://b.example/feed"])
        held = lease_due_feeds(
            session=session, worker="w1", now=NOW, lease=timedelta(minutes=5), limit=1
        )
        other = lease_due_feeds(
            session=session, worker="w2", now=NOW, lease=timedelta(minutes=5), limit=5
        )
        session.commit()
        assert len(held) == 1 and other and set(other).isdisjoint(held)
        assert (
            lease_due_feeds(
                session=session, worker="w3", now=NOW, lease=timedelta(minutes=5), limit=5
            )
            == []
        )
        later = NOW + timedelta(minutes=6)
        taken = lease_due_feeds(
            session=session, worker="w3", now=later, lease=timedelta(minutes=5), limit=5
        )
        assert sorted(taken) == sorted(held + other)
        release_feeds(
            session=session, urls=taken, worker="w3", next_fetch_at=later + timedelta(hours=1)
        )
        session.commit()
        assert (
            lease_due_feeds(
                session=session, worker="w4", now=later, lease=timedelta(minutes=5), limit=5
            )
            == []
        )


def test_worker_killed_mid_batch_loses_and_duplicates_nothing(engine, feed_server):
    """kill -9 a worker mid-batch, start another once its lease ran out: all stored, once."""
    feeds = serve_feeds(feed_server, feeds=4, per_feed=6)
    victim = worker(engine, feeds, "--lease-seconds", "3")
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and counts(engine)[0] < 3:
        time.sleep(0.05)
    victim.send_signal(signal.SIGKILL)
    victim.wait(timeout=10)
    stored_before = counts(engine)[0]
    assert 0 < stored_before < 24, "the kill did not land mid-batch"
    time.sleep(3.5)  # the victim's lease (3 s) runs out; nothing else can make it expire
    survivor = worker(engine, feeds, "--once", "--json", "--lease-seconds", "3")
    out, err = survivor.communicate(timeout=180)
    assert survivor.returncode == 0, err.decode()[-2000:]
    articles, urls, _ = counts(engine)
    assert articles == urls == 24
    summaries = json.loads(out.decode().strip().splitlines()[-1])
    assert sum(s["new"] for s in summaries) == 24 - stored_before


def next_fetches(engine) -> dict[str, datetime]:
    with Session(engine) as session:
        return {r.url: as_utc(r.next_fetch_at) for r in session.exec(select(FeedState)).scalars()}


@pytest.mark.parametrize(
    ("status", "header", "every", "wait"),
    [
        (429, "120", timedelta(minutes=1), timedelta(seconds=120)),
        (429, "30", timedelta(minutes=5), timedelta(minutes=5)),
        (503, None, timedelta(hours=1), timedelta(hours=2)),
        (429, "999999", timedelta(minutes=1), timedelta(seconds=MAX_RETRY_AFTER)),
    ],
)
def test_throttled_feed_is_released_after_its_retry_after(
    engine, feed_server, status, header, every, wait
):
    """A 429/503 feed is given back no earlier than max(interval, Retry-After) (capped at 6 h;
    twice the interval without the header) and is not leased before; other feeds keep the
    interval."""
    headers = {"Retry-After": header} if header else {}
    feed_server.route("/a-gone.rss", "gone", status=404)  # fetched first: URL order
    feed_server.route("/b-busy.rss", "slow down", status=status, headers=headers)
    gone, busy = feed_server.url("/a-gone.rss"), feed_server.url("/b-busy.rss")

    def ingest(sources):
        fetcher = Fetcher(delay=0, read_timeout=2.0)
        return ingest_sources(sources, engine=engine, extractor=None, now=NOW, fetcher=fetcher)

    leased, summary = ingest_round(
        [gone, busy], engine=engine, ingest=ingest, worker="w1", every=every, now=NOW
    )
    assert sorted(leased) == [gone, busy] and set(summary.retry_after) == {busy}
    after = next_fetches(engine)
    assert after[gone] == NOW + every
    assert NOW + wait <= after[busy] < NOW + wait + timedelta(seconds=60)
    just_before = after[busy] - timedelta(seconds=1)
    with Session(engine) as session:
        due = lease_due_feeds(
            session=session, worker="w2", now=just_before, lease=timedelta(minutes=5), limit=5
        )
        assert busy not in due
        assert busy in lease_due_feeds(
            session=session, worker="w3", now=after[busy], lease=timedelta(minutes=5), limit=5
        )


def test_channel_feeds_may_not_reach_private_addresses_but_operator_feeds_may(engine, feed_server):
    """Through the worker wiring: a channel's feed on 127.0.0.1 is refused unrequested, an
    operator (SUMMIT_FEEDS) feed there is ingested, and one listed by both is trusted."""
    operator, channel, both = serve_feeds(feed_server, feeds=3, per_feed=1)
    with Session(engine) as session:
        subscribe_channel(
            session=session, team_id="T1", channel_id="C1", digest_time="07:30", timezone="UTC"
        )
        update_subscription(session=session, team_id="T1", channel_id="C1", feeds=[channel, both])
        session.commit()
    settings = Settings(feeds=(operator, both), fetch_delay_seconds=0)
    [summary] = ingest_due_sources(settings, engine=engine, worker="w1")
    assert summary.new == 2
    assert [(f.source, f.reason) for f in summary.failed] == [
        (channel, "refused: 127.0.0.1 resolves to a loopback address (127.0.0.1)")
    ]
    assert feed_server.hits("/feed/1.rss") == 0 and feed_server.hits("/a/1") == 0
    assert feed_server.hits("/feed/0.rss") == feed_server.hits("/feed/2.rss") == 1


def test_a_feed_that_crashes_its_parser_is_backed_off_and_the_batch_goes_on(engine, feed_server):
    """A feed whose parsing raises (a JSON Feed 5,000 levels deep) fails alone, is left alone
    for twice the interval (at least 15 minutes), and the other feed of its batch is read."""
    deep = '{"version": "https://jsonfeed.org/version/1.1", "items": ' + "[" * 5000 + "]" * 5000
    feed_server.route("/a-deep.json", deep + "}", content_type="application/json")
    feed_server.route("/b-gone.rss", "gone", status=404)
    crashing, gone = feed_server.url("/a-deep.json"), feed_server.url("/b-gone.rss")
    every = timedelta(minutes=5)

    def ingest(sources):
        fetcher = Fetcher(delay=0, read_timeout=2.0)
        return ingest_sources(sources, engine=engine, extractor=None, now=NOW, fetcher=fetcher)

    leased, summary = ingest_round(
        [crashing, gone], engine=engine, ingest=ingest, worker="w1", every=every, now=NOW
    )
    assert sorted(leased) == [crashing, gone]
    assert {f.source for f in summary.failed} == {crashing, gone}
    after = next_fetches(engine)
    assert after[gone] == NOW + every
    assert after[crashing] >= NOW + timedelta(minutes=15)


def test_a_worker_process_survives_a_poison_feed_and_keeps_ingesting(engine, feed_server, tmp_path):
    """A running `summit worker` given a JSON Feed 5,000 levels deep beside a good feed: the
    good feed's articles are stored, the poison feed is reported failed and left alone for at
    least 15 minutes, and the process keeps working (it reads the good feed when due again)."""
    deep = '{"version": "https://jsonfeed.org/version/1.1", "items": ' + "[" * 5000 + "]" * 5000
    feed_server.route("/a-deep.json", deep + "}", content_type="application/json")
    [good] = serve_feeds(feed_server, feeds=1, per_feed=3)
    poison, log = feed_server.url("/a-deep.json"), tmp_path / "worker.log"
    started = datetime.now(UTC)
    process = worker(engine, [poison, good], "--poll", "0.5", log=log)
    try:
        settled = wait_for(
            lambda: counts(engine)[0] == 3 and poison in next_fetches(engine) and released(engine),
            process,
            log,
        )
        assert settled, "the first round never finished"
        assert next_fetches(engine)[poison] >= started + timedelta(minutes=15)
        reports = [line for line in log.read_text().splitlines() if "ingested" in line]
        assert any(poison in line and "RecursionError" in line for line in reports), reports
        serve_feeds(feed_server, feeds=1, per_feed=4)  # the good feed has a new article
        with Session(engine) as session:  # stands in for the good feed's interval passing
            session.get(FeedState, good).next_fetch_at = datetime.now(UTC) - timedelta(seconds=1)
            session.commit()
        assert wait_for(lambda: counts(engine)[0] == 4, process, log), "no second round"
        assert feed_server.hits("/a-deep.json") == 1 and process.poll() is None
    finally:
        process.kill()
        process.wait(timeout=10)


def released(engine) -> bool:
    with Session(engine) as session:
        return all(row.leased_until is None for row in session.exec(select(FeedState)).scalars())


def wait_for(condition, process: subprocess.Popen, log: Path, timeout: float = 120) -> bool:
    """Poll `condition` while `process` runs; fail with its log if it exits."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        if process.poll() is not None:
            pytest.fail(f"the worker exited ({process.returncode}):\n{log.read_text()[-3000:]}")
        time.sleep(0.1)
    return False


def test_a_batch_that_outlives_its_lease_keeps_its_feeds_while_it_runs(engine):
    """A live worker renews its leases while it ingests, so a slow batch is never taken over;
    the lease runs out only when the worker stops renewing (it died)."""
    feeds = ["https://slow.example/a.rss", "https://slow.example/b.rss"]
    stolen: list[str] = []

    def slow_ingest(sources):
        time.sleep(2.5)  # past the 1-second lease, several renewals
        with Session(engine) as session:
            stolen.extend(
                lease_due_feeds(
                    session=session,
                    worker="w2",
                    now=datetime.now(UTC),
                    lease=timedelta(minutes=5),
                    limit=5,
                )
            )
            session.commit()
        return None

    leased, _ = ingest_round(
        feeds,
        engine=engine,
        ingest=slow_ingest,
        worker="w1",
        every=timedelta(minutes=5),
        now=datetime.now(UTC),
        lease=timedelta(seconds=1),
    )
    assert sorted(leased) == feeds and stolen == []
