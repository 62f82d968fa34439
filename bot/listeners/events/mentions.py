"""`app_mention`: "@Summit Digest what did Lavrov say?" in a channel or thread, answered in
the thread (slash commands do not work in threads), never broadcast to the channel."""

from __future__ import annotations

from slack_bolt import App, BoltContext
from slack_sdk import WebClient
from sqlalchemy import Engine

from bot.listeners.events.conversation import answer_event


def register(app: App, *, engine: Engine, min_confidence: float) -> None:
    @app.event("app_mention")
    def mentioned(event: dict, body: dict, client: WebClient, context: BoltContext) -> None:
        if event.get("bot_id") or not event.get("user") or event.get("subtype"):
            return
        answer_event(
            event,
            body,
            client=client,
            context=context,
            engine=engine,
            min_confidence=min_confidence,
            thread_ts=event.get("thread_ts") or event["ts"],
        )
