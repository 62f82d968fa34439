"""`/who-said NAME [about TOPIC] [since DATE]`: parsing and answering, without Slack.

The slash command, DMs and `summit who-said` all go through `answer_who_said`, so
they can never disagree. Each says what its reader may see: a Slack workspace its
`team_scope`, the operator's CLI everything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Engine
from sqlmodel import Session

from storage.reads import (
    COUNT_CAP,
    close_speaker_names,
    count_statements_by_speaker,
    speakers_matching,
    statements_by_speaker,
)
from storage.scope import Scope, workspace_scope
from storage.views import SpeakerMatch, StatementView
from summit.errors import SummitError

PAGE_SIZE = 5
MAX_QUERY = 200

_CLAUSES = re.compile(r"\s+(about|on|since)\s+", re.IGNORECASE)
_RELATIVE = re.compile(r"^(\d{1,3})\s*(d|days?|w|weeks?)$", re.IGNORECASE)


class QueryError(SummitError, ValueError):
    """The command text could not be understood; the message says how to fix it."""


@dataclass(frozen=True, slots=True)
class WhoSaidQuery:
    name: str
    about: str | None = None
    since: date | None = None
    page: int = 0
    speaker_id: int | None = None


@dataclass(frozen=True, slots=True)
class WhoSaidAnswer:
    query: WhoSaidQuery
    speaker: SpeakerMatch | None = None
    statements: tuple[StatementView, ...] = ()
    total: int = 0
    candidates: tuple[SpeakerMatch, ...] = ()
    close_names: tuple[str, ...] = ()

    @property
    def has_more(self) -> bool:
        return (self.query.page + 1) * PAGE_SIZE < self.total

    @property
    def total_label(self) -> str:
        """ "37", or "1,000+" when the count was capped."""
        return f"{COUNT_CAP:,}+" if self.total > COUNT_CAP else f"{self.total:,}"


def parse_who_said(text: str, *, today: date) -> WhoSaidQuery:
    """Split "Lavrov about Ukraine since 2023-07-01" into its parts.

    >>> parse_who_said("Lavrov about Ukraine", today=date(2023, 7, 15)).about
    'Ukraine'
    """
    text = " ".join(text.split())[:MAX_QUERY]
    parts = _CLAUSES.split(" " + text + " ")
    name, about, since = parts[0].strip(), None, None
    for keyword, value in zip(parts[1::2], parts[2::2], strict=False):
        value = value.strip()
        if keyword.lower() == "since":
            since = parse_since(value, today=today)
        elif value:
            about = value
    name = name.strip(" \"'“”‘’?")
    if not name:
        raise QueryError("Tell me whose statements you want, e.g. `/who-said Lavrov`.")
    return WhoSaidQuery(name=name, about=about, since=since)


def parse_since(value: str, *, today: date) -> date:
    """YYYY-MM-DD, "today", "yesterday", or a span such as "7d" / "2 weeks"."""
    lowered = value.strip().lower()
    if lowered == "today":
        return today
    if lowered == "yesterday":
        return today - timedelta(days=1)
    if match := _RELATIVE.match(lowered):
        days = int(match[1]) * (7 if match[2].startswith("w") else 1)
        return today - timedelta(days=days)
    try:
        return date.fromisoformat(lowered)
    except ValueError:
        raise QueryError(
            "I could not read that date; use YYYY-MM-DD, `yesterday` or a span like `7d`."
        ) from None


def team_scope(engine: Engine, team_id: str | None) -> Scope:
    """What a Slack workspace may see (`storage.scope.workspace_scope`): operator content plus
    its channels' own feeds. A request without a team id sees operator content only."""
    with Session(engine) as session:
        return workspace_scope(session=session, team_id=team_id or "")


def answer_who_said(query: WhoSaidQuery, *, engine: Engine, scope: Scope) -> WhoSaidAnswer:
    """Find the speaker(s) and one page of their statements, as far as `scope` may see them: a
    speaker it has not seen is unknown, and is not suggested either."""
    with Session(engine) as session:
        matches = speakers_matching(session=session, query=query.name, scope=scope)
        if query.speaker_id is not None:
            matches = [m for m in matches if m.id == query.speaker_id] or matches
        if not matches:
            names = close_speaker_names(session=session, query=query.name, scope=scope)
            return WhoSaidAnswer(query=query, close_names=tuple(names))
        if len(matches) > 1 and query.speaker_id is None:
            return WhoSaidAnswer(query=query, candidates=tuple(matches))
        speaker = matches[0]
        since = datetime.combine(query.since, datetime.min.time(), UTC) if query.since else None
        statements = statements_by_speaker(
            session=session,
            speaker_id=speaker.id,
            about=query.about,
            since=since,
            limit=PAGE_SIZE,
            offset=query.page * PAGE_SIZE,
            scope=scope,
        )
        total = count_statements_by_speaker(
            session=session, speaker_id=speaker.id, about=query.about, since=since, scope=scope
        )
    return WhoSaidAnswer(query=query, speaker=speaker, statements=tuple(statements), total=total)
