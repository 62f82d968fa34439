"""Posting a channel's digest exactly once.

The unique (channel, digest date) claim row is taken before anything is posted, so a
restart, a second scheduler process or a retry can never post the same digest twice.
A failed attempt releases the claim for a retry; a thread cut short is continued later
under the same parent; a channel the bot cannot post to is recorded (and shown by
status) instead of being retried forever; and a post whose answer was lost (a timeout
after sending) is flagged, not re-posted, because Slack may already show it. A window with
at least three disputes between named parties gets the dispute map in the thread
(`jobs.map_post.post_day_map`), after the digest is recorded as posted.

Each claim is leased (`storage.claims.DIGEST_LEASE`), and every message posted renews the
lease: a poster that dies before asking Slack leaves a claim that is retaken once the lease
runs out; one that dies while posting leaves "posting", which then becomes "uncertain".
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from bot.outcomes import answer_lost, why
from bot.render_brief import brief_messages
from jobs.brief import read_brief
from jobs.map_post import post_day_map
from storage.brief import Reading
from storage.claims import (
    claim_digest,
    earlier_claim_within,
    finish_digest,
    mark_digest_posting,
    withdraw_digest_claim,
)
from storage.keywords import as_filter
from storage.reads import DISPUTE_MIN_CONFIDENCE, last_digest_until
from storage.scope import channel_scope
from storage.subscriptions import record_channel_error
from storage.times import as_utc

log = logging.getLogger(__name__)

FIRST_DIGEST_WINDOW = timedelta(hours=24)
PER_CHANNEL_INTERVAL = 1.0  # chat.postMessage allows about one message per second per channel
# Errors that no retry can fix: the channel is gone or the bot is not in it.
PERMANENT_ERRORS = frozenset(
    {
        "not_in_channel",
        "channel_not_found",
        "is_archived",
        "account_inactive",
        "invalid_auth",
        "token_revoked",
        "restricted_action",
        "missing_scope",
    }
)

Outcome = Literal["posted", "already-claimed", "failed", "unreachable", "uncertain", "partial"]
RECORD_ATTEMPTS = 4  # about 15 s of database outage is waited out when recording


@dataclass(frozen=True, slots=True)
class Delivery:
    outcome: Outcome
    ts: str | None = None
    error: str | None = None
    messages: int = 0


@dataclass(frozen=True, slots=True)
class DigestTarget:
    """Where a digest goes and what it shows: `min_confidence` is DISPUTE_MIN_CONFIDENCE."""

    team_id: str
    channel_id: str
    keywords: tuple[str, ...] = ()
    detailed: bool = False
    min_confidence: float = DISPUTE_MIN_CONFIDENCE


def deliver_digest(
    target: DigestTarget,
    *,
    engine: Engine,
    client: WebClient,
    digest_date: date,
    now: datetime,
    slot: str = "scheduled",
    sleep: Callable[[float], None] = time.sleep,
    alone_within: timedelta | None = None,
) -> Delivery:
    """Claim, build, post and record one channel's digest for `digest_date`.

    `slot` separates the scheduled digest from on-demand ones (`/digest now`), which
    each claim a slot of their own. A claim taken again after a failed or abandoned attempt
    covers the window it was first claimed for, and continues the thread under the parent
    already posted, if any. `now` is also when the claim's lease starts. With
    `alone_within`, a claim looks for another of its kind of slot taken that long before it
    and, finding one, withdraws and posts nothing: `/digest now`'s cooldown check and its
    claim are two steps, and two requests either side of a minute claim different slots.
    """
    now = as_utc(now)
    claimed_at = now
    with Session(engine) as session:
        since = last_digest_until(
            session=session,
            team_id=target.team_id,
            channel_id=target.channel_id,
            scheduled_only=slot == "scheduled",
        ) or (now - FIRST_DIGEST_WINDOW)
        claim = claim_digest(
            session=session,
            team_id=target.team_id,
            channel_id=target.channel_id,
            digest_date=digest_date,
            covers_from=since,
            covers_until=now,
            slot=slot,
            now=claimed_at,
        )
        session.commit()
        if claim is None:
            return Delivery("already-claimed")
        if alone_within is not None and earlier_claim_within(
            session=session,
            claim_id=claim.id,
            team_id=target.team_id,
            channel_id=target.channel_id,
            slot_prefix=slot.split(":", 1)[0] + ":",
            since=claimed_at - alone_within,
        ):
            withdraw_digest_claim(session=session, claim_id=claim.id)
            session.commit()
            return Delivery("already-claimed")
        claim_id, ts, done, lease = claim.id, claim.ts, claim.replies_posted, claim.lease_until
        # A retried claim covers the window it was first claimed for (and a partial thread
        # continues its parent's): what was found since goes to the next digest, once.
        since, now = as_utc(claim.covers_from), as_utc(claim.covers_until)
        reading = Reading(
            since=since,
            until=now,
            scope=channel_scope(
                session=session, team_id=target.team_id, channel_id=target.channel_id
            ),
        )
        brief = read_brief(
            session=session,
            reading=reading,
            keywords=as_filter(target.keywords),
            min_confidence=target.min_confidence,
        )
        # Only the holder of a live lease may post: one whose lease ran out while it read the
        # brief may have been replaced by another process.
        posting = mark_digest_posting(
            session=session, claim_id=claim_id, lease_until=lease, now=claimed_at
        )
        session.commit()
        if not posting:
            return Delivery("already-claimed")
    title = f"Summit Digest · {digest_date.strftime('%a %d %b %Y')}"
    messages = brief_messages(brief, title=title, detailed=target.detailed)
    if ts is None:
        try:
            ts = client.chat_postMessage(
                channel=target.channel_id,
                unfurl_links=False,
                unfurl_media=False,
                **messages.parent.payload(),
            )["ts"]
        except Exception as error:
            return _record_failure(engine, claim_id, target, error, sleep=sleep)
        _record(engine, claim_id, target, sleep=sleep, ts=ts, status="posting", replies_posted=0)
    for index in range(done, len(messages.replies)):
        sleep(PER_CHANNEL_INTERVAL)
        try:
            client.chat_postMessage(
                channel=target.channel_id,
                thread_ts=ts,
                reply_broadcast=False,
                unfurl_links=False,
                unfurl_media=False,
                **messages.replies[index].payload(),
            )
        except Exception as error:  # the parent is out: continue the thread later, not re-post
            reason = f"thread incomplete ({index} of {len(messages.replies)} replies): {why(error)}"
            log.warning("digest for %s: %s", target.channel_id, reason)
            _record(
                engine,
                claim_id,
                target,
                sleep=sleep,
                error=reason,
                status="partial",
                replies_posted=index,
            )
            return Delivery("partial", ts=ts, error=reason, messages=1 + index)
        _renew(engine, claim_id, replies_posted=index + 1)
    _record(engine, claim_id, target, sleep=sleep, replies_posted=len(messages.replies))
    # After the record: a map is extra, posted at most once, and never holds up the digest.
    post_day_map(
        client,
        engine=engine,
        reading=reading,
        keywords=as_filter(target.keywords),
        min_confidence=target.min_confidence,
        channel_id=target.channel_id,
        thread_ts=ts,
        digest_date=digest_date,
        sleep=sleep,
    )
    return Delivery("posted", ts=ts, messages=1 + len(messages.replies))


def _record_failure(
    engine: Engine, claim_id: int, target: DigestTarget, error: Exception, *, sleep
) -> Delivery:
    """Classify a failed parent post: retry later, give up on the channel, or flag it."""
    reason = why(error)
    if isinstance(error, SlackApiError):
        code = str(error.response.get("error") or error.response.status_code)
        status = "unreachable" if code in PERMANENT_ERRORS else "failed"
    elif answer_lost(error):
        # The request may have reached Slack: re-posting could show the digest twice, so it
        # is flagged for people (`/digest status`, `/digest now`) instead of retried.
        status = "uncertain"
        reason = f"Slack did not answer in time ({reason}); it may not have been posted"
    else:  # connection refused and the like: the message never left, a retry is safe
        status = "failed"
    log.warning("digest for %s not posted (%s): %s", target.channel_id, status, reason)
    _record(engine, claim_id, target, sleep=sleep, error=reason, status=status)
    return Delivery(status, error=reason)


def _record(engine: Engine, claim_id: int, target: DigestTarget, *, sleep, **outcome) -> None:
    """Write the claim's outcome, retrying for a while if the database is briefly away: the
    post happened, and a claim left "posting" is never re-posted automatically."""
    error = outcome.get("error")
    for attempt in range(RECORD_ATTEMPTS):
        try:
            with Session(engine) as session:
                finish_digest(session=session, claim_id=claim_id, **outcome)
                if outcome.get("status") != "posting":
                    _set_channel_error(session, target, error)
                session.commit()
            return
        except OperationalError:
            if attempt == RECORD_ATTEMPTS - 1:
                log.error(
                    "could not record the %s digest outcome; it stays 'posting'", target.channel_id
                )
                raise
            sleep(2**attempt)


def _renew(engine: Engine, claim_id: int, *, replies_posted: int) -> None:
    """Record a reply posted and renew the claim's lease; best effort, since the final
    record retries (a lease that lapses meanwhile flags the digest uncertain until then)."""
    try:
        with Session(engine) as session:
            finish_digest(
                session=session, claim_id=claim_id, status="posting", replies_posted=replies_posted
            )
            session.commit()
    except OperationalError:
        log.warning("could not renew the lease of digest claim %s", claim_id)


def _set_channel_error(session: Session, target: DigestTarget, error: str | None) -> None:
    record_channel_error(
        session=session, team_id=target.team_id, channel_id=target.channel_id, error=error
    )
