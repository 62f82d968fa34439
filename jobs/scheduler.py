"""APScheduler 3 wiring: the ingest job and one digest job per subscribed channel.

The database, not the scheduler's job store, is the source of truth: jobs live in
memory, are rebuilt from the subscriptions at start-up and refreshed every minute
(so a change made through any web replica reaches the scheduler), and every digest
send is made idempotent by its claim row. Every minute the in-process scheduler also looks
for digests that are due but not posted — their time passed while nothing was running,
or the database or Slack failed at the time — and posts each once, as long as it is
within the grace period. On the job queue that happens at start-up only: a deferred digest
job retries itself, and each channel's cron firing defers its digest. Once a day, apart from
ingest, old claim and de-duplication rows are purged (`storage/retention.py`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from apscheduler.schedulers.base import BaseScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy import Engine
from sqlmodel import Session

from storage.claims import RETRYABLE, flag_lapsed_digests
from storage.reads import active_subscriptions, scheduled_digest_states
from storage.views import SubscriptionView

log = logging.getLogger(__name__)

GRACE = timedelta(hours=2)  # how late a digest may still be posted after an outage
REFRESH_SECONDS = 60
INGEST_JOB = "ingest"
REFRESH_JOB = "refresh-schedules"
PURGE_JOB = "purge"
# Daily, at a quiet hour for most readers; a fixed time of day (not an interval counted from
# start-up) so that frequent restarts cannot keep postponing it.
PURGE_TRIGGER = CronTrigger(hour=3, minute=30, timezone=UTC)

Deliver = Callable[[SubscriptionView, datetime], object]


def digest_job_id(subscription: SubscriptionView) -> str:
    return f"digest:{subscription.team_id}:{subscription.channel_id}"


def digest_trigger(subscription: SubscriptionView) -> CronTrigger:
    """Fire at the channel's time of day, in its time zone, on its weekdays."""
    hour, minute = (int(part) for part in subscription.digest_time.split(":"))
    days = ",".join(subscription.weekdays) or "mon-sun"
    return CronTrigger(
        hour=hour, minute=minute, day_of_week=days, timezone=ZoneInfo(subscription.timezone)
    )


def latest_fire_time(
    subscription: SubscriptionView, *, now: datetime, grace: timedelta = GRACE
) -> datetime | None:
    """The most recent scheduled time in (now - grace, now], or None."""
    trigger = digest_trigger(subscription)
    latest, moment = None, now - grace
    while (fire := trigger.get_next_fire_time(latest, moment)) is not None and fire <= now:
        latest, moment = fire, fire + timedelta(seconds=1)
    return latest


def digest_date(subscription: SubscriptionView, fire_time: datetime):
    """The calendar date of a digest, in the channel's own time zone."""
    return fire_time.astimezone(ZoneInfo(subscription.timezone)).date()


def schedule_all(
    scheduler: BaseScheduler,
    *,
    engine: Engine,
    deliver: Deliver,
    ingest: Callable[[], object] | None = None,
    ingest_every: timedelta = timedelta(hours=1),
    ingest_cron: CronTrigger | None = None,
    refresh_every: timedelta = timedelta(seconds=REFRESH_SECONDS),
    purge: Callable[[], object] | None = None,
    catch_up_each_tick: bool = True,
) -> None:
    """Add the ingest job, the digest jobs, the job that keeps them in step with the database
    and the daily purge.

    Ingest runs every `ingest_every`, or on `ingest_cron` when one is given; `purge` runs
    daily at 03:30 UTC, whether or not ingest succeeds. Without `catch_up_each_tick` (the
    job queue, whose jobs retry themselves) the refresh does not look for due digests.
    """
    if ingest is not None:
        scheduler.add_job(
            ingest,
            ingest_cron or IntervalTrigger(seconds=int(ingest_every.total_seconds())),
            id=INGEST_JOB,
            name="ingest the configured feeds",
            replace_existing=True,
            coalesce=True,
            max_instances=1,
            misfire_grace_time=int(ingest_every.total_seconds()),
        )
    if purge is not None:
        scheduler.add_job(
            purge,
            PURGE_TRIGGER,
            id=PURGE_JOB,
            name="purge old claims, event ids and unread feeds' state",
            replace_existing=True,
            coalesce=True,
            max_instances=1,
            misfire_grace_time=int(timedelta(hours=6).total_seconds()),
        )
    scheduler.add_job(
        refresh,
        IntervalTrigger(seconds=max(int(refresh_every.total_seconds()), 1)),
        kwargs={
            "scheduler": scheduler,
            "engine": engine,
            "deliver": deliver,
            "catch_up_each_tick": catch_up_each_tick,
        },
        id=REFRESH_JOB,
        name="refresh digest schedules"
        + (" and post due digests" if catch_up_each_tick else " and flag lapsed claims"),
        replace_existing=True,
        coalesce=True,
        max_instances=1,
    )
    sync_digest_jobs(scheduler=scheduler, engine=engine, deliver=deliver)


def sync_digest_jobs(*, scheduler: BaseScheduler, engine: Engine, deliver: Deliver) -> int:
    """Make the scheduler's digest jobs match the subscriptions table; return how many."""
    with Session(engine) as session:
        subscriptions = active_subscriptions(session=session)
    wanted = {digest_job_id(s): s for s in subscriptions}
    for job in scheduler.get_jobs():
        if job.id.startswith("digest:") and job.id not in wanted:
            job.remove()
    for job_id, subscription in wanted.items():
        existing = scheduler.get_job(job_id)
        if existing is not None and existing.kwargs.get("subscription") == subscription:
            continue
        scheduler.add_job(
            run_digest,
            digest_trigger(subscription),
            kwargs={"subscription": subscription, "deliver": deliver},
            id=job_id,
            name=f"digest for {subscription.channel_id}",
            replace_existing=True,
            coalesce=True,
            max_instances=1,
            misfire_grace_time=int(GRACE.total_seconds()),
        )
    return len(wanted)


def run_digest(
    *, subscription: SubscriptionView, deliver: Deliver, now: datetime | None = None
) -> object:
    """The digest job body: deliver for the scheduled time that is due now."""
    now = now or datetime.now(ZoneInfo(subscription.timezone))
    fire = latest_fire_time(subscription, now=now) or now
    return deliver(subscription, fire)


def refresh(
    *,
    scheduler: BaseScheduler,
    engine: Engine,
    deliver: Deliver,
    now: datetime | None = None,
    catch_up_each_tick: bool = True,
) -> None:
    """The every-minute job: follow the subscriptions table, then post what is due (with
    `catch_up_each_tick`), or only flag the claims whose poster died (`flag_lapsed`).

    A database that is down makes this run fail (and log); the next minute tries again.
    """
    sync_digest_jobs(scheduler=scheduler, engine=engine, deliver=deliver)
    now = now or datetime.now(UTC)
    if catch_up_each_tick:
        catch_up(engine=engine, deliver=deliver, now=now)
    else:
        flag_lapsed(engine=engine, now=now)


def flag_lapsed(*, engine: Engine, now: datetime) -> None:
    """Flag digests left "posting" past their lease as "uncertain" (any date): their poster
    died between sending and recording, so Slack may show them; people decide."""
    with Session(engine) as session:
        for post in flag_lapsed_digests(session=session, now=now):
            log.warning(
                "digest %s for %s may not have been posted (its poster died): uncertain",
                post.digest_date,
                post.channel_id,
            )
        session.commit()


def catch_up(*, engine: Engine, deliver: Deliver, now: datetime) -> list[object]:
    """Post, once, every digest whose time passed within the grace period and that is not
    posted yet: missed while nothing ran, or failed because the database or Slack did.

    Only digests with no claim, a failed one or one left "claimed" past its lease are
    attempted; the claim row decides in the end, so a digest that was posted is never posted
    again. First, digests left "posting" past their lease are flagged "uncertain" (any date).
    """
    flag_lapsed(engine=engine, now=now)
    with Session(engine) as session:
        subscriptions = active_subscriptions(session=session)
        due = {}
        for subscription in subscriptions:
            fire = latest_fire_time(subscription, now=now)
            if fire is not None:
                key = (
                    subscription.team_id,
                    subscription.channel_id,
                    digest_date(subscription, fire),
                )
                due[key] = (subscription, fire)
        states = scheduled_digest_states(session=session, keys=list(due))
    results = []
    for key, (subscription, fire) in due.items():
        status, lease_until = states.get(key, (None, None))
        abandoned = status == "claimed" and lease_until is not None and lease_until < now
        if status is None or status in RETRYABLE or abandoned:
            results.append(deliver(subscription, fire))
    return results
