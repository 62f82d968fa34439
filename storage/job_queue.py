"""What waits in procrastinate's job queue (PostgreSQL, migration 0015), for `/healthz`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, text

from storage.times import as_utc

# A job waits once it is due: it has no scheduled time, or that time has come. It has waited
# since then, or since it was deferred (or put back for a retry), whichever is later.
_WAITING = text(
    """
    SELECT count(*) AS waiting, min(coalesce(job.scheduled_at, since.at)) AS oldest
    FROM procrastinate_jobs AS job
    LEFT JOIN LATERAL (
        SELECT max(event.at) AS at FROM procrastinate_events AS event
        WHERE event.job_id = job.id
          AND event.type IN ('deferred', 'deferred_for_retry', 'retried')
    ) AS since ON true
    WHERE job.status = 'todo' AND (job.scheduled_at IS NULL OR job.scheduled_at <= now())
    """
)


@dataclass(frozen=True, slots=True)
class QueueDepth:
    """How many jobs are due and not yet taken by a worker, and since when the oldest is."""

    waiting: int
    oldest_waiting_since: datetime | None


def queue_depth(*, connection: Connection) -> QueueDepth | None:
    """The queue's depth, or None where there is no queue (SQLite)."""
    if connection.dialect.name != "postgresql":
        return None
    row = connection.execute(_WAITING).one()
    return QueueDepth(waiting=row.waiting, oldest_waiting_since=as_utc(row.oldest))
