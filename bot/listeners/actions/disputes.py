"""Buttons on `/disputes` replies: paging (replacing the original) and sharing in the channel."""

from __future__ import annotations

import json
import re

from slack_bolt import Ack, App, Respond
from sqlalchemy import Engine

from bot.listeners.commands.disputes import MAX_QUERY, find_disputes
from bot.listeners.replies import reply_safely
from bot.render_commands import DisputesPage, disputes_message


def register(app: App, *, engine: Engine, min_confidence: float) -> None:
    def find(query: str | None, page: int) -> DisputesPage:
        return find_disputes(query, engine=engine, min_confidence=min_confidence, page=page)

    @app.action(re.compile(r"^disputes_page_(newer|older)$"))
    def page(ack: Ack, action: dict, respond: Respond) -> None:
        ack()
        query, page = query_from_value(action)
        reply = reply_safely(lambda: disputes_message(find(query, page)))
        respond(replace_original=True, **reply.payload())

    @app.action("disputes_share")
    def share(ack: Ack, action: dict, respond: Respond) -> None:
        ack()
        query, page = query_from_value(action)
        reply = reply_safely(lambda: disputes_message(find(query, page)))
        blocks = [b for b in reply.blocks if b.get("type") != "actions"]
        respond(response_type="in_channel", replace_original=False, text=reply.text, blocks=blocks)
        respond(delete_original=True)


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
