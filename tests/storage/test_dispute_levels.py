"""Dispute actor type, escalation and confidence: stored as extracted, shown only when fit."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select, text
from sqlmodel import Session

from extract.model import Dispute
from jobs.brief import build_brief
from storage.articles import ArticleRecord, store_article
from storage.brief import Reading, brief_rows
from storage.engine import downgrade, migrate
from storage.grouping import file_under_story, start_story
from storage.models import Dispute as DisputeRow
from storage.models import Speaker
from storage.reads import (
    count_disputes_involving,
    disputes_involving,
    disputes_matching,
)

NOW = datetime(2023, 7, 15, 8, 0, tzinfo=UTC)
EVIDENCE = "Russia threatened Ukraine. The official rejected the plan. Lavrov slammed Borrell."


def found(actor: str, cue: str, cue_class: str, **levels) -> Dispute:
    """A dispute of its own sentence; `levels` sets actor_type, escalation and confidence."""
    return Dispute(
        actor=actor,
        cue=cue,
        cue_class=cue_class,
        evidence=f"{actor} {cue} them.",
        start=0,
        end=len(EVIDENCE),
        **({"escalation": 1, "confidence": 0.9} | levels),
    )


THREAT = found("Russia", "threatened", "threaten", escalation=6, actor_type="organisation")
UNRESOLVED = found("the official", "rejected", "reject", escalation=3, actor_type="unresolved")
DOUBTFUL = found("Sergei Lavrov", "disgraceful", "criticise", confidence=0.45)
CRITICISM = found("Sergei Lavrov", "slammed", "criticise", confidence=0.9)


def store(session: Session, disputes, *, url="https://news.example/a", digest="h1", now=NOW):
    """Store one article with `disputes` at `now`, published then too, and commit."""
    result = store_article(
        session=session,
        article=ArticleRecord(
            canonical_url=url,
            source=url,
            content_hash=digest,
            status="ok",
            text=EVIDENCE,
            title="Summit",
            outlet="Example News",
            published=now,
        ),
        disputes=disputes,
        extractor_version="v1",
        now=now,
    )
    session.commit()
    return result


def stored(session: Session) -> list[DisputeRow]:
    return list(session.exec(select(DisputeRow).order_by(DisputeRow.id)).scalars())


class _Window:
    def __init__(self, disputes) -> None:
        self.disputes = disputes


def window(session: Session, **kwargs) -> _Window:
    """The disputes a brief of the last hour would show."""
    _, disputes = brief_rows(
        session=session, reading=Reading(NOW - timedelta(hours=1), NOW), **kwargs
    )
    return _Window(disputes)


def test_unresolved_and_doubtful_disputes_are_stored_but_never_shown(engine):
    """Every dispute is stored with its levels; digests and dispute listings show only named,
    confident ones, and count only those."""
    with Session(engine) as session:
        assert store(session, (THREAT, UNRESOLVED, DOUBTFUL)).disputes == 3
        rows = {row.actor: row for row in stored(session)}
        assert rows["the official"].actor_type == "unresolved"
        assert rows["the official"].actor_id is None  # never becomes a speaker
        assert rows["Russia"].actor_type == "organisation" and rows["Russia"].escalation == 6
        assert rows["Sergei Lavrov"].confidence == 0.45
        names = set(session.exec(select(Speaker.name)).scalars())
        assert names == {"Russia", "Sergei Lavrov"}
        assert [d.actor for d in window(session).disputes] == ["Russia"]
        assert [d.actor for d in disputes_matching(session=session)] == ["Russia"]
        assert [d.actor for d in disputes_involving(session=session, query="rejected")] == []
        assert count_disputes_involving(session=session, query="threatened") == 1
        assert count_disputes_involving(session=session, query="Lavrov") == 0


def test_the_confidence_setting_decides_what_is_doubtful(engine):
    """A lower minimum shows the doubtful dispute; an unresolved actor is hidden at any minimum."""
    with Session(engine) as session:
        store(session, (UNRESOLVED, DOUBTFUL))
        shown = window(session, min_confidence=0.4).disputes
        assert [d.actor for d in shown] == ["Sergei Lavrov"]
        assert count_disputes_involving(session=session, query="rejected", min_confidence=0) == 0


def test_a_confidence_at_the_threshold_is_shown(engine):
    """A confidence a float's hair under 0.5 (0.7 - 0.2) is stored as 0.5, and shown."""
    with Session(engine) as session:
        store(session, (replace(CRITICISM, confidence=0.7 - 0.2),))
        assert [d.confidence for d in window(session).disputes] == [0.5]


def test_brief_ranks_disputes_by_escalation_and_shows_a_repeat_once(engine):
    """The threat comes first; one actor criticising one target in one story is one item,
    worded as its surest report."""
    older, newer = NOW - timedelta(minutes=30), NOW - timedelta(minutes=10)
    sure = replace(CRITICISM, cue="condemned", confidence=0.95)
    with Session(engine) as session:
        story = start_story(session=session, title="Summit", published=older)
        for args in (
            ((CRITICISM, sure), "https://news.example/old", "o", older),
            ((CRITICISM, THREAT), "https://news.example/new", "n", newer),
        ):
            disputes, url, digest, now = args
            filed = store(session, disputes, url=url, digest=digest, now=now)
            file_under_story(
                session=session,
                article_id=filed.article_id,
                story_id=story,
                vector=b"",
                published=now,
            )
        session.commit()
        _, disputes = brief_rows(session=session, reading=Reading(NOW - timedelta(hours=1), NOW))
    brief = build_brief([], disputes, since=NOW - timedelta(hours=1), until=NOW)
    items = [d for m in brief.summits for s in m.stories for d in (*s.disputes, *s.more_disputes)]
    assert (items[0].cue, items[0].cue_class) == ("threatened", "threaten")
    criticisms = [d for d in items if d.cue_class != "threaten"]
    assert [d.cue for d in criticisms] == ["condemned"] * len(criticisms)


def test_an_edit_keeps_a_dispute_row_and_updates_its_levels(engine):
    """An edited article keeps an unchanged dispute's row (id, first-seen time) while its actor
    type, escalation and confidence follow the new extraction."""
    with Session(engine) as session:
        store(session, (CRITICISM,), now=NOW - timedelta(days=1))
        [before] = stored(session)
        first_id, first_seen = before.id, before.found_at
        rescored = replace(CRITICISM, escalation=2, confidence=0.7, actor_type="organisation")
        store(session, (rescored,), digest="h2")
        session.expire_all()
        [after] = stored(session)
        assert (after.id, after.found_at) == (first_id, first_seen)
        assert (after.actor_type, after.escalation, after.confidence) == ("organisation", 2, 0.7)


def test_migration_gives_existing_disputes_shown_defaults_and_their_rung(engine):
    """Disputes stored before 0009 become named, fully confident and ranked by their class."""
    with Session(engine) as session:
        store(session, (replace(CRITICISM, cue_class="reject"), THREAT))
    _downgrade(engine, "0008")
    migrate(engine)
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT cue_class, actor_type, escalation, confidence FROM dispute ORDER BY id")
        ).all()
    assert [tuple(row) for row in rows] == [
        ("reject", "person", 3, 1.0),
        ("threaten", "person", 6, 1.0),
    ]
    with Session(engine) as session:
        assert session.exec(select(func.count()).select_from(DisputeRow)).scalar_one() == 2


def _downgrade(engine, revision: str) -> None:
    downgrade(engine, revision)
