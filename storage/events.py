"""Slack events seen, so a retried delivery is handled once."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, update
from sqlmodel import Session

from storage.claims import claim_row
from storage.models import (
    SeenEvent,
)
from storage.times import as_utc


def record_seen_event(
    *,
    session: Session,
    event_id: str,
    team_id: str | None,
    now: datetime,
    stale_after: timedelta,
) -> bool:
    """Claim an Events API delivery; False when it was handled or is being handled right now.

    The insert fails on the primary key when another delivery got there first. A claim
    still "handling" after `stale_after` belonged to a process that died: it is taken over.
    """
    now = as_utc(now)
    claimed = claim_row(
        session,
        SeenEvent(event_id=event_id[:64], team_id=team_id, seen_at=now, status="handling"),
        key=(SeenEvent.event_id == event_id[:64],),
        retakable=(SeenEvent.status == "handling") & (SeenEvent.seen_at < now - stale_after),
        retake={"seen_at": now},
    )
    return claimed is not None


def finish_seen_event(*, session: Session, event_id: str, handled: bool) -> None:
    """Mark the delivery handled, or forget it so that Slack's retry is answered."""
    if handled:
        session.exec(
            update(SeenEvent).where(SeenEvent.event_id == event_id[:64]).values(status="handled")
        )
    else:
        session.exec(delete(SeenEvent).where(SeenEvent.event_id == event_id[:64]))
