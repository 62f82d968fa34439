"""Timelines and position changes read only what a workspace may see (`storage.scope`): a
statement that another workspace's channel feed brought is neither in the timeline nor half
of a change shown; on a real database, stances stored without spaCy."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import Session

from extract.positions import Stance, stances_json
from storage.articles import ArticleRecord, store_article
from storage.positions import (
    record_position_change,
    speaker_timeline,
    statements_awaiting_stances,
    store_stances,
)
from storage.reads import speakers_matching
from storage.scope import EVERYTHING, Scope
from tests.dispute_data import Said

FEED = "https://private.example.org/feed.xml"
SAID = (
    (datetime(2026, 3, 2, tzinfo=UTC), "operator", "Russia will attend the Geneva talks."),
    (datetime(2026, 4, 14, tzinfo=UTC), "channel", "Russia will not attend the Geneva talks."),
)
ATTEND = Stance("attend", 1, frozenset({"russia", "geneva", "talk"}))


def store(engine) -> int:
    """Lavrov's two statements (the later one from a channel feed), read and paired."""
    with Session(engine) as session:
        for day, origin, text in SAID:
            slug = f"{origin}-{day:%m%d}"
            store_article(
                session=session,
                article=ArticleRecord(
                    canonical_url=f"https://news.example.com/{slug}",
                    source=f"https://news.example.com/{slug}",
                    content_hash=f"hash-{slug}",
                    status="ok",
                    text=text,
                    outlet="Reuters",
                    published=day,
                    origin=origin,
                    feed_url=FEED if origin == "channel" else None,
                ),
                statements=[Said("Sergei Lavrov", content=text, kind="direct", end=len(text))],
                extractor_version="test",
                now=day,
            )
        work = statements_awaiting_stances(session=session, version="test")
        for item in work:
            store_stances(
                session=session,
                work=item,
                stances=stances_json([ATTEND]),
                issue=sorted(ATTEND.terms),
                version="test",
            )
        earlier, later = work
        record_position_change(
            session=session,
            speaker_id=earlier.speaker_id,
            earlier_id=earlier.id,
            later_id=later.id,
            predicate="attend",
            issue=["geneva", "talk"],
            now=later.said_at,
        )
        session.commit()
        return earlier.speaker_id


def test_a_workspace_without_the_feed_sees_neither_the_statement_nor_the_change(engine):
    """Operator content only: one statement, no change; the feed's workspace sees both."""
    speaker_id = store(engine)
    with Session(engine) as session:
        assert [m.id for m in speakers_matching(session=session, query="Lavrov")] == [speaker_id]
        outsider = speaker_timeline(session=session, speaker_id=speaker_id, scope=Scope(()))
        subscriber = speaker_timeline(session=session, speaker_id=speaker_id, scope=Scope((FEED,)))
        everything = speaker_timeline(session=session, speaker_id=speaker_id, scope=EVERYTHING)
    assert [e.statement.content for e in outsider.entries] == [SAID[0][2]]
    assert outsider.changes == ()
    assert [e.issue for e in subscriber.entries] == [("geneva", "russia", "talk")] * 2
    [change] = subscriber.changes
    assert (change.earlier.content, change.later.content) == (SAID[0][2], SAID[1][2])
    assert everything.changes == subscriber.changes


def test_a_topic_and_a_start_date_narrow_the_timeline(engine):
    """`about` matches the statement's words and `since` its day; changes need both ends."""
    speaker_id = store(engine)
    with Session(engine) as session:
        later = speaker_timeline(
            session=session, speaker_id=speaker_id, since=datetime(2026, 4, 1, tzinfo=UTC)
        )
        about = speaker_timeline(session=session, speaker_id=speaker_id, about="not attend")
    assert [e.said_at.date().isoformat() for e in later.entries] == ["2026-04-14"]
    assert later.changes == () and len(about.entries) == 1 and about.total == 1
