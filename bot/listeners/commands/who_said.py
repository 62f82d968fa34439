"""`/who-said NAME [about TOPIC] [since DATE]`."""

from __future__ import annotations

from datetime import UTC, datetime

from slack_bolt import Ack, App, BoltContext, Respond
from sqlalchemy import Engine

from bot.listeners.replies import reply_safely
from bot.render import text_message, who_said_message
from bot.who_said import answer_who_said, parse_who_said, team_scope

COMMAND = "/who-said"
HELP = (
    "*/who-said NAME [about TOPIC] [since DATE]* — what a speaker said, newest first.\n"
    "• `/who-said Lavrov`\n"
    "• `/who-said Blinken about North Korea`\n"
    "• `/who-said Wang Yi since 2023-07-01` (also `since yesterday`, `since 7d`)\n"
    "Names are matched without case or accents; a surname is enough."
)


def register(app: App, *, engine: Engine) -> None:
    @app.command(COMMAND)
    def who_said(ack: Ack, command: dict, respond: Respond, context: BoltContext) -> None:
        ack()
        text = (command.get("text") or "").strip()
        if text.lower() in ("", "help", "-h", "--help", "?"):
            reply = text_message(HELP)
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
