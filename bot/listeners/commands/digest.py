"""`/digest subscribe|unsubscribe|time|days|pause|resume|format|now|status|help`."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient
from sqlalchemy import Engine
from sqlmodel import Session

from bot.digest_settings import (
    USAGE,
    PostNow,
    ShowHelp,
    ShowStatus,
    Subscribe,
    apply_change,
    channel_subscription,
    may_change,
    needs_permission,
    next_digest_at,
    parse_digest,
)
from bot.digests import FIRST_DIGEST_WINDOW, DigestTarget, deliver_digest
from bot.listeners.replies import reply_safely
from bot.render import Message, text_message
from bot.render_commands import (
    change_note,
    digest_status_message,
    not_subscribed_message,
    posted_message,
    posting_now_message,
    refusal_message,
    too_soon_message,
)
from storage.reads import digests_in_doubt, last_on_demand_digest_at

log = logging.getLogger(__name__)

COMMAND = "/digest"
HELP = (
    "*/digest* — this channel's Summit Digest: statements and disputes from the day's "
    "summit coverage, posted on the channel's schedule.\n"
    f"{USAGE}\n"
    "Anyone here can use `status` and `now`; other changes are for workspace admins and "
    "the person who subscribed the channel."
)
NOW_COOLDOWN = timedelta(seconds=60)  # a re-submitted `/digest now` must not post twice


def register(app: App, *, engine: Engine, min_confidence: float) -> None:
    @app.command(COMMAND)
    def digest(ack: Ack, command: dict, respond: Respond, client: WebClient) -> None:
        ack()
        team_id, channel_id = command.get("team_id") or "", command.get("channel_id") or ""
        user_id = command.get("user_id") or ""
        text = (command.get("text") or "")[:10_000]
        reply = reply_safely(
            lambda: parse_and_answer(text, engine, team_id, channel_id, user_id, client)
        )
        if reply is not None:
            respond(response_type="ephemeral", **reply.payload())
            return
        respond(response_type="ephemeral", **posting_now_message().payload())
        done = reply_safely(
            lambda: post_now(engine, client, team_id, channel_id, min_confidence=min_confidence)
        )
        respond(response_type="ephemeral", replace_original=True, **done.payload())


def parse_and_answer(
    text: str, engine: Engine, team_id: str, channel_id: str, user_id: str, client: WebClient
) -> Message | None:
    """The reply to every subcommand but `now`, for which it returns None (posted afterwards)."""
    request = parse_digest(text)
    if isinstance(request, ShowHelp):
        return text_message(HELP)
    if isinstance(request, PostNow):
        return None
    now = datetime.now(UTC)
    current = channel_subscription(engine=engine, team_id=team_id, channel_id=channel_id)
    if isinstance(request, ShowStatus):
        next_at = next_digest_at(current, now=now) if current else None
        with Session(engine) as session:
            in_doubt = digests_in_doubt(
                session=session,
                team_id=team_id,
                channel_id=channel_id,
                now=now,
                first_window=FIRST_DIGEST_WINDOW,
            )
        return digest_status_message(current, next_at=next_at, in_doubt=in_doubt)
    if current is None and not isinstance(request, Subscribe):
        return not_subscribed_message()
    if needs_permission(request, current):
        subscribed_by = current.subscribed_by if current else None
        is_admin = None if user_id == subscribed_by else workspace_admin(client, user_id)
        if not may_change(user_id=user_id, subscribed_by=subscribed_by, is_admin=is_admin):
            return refusal_message(subscribed_by=subscribed_by, checked=is_admin is not None)
    updated = apply_change(
        request, engine=engine, team_id=team_id, channel_id=channel_id, user_id=user_id
    )
    next_at = next_digest_at(updated, now=now) if updated else None
    return digest_status_message(updated, next_at=next_at, note=change_note(request, updated))


def workspace_admin(client: WebClient, user_id: str) -> bool | None:
    """Whether Slack says the user is a workspace admin or owner; None when it could not say."""
    try:
        user = client.users_info(user=user_id)["user"]
    except Exception as error:  # missing scope, rate limit, timeout: refuse, don't guess
        log.warning("users.info for the permission check failed: %s", type(error).__name__)
        return None
    return bool(user.get("is_admin") or user.get("is_owner") or user.get("is_primary_owner"))


def post_now(
    engine: Engine, client: WebClient, team_id: str, channel_id: str, *, min_confidence: float
) -> Message:
    """Post this channel's digest at once (its own claim slot), unless one went out just now."""
    now = datetime.now(UTC)
    with Session(engine) as session:
        last = last_on_demand_digest_at(session=session, team_id=team_id, channel_id=channel_id)
    if last is not None and now - last < NOW_COOLDOWN:
        return too_soon_message(int((NOW_COOLDOWN - (now - last)).total_seconds()) + 1)
    current = channel_subscription(engine=engine, team_id=team_id, channel_id=channel_id)
    schedule = current.schedule if current else None
    zone = ZoneInfo(schedule.timezone if schedule else "UTC")
    target = DigestTarget(
        team_id=team_id,
        channel_id=channel_id,
        keywords=schedule.keywords if schedule else (),
        detailed=schedule.detailed if schedule else False,
        min_confidence=min_confidence,
    )
    delivery = deliver_digest(
        target,
        engine=engine,
        client=client,
        digest_date=now.astimezone(zone).date(),
        now=now,
        # One claim per channel and minute: of requests arriving together (a double submit,
        # two replicas) one claims the slot and posts; the others find it taken.
        slot=f"now:{int(now.timestamp()) // int(NOW_COOLDOWN.total_seconds())}",
    )
    return posted_message(outcome=delivery.outcome, error=delivery.error)
