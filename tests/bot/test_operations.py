"""Operations: request ids in JSON logs and response headers, and what /healthz reports."""

from __future__ import annotations

import io
import json
import logging
from datetime import UTC, datetime

import httpx
import pytest
from apscheduler.schedulers.background import BackgroundScheduler
from sqlmodel import Session

from bot.app import create_app
from bot.health import app_version, health_report
from bot.server import BackgroundServer, wsgi_app
from storage.engine import make_engine
from storage.models import Article
from summit.logs import configure_logging

pytestmark = pytest.mark.slow

UNREACHABLE = "postgresql://nobody@127.0.0.1:1/none?connect_timeout=2"


@pytest.fixture
def json_logs():
    """The CLI's JSON logging at DEBUG into a buffer; the root logger is restored after."""
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    buffer = io.StringIO()
    configure_logging("DEBUG", "json", stream=buffer)
    yield buffer
    root.handlers[:] = handlers
    root.setLevel(level)


def test_command_logs_carry_the_request_id_from_the_header(slack, sender, json_logs):
    """A command handled under JSON logging logs records with the id X-Request-Id shows,
    including records from the listener thread that answers after the HTTP response."""
    reply = sender.command("/who-said", "help", response_url=slack.response_url("r1"))
    request_id = reply.headers["X-Request-Id"]
    assert reply.status_code == 200 and request_id
    slack.wait_for(lambda call: call.name == "r1")
    entries = [json.loads(line) for line in json_logs.getvalue().splitlines()]
    tagged = [e for e in entries if e["request_id"] == request_id]
    assert tagged, entries
    assert any("listener" in e["message"].lower() or e["logger"].startswith("slack_sdk")
               for e in tagged), [e["message"] for e in tagged]  # fmt: skip
    assert {e["request_id"] for e in entries} <= {request_id, None}


def test_every_request_gets_its_own_id(slack, sender):
    """Two requests, two ids; refused ones get an id too, for the support ticket."""
    first = sender.command("/who-said", "help", response_url=slack.response_url("r1"))
    second = sender.command("/who-said", "help me", response_url=slack.response_url("r2"))
    forged = sender.raw(b"text=x", {"X-Slack-Signature": "v0=00", "X-Slack-Request-Timestamp": "1"})
    ids = {r.headers["X-Request-Id"] for r in (first, second, forged)}
    assert len(ids) == 3 and forged.status_code == 401


def test_health_reports_database_version_and_last_ingest(engine):
    """With the database up: ok, the version, and the newest ingested_at (null before any)."""
    report = health_report(engine, None)
    report.pop("queue", None)  # PostgreSQL's job queue: tests/jobs/test_queue.py
    assert report == {"ok": True, "version": app_version(), "database": "ok", "last_ingest": None}
    ingested = datetime(2023, 7, 15, 6, 0, tzinfo=UTC)
    with Session(engine) as session:
        session.add(Article(canonical_url="https://example.org/a", source="test",
                            content_hash="h", status="ok", ingested_at=ingested))  # fmt: skip
        session.commit()
    assert health_report(engine, None)["last_ingest"] == "2023-07-15T06:00:00+00:00"


def test_health_reports_the_scheduler(engine):
    """A stopped scheduler makes the report not ok; a running one is named running."""
    scheduler = BackgroundScheduler(timezone=UTC)
    assert health_report(engine, scheduler)["ok"] is False
    scheduler.start()
    try:
        report = health_report(engine, scheduler)
        assert report["ok"] is True and report["scheduler"] == "running"
    finally:
        scheduler.shutdown(wait=False)


def test_health_with_the_database_unreachable_is_not_ok():
    """An unreachable database gives ok false and the error's type, never its message."""
    engine = make_engine(UNREACHABLE)
    report = health_report(engine, None)
    assert report["ok"] is False and report["last_ingest"] is None
    assert report["database"] == "OperationalError" and "nobody" not in json.dumps(report)


def test_healthz_answers_503_when_the_database_is_unreachable(settings, engine):
    """/healthz serves the report: 200 with the database up, 503 when it is unreachable."""
    app = create_app(settings, engine=engine)
    down = make_engine(UNREACHABLE)
    for database, status in ((engine, 200), (down, 503)):
        application = wsgi_app(app, health=lambda db=database: health_report(db, None))
        with BackgroundServer(application) as server:
            reply = httpx.get(server.url + "/healthz")
        assert reply.status_code == status and reply.headers["X-Request-Id"]
        assert reply.json()["ok"] is (status == 200)
