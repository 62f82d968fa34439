"""`/disputes [NAME or TOPIC]`: who disputes whom, about what, with evidence and sources."""

from __future__ import annotations

from slack_bolt import Ack, App, BoltContext, Respond
from sqlalchemy import Engine
from sqlmodel import Session

from bot.listeners.replies import reply_safely
from bot.mrkdwn import clean
from bot.render import text_message
from bot.render_commands import DISPUTES_PAGE_SIZE, DisputesPage, disputes_message
from storage.reads import (
    close_speaker_names,
    count_disputes_involving,
    disputes_involving,
    speakers_matching,
)
from storage.scope import workspace_scope

COMMAND = "/disputes"
HELP = (
    "*/disputes [NAME or TOPIC]* — who disputes whom, about what, with the sentence that "
    "says so and its source, newest first.\n"
    "• `/disputes` — the most recent disputes\n"
    "• `/disputes Lavrov` — disputes by or against a person (a surname is enough)\n"
    "• `/disputes Ukraine` — disputes that mention a topic"
)
MAX_QUERY = 200
_HELP_WORDS = frozenset({"help", "-h", "--help", "?"})


def register(app: App, *, engine: Engine, min_confidence: float) -> None:
    @app.command(COMMAND)
    def disputes(ack: Ack, command: dict, respond: Respond, context: BoltContext) -> None:
        ack()
        text = (command.get("text") or "")[:10_000]
        team_id = context.team_id or command.get("team_id")
        if text.strip().lower() in _HELP_WORDS:
            reply = text_message(HELP)
        else:
            reply = reply_safely(
                lambda: disputes_message(
                    find_disputes(
                        text, engine=engine, min_confidence=min_confidence, team_id=team_id
                    )
                )
            )
        respond(response_type="ephemeral", **reply.payload())


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
