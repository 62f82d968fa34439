"""An hour of simulated time on the job queue: two schedulers defer due digests, three
workers run them, on one PostgreSQL database, with the fake Slack over real HTTP.

The clock is injected: the schedulers' cron firings and start-up catch-ups (`jobs.scheduler`)
and the workers' lateness check read simulated time, stepped a minute at a time through
07:59–09:01 UTC on a Tuesday. Scheduler A starts late and restarts; scheduler B stops for a
quarter of an hour; for five minutes neither runs, and the digests due then are deferred by
the next start-up's catch-up. Every channel due in the hour must get exactly one digest, and
channels not due none."""

from __future__ import annotations

import asyncio
import threading
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from bot.app import web_client
from jobs.queue import DELIVER_DIGEST, JobQueue, make_queue_app
from jobs.scheduler import catch_up, latest_fire_time, run_digest
from storage.reads import active_subscriptions
from storage.subscriptions import subscribe_channel
from summit.queueing import defer_digest, queue_work
from summit.settings import load_settings
from tests.fakes import BOT_TOKEN, TEAM_ID
from tests.test_faults import database_url, fake_slack, parents

pytestmark = pytest.mark.slow

DAY = date(2026, 6, 9)  # a Tuesday, in summer time (Paris UTC+2, New York UTC-4)
START = datetime(2026, 6, 9, 7, 59, tzinfo=UTC)
STEPS = 63  # minutes: 07:59 … 09:01


def at(hour: int, minute: int) -> datetime:
    return datetime(2026, 6, 9, hour, minute, tzinfo=UTC)


# When each scheduler runs: [start, stop) windows; each start catches up (as `run_scheduler`).
RUNS = {
    "A": ((at(8, 10), at(8, 40)), (at(8, 45), at(9, 2))),
    "B": ((at(7, 59), at(8, 20)), (at(8, 35), at(8, 40))),
}

# channel -> (local time, zone, weekdays, due in the hour?)
CHANNELS = {
    **{f"C0UTC{n:05d}": (f"08:{5 * n:02d}", "UTC", "", True) for n in range(12)},
    **{f"C0PAR{n:05d}": (f"10:{7 + 13 * n:02d}", "Europe/Paris", "", True) for n in range(4)},
    **{f"C0NYC{n:05d}": (f"04:{3 + 14 * n:02d}", "America/New_York", "", True) for n in range(4)},
    "C0MONDAY001": ("08:30", "UTC", "mon", False),  # not on a Tuesday
    "C0LATER0001": ("10:00", "UTC", "", False),  # after the hour
    "C0TOKYO0001": ("17:10", "Asia/Tokyo", "tue", True),  # 08:10 UTC
    "C0TOKYO0002": ("17:10", "Asia/Tokyo", "wed", False),  # Wednesday in Tokyo
}


class SimulatedClock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def subscribe_all(engine: Engine) -> None:
    with Session(engine) as session:
        for channel, (at, zone, days, _) in CHANNELS.items():
            subscribe_channel(
                session=session,
                team_id=TEAM_ID,
                channel_id=channel,
                digest_time=at,
                timezone=zone,
                weekdays=days or "mon,tue,wed,thu,fri,sat,sun",
            )
        session.commit()


def run_workers(url: str, work, clock: SimulatedClock, count: int) -> None:
    """`count` workers at once, each taking jobs until none is left (as `summit worker`
    processes would, competing for the same jobs), with the simulated clock."""
    errors: list[BaseException] = []

    def one() -> None:
        app = make_queue_app(url, pool_size=3)

        async def main() -> None:
            async with app.open_async():
                await app.run_worker_async(
                    concurrency=1,
                    wait=False,
                    additional_context={"work": work, "clock": clock},
                )

        try:
            asyncio.run(main())
        except BaseException as error:  # reported below, in the test's thread
            errors.append(error)

    threads = [threading.Thread(target=one) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors


@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)
def test_two_schedulers_and_three_workers_post_each_channels_digest_once_in_an_hour(engine):
    """An hour of simulated time: each channel due gets exactly one digest, others none, and
    each due digest was one job however often the two schedulers deferred it."""
    subscribe_all(engine)
    url = database_url(engine)
    clock = SimulatedClock(START)
    with fake_slack(list(CHANNELS)) as slack:
        settings = replace(
            load_settings({}),
            database_url=url,
            slack_api_url=slack.api_url,
            slack_bot_token=BOT_TOKEN,
        )
        work = queue_work(settings, engine=engine, client=web_client(settings, retries=3))
        scheduler_a, scheduler_b = JobQueue.open(url), JobQueue.open(url)
        defer_a, defer_b = defer_digest(scheduler_a), defer_digest(scheduler_b)
        try:
            with Session(engine) as session:
                subscriptions = active_subscriptions(session=session)
            for step in range(STEPS):
                clock.now = START + timedelta(minutes=step)
                previous = clock.now - timedelta(minutes=1)
                for name, deliver in (("A", defer_a), ("B", defer_b)):
                    windows = RUNS[name]
                    if not any(start <= clock.now < stop for start, stop in windows):
                        continue
                    if any(start == clock.now for start, _ in windows):  # starting up
                        catch_up(engine=engine, deliver=deliver, now=clock.now)
                    for subscription in subscriptions:  # this minute's cron firings
                        fire = latest_fire_time(subscription, now=clock.now)
                        if fire is not None and previous < fire <= clock.now:
                            run_digest(subscription=subscription, deliver=deliver, now=clock.now)
                run_workers(url, work, clock, count=3)
            jobs = scheduler_a.jobs(task=DELIVER_DIGEST)
        finally:
            scheduler_a.close()
            scheduler_b.close()

        posted = {channel: len(parents(slack, channel)) for channel in CHANNELS}
        expected = {channel: int(due) for channel, (*_, due) in CHANNELS.items()}
        assert posted == expected
        assert sorted(job.status for job in jobs) == ["succeeded"] * sum(expected.values())
        deferred = sorted(job.arguments["channel_id"] for job in jobs)
        assert deferred == sorted(c for c, due in expected.items() if due)
        titles = {m.text.split("\n")[0] for c in CHANNELS for m in parents(slack, c)}
        assert all(DAY.strftime("%a %d %b %Y") in title for title in titles), titles
        slack.assert_no_errors()
