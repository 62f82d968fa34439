"""Stances, position changes and speaker timelines: the writes `jobs.positions` makes after an
ingest, and the reads the timeline and the position-change DMs show.

A stance row is what one statement holds (`extract.positions`, stored as JSON); a change row
pairs an earlier and a later statement of one speaker that hold opposite positions. Neither
has a foreign key to `statement`: article updates and purges delete statements without
knowing of them, so reads join to `Statement` (a change whose statement is gone is never
shown) and `clear_orphans` tidies up after.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import String, and_, cast, delete, exists, literal, select
from sqlmodel import Session

from storage.models import (
    Alert,
    Article,
    Follow,
    PositionChange,
    Speaker,
    Statement,
    StatementStance,
)
from storage.reads import Follower, _known_to, _matches, _statement_query, _statement_view
from storage.scope import EVERYTHING, Scope
from storage.times import as_utc
from storage.views import SpeakerMatch, StatementView

TIMELINE_LIMIT = 300  # statements in one timeline, newest kept: a chart of a year still reads
COMPARE_LIMIT = 500  # earlier statements a new one is compared with
ALERT_BATCH = "position:"  # an Alert claim's batch name: "position:<change id>"
ALERT_RECENT = timedelta(days=3)  # a change is DMed only while its later statement is news


@dataclass(frozen=True, slots=True)
class StanceWork:
    """A statement whose stances are still to be read."""

    id: int
    speaker_id: int
    content: str
    cue: str
    said_at: datetime


@dataclass(frozen=True, slots=True)
class StoredStances:
    statement_id: int
    said_at: datetime
    stances: str  # JSON, `extract.positions.stances_json`


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    statement: StatementView
    said_at: datetime
    issue: tuple[str, ...]  # the statement's issue words ("grain", "deal"), maybe none


@dataclass(frozen=True, slots=True)
class PositionChangeView:
    """A possible change of position, both statements as readers see them."""

    id: int
    speaker: str
    speaker_id: int
    predicate: str
    issue: tuple[str, ...]
    earlier: StatementView
    earlier_at: datetime
    later: StatementView
    later_at: datetime


@dataclass(frozen=True, slots=True)
class Timeline:
    speaker_id: int
    entries: tuple[TimelineEntry, ...]  # oldest first
    changes: tuple[PositionChangeView, ...]  # newest first
    total: int  # statements in the window; more than `entries` when cut to TIMELINE_LIMIT


# --------------------------------------------------------------------------- writes


def statements_awaiting_stances(
    *, session: Session, version: str, limit: int = 500
) -> list[StanceWork]:
    """Statements with no stance row, or one read by other rules than `version`, oldest first
    (so a speaker's earlier statements are read before their later ones)."""
    rows = session.exec(
        select(
            Statement.id, Statement.speaker_id, Statement.content, Statement.cue, Statement.said_at
        )
        .outerjoin(StatementStance, StatementStance.statement_id == Statement.id)
        .where((StatementStance.statement_id.is_(None)) | (StatementStance.version != version))
        .order_by(Statement.said_at, Statement.id)
        .limit(limit)
    ).all()
    return [StanceWork(i, speaker, text, cue, as_utc(at)) for i, speaker, text, cue, at in rows]


def store_stances(
    *, session: Session, work: StanceWork, stances: str, issue: Sequence[str], version: str
) -> None:
    """Record what a statement holds (replacing an older reading)."""
    row = session.get(StatementStance, work.id) or StatementStance(statement_id=work.id)
    row.speaker_id, row.stances, row.version = work.speaker_id, stances, version
    row.issue = " ".join(issue)[:1000]
    session.add(row)


def stances_of_speaker(
    *,
    session: Session,
    speaker_id: int,
    excluding: Collection[int] = (),
    limit: int = COMPARE_LIMIT,
) -> list[StoredStances]:
    """A speaker's stored stances, newest `limit`, oldest first, with when each was said."""
    query = (
        select(Statement.id, Statement.said_at, StatementStance.stances)
        .join(StatementStance, StatementStance.statement_id == Statement.id)
        .where(Statement.speaker_id == speaker_id, StatementStance.stances != "[]")
        .order_by(Statement.said_at.desc(), Statement.id.desc())
        .limit(limit)
    )
    if excluding:
        query = query.where(Statement.id.not_in(list(excluding)))
    rows = session.exec(query).all()
    return [StoredStances(i, as_utc(at), text) for i, at, text in reversed(rows)]


def record_position_change(
    *,
    session: Session,
    speaker_id: int,
    earlier_id: int,
    later_id: int,
    predicate: str,
    issue: Sequence[str],
    now: datetime,
) -> bool:
    """Store a change once per pair of statements; False when it was already stored."""
    known = session.exec(
        select(PositionChange.id).where(
            PositionChange.earlier_id == earlier_id, PositionChange.later_id == later_id
        )
    ).first()
    if known is not None:
        return False
    session.add(
        PositionChange(
            speaker_id=speaker_id,
            earlier_id=earlier_id,
            later_id=later_id,
            predicate=predicate[:100],
            issue=" ".join(issue)[:1000],
            found_at=as_utc(now),
        )
    )
    return True


def clear_orphans(*, session: Session) -> int:
    """Delete stance and change rows whose statements are gone; returns how many."""
    statement_exists = exists().where(Statement.id == StatementStance.statement_id)
    gone = session.exec(delete(StatementStance).where(~statement_exists)).rowcount
    for column in (PositionChange.earlier_id, PositionChange.later_id):
        gone += session.exec(
            delete(PositionChange).where(~exists().where(Statement.id == column))
        ).rowcount
    return gone


# --------------------------------------------------------------------------- reads


def speaker_by_id(
    *, session: Session, speaker_id: int, scope: Scope = EVERYTHING
) -> SpeakerMatch | None:
    """A speaker by id (a Timeline button's), if `scope` has seen them."""
    known = session.exec(
        select(Speaker.id).where(Speaker.id == speaker_id, _known_to(scope))
    ).first()
    found = _matches(session, [speaker_id], scope) if known is not None else []
    return found[0] if found else None


def speaker_timeline(
    *,
    session: Session,
    speaker_id: int,
    about: str | None = None,
    since: datetime | None = None,
    scope: Scope = EVERYTHING,
    limit: int = TIMELINE_LIMIT,
) -> Timeline:
    """A speaker's statements that `scope` may see (about a topic, since a date), oldest first,
    each with its issue words, and the possible changes of position among what is shown."""
    query = (
        _statement_query()
        .add_columns(Statement.said_at, StatementStance.issue)
        .outerjoin(StatementStance, StatementStance.statement_id == Statement.id)
        .where(
            scope.said_by(speaker_id),
            Article.status == "ok",
            scope.visible(),
            *scope.statements_shown(),
        )
        .order_by(Statement.said_at.desc(), Statement.id.desc())
        .limit(limit + 1)
    )
    if about:
        query = query.where(Statement.content.icontains(about, autoescape=True))
    if since:
        query = query.where(Statement.said_at >= as_utc(since))
    rows = session.exec(query).all()
    entries = [
        TimelineEntry(
            _statement_view(row[:7], scope), as_utc(row[7]), tuple((row[8] or "").split())
        )
        for row in rows[:limit]
    ]
    entries.reverse()
    shown = {entry.statement.id: entry for entry in entries}
    return Timeline(
        speaker_id=speaker_id,
        entries=tuple(entries),
        changes=tuple(_changes_among(session, speaker_id, shown)),
        total=len(rows),
    )


def _changes_among(
    session: Session, speaker_id: int, shown: dict[int, TimelineEntry]
) -> list[PositionChangeView]:
    if not shown:
        return []
    rows = session.exec(
        select(PositionChange)
        .where(
            PositionChange.speaker_id == speaker_id,
            PositionChange.later_id.in_(list(shown)),
            PositionChange.earlier_id.in_(list(shown)),
        )
        .order_by(PositionChange.later_id.desc(), PositionChange.earlier_id.desc())
    ).scalars()
    return [
        _change_view(change, shown[change.earlier_id], shown[change.later_id]) for change in rows
    ]


def _change_view(
    change: PositionChange, earlier: TimelineEntry, later: TimelineEntry
) -> PositionChangeView:
    return PositionChangeView(
        id=change.id,
        speaker=later.statement.speaker,
        speaker_id=change.speaker_id,
        predicate=change.predicate,
        issue=tuple(change.issue.split()),
        earlier=earlier.statement,
        earlier_at=earlier.said_at,
        later=later.statement,
        later_at=later.said_at,
    )


def _alert_batch():
    return literal(ALERT_BATCH) + cast(PositionChange.id, String)


def _told(team_id, user_id):
    """A condition on `PositionChange`: this user was DMed about it, or a DM is on its way
    (any claim but a failed one, which the next run retakes)."""
    return (
        exists()
        .where(
            Alert.team_id == team_id,
            Alert.user_id == user_id,
            Alert.batch == _alert_batch(),
            Alert.status != "failed",
        )
        .correlate(PositionChange)
    )


def _news_for(follow_team, follow_user, now: datetime):
    """Changes found since the follow began whose later statement is recent news."""
    later = Statement.__table__.alias("later_statement")
    return and_(
        PositionChange.found_at >= Follow.created_at,
        exists().where(
            later.c.id == PositionChange.later_id,
            later.c.said_at >= as_utc(now) - ALERT_RECENT,
        ),
        ~_told(follow_team, follow_user),
    )


def followers_with_position_changes(*, session: Session, now: datetime) -> list[Follower]:
    """Followers of a speaker with a new possible change of position not yet DMed to them."""
    rows = session.exec(
        select(Follow.team_id, Follow.user_id)
        .join(PositionChange, PositionChange.speaker_id == Follow.speaker_id)
        .where(_news_for(Follow.team_id, Follow.user_id, now))
        .distinct()
        .order_by(Follow.team_id, Follow.user_id)
    ).all()
    return [Follower(team_id, user_id) for team_id, user_id in rows]


def position_changes_for_follower(
    *, session: Session, team_id: str, user_id: str, now: datetime, scope: Scope = EVERYTHING
) -> list[PositionChangeView]:
    """The new possible changes by speakers a user follows, not yet DMed, oldest first, where
    `scope` may see both statements."""
    changes = session.exec(
        select(PositionChange)
        .join(Follow, Follow.speaker_id == PositionChange.speaker_id)
        .where(
            Follow.team_id == team_id,
            Follow.user_id == user_id,
            _news_for(team_id, user_id, now),
        )
        .order_by(PositionChange.id)
        .limit(20)
    ).scalars()
    changes = list(changes)
    ids = {i for change in changes for i in (change.earlier_id, change.later_id)}
    seen = _entries_by_id(session, ids, scope)
    return [
        _change_view(change, seen[change.earlier_id], seen[change.later_id])
        for change in changes
        if change.earlier_id in seen and change.later_id in seen
    ]


def _entries_by_id(
    session: Session, ids: Collection[int], scope: Scope
) -> dict[int, TimelineEntry]:
    if not ids:
        return {}
    rows = session.exec(
        _statement_query()
        .add_columns(Statement.said_at)
        .where(
            Statement.id.in_(list(ids)),
            Article.status == "ok",
            scope.visible(),
            *scope.statements_shown(),
        )
    ).all()
    return {
        row[0].id: TimelineEntry(_statement_view(row[:7], scope), as_utc(row[7]), ())
        for row in rows
    }


def alert_batch_name(change: PositionChangeView) -> str:
    """The Alert claim's batch for a change, so each is DMed once per follower."""
    return f"{ALERT_BATCH}{change.id}"
