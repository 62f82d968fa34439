"""After an ingest, `jobs.positions` reads what statements hold and records possible changes
of position: on a real database, through the real model."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlmodel import Session, select

from extract.positions import POSITIONS_VERSION
from jobs.positions import note_positions
from storage.models import PositionChange, Statement, StatementStance
from tests.position_data import ATTEND, NOT_ATTEND, SAID, store_statements

pytestmark = pytest.mark.slow

NOW = datetime(2026, 4, 15, 6, tzinfo=UTC)


def contents(session, *ids: int) -> list[str]:
    return [session.get(Statement, i).content for i in ids]


def test_a_later_opposite_statement_is_recorded_once_as_a_change(engine, nlp):
    """Saying "will attend" in March and "will not attend" in April is one change, earlier →
    later, found once however often the job runs; every statement gets its stances."""
    store_statements(engine)
    first = note_positions(engine=engine, nlp=nlp, now=NOW)
    again = note_positions(engine=engine, nlp=nlp, now=NOW)

    assert (first.read, first.changes) == (len(SAID), 1) and (again.read, again.changes) == (0, 0)
    with Session(engine) as session:
        [change] = session.exec(select(PositionChange)).all()
        assert contents(session, change.earlier_id, change.later_id) == [ATTEND, NOT_ATTEND]
        assert change.predicate == "attend" and "grain" in change.issue.split()
        rows = session.exec(select(StatementStance)).all()
        assert len(rows) == len(SAID) and {r.version for r in rows} == {POSITIONS_VERSION}


def test_an_old_article_arriving_late_is_the_earlier_statement(engine, nlp):
    """The April refusal is read first; the March acceptance, ingested later, still becomes
    the earlier statement of the pair."""
    store_statements(engine, [SAID[2]])
    note_positions(engine=engine, nlp=nlp, now=NOW)
    store_statements(engine, [SAID[0]], found=NOW)
    assert note_positions(engine=engine, nlp=nlp, now=NOW).changes == 1
    with Session(engine) as session:
        [change] = session.exec(select(PositionChange)).all()
        assert contents(session, change.earlier_id, change.later_id) == [ATTEND, NOT_ATTEND]


def test_another_speakers_opposite_is_no_change(engine, nlp):
    """Only a speaker's own statements are compared: Blinken's "will not attend" after
    Lavrov's "will attend" is nobody's change of position."""
    day = SAID[0][0]
    store_statements(engine, [SAID[0], (SAID[2][0], "Antony Blinken", NOT_ATTEND)])
    assert note_positions(engine=engine, nlp=nlp, now=day).changes == 0


def test_stances_of_deleted_statements_are_cleared(engine, nlp):
    """A statement deleted by an article update or a purge takes its stance and change rows
    with it at the next run."""
    store_statements(engine)
    note_positions(engine=engine, nlp=nlp, now=NOW)
    with Session(engine) as session:
        session.delete(session.exec(select(Statement).where(Statement.content == NOT_ATTEND)).one())
        session.commit()
    note_positions(engine=engine, nlp=nlp, now=NOW)
    with Session(engine) as session:
        assert session.exec(select(PositionChange)).all() == []
        assert len(session.exec(select(StatementStance)).all()) == len(SAID) - 1
