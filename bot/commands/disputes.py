"""`/disputes [NAME or TOPIC]` and `/disputes map [SUMMIT or KEYWORDS] [since …]`: reading
the command and finding the disputes, without Slack."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine
from sqlmodel import Session

from bot.mrkdwn import clean
from bot.render_commands import DISPUTES_PAGE_SIZE, DisputesPage
from storage.reads import (
    close_speaker_names,
    count_disputes_involving,
    disputes_involving,
    speakers_matching,
)
from storage.scope import workspace_scope

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


@dataclass(frozen=True, slots=True)
class DisputesAsk:
    """What `/disputes TEXT` asks for: its help, a map (of the words after `map`, read by
    `bot.commands.dispute_map`), or the disputes involving a name or topic."""

    kind: str  # "help", "map" or "find"
    text: str = ""


def parse_disputes(text: str) -> DisputesAsk:
    """Read the command's text (never raises)."""
    text = (text or "")[:10_000]
    if text.strip().lower() in _HELP_WORDS:
        return DisputesAsk("help")
    words = text.split(None, 1)
    if words and words[0].lower() == MAP_WORD:
        return DisputesAsk("map", words[1] if len(words) > 1 else "")
    return DisputesAsk("find", text)


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
