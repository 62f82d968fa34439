"""What DMs and @mentions share: answer a person's text once, in the place they asked."""

from __future__ import annotations

from slack_bolt import BoltContext
from slack_sdk import WebClient
from sqlalchemy import Engine

from bot.answers import answer_text
from bot.events_dedupe import first_delivery
from bot.listeners.replies import reply_safely


def answer_event(
    event: dict,
    body: dict,
    *,
    client: WebClient,
    context: BoltContext,
    engine: Engine,
    min_confidence: float,
    thread_ts: str | None,
) -> None:
    """Answer the event's text in its channel (in `thread_ts` when given), never broadcast,
    and only on the first delivery of the event (Slack delivers at least once)."""
    with first_delivery(engine, body) as fresh:
        if not fresh:
            return
        reply = reply_safely(
            lambda: answer_text(
                event.get("text") or "",
                engine=engine,
                min_confidence=min_confidence,
                team_id=context.team_id or body.get("team_id") or "",
                user_id=event["user"],
                enterprise_id=context.enterprise_id,
            )
        )
        client.chat_postMessage(
            channel=event["channel"],
            thread_ts=thread_ts,
            reply_broadcast=False if thread_ts else None,
            unfurl_links=False,
            unfurl_media=False,
            **reply.payload(),
        )
