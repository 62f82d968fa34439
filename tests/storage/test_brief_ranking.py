"""The brief ranks every statement from a few columns and reads the text of only the items it
shows or threads."""

from __future__ import annotations

import gc
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session

from jobs.brief import rank_rows, read_brief
from jobs.ranking import importance, rank_items, ranking
from storage.brief import Reading, brief_rows, speakers_of, window_articles, window_statements
from storage.keywords import as_filter
from storage.models import Article, Speaker, Statement, StatementCluster, Story

NOW = datetime(2026, 6, 9, 12, tzinfo=UTC)
SINCE = NOW - timedelta(days=1)


class Day:
    """A day of news written straight into the database."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.articles = 0
        self.stories: dict[str, int] = {}
        self.speakers: dict[str, int] = {}

    def story(self, title: str, summit: str | None = "Lakeside Summit") -> int:
        if title not in self.stories:
            story = Story(title=title, summit=summit, first_published=NOW, last_published=NOW)
            self.session.add(story)
            self.session.flush()
            self.stories[title] = story.id
        return self.stories[title]

    def speaker(self, name: str, kind: str = "person") -> int:
        if name not in self.speakers:
            speaker = Speaker(name=name, key=name.lower(), kind=kind)
            self.session.add(speaker)
            self.session.flush()
            self.speakers[name] = speaker.id
        return self.speakers[name]

    def article(
        self,
        outlet: str | None,
        *,
        story: str | None = "Brook walks out",
        published: datetime = NOW,
        title: str | None = None,
    ) -> int:
        self.articles += 1
        article = Article(
            canonical_url=f"https://news.example/{self.articles}",
            source=f"https://news.example/{self.articles}",
            content_hash=f"{self.articles:064x}",
            status="ok",
            text="",
            outlet=outlet,
            title=title or f"Headline {self.articles}",
            published=published,
            ingested_at=NOW - timedelta(hours=1),
            updated_at=NOW - timedelta(hours=1),
            story_id=self.story(story) if story else None,
        )
        self.session.add(article)
        self.session.flush()
        return article.id

    def cluster(self, speaker: str, first_at: datetime = NOW, kind: str = "person") -> int:
        cluster = StatementCluster(speaker_id=self.speaker(speaker, kind), first_at=first_at)
        self.session.add(cluster)
        self.session.flush()
        return cluster.id

    def said(
        self,
        article: int,
        speaker: str,
        content: str,
        *,
        role: str | None = None,
        kind: str = "indirect",
        cluster: int | None = None,
        speaker_kind: str = "person",
    ) -> None:
        self.session.add(
            Statement(
                article_id=article,
                speaker_id=self.speaker(speaker, speaker_kind),
                role=role,
                content=content,
                cue="said",
                kind=kind,
                start=0,
                end=len(content),
                extractor_version="t",
                said_at=NOW,
                found_at=NOW - timedelta(hours=1),
                cluster_id=cluster,
            )
        )
        self.session.flush()


def varied_day(session: Session) -> None:
    """Clusters across outlets, roles of every standing, a state speaking, older coverage, a
    repeat, an unfiled article, and a headline standing in for a missing outlet."""
    day = Day(session)
    pledge = day.cluster("Ada Brook")
    for outlet, role, kind in (("Dawn", "President", "indirect"), ("Herald", None, "direct")):
        said = f"we will not retreat ({outlet})"
        day.said(day.article(outlet), "Ada Brook", said, role=role, kind=kind, cluster=pledge)
    repeat = day.cluster("Ivo Dant", first_at=NOW - timedelta(days=3))
    day.said(day.article("Wire"), "Ivo Dant", "talks were useful", role="analyst", cluster=repeat)
    day.said(day.article("Post"), "Solvaria", "the border stays shut", speaker_kind="organisation")
    day.said(
        day.article("Times", story="Old news", published=NOW - timedelta(days=10)),
        "Ada Brook",
        "an old remark",
        role="President",
    )
    day.said(day.article("Gazette", story=None), "Kai Moor", "unfiled words", role="minister")
    day.said(day.article(None, title="A headline for an outlet"), "Kai Moor", "no outlet")
    session.commit()


def test_ranking_the_columns_read_equals_ranking_the_rows_read(engine):
    """Scores, stories, totals, standing and outlets from the window's columns equal those
    reckoned from the statements' full rows."""
    with Session(engine) as session:
        varied_day(session)
        reading = Reading(SINCE, NOW)
        said = window_statements(session=session, reading=reading)
        kinds = {k: f.kind for k, f in speakers_of(session=session, ids=said.speakers).items()}
        from_columns = rank_items(
            said,
            window_articles(session=session, reading=reading),
            kinds,
            ranking(SINCE, complete=True),
        )
        quotes, _ = brief_rows(session=session, reading=reading)
    from_rows = rank_rows(quotes, since=SINCE)
    assert sorted(from_columns) == sorted(from_rows)
    assert {item.story for item in from_columns} >= {0}  # the ten-day-old article is older
    by_item = {item.item: item for item in from_columns}
    pledge = next(item for item in from_columns if item.outlets == 2)
    assert (pledge.level, by_item[pledge.item].story) == (3, pledge.story)  # the president
    assert {item.level for item in from_columns} >= {0, 2, 3}  # the analyst, the state


def test_a_long_story_reads_only_what_the_brief_shows_and_counts_the_rest(engine):
    """A story with 30 statement items: the brief reads its top and thread items, and says how
    many more there are."""
    rules = importance()
    with Session(engine) as session:
        day = Day(session)
        for n in range(30):
            outlet = "Dawn" if n else "Herald"
            role = "President" if n == 7 else None
            day.said(day.article(outlet), f"Speaker {n}", f"remark {n}", role=role)
        session.commit()
        brief = read_brief(session=session, reading=Reading(SINCE, NOW))
    [story] = brief.stories
    read = len(story.statements) + len(story.more_statements)
    assert read == rules.items_per_story + rules.thread_items_per_story
    assert story.statement_items == 30 and brief.statement_count == 30
    assert story.statements[0].speaker == "Speaker 7"  # the president ranks first
    assert story.hidden == 30 - rules.items_per_story


def test_a_keyword_filter_ranks_and_reads_only_the_statements_it_keeps(engine):
    """A filter that keeps everything changes nothing; one that keeps a quote keeps its item,
    with every outlet that carried it, and counts nothing else."""
    with Session(engine) as session:
        varied_day(session)
        reading = Reading(SINCE, NOW)
        unfiltered = read_brief(session=session, reading=reading)
        everything = read_brief(session=session, reading=reading, keywords=as_filter("-nothing"))
        kept = read_brief(session=session, reading=reading, keywords=as_filter("retreat"))
    assert everything == unfiltered
    assert (unfiltered.statement_count, unfiltered.older_total) == (5, 1)
    assert (kept.statement_count, kept.older_total, kept.articles) == (1, 0, 2)
    (item,) = kept.stories[0].statements
    assert item.content.startswith("we will not retreat") and item.outlets == 2


def test_reading_a_brief_leaves_the_cycle_collector_as_it_found_it(engine):
    """The collector pauses while a brief is read and is enabled again afterwards (and stays
    off when it was off), even when reading fails."""
    with Session(engine) as session:
        varied_day(session)
        assert gc.isenabled()
        read_brief(session=session, reading=Reading(SINCE, NOW))
        assert gc.isenabled()
        gc.disable()
        try:
            read_brief(session=session, reading=Reading(SINCE, NOW))
            assert not gc.isenabled()
        finally:
            gc.enable()
        with pytest.raises(AttributeError):  # no reading at all
            read_brief(session=session, reading=None)
        assert gc.isenabled()
