"""`/who-said NAME [about TOPIC] [since DATE]`, and `/who-said NAME timeline [about TOPIC]
[since DATE]`, which a job draws and DMs (`jobs.timeline`)."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from slack_bolt import Ack, App, BoltContext, Respond
from sqlalchemy import Engine

from bot.commands.who_said import QueryError, answer_who_said, parse_who_said, team_scope
from bot.listeners.replies import SORRY, reply_safely
from bot.render import text_message, who_said_message
from jobs.timeline import DRAWING, TimelineRequest, timeline_text

COMMAND = "/who-said"
HELP = (
    "*/who-said NAME [about TOPIC] [since DATE]* — what a speaker said, newest first.\n"
    "• `/who-said Lavrov`\n"
    "• `/who-said Blinken about North Korea`\n"
    "• `/who-said Wang Yi since 2023-07-01` (also `since yesterday`, `since 7d`)\n"
    "• `/who-said Lavrov timeline about grain` — his statements over time by issue, with a "
    "chart and any possible change of position, sent to you as a direct message\n"
    "Names are matched without case or accents; a surname is enough."
)


def register(app: App, *, engine: Engine, run_later) -> None:
    """`run_later` hands a timeline to the one-off job runner (`summit.wiring`)."""

    @app.command(COMMAND)
    def who_said(ack: Ack, command: dict, respond: Respond, context: BoltContext) -> None:
        ack()
        text = (command.get("text") or "").strip()
        if text.lower() in ("", "help", "-h", "--help", "?"):
            reply = text_message(HELP)
        elif (asked := timeline_text(text[:10_000])) is not None:
            ask_for_timeline(asked, command, context, respond, run_later)
            return
        else:
            today = datetime.now(UTC).date()
            team_id = context.team_id or command.get("team_id")
            reply = reply_safely(
                lambda: who_said_message(
                    answer_who_said(
                        parse_who_said(text, today=today),
                        engine=engine,
                        scope=team_scope(engine, team_id),
                    )
                )
            )
        respond(response_type="ephemeral", **reply.payload())


def ask_for_timeline(text: str, command: dict, context: BoltContext, respond: Respond, run_later):
    """Answer at once that the timeline is coming, then hand it to a job; words that cannot
    be read get an answer saying how to ask."""
    try:
        query = parse_who_said(text, today=datetime.now(UTC).date())
    except QueryError as error:
        respond(response_type="ephemeral", **text_message(str(error)).payload())
        return
    respond(response_type="ephemeral", **text_message(DRAWING).payload())
    request = TimelineRequest(
        team_id=context.team_id or command.get("team_id") or "",
        user_id=context.user_id or command.get("user_id") or "",
        name=query.name,
        about=query.about,
        since=query.since,
        requested_at=datetime.now(UTC),
        response_url=command.get("response_url"),
        channel_id=command.get("channel_id") or "home",
    )
    try:
        run_later(request)
    except Exception:
        logging.getLogger(__name__).exception("could not hand a timeline to a job")
        respond(response_type="ephemeral", replace_original=True, **text_message(SORRY).payload())
