"""After an ingest: read what each new statement holds, and find where a speaker's statement
holds the opposite of another of theirs on the same issue (a possible change of position).

Statements are read oldest first, in batches, so a backlog (the first run after an upgrade, or
new rules: `extract.positions.POSITIONS_VERSION`) is worked off over a few runs. Each new
statement is compared with the speaker's stored ones either side of it in time: an old article
arriving late is the *earlier* statement of its pair.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine
from sqlmodel import Session

from extract.positions import (
    POSITIONS_VERSION,
    issue_terms,
    position_change,
    stances_from_json,
    stances_json,
    statement_stances,
)
from storage.positions import (
    clear_orphans,
    record_position_change,
    stances_of_speaker,
    statements_awaiting_stances,
    store_stances,
)

log = logging.getLogger(__name__)

BATCH = 200  # statements parsed and committed together
MAX_BATCHES = 10  # per run: a backlog is finished by later runs


@dataclass(frozen=True, slots=True)
class PositionRun:
    read: int = 0  # statements whose stances were read
    changes: int = 0  # new possible changes of position


def note_positions(
    *, engine: Engine, nlp, now: datetime | None = None, max_batches: int = MAX_BATCHES
) -> PositionRun:
    """Read stances of statements not yet read by these rules and record new changes."""
    now = now or datetime.now(UTC)
    read = changes = 0
    with Session(engine) as session:
        clear_orphans(session=session)
        session.commit()
    for _ in range(max_batches):
        with Session(engine) as session:
            work = statements_awaiting_stances(
                session=session, version=POSITIONS_VERSION, limit=BATCH
            )
            if not work:
                break
            docs = nlp.pipe(item.content for item in work)
            for item, doc in zip(work, docs, strict=True):
                held = statement_stances(doc, item.cue)
                store_stances(
                    session=session,
                    work=item,
                    stances=stances_json(held),
                    issue=issue_terms(held),
                    version=POSITIONS_VERSION,
                )
                if held:
                    changes += _compare(session, item, held, now)
            session.commit()
            read += len(work)
    if read:
        log.info("positions: %d statements read, %d possible changes", read, changes)
    return PositionRun(read=read, changes=changes)


def _compare(session: Session, item, held, now: datetime) -> int:
    found = 0
    for other in stances_of_speaker(
        session=session, speaker_id=item.speaker_id, excluding={item.id}
    ):
        theirs = stances_from_json(other.stances)
        if (other.said_at, other.statement_id) <= (item.said_at, item.id):
            earlier_id, later_id, change = (
                other.statement_id,
                item.id,
                position_change(theirs, held),
            )
        else:
            earlier_id, later_id, change = (
                item.id,
                other.statement_id,
                position_change(held, theirs),
            )
        if change is not None and record_position_change(
            session=session,
            speaker_id=item.speaker_id,
            earlier_id=earlier_id,
            later_id=later_id,
            predicate=change.predicate,
            issue=change.issue,
            now=now,
        ):
            found += 1
    return found
