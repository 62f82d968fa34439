"""Wiring for `JOB_QUEUE=procrastinate` (PostgreSQL): the scheduler defers, workers run.

The scheduler is the same APScheduler as in process (per-channel times, IANA zones,
weekdays, the minute's catch-up), given callbacks that defer jobs (`jobs.queue.JobQueue`)
instead of doing the work; `summit worker` runs the jobs with `queue_work`, the same job
functions the in-process scheduler calls.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Engine
from sqlmodel import Session

from jobs.queue import (
    HEARTBEAT_EVERY,
    STALLED_AFTER,
    JobQueue,
    Work,
    make_queue_app,
    retry_stalled,
)
from summit.settings import Settings

if TYPE_CHECKING:
    from summit.wiring import ScheduledWork

log = logging.getLogger(__name__)


def queue_work(settings: Settings, *, engine: Engine, client=None) -> Work:
    """The job functions with their dependencies, as the worker's tasks call them."""
    from summit import wiring

    client_for = wiring.make_client_for(settings, engine=engine, client=client)
    deliver = wiring.make_deliver(
        engine=engine, client_for=client_for, min_confidence=settings.dispute_min_confidence
    )

    def ingest_feed(url: str, worker: str) -> object:
        return ingest_one_feed(settings, engine=engine, url=url, worker=worker)

    def deliver_digest(team_id: str, channel_id: str, fire_time: datetime):
        from storage.reads import subscription_for_channel

        with Session(engine) as session:
            found = subscription_for_channel(
                session=session, team_id=team_id, channel_id=channel_id
            )
        if found is None or found.schedule.paused:
            return None
        return deliver(found.schedule, fire_time)

    def followers_with_news() -> list[tuple[str, str]]:
        from storage.claims import flag_lapsed_alerts
        from storage.reads import followers_with_news as followers

        with Session(engine) as session:
            if flagged := flag_lapsed_alerts(session=session, now=datetime.now(UTC)):
                log.warning("follow-up DMs whose sender died while sending: %d uncertain", flagged)
            session.commit()
            return [(f.team_id, f.user_id) for f in followers(session=session)]

    def send_alert(team_id: str, user_id: str) -> str:
        from jobs.alerts import send_alert as send
        from storage.reads import Follower

        poster = client_for(team_id)
        if poster is None:
            return "not-installed"
        return send(Follower(team_id=team_id, user_id=user_id), engine, poster)

    def post_digest_now(request: dict) -> object:
        from jobs.digest_now import DigestNow

        asked = DigestNow(
            team_id=request["team_id"],
            channel_id=request["channel_id"],
            requested_at=datetime.fromisoformat(request["requested_at"]),
            response_url=request.get("response_url"),
        )
        return wiring._post_digest_now(
            asked,
            engine=engine,
            client_for=client_for,
            min_confidence=settings.dispute_min_confidence,
        )

    def purge() -> object:
        return wiring.purge_expired(settings, engine=engine)

    def note_positions() -> object:
        return wiring.note_positions(settings, engine=engine, client_for=client_for)

    return Work(
        ingest_feed=ingest_feed,
        deliver_digest=deliver_digest,
        followers_with_news=followers_with_news,
        send_alert=send_alert,
        post_digest_now=post_digest_now,
        purge=purge,
        note_positions=note_positions,
    )


# One feed at a time per worker process: the process's job threads share one spaCy pipeline,
# which is not made to run in two threads at once (extraction is CPU-bound anyway: more ingest
# throughput means more worker processes); digests and DMs still run concurrently.
_INGEST_LOCK = threading.Lock()


def ingest_one_feed(settings: Settings, *, engine: Engine, url: str, worker: str) -> list:
    """Ingest `url` if it is due (its interval passed, no Retry-After holds it back), as
    `summit.wiring.ingest_due_sources` does for many, without a lease: the job's lock keeps
    the feed to one worker; a channel feed stays untrusted."""
    from summit.wiring import ingest_feed_if_due

    with _INGEST_LOCK:
        summary = ingest_feed_if_due(settings, engine=engine, url=url)
    if summary is None:
        log.info("%s: %s is not due", worker, url)
        return []
    log.info("%s ingested %s: %s", worker, url, summary.as_json())
    return [summary]


def worker_client(settings: Settings):
    """The bot token's client in single-workspace mode; None with OAuth (each workspace's
    token is looked up per job) or without Slack settings (ingest-only workers)."""
    if settings.oauth_enabled or not settings.slack_bot_token:
        return None
    from bot.app import web_client

    return web_client(settings, retries=3)


def run_worker(
    settings: Settings,
    *,
    engine: Engine,
    concurrency: int = 1,
    queues: Sequence[str] = (),
    once: bool = False,
    stalled_after: float = STALLED_AFTER,
    client=None,
) -> None:
    """Run a procrastinate worker with our tasks until stopped (SIGTERM/SIGINT finish the
    running jobs first), or, with `once`, until the queue is empty.

    It first puts back the jobs of workers whose heartbeat stopped `stalled_after` seconds
    ago (a restarted worker recovers what its killed predecessor left); a periodic task
    does the same every minute on whichever worker takes it.
    """
    asyncio.run(
        _work_the_queue(
            settings,
            engine=engine,
            concurrency=concurrency,
            queues=queues,
            once=once,
            stalled_after=stalled_after,
            client=client,
        )
    )


async def _work_the_queue(
    settings: Settings,
    *,
    engine: Engine,
    concurrency: int,
    queues: Sequence[str] = (),
    once: bool = False,
    stalled_after: float = STALLED_AFTER,
    client=None,
    in_thread: bool = False,
) -> None:
    app = make_queue_app(settings.database_url, pool_size=concurrency + 3)
    work = queue_work(settings, engine=engine, client=client or worker_client(settings))
    # Sync tasks run on the loop's default executor, which holds min(32, CPUs + 4) threads
    # (6 on two cores): give it one per job the worker may run, and a few for the connector's
    # own sync calls.
    asyncio.get_running_loop().set_default_executor(
        ThreadPoolExecutor(max_workers=concurrency + 2, thread_name_prefix="job")
    )
    async with app.open_async():
        await retry_stalled(app, stalled_after=stalled_after)
        await app.run_worker_async(
            queues=list(queues) or None,
            concurrency=concurrency,
            wait=not once,
            additional_context={"work": work, "stalled_after": stalled_after},
            update_heartbeat_interval=min(HEARTBEAT_EVERY, stalled_after / 3),
            stalled_worker_timeout=stalled_after,
            install_signal_handlers=not in_thread,  # signals reach only the main thread
            shutdown_graceful_timeout=SHUTDOWN_GRACE if in_thread else None,
        )


EMBEDDED_CONCURRENCY = 2  # jobs `summit serve`'s own worker runs at once
SHUTDOWN_GRACE = 30.0  # seconds an embedded worker lets running jobs finish when stopped


class EmbeddedWorker:
    """A queue worker on a thread of `summit serve`, beside its deferring scheduler, so that
    one `summit serve` on PostgreSQL is still a whole app; dedicated `summit worker`
    processes add capacity. Stopping it lets running jobs finish (up to `SHUTDOWN_GRACE`
    seconds); a job cut short is recovered as stalled by any worker."""

    def __init__(self, settings: Settings, *, engine: Engine, client=None) -> None:
        self._options = {"engine": engine, "client": client}
        self._settings = settings
        self._loop: asyncio.AbstractEventLoop | None = None
        self._task: asyncio.Task | None = None
        self._started = threading.Event()
        self._thread = threading.Thread(target=self._run, name="queue-worker", daemon=True)

    def start(self) -> EmbeddedWorker:
        self._thread.start()
        self._started.wait(timeout=10)
        return self

    def _run(self) -> None:
        async def main() -> None:
            self._loop, self._task = asyncio.get_running_loop(), asyncio.current_task()
            self._started.set()
            await _work_the_queue(
                self._settings,
                concurrency=EMBEDDED_CONCURRENCY,
                in_thread=True,
                **self._options,
            )

        try:
            asyncio.run(main())
        except asyncio.CancelledError:
            pass
        except Exception:
            log.exception("the embedded queue worker stopped")

    def stop(self) -> None:
        if self._loop is not None and self._task is not None and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self._task.cancel)
        self._thread.join(timeout=SHUTDOWN_GRACE + 5)


def start_deferring_scheduler(settings: Settings, *, engine: Engine, background: bool):
    """The scheduler of `JOB_QUEUE=procrastinate`: due digests, the ingest rounds and the
    daily purge are deferred as jobs; any number of these may run at once."""
    from summit.wiring import run_scheduler

    work = deferred_work(settings, engine=engine)
    return run_scheduler(settings, engine=engine, work=work, background=background)


def deferred_work(settings: Settings, *, engine: Engine) -> ScheduledWork:
    """The scheduled work as jobs deferred into the queue, once each however many
    schedulers run."""
    from summit.wiring import ScheduledWork, scheduled_sources

    queue = JobQueue.open(settings.database_url)

    def ingest() -> None:
        jobs = queue.defer_feeds(scheduled_sources(settings, engine=engine))
        log.info("ingest: %d feed jobs deferred", len(jobs))

    def purge() -> None:
        queue.defer_purge(datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0))

    return ScheduledWork(
        deliver=defer_digest(queue), ingest=ingest, purge=purge, catch_up_each_tick=False
    )


DEFER_ATTEMPTS = 3  # a channel's cron firing defers its digest; the database may blink
DEFER_PAUSE = 2.0  # seconds between attempts


def defer_digest(queue: JobQueue, *, sleep=time.sleep):
    """The scheduler's `deliver` callback that defers: one job per channel and fire time,
    however many schedulers call it. Its cron firing comes once, so a failed deferral (the
    database away for a moment) is tried again `DEFER_ATTEMPTS` times in all."""

    def deliver(subscription, fire_time: datetime) -> int | None:
        for attempt in range(1, DEFER_ATTEMPTS + 1):
            try:
                job = queue.defer_digest(subscription.team_id, subscription.channel_id, fire_time)
                break
            except Exception as error:
                if attempt == DEFER_ATTEMPTS:
                    raise
                log.warning(
                    "digest %s for %s: deferring failed (%s); trying again",
                    fire_time.isoformat(),
                    subscription.channel_id,
                    type(error).__name__,
                )
                sleep(DEFER_PAUSE)
        if job is not None:
            log.info(
                "digest %s for %s: deferred (job %s)",
                fire_time.isoformat(),
                subscription.channel_id,
                job,
            )
        return job

    return deliver


def digest_now_dispatch(settings: Settings):
    """`/digest now` on the queue: `DigestNow -> None`, deferring the job and returning."""
    queue = JobQueue.open(settings.database_url)

    def dispatch(request) -> None:
        queue.defer_digest_now(
            {
                "team_id": request.team_id,
                "channel_id": request.channel_id,
                "requested_at": request.requested_at.isoformat(),
                "response_url": request.response_url,
            }
        )

    return dispatch
