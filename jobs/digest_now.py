"""`/digest now` as a job: the command only asks, and a job posts the digest.

Posting a digest takes a second per thread reply (Slack's per-channel pace), so it must not
run on Bolt's five listener threads, where a few at once keep every other command from
acknowledging within Slack's 3 seconds. The listener checks the cooldown, hands a
`DigestNow` (plain data, so a queue can carry it) to the dispatch that `summit.wiring` builds,
and answers; `post_digest_now` runs as the job, through the same `deliver_digest` as the
scheduled digest, and replaces the answer with how it went.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from slack_sdk import WebClient
from sqlalchemy import Engine
from sqlmodel import Session

from bot.render import Message
from bot.render_commands import posted_message, too_soon_message
from jobs.digests import Delivery, DigestTarget, deliver_digest
from jobs.requester import tell_requester
from storage.reads import last_on_demand_digest_at, subscription_for_channel
from storage.times import as_utc

log = logging.getLogger(__name__)

NOW_COOLDOWN = timedelta(seconds=60)  # a re-submitted `/digest now` must not post twice


@dataclass(frozen=True, slots=True)
class DigestNow:
    """Someone asked for this channel's digest at `requested_at`; `response_url` is where
    they hear how it went."""

    team_id: str
    channel_id: str
    requested_at: datetime
    response_url: str | None = None


PostLater = Callable[[DigestNow], None]


def cooldown_left(*, engine: Engine, team_id: str, channel_id: str, now: datetime) -> int | None:
    """Seconds until `/digest now` may post here again, or None when it may now."""
    with Session(engine) as session:
        last = last_on_demand_digest_at(session=session, team_id=team_id, channel_id=channel_id)
    if last is None or now - last >= NOW_COOLDOWN:
        return None
    return int((NOW_COOLDOWN - (now - last)).total_seconds()) + 1


def post_digest_now(
    request: DigestNow,
    *,
    engine: Engine,
    client: WebClient | None,
    min_confidence: float,
    now: datetime | None = None,
) -> Delivery | None:
    """The job: post the channel's digest (its own claim slot) unless one went out just now,
    and tell the person who asked. None when the cooldown stopped it."""
    now = as_utc(now or datetime.now(UTC))
    wait = cooldown_left(
        engine=engine, team_id=request.team_id, channel_id=request.channel_id, now=now
    )
    if wait is not None:
        _answer(request, too_soon_message(wait))
        return None
    if client is None:  # the workspace uninstalled the app meanwhile
        delivery = Delivery("unreachable", error="not_installed")
    else:
        delivery = _deliver(
            request, engine=engine, client=client, min_confidence=min_confidence, now=now
        )
    log.info("/digest now for %s: %s", request.channel_id, delivery.outcome)
    _answer(request, posted_message(outcome=delivery.outcome, error=delivery.error))
    return delivery


def _deliver(
    request: DigestNow, *, engine: Engine, client: WebClient, min_confidence: float, now: datetime
) -> Delivery:
    with Session(engine) as session:
        current = subscription_for_channel(
            session=session, team_id=request.team_id, channel_id=request.channel_id
        )
    schedule = current.schedule if current else None
    zone = ZoneInfo(schedule.timezone if schedule else "UTC")
    target = DigestTarget(
        team_id=request.team_id,
        channel_id=request.channel_id,
        keywords=schedule.keywords if schedule else (),
        detailed=schedule.detailed if schedule else False,
        min_confidence=min_confidence,
    )
    # One claim per channel and minute of asking: of requests made together (a double
    # submit, two replicas) one claims the slot and posts; the others find it taken.
    asked = int(as_utc(request.requested_at).timestamp()) // int(NOW_COOLDOWN.total_seconds())
    return deliver_digest(
        target,
        engine=engine,
        client=client,
        digest_date=now.astimezone(zone).date(),
        now=now,
        slot=f"now:{asked}",
        alone_within=NOW_COOLDOWN,
    )


def _answer(request: DigestNow, reply: Message) -> None:
    tell_requester(request.response_url, reply, work="/digest now")
