"""What one reader's brief is built from: the window's statements and disputes with their
article, story, summit and statement cluster (`jobs/brief.py` groups and ranks them)."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import compress
from typing import NamedTuple

from sqlalchemy import (
    ARRAY,
    Float,
    Integer,
    String,
    any_,
    bindparam,
    case,
    distinct,
    func,
    literal,
    literal_column,
    select,
    type_coerce,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import aliased
from sqlalchemy.sql.functions import GenericFunction
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
    as_utc,
)
from storage.reads import published_or_seen, window
from storage.scope import EVERYTHING, Scope


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
        return [Article.status == "ok", self.scope.visible(), *self.bounds(Statement.found_at)]


@dataclass(frozen=True, slots=True)
class Ranking:
    """How the database ranks a reading's statement items (the values of
    `jobs/rules/importance.json`): score = outlets · log2(1 + distinct outlets) + standing ·
    the speaker's level + direct · (a direct quote exists) + repeated · (its cluster was first
    reported before the window)."""

    outlets: float
    standing: float
    direct: float
    repeated: float
    levels: Mapping[str, int]  # role → level, for the roles of the reading that have one
    organisation_level: int  # a state or organisation speaking
    older_than: datetime | None  # items first published before this are older coverage
    per_story: int | None  # items kept per story (and of older coverage); None keeps all


OLDER = 0  # `RankedItem.story` of older coverage


class RankedItem(NamedTuple):
    """One item of the brief before its text is read: a statement cluster (or a statement in
    none), ranked within its story."""

    item: int  # the cluster's id, or minus the statement's id for a statement in no cluster
    speaker_id: int
    story: int  # the earliest story carrying it, minus its article's id when unfiled, or OLDER
    score: float
    total: int  # items of its story (or of older coverage) in the reading
    level: int  # the speaker's standing, the highest its statements' roles give
    outlets: int  # distinct outlets (outlet, else headline, else source; case-blind)


class StoryReach(NamedTuple):
    """One article with statements in the reading, and its story: a story's outlets and the
    brief's article count are reckoned from these."""

    article_id: int
    story: int  # the story's id, or minus the article's id when unfiled
    outlet: str  # case-blind outlet key, as `RankedItem.outlets` counts
    title: str | None  # the story's title, else the article's
    summit: str | None


def item_key():
    """A brief item's key: the statement's cluster, else minus the statement's own id."""
    return func.coalesce(Statement.cluster_id, -Statement.id)


def _outlet_key():
    return func.lower(func.coalesce(Article.outlet, Article.title, Article.source, ""))


def passing_statements(
    *, session: Session, reading: Reading, keywords: KeywordFilter
) -> list[int] | None:
    """The ids of the reading's statements that a channel's keyword filter keeps (on the
    statement, its speaker and its headline); None when it keeps every one."""
    rows = _rows(
        session,
        select(Statement.id, Statement.content, Statement.speaker_id, Article.title)
        .join(Article, Article.id == Statement.article_id)
        .where(*reading.statements()),
    )
    if not rows:
        return None
    ids, contents, speaker_ids, titles = zip(*rows, strict=True)
    names = speakers_of(session=session, ids=speaker_ids)
    verdicts = keywords.matches_each(contents, [names[s] for s in speaker_ids], titles)
    kept = list(compress(ids, verdicts))
    return None if len(kept) == len(ids) else kept


def roles_in(*, session: Session, reading: Reading, only: Sequence[int] | None = None) -> list[str]:
    """The distinct roles the reading's statements give their speakers."""
    rows = _rows(
        session,
        select(Statement.role)
        .join(Article, Article.id == Statement.article_id)
        .where(
            *reading.statements(), Statement.role.is_not(None), *_among(Statement.id, only, session)
        )
        .distinct(),
    )
    return [role for (role,) in rows]


def ranked_items(
    *, session: Session, reading: Reading, ranking: Ranking, only: Sequence[int] | None = None
) -> list[RankedItem]:
    """The reading's statement items, scored and ranked per story in the database (a day can
    hold 200,000 statements), keeping `ranking.per_story` of each story and of older coverage;
    `only` limits it to those statements. Best first within each story."""
    item = item_key()
    by_level: dict[int, list[str]] = defaultdict(list)
    for role, level in ranking.levels.items():
        by_level[level].append(role)
    role_level = (
        case(
            *[
                (_among(Statement.role, sorted(roles), session)[0], role_level)
                for role_level, roles in sorted(by_level.items(), reverse=True)
            ],
            else_=0,
        )
        if by_level
        else literal(0)
    )
    items = (
        select(
            item.label("item"),
            func.min(Statement.speaker_id).label("speaker_id"),
            func.max(role_level).label("role_level"),
            func.count(distinct(_outlet_key())).label("outlets"),
            func.max(case((Statement.kind == "direct", 1), else_=0)).label("direct"),
            _before(func.min(published_or_seen()), ranking.older_than).label("older"),
            func.coalesce(func.min(Article.story_id), -func.min(Article.id)).label("story"),
        )
        .join(Article, Article.id == Statement.article_id)
        .where(*reading.statements(), *_among(Statement.id, only, session))
        .group_by(item)
        .subquery("items")
    )
    # Per item, not per statement: the speaker's kind, and the cluster's first sighting.
    level = case(
        (Speaker.kind == "organisation", ranking.organisation_level), else_=items.c.role_level
    )
    repeated = _before(StatementCluster.first_at, reading.since)
    items = (
        select(
            items.c.item,
            items.c.speaker_id,
            level.label("level"),
            items.c.outlets,
            items.c.direct,
            items.c.older,
            items.c.story,
            repeated.label("repeated"),
        )
        .join(Speaker, Speaker.id == items.c.speaker_id)
        .outerjoin(StatementCluster, StatementCluster.id == items.c.item)
        .subquery("scored")
    )
    score = (
        ranking.outlets * log2(1 + items.c.outlets)
        + ranking.standing * items.c.level
        + ranking.direct * items.c.direct
        + ranking.repeated * items.c.repeated
    )
    story = case((items.c.older == 1, OLDER), else_=items.c.story)
    ranked = select(
        items.c.item,
        items.c.speaker_id,
        story.label("story"),
        score.label("score"),
        func.count().over(partition_by=story).label("total"),
        items.c.level,
        items.c.outlets,
        func.row_number()
        .over(partition_by=story, order_by=(score.desc(), items.c.item))
        .label("place"),
    ).subquery("ranked")
    final = select(*[c for c in ranked.c if c.name != "place"]).order_by(
        ranked.c.story, ranked.c.place
    )
    if ranking.per_story is not None:
        final = final.where(ranked.c.place <= ranking.per_story)
    return [
        RankedItem(item, speaker_id, story, round(score, 3), total, level, outlets)
        for item, speaker_id, story, score, total, level, outlets in _rows(session, final)
    ]


class log2(GenericFunction):
    """log2(x): SQLite's own (its math functions); ln(x)/ln(2) on PostgreSQL."""

    type = Float()
    inherit_cache = True


@compiles(log2, "postgresql")
def _log2_postgresql(element, compiler, **kw) -> str:
    return f"(ln(CAST({compiler.process(element.clauses, **kw)} AS DOUBLE PRECISION)) / ln(2.0))"


def _before(column, moment: datetime | None):
    """1 when `column` is before `moment` (never when there is no moment), else 0."""
    if moment is None:
        return literal(0)
    return case((column < as_utc(moment), 1), else_=0)


def speakers_of(*, session: Session, ids: Iterable[int]) -> dict[int, str]:
    """Speakers' names by id."""
    wanted = sorted(set(ids))
    query = select(Speaker.id, Speaker.name).where(*_among(Speaker.id, wanted, session))
    return {speaker_id: name for speaker_id, name in _rows(session, query)}


def story_reach(
    *, session: Session, reading: Reading, only: Sequence[int] | None = None
) -> list[StoryReach]:
    """The articles with statements in the reading (`only` those statements), each with its
    story's title and summit."""
    story = aliased(Story)
    carrying = (
        select(Statement.article_id)
        .join(Article, Article.id == Statement.article_id)
        .where(*reading.statements(), *_among(Statement.id, only, session))
    )
    rows = _rows(
        session,
        select(
            Article.id,
            func.coalesce(Article.story_id, -Article.id),
            _outlet_key(),
            func.coalesce(story.title, Article.title),
            story.summit,
        )
        .outerjoin(story, story.id == Article.story_id)
        .where(Article.id.in_(carrying)),
    )
    return [StoryReach._make(row) for row in rows]


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
            _moment(StatementCluster.first_at),
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
                *reading.bounds(Dispute.found_at),
            ),
        )
    ]
    if keywords is not None and disputes:
        columns = zip(*((d.evidence, d.actor, d.target, d.title) for d in disputes), strict=True)
        disputes = list(compress(disputes, keywords.matches_each(*columns)))
    return quotes, disputes


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
