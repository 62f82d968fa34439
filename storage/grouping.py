"""Stored groupings: which story an article reports and which statements are one statement
said in several outlets. `jobs/grouping.py` decides; these functions read and write."""

from __future__ import annotations

import base64
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, not_, select, update
from sqlmodel import Session

from storage.models import Article, Speaker, Statement, StatementCluster, Story
from storage.reads import published_or_seen
from storage.scope import EVERYTHING, Scope
from storage.times import as_utc


@dataclass(frozen=True, slots=True)
class StoryVector:
    """A stored article's story vector, its story and when it appeared."""

    article_id: int
    story_id: int
    published: datetime
    vector: bytes


@dataclass(frozen=True, slots=True)
class NearStatement:
    """A stored statement, as statement clustering compares it."""

    statement_id: int
    speaker_id: int
    speaker: str
    content: str
    kind: str
    said_at: datetime
    article_id: int
    cluster_id: int | None


@dataclass(frozen=True, slots=True)
class StoryArticle:
    title: str | None
    text: str
    published: datetime


def encode_vector(vector: bytes) -> str:
    return base64.b64encode(vector).decode("ascii")


def decode_vector(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"))


def story_vectors_since(*, session: Session, since: datetime) -> list[StoryVector]:
    """Vectors of the articles that appeared since `since` and belong to a story."""
    appeared = published_or_seen()
    rows = session.exec(
        select(Article.id, Article.story_id, appeared, Article.story_vector).where(
            Article.story_id.is_not(None),
            Article.story_vector.is_not(None),
            appeared >= as_utc(since),
        )
    ).all()
    return [StoryVector(a, s, as_utc(p), decode_vector(v)) for a, s, p, v in rows]


def start_story(*, session: Session, title: str, published: datetime) -> int:
    story = Story(
        title=title[:1000], first_published=published, last_published=published, articles=0
    )
    session.add(story)
    session.flush()
    return story.id


def file_under_story(
    *, session: Session, article_id: int, story_id: int, vector: bytes, published: datetime
) -> int:
    """Put an article in a story (counting it once, even when it is re-filed); returns how
    many articles the story holds."""
    article = session.get(Article, article_id)
    story = session.get(Story, story_id)
    if article is None or story is None:
        return 0
    if article.story_id is None:
        story.articles = (story.articles or 0) + 1
    article.story_id, article.story_vector = story_id, encode_vector(vector)
    story.first_published = min(as_utc(story.first_published), published)
    story.last_published = max(as_utc(story.last_published), published)
    session.add_all([article, story])
    return story.articles


def story_articles(
    *, session: Session, story_id: int, limit: int = 6, scope: Scope = EVERYTHING
) -> list[StoryArticle]:
    """A story's latest articles that `scope` may see (for its title and summit)."""
    appeared = published_or_seen()
    rows = session.exec(
        select(Article.title, Article.text, appeared)
        .where(Article.story_id == story_id, Article.status == "ok", scope.visible())
        .order_by(appeared.desc())
        .limit(limit)
    ).all()
    return [StoryArticle(t, x, as_utc(p)) for t, x, p in rows]


def stories_seen_in_part(
    *, session: Session, scope: Scope, story_ids: Iterable[int]
) -> dict[int, list[StoryArticle]]:
    """Of `story_ids`, the stories holding an article `scope` may not see, each with the
    latest articles it may (`story_articles`). Such a story's stored title and summit may
    come from what this reader must never read: the reader's come from these instead."""
    wanted = sorted({i for i in story_ids if i is not None and i > 0})
    if scope.feeds is None or not wanted:
        return {}
    hidden = session.exec(
        select(Article.story_id)
        .where(Article.story_id.in_(wanted), Article.status == "ok", not_(scope.visible()))
        .distinct()
    ).scalars()
    return {
        story_id: story_articles(session=session, story_id=story_id, scope=scope)
        for story_id in sorted(hidden)
    }


def name_story(*, session: Session, story_id: int, title: str, summit: str | None) -> None:
    story = session.get(Story, story_id)
    if story is not None:
        story.title, story.summit = title[:1000], summit[:300] if summit else None
        session.add(story)


def statements_near(
    *, session: Session, speaker_ids: Sequence[int], since: datetime, until: datetime
) -> list[NearStatement]:
    """The speakers' statements reported in [since, until] (one index range scan each)."""
    if not speaker_ids:
        return []
    rows = session.exec(
        select(Statement, Speaker.name)
        .join(Speaker, Speaker.id == Statement.speaker_id)
        .where(
            Statement.speaker_id.in_(set(speaker_ids)),
            Statement.said_at >= as_utc(since),
            Statement.said_at <= as_utc(until),
        )
    ).all()
    return [_near(s, name) for s, name in rows]


@dataclass(frozen=True, slots=True)
class ClusterMember:
    statement_id: int
    said_at: datetime


def file_under_clusters(
    *,
    session: Session,
    new: Sequence[tuple[int, Sequence[ClusterMember]]],
    joining: dict[int, Sequence[ClusterMember]],
) -> None:
    """File statements under clusters in a few statements, whatever their number: `new` are
    (speaker id, members) of clusters to start, `joining` maps a stored cluster's id to the
    members that join it. A cluster keeps its size and its first sighting."""
    filed: list[dict] = []
    if new:
        ids = (
            session.execute(
                insert(StatementCluster).returning(
                    StatementCluster.id, sort_by_parameter_order=True
                ),
                [
                    {
                        "speaker_id": speaker_id,
                        "first_at": min(m.said_at for m in members),
                        "statements": len(members),
                    }
                    for speaker_id, members in new
                ],
            )
            .scalars()
            .all()
        )
        for cluster_id, (_, members) in zip(ids, new, strict=True):
            filed += [{"id": m.statement_id, "cluster_id": cluster_id} for m in members]
    if joining:
        stored = session.exec(
            select(StatementCluster).where(StatementCluster.id.in_(list(joining)))
        ).scalars()
        for cluster in stored:
            members = joining[cluster.id]
            cluster.statements = (cluster.statements or 0) + len(members)
            first = min(m.said_at for m in members)
            cluster.first_at = min(as_utc(cluster.first_at), first)
            session.add(cluster)
            filed += [{"id": m.statement_id, "cluster_id": cluster.id} for m in members]
    if filed:
        session.execute(update(Statement), filed)
    session.flush()


def unclustered_statements(*, session: Session, article_id: int) -> list[NearStatement]:
    """An article's statements not yet filed under a cluster (new, or new in an edit)."""
    rows = session.exec(
        select(Statement, Speaker.name)
        .join(Speaker, Speaker.id == Statement.speaker_id)
        .where(Statement.article_id == article_id, Statement.cluster_id.is_(None))
        .order_by(Statement.start)
    ).all()
    return [_near(s, name) for s, name in rows]


def _near(statement: Statement, speaker: str) -> NearStatement:
    return NearStatement(
        statement_id=statement.id,
        speaker_id=statement.speaker_id,
        speaker=speaker,
        content=statement.content,
        kind=statement.kind,
        said_at=as_utc(statement.said_at),
        article_id=statement.article_id,
        cluster_id=statement.cluster_id,
    )
