"""Events are delivered at least once: answer each `event_id` once.

A delivery is claimed with an insert that fails on the primary key. A retry is
skipped while the first attempt is handled or still in progress (recently); if the
first attempt failed, its claim is forgotten, so the retry is answered instead of lost.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine
from sqlmodel import Session

from storage.events import finish_seen_event, record_seen_event

log = logging.getLogger(__name__)

# Slack retries after about 1 s, 1 min and 5 min; an attempt "in progress" for longer
# than this belonged to a process that died, and a retry may take it over.
STALE_AFTER = timedelta(minutes=2)


@contextmanager
def first_delivery(engine: Engine, body: dict, *, now: datetime | None = None) -> Iterator[bool]:
    """`with first_delivery(engine, body) as fresh:` — fresh is False for a duplicate.

    The claim becomes "handled" when the block ends normally and is released when it raises.
    """
    event_id = body.get("event_id")
    if not isinstance(event_id, str) or not event_id:
        yield True  # nothing to de-duplicate on
        return
    with Session(engine) as session:
        fresh = record_seen_event(
            session=session,
            event_id=event_id,
            team_id=body.get("team_id"),
            now=now or datetime.now(UTC),
            stale_after=STALE_AFTER,
        )
        session.commit()
    if not fresh:
        log.info("event %s already handled or in progress; skipped", event_id)
        yield False
        return
    try:
        yield True
    except BaseException:
        _finish(engine, event_id, handled=False)
        raise
    _finish(engine, event_id, handled=True)


def _finish(engine: Engine, event_id: str, *, handled: bool) -> None:
    with Session(engine) as session:
        finish_seen_event(session=session, event_id=event_id, handled=handled)
        session.commit()
