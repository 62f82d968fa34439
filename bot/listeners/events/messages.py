"""`message.im`: plain questions in a DM with the bot, answered in the DM."""

from __future__ import annotations

from slack_bolt import App, BoltContext
from slack_sdk import WebClient
from sqlalchemy import Engine

from bot.listeners.events.conversation import answer_event


def register(app: App, *, engine: Engine, min_confidence: float) -> None:
    @app.event("message")
    def direct_message(event: dict, body: dict, client: WebClient, context: BoltContext) -> None:
        if is_question(event):
            answer_event(
                event,
                body,
                client=client,
                context=context,
                engine=engine,
                min_confidence=min_confidence,
                thread_ts=event.get("thread_ts"),
            )


def is_question(event: dict) -> bool:
    """A person's new message in a DM: not a bot (no loops), not an edit, join or deletion."""
    return (
        event.get("channel_type") == "im"
        and not event.get("subtype")
        and not event.get("bot_id")
        and bool(event.get("user"))
        and bool(event.get("channel"))
    )
