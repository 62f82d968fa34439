"""Grouping at ingest: stored articles filed under stories, statements under clusters."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlmodel import Session

from extract.model import Statement
from storage.articles import ArticleRecord
from storage.models import Article, StatementCluster, Story
from storage.models import Statement as StatementRow
from tests.grouped import store_grouped

NOON = datetime(2026, 6, 9, 12, tzinfo=UTC)

LAKESIDE = (
    "Ardenian President Ada Brook walked out of the Lakeside summit on Tuesday after talks "
    "with Solvaria over the disputed river border collapsed. Brook said Solvaria had broken "
    "its promise to withdraw troops from the river border. The Lakeside summit was meant to "
    "settle the border dispute between Ardenia and Solvaria."
)
LAKESIDE_2 = (
    "The Lakeside summit ended in disarray when Ardenian President Ada Brook left the talks "
    "with Solvaria early. Brook told reporters that Solvaria broke its promise to withdraw "
    "troops from the river border, and the border dispute between Ardenia and Solvaria "
    "remains unsettled after the Lakeside summit."
)
HARVEST = (
    "Farmers in Teluria expect a record wheat harvest this autumn, the agriculture ministry "
    "said, as rains returned to the southern plains after two dry years."
)


def said(text: str, speaker: str, content: str, kind: str = "indirect") -> Statement:
    start = text.find(content)
    assert start >= 0, content
    return Statement(speaker, content, "said", kind, start, start + len(content))


def store(engine, url, text, statements, *, published=NOON, title="Brook leaves the summit"):
    record = ArticleRecord(
        canonical_url=url,
        source=url,
        content_hash=url,
        status="ok",
        text=text,
        title=title,
        outlet=url.split("/")[2],
        published=published,
    )
    return store_grouped(engine, record, statements, now=NOON)


def test_two_outlets_reporting_one_event_share_a_story_and_a_statement_cluster(engine):
    """The same walk-out in two outlets: one story; Brook's line in both: one cluster."""
    first = store(
        engine,
        "https://dawn.example/a",
        LAKESIDE,
        [said(LAKESIDE, "Ada Brook", "Solvaria had broken its promise to withdraw troops")],
    )
    second = store(
        engine,
        "https://herald.example/b",
        LAKESIDE_2,
        [said(LAKESIDE_2, "Ada Brook", "Solvaria broke its promise to withdraw troops")],
        published=NOON + timedelta(hours=3),
        title="Lakeside summit ends in disarray",
    )
    with Session(engine) as session:
        a, b = session.get(Article, first), session.get(Article, second)
        assert a.story_id is not None and a.story_id == b.story_id
        story = session.get(Story, a.story_id)
        assert story.articles == 2
        clusters = session.exec(select(StatementRow.cluster_id)).scalars().all()
        assert len(clusters) == 2 and len(set(clusters)) == 1
        cluster = session.get(StatementCluster, clusters[0])
        assert (cluster.statements, cluster.first_at) == (2, NOON)


def test_unrelated_news_starts_its_own_story_and_cluster(engine):
    """A harvest report is not the summit story: it starts a story of its own."""
    summit = store(
        engine,
        "https://dawn.example/a",
        LAKESIDE,
        [said(LAKESIDE, "Ada Brook", "Solvaria had broken its promise to withdraw troops")],
    )
    other = store(
        engine,
        "https://farm.example/c",
        HARVEST,
        [],
        title="Record harvest expected",
    )
    with Session(engine) as session:
        assert len(session.exec(select(Story)).scalars().all()) == 2
        assert session.get(Article, other).story_id != session.get(Article, summit).story_id


def test_the_same_speaker_saying_something_else_is_another_cluster(engine):
    """Same speaker, different statement: two clusters."""
    store(
        engine,
        "https://dawn.example/a",
        LAKESIDE,
        [said(LAKESIDE, "Ada Brook", "Solvaria had broken its promise to withdraw troops")],
    )
    store(
        engine,
        "https://herald.example/b",
        LAKESIDE_2,
        [said(LAKESIDE_2, "Ada Brook", "the border dispute between Ardenia and Solvaria")],
        title="Lakeside summit ends in disarray",
    )
    with Session(engine) as session:
        clusters = session.exec(select(StatementRow.cluster_id)).scalars().all()
        assert len(set(clusters)) == 2
