"""What `/healthz` reports: the database, the scheduler, the last ingest, the version and, on
PostgreSQL, the job queue's depth and its oldest waiting job."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache

from sqlalchemy import Engine

from storage.job_queue import queue_depth
from storage.reads import last_ingest_at
from storage.times import as_utc


def health_report(engine: Engine, scheduler=None) -> dict:
    """A JSON-ready report; `ok` is False when the database is unreachable or the scheduler
    (when this process runs one) has stopped. Never raises: a health check reports."""
    report: dict = {"ok": True, "version": app_version()}
    try:
        with engine.connect() as connection:
            last = last_ingest_at(connection=connection)
            depth = queue_depth(connection=connection)
        report["database"] = "ok"
        report["last_ingest"] = _iso(last)
        if depth is not None:  # PostgreSQL: jobs due and not yet taken by a worker
            report["queue"] = {
                "waiting": depth.waiting,
                "oldest_waiting_since": _iso(depth.oldest_waiting_since),
            }
    except Exception as error:  # the type only: a message may carry the URL
        report.update(ok=False, database=type(error).__name__, last_ingest=None)
    if scheduler is not None:
        report["scheduler"] = "running" if scheduler.running else "stopped"
        report["ok"] = report["ok"] and bool(scheduler.running)
    return report


@lru_cache(maxsize=1)
def app_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("summit-digest")
    except PackageNotFoundError:
        return "unknown"


def _iso(moment) -> str | None:
    if moment is None:
        return None
    if isinstance(moment, str):  # a backend that hands the raw column back
        moment = datetime.fromisoformat(moment)
    return as_utc(moment).isoformat()
