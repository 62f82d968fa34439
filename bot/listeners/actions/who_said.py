"""Buttons on `/who-said` replies: paging, choosing a speaker, sharing in the channel."""

from __future__ import annotations

import json
import re
from datetime import date

from slack_bolt import Ack, App, BoltContext, Respond
from sqlalchemy import Engine

from bot.commands.who_said import MAX_QUERY, WhoSaidQuery, answer_who_said, team_scope
from bot.listeners.replies import reply_safely, share_in_channel
from bot.render import Message, who_said_message


def register(app: App, *, engine: Engine) -> None:
    def answer(action: dict, body: dict, context: BoltContext) -> Message:
        """The button's query, answered as far as the clicking workspace may see."""
        scope = team_scope(engine, context.team_id or (body.get("team") or {}).get("id"))
        return who_said_message(
            answer_who_said(query_from_value(action), engine=engine, scope=scope)
        )

    @app.action(re.compile(r"^who_said_(page_(newer|older)|pick_\d+)$"))
    def page(ack: Ack, action: dict, body: dict, respond: Respond, context: BoltContext) -> None:
        ack()
        reply = reply_safely(lambda: answer(action, body, context))
        respond(replace_original=True, **reply.payload())

    @app.action("who_said_share")
    def share(ack: Ack, action: dict, body: dict, respond: Respond, context: BoltContext) -> None:
        ack()
        share_in_channel(respond, reply_safely(lambda: answer(action, body, context)))


def query_from_value(action: dict) -> WhoSaidQuery:
    """Rebuild the query a button carries; anything malformed falls back to a plain name query."""
    try:
        value = json.loads(action.get("value") or "{}")
    except ValueError:
        value = {}
    if not isinstance(value, dict):
        value = {}
    since = None
    if isinstance(value.get("s"), str):
        try:
            since = date.fromisoformat(value["s"])
        except ValueError:
            since = None
    page = value.get("p") if isinstance(value.get("p"), int) and 0 <= value["p"] < 10_000 else 0
    speaker_id = value.get("id") if isinstance(value.get("id"), int) else None
    about = value.get("a") if isinstance(value.get("a"), str) else None
    return WhoSaidQuery(
        name=str(value.get("q") or "")[:MAX_QUERY] or "?",
        about=about[:MAX_QUERY] if about else None,
        since=since,
        page=page,
        speaker_id=speaker_id,
    )
