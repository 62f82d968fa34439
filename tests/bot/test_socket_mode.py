"""`summit serve` in Socket Mode, end to end: a real process, real WebSockets, fake Slack.

The process gets SLACK_APP_TOKEN (an `xapp-` token), so it calls `apps.connections.open`
on the fake Web API, connects to the fake Socket Mode server it is pointed at, and
answers envelopes pushed over that socket. Each test waits on what the fakes record
(connections, acks, Web API calls) or on a log line, never on a fixed sleep.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect

from tests.bot.test_events import USER, dm_event, posts_to
from tests.bot.test_who_said import assert_lavrov_only
from tests.fakes import BOT_TOKEN, FakeSlack
from tests.fakes.slack_api import APP_TOKEN
from tests.fakes.socket_mode import ACK_DEADLINE, FakeSocketMode
from tests.test_faults import database_url, lines, summit_env, wait_until
from tests.test_processes import stop, summit_process

# One SQLite file per test, shared with the process under test.
SQLITE_ONLY = pytest.mark.parametrize("engine", ["sqlite"], indirect=True)

# slack_sdk's Socket Mode client tunnels through these if set; the fakes are on loopback.
PROXY_VARIABLES = ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy")


@pytest.fixture
def socket_mode(slack: FakeSlack) -> Iterator[FakeSocketMode]:
    """The fake Socket Mode server, handed out by the fake Slack's apps.connections.open."""
    with FakeSocketMode() as server:
        slack.add_app_token(APP_TOKEN)
        slack.serve_socket_mode(server.issue_url)
        yield server


@pytest.fixture
def serve_log(tmp_path: Path) -> Path:
    return tmp_path / "serve.log"


@pytest.fixture
def serve_env(engine, slack) -> dict[str, str]:
    """The environment of `summit serve` in Socket Mode: an app token and no signing secret."""
    env = summit_env(database_url(engine), slack, SLACK_APP_TOKEN=APP_TOKEN)
    del env["SLACK_SIGNING_SECRET"]  # Socket Mode needs none
    for name in PROXY_VARIABLES:
        env.pop(name, None)
    return env


@pytest.fixture
def serve(serve_env, socket_mode, serve_log) -> Iterator[subprocess.Popen]:
    """`summit serve --no-scheduler`, running until its Socket Mode connection is open."""
    process = summit_process(["serve", "--no-scheduler"], serve_env, serve_log)
    try:
        wait_until(
            socket_mode.connections,
            "the app's Socket Mode connection",
            alive=(process,),
            logs=(serve_log,),
        )
        yield process
    finally:
        stop(process)


@pytest.fixture
def dm(slack: FakeSlack) -> str:
    slack.add_user(USER, name="reader")
    return slack.dm_channel(USER)


@pytest.mark.slow
@SQLITE_ONLY
def test_who_said_over_socket_mode_is_acked_and_answered(
    slack, socket_mode, reference_ingested, serve
):
    """/who-said Lavrov over the socket is acked within 3 s and answered with his words only."""
    envelope_id = socket_mode.slash_command(
        "/who-said", "Lavrov", response_url=slack.response_url("r1")
    )
    ack = socket_mode.wait_for_ack(envelope_id, timeout=ACK_DEADLINE)
    assert ack.delay < ACK_DEADLINE
    assert ack.payload is None  # a bare ack(); the answer goes to the response_url
    assert_lavrov_only(slack.wait_for(lambda call: call.name == "r1", timeout=15)[0].args)
    slack.assert_no_errors()
    socket_mode.assert_no_problems()


@pytest.mark.slow
@SQLITE_ONLY
def test_retried_dm_event_is_answered_once(
    slack, socket_mode, dm, reference_ingested, serve, serve_log
):
    """A message.im event delivered again with the same event_id (a retry) gets one answer."""
    event = dm_event(dm, "who disputes Lavrov?")
    socket_mode.wait_for_ack(socket_mode.event(event, event_id="EvSocket1"))
    posts_to(slack, dm)
    retry = socket_mode.event(event, event_id="EvSocket1", retry_attempt=1, retry_reason="timeout")
    socket_mode.wait_for_ack(retry)
    wait_until(  # the app's own word that it saw the retry and skipped it
        lambda: lines(serve_log, "EvSocket1", "already handled"),
        "the retry to be skipped",
        timeout=15,
        alive=(serve,),
        logs=(serve_log,),
    )
    assert len(slack.calls("chat.postMessage")) == 1
    assert len(slack.messages(dm)) == 1
    [skipped] = [line for line in serve_log.read_text().splitlines() if "already handled" in line]
    assert "[-]" not in skipped  # Socket Mode requests get a request id too
    slack.assert_no_errors()
    socket_mode.assert_no_problems()


@pytest.mark.slow
@SQLITE_ONLY
def test_app_reconnects_when_slack_asks_it_to(slack, socket_mode, serve):
    """After a `disconnect` (refresh_requested) the app reconnects and answers on the new socket."""
    old = socket_mode.current()
    socket_mode.disconnect("refresh_requested")
    new = socket_mode.wait_for_connection(2)
    assert len(slack.calls("apps.connections.open")) == 2
    # Slack sends on the new connection at once. slack_sdk 3.48's builtin client reads it
    # only after closing the old one, which waits out its 3 s receive timeout: hence 10 s.
    envelope_id = socket_mode.slash_command(
        "/who-said", "help", response_url=slack.response_url("r2")
    )
    assert socket_mode.wait_for_ack(envelope_id, timeout=10).connection == new.number
    socket_mode.wait_for_close(old)
    assert socket_mode.ping()  # the new connection answers WebSocket pings
    body = slack.wait_for(lambda call: call.name == "r2", timeout=15)[0].args
    assert "/who-said NAME" in str(body)
    slack.assert_no_errors()
    socket_mode.assert_no_problems()


@pytest.mark.slow
@SQLITE_ONLY
def test_refused_app_token_ends_serve_with_one_clear_line(slack, socket_mode, serve_env, serve_log):
    """When Slack refuses SLACK_APP_TOKEN, `summit serve` exits 2 with one line, no traceback."""
    slack.revoke_token(APP_TOKEN)
    process = summit_process(["serve", "--no-scheduler"], serve_env, serve_log)
    try:
        assert process.wait(timeout=60) == 2
    finally:
        stop(process)
    text = serve_log.read_text()
    assert "summit: Slack refused SLACK_APP_TOKEN (token_revoked)" in text
    assert "Traceback" not in text
    assert socket_mode.connections() == []


def test_connections_open_takes_only_the_app_token_and_its_url_only_once(slack, socket_mode):
    """apps.connections.open refuses a bot token; the app token's ws:// URL works exactly once."""
    web = WebClient(base_url=slack.api_url)
    with pytest.raises(SlackApiError) as refused:
        web.apps_connections_open(app_token=BOT_TOKEN)
    assert refused.value.response["error"] == "not_allowed_token_type"
    url = web.apps_connections_open(app_token=APP_TOKEN)["url"]
    assert url.startswith(f"ws://127.0.0.1:{socket_mode.port}/link/?ticket=")
    with connect(url) as client:
        assert '"type": "hello"' in str(client.recv(timeout=5))
    with pytest.raises(InvalidStatus) as reused:
        connect(url)
    assert reused.value.response.status_code == 401
    assert len(slack.errors) == 1  # the bot token was the app's mistake
    assert len(socket_mode.problems) == 1  # and so was the reused ticket
