"""Corrections from readers, in storage: each workspace's own, applied by its reads."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlmodel import Session

from extract.model import Dispute, Statement
from storage.articles import ArticleRecord, store_article
from storage.brief import Reading, brief_rows
from storage.corrections import (
    NOT_DISPUTE,
    NOT_STATEMENT,
    SPEAKER,
    article_speakers,
    correction_counts,
    correction_target,
    count_corrections_since,
    exported_corrections,
    recent_corrections,
    record_correction,
    undo_correction,
)
from storage.models import Correction
from storage.models import Dispute as DisputeRow
from storage.models import Statement as StatementRow
from storage.positions import speaker_timeline
from storage.reads import (
    disputes_matching,
    speakers_matching,
    statements_by_speaker,
)
from storage.scope import workspace_scope
from storage.subscriptions import subscribe_channel, update_subscription

NOW = datetime(2026, 6, 9, 12, tzinfo=UTC)
TEXT = (
    "Ada Brook said the border talks had failed. "
    "Ivo Dant said the river would flood. "
    "Ada Brook rejected the Dant plan."
)
SAID = [
    Statement("Ada Brook", "the border talks had failed", "said", "indirect", 14, 41),
    Statement("Ivo Dant", "the river would flood", "said", "indirect", 56, 77),
]
CLASH = Dispute(
    "Ada Brook",
    "rejected",
    "reject",
    "Ada Brook rejected the Dant plan.",
    79,
    112,
    target="Ivo Dant",
)
PRIVATE = "https://private-b.example/feed"


def store(engine, url="https://news.example/talks", **extra) -> int:
    with Session(engine) as session:
        result = store_article(
            session=session,
            article=ArticleRecord(url, url, url, "ok", TEXT, title="Talks", **extra),
            statements=SAID,
            disputes=[CLASH],
            extractor_version="t",
            now=NOW,
        )
        session.commit()
        return result.article_id


def ids(engine, article_id: int) -> tuple[int, int, int]:
    """The article's two statements (Brook's, Dant's) and its dispute."""
    with Session(engine) as session:
        brook, dant = (
            session.exec(
                select(StatementRow.id)
                .where(StatementRow.article_id == article_id)
                .order_by(StatementRow.start)
            )
            .scalars()
            .all()
        )
        dispute = session.exec(select(DisputeRow.id)).scalars().first()
    return brook, dant, dispute


def correct(engine, team, kind, item_id, action, **speaker) -> int:
    with Session(engine) as session:
        scope = workspace_scope(session=session, team_id=team)
        target = correction_target(session=session, kind=kind, item_id=item_id, scope=scope)
        assert target is not None
        found = record_correction(
            session=session, team_id=team, user_id="U1", target=target, action=action, **speaker
        )
        session.commit()
        return found


def said_by(engine, team, name) -> list[str]:
    with Session(engine) as session:
        scope = workspace_scope(session=session, team_id=team)
        matches = speakers_matching(session=session, query=name, scope=scope)
        if not matches:
            return []
        return [
            s.content
            for s in statements_by_speaker(session=session, speaker_id=matches[0].id, scope=scope)
        ]


def brief_of(engine, team):
    with Session(engine) as session:
        scope = workspace_scope(session=session, team_id=team)
        return brief_rows(session=session, reading=Reading(None, NOW + timedelta(days=1), scope))


def test_not_a_statement_hides_it_from_that_workspace_only(engine):
    """A statement marked "not a statement" by T1 leaves T1's /who-said and brief; T2 still
    sees it."""
    brook, _, _ = ids(engine, store(engine))
    correct(engine, "T1", "statement", brook, NOT_STATEMENT)
    assert said_by(engine, "T1", "Brook") == []
    assert "the border talks had failed" not in [q.content for q in brief_of(engine, "T1")[0]]
    assert said_by(engine, "T2", "Brook") == ["the border talks had failed"]
    assert "the border talks had failed" in [q.content for q in brief_of(engine, "T2")[0]]


def test_wrong_speaker_moves_the_statement_to_the_chosen_speaker(engine):
    """Re-attributed to Ivo Dant (one of the article's speakers), Brook's statement is Dant's
    for T1 in /who-said, the brief and the timeline, with the count to match; T2 is
    unaffected."""
    article = store(engine)
    brook, _, _ = ids(engine, article)
    with Session(engine) as session:
        dant_id = dict((n, i) for i, n in article_speakers(session=session, article_id=article))[
            "Ivo Dant"
        ]
    correct(engine, "T1", "statement", brook, SPEAKER, speaker_id=dant_id)
    assert sorted(said_by(engine, "T1", "Dant")) == [
        "the border talks had failed",
        "the river would flood",
    ]
    assert said_by(engine, "T1", "Brook") == []
    quotes = {q.content: q.speaker for q in brief_of(engine, "T1")[0]}
    assert quotes["the border talks had failed"] == "Ivo Dant"
    with Session(engine) as session:
        scope = workspace_scope(session=session, team_id="T1")
        (match,) = speakers_matching(session=session, query="Dant", scope=scope)
        assert match.statements == 2
        timeline = speaker_timeline(session=session, speaker_id=dant_id, scope=scope)
        assert {e.statement.speaker for e in timeline.entries} == {"Ivo Dant"}
        assert len(timeline.entries) == 2
    assert said_by(engine, "T2", "Brook") == ["the border talks had failed"]


def test_a_typed_name_is_found_by_who_said_in_that_workspace(engine):
    """A typed speaker nobody quoted becomes the statement's speaker for T1: /who-said finds
    them there, and not in T2."""
    brook, _, _ = ids(engine, store(engine))
    correct(engine, "T1", "statement", brook, SPEAKER, speaker_name="Mara Voss")
    assert said_by(engine, "T1", "Voss") == ["the border talks had failed"]
    assert said_by(engine, "T2", "Voss") == []


def test_not_a_dispute_hides_it_from_that_workspace_only(engine):
    """A dispute marked "not a dispute" by T1 leaves T1's /disputes and brief; T2 keeps it."""
    _, _, dispute = ids(engine, store(engine))
    correct(engine, "T1", "dispute", dispute, NOT_DISPUTE)
    with Session(engine) as session:
        for team, expected in (("T1", []), ("T2", [dispute])):
            scope = workspace_scope(session=session, team_id=team)
            assert [d.id for d in disputes_matching(session=session, scope=scope)] == expected
    assert brief_of(engine, "T1")[1] == []
    assert [d.dispute_id for d in brief_of(engine, "T2")[1]] == [dispute]


def test_correcting_an_item_again_replaces_the_first_correction(engine):
    """The same workspace correcting the same statement twice keeps one row, the newer."""
    brook, _, _ = ids(engine, store(engine))
    first = correct(engine, "T1", "statement", brook, NOT_STATEMENT)
    second = correct(engine, "T1", "statement", brook, SPEAKER, speaker_name="Mara Voss")
    assert first == second
    with Session(engine) as session:
        rows = session.exec(select(Correction)).scalars().all()
    assert [(r.action, r.speaker_name) for r in rows] == [(SPEAKER, "Mara Voss")]
    assert said_by(engine, "T1", "Voss") == ["the border talks had failed"]


def test_a_forged_target_is_refused(engine):
    """No target for a deleted id, a dispute id sent as a statement's kind or an unknown
    kind, or a statement only another workspace's channel feed brought."""
    brook, _, dispute = ids(engine, store(engine))
    private = store(engine, "https://private.example/talks", origin="channel", feed_url=PRIVATE)
    private_brook = ids(engine, private)[0]
    with Session(engine) as session:
        subscribe_channel(
            session=session, team_id="T2", channel_id="C2", digest_time="07:30", timezone="UTC"
        )
        update_subscription(session=session, team_id="T2", channel_id="C2", feeds=[PRIVATE])
        session.commit()
        t1 = workspace_scope(session=session, team_id="T1")
        t2 = workspace_scope(session=session, team_id="T2")
        assert (
            correction_target(session=session, kind="statement", item_id=999999, scope=t1) is None
        )
        assert correction_target(session=session, kind="bogus", item_id=brook, scope=t1) is None
        assert (
            correction_target(session=session, kind="statement", item_id=private_brook, scope=t1)
            is None
        )
        assert correction_target(session=session, kind="statement", item_id=private_brook, scope=t2)
        assert correction_target(session=session, kind="dispute", item_id=dispute, scope=t1)


def test_a_picked_speaker_must_be_one_of_the_articles(engine):
    """A forged speaker id (a speaker of another article) is refused and nothing is stored."""
    first = store(engine)
    brook, _, _ = ids(engine, first)
    with Session(engine) as session:
        store_article(
            session=session,
            article=ArticleRecord(
                "https://x.example/a",
                "x",
                "x",
                "ok",
                "Zed Orr said no.",
            ),
            statements=[Statement("Zed Orr", "no", "said", "indirect", 13, 15)],
            extractor_version="t",
            now=NOW,
        )
        session.commit()
        (orr,) = speakers_matching(session=session, query="Orr")
        scope = workspace_scope(session=session, team_id="T1")
        target = correction_target(session=session, kind="statement", item_id=brook, scope=scope)
        with pytest.raises(LookupError):
            record_correction(
                session=session,
                team_id="T1",
                user_id="U1",
                target=target,
                action=SPEAKER,
                speaker_id=orr.id,
            )
        session.rollback()
        assert session.exec(select(Correction)).first() is None


def test_undo_removes_only_the_workspaces_own_correction(engine):
    """T2 cannot undo T1's correction; T1 can, and the statement shows again."""
    brook, _, _ = ids(engine, store(engine))
    correction = correct(engine, "T1", "statement", brook, NOT_STATEMENT)
    with Session(engine) as session:
        assert not undo_correction(session=session, team_id="T2", correction_id=correction)
        session.commit()
    assert said_by(engine, "T1", "Brook") == []
    with Session(engine) as session:
        assert undo_correction(session=session, team_id="T1", correction_id=correction)
        session.commit()
    assert said_by(engine, "T1", "Brook") == ["the border talks had failed"]


def test_recent_counts_and_report(engine):
    """App Home's list and weekly count are the workspace's; the report counts by cue and
    pattern; the export carries the item and its article."""
    brook, dant, dispute = ids(engine, store(engine))
    correct(engine, "T1", "statement", brook, NOT_STATEMENT)
    correct(engine, "T1", "statement", dant, NOT_STATEMENT)
    correct(engine, "T1", "dispute", dispute, NOT_DISPUTE)
    correct(engine, "T2", "dispute", dispute, NOT_DISPUTE)
    with Session(engine) as session:
        recent = recent_corrections(session=session, team_id="T1")
        assert [c.item_kind for c in recent].count("statement") == 2 and len(recent) == 3
        assert (
            count_corrections_since(
                session=session, team_id="T1", since=datetime.now(UTC) - timedelta(days=7)
            )
            == 3
        )
        counts = correction_counts(session=session)
        assert [(c.item_kind, c.cue, c.pattern, c.corrections) for c in counts] == [
            ("dispute", "rejected", "reject", 2),
            ("statement", "said", "indirect", 2),
        ]
        exported = exported_corrections(session=session, team_id="T1")
        assert {e.content for e in exported} == {
            "the border talks had failed",
            "the river would flood",
            "Ada Brook rejected the Dant plan.",
        }
        assert all(e.text == TEXT for e in exported)
