"""`message.im`: plain questions in a DM with the bot, answered in the DM."""

from __future__ import annotations

from slack_bolt import App, BoltContext
from slack_sdk import WebClient
from sqlalchemy import Engine

from bot.answers import answer_text
from bot.events_dedupe import first_delivery
from bot.listeners.replies import reply_safely


def register(app: App, *, engine: Engine) -> None:
    @app.event("message")
    def direct_message(event: dict, body: dict, client: WebClient, context: BoltContext) -> None:
        if not is_question(event):
            return
        with first_delivery(engine, body) as fresh:
            if not fresh:
                return
            reply = reply_safely(
                lambda: answer_text(
                    event.get("text") or "",
                    engine=engine,
                    team_id=context.team_id or body.get("team_id") or "",
                    user_id=event["user"],
                )
            )
            client.chat_postMessage(
                channel=event["channel"],
                thread_ts=event.get("thread_ts"),
                unfurl_links=False,
                unfurl_media=False,
                **reply.payload(),
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
