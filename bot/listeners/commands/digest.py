"""`/digest subscribe|unsubscribe|time|days|pause|resume|format|now|status|help`."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient
from sqlalchemy import Engine
from sqlmodel import Session

from bot.commands.digest import (
    USAGE,
    PostNow,
    ShowHelp,
    ShowStatus,
    Subscribe,
    apply_change,
    channel_subscription,
    next_digest_at,
    parse_digest,
)
from bot.listeners.replies import reply_safely
from bot.render import Message, text_message
from bot.render_commands import (
    change_note,
    digest_status_message,
    not_subscribed_message,
    on_its_way_message,
    too_soon_message,
)
from bot.subscribe_policy import permission_refusal
from jobs.digest_now import DigestNow, PostLater, cooldown_left
from jobs.digests import FIRST_DIGEST_WINDOW
from storage.reads import digests_in_doubt
from summit.settings import DEFAULT_SUBSCRIBE_POLICY

log = logging.getLogger(__name__)

COMMAND = "/digest"
HELP = (
    "*/digest* — this channel's Summit Digest: statements and disputes from the day's "
    "summit coverage, posted on the channel's schedule.\n"
    f"{USAGE}\n"
    "Anyone here can use `status` and `now`. Subscribing and feeds are for workspace admins "
    "and, unless the workspace chose otherwise, the channel's creator; other changes for admins "
    "and the person who subscribed the channel. Guests can't subscribe or change feeds."
)


def register(
    app: App,
    *,
    engine: Engine,
    post_digest_now: PostLater,
    subscribe_policy: str = DEFAULT_SUBSCRIBE_POLICY,
    workspace_max_feeds: int | None = None,
) -> None:
    """`post_digest_now` hands a `/digest now` to the job runner (`summit.wiring`);
    `subscribe_policy` is SUBSCRIBE_POLICY (`bot.subscribe_policy`); `workspace_max_feeds`
    is WORKSPACE_MAX_FEEDS."""

    @app.command(COMMAND)
    def digest(ack: Ack, command: dict, respond: Respond, client: WebClient) -> None:
        ack()
        team_id, channel_id = command.get("team_id") or "", command.get("channel_id") or ""
        user_id = command.get("user_id") or ""
        text = (command.get("text") or "")[:10_000]
        reply = reply_safely(
            lambda: parse_and_answer(
                text,
                engine,
                team_id,
                channel_id,
                user_id,
                client,
                command.get("enterprise_id"),
                policy=subscribe_policy,
                workspace_max_feeds=workspace_max_feeds,
            )
        )
        if reply is None:
            request = DigestNow(
                team_id=team_id,
                channel_id=channel_id,
                requested_at=datetime.now(UTC),
                response_url=command.get("response_url"),
            )
            reply = reply_safely(lambda: ask_for_digest(request, engine, post_digest_now))
        respond(response_type="ephemeral", **reply.payload())


def parse_and_answer(
    text: str,
    engine: Engine,
    team_id: str,
    channel_id: str,
    user_id: str,
    client: WebClient,
    enterprise_id: str | None = None,
    *,
    policy: str = DEFAULT_SUBSCRIBE_POLICY,
    workspace_max_feeds: int | None = None,
) -> Message | None:
    """The reply to every subcommand but `now`, for which it returns None (a job posts)."""
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
    refusal = permission_refusal(
        request, current, policy=policy, client=client, user_id=user_id, channel_id=channel_id
    )
    if refusal is not None:
        return refusal
    updated = apply_change(  # a new subscription keeps the workspace's Grid org
        request,
        engine=engine,
        team_id=team_id,
        channel_id=channel_id,
        user_id=user_id,
        enterprise_id=enterprise_id,
        workspace_max_feeds=workspace_max_feeds,
    )
    next_at = next_digest_at(updated, now=now) if updated else None
    return digest_status_message(updated, next_at=next_at, note=change_note(request, updated))


def ask_for_digest(request: DigestNow, engine: Engine, post_digest_now: PostLater) -> Message:
    """Hand the digest to a job, unless one was posted here moments ago."""
    wait = cooldown_left(
        engine=engine,
        team_id=request.team_id,
        channel_id=request.channel_id,
        now=request.requested_at,
    )
    if wait is not None:
        return too_soon_message(wait)
    post_digest_now(request)
    return on_its_way_message()
