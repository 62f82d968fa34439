"""The ingest step after storing an article: file it under its story (one news event across
outlets, `jobs/stories.py`) and its statements under clusters (one statement said in several
outlets, `jobs/clusters.py`). Runs in the article's own transaction, so a crash leaves no
article half-grouped; computed once at ingest and updated as copies arrive, never per query.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlmodel import Session

from extract.chunks import dateline_end
from jobs.clusters import WINDOW as SAID_WINDOW
from jobs.clusters import QuoteItem, assign, speaker_key
from jobs.stories import (
    STORY_WINDOW,
    ArticleItem,
    VectorLike,
    as_vector,
    assign_story,
    story_title,
    story_vector,
    summit_of,
)
from storage.grouping import (
    ClusterMember,
    StoryArticle,
    StoryVector,
    file_under_clusters,
    file_under_story,
    name_story,
    start_story,
    statements_near,
    story_articles,
    story_vectors_since,
    unclustered_statements,
)
from storage.times import as_utc

# A story's title and summit are settled by its first articles: past this many, a new article
# no longer re-reads the story's texts to rename it.
NAMED_BY = 6
# How far back one ingest run looks for the stories of its articles: the story window, and a
# margin for articles published a little before the run.
LOOKBACK = STORY_WINDOW + timedelta(days=4)


@dataclass
class Grouper:
    """One ingest run's memory of recent story vectors (read once, extended as it files)."""

    recent: list[tuple[VectorLike, int, datetime]] = field(default_factory=list)

    @classmethod
    def load(cls, *, session: Session, now: datetime) -> Grouper:
        grouper = cls()
        for stored in story_vectors_since(session=session, since=now - LOOKBACK):
            grouper.remember(stored)
        return grouper

    def file(
        self,
        *,
        session: Session,
        article_id: int,
        title: str | None,
        text: str,
        published: datetime,
    ) -> StoryVector:
        """File one stored article and its new statements; returns what `remember` keeps once
        the transaction is committed."""
        published = as_utc(published)
        title = title or _first_words(text)
        item = ArticleItem(article_id, title, text, published)
        vector = story_vector(item)
        story_id = assign_story(item, self.recent)
        if story_id is None:
            story_id = start_story(session=session, title=title, published=published)
        size = file_under_story(
            session=session,
            article_id=article_id,
            story_id=story_id,
            vector=vector,
            published=published,
        )
        session.flush()
        if size <= NAMED_BY:
            named, summit = story_name(story_articles(session=session, story_id=story_id))
            name_story(session=session, story_id=story_id, title=named or title, summit=summit)
        _cluster_statements(session, article_id)
        return StoryVector(article_id, story_id, published, vector)

    def remember(self, filed: StoryVector) -> None:
        """Let later articles of this run join the story of a stored (and committed) one; its
        vector is parsed here, once per run."""
        self.recent.append((as_vector(filed.vector), filed.story_id, filed.published))


def story_name(stored: Sequence[StoryArticle]) -> tuple[str, str | None]:
    """A story's title and summit from its articles (`story_articles`): the title of the most
    central one ("" when there are none) and the summit they cover, if any."""
    articles = [
        ArticleItem(i, a.title or _first_words(a.text), a.text, a.published)
        for i, a in enumerate(stored)
    ]
    return story_title(articles), summit_of(articles)


TITLE_WORDS = 14


def _first_words(text: str) -> str:
    """A title for an untitled article: its first sentence, or its first words."""
    first = text.strip().split("\n", 1)[0]
    first = first[dateline_end(first) :]  # "JAKARTA: Russia shows …" → "Russia shows …"
    sentence = first.split(". ", 1)[0]
    words = sentence.split()
    return " ".join(words[:TITLE_WORDS]) + (" …" if len(words) > TITLE_WORDS else "") or "Untitled"


def _cluster_statements(session: Session, article_id: int) -> None:
    new = unclustered_statements(session=session, article_id=article_id)
    if not new:
        return
    said = [s.said_at for s in new]
    near = statements_near(
        session=session,
        speaker_ids=[s.speaker_id for s in new],
        since=min(said) - SAID_WINDOW,
        until=max(said) + SAID_WINDOW,
    )
    # Stored clusters go in as negative ids: `assign` names a cluster started in this call
    # by the statement that started it, and the two kinds of id must not collide.
    known = [(_item(s), -s.cluster_id) for s in near if s.cluster_id is not None]
    starting: dict[int, tuple[int, list[ClusterMember]]] = {}  # starter -> speaker, members
    joining: dict[int, list[ClusterMember]] = {}
    for statement, found in zip(new, assign([_item(s) for s in new], known), strict=True):
        member = ClusterMember(statement.statement_id, statement.said_at)
        if found is None:
            starting[statement.statement_id] = (statement.speaker_id, [member])
        elif found < 0:
            joining.setdefault(-found, []).append(member)
        else:
            starting[found][1].append(member)
    file_under_clusters(session=session, new=list(starting.values()), joining=joining)


def _item(statement) -> QuoteItem:
    return QuoteItem(
        key=statement.statement_id,
        speaker_key=speaker_key(statement.speaker),
        content=statement.content,
        kind=statement.kind,
        said_at=statement.said_at,
        article_key=statement.article_id,
    )
