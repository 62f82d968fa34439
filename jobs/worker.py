"""Ingest work shared through the database: any number of workers, each feed fetched once.

Every source to ingest has a FeedState row. A worker leases the feeds that are due
(`storage.writes.lease_due_feeds`: FOR UPDATE SKIP LOCKED on PostgreSQL), ingests them
(each article commits with its statements), and gives them back due again after the
interval. A worker killed mid-batch loses nothing: what it stored is complete, and its
lease runs out so another worker takes the feeds over; re-ingesting is idempotent.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import TypeVar

from sqlalchemy import Engine
from sqlmodel import Session

from storage.writes import lease_due_feeds, register_feeds, release_feeds

log = logging.getLogger(__name__)
T = TypeVar("T")

LEASE = timedelta(minutes=15)
BATCH = 10


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
    """
    now = now or datetime.now(UTC)
    with Session(engine) as session:
        register_feeds(session=session, urls=list(sources))
        leased = lease_due_feeds(
            session=session, worker=worker, now=now, lease=lease, limit=batch, only=list(sources)
        )
        session.commit()
    if not leased:
        return [], None
    log.info("%s leased %d feeds", worker, len(leased))
    try:
        return leased, ingest(leased)
    finally:
        with Session(engine) as session:
            release_feeds(session=session, urls=leased, worker=worker, next_fetch_at=now + every)
            session.commit()


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
