"""Channel feeds within bounds: a per-workspace quota (`WORKSPACE_MAX_FEEDS`) on
`/digest feeds add`, and no fetching for channels the bot cannot post to."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from sqlmodel import Session

from bot.app import create_app, web_client
from bot.server import BackgroundServer, wsgi_app
from jobs.digests import DigestTarget, deliver_digest
from storage.reads import subscription_for_channel
from storage.subscriptions import update_subscription
from summit.errors import ConfigError
from summit.settings import load_settings
from summit.wiring import ingest_due_sources
from tests.bot.conftest import CHANNEL, SIGNING_SECRET, subscribe
from tests.fakes import TEAM_ID, SlackSender
from tests.fakes.feed_server import FeedServer

ADMIN = "U0ADMIN001"
OTHER_CHANNEL = "C0SUMMIT02"


@pytest.fixture
def ask(slack, settings, engine) -> Iterator:
    """`ask(channel, text)`: `/digest text` from a workspace admin, with WORKSPACE_MAX_FEEDS=3;
    returns the answer's text."""
    slack.add_user(ADMIN, is_admin=True)
    slack.add_channel(OTHER_CHANNEL, name="summit-desk-2")
    app = create_app(replace(settings, workspace_max_feeds=3), engine=engine)
    with BackgroundServer(wsgi_app(app)) as server, SlackSender(server.url, SIGNING_SECRET) as s:
        asked = iter(range(1000))

        def ask(channel: str, text: str) -> str:
            name = f"r{next(asked)}"
            s.command(
                "/digest",
                text,
                user_id=ADMIN,
                channel_id=channel,
                response_url=slack.response_url(name),
            )
            body = slack.wait_for(lambda call: call.name == name)[0].args
            assert "went wrong" not in str(body)
            return str(body["blocks"])

        yield ask


def feeds_of(engine, channel: str) -> tuple[str, ...]:
    with Session(engine) as session:
        return subscription_for_channel(session=session, team_id=TEAM_ID, channel_id=channel).feeds


def test_workspace_max_feeds_is_a_documented_setting():
    """WORKSPACE_MAX_FEEDS defaults to 100 and must be a whole number from 1 to 10,000."""
    assert load_settings({}).workspace_max_feeds == 100
    assert load_settings({"WORKSPACE_MAX_FEEDS": "7"}).workspace_max_feeds == 7
    with pytest.raises(ConfigError, match="WORKSPACE_MAX_FEEDS must be a whole number"):
        load_settings({"WORKSPACE_MAX_FEEDS": "0"})


def test_feeds_add_past_the_workspace_quota_is_refused_with_the_reason(ask, engine):
    """With 3 feeds allowed per workspace, a channel may not add the 4th and 5th distinct feed
    in the workspace: it is told why, and nothing is saved. A feed another channel already
    follows costs nothing, and removing is always allowed."""
    subscribe(engine)
    subscribe(engine, channel_id=OTHER_CHANNEL)
    a, b, c, d = (f"https://news{i}.example/rss" for i in range(4))
    assert "2 feeds" in ask(CHANNEL, f"feeds add {a} {b}")
    answer = ask(OTHER_CHANNEL, f"feeds add {c} {d}")
    assert "at most 3 feeds" in answer and "WORKSPACE_MAX_FEEDS" not in answer
    assert "This workspace's channels follow 2 feeds" in answer
    assert feeds_of(engine, OTHER_CHANNEL) == ()
    assert "2 feeds" in ask(OTHER_CHANNEL, f"feeds add {a} {c}")  # `a` is already counted
    assert "at most 3 feeds" in ask(OTHER_CHANNEL, f"feeds add {d}")
    assert "1 feed" in ask(CHANNEL, f"feeds remove {b}")
    assert "3 feeds" in ask(OTHER_CHANNEL, f"feeds add {d}")


def test_feeds_of_a_channel_the_bot_cannot_post_to_are_not_fetched(slack, settings, engine):
    """Once a digest to a channel fails with not_in_channel, the scheduled ingest run no longer
    tries that channel's own feed (another channel's it still does); once a digest reaches the
    channel again, its feed is back in the run."""
    subscribe(engine)
    subscribe(engine, channel_id=OTHER_CHANNEL)
    with FeedServer() as server:
        for path in ("/reachable.rss", "/unreachable.rss"):
            server.route(path, body=b"<rss version='2.0'><channel/></rss>")
        reachable, unreachable = server.url("/reachable.rss"), server.url("/unreachable.rss")
        with Session(engine) as session:
            for channel, url in ((CHANNEL, reachable), (OTHER_CHANNEL, unreachable)):
                update_subscription(
                    session=session, team_id=TEAM_ID, channel_id=channel, feeds=[url]
                )
            session.commit()
        slack.add_channel(OTHER_CHANNEL, name="left-by-the-bot", is_member=False)
        client = web_client(settings)
        assert post_digest(engine, client, OTHER_CHANNEL, day=1).outcome == "unreachable"
        settings = replace(settings, fetch_delay_seconds=0)

        def tried() -> set[str]:
            """The sources one ingest run took: channel feeds on 127.0.0.1 are refused
            before any request, so each one tried is a failure naming it."""
            runs = ingest_due_sources(settings, engine=engine, worker="w1")
            return {failure.source for run in runs for failure in run.failed}

        assert tried() == {reachable}
        slack.set_channel(OTHER_CHANNEL, is_member=True)
        assert post_digest(engine, client, OTHER_CHANNEL, day=2).outcome == "posted"
        assert tried() == {unreachable}  # `reachable` is not due again yet
        assert server.hits("/reachable.rss") == server.hits("/unreachable.rss") == 0


def post_digest(engine, client, channel: str, *, day: int):
    """The scheduled digest of July `day` 2023 for `channel`, through the real poster."""
    return deliver_digest(
        DigestTarget(team_id=TEAM_ID, channel_id=channel),
        engine=engine,
        client=client,
        digest_date=datetime(2023, 7, day, tzinfo=UTC).date(),
        now=datetime(2023, 7, day, 7, 30, tzinfo=UTC),
        sleep=lambda _: None,
    )
