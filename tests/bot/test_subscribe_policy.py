"""Who may subscribe a channel and edit its feeds (`SUBSCRIBE_POLICY`), through signed HTTP
requests into the real app, with roles as Slack's users.info and conversations.info give them."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import replace

import pytest
from sqlmodel import Session, select

from bot.app import create_app
from bot.server import BackgroundServer, wsgi_app
from storage.models import Subscription
from summit.errors import ConfigError
from summit.settings import load_settings
from tests.bot.conftest import CHANNEL, SIGNING_SECRET, subscribe
from tests.fakes import SlackSender

ADMIN = "U0ADMIN001"
OWNER = "U0OWNER001"
CREATOR = "U0CREATOR1"
MEMBER = "U0MEMBER01"
GUEST = "U0GUEST001"
SINGLE_GUEST = "U0GUEST002"
GUEST_CREATOR = "U0GUEST003"
FEED = "https://news.example/rss"


@pytest.fixture
def people(slack):
    """An admin, an owner, the channel's creator, a plain member and three guests."""
    slack.add_user(ADMIN, is_admin=True)
    slack.add_user(OWNER, is_owner=True)
    slack.add_user(CREATOR)
    slack.add_user(MEMBER)
    slack.add_user(GUEST, guest="multi-channel")
    slack.add_user(SINGLE_GUEST, guest="single-channel")
    slack.add_user(GUEST_CREATOR, guest="multi-channel")
    slack.add_channel(CHANNEL, name="summit-desk", creator=CREATOR)


@pytest.fixture
def app_under(slack, settings, engine, people) -> Iterator:
    """`app_under(policy)`: the real app with that SUBSCRIBE_POLICY (None: the settings' own)
    behind waitress; returns `ask(user, text)`, which sends `/digest text` from `user` and
    returns the answer's text (always ephemeral, never a traceback)."""
    with ExitStack() as stack:
        asked = iter(range(1000))

        def under(policy: str | None = None):
            chosen = replace(settings, subscribe_policy=policy) if policy else settings
            server = stack.enter_context(
                BackgroundServer(wsgi_app(create_app(chosen, engine=engine)))
            )
            sender = stack.enter_context(SlackSender(server.url, SIGNING_SECRET))

            def ask(user: str, text: str) -> str:
                name = f"r{next(asked)}"
                response = sender.command(
                    "/digest", text, user_id=user, response_url=slack.response_url(name)
                )
                assert response.status_code == 200
                body = slack.wait_for(lambda call: call.name == name)[0].args
                assert body["response_type"] == "ephemeral"
                assert "went wrong" not in str(body) and "Traceback" not in str(body)
                return str(body["blocks"])

            return ask

        yield under


@pytest.fixture
def ask(app_under):
    """`ask(user, text)` under the default policy."""
    return app_under()


def subscription(engine) -> Subscription | None:
    with Session(engine) as session:
        return session.exec(select(Subscription)).first()


def feeds(engine) -> str:
    return subscription(engine).feeds


def test_default_policy_is_admins_and_channel_creators():
    """Unset, SUBSCRIBE_POLICY is `creators`; a value it does not know is a settings error."""
    assert load_settings({}).subscribe_policy == "creators"
    assert load_settings({"SUBSCRIBE_POLICY": "Admins"}).subscribe_policy == "admins"
    with pytest.raises(ConfigError, match="SUBSCRIBE_POLICY must be one of"):
        load_settings({"SUBSCRIBE_POLICY": "everyone"})


def test_channel_creator_may_subscribe_by_default(ask, slack, engine):
    """The person Slack names as the channel's creator may subscribe it (users.info says
    they are no admin, conversations.info that they made it)."""
    assert "Subscribed" in ask(CREATOR, "subscribe ASEAN")
    assert subscription(engine).subscribed_by == CREATOR
    assert slack.calls("users.info")[-1].args["user"] == CREATOR
    assert slack.calls("conversations.info")[-1].args["channel"] == CHANNEL
    slack.assert_no_errors()


@pytest.mark.parametrize("user", [ADMIN, OWNER])
def test_admins_and_owners_may_subscribe_by_default(ask, slack, engine, user):
    """A workspace admin or owner may subscribe any channel, without asking who made it."""
    assert "Subscribed" in ask(user, "subscribe ASEAN")
    assert subscription(engine).subscribed_by == user
    assert slack.calls("conversations.info") == []


def test_plain_member_may_not_subscribe_by_default(ask, engine):
    """A member who did not create the channel is told who may subscribe it; nothing saved."""
    answer = ask(MEMBER, "subscribe ASEAN")
    assert "Sorry, only workspace admins and owners, or the person who created" in answer
    assert subscription(engine) is None


@pytest.mark.parametrize("policy", ["admins", "creators", "members"])
def test_guests_may_never_subscribe(app_under, slack, engine, policy):
    """Multi- and single-channel guests, even one who created the channel, are refused
    under every policy."""
    slack.set_channel(CHANNEL, creator=GUEST_CREATOR)
    ask = app_under(policy)
    for user in (GUEST, SINGLE_GUEST, GUEST_CREATOR):
        assert "Guests can't subscribe" in ask(user, "subscribe ASEAN")
    assert subscription(engine) is None


def test_admins_policy_refuses_the_channel_creator(app_under, engine):
    """With SUBSCRIBE_POLICY=admins only admins and owners subscribe, not the creator."""
    ask = app_under("admins")
    answer = ask(CREATOR, "subscribe ASEAN")
    assert "Sorry, only workspace admins and owners can subscribe" in answer
    assert subscription(engine) is None
    assert "Subscribed" in ask(ADMIN, "subscribe ASEAN")


def test_members_policy_lets_any_full_member_subscribe(app_under, slack, engine):
    """With SUBSCRIBE_POLICY=members any full member subscribes, without conversations.info."""
    ask = app_under("members")
    assert "Subscribed" in ask(MEMBER, "subscribe ASEAN")
    assert slack.calls("conversations.info") == []


def test_channel_creator_may_add_feeds_to_an_admins_subscription(ask, engine):
    """Feeds follow the policy: the creator may edit the feeds of a channel an admin
    subscribed; a plain member may not."""
    subscribe(engine, subscribed_by=ADMIN)
    assert "Sorry" in ask(MEMBER, f"feeds add {FEED}")
    assert feeds(engine) == ""
    assert "1 feed" in ask(CREATOR, f"feeds add {FEED}")
    assert FEED in feeds(engine)


def test_subscriber_outside_the_policy_may_not_add_feeds(ask, engine):
    """Someone who subscribed before the policy (neither admin nor creator) keeps the other
    settings but may no longer add feeds."""
    subscribe(engine, subscribed_by=MEMBER)
    assert "Sorry, only workspace admins and owners, or the person who created" in ask(
        MEMBER, f"feeds add {FEED}"
    )
    assert feeds(engine) == ""
    assert "09:00" in ask(MEMBER, "time 09:00")


def test_guest_subscriber_may_not_add_feeds(app_under, engine):
    """A guest who subscribed a channel before the policy may not add feeds, even under
    `members`."""
    ask = app_under("members")
    subscribe(engine, subscribed_by=GUEST)
    assert "Guests can't" in ask(GUEST, f"feeds add {FEED}")
    assert feeds(engine) == ""


def test_members_policy_still_keeps_feeds_to_the_subscriber_and_admins(app_under, engine):
    """Under `members` feeds stay with the channel's subscriber, its creator and admins."""
    ask = app_under("members")
    subscribe(engine, subscribed_by=CREATOR)
    assert "Sorry" in ask(MEMBER, f"feeds add {FEED}")
    assert "1 feed" in ask(CREATOR, f"feeds add {FEED}")


@pytest.mark.parametrize("method", ["users.info", "conversations.info"])
def test_slack_failing_to_say_who_someone_is_refuses_kindly(ask, slack, engine, method):
    """When users.info or conversations.info fails the subscription is refused with a
    try-again answer, never a traceback."""
    slack.fail(method, status=500, times=None)
    assert "couldn't check with Slack" in ask(CREATOR, "subscribe ASEAN")
    assert subscription(engine) is None


def test_private_channel_creator_is_found_too(ask, slack, engine):
    """conversations.info names a private channel's creator as well (groups:read)."""
    slack.set_channel(CHANNEL, is_private=True)
    assert "Subscribed" in ask(CREATOR, "subscribe ASEAN")
