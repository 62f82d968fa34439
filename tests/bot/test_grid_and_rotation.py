"""Enterprise Grid and token rotation: workspaces inside a Grid org (installed per workspace or
org-wide) get their digests and DMs, and rotating tokens are refreshed before use, by the
background jobs as by Bolt for incoming requests."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime

import httpx
import pytest
from sqlmodel import Session, select

from bot.app import installation_store
from jobs.alerts import send_alerts
from jobs.scheduler import catch_up
from storage.models import Follow, Subscription
from storage.reads import speakers_matching
from summit.settings import load_settings
from summit.wiring import make_client_for, make_deliver
from tests.bot.conftest import SIGNING_SECRET, subscribe
from tests.bot.test_alerts import ingest_news
from tests.fakes import FakeSlack

pytestmark = pytest.mark.slow

CLIENT_ID = "1111.2222"
CLIENT_SECRET = "oauth-client-secret"
ENTERPRISE = "E0GRIDORG1"
TEAM = "T0GRIDWS01"
USER = "U0GRIDUSR1"
CHANNEL = "C0GRIDCH01"
DIGEST_MORNING = datetime(2023, 7, 15, 8, tzinfo=UTC)  # after the 07:30 UTC digest time


class Clock:
    """The fake Slack's clock, moved on by hand to let tokens expire."""

    def __init__(self) -> None:
        self.offset = 0.0

    def __call__(self) -> float:
        return time.time() + self.offset


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def slack(clock) -> Iterator[FakeSlack]:
    """A fake Slack that knows this app's OAuth client, one user and the channel they made."""
    with FakeSlack(clock=clock) as fake:
        fake.add_oauth_client(CLIENT_ID, CLIENT_SECRET)
        fake.add_user(USER, name="grid-reader", team_id=TEAM)
        # USER made the channel, so may subscribe it (SUBSCRIBE_POLICY=creators)
        fake.add_channel(CHANNEL, name="grid-desk", team_id=TEAM, members=[USER], creator=USER)
        yield fake


@pytest.fixture
def settings(slack, engine):
    """OAuth mode: client id and secret, no SLACK_BOT_TOKEN."""
    return replace(
        load_settings({}),
        slack_api_url=slack.api_url,
        slack_bot_token=None,
        slack_signing_secret=SIGNING_SECRET,
        slack_client_id=CLIENT_ID,
        slack_client_secret=CLIENT_SECRET,
        database_url=str(engine.url),
    )


def install(app_url: str, slack: FakeSlack, **grant) -> dict:
    """Add to Slack through /slack/install and /slack/oauth_redirect as a browser would;
    returns what oauth.v2.access gave the app."""
    granted = slack.add_oauth_code(
        "code-1", client_id=CLIENT_ID, team_id=TEAM, authed_user_id=USER, **grant
    )
    with httpx.Client(base_url=app_url) as browser:
        page = browser.get("/slack/install")
        state = re.search(r"state=([\w-]+)", page.text)[1]
        cookie = page.headers["set-cookie"].split(";")[0]  # Bolt's state cookie is Secure
        done = browser.get(
            "/slack/oauth_redirect",
            params={"code": "code-1", "state": state},
            headers={"Cookie": cookie},
        )
        assert done.status_code == 200, done.text
    return granted


def deliver_digests(settings, engine) -> list:
    deliver = make_deliver(engine=engine, client_for=make_client_for(settings, engine=engine))
    return catch_up(engine=engine, deliver=deliver, now=DIGEST_MORNING)


def stored_bot(settings, engine):
    return installation_store(settings, engine=engine).find_bot(enterprise_id=None, team_id=TEAM)


@pytest.mark.parametrize("org_wide", [False, True], ids=["workspace-install", "org-install"])
def test_a_grid_workspace_gets_its_scheduled_digest_and_follower_dms(
    org_wide, slack, app_url, sender, settings, engine, extractor, tmp_path, reference_ingested
):
    """In a Grid org (the app installed in the workspace, or org-wide), a channel subscribed
    and a speaker followed there get the scheduled digest and the follow-up DM."""
    granted = install(app_url, slack, enterprise_id=ENTERPRISE, is_enterprise_install=org_wide)
    token = granted["access_token"]
    grid = {"team_id": TEAM, "enterprise_id": ENTERPRISE, "is_enterprise_install": org_wide}
    sender.command(
        "/digest", "subscribe", user_id=USER, channel_id=CHANNEL,
        response_url=slack.response_url("sub"), **grid,
    )  # fmt: skip
    slack.wait_for(lambda c: c.name == "sub")
    [lavrov] = speakers_matching(session=reference_ingested, query="Lavrov")
    value = json.dumps({"id": lavrov.id, "n": lavrov.name})
    sender.button(
        f"digest_follow_{lavrov.id}", value, user_id=USER, channel_id=CHANNEL,
        response_url=slack.response_url("follow"), **grid,
    )  # fmt: skip
    slack.wait_for(lambda c: c.name == "follow")
    with Session(engine) as session:
        subscription = session.exec(select(Subscription.enterprise_id)).all()
        follows = session.exec(select(Follow.enterprise_id)).all()
    assert subscription == follows == [ENTERPRISE]

    [result] = deliver_digests(settings, engine)
    assert result.outcome == "posted", result
    ingest_news(engine, extractor, tmp_path)
    run = send_alerts(engine=engine, client_for=make_client_for(settings, engine=engine))
    assert run.counts == {"sent": 1}
    posts = slack.calls("chat.postMessage")
    assert {c.args["channel"] for c in posts} == {CHANNEL, slack.dm_channel(USER)}
    assert all(c.ok and c.token == token for c in posts)
    slack.assert_no_errors()


def test_an_expired_rotating_token_is_refreshed_before_a_background_post_and_stored(
    slack, clock, app_url, settings, engine
):
    """A digest due after the workspace's token expired is posted with a refreshed token; the
    new token and refresh token are saved, so the next post uses them without refreshing."""
    granted = install(app_url, slack, expires_in=60)
    subscribe(engine, team_id=TEAM, channel_id=CHANNEL)
    clock.offset += 61  # Slack now answers the installed token with token_expired

    [result] = deliver_digests(settings, engine)
    assert result.outcome == "posted", result
    [refresh] = [c for c in slack.calls("oauth.v2.access") if c.args.get("grant_type")]
    assert refresh.ok and refresh.args["refresh_token"] == granted["refresh_token"]
    rotated = refresh.response["access_token"]
    [post] = slack.calls("chat.postMessage")
    assert post.ok and post.token == rotated
    bot = stored_bot(settings, engine)
    assert bot.bot_token == rotated
    assert bot.bot_refresh_token == refresh.response["refresh_token"]
    assert bot.bot_token_expires_at > time.time() + 11 * 60 * 60
    installation = installation_store(settings, engine=engine).find_installation(
        enterprise_id=None, team_id=TEAM
    )
    assert installation.bot_token == rotated  # incoming requests read this one

    assert make_client_for(settings, engine=engine)(TEAM).token == rotated
    assert len(slack.calls("oauth.v2.access")) == 2  # the install and one refresh
    slack.assert_no_errors()


def test_a_slash_command_with_a_near_expiry_token_is_answered(
    slack, clock, app_url, sender, settings, engine
):
    """A command arriving when the stored token is about to expire (here: already expired at
    Slack) is authorised with a refreshed token, answered, and the new token is stored."""
    granted = install(app_url, slack, expires_in=60)
    clock.offset += 61
    sender.command(
        "/who-said", "help", team_id=TEAM, user_id=USER, channel_id=CHANNEL,
        response_url=slack.response_url("help"),
    )  # fmt: skip
    slack.wait_for(lambda c: c.name == "help")
    [refresh] = [c for c in slack.calls("oauth.v2.access") if c.args.get("grant_type")]
    assert refresh.ok and refresh.args["refresh_token"] == granted["refresh_token"]
    rotated = refresh.response["access_token"]
    assert slack.calls("auth.test")[-1].token == rotated  # the first was the install's
    assert stored_bot(settings, engine).bot_token == rotated
    slack.assert_no_errors()
