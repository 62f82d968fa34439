"""Forged, stale, replayed and oversized requests are refused before any listener runs."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from urllib.parse import urlencode

import httpx
import pytest
from sqlalchemy import func, select
from sqlmodel import Session

from bot.app import create_app
from bot.replay import ReplayGuard
from bot.server import MAX_BODY, BackgroundServer, wsgi_app
from storage.models import SeenRequest
from storage.seen_requests import record_request
from tests.bot.conftest import SIGNING_SECRET
from tests.fakes import SlackSender
from tests.fakes.slack_requests import FORM

pytestmark = pytest.mark.slow


def help_command(slack, name: str = "r1") -> bytes:
    """The form body of `/who-said help`, answered at the fake response_url `name`."""
    return urlencode(
        {
            "team_id": "T0SUMMIT01",
            "channel_id": "C0SUMMIT01",
            "user_id": "U0READER01",
            "command": "/who-said",
            "text": "help",
            "response_url": slack.response_url(name),
            "trigger_id": f"{time.time():.6f}.forgery",
        }
    ).encode()


def no_listener_ran(slack, settle: float = 0.4) -> bool:
    """True when, after a moment, nothing was posted to a response_url or the Web API."""
    time.sleep(settle)  # listeners run after the HTTP answer; give a wrong one time to act
    return slack.responses() == [] and [c for c in slack.calls() if c.method != "auth.test"] == []


def seen_signatures(engine) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(SeenRequest)).one()[0]


def test_wrong_signature_is_refused(slack, sender):
    """A body signed with another secret gets 401 and no listener runs."""
    body = help_command(slack)
    headers = sender.signed_headers(body)
    headers["X-Slack-Signature"] = "v0=" + "0" * 64
    assert sender.raw(body, headers).status_code == 401
    assert no_listener_ran(slack)


def test_tampered_body_is_refused(slack, sender):
    """A correctly signed request whose body was changed afterwards gets 401."""
    body = help_command(slack)
    headers = sender.signed_headers(body)
    assert sender.raw(body.replace(b"help", b"lavrov"), headers).status_code == 401
    assert no_listener_ran(slack)


@pytest.mark.parametrize("offset", [-301, 301, -86_400], ids=["stale", "future", "day-old"])
def test_timestamps_outside_five_minutes_are_refused(slack, sender, offset):
    """Correctly signed, but timestamped more than 300 s away from now (either way): 401."""
    reply = sender.send(help_command(slack), timestamp=int(time.time()) + offset)
    assert reply.status_code == 401
    assert no_listener_ran(slack)


@pytest.mark.parametrize("missing", ["X-Slack-Signature", "X-Slack-Request-Timestamp"])
def test_missing_headers_are_refused(slack, sender, missing):
    """Without the signature or the timestamp header the request gets 401."""
    body = help_command(slack)
    headers = sender.signed_headers(body)
    del headers[missing]
    assert sender.raw(body, headers).status_code == 401
    assert no_listener_ran(slack)


@pytest.mark.parametrize("timestamp", ["yesterday", "1e9", "", "+1700000000", "-1"])
def test_non_numeric_timestamps_are_refused(slack, sender, timestamp):
    """A timestamp that is not a plain number is refused with 401, not a 500."""
    body = help_command(slack)
    headers = sender.signed_headers(body)
    headers["X-Slack-Request-Timestamp"] = timestamp
    headers["X-Slack-Signature"] = sender.signed_headers(body, timestamp=timestamp)[
        "X-Slack-Signature"
    ]
    assert sender.raw(body, headers).status_code == 401
    assert no_listener_ran(slack)


def test_oversized_body_gets_413_before_bolt(slack, sender, engine):
    """A body over 1 MB, even correctly signed, is refused with 413 before Bolt reads it."""
    body = help_command(slack) + b"&pad=" + b"x" * MAX_BODY
    reply = sender.send(body)
    assert reply.status_code == 413
    assert no_listener_ran(slack)
    assert seen_signatures(engine) == 0  # Bolt never saw it


def test_replayed_request_is_refused(slack, sender, engine):
    """The exact same signed request sent again within the window gets 401 the second time,
    and the listener answers only once."""
    body = help_command(slack)
    headers = sender.signed_headers(body)
    assert sender.raw(body, headers).status_code == 200
    slack.wait_for(lambda call: call.name == "r1")
    assert sender.raw(body, headers).status_code == 401
    time.sleep(0.4)
    assert len(slack.responses("r1")) == 1


def test_replay_to_another_replica_is_refused(slack, sender, settings, engine):
    """A request replayed to a second replica on the same database is refused there too."""
    body = help_command(slack)
    headers = sender.signed_headers(body)
    assert sender.raw(body, headers).status_code == 200
    slack.wait_for(lambda call: call.name == "r1")
    replica = create_app(settings, engine=engine)
    with (
        BackgroundServer(wsgi_app(replica)) as server,
        SlackSender(server.url, SIGNING_SECRET) as other,
    ):
        assert other.raw(body, headers).status_code == 401
    time.sleep(0.4)
    assert len(slack.responses("r1")) == 1


def test_same_body_with_a_new_timestamp_is_accepted(slack, sender):
    """The same body signed again at another second is a new request (as Slack's retries are)."""
    body = help_command(slack)
    now = int(time.time())
    assert sender.send(body, timestamp=now).status_code == 200
    assert sender.send(body, timestamp=now - 1).status_code == 200
    slack.wait_for(lambda call: call.name == "r1", count=2)


def test_forged_requests_leave_no_trace(slack, sender, engine):
    """The replay check runs only after the signature verified: forgeries record nothing."""
    body = help_command(slack)
    headers = sender.signed_headers(body)
    headers["X-Slack-Signature"] = "v0=" + "f" * 64
    for _ in range(3):
        assert sender.raw(body, headers).status_code == 401
    assert sender.send(body, timestamp=int(time.time()) - 400).status_code == 401
    assert seen_signatures(engine) == 0


def test_old_signatures_are_purged(slack, sender, engine):
    """Signatures older than ten minutes are forgotten when requests come in."""
    with Session(engine) as session:
        old = datetime.now(UTC) - timedelta(minutes=11)
        assert record_request(session=session, signature="v0=old", now=old)
        assert record_request(session=session, signature="v0=recent", now=datetime.now(UTC))
        session.commit()
    assert sender.send(help_command(slack)).status_code == 200
    with Session(engine) as session:
        left = set(session.exec(select(SeenRequest.signature)).scalars())
    assert "v0=old" not in left and "v0=recent" in left and len(left) == 2


def test_record_request_claims_once(engine):
    """The same signature is claimed once; a second claim reports a replay."""
    now = datetime.now(UTC)
    with Session(engine) as session:
        assert record_request(session=session, signature="v0=abc", now=now)
        assert not record_request(session=session, signature="v0=abc", now=now)
        session.commit()


def test_guard_passes_socket_mode_through(engine):
    """Socket Mode requests are not signed; the guard lets them through untouched."""
    from slack_bolt.request import BoltRequest
    from slack_bolt.response import BoltResponse

    request = BoltRequest(body={"type": "event_callback"}, mode="socket_mode")
    ok = BoltResponse(status=200)
    guard = ReplayGuard(engine)
    assert guard.process(req=request, resp=ok, next=lambda: ok) is ok
    assert seen_signatures(engine) == 0


def test_healthz_is_not_behind_the_signature_check(app_url):
    """/healthz answers without a signature."""
    assert httpx.get(app_url + "/healthz").status_code == 200


def test_form_constant_is_the_slack_content_type():
    """The sender's FORM constant is what Slack posts (guards the helper above)."""
    assert FORM == "application/x-www-form-urlencoded"
