"""Replay protection's memory: each verified request's signature, claimed once.

Kept apart from `writes.py` because it runs on every request, before any listener.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete
from sqlmodel import Session

from storage.models import SeenRequest
from storage.times import as_utc


def record_request(*, session: Session, signature: str, now: datetime) -> bool:
    """Claim a request's signature; False when some replica already saw it (a replay).

    An insert that does nothing on conflict, so replicas race safely and a replay
    leaves no failed transaction behind on PostgreSQL.
    """
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    claim = (
        insert(SeenRequest)
        .values(signature=signature[:100], seen_at=as_utc(now))
        .on_conflict_do_nothing(index_elements=["signature"])
        .returning(SeenRequest.signature)  # psycopg reports no rowcount here
    )
    return session.exec(claim).first() is not None


def forget_seen_requests(*, session: Session, before: datetime) -> int:
    """Drop signatures older than `before`: their timestamps fail the signature check anyway."""
    return session.exec(delete(SeenRequest).where(SeenRequest.seen_at < as_utc(before))).rowcount
