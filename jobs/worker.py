"""Ingest work shared through the database: any number of workers, each feed fetched once.

Every source to ingest has a FeedState row. A worker leases the feeds that are due
(`storage.feeds.lease_due_feeds`: FOR UPDATE SKIP LOCKED on PostgreSQL), ingests them
(each article commits with its statements), and gives them back due again after the
interval. While it works it renews the batch's leases every third of the lease. A worker
killed mid-batch loses nothing: what it stored is complete, its renewals stop and its lease
runs out, so another worker takes the feeds over; re-ingesting is idempotent.

A feed whose server answered 429/503 is given back later than the interval: after the
Retry-After it sent (never before `now + every`), or twice the interval (at least
`BACKOFF_FLOOR`) when it did not say.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import TypeVar

from sqlalchemy import Engine
from sqlmodel import Session

from storage.feeds import (
    feed_is_due,
    lease_due_feeds,
    register_feeds,
    release_feeds,
    renew_feeds,
    schedule_feed,
)

log = logging.getLogger(__name__)
T = TypeVar("T")

LEASE = timedelta(minutes=15)
BATCH = 10
BACKOFF_FLOOR = timedelta(minutes=15)  # a throttled feed without Retry-After waits at least this


def worker_name() -> str:
    """host:pid — what a lease records, so operators can tell who holds a feed."""
    return f"{socket.gethostname()}:{os.getpid()}"


def ingest_round(
    sources: Sequence[str],
    *,
    engine: Engine,
    ingest: Callable[[list[str]], T],
    worker: str,
    every: timedelta,
    now: datetime | None = None,
    lease: timedelta = LEASE,
    batch: int = BATCH,
) -> tuple[list[str], T | None]:
    """Register `sources`, lease the due ones, ingest them with `ingest`, give them back.

    Returns (the leased sources, what `ingest` returned); ([], None) when nothing was due.
    When that result has a `retry_after` mapping (an `IngestSummary` does), the sources in
    it are given back later, as `backoff` says.
    """
    now = now or datetime.now(UTC)
    with Session(engine) as session:
        register_feeds(session=session, urls=list(sources))
        leased = lease_due_feeds(
            session=session,
            worker=worker,
            now=now,
            lease=lease,
            limit=batch,
            only=list(sources),
        )
        session.commit()
    if not leased:
        return [], None
    log.info("%s leased %d feeds", worker, len(leased))
    started, result = time.monotonic(), None
    heartbeat = _Heartbeat(engine, leased, worker=worker, lease=lease)
    try:
        result = ingest(leased)
        return leased, result
    finally:
        heartbeat.stop()
        # Retry-After counts from the answer, which came during the round, not before it.
        done = now + timedelta(seconds=time.monotonic() - started)
        backed_off = _backed_off(result, now, done, every)
        later = {url: when for url, when in backed_off.items() if url in leased}
        for url, when in later.items():
            log.info("%s: %s asked us to back off; next fetch at %s", worker, url, when)
        with Session(engine) as session:
            release_feeds(
                session=session,
                urls=leased,
                worker=worker,
                next_fetch_at=now + every,
                later=later,
            )
            session.commit()


class _Heartbeat:
    """Renews a batch's leases every third of the lease while the worker ingests it, so a
    slow batch (many entries, slow hosts) is never taken over by another worker; when the
    worker dies the renewals stop and the lease runs out."""

    def __init__(self, engine: Engine, urls: Sequence[str], *, worker: str, lease: timedelta):
        self.engine, self.urls, self.worker, self.lease = engine, list(urls), worker, lease
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, name=f"lease {worker}", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.stopped.wait(self.lease.total_seconds() / 3):
            try:
                with Session(self.engine) as session:
                    until = datetime.now(UTC) + self.lease
                    renew_feeds(session=session, urls=self.urls, worker=self.worker, until=until)
                    session.commit()
            except Exception:  # the database away for a moment: the next beat tries again
                log.warning("%s could not renew its feed leases", self.worker, exc_info=True)

    def stop(self) -> None:
        self.stopped.set()
        self.thread.join(timeout=30)


def backoff(every: timedelta, retry_after: float) -> timedelta:
    """How long to leave a throttled feed alone: its Retry-After (never less than the
    interval), or, when it gave none (0), twice the interval and at least `BACKOFF_FLOOR`.

    >>> backoff(timedelta(minutes=1), 120)
    datetime.timedelta(seconds=120)
    >>> backoff(timedelta(hours=1), 0)
    datetime.timedelta(seconds=7200)
    """
    if retry_after > 0:
        return max(every, timedelta(seconds=retry_after))
    return max(2 * every, BACKOFF_FLOOR)


def ingest_due(
    sources: Sequence[str],
    *,
    engine: Engine,
    ingest: Callable[[list[str]], T],
    worker: str,
    every: timedelta,
    lease: timedelta = LEASE,
    batch: int = BATCH,
) -> list[T]:
    """Lease and ingest, batch after batch, until nothing among `sources` is due.

    Each source is taken at most once per call, even when `every` is zero (cron mode).
    """
    remaining, results = list(dict.fromkeys(sources)), []
    while remaining:
        leased, result = ingest_round(
            remaining,
            engine=engine,
            ingest=ingest,
            worker=worker,
            every=every,
            lease=lease,
            batch=batch,
        )
        if not leased:
            break
        results.append(result)
        taken = set(leased)
        remaining = [source for source in remaining if source not in taken]
    return results


def ingest_if_due(
    source: str,
    *,
    engine: Engine,
    ingest: Callable[[list[str]], T],
    every: timedelta,
    now: datetime | None = None,
) -> T | None:
    """The job queue's ingest of one feed: no lease (the job's lock keeps the feed to one
    worker at a time), only its schedule. Ingest `source` if it is due, then record when it
    is due again (later when its server asked us to back off). A worker killed meanwhile
    leaves it due: the retried job ingests it again, which stores nothing twice. Returns
    what `ingest` returned, or None when the feed was not due."""
    now = now or datetime.now(UTC)
    with Session(engine) as session:
        register_feeds(session=session, urls=[source])
        due = feed_is_due(session=session, url=source, now=now)
        session.commit()
    if not due:
        return None
    started = time.monotonic()
    result = ingest([source])
    done = now + timedelta(seconds=time.monotonic() - started)
    again = _backed_off(result, now, done, every).get(source, now + every)
    with Session(engine) as session:
        schedule_feed(session=session, url=source, next_fetch_at=again)
        session.commit()
    return result


def _backed_off(result, now: datetime, done: datetime, every: timedelta) -> dict[str, datetime]:
    """When the feeds whose servers asked us to back off (a result's `retry_after`, as an
    `IngestSummary` has) are due again; Retry-After counts from the answer, during the run."""
    waits = getattr(result, "retry_after", None)
    return {
        url: max(now + every, done + backoff(every, seconds))
        for url, seconds in (waits.items() if isinstance(waits, Mapping) else ())
    }
