"""`/disputes [NAME or TOPIC]`: who disputes whom, about what, with evidence and sources;
`/disputes map [SUMMIT or KEYWORDS] [since …]`: the same as a picture, drawn by a job."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import UTC, datetime

from slack_bolt import Ack, App, BoltContext, Respond
from sqlalchemy import Engine
from sqlmodel import Session

from bot.listeners.replies import SORRY, reply_safely
from bot.map_query import MapQueryError, parse_map_query
from bot.mrkdwn import clean
from bot.render import text_message
from bot.render_commands import DISPUTES_PAGE_SIZE, DisputesPage, disputes_message
from jobs.map_post import MapRequest, RunLater
from storage.reads import (
    close_speaker_names,
    count_disputes_involving,
    disputes_involving,
    speakers_matching,
)
from storage.scope import workspace_scope

log = logging.getLogger(__name__)

COMMAND = "/disputes"
HELP = (
    "*/disputes [NAME or TOPIC]* — who disputes whom, about what, with the sentence that "
    "says so and its source, newest first.\n"
    "• `/disputes` — the most recent disputes\n"
    "• `/disputes Lavrov` — disputes by or against a person (a surname is enough)\n"
    "• `/disputes Ukraine` — disputes that mention a topic\n"
    "• `/disputes map` — a picture of who disputes whom over the last 7 days; "
    "`/disputes map G7 summit` for a whole summit, `/disputes map Lavrov since 2026-06-01` "
    "or `since 24h` / `7d` / `2w` for keywords and a window. I post it in this channel."
)
MAX_QUERY = 200
MAP_WORD = "map"
DRAWING = "Drawing the dispute map; it will appear in this channel in a moment."
_HELP_WORDS = frozenset({"help", "-h", "--help", "?"})


def register(app: App, *, engine: Engine, min_confidence: float, run_later: RunLater) -> None:
    """`run_later` hands a `/disputes map` to the one-off job runner (`summit.wiring`)."""

    @app.command(COMMAND)
    def disputes(ack: Ack, command: dict, respond: Respond, context: BoltContext) -> None:
        ack()
        text = (command.get("text") or "")[:10_000]
        team_id = context.team_id or command.get("team_id")
        if text.strip().lower() in _HELP_WORDS:
            reply = text_message(HELP)
        elif (words := text.split(None, 1)) and words[0].lower() == MAP_WORD:
            request = MapRequest(
                team_id=team_id or "",
                channel_id=command.get("channel_id") or "",
                about=None,
                since=None,
                requested_at=datetime.now(UTC),
                response_url=command.get("response_url"),
            )
            ask_for_map(words[1] if len(words) > 1 else "", request, respond, run_later)
            return
        else:
            reply = reply_safely(
                lambda: disputes_message(
                    find_disputes(
                        text, engine=engine, min_confidence=min_confidence, team_id=team_id
                    )
                )
            )
        respond(response_type="ephemeral", **reply.payload())


def ask_for_map(text: str, asked: MapRequest, respond: Respond, run_later: RunLater) -> None:
    """Read the words after `map` (`bot.map_query`): words it cannot read get an answer
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


def find_disputes(
    text: str | None, *, engine: Engine, min_confidence: float, team_id: str | None, page: int = 0
) -> DisputesPage:
    """One page of the shown disputes involving the name or topic in `text` (all when empty)
    that workspace `team_id` may see (`storage.scope.workspace_scope`; no team id: operator
    content only); the total counts those only."""
    query = normalise_query(text or "")
    with Session(engine) as session:
        scope = workspace_scope(session=session, team_id=team_id or "")
        ids = (
            [m.id for m in speakers_matching(session=session, query=query, scope=scope)]
            if query
            else []
        )
        found = disputes_involving(
            session=session,
            query=query,
            speaker_ids=ids,
            limit=DISPUTES_PAGE_SIZE,
            offset=page * DISPUTES_PAGE_SIZE,
            min_confidence=min_confidence,
            scope=scope,
        )
        total = count_disputes_involving(
            session=session,
            query=query,
            speaker_ids=ids,
            min_confidence=min_confidence,
            scope=scope,
        )
        close = ()
        if query and not total:
            close = tuple(close_speaker_names(session=session, query=query, scope=scope))
    return DisputesPage(
        query=query or None, page=page, disputes=tuple(found), total=total, close_names=close
    )


def normalise_query(text: str) -> str:
    """One line, short, without quotes or a possessive: "Lavrov's" looks for Lavrov."""
    query = " ".join(clean(text[:10_000]).split())[:MAX_QUERY]
    query = query.strip(" \"'“”‘’?!.")
    for suffix in ("'s", "’s"):
        query = query.removesuffix(suffix)
    return query.strip()
