"""/digest through signed HTTP requests into the real app: settings, permissions, now, status."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, select

from jobs.scheduler import catch_up, digest_trigger
from storage.articles import ArticleRecord, store_article
from storage.claims import DIGEST_LEASE, claim_digest, mark_digest_posting
from storage.models import DigestPost, Subscription
from storage.reads import active_subscriptions
from storage.subscriptions import subscribe_channel
from tests.bot.conftest import CHANNEL
from tests.fakes import TEAM_ID

OWNER = "U0READER01"  # SlackSender's default user
OTHER = "U0OTHER001"
ADMIN = "U0ADMIN001"


def digest(slack, sender, text: str, name: str, *, user_id: str = OWNER) -> dict:
    """Send `/digest text` and return the first reply posted to its response_url."""
    response = sender.command(
        "/digest", text, response_url=slack.response_url(name), user_id=user_id
    )
    assert response.status_code == 200
    return slack.wait_for(lambda call: call.name == name)[0].args


def row(engine) -> Subscription | None:
    with Session(engine) as session:
        return session.exec(select(Subscription)).first()


def subscribe(engine, *, by: str | None = OWNER, **changes) -> None:
    with Session(engine) as session:
        subscription = subscribe_channel(
            session=session,
            team_id=TEAM_ID,
            channel_id=CHANNEL,
            digest_time="07:30",
            timezone="UTC",
            subscribed_by=by,
        )
        for key, value in changes.items():
            setattr(subscription, key, value)
        session.add(subscription)
        session.commit()


def owner_created_the_channel(slack) -> None:
    """OWNER made CHANNEL, so may subscribe it and edit its feeds (SUBSCRIBE_POLICY=creators)."""
    slack.add_user(OWNER)
    slack.set_channel(CHANNEL, creator=OWNER)


def test_subscribe_creates_the_channel_subscription_with_defaults(slack, sender, engine):
    """`subscribe NAME` records the channel, the name as keyword, 07:30 UTC and the subscriber."""
    owner_created_the_channel(slack)
    body = digest(slack, sender, "subscribe ASEAN Regional Forum", "r1")
    assert body["response_type"] == "ephemeral"
    assert "Subscribed" in str(body["blocks"]) and "ASEAN Regional Forum" in str(body["blocks"])
    saved = row(engine)
    assert (saved.team_id, saved.channel_id, saved.subscribed_by) == (TEAM_ID, CHANNEL, OWNER)
    assert (saved.name, saved.keywords) == ("ASEAN Regional Forum", "ASEAN Regional Forum")
    assert (saved.digest_time, saved.timezone, saved.paused) == ("07:30", "UTC", False)
    slack.assert_no_errors()


def test_time_change_reaches_the_scheduler_trigger(slack, sender, engine):
    """After `time 09:00 Europe/Brussels` the schedule fires at 09:00 Brussels time (07:00 UTC)."""
    subscribe(engine)
    body = digest(slack, sender, "time 09:00 europe/brussels", "r1")
    assert "09:00 Europe/Brussels" in str(body["blocks"])
    with Session(engine) as session:
        [schedule] = active_subscriptions(session=session)
    trigger = digest_trigger(schedule)
    now = datetime(2023, 7, 15, 6, 0, tzinfo=UTC)
    assert trigger.get_next_fire_time(None, now) == datetime(2023, 7, 15, 7, 0, tzinfo=UTC)
    winter = datetime(2023, 12, 15, 9, 0, tzinfo=UTC)  # CET: 09:00 is 08:00 UTC, next day
    assert trigger.get_next_fire_time(None, winter) == datetime(2023, 12, 16, 8, 0, tzinfo=UTC)


def test_days_pause_resume_format_and_keywords(slack, sender, engine):
    """Each settings subcommand changes exactly its column."""
    subscribe(engine)
    digest(slack, sender, "days mon-fri", "r1")
    assert row(engine).weekdays == "mon,tue,wed,thu,fri"
    digest(slack, sender, "format detailed", "r2")
    assert row(engine).format == "detailed"
    body = digest(slack, sender, "pause", "r3")
    assert row(engine).paused is True and "none while paused" in str(body["blocks"])
    with Session(engine) as session:
        assert active_subscriptions(session=session) == []
    digest(slack, sender, "resume", "r4")
    assert row(engine).paused is False
    digest(slack, sender, "subscribe Lavrov, North Korea", "r5")
    assert (row(engine).keywords, row(engine).name) == ("Lavrov,North Korea", None)
    assert row(engine).digest_time == "07:30"  # re-subscribing keeps the schedule


def test_unsubscribe_removes_the_subscription(slack, sender, engine):
    """`unsubscribe` deletes the channel's subscription; status then says there is none."""
    subscribe(engine)
    assert "Unsubscribed" in str(digest(slack, sender, "unsubscribe", "r1")["blocks"])
    assert row(engine) is None
    assert "no Summit Digest" in str(digest(slack, sender, "status", "r2")["blocks"])


def test_changes_need_a_subscription_first(slack, sender, engine):
    """`time` in a channel without a digest explains how to subscribe."""
    body = digest(slack, sender, "time 09:00", "r1")
    assert "/digest subscribe" in str(body["blocks"]) and row(engine) is None


def test_non_admin_non_subscriber_is_refused_kindly(slack, sender, engine):
    """Someone who is neither admin nor subscriber gets a kind no, and nothing changes."""
    subscribe(engine)
    slack.add_user(OTHER, name="someone")
    body = digest(slack, sender, "time 10:00", "r1", user_id=OTHER)
    text = str(body["blocks"])
    assert "Sorry, only workspace admins and owners" in text and f"<@{OWNER}>" in text
    assert row(engine).digest_time == "07:30"
    assert body["response_type"] == "ephemeral"


def test_admin_may_change_someone_elses_subscription(slack, sender, engine):
    """A workspace admin (users.info is_admin) may change a channel someone else subscribed."""
    subscribe(engine)
    slack.add_user(ADMIN, is_admin=True)
    digest(slack, sender, "days weekends", "r1", user_id=ADMIN)
    assert row(engine).weekdays == "sat,sun"
    assert slack.calls("users.info")[0].args["user"] == ADMIN


def test_users_info_failure_refuses_without_a_traceback(slack, sender, engine):
    """When users.info fails, the change is refused with a try-again message, never an error."""
    subscribe(engine, by=None)
    slack.fail("users.info", status=500, times=None)
    body = digest(slack, sender, "pause", "r1", user_id=OTHER)
    assert "couldn't check with Slack" in str(body["blocks"])
    assert row(engine).paused is False


def test_members_may_read_status_and_help(slack, sender, engine):
    """`status` and `help` work for anyone, without a permission check."""
    subscribe(engine)
    assert "Next digest" in str(digest(slack, sender, "status", "r1", user_id=OTHER)["blocks"])
    assert "/digest now" in str(digest(slack, sender, "help", "r2", user_id=OTHER)["blocks"])
    assert slack.calls("users.info") == []


def test_status_shows_schedule_next_time_and_last_error(slack, sender, engine):
    """status lists keywords, time, zone, days, the next digest time and a recorded error."""
    subscribe(
        engine,
        keywords="Lavrov",
        timezone="Asia/Jakarta",
        digest_time="14:30",
        weekdays="mon,wed,fri",
        last_error="Slack said not_in_channel",
        feeds="https://news.example.com/feed.xml",
    )
    text = str(digest(slack, sender, "status", "r1")["blocks"])
    assert "14:30 Asia/Jakarta, Mon, Wed, Fri" in text
    assert "14:30 WIB (<!date^" in text  # the next digest, in the channel's zone
    assert "not_in_channel" in text and "/invite @Summit Digest" in text
    assert "https://news.example.com/feed.xml" in text and "`Lavrov`" in text


def test_status_says_the_digest_is_the_operators_feeds_plus_the_channels_own(slack, sender, engine):
    """status says where the digest's articles come from (the operator's feeds plus this
    channel's own, never "everything the workspace ingests") and whether keywords filter it."""
    subscribe(engine)
    text = str(digest(slack, sender, "status", "r1")["blocks"])
    assert "the operator's feeds (this channel adds none of its own), all of it" in text
    assert "everything the workspace" not in text
    with Session(engine) as session:
        found = session.exec(select(Subscription)).one()
        found.feeds, found.keywords = '["https://news.example.com/feed.xml"]', "Lavrov"
        session.add(found)
        session.commit()
    text = str(digest(slack, sender, "status", "r2")["blocks"])
    assert (
        "the operator's feeds plus this channel's own: https://news.example.com/feed.xml, "
        "filtered by the keywords above" in text
    )


def test_status_shows_a_digest_that_may_not_have_been_posted(slack, sender, engine):
    """A claim left "posting" past its lease is flagged "uncertain" by the scheduler's minute,
    and status says that digest may not have been posted and what `/digest now` does about it."""
    subscribe(engine)
    at = datetime.now(UTC) - DIGEST_LEASE - timedelta(minutes=1)
    with Session(engine) as session:
        claim = claim_digest(
            session=session,
            team_id=TEAM_ID,
            channel_id=CHANNEL,
            digest_date=at.date(),
            covers_from=at - timedelta(hours=1),  # since the digest before it
            covers_until=at,
            now=at,
        )
        mark_digest_posting(
            session=session, claim_id=claim.id, lease_until=claim.lease_until, now=at
        )
        session.commit()
    catch_up(engine=engine, deliver=lambda *_: pytest.fail("re-posted"), now=datetime.now(UTC))
    with Session(engine) as session:
        assert session.exec(select(DigestPost.status)).one() == "uncertain"
    text = str(digest(slack, sender, "status", "r1")["blocks"])
    assert f"digest of {at:%a %d %b %Y} may not have been posted" in text
    assert "`/digest now` posts what it covered" in text
    assert slack.calls("chat.postMessage") == []


def test_digest_now_posts_exactly_one_digest_after_the_response(slack, sender, engine):
    """`now` answers at once, then a job posts one digest to the channel with its own claim;
    a re-submit is told at once that one went out moments ago."""
    with Session(engine) as session:
        store_article(
            session=session,
            article=ArticleRecord(
                canonical_url="https://news.example.com/a",
                source="https://news.example.com/a",
                content_hash="h",
                status="ok",
                text="text",
                title="Talks",
            ),
            extractor_version="test",
        )
        session.commit()
    slack.fail("chat.postMessage", delay=1.5)  # a slow Slack must not hold the HTTP response
    started = time.monotonic()
    response = sender.command("/digest", "now", response_url=slack.response_url("r1"))
    assert response.status_code == 200 and time.monotonic() - started < 1.0
    slack.wait_for("chat.postMessage", ok=True)
    replies = slack.wait_for(lambda call: call.name == "r1", count=2)
    assert "on its way" in str(replies[0].args["blocks"])
    assert replies[1].args["replace_original"] is True
    assert len([m for m in slack.messages(CHANNEL) if not m.is_reply]) == 1
    assert slack.messages(CHANNEL)[0].text.startswith("Summit Digest")
    sender.command("/digest", "now", response_url=slack.response_url("r2"))  # a re-submit
    assert "moments ago" in str(slack.wait_for(lambda c: c.name == "r2")[0].args)
    assert len(slack.calls("chat.postMessage")) == 1
    slack.assert_no_errors()


def test_digest_now_where_the_bot_is_not_a_member(slack, sender, engine):
    """`now` in a channel the bot is not in explains how to invite it."""
    slack.set_channel(CHANNEL, is_member=False)
    sender.command("/digest", "now", response_url=slack.response_url("r1"))
    replies = slack.wait_for(lambda call: call.name == "r1", count=2)
    assert "/invite @Summit Digest" in str(replies[1].args["blocks"])


def test_unknown_and_malformed_input_lists_the_subcommands(slack, sender, engine):
    """An unknown subcommand or a bad time gets the list of subcommands or an example."""
    assert "/digest status" in str(digest(slack, sender, "frobnicate", "r1")["blocks"])
    subscribe(engine)
    assert "HH:MM" in str(digest(slack, sender, "time 99:99", "r3")["blocks"])


def test_hostile_input_is_escaped_and_within_limits(slack, sender, engine):
    """Broadcasts, mentions, control characters and 40 KB of text are escaped and cut."""
    owner_created_the_channel(slack)
    hostile = "<!channel> <@U0ADMIN> `code` \x00\x07 " + "z" * 40_000
    bodies = [
        digest(slack, sender, hostile, "r1"),
        digest(slack, sender, "subscribe " + hostile, "r2"),
        digest(slack, sender, "status", "r3"),
        digest(slack, sender, "time 09:00 " + hostile[:300], "r4"),
    ]
    for body in bodies:
        text = json.dumps(body)
        assert "<!channel>" not in text and "<@U0ADMIN>" not in text
        assert "\\u0000" not in text and "\\u0007" not in text
        assert len(text) < 12_000
    assert "&lt;!channel&gt;" in json.dumps(bodies[2])
    slack.assert_no_errors()


def test_channel_feeds_are_added_removed_and_ingested_by_the_scheduler(slack, sender, engine):
    """`feeds add` / `feeds remove` edit the channel's own feeds, which scheduled ingest reads."""
    from storage.reads import subscribed_feeds

    owner_created_the_channel(slack)
    subscribe(engine)
    added = digest(
        slack,
        sender,
        "feeds add <https://news.example/rss|news.example/rss> https://wire.example/atom.xml",
        "r1",
    )
    assert "went wrong" not in str(added) and "2 feeds" in str(added["blocks"])
    body = digest(slack, sender, "status", "r2")
    assert "https://news.example/rss" in str(body["blocks"])
    removed = digest(slack, sender, "feeds remove https://wire.example/atom.xml", "r3")
    assert "went wrong" not in str(removed) and "1 feed" in str(removed["blocks"])
    with Session(engine) as session:
        assert subscribed_feeds(session=session) == ["https://news.example/rss"]


@pytest.mark.parametrize(
    "address",
    [
        "/etc/passwd",
        "file:///etc/passwd",
        "http://127.0.0.1:5432/",
        "http://localhost/feed",
        "http://10.0.0.8/rss",
        "http://[::1]/rss",
        "ftp://news.example/rss",
    ],
)
def test_feeds_must_be_public_web_addresses(slack, sender, engine, address):
    """A Slack user cannot point the ingest at local files or private addresses."""
    subscribe(engine)
    body = digest(slack, sender, f"feeds add {address}", "r1")
    assert row(engine).feeds == ""
    assert "feed" in str(body["blocks"]).lower()


def test_feeds_add_past_20_feeds_is_refused_and_counts_every_address(slack, sender, engine):
    """`feeds add` counts each address it is given (commas in them or not): 15, then 6 more
    is refused with the reason and saves none of the 6; 5 more make 20, and a 21st is
    refused."""
    owner_created_the_channel(slack)
    subscribe(engine)
    feeds = [f"https://news{n}.example/rss?tags=summit,talks,{n}" for n in range(21)]

    def add(urls: list[str], name: str) -> str:
        return str(digest(slack, sender, "feeds add " + " ".join(urls), name)["blocks"])

    def stored() -> list[str]:
        return json.loads(row(engine).feeds)

    assert "15 feeds" in add(feeds[:15], "r1") and stored() == feeds[:15]
    refused = add(feeds[15:], "r2")
    assert "at most 20 feeds" in refused and "went wrong" not in refused
    assert stored() == feeds[:15]
    assert "20 feeds" in add(feeds[15:20], "r3") and stored() == feeds[:20]
    assert "at most 20 feeds" in add(feeds[20:], "r4")
    assert stored() == feeds[:20]


def test_two_digest_nows_at_the_same_moment_post_one_digest(slack, settings, engine):
    """`/digest now` twice at once (a double submit reaching two replicas): one digest."""
    import threading

    from bot.app import web_client
    from jobs.digest_now import DigestNow, post_digest_now

    subscribe(engine)
    go = threading.Barrier(4)
    answers: list[str] = []
    asked = datetime.now(UTC)

    def ask() -> None:
        client = web_client(settings)
        go.wait()
        request = DigestNow(TEAM_ID, CHANNEL, requested_at=asked)
        delivery = post_digest_now(request, engine=engine, client=client, min_confidence=0.5)
        answers.append(delivery.outcome if delivery else "too soon")

    threads = [threading.Thread(target=ask) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len([m for m in slack.messages(CHANNEL) if not m.is_reply]) == 1
    assert answers.count("posted") == 1
