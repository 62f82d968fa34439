"""What one reader's brief is built from: the window's statements and disputes with their
article, story, summit and statement cluster (`jobs/brief.py` groups and ranks them)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import compress
from operator import itemgetter
from typing import NamedTuple

from sqlalchemy import (
    ARRAY,
    Integer,
    String,
    any_,
    bindparam,
    case,
    func,
    literal,
    literal_column,
    select,
    type_coerce,
)
from sqlalchemy.orm import aliased
from sqlalchemy.types import TypeEngine
from sqlmodel import Session

from storage.keywords import KeywordFilter
from storage.models import (
    NAMED_ACTORS,
    Article,
    Dispute,
    Speaker,
    Statement,
    StatementCluster,
    Story,
)
from storage.reads import published_or_seen, window
from storage.scope import EVERYTHING, Scope
from storage.times import as_utc
from storage.views import MovedStatement


class QuoteRow(NamedTuple):
    """One stored statement in the window, with what the brief needs of its article.

    A named tuple, not a dataclass: a day can hold 200,000 of them, made straight from the
    database's rows."""

    statement_id: int
    cluster_id: int | None
    cluster_first_at: datetime | None  # when the cluster was first reported anywhere
    speaker: str
    speaker_id: int
    speaker_kind: str
    role: str | None
    content: str
    cue: str
    kind: str
    article_id: int
    title: str | None
    outlet: str | None
    url: str | None  # as stored: `storage.reads.public_url` says whether it is a link
    source: str | None
    published: datetime | None  # publication time, else first seen (UTC)
    story_id: int | None
    story_title: str | None
    summit: str | None


class DisputeRow(NamedTuple):
    """One stored dispute (named actor, confident enough) in the window, with its article."""

    dispute_id: int
    actor: str
    target: str | None
    cue: str
    cue_class: str
    escalation: int
    confidence: float
    issue: str | None
    evidence: str
    article_id: int
    title: str | None
    outlet: str | None
    url: str | None
    source: str | None
    published: datetime | None
    story_id: int | None
    story_title: str | None
    summit: str | None


class _Moment(TypeEngine[datetime]):
    """A stored time read as an aware UTC datetime without the per-value work of the
    models' column type (200,000 of them in a day's brief): SQLite's naive ISO text is read
    as UTC by `datetime.fromisoformat`; PostgreSQL sessions run in UTC (`storage.engine`),
    so its values are UTC already."""

    def result_processor(self, dialect, coltype):
        if dialect.name == "sqlite":
            return _parse_utc
        return _in_utc


def _parse_utc(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        return datetime.fromisoformat(value + "+00:00")
    except ValueError:  # stored with an offset of its own
        return as_utc(datetime.fromisoformat(value))


def _in_utc(value: datetime | None) -> datetime | None:
    if value is None or value.tzinfo is UTC:
        return value
    return as_utc(value)


def _moment(column):
    return type_coerce(column, _Moment())


@dataclass(frozen=True, slots=True)
class Reading:
    """What one reader's brief covers: a window and a scope.

    The window is (since, until] on when each statement or dispute was first stored (so an
    edit brings only what it added, and nothing is shown twice), or, with `by_publication`,
    the calendar day [since, until) of the article's publication time (first-seen time when
    it has none): `summit digest --date`."""

    since: datetime | None
    until: datetime
    scope: Scope = EVERYTHING
    by_publication: bool = False

    def bounds(self, found_at) -> list:
        """The window as conditions: on `found_at`, or on the joined `Article`'s publication."""
        if not self.by_publication:
            return window(found_at, self.since, self.until)
        published = published_or_seen()
        bounds = [published < as_utc(self.until)]
        if self.since is not None:
            bounds.append(published >= as_utc(self.since))
        return bounds

    def statements(self) -> list:
        """The conditions on a `Statement` joined to its `Article` for this reading."""
        return [
            Article.status == "ok",
            self.scope.visible(),
            *self.scope.statements_shown(),
            *self.bounds(Statement.found_at),
        ]


@dataclass(frozen=True, slots=True)
class WindowStatements:
    """What ranking needs of every statement in a reading, as columns (a day can hold
    200,000 statements: one list per column, not one object per statement)."""

    ids: list[int]
    items: list[int]  # the statement's cluster, else minus its own id (`item_key`)
    speakers: list[int]
    roles: list[str | None]
    direct: list[int]  # 1 for a direct quote
    articles: list[int]
    repeated: list[int]  # 1 when its cluster was first reported before the reading's window
    contents: list[str] | None = None  # read only for a keyword filter

    def __len__(self) -> int:
        return len(self.ids)

    def kept(self, keep: Sequence[bool]) -> WindowStatements:
        """The statements whose `keep` is true."""
        return WindowStatements(
            *(
                list(compress(column, keep)) if column is not None else None
                for column in (
                    self.ids,
                    self.items,
                    self.speakers,
                    self.roles,
                    self.direct,
                    self.articles,
                    self.repeated,
                    self.contents,
                )
            )
        )


class ArticleFacts(NamedTuple):
    """One article with statements in a reading, and its story: what ranking and a story's
    outlet count need of it."""

    article_id: int
    story: int  # the story's id, or minus the article's id when unfiled
    outlet: str  # case-blind outlet key: outlet, else headline, else source
    title: str | None  # the story's title, else the article's
    summit: str | None
    published: datetime  # publication time, else first seen (UTC)
    headline: str | None


class SpeakerFacts(NamedTuple):
    name: str
    kind: str  # "person" or "organisation"


def item_key():
    """A brief item's key: the statement's cluster, else minus the statement's own id."""
    return func.coalesce(Statement.cluster_id, -Statement.id)


def outlet_key(outlet: str | None, headline: str | None, source: str | None) -> str:
    """The case-blind key that counts an article's outlet: outlet, else headline, else source."""
    return (outlet or headline or source or "").lower()


def _first_reported(reading: Reading):
    """When the statement's cluster was first reported, as the reading's scope may know it.
    The stored first sighting (`StatementCluster.first_at`) counts every outlet's copy; where
    it is before the window and the scope is a workspace's, it is the first copy the scope may
    see, so another workspace's channel feed never makes a statement old news here. Only
    statements whose cluster is older than the window ask."""
    first = StatementCluster.first_at
    if reading.since is None or reading.scope.feeds is None:
        return first
    earlier, seen = aliased(Statement), aliased(Article)
    first_seen = (
        select(func.min(earlier.said_at))
        .join(seen, seen.id == earlier.article_id)
        .where(earlier.cluster_id == Statement.cluster_id, reading.scope.visible(seen))
        .scalar_subquery()
    )
    return case((first < as_utc(reading.since), first_seen), else_=first)


def window_statements(
    *, session: Session, reading: Reading, contents: bool = False
) -> WindowStatements:
    """Every statement of the reading, as columns; with `contents`, their text too."""
    # Flags as 1 or 0: a Boolean column would convert each of 400,000 values in Python.
    repeated = (
        case((_first_reported(reading) < as_utc(reading.since), 1), else_=0)
        if reading.since is not None
        else literal(0)
    )
    query = (
        select(
            Statement.id,
            item_key(),
            Statement.speaker_id,
            Statement.role,
            case((Statement.kind == "direct", 1), else_=0),
            Statement.article_id,
            repeated,
            *([Statement.content] if contents else []),
        )
        .join(Article, Article.id == Statement.article_id)
        .outerjoin(StatementCluster, StatementCluster.id == Statement.cluster_id)
        .where(*reading.statements())
    )
    columns = _columns(_rows(session, query), 8 if contents else 7)
    moved = {m.statement_id: m for m in reading.scope.corrections.moved}
    if moved:  # statements the workspace's readers moved to another speaker
        ids, speakers, roles = columns[0], columns[2], columns[3]
        for index, statement_id in enumerate(ids):
            if statement_id in moved:
                speakers[index], roles[index] = moved[statement_id].speaker_id, None
    return WindowStatements(*columns)


def window_articles(*, session: Session, reading: Reading) -> list[ArticleFacts]:
    """The articles with statements in the reading, each with its story's title and summit."""
    story = aliased(Story)
    carrying = (
        select(Statement.article_id)
        .join(Article, Article.id == Statement.article_id)
        .where(*reading.statements())
    )
    rows = _rows(
        session,
        select(
            Article.id,
            Article.story_id,
            Article.outlet,
            Article.title,
            Article.source,
            story.title,
            story.summit,
            _moment(published_or_seen()),
        )
        .outerjoin(story, story.id == Article.story_id)
        .where(Article.id.in_(carrying)),
    )
    return [
        ArticleFacts(
            article_id=article_id,
            story=story_id if story_id is not None else -article_id,
            outlet=outlet_key(outlet, headline, source),
            title=story_title or headline,
            summit=summit,
            published=published,
            headline=headline,
        )
        for article_id, story_id, outlet, headline, source, story_title, summit, published in rows
    ]


def speakers_of(*, session: Session, ids: Iterable[int]) -> dict[int, SpeakerFacts]:
    """Speakers' names and kinds by id."""
    wanted = sorted(set(ids))
    query = select(Speaker.id, Speaker.name, Speaker.kind).where(
        *_among(Speaker.id, wanted, session)
    )
    return {sid: SpeakerFacts(name, kind) for sid, name, kind in _rows(session, query)}


def brief_rows(
    *,
    session: Session,
    reading: Reading,
    items: Sequence[int] | None = None,
    only: Sequence[int] | None = None,
    keywords: KeywordFilter | None = None,
    min_confidence: float = 0.5,
) -> tuple[list[QuoteRow], list[DisputeRow]]:
    """The statements of `items` (every item when None; `only` those statements) and the
    shown disputes of one reader's reading, with their article, story and summit.
    `keywords`, when given, is the channel's keyword filter (on a dispute's evidence,
    actor, target and headline)."""
    story = aliased(Story)
    said = (
        select(
            Statement.id,
            Statement.cluster_id,
            _moment(_first_reported(reading)),
            Speaker.name,
            Statement.speaker_id,
            Speaker.kind,
            Statement.role,
            Statement.content,
            Statement.cue,
            Statement.kind,
            *_ARTICLE_COLUMNS,
            story.title,
            story.summit,
        )
        .join(Speaker, Speaker.id == Statement.speaker_id)
        .join(Article, Article.id == Statement.article_id)
        .outerjoin(StatementCluster, StatementCluster.id == Statement.cluster_id)
        .outerjoin(story, story.id == Article.story_id)
        .where(*reading.statements(), *_among(Statement.id, only, session))
    )
    quotes = [
        QuoteRow._make(row)
        for chosen in _of_items(items, session)
        for row in _rows(session, said.where(*chosen))
    ]
    moved = {m.statement_id: m for m in reading.scope.corrections.moved}
    if moved:
        quotes = [
            _moved(q, moved[q.statement_id]) if q.statement_id in moved else q for q in quotes
        ]
    disputes = [
        DisputeRow._make(row)
        for row in _rows(
            session,
            select(
                Dispute.id,
                Dispute.actor,
                Dispute.target,
                Dispute.cue,
                Dispute.cue_class,
                Dispute.escalation,
                Dispute.confidence,
                Dispute.issue,
                Dispute.evidence,
                *_ARTICLE_COLUMNS,
                story.title,
                story.summit,
            )
            .join(Article, Article.id == Dispute.article_id)
            .outerjoin(story, story.id == Article.story_id)
            .where(
                Article.status == "ok",
                reading.scope.visible(),
                Dispute.actor_type.in_(NAMED_ACTORS),
                Dispute.confidence >= min_confidence,
                *reading.scope.disputes_shown(),
                *reading.bounds(Dispute.found_at),
            ),
        )
    ]
    if keywords is not None and disputes:
        texts = [(d.evidence, d.actor, d.target, d.title) for d in disputes]
        disputes = list(compress(disputes, keywords.matches_each(*_columns(texts, 4))))
    return quotes, disputes


def _moved(quote: QuoteRow, move: MovedStatement) -> QuoteRow:
    """A quote under the speaker a reader's correction names (the role was the other's)."""
    return quote._replace(
        speaker=move.speaker, speaker_id=move.speaker_id, speaker_kind=move.kind, role=None
    )


def _of_items(items: Sequence[int] | None, session: Session) -> list[list]:
    """The conditions, one query each, that find the statements of `items` (every statement
    when None) through the cluster index and the primary key rather than the whole window."""
    if items is None:
        return [[]]
    clusters = [key for key in items if key > 0]
    singles = [-key for key in items if key < 0]
    return [
        _among(Statement.cluster_id, clusters, session),
        _among(Statement.id, singles, session),
    ]


def _columns(rows: Sequence[Sequence], width: int) -> list[list]:
    """Rows as columns (`zip(*rows)` unpacks 200,000 arguments: ten times slower)."""
    return [list(map(itemgetter(i), rows)) for i in range(width)]


def _rows(session: Session, query) -> list:
    """All rows of a Core query at once (fetching them one by one costs more than the query)."""
    return session.connection().execute(query).all()


def _among(column, ids: Sequence[int] | Sequence[str] | None, session: Session) -> list:
    """`column` among `ids` (numbers or texts) as one bound value whatever their number (a
    JSON array on SQLite, an array on PostgreSQL); no condition when `ids` is None."""
    if ids is None:
        return []
    if session.get_bind().dialect.name == "postgresql":
        kind = String if any(isinstance(value, str) for value in ids) else Integer
        return [column == any_(bindparam(None, list(ids), type_=ARRAY(kind)))]
    listed = select(literal_column("value")).select_from(
        func.json_each(bindparam(None, json.dumps(list(ids))))
    )
    return [column.in_(listed)]


_ARTICLE_COLUMNS = (
    Article.id,
    Article.title,
    Article.outlet,
    Article.canonical_url,
    Article.source,
    _moment(published_or_seen()),
    Article.story_id,
)
