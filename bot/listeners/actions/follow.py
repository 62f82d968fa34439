"""Buttons that lead from a digest (or the Home tab) to the user's own follows and DMs:
"More from X", "Follow X", "Mute this summit", Unfollow, Pause / Resume."""

from __future__ import annotations

import json
import logging
import re

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient
from sqlalchemy import Engine
from sqlmodel import Session

from bot.answers import follow_by_id
from bot.commands.digest import may_change
from bot.commands.who_said import WhoSaidQuery, answer_who_said, team_scope
from bot.listeners.events.home import publish_home
from bot.listeners.replies import reply_safely
from bot.mrkdwn import echo
from bot.render import text_message, who_said_message
from bot.render_home import without_share_button
from storage.follows import unfollow_speaker
from storage.reads import subscription_for_channel
from storage.subscriptions import update_subscription

log = logging.getLogger(__name__)


def register(app: App, *, engine: Engine) -> None:
    @app.action(re.compile(r"^digest_more_\d+$"))
    def more_from(
        ack: Ack,
        body: dict,
        action: dict,
        client: WebClient,
        respond: Respond,
        context: BoltContext,
    ) -> None:
        ack()
        speaker = speaker_from_value(action)
        if speaker is None:
            return
        speaker_id, name = speaker
        query = WhoSaidQuery(name=name, speaker_id=speaker_id)
        reply = reply_safely(
            lambda: without_share_button(
                who_said_message(
                    answer_who_said(
                        query, engine=engine, scope=team_scope(engine, _team(body, context))
                    )
                )
            )
        )
        user_id = body["user"]["id"]
        try:
            channel = client.conversations_open(users=user_id)["channel"]["id"]
            client.chat_postMessage(
                channel=channel, unfurl_links=False, unfurl_media=False, **reply.payload()
            )
        except Exception as error:  # no DM possible: answer right here, only to them
            log.warning("could not DM %s: %s", user_id, type(error).__name__)
            respond(response_type="ephemeral", replace_original=False, **reply.payload())
            return
        note = text_message(f"I sent you what *{echo(name)}* said in a DM with me.")
        respond(response_type="ephemeral", replace_original=False, **note.payload())

    @app.action(re.compile(r"^(digest_follow|follow_pick)_\d+$"))
    def follow(
        ack: Ack,
        body: dict,
        action: dict,
        client: WebClient,
        respond: Respond,
        context: BoltContext,
    ) -> None:
        ack()
        speaker = speaker_from_value(action)
        if speaker is None:
            return
        team_id, user_id = _team(body, context), body["user"]["id"]
        reply = reply_safely(
            lambda: follow_by_id(
                *speaker,
                engine=engine,
                team_id=team_id,
                user_id=user_id,
                enterprise_id=context.enterprise_id,
            )
        )
        if (body.get("container") or {}).get("type") == "view":
            publish_home(
                client, engine=engine, team_id=team_id, user_id=user_id, seen=_seen_hash(body)
            )
            return
        chosen = action["action_id"].startswith("follow_pick")
        respond(response_type="ephemeral", replace_original=chosen, **reply.payload())

    @app.action("digest_mute")
    def mute(
        ack: Ack, body: dict, client: WebClient, respond: Respond, context: BoltContext
    ) -> None:
        ack()
        team_id, user_id = _team(body, context), body["user"]["id"]
        channel_id = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get(
            "channel_id"
        )
        reply = reply_safely(
            lambda: text_message(mute_channel(engine, client, team_id, channel_id, user_id))
        )
        respond(response_type="ephemeral", replace_original=False, **reply.payload())

    @app.action("home_unfollow")
    def unfollow(
        ack: Ack, body: dict, action: dict, client: WebClient, context: BoltContext
    ) -> None:
        ack()
        team_id, user_id = _team(body, context), body["user"]["id"]
        if (action.get("value") or "").isdigit():
            with Session(engine) as session:
                unfollow_speaker(
                    session=session,
                    team_id=team_id,
                    user_id=user_id,
                    speaker_id=int(action["value"]),
                )
                session.commit()
        publish_home(client, engine=engine, team_id=team_id, user_id=user_id, seen=_seen_hash(body))

    @app.action(re.compile(r"^home_(pause|resume)$"))
    def pause(ack: Ack, body: dict, action: dict, client: WebClient, context: BoltContext) -> None:
        ack()
        team_id, user_id = _team(body, context), body["user"]["id"]
        paused = action["action_id"] == "home_pause"
        with Session(engine) as session:
            found = subscription_for_channel(
                session=session, team_id=team_id, channel_id=str(action.get("value") or "")
            )
            # The Home tab only offers the channels this user subscribed.
            if found is not None and found.subscribed_by == user_id:
                update_subscription(
                    session=session, team_id=team_id, channel_id=action["value"], paused=paused
                )
                session.commit()
        publish_home(client, engine=engine, team_id=team_id, user_id=user_id, seen=_seen_hash(body))


def _seen_hash(body: dict) -> str | None:
    """The hash of the Home view a button was pressed on (None for a message's button)."""
    return (body.get("view") or {}).get("hash")


def mute_channel(
    engine: Engine, client: WebClient, team_id: str, channel_id: str | None, user_id: str
) -> str:
    """Pause this channel's digest, if the user subscribed it or is a workspace admin."""
    with Session(engine) as session:
        found = subscription_for_channel(
            session=session, team_id=team_id, channel_id=channel_id or ""
        )
        if found is None:
            return "This channel has no digest subscription any more."
        subscribed_by = found.subscribed_by
    is_admin = None if user_id == subscribed_by else _workspace_admin(client, user_id)
    if not may_change(user_id=user_id, subscribed_by=subscribed_by, is_admin=is_admin):
        return (
            "Only the person who subscribed this channel or a workspace admin can mute its "
            "digest. You can still `unfollow` speakers in a DM with me."
        )
    with Session(engine) as session:
        update_subscription(session=session, team_id=team_id, channel_id=channel_id, paused=True)
        session.commit()
    return "Muted: this channel's digest is paused. `/digest resume` turns it back on."


def speaker_from_value(action: dict) -> tuple[int, str] | None:
    """The speaker a button carries as `{"id": 12, "n": "Sergei Lavrov"}`; None if malformed."""
    try:
        value = json.loads(action.get("value") or "")
    except ValueError:
        return None
    if not isinstance(value, dict) or not isinstance(value.get("id"), int):
        return None
    return value["id"], str(value.get("n") or "?")[:300]


def _team(body: dict, context: BoltContext) -> str:
    return context.team_id or (body.get("team") or {}).get("id") or ""


def _workspace_admin(client: WebClient, user_id: str) -> bool | None:
    try:
        user = client.users_info(user=user_id)["user"]
    except Exception as error:  # missing scope, rate limit: refuse rather than guess
        log.warning("users.info for the mute permission check failed: %s", type(error).__name__)
        return None
    return bool(user.get("is_admin") or user.get("is_owner") or user.get("is_primary_owner"))
