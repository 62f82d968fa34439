"""How the scheduler's jobs are put together (summit/wiring.py)."""

from __future__ import annotations

import pytest

from summit import wiring


def test_the_after_ingest_step_runs_when_ingest_crashes(monkeypatch):
    """Follow-up DMs and purges run after an ingest run however it ended."""
    followed_up = []

    def crashing(*args, **kwargs):
        yield from ()
        raise RecursionError("a parser bug")

    monkeypatch.setattr(wiring, "ingest_due_sources", crashing)
    monkeypatch.setattr(wiring, "after_ingest", lambda **kwargs: followed_up.append(kwargs))
    with pytest.raises(RecursionError):
        wiring.scheduled_ingest(None, engine="engine", client_for="clients")
    assert followed_up == [{"engine": "engine", "client_for": "clients"}]
