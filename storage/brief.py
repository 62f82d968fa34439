"""What one reader's brief is built from: the window's statements and disputes with their
article, story, summit and statement cluster (`jobs/brief.py` groups and ranks them)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import aliased
from sqlmodel import Session

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
from storage.reads import public_url, published_or_seen, window
from storage.scope import EVERYTHING, Scope


@dataclass(frozen=True, slots=True)
class QuoteRow:
    """One stored statement in the window, with what the brief needs of its article."""

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
    url: str | None
    source: str | None
    published: datetime | None  # publication time, else first seen
    story_id: int | None
    story_title: str | None
    summit: str | None


@dataclass(frozen=True, slots=True)
class DisputeRow:
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


Keep = Callable[..., bool]


def brief_rows(
    *,
    session: Session,
    since: datetime | None,
    until: datetime,
    scope: Scope = EVERYTHING,
    by_publication: bool = False,
    keep: Keep | None = None,
    min_confidence: float = 0.5,
) -> tuple[list[QuoteRow], list[DisputeRow], int]:
    """The window's statements and shown disputes for one reader, and how many articles they
    come from.

    The window is (since, until] on when each statement or dispute was first stored (so an
    edit brings only what it added, and nothing is shown twice), or, with `by_publication`,
    on the article's publication time (first-seen time when it has none): `summit digest
    --date`. `keep(*texts)`, when given, is the channel's keyword filter.
    """
    if by_publication:  # a calendar day: [since, until)

        def bounds(column) -> list:
            return _day(published_or_seen(), since, until)
    else:

        def bounds(column) -> list:
            return window(column, since, until)

    story = aliased(Story)
    # Plain columns, not table rows: a day can hold 200,000 statements.
    quotes = [
        _quote_row(row)
        for row in session.execute(
            select(
                Statement.id,
                Statement.cluster_id,
                StatementCluster.first_at,
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
            .where(
                Article.status == "ok",
                scope.visible(),
                *bounds(Statement.found_at),
            )
        )
    ]
    disputes = [
        _dispute_row(row)
        for row in session.execute(
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
                scope.visible(),
                Dispute.actor_type.in_(NAMED_ACTORS),
                Dispute.confidence >= min_confidence,
                *bounds(Dispute.found_at),
            )
        )
    ]
    if keep is not None:
        quotes = [q for q in quotes if keep(q.content, q.speaker, q.title)]
        disputes = [d for d in disputes if keep(d.evidence, d.actor, d.target, d.title)]
    articles = len({q.article_id for q in quotes} | {d.article_id for d in disputes})
    return quotes, disputes, articles


_ARTICLE_COLUMNS = (
    Article.id,
    Article.title,
    Article.outlet,
    Article.canonical_url,
    Article.source,
    published_or_seen(),
    Article.story_id,
)


def _day(column, since: datetime | None, until: datetime) -> list:
    bounds = [column < as_utc(until)]
    if since is not None:
        bounds.append(column >= as_utc(since))
    return bounds


ARTICLE_WIDTH = len(_ARTICLE_COLUMNS) + 2  # and the story's title and summit


def _article_fields(tail) -> tuple:
    """The article part of a row (`_ARTICLE_COLUMNS`, story title, summit) as rows take it."""
    article_id, title, outlet, url, source, published, story_id, story_title, summit = tail
    return (
        article_id,
        title,
        outlet,
        public_url(url),
        source,
        as_utc(published),
        story_id,
        story_title,
        summit,
    )


def _quote_row(row) -> QuoteRow:
    said = row[:-ARTICLE_WIDTH]
    return QuoteRow(*said[:2], as_utc(said[2]), *said[3:], *_article_fields(row[-ARTICLE_WIDTH:]))


def _dispute_row(row) -> DisputeRow:
    return DisputeRow(*row[:-ARTICLE_WIDTH], *_article_fields(row[-ARTICLE_WIDTH:]))
