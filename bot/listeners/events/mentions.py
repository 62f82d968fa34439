"""`app_mention`: "@Summit Digest what did Lavrov say?" in a channel or thread, answered in
the thread (slash commands do not work in threads), never broadcast to the channel."""

from __future__ import annotations

from slack_bolt import App, BoltContext
from slack_sdk import WebClient
from sqlalchemy import Engine

from bot.answers import answer_text
from bot.events_dedupe import first_delivery
from bot.listeners.replies import reply_safely


def register(app: App, *, engine: Engine) -> None:
    @app.event("app_mention")
    def mentioned(event: dict, body: dict, client: WebClient, context: BoltContext) -> None:
        if event.get("bot_id") or not event.get("user") or event.get("subtype"):
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
                thread_ts=event.get("thread_ts") or event["ts"],
                reply_broadcast=False,
                unfurl_links=False,
                unfurl_media=False,
                **reply.payload(),
            )
