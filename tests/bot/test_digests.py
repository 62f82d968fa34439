"""Posting channel digests to the fake Slack: exactly once, in threads, through faults."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import Session, select

from bot.app import web_client
from jobs.digests import DigestTarget, deliver_digest
from jobs.scheduler import catch_up
from storage.claims import DIGEST_LEASE, claim_digest, mark_digest_posting
from storage.models import DigestPost
from storage.reads import active_subscriptions
from tests.bot.conftest import CHANNEL, subscribe
from tests.fakes import TEAM_ID

pytestmark = pytest.mark.slow

NOW = datetime(2023, 7, 15, 8, 0, tzinfo=UTC)
TARGET = DigestTarget(team_id=TEAM_ID, channel_id=CHANNEL)


def deliver(settings, engine, *, retries: int = 0, now=NOW, day=date(2023, 7, 15), client=None):
    """Deliver TARGET's digest for `day` once, through `client` or a new one with `retries`."""
    if client is None:
        client = web_client(settings, retries=retries)
    return deliver_digest(
        TARGET, engine=engine, client=client, digest_date=day, now=now, sleep=lambda _: None
    )


def poster(settings, engine):
    """A scheduler `deliver` callback: the digest for the fire time's date, through one client."""
    client = web_client(settings)

    def post(subscription, fire_time):
        return deliver(settings, engine, day=fire_time.date(), client=client)

    return post


def subscribe_jakarta(engine) -> None:
    subscribe(engine, digest_time="14:30", timezone="Asia/Jakarta")


def digests(slack) -> list:
    """The channel's top-level messages, not thread replies: one per digest posted."""
    return [m for m in slack.messages(CHANNEL) if not m.is_reply]


def test_digest_is_posted_once_with_its_statements(slack, settings, engine, reference_ingested):
    """The first delivery posts the digest; a second delivery for the same date posts nothing."""
    first = deliver(settings, engine)
    second = deliver(settings, engine)
    assert (first.outcome, second.outcome) == ("posted", "already-claimed")
    parents = digests(slack)
    assert len(parents) == 1
    assert "Sergei Lavrov" in str(parents[0].blocks)
    assert parents[0].text
    assert not any(m.reply_broadcast for m in slack.messages(CHANNEL))
    slack.assert_no_errors()


def test_next_digest_covers_only_what_came_since(slack, settings, engine, reference_ingested):
    """The day after, nothing new was ingested, so the digest says so."""
    deliver(settings, engine)
    later = deliver(settings, engine, now=NOW + timedelta(days=1), day=date(2023, 7, 16))
    assert later.outcome == "posted"
    assert "No new statements" in slack.messages(CHANNEL)[-1].text


def test_rate_limited_post_is_retried_and_posted_once(slack, settings, engine, reference_ingested):
    """A 429 with Retry-After is waited out and the digest arrives exactly once."""
    slack.fail("chat.postMessage", status=429, retry_after=1, times=1)
    result = deliver(settings, engine, retries=2)
    assert result.outcome == "posted"
    assert len(digests(slack)) == 1
    assert [c.status for c in slack.calls("chat.postMessage")][:2] == [429, 200]


def test_failed_post_is_retried_later_once(slack, settings, engine, reference_ingested):
    """After a 500 the claim is released; the next attempt posts, and only once."""
    slack.fail("chat.postMessage", status=500, times=1)
    assert deliver(settings, engine).outcome == "failed"
    assert deliver(settings, engine).outcome == "posted"
    assert deliver(settings, engine).outcome == "already-claimed"
    assert len(digests(slack)) == 1


def test_channel_the_bot_left_is_reported_not_retried(slack, settings, engine, reference_ingested):
    """not_in_channel is recorded on the subscription as a permanent error."""
    subscribe(engine)
    slack.set_channel(CHANNEL, is_member=False)
    assert deliver(settings, engine).outcome == "unreachable"
    with Session(engine) as session:
        [subscription] = active_subscriptions(session=session)
    assert "not_in_channel" in subscription.last_error


def test_missed_digest_is_posted_once_by_two_schedulers(
    slack, settings, engine, reference_ingested
):
    """After an outage, two scheduler processes catching up post the missed digest once."""
    subscribe_jakarta(engine)
    post = poster(settings, engine)
    # 14:30 in Jakarta is 07:30 UTC; the schedulers come back at 08:00 UTC.
    first = catch_up(engine=engine, deliver=post, now=NOW)
    second = catch_up(engine=engine, deliver=post, now=NOW)
    assert [r.outcome for r in first] == ["posted"]
    assert second == []  # the posted claim is seen; nothing is even attempted
    assert len(digests(slack)) == 1


def test_digest_that_failed_is_posted_by_a_later_minute(
    slack, settings, engine, reference_ingested
):
    """Slack fails at digest time; the next minute's catch-up posts it, once."""
    subscribe_jakarta(engine)
    slack.fail("chat.postMessage", status=500, times=2)  # outlasts the client's one retry
    post = poster(settings, engine)
    assert [r.outcome for r in catch_up(engine=engine, deliver=post, now=NOW)] == ["failed"]
    later = NOW + timedelta(minutes=1)
    assert [r.outcome for r in catch_up(engine=engine, deliver=post, now=later)] == ["posted"]
    assert catch_up(engine=engine, deliver=post, now=later + timedelta(minutes=1)) == []
    assert len(digests(slack)) == 1


def test_unreachable_channel_is_not_retried(slack, settings, engine, reference_ingested):
    """After not_in_channel, later minutes do not try the channel again."""
    subscribe_jakarta(engine)
    slack.set_channel(CHANNEL, is_member=False)
    post = poster(settings, engine)
    assert [r.outcome for r in catch_up(engine=engine, deliver=post, now=NOW)] == ["unreachable"]
    assert catch_up(engine=engine, deliver=post, now=NOW + timedelta(minutes=1)) == []


def leave_claim(engine, *, at: datetime, posting: bool, day=date(2023, 7, 15)) -> None:
    """A scheduled claim taken at `at` covering the day before, by a process that then died:
    before asking Slack to post, or (`posting`) after."""
    with Session(engine) as session:
        claim = claim_digest(
            session=session,
            team_id=TEAM_ID,
            channel_id=CHANNEL,
            digest_date=day,
            covers_from=at - timedelta(days=1),
            covers_until=at,
            now=at,
        )
        if posting:
            assert mark_digest_posting(
                session=session, claim_id=claim.id, lease_until=claim.lease_until, now=at
            )
        session.commit()


def claim_status(engine) -> str:
    with Session(engine) as session:
        return session.exec(select(DigestPost.status)).one()


def test_claim_left_claimed_past_its_lease_is_retaken_and_posted_once(
    slack, settings, engine, reference_ingested
):
    """A claim left "claimed" by a process that died is retaken once its lease (DIGEST_LEASE)
    has run out, and posted once."""
    subscribe_jakarta(engine)
    taken = NOW - DIGEST_LEASE - timedelta(minutes=1)
    leave_claim(engine, at=taken, posting=False)
    still_leased = deliver(settings, engine, now=taken + DIGEST_LEASE - timedelta(seconds=1))
    assert still_leased.outcome == "already-claimed"
    post = poster(settings, engine)
    assert [r.outcome for r in catch_up(engine=engine, deliver=post, now=NOW)] == ["posted"]
    assert catch_up(engine=engine, deliver=post, now=NOW + timedelta(minutes=1)) == []
    assert len(digests(slack)) == 1
    assert claim_status(engine) == "posted"


def test_claim_left_posting_past_its_lease_is_flagged_uncertain_not_reposted(
    slack, settings, engine, reference_ingested
):
    """A process that died after asking Slack to post leaves "posting": once its lease ran out
    the claim is "uncertain" (Slack may show the digest) and it is never posted again."""
    subscribe_jakarta(engine)
    leave_claim(engine, at=NOW - timedelta(minutes=5), posting=True)
    post = poster(settings, engine)
    assert catch_up(engine=engine, deliver=post, now=NOW) == []
    assert claim_status(engine) == "posting"  # its lease still runs: the poster may be alive
    later = NOW - timedelta(minutes=5) + DIGEST_LEASE + timedelta(seconds=1)
    assert catch_up(engine=engine, deliver=post, now=later) == []
    assert claim_status(engine) == "uncertain"
    assert catch_up(engine=engine, deliver=post, now=later + timedelta(minutes=1)) == []
    assert slack.messages(CHANNEL) == []


def test_after_an_uncertain_digest_now_covers_its_window_and_the_next_starts_after_it(
    slack, settings, engine, reference_ingested
):
    """`/digest now` posts what an uncertain digest covered (the last digest known to be posted
    is older); the next scheduled digest starts where the uncertain one ended, so what Slack
    may already show is not posted twice."""
    leave_claim(engine, at=NOW, posting=True)  # covers the reference article
    catch_up(engine=engine, deliver=poster(settings, engine), now=NOW + DIGEST_LEASE * 2)
    assert claim_status(engine) == "uncertain"
    client = web_client(settings)
    on_demand = deliver_digest(
        TARGET,
        engine=engine,
        client=client,
        digest_date=date(2023, 7, 15),
        now=NOW + timedelta(hours=1),
        slot="now:after-uncertain",
        sleep=lambda _: None,
    )
    assert on_demand.outcome == "posted"
    assert "Sergei Lavrov" in str(digests(slack)[0].blocks)
    next_day = deliver(settings, engine, now=NOW + timedelta(hours=12), day=date(2023, 7, 16))
    assert next_day.outcome == "posted"
    assert "No new statements" in digests(slack)[1].text


def test_digest_now_does_not_move_the_scheduled_digests_window(
    slack, settings, engine, reference_ingested
):
    """A `/digest now` at 07:00 shows the news; the scheduled 08:00 digest still shows it too."""
    client = web_client(settings)
    early = NOW - timedelta(hours=1)
    now_slot = deliver_digest(
        TARGET,
        engine=engine,
        client=client,
        digest_date=date(2023, 7, 15),
        now=early,
        slot="now:one",
        sleep=lambda _: None,
    )
    scheduled = deliver(settings, engine, client=client)
    assert (now_slot.outcome, scheduled.outcome) == ("posted", "posted")
    first, second = digests(slack)
    assert "Sergei Lavrov" in str(first.blocks) and "Sergei Lavrov" in str(second.blocks)


def test_a_second_digest_now_shows_only_what_is_new_since_the_last_one(
    slack, settings, engine, reference_ingested
):
    """Two `/digest now` in a row: the second has nothing new to show."""
    client = web_client(settings)
    for slot, minutes in (("now:a", 0), ("now:b", 10)):
        deliver_digest(
            TARGET,
            engine=engine,
            client=client,
            digest_date=date(2023, 7, 15),
            now=NOW + timedelta(minutes=minutes),
            slot=slot,
            sleep=lambda _: None,
        )
    assert "No new statements" in digests(slack)[-1].text


def test_a_retried_digest_keeps_the_window_of_its_first_claim(
    slack, settings, engine, extractor, reference_ingested, tmp_path
):
    """A digest retried later covers what its first claim covered; what was found in between
    goes to the next digest, once."""
    from jobs.ingest import ingest_documents
    from jobs.sources import iter_documents

    slack.fail("chat.postMessage", status=500, times=1)
    assert deliver(settings, engine).outcome == "failed"
    article = tmp_path / "later.txt"
    article.write_text(
        "Lakeside talks resume\n\n"
        '"We will reopen the northern crossing before winter," Foreign Minister Ada Brook told '
        "reporters in Lakeside on Saturday, after a night of talks with her neighbours.\n\n"
        "Delegations from twelve countries had gathered at the lakeside hotel for three days "
        "of talks on river rights, fishing quotas and the border crossings that close every "
        "winter.\n",
        encoding="utf-8",
    )
    found = iter_documents([str(article)], fetcher=None, now=NOW + timedelta(hours=1))
    ingest_documents(found, engine=engine, extractor=extractor, now=NOW + timedelta(hours=1))
    assert deliver(settings, engine, now=NOW + timedelta(hours=2)).outcome == "posted"
    deliver(settings, engine, now=NOW + timedelta(days=1), day=date(2023, 7, 16))
    posted = [str(m.blocks) for m in slack.messages(CHANNEL)]
    assert sum("northern crossing" in blocks for blocks in posted) == 1
    assert "northern crossing" not in str(digests(slack)[0].blocks)


def test_two_digest_nows_in_different_minutes_within_the_cooldown_post_once(
    slack, settings, engine, reference_ingested
):
    """Two `/digest now` a second apart, either side of a minute, whose cooldown checks both
    passed before either had claimed: each claims its own minute's slot, and only the one
    that claimed first posts; the other withdraws its claim and says it is being posted."""
    client = web_client(settings)
    asked = NOW - timedelta(seconds=1)
    with Session(engine) as session:  # the first one's claim, taken while it is still posting
        claim_digest(
            session=session,
            team_id=TEAM_ID,
            channel_id=CHANNEL,
            digest_date=date(2023, 7, 15),
            covers_from=None,
            covers_until=asked,
            slot="now:07:59",
            now=asked,
        )
        session.commit()
    second = deliver_digest(
        TARGET,
        engine=engine,
        client=client,
        digest_date=date(2023, 7, 15),
        now=NOW,
        slot="now:08:00",
        sleep=lambda _: None,
        alone_within=timedelta(seconds=60),
    )
    assert second.outcome == "already-claimed"
    assert digests(slack) == []
    with Session(engine) as session:
        slots = session.exec(select(DigestPost.slot)).all()
    assert slots == ["now:07:59"]
