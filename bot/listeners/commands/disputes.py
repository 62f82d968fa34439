"""`/disputes [NAME or TOPIC]`: who disputes whom, about what, with evidence and sources;
`/disputes map [SUMMIT or KEYWORDS] [since …]`: the same as a picture, drawn by a job."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import UTC, datetime

from slack_bolt import Ack, App, BoltContext, Respond
from sqlalchemy import Engine

from bot.commands.dispute_map import MapQueryError, parse_map_query
from bot.commands.disputes import DRAWING, HELP, find_disputes, parse_disputes
from bot.listeners.replies import SORRY, reply_safely
from bot.render import text_message
from bot.render_commands import disputes_message
from jobs.map_post import MapRequest, RunLater

log = logging.getLogger(__name__)

COMMAND = "/disputes"


def register(app: App, *, engine: Engine, min_confidence: float, run_later: RunLater) -> None:
    """`run_later` hands a `/disputes map` to the one-off job runner (`summit.wiring`)."""

    @app.command(COMMAND)
    def disputes(ack: Ack, command: dict, respond: Respond, context: BoltContext) -> None:
        ack()
        asked = parse_disputes(command.get("text") or "")
        team_id = context.team_id or command.get("team_id")
        if asked.kind == "help":
            reply = text_message(HELP)
        elif asked.kind == "map":
            request = MapRequest(
                team_id=team_id or "",
                channel_id=command.get("channel_id") or "",
                about=None,
                since=None,
                requested_at=datetime.now(UTC),
                response_url=command.get("response_url"),
            )
            ask_for_map(asked.text, request, respond, run_later)
            return
        else:
            reply = reply_safely(
                lambda: disputes_message(
                    find_disputes(
                        asked.text, engine=engine, min_confidence=min_confidence, team_id=team_id
                    )
                )
            )
        respond(response_type="ephemeral", **reply.payload())


def ask_for_map(text: str, asked: MapRequest, respond: Respond, run_later: RunLater) -> None:
    """Read the words after `map` (`bot.commands.dispute_map`): words it cannot read get an answer
    saying how to ask; otherwise the answer says the map is on its way and only then is the
    drawing handed to a job, whose own answer replaces it."""
    try:
        query = parse_map_query(text, now=asked.requested_at)
    except MapQueryError as error:
        respond(response_type="ephemeral", **text_message(str(error)).payload())
        return
    except Exception:
        log.exception("could not read /disputes map")
        respond(response_type="ephemeral", **text_message(SORRY).payload())
        return
    respond(response_type="ephemeral", **text_message(DRAWING).payload())
    try:
        run_later(replace(asked, about=query.about, since=query.since))
    except Exception:
        log.exception("could not hand /disputes map to a job")
        respond(response_type="ephemeral", replace_original=True, **text_message(SORRY).payload())
