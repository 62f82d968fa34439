"""Schedules tested by asking triggers for their fire times with an injected clock — no sleeping."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from apscheduler.schedulers.background import BackgroundScheduler
from sqlmodel import Session

from jobs.scheduler import (
    GRACE,
    REFRESH_JOB,
    digest_date,
    digest_job_id,
    digest_trigger,
    latest_fire_time,
    run_digest,
    schedule_all,
    sync_digest_jobs,
)
from storage.subscriptions import subscribe_channel
from storage.views import SubscriptionView

JAKARTA = ZoneInfo("Asia/Jakarta")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")


def subscription(**changes) -> SubscriptionView:
    values = dict(
        team_id="T1",
        channel_id="C1",
        digest_time="07:30",
        timezone="Asia/Jakarta",
        weekdays=WEEKDAYS,
    )
    values.update(changes)
    return SubscriptionView(**values)


def test_digest_fires_at_local_time_in_the_channel_zone():
    """07:30 in Jakarta is 00:30 UTC; the next fire after Friday 01:00 UTC is Monday 07:30 local."""
    trigger = digest_trigger(subscription())
    friday = datetime(2023, 7, 14, 1, 0, tzinfo=UTC)  # Friday 08:00 in Jakarta
    fire = trigger.get_next_fire_time(None, friday)
    assert fire == datetime(2023, 7, 17, 7, 30, tzinfo=JAKARTA)
    assert fire.astimezone(UTC).hour == 0


def test_weekend_is_skipped_for_weekday_channels():
    """A mon-fri channel has no digest on Saturday or Sunday."""
    trigger = digest_trigger(subscription())
    saturday = datetime(2023, 7, 15, 0, 0, tzinfo=JAKARTA)
    assert trigger.get_next_fire_time(None, saturday).weekday() == 0


def test_dst_change_keeps_the_local_time():
    """Across Europe's spring-forward, 07:30 Brussels stays 07:30 local (06:30 → 05:30 UTC)."""
    brussels = subscription(timezone="Europe/Brussels", weekdays=())
    trigger = digest_trigger(brussels)
    before = trigger.get_next_fire_time(None, datetime(2024, 3, 30, 0, 0, tzinfo=UTC))
    after = trigger.get_next_fire_time(None, datetime(2024, 3, 31, 0, 0, tzinfo=UTC))
    assert (before.astimezone(UTC).hour, after.astimezone(UTC).hour) == (6, 5)


def test_latest_fire_time_inside_the_grace_period():
    """Coming back 40 minutes after 07:30 finds the missed 07:30 digest; 3 hours later does not."""
    missed = datetime(2023, 7, 14, 7, 30, tzinfo=JAKARTA)
    assert latest_fire_time(subscription(), now=missed + timedelta(minutes=40)) == missed
    assert latest_fire_time(subscription(), now=missed + GRACE + timedelta(minutes=1)) is None


def test_digest_date_is_the_local_date():
    """A digest that fires 00:30 UTC is dated by the channel's calendar (Jakarta), not UTC."""
    fire = datetime(2023, 7, 14, 0, 30, tzinfo=UTC)
    assert str(digest_date(subscription(), fire)) == "2023-07-14"


def test_run_digest_passes_the_scheduled_time():
    """A job that runs late still delivers for its scheduled time, not for "now"."""
    seen = []
    now = datetime(2023, 7, 14, 7, 31, 5, tzinfo=JAKARTA)
    run_digest(subscription=subscription(), deliver=lambda s, fire: seen.append(fire), now=now)
    assert seen == [datetime(2023, 7, 14, 7, 30, tzinfo=JAKARTA)]


def test_jobs_are_rebuilt_from_the_database(engine):
    """Each subscription becomes one job with an explicit id and safe options; removals follow."""
    with Session(engine) as session:
        subscribe_channel(
            session=session,
            team_id="T1",
            channel_id="C1",
            digest_time="07:30",
            timezone="Asia/Jakarta",
        )
        subscribe_channel(
            session=session,
            team_id="T1",
            channel_id="C2",
            digest_time="18:00",
            timezone="Europe/Brussels",
        )
        session.commit()
    scheduler = BackgroundScheduler(timezone=UTC)
    schedule_all(scheduler, engine=engine, deliver=lambda s, f: None, ingest=lambda: None)
    jobs = {job.id: job for job in scheduler.get_jobs()}
    assert set(jobs) == {"ingest", REFRESH_JOB, "digest:T1:C1", "digest:T1:C2"}
    job = jobs["digest:T1:C1"]
    assert (job.coalesce, job.max_instances, job.misfire_grace_time) == (True, 1, GRACE.seconds)
    with Session(engine) as session:
        from storage.models import Subscription

        row = session.get(Subscription, 2)
        row.paused = True
        session.add(row)
        session.commit()
    assert sync_digest_jobs(scheduler=scheduler, engine=engine, deliver=lambda s, f: None) == 1
    assert {j.id for j in scheduler.get_jobs()} == {"ingest", REFRESH_JOB, "digest:T1:C1"}


def test_job_ids_name_team_and_channel():
    """Job ids are stable and unique per workspace channel."""
    assert digest_job_id(subscription()) == "digest:T1:C1"


def test_ingest_can_run_on_a_crontab(engine):
    """With a cron trigger the ingest job fires on it (e.g. half-hourly from 05:00) instead."""
    from apscheduler.triggers.cron import CronTrigger

    scheduler = BackgroundScheduler(timezone=UTC)
    cron = CronTrigger.from_crontab("*/30 5-22 * * *", timezone=JAKARTA)
    schedule_all(
        scheduler, engine=engine, deliver=lambda s, f: None, ingest=lambda: None, ingest_cron=cron
    )
    trigger = scheduler.get_job("ingest").trigger
    night = datetime(2023, 7, 14, 23, 10, tzinfo=JAKARTA)
    assert trigger.get_next_fire_time(None, night) == datetime(2023, 7, 15, 5, 0, tzinfo=JAKARTA)


def test_the_purge_job_runs_daily_on_its_own(engine):
    """The purge has its own daily job at 03:30 UTC, apart from ingest, and runs once at a time."""
    from jobs.scheduler import PURGE_JOB

    scheduler = BackgroundScheduler(timezone=UTC)
    schedule_all(
        scheduler, engine=engine, deliver=lambda s, f: None, ingest=lambda: None, purge=lambda: None
    )
    job = scheduler.get_job(PURGE_JOB)
    assert (job.coalesce, job.max_instances) == (True, 1)
    evening = datetime(2026, 6, 1, 18, 0, tzinfo=UTC)
    fire = job.trigger.get_next_fire_time(None, evening)
    assert fire == datetime(2026, 6, 2, 3, 30, tzinfo=UTC)
    assert job.trigger.get_next_fire_time(fire, fire + timedelta(seconds=1)) == fire + timedelta(
        days=1
    )


def test_without_catch_up_ticks_the_refresh_only_follows_the_table(engine):
    """On the job queue the minute's refresh re-reads the subscriptions but scans for no due
    digest (each channel's own cron firing defers it; start-up catches up); in process it
    also posts a due digest nobody posted."""
    from jobs.scheduler import refresh

    due = (datetime.now(UTC) - timedelta(minutes=5)).strftime("%H:%M")
    with Session(engine) as session:
        subscribe_channel(
            session=session, team_id="T1", channel_id="C1", digest_time=due, timezone="UTC"
        )
        session.commit()
    for catch_up_each_tick, expected in ((False, []), (True, ["C1"])):
        delivered = []
        scheduler = BackgroundScheduler(timezone=UTC)
        deliver = lambda s, fire, delivered=delivered: delivered.append(s.channel_id)  # noqa: E731
        refresh(
            scheduler=scheduler,
            engine=engine,
            deliver=deliver,
            catch_up_each_tick=catch_up_each_tick,
        )
        assert [job.id for job in scheduler.get_jobs()] == ["digest:T1:C1"]
        assert delivered == expected
