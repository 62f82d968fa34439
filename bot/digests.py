"""Posting a channel's digest exactly once.

The unique (channel, digest date) claim row is taken before anything is posted, so a
restart, a second scheduler process or a retry can never post the same digest twice.
A failed attempt releases the claim for a retry; a channel the bot cannot post to
is recorded (and shown by status) instead of being retried forever.
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
from sqlalchemy import Engine, select
from sqlmodel import Session

from bot.render import DigestMessages, digest_messages
from storage.models import Subscription, as_utc
from storage.reads import digest_data, last_digest_until
from storage.writes import claim_digest, finish_digest

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

Outcome = Literal["posted", "already-claimed", "failed", "unreachable"]


@dataclass(frozen=True, slots=True)
class Delivery:
    outcome: Outcome
    ts: str | None = None
    error: str | None = None
    messages: int = 0


@dataclass(frozen=True, slots=True)
class DigestTarget:
    team_id: str
    channel_id: str
    keywords: tuple[str, ...] = ()
    detailed: bool = False


def deliver_digest(
    target: DigestTarget,
    *,
    engine: Engine,
    client: WebClient,
    digest_date: date,
    now: datetime,
    slot: str = "scheduled",
    sleep: Callable[[float], None] = time.sleep,
) -> Delivery:
    """Claim, build, post and record one channel's digest for `digest_date`.

    `slot` separates the scheduled digest from on-demand ones (`/digest now`), which
    each claim a slot of their own.
    """
    now = as_utc(now)
    with Session(engine) as session:
        since = last_digest_until(
            session=session, team_id=target.team_id, channel_id=target.channel_id
        ) or (now - FIRST_DIGEST_WINDOW)
        claim = claim_digest(
            session=session,
            team_id=target.team_id,
            channel_id=target.channel_id,
            digest_date=digest_date,
            covers_from=since,
            covers_until=now,
            slot=slot,
        )
        session.commit()
        if claim is None:
            return Delivery("already-claimed")
        claim_id = claim.id
        digest = digest_data(session=session, since=since, until=now, keywords=target.keywords)
    title = f"Summit Digest · {digest_date.strftime('%a %d %b %Y')}"
    messages = digest_messages(digest, title=title, detailed=target.detailed)
    try:
        ts, count = _post(client, target.channel_id, messages, sleep)
    except SlackApiError as error:
        code = str(error.response.get("error") or error.response.status_code)
        outcome: Outcome = "unreachable" if code in PERMANENT_ERRORS else "failed"
        _record_failure(
            engine, claim_id, target, f"Slack said {code}", permanent=outcome == "unreachable"
        )
        log.warning("digest for %s not posted: %s", target.channel_id, code)
        return Delivery(outcome, error=code)
    except Exception as error:  # timeouts, connection errors after the client's retries
        _record_failure(engine, claim_id, target, f"{type(error).__name__}")
        log.warning("digest for %s not posted: %s", target.channel_id, type(error).__name__)
        return Delivery("failed", error=type(error).__name__)
    with Session(engine) as session:
        finish_digest(session=session, claim_id=claim_id, ts=ts)
        _set_channel_error(session, target, None)
        session.commit()
    return Delivery("posted", ts=ts, messages=count)


def _post(
    client: WebClient, channel: str, messages: DigestMessages, sleep: Callable[[float], None]
) -> tuple[str, int]:
    parent = client.chat_postMessage(
        channel=channel, unfurl_links=False, unfurl_media=False, **messages.parent.payload()
    )
    ts = parent["ts"]
    posted = 1
    for reply in messages.replies:
        sleep(PER_CHANNEL_INTERVAL)
        try:
            client.chat_postMessage(
                channel=channel,
                thread_ts=ts,
                reply_broadcast=False,
                unfurl_links=False,
                unfurl_media=False,
                **reply.payload(),
            )
        except Exception:  # the digest is out; a lost detail reply must not re-post it
            log.warning("thread reply to the %s digest failed", channel, exc_info=True)
            break
        posted += 1
    return ts, posted


def _record_failure(
    engine: Engine, claim_id: int, target: DigestTarget, error: str, *, permanent: bool = False
) -> None:
    with Session(engine) as session:
        finish_digest(session=session, claim_id=claim_id, error=error, permanent=permanent)
        _set_channel_error(session, target, error)
        session.commit()


def _set_channel_error(session: Session, target: DigestTarget, error: str | None) -> None:
    subscription = session.exec(
        select(Subscription).where(
            Subscription.team_id == target.team_id, Subscription.channel_id == target.channel_id
        )
    ).scalar_one_or_none()
    if subscription is not None and subscription.last_error != error:
        subscription.last_error = error
        session.add(subscription)
