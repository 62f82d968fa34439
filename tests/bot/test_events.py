"""DMs, @mentions, App Home and digest buttons: signed events into the real app, answers
recorded by the fake Slack."""

from __future__ import annotations

import json
import time

import pytest
from sqlalchemy import select
from sqlmodel import Session

from storage.models import Follow, Subscription
from storage.reads import speakers_matching
from tests.bot.conftest import CHANNEL, follow, subscribe
from tests.fakes import BOT_USER_ID, TEAM_ID

pytestmark = pytest.mark.slow

USER = "U0READER01"
OTHER_TEAM = "T0ELSEWHERE"


@pytest.fixture
def dm(slack) -> str:
    """The reader exists in the fake and has a DM with the bot."""
    slack.add_user(USER, name="reader")
    return slack.dm_channel(USER)


def dm_event(dm: str, text: str, **extra) -> dict:
    return {
        "type": "message",
        "channel_type": "im",
        "channel": dm,
        "user": USER,
        "text": text,
        "ts": extra.pop("ts", f"{time.time():.6f}"),
        **extra,
    }


def posts_to(slack, channel: str, count: int = 1):
    return slack.wait_for(
        lambda c: c.method == "chat.postMessage" and c.args.get("channel") == channel,
        count=count,
    )


def settle(slack, seconds: float = 0.4) -> None:
    """Give the app's listener threads time to do anything they (wrongly) would."""
    time.sleep(seconds)


def speaker_id(engine, name: str) -> int:
    with Session(engine) as session:
        [match] = speakers_matching(session=session, query=name)
    return match.id


def stored(engine, model) -> list:
    """Every stored row of `model` (Follow, Subscription)."""
    with Session(engine) as session:
        return session.exec(select(model)).scalars().all()


def test_dm_question_is_answered_in_the_dm(slack, sender, dm, reference_ingested):
    """A DM asking what Blinken said about North Korea gets his words in the DM."""
    reply = sender.event(dm_event(dm, "what did Blinken say about North Korea?"), event_id="Ev1")
    assert reply.status_code == 200
    [post] = posts_to(slack, dm)
    assert post.ok
    text = json.dumps(post.args)
    assert "Antony Blinken" in text and "North Korea" in text
    assert "who_said_share" not in text
    slack.assert_no_errors()


def test_retried_event_is_answered_once(slack, sender, dm, reference_ingested):
    """The same event_id delivered again with X-Slack-Retry-Num gets no second answer."""
    event = dm_event(dm, "who disputes Lavrov?")
    sender.event(event, event_id="Ev2")
    posts_to(slack, dm)
    retry = sender.event(event, event_id="Ev2", retry_num=1, retry_reason="http_timeout")
    assert retry.status_code == 200
    settle(slack)
    assert len(slack.messages(dm)) == 1


def test_retry_after_a_failed_first_attempt_is_answered(slack, sender, dm, reference_ingested):
    """When the first answer could not be posted, Slack's retry is answered, not dropped."""
    slack.fail("chat.postMessage", error="fatal_error", times=1)
    event = dm_event(dm, "help")
    sender.event(event, event_id="Ev3")
    slack.wait_for("chat.postMessage", ok=False)
    settle(slack, 0.2)  # the listener records the failure after Slack answers
    sender.event(event, event_id="Ev3", retry_num=1, retry_reason="http_error")
    posts_to(slack, dm, count=2)
    assert len(slack.messages(dm)) == 1


def test_bot_messages_and_edits_are_ignored(slack, sender, dm):
    """Messages from bots and message subtypes (edits, joins) never get an answer."""
    sender.event(dm_event(dm, "help", bot_id="B0OTHER"), event_id="Ev4")
    sender.event(dm_event(dm, "help", subtype="message_changed"), event_id="Ev5")
    sender.event(dm_event(dm, "help"), event_id="Ev6")  # the only one answered
    posts_to(slack, dm)
    settle(slack)
    assert len(slack.messages(dm)) == 1


def test_mention_is_answered_in_its_thread_without_broadcast(slack, sender, reference_ingested):
    """An @mention inside a thread is answered in that thread, never broadcast."""
    event = {
        "type": "app_mention",
        "channel": CHANNEL,
        "user": USER,
        "text": f"<@{BOT_USER_ID}> who said what about Ukraine?",
        "ts": "1700000000.000200",
        "thread_ts": "1700000000.000100",
    }
    sender.event(event, event_id="Ev7")
    [post] = posts_to(slack, CHANNEL)
    assert post.args["thread_ts"] == "1700000000.000100"
    [message] = slack.messages(CHANNEL)
    assert message.is_reply and not message.reply_broadcast
    assert "Ukraine" in json.dumps(message.blocks)
    slack.assert_no_errors()


def test_mention_outside_a_thread_starts_one(slack, sender):
    """A top-level @mention is answered in a thread under it."""
    event = {
        "type": "app_mention",
        "channel": CHANNEL,
        "user": USER,
        "text": f"<@{BOT_USER_ID}> help",
        "ts": "1700000000.000300",
    }
    sender.event(event, event_id="Ev8")
    [post] = posts_to(slack, CHANNEL)
    assert post.args["thread_ts"] == "1700000000.000300"


def test_follow_and_unfollow_in_a_dm(slack, sender, dm, engine, reference_ingested):
    """Follow and unfollow in a DM store and remove a follow for this workspace and user."""
    sender.event(dm_event(dm, "follow Lavrov"), event_id="Ev9")
    [post] = posts_to(slack, dm)
    assert "You now follow" in post.args["text"]
    [row] = stored(engine, Follow)
    assert (row.team_id, row.user_id) == (TEAM_ID, USER)
    sender.event(dm_event(dm, "unfollow Lavrov"), event_id="Ev10")
    posts = posts_to(slack, dm, count=2)
    assert "no longer follow" in posts[1].args["text"]
    assert stored(engine, Follow) == []


def test_hostile_dm_is_escaped(slack, sender, dm, reference_ingested):
    """Broadcasts and mentions typed in a DM come back escaped, never live."""
    sender.event(dm_event(dm, "follow <!channel> &lt;!here&gt; *x*"), event_id="Ev11")
    [post] = posts_to(slack, dm)
    text = json.dumps(post.args)
    assert "<!channel>" not in text and "<!here>" not in text
    assert "&lt;!here&gt;" in text
    assert "Traceback" not in text


def test_app_home_shows_this_workspaces_follows_and_channels(
    slack, sender, dm, engine, reference_ingested
):
    """app_home_opened publishes a valid Home view with follows, subscribed channels and
    next digest times; another workspace's data never appears."""
    follow(engine, user_id=USER, speaker_id=speaker_id(engine, "Lavrov"))
    subscribe(engine, timezone="Asia/Jakarta", subscribed_by=USER)
    subscribe(
        engine, team_id=OTHER_TEAM, channel_id="C0SECRET99", digest_time="09:00", subscribed_by=USER
    )
    sender.event({"type": "app_home_opened", "user": USER, "tab": "home"}, event_id="Ev12")
    slack.wait_for("views.publish", ok=True)
    view = json.dumps(slack.home_view(USER))
    assert "Sergei Lavrov" in view and "home_unfollow" in view
    assert f"<#{CHANNEL}>" in view and "next digest" in view and "home_pause" in view
    assert "C0SECRET99" not in view
    slack.assert_no_errors()


def test_home_buttons_unfollow_and_pause(slack, sender, dm, engine, reference_ingested):
    """The Home tab's Unfollow and Pause buttons change the data and republish the view."""
    lavrov = speaker_id(engine, "Lavrov")
    follow(engine, user_id=USER, speaker_id=lavrov)
    subscribe(engine, subscribed_by=USER)
    home = {"type": "view", "view_id": "V0HOME0001"}
    sender.button("home_unfollow", str(lavrov), response_url="", container=home)
    sender.button("home_pause", CHANNEL, response_url="", container=home)
    slack.wait_for("views.publish", count=2, ok=True)
    assert stored(engine, Follow) == []
    [subscription] = stored(engine, Subscription)
    assert subscription.paused
    assert "home_resume" in json.dumps(slack.home_view(USER))


def test_digest_buttons_follow_and_more_from(slack, sender, dm, engine, reference_ingested):
    """A digest's Follow button follows; its More-from button DMs the speaker's statements."""
    lavrov = speaker_id(engine, "Lavrov")
    value = json.dumps({"id": lavrov, "n": "Sergei Lavrov"})
    sender.button("digest_follow_0", value, response_url=slack.response_url("f"))
    [note] = slack.wait_for(lambda c: c.name == "f")
    assert note.args["response_type"] == "ephemeral" and "You now follow" in note.args["text"]
    sender.button("digest_more_0", value, response_url=slack.response_url("m"))
    [post] = posts_to(slack, dm)
    assert "gives up its plans to preserve its domination" in json.dumps(post.args)
    slack.wait_for(lambda c: c.name == "m")
    assert len(stored(engine, Follow)) == 1
    slack.assert_no_errors()


def test_mute_this_summit_needs_the_subscriber_or_an_admin(slack, sender, engine):
    """Mute this summit pauses the channel's digest for its subscriber, not for others."""
    slack.add_user("U0STRANGER", name="stranger")
    subscribe(engine, subscribed_by=USER)
    sender.button("digest_mute", "mute", user_id="U0STRANGER", response_url=slack.response_url("s"))
    [refused] = slack.wait_for(lambda c: c.name == "s")
    assert "Only the person who subscribed" in refused.args["text"]
    sender.button("digest_mute", "mute", response_url=slack.response_url("u"))
    [done] = slack.wait_for(lambda c: c.name == "u")
    assert "paused" in done.args["text"]
    [subscription] = stored(engine, Subscription)
    assert subscription.paused


def test_uninstall_removes_only_that_workspaces_data(slack, sender, settings, engine):
    """app_uninstalled (single-workspace mode) removes the team's subscriptions and follows,
    leaves other workspaces alone, and no digest is posted for it afterwards."""
    from datetime import UTC, datetime

    from jobs.scheduler import catch_up
    from storage.articles import ensure_speaker
    from summit.wiring import make_client_for, make_deliver

    with Session(engine) as session:
        lavrov = ensure_speaker(session=session, name="Sergei Lavrov", kind="person").id
        session.commit()
    for team, channel in ((TEAM_ID, CHANNEL), (OTHER_TEAM, "C0SECRET99")):
        subscribe(engine, team_id=team, channel_id=channel)
        follow(engine, team_id=team, user_id=USER, speaker_id=lavrov)
    sender.event({"type": "app_uninstalled"}, event_id="EvGone")
    deadline = time.monotonic() + 5
    while True:
        with Session(engine) as session:
            teams = set(session.exec(select(Subscription.team_id)).scalars())
            followers = set(session.exec(select(Follow.team_id)).scalars())
        if teams == followers == {OTHER_TEAM} or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    assert teams == followers == {OTHER_TEAM}
    deliver = make_deliver(engine=engine, client_for=make_client_for(settings, engine=engine))
    results = catch_up(engine=engine, deliver=deliver, now=datetime(2023, 7, 15, 8, tzinfo=UTC))
    assert len(results) == 1  # only the other workspace's channel is still scheduled
    assert slack.messages(CHANNEL) == []


def test_home_published_last_shows_every_change_made_before_it(
    slack, dm, engine, reference_ingested, monkeypatch
):
    """Two Home publishes racing for one user: the view left in Slack shows both changes."""
    import threading

    from slack_sdk import WebClient

    from bot.listeners.events import home
    from tests.fakes import BOT_TOKEN

    subscribe(engine, subscribed_by=USER)
    first_read, second_done = threading.Event(), threading.Event()
    real_home_data = home.home_data

    def slow_first_read(**kwargs):
        data = real_home_data(**kwargs)
        if not first_read.is_set():
            first_read.set()
            second_done.wait(timeout=2)
        return data

    monkeypatch.setattr(home, "home_data", slow_first_read)
    client = WebClient(base_url=slack.api_url, token=BOT_TOKEN)
    first = threading.Thread(
        target=home.publish_home,
        args=(client,),
        kwargs={"engine": engine, "team_id": TEAM_ID, "user_id": USER},
    )
    first.start()
    assert first_read.wait(timeout=5)
    with Session(engine) as session:
        [row] = session.exec(select(Subscription)).scalars().all()
        row.paused = True
        session.add(row)
        session.commit()
    second = threading.Thread(
        target=home.publish_home,
        args=(client,),
        kwargs={"engine": engine, "team_id": TEAM_ID, "user_id": USER},
    )
    second.start()
    second.join(timeout=0.5)
    second_done.set()
    first.join(timeout=5)
    second.join(timeout=5)
    assert "home_resume" in json.dumps(slack.home_view(USER))


def test_home_buttons_publish_against_the_view_they_were_pressed_on(
    slack, sender, dm, engine, reference_ingested
):
    """A Home button publishes with the view's hash; when another publish came in between
    (hash_conflict), the view is read again and published, so the newest data wins."""
    lavrov = speaker_id(engine, "Lavrov")
    follow(engine, user_id=USER, speaker_id=lavrov)
    subscribe(engine, subscribed_by=USER)
    sender.event({"type": "app_home_opened", "user": USER, "tab": "home"}, event_id="Ev20")
    slack.wait_for("views.publish", ok=True)
    seen = slack.home_view(USER)
    sender.event({"type": "app_home_opened", "user": USER, "tab": "home"}, event_id="Ev21")
    slack.wait_for("views.publish", count=2, ok=True)  # the view changed after it was seen
    home = {"type": "view", "view_id": seen["id"]}
    sender.button("home_pause", CHANNEL, response_url="", container=home, view=seen)
    slack.wait_for("views.publish", count=3, ok=True)
    publishes = [c for c in slack.calls("views.publish")]
    assert publishes[2].args.get("hash") == seen["hash"]
    assert "home_resume" in json.dumps(slack.home_view(USER))
