"""How the scheduler's jobs are put together (summit/wiring.py)."""

from __future__ import annotations

import pytest

from summit import wiring


def test_the_after_ingest_step_runs_when_ingest_crashes(monkeypatch):
    """Follow-up DMs run after an ingest run however it ended (purges have a job of their own)."""
    followed_up = []

    def crashing(*args, **kwargs):
        yield from ()
        raise RecursionError("a parser bug")

    monkeypatch.setattr(wiring, "ingest_due_sources", crashing)
    monkeypatch.setattr(wiring, "after_ingest", lambda **kwargs: followed_up.append(kwargs))
    with pytest.raises(RecursionError):
        wiring.scheduled_ingest(None, engine="engine", client_for="clients")
    assert followed_up == [{"engine": "engine", "client_for": "clients"}]


def test_the_scheduler_purges_on_its_own_job_and_not_after_ingest(engine, monkeypatch):
    """`start_scheduler` registers the daily purge job with the settings' retention; the
    after-ingest step only sends follow-up DMs."""
    from datetime import UTC, datetime, timedelta

    from sqlmodel import Session

    from jobs.scheduler import PURGE_JOB
    from storage.models import SeenEvent
    from summit.settings import load_settings

    settings = load_settings({"SEEN_EVENT_RETENTION_DAYS": "3"})
    scheduler = wiring.start_scheduler(settings, engine=engine, client=None, background=True)
    try:
        job = scheduler.get_job(PURGE_JOB)
        assert job is not None
        with Session(engine) as session:
            for event_id, age in (("Ev-old", 4), ("Ev-kept", 2)):
                seen_at = datetime.now(UTC) - timedelta(days=age)
                session.add(SeenEvent(event_id=event_id, seen_at=seen_at))
            session.commit()
        monkeypatch.setattr("jobs.alerts.send_alerts", lambda **kwargs: None)
        wiring.after_ingest(engine=engine, client_for=lambda team_id: None)
        with Session(engine) as session:
            assert session.get(SeenEvent, "Ev-old") is not None
        job.func()
        with Session(engine) as session:
            assert session.get(SeenEvent, "Ev-old") is None
            assert session.get(SeenEvent, "Ev-kept") is not None
    finally:
        scheduler.shutdown(wait=False)
