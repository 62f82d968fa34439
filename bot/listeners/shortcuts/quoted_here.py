"""The "Who's quoted here?" message shortcut: acknowledged at once, read by a job
(`jobs.quoted_here`), answered in the message's thread."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from slack_bolt import Ack, App, BoltContext, Respond

from bot.listeners.replies import SORRY
from bot.render import text_message
from jobs.quoted_here import READING, QuotedHereRequest

log = logging.getLogger(__name__)

CALLBACK_ID = "quoted_here"  # manifest.json's message shortcut


def register(app: App, *, run_later) -> None:
    """`run_later` hands the reading to the one-off job runner (`summit.wiring`)."""

    @app.shortcut(CALLBACK_ID)
    def quoted_here(ack: Ack, body: dict, respond: Respond, context: BoltContext) -> None:
        ack()
        message = body.get("message") or {}
        channel = (body.get("channel") or {}).get("id") or context.channel_id
        ts = str(message.get("ts") or "")
        if not channel or not ts:
            respond(response_type="ephemeral", **text_message(SORRY).payload())
            return
        request = QuotedHereRequest(
            team_id=context.team_id or (body.get("team") or {}).get("id") or "",
            user_id=context.user_id or (body.get("user") or {}).get("id") or "",
            channel_id=channel,
            message_ts=ts,
            thread_ts=str(message.get("thread_ts") or ts),
            author_id=message.get("user"),
            text=str(message.get("text") or "")[:40_000],
            requested_at=datetime.now(UTC),
            response_url=body.get("response_url"),
        )
        try:
            run_later(request)
        except Exception:
            log.exception("could not hand a who's-quoted-here reading to a job")
            respond(response_type="ephemeral", **text_message(SORRY).payload())
            return
        respond(response_type="ephemeral", **text_message(READING).payload())
