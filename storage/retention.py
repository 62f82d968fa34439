"""Retention: claim and de-duplication rows that nothing reads any more are deleted.

Four tables grow with use and are not news: `alert` (one claim per follow-up DM),
`digestpost` (one claim per digest), `seenevent` (Slack event ids, for de-duplication)
and `feedstate` (validators and the work queue, one row per feed ever fetched). Each row
past its retention is deleted unless something still needs it:

- an alert still `claimed` or `sending` (in flight), or `failed` and its user's newest
  claim (the next run retakes that batch; a later claim covers everything a failed one
  had, so an older failed claim is never retaken);
- a digest still `claimed` or `posting`, and each channel's newest posted scheduled digest
  and newest posted `/digest now`: `last_digest_until` starts the next windows at their
  `covers_until`;
- a feed's state while `SUMMIT_FEEDS` or any channel (paused ones included) lists the feed,
  or while a worker holds its lease;
- event ids are kept by age alone: Slack retries within minutes, and the retention is at
  least a day (see `summit/settings.py`).

Deletes go in batches of `BATCH` rows, each committed on its own, so a big backlog never
holds a long lock; each batch's delete repeats its conditions, so a row that changed since
it was selected (an alert retaken, a feed subscribed again) is left alone.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, and_, delete, exists, not_, or_, select
from sqlalchemy.orm import aliased
from sqlmodel import Session

from storage.models import Alert, DigestPost, FeedState, SeenEvent, Subscription
from storage.scope import feed_list
from storage.times import as_utc

BATCH = 500
IN_FLIGHT_ALERTS = ("claimed", "sending")
IN_FLIGHT_DIGESTS = ("claimed", "posting")


@dataclass(frozen=True, slots=True)
class Retention:
    """How long each table keeps its rows (feed states: of feeds nobody reads any more)."""

    alerts: timedelta
    digest_posts: timedelta
    seen_events: timedelta
    feed_states: timedelta


def purge_expired(
    *,
    engine: Engine,
    now: datetime,
    retention: Retention,
    operator_feeds: Collection[str] = (),
    dry_run: bool = False,
    batch: int = BATCH,
) -> dict[str, int]:
    """Delete what retention lets go, per table; with `dry_run`, only count it."""
    now = as_utc(now)
    run = dict(engine=engine, dry_run=dry_run, batch=batch)
    return {
        "alerts": _purge(Alert, Alert.id, _expired_alerts(now - retention.alerts), **run),
        "digest_posts": _purge(
            DigestPost, DigestPost.id, _expired_digests(now - retention.digest_posts), **run
        ),
        "seen_events": _purge(
            SeenEvent,
            SeenEvent.event_id,
            [SeenEvent.seen_at < now - retention.seen_events],
            **run,
        ),
        "feed_states": _purge(
            FeedState,
            FeedState.url,
            _expired_feed_states(now, now - retention.feed_states),
            keep=lambda session: _feeds_in_use(session, operator_feeds),
            **run,
        ),
    }


def _expired_alerts(before: datetime) -> list:
    later = aliased(Alert)
    superseded = exists().where(
        later.team_id == Alert.team_id, later.user_id == Alert.user_id, later.id > Alert.id
    )
    return [
        Alert.claimed_at < before,
        Alert.status.not_in(IN_FLIGHT_ALERTS),
        or_(Alert.status != "failed", superseded),
    ]


def _expired_digests(before: datetime) -> list:
    """Old claims, but neither one in flight nor the newest posted one of its channel and kind
    (scheduled, or `/digest now`); ties on `covers_until` keep the highest id."""
    newer = aliased(DigestPost)
    scheduled = DigestPost.slot == "scheduled"
    same_kind = or_(
        and_(scheduled, newer.slot == "scheduled"), and_(not_(scheduled), newer.slot != "scheduled")
    )
    superseded = exists().where(
        newer.team_id == DigestPost.team_id,
        newer.channel_id == DigestPost.channel_id,
        newer.status == "posted",
        same_kind,
        or_(
            newer.covers_until > DigestPost.covers_until,
            and_(newer.covers_until == DigestPost.covers_until, newer.id > DigestPost.id),
        ),
    )
    return [
        DigestPost.claimed_at < before,
        DigestPost.status.not_in(IN_FLIGHT_DIGESTS),
        or_(DigestPost.status != "posted", DigestPost.covers_until.is_(None), superseded),
    ]


def _expired_feed_states(now: datetime, before: datetime) -> list:
    """Not fetched since `before` (or never) and not leased; whether anyone still reads the
    feed is decided per batch, in Python (`_feeds_in_use`)."""
    return [
        or_(FeedState.last_fetched_at.is_(None), FeedState.last_fetched_at < before),
        or_(FeedState.leased_until.is_(None), FeedState.leased_until < now),
    ]


def _feeds_in_use(session: Session, operator_feeds: Collection[str]) -> set[str]:
    """`SUMMIT_FEEDS` and every channel's feeds, paused channels included (they may resume)."""
    used = {url[:2000] for url in operator_feeds}
    for value in session.exec(select(Subscription.feeds).where(Subscription.feeds != "")):
        used.update(url[:2000] for url in feed_list(value[0]))
    return used


def _purge(
    model: type,
    key,
    where: list,
    *,
    engine: Engine,
    dry_run: bool,
    batch: int,
    keep: Callable[[Session], set] | None = None,
) -> int:
    """Delete (or count) the rows matching `where`, `batch` keys at a time in key order, each
    batch in its own transaction; `keep` names keys to spare, read again for every batch."""
    total, after = 0, None
    while True:
        with Session(engine) as session:
            query = select(key).where(*where).order_by(key).limit(batch)
            if after is not None:
                query = query.where(key > after)
            found = list(session.exec(query).scalars())
            if not found:
                return total
            after = found[-1]
            spared = keep(session) if keep else set()
            doomed = [k for k in found if k not in spared]
            if dry_run or not doomed:
                total += len(doomed)
            else:
                total += session.exec(delete(model).where(key.in_(doomed), *where)).rowcount
                session.commit()
        if len(found) < batch:
            return total
