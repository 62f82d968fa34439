"""Feed state: what a feed answered last (for conditional requests), when it is due again,
and the leases that share due feeds among in-process ingest workers (on the job queue a
feed's job lock keeps it to one worker, and only its schedule is kept here)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from storage.models import (
    FeedState,
)
from storage.times import as_utc


def record_feed_fetch(
    *,
    session: Session,
    url: str,
    etag: str | None,
    last_modified: str | None,
    at: datetime,
    error: str | None = None,
) -> None:
    """Remember a feed's validators (kept when a 304 brings none) and its last error."""
    row = session.get(FeedState, url[:2000]) or FeedState(url=url[:2000])
    row.etag = etag or row.etag
    row.last_modified = last_modified or row.last_modified
    row.last_fetched_at = as_utc(at)
    row.last_error = error[:1000] if error else error
    session.add(row)


def register_feeds(*, session: Session, urls: Sequence[str]) -> int:
    """Make sure every source has a FeedState row (the work queue); return how many were new."""
    known = set(session.exec(select(FeedState.url).where(FeedState.url.in_(list(urls)))).scalars())
    added = 0
    for url in dict.fromkeys(urls):
        if url in known or not url.strip():
            continue
        try:
            with session.begin_nested():
                session.add(FeedState(url=url[:2000]))
                session.flush()
            added += 1
        except IntegrityError:  # another worker registered it first
            pass
    return added


def _due(now: datetime):
    """A condition on `FeedState`: never fetched, or its next fetch time has come."""
    return or_(FeedState.next_fetch_at.is_(None), FeedState.next_fetch_at <= as_utc(now))


def feed_is_due(*, session: Session, url: str, now: datetime) -> bool:
    """Whether `url` may be fetched now (`_due`)."""
    due = session.exec(select(FeedState.url).where(FeedState.url == url[:2000], _due(now))).first()
    return due is not None


def schedule_feed(*, session: Session, url: str, next_fetch_at: datetime) -> None:
    """When `url` is due again (a queue job's ingest: no lease to give back)."""
    session.exec(
        update(FeedState)
        .where(FeedState.url == url[:2000])
        .values(next_fetch_at=as_utc(next_fetch_at))
    )


def lease_due_feeds(
    *,
    session: Session,
    worker: str,
    now: datetime,
    lease: timedelta,
    limit: int,
    only: Sequence[str] | None = None,
) -> list[str]:
    """Lease up to `limit` feeds that are due and not leased by a live worker.

    On PostgreSQL the rows are locked with FOR UPDATE SKIP LOCKED, so workers running at
    the same moment each take different feeds without waiting on one another. Each feed is
    then taken with a conditional update (only while it is still free), so on SQLite, where
    two workers may read the same free feeds before either writes, only one of them gets each.
    A lease that ran out (its worker died) is taken over.
    """
    now = as_utc(now)
    free = or_(FeedState.leased_until.is_(None), FeedState.leased_until < now)
    query = (
        select(FeedState)
        .where(_due(now), free)
        .order_by(FeedState.next_fetch_at.is_not(None), FeedState.next_fetch_at, FeedState.url)
    )
    if only is not None:
        query = query.where(FeedState.url.in_(list(only)))
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    taken: list[str] = []
    while len(taken) < limit:  # feeds another worker took meanwhile are not free any more
        wanted = query.with_only_columns(FeedState.url).limit(limit - len(taken))
        if taken:  # this worker's own are free to it: not twice
            wanted = wanted.where(FeedState.url.not_in(taken))
        candidates = list(session.exec(wanted).scalars())
        if not candidates:
            break
        for url in candidates:
            result = session.exec(
                update(FeedState)
                .where(FeedState.url == url, free)
                .values(leased_until=now + lease, leased_by=worker[:100])
            )
            if result.rowcount == 1:
                taken.append(url)
    return taken


def renew_feeds(*, session: Session, urls: Sequence[str], worker: str, until: datetime) -> int:
    """Extend this worker's leases on `urls` to `until` (a live worker's heartbeat); returns
    how many it still held."""
    result = session.exec(
        update(FeedState)
        .where(FeedState.url.in_(list(urls)), FeedState.leased_by == worker[:100])
        .values(leased_until=as_utc(until))
    )
    return result.rowcount


def release_feeds(
    *,
    session: Session,
    urls: Sequence[str],
    worker: str,
    next_fetch_at: datetime,
    later: dict[str, datetime] | None = None,
) -> None:
    """Give leased feeds back, due again at `next_fetch_at` (only this worker's leases).

    Feeds in `later` (those whose server asked us to back off) are due at their own time.
    """
    due: dict[datetime, list[str]] = {}
    for url in dict.fromkeys(urls):
        due.setdefault((later or {}).get(url, next_fetch_at), []).append(url)
    for when, group in due.items():
        session.exec(
            update(FeedState)
            .where(FeedState.url.in_(group), FeedState.leased_by == worker[:100])
            .values(leased_until=None, leased_by=None, next_fetch_at=as_utc(when))
        )
