"""Multi-workspace installs: Bolt's OAuth flow against the fake's oauth.v2.access, tokens in
slack_sdk's SQLAlchemy store on our database, and uninstalls that forget a workspace."""

from __future__ import annotations

import json
import re
import time
from dataclasses import replace
from datetime import UTC, datetime

import httpx
import pytest
from sqlalchemy import select
from sqlmodel import Session

from bot.app import BOT_SCOPES, installation_store
from jobs.scheduler import catch_up
from storage.follows import follow_speaker
from storage.models import Follow, Subscription
from storage.subscriptions import subscribe_channel
from summit.settings import load_settings
from summit.wiring import make_client_for, make_deliver, team_client
from tests.bot.conftest import SIGNING_SECRET

pytestmark = pytest.mark.slow

CLIENT_ID = "1111.2222"
CLIENT_SECRET = "oauth-client-secret"
TEAM = "T0INSTALL1"
USER = "U0INSTALL1"
CHANNEL = "C0INSTALL1"


@pytest.fixture
def settings(slack, engine):
    """OAuth mode: client id and secret, no SLACK_BOT_TOKEN."""
    slack.add_oauth_client(CLIENT_ID, CLIENT_SECRET)
    slack.add_user(USER, team_id=TEAM)
    slack.add_channel(CHANNEL, name="install-desk", team_id=TEAM)
    return replace(
        load_settings({}),
        slack_api_url=slack.api_url,
        slack_bot_token=None,
        slack_signing_secret=SIGNING_SECRET,
        slack_client_id=CLIENT_ID,
        slack_client_secret=CLIENT_SECRET,
        database_url=str(engine.url),
    )


def install(app_url: str, slack, *, code: str = "code-1") -> str:
    """Go through /slack/install and /slack/oauth_redirect as a browser would; return the token."""
    granted = slack.add_oauth_code(code, client_id=CLIENT_ID, team_id=TEAM, authed_user_id=USER)
    with httpx.Client(base_url=app_url) as browser:
        page = browser.get("/slack/install")
        assert page.status_code == 200
        state = re.search(r"state=([\w-]+)", page.text)[1]
        # Bolt's state cookie is `Secure`; a browser on https would send it back, so do we.
        cookie = page.headers["set-cookie"].split(";")[0]
        done = browser.get(
            "/slack/oauth_redirect",
            params={"code": code, "state": state},
            headers={"Cookie": cookie},
        )
        assert done.status_code == 200, done.text
    return granted["access_token"]


def wait_until(condition, timeout: float = 5) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_install_stores_the_token_and_the_app_uses_it(slack, app_url, sender, settings, engine):
    """After the OAuth flow the installation is stored, and a command and a DM from that
    workspace are answered with the installed bot token."""
    token = install(app_url, slack)
    assert slack.calls("oauth.v2.access")[0].ok
    bot = installation_store(settings, engine=engine).find_bot(enterprise_id=None, team_id=TEAM)
    assert bot.bot_token == token
    assert team_client(settings, engine=engine, team_id=TEAM).token == token
    assert team_client(settings, engine=engine, team_id="T0NOBODY00") is None

    sender.command(
        "/who-said", "help", team_id=TEAM, user_id=USER, response_url=slack.response_url("r")
    )
    slack.wait_for(lambda c: c.name == "r")
    assert any(c.token == token for c in slack.calls("auth.test"))

    dm = slack.dm_channel(USER)
    event = {"type": "message", "channel_type": "im", "channel": dm, "user": USER,
             "text": "help", "ts": "1700000000.000100"}  # fmt: skip
    sender.event(event, event_id="EvOauth1", team_id=TEAM)
    [post] = slack.wait_for(lambda c: c.method == "chat.postMessage")
    assert post.ok and post.token == token
    slack.assert_no_errors()


def test_install_scopes_match_the_manifest():
    """The scopes an install asks for are the bot scopes manifest.json declares."""
    from tests.test_docs import ROOT

    manifest = json.loads((ROOT / "manifest.json").read_text())
    assert set(manifest["oauth_config"]["scopes"]["bot"]) == set(BOT_SCOPES)
    events = set(manifest["settings"]["event_subscriptions"]["bot_events"])
    assert {"app_mention", "message.im", "app_home_opened"} <= events
    assert {"app_uninstalled", "tokens_revoked"} <= events


def test_uninstall_forgets_the_workspace_and_stops_its_digests(
    slack, app_url, sender, settings, engine
):
    """app_uninstalled removes the tokens, subscriptions and follows; no digest is posted."""
    install(app_url, slack)
    with Session(engine) as session:
        subscribe_channel(
            session=session, team_id=TEAM, channel_id=CHANNEL, digest_time="07:30", timezone="UTC"
        )
        session.commit()
    sender.event({"type": "app_uninstalled"}, event_id="EvUninstall", team_id=TEAM)
    store = installation_store(settings, engine=engine)
    wait_until(lambda: store.find_bot(enterprise_id=None, team_id=TEAM) is None)
    with Session(engine) as session:
        wait_until(lambda: session.exec(select(Subscription.id)).first() is None)
    deliver = make_deliver(engine=engine, client_for=make_client_for(settings, engine=engine))
    assert catch_up(engine=engine, deliver=deliver, now=datetime(2023, 7, 15, 8, tzinfo=UTC)) == []
    assert slack.calls("chat.postMessage") == []


def test_revoked_bot_token_forgets_the_workspace(slack, app_url, sender, settings, engine):
    """tokens_revoked naming the bot removes its installation and the workspace's follows."""
    install(app_url, slack)
    with Session(engine) as session:
        from storage.articles import ensure_speaker

        speaker = ensure_speaker(session=session, name="Sergei Lavrov", kind="person")
        follow_speaker(
            session=session, team_id=TEAM, user_id=USER, speaker_id=speaker.id, alerted_through=0
        )
        session.commit()
    event = {"type": "tokens_revoked", "tokens": {"oauth": [], "bot": ["U0BOT00001"]}}
    sender.event(event, event_id="EvRevoked", team_id=TEAM)
    store = installation_store(settings, engine=engine)
    wait_until(lambda: store.find_bot(enterprise_id=None, team_id=TEAM) is None)
    with Session(engine) as session:
        wait_until(lambda: session.exec(select(Follow.id)).first() is None)


def test_oauth_tables_come_from_the_migrations_and_token_lookups_run_no_ddl(settings, engine):
    """slack_sdk's tables exist once the database is migrated (under the migration lock, so
    replicas starting together never race to create them); a token lookup only reads."""
    from sqlalchemy import event, inspect

    tables = set(inspect(engine).get_table_names())
    assert {"slack_installations", "slack_bots", "slack_oauth_states"} <= tables
    statements: list[str] = []

    def record(connection, cursor, statement, *args) -> None:
        statements.append(statement.lstrip().upper())

    event.listen(engine, "before_cursor_execute", record)
    try:
        assert team_client(settings, engine=engine, team_id=TEAM) is None  # not installed yet
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert statements and not [s for s in statements if s.startswith(("CREATE", "ALTER", "PRAGMA"))]
