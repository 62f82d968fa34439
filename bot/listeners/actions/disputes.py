"""Buttons on `/disputes` replies: paging (replacing the original) and sharing in the channel."""

from __future__ import annotations

import json
import re

from slack_bolt import Ack, App, BoltContext, Respond
from sqlalchemy import Engine

from bot.commands.disputes import MAX_QUERY, find_disputes
from bot.listeners.replies import reply_safely, share_in_channel
from bot.render_commands import DisputesPage, disputes_message


def register(app: App, *, engine: Engine, min_confidence: float) -> None:
    def find(action: dict, body: dict, context: BoltContext) -> DisputesPage:
        """The button's page, as far as the clicking workspace may see."""
        query, page = query_from_value(action)
        team_id = context.team_id or (body.get("team") or {}).get("id")
        return find_disputes(
            query, engine=engine, min_confidence=min_confidence, team_id=team_id, page=page
        )

    @app.action(re.compile(r"^disputes_page_(newer|older)$"))
    def page(ack: Ack, action: dict, body: dict, respond: Respond, context: BoltContext) -> None:
        ack()
        reply = reply_safely(lambda: disputes_message(find(action, body, context)))
        respond(replace_original=True, **reply.payload())

    @app.action("disputes_share")
    def share(ack: Ack, action: dict, body: dict, respond: Respond, context: BoltContext) -> None:
        ack()
        reply = reply_safely(lambda: disputes_message(find(action, body, context)))
        share_in_channel(respond, reply)


def query_from_value(action: dict) -> tuple[str | None, int]:
    """The query and page a button carries; anything malformed means page one of everything."""
    try:
        value = json.loads(action.get("value") or "{}")
    except ValueError:
        value = {}
    if not isinstance(value, dict):
        value = {}
    query = value.get("q") if isinstance(value.get("q"), str) else None
    page = value.get("p") if isinstance(value.get("p"), int) and 0 <= value["p"] < 10_000 else 0
    return (query[:MAX_QUERY] if query else None), page
