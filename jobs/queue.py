"""The job queue on PostgreSQL: procrastinate tasks over the plain job functions.

SQLite (the embedded default) has no queue: APScheduler calls the job functions in process.
On PostgreSQL the scheduler defers due work here and any number of `summit worker` processes
run it, with the database as the broker (procrastinate's schema is migration 0015):

- `ingest_feed`, one job per feed: a queueing lock (a feed is never waiting twice) and a lock
  (never ingested by two workers at once);
- `deliver_digest`, one job per channel and scheduled time, deferred once however many
  schedulers ask (procrastinate's periodic-defer row, keyed by channel and fire time), under
  a lock per channel; the digest claim row stays the guarantee that it is posted once;
- `alert_followers` (waiting at most once) fans out one `send_follower_alert` per follower;
- `note_positions` (waiting at most once, after ingest): the positions step of timelines;
- `post_digest_now` for `/digest now`, `purge` once per daily slot;
- `retry_stalled_jobs`, periodic on the workers: jobs left `doing` by a worker whose
  heartbeat stopped (killed, machine lost) go back in the queue;
- `forget_finished_jobs`, daily on the workers: finished jobs are deleted after a day
  (succeeded) or two weeks (failed, cancelled).

Transient failures (network, the database away, Slack 5xx or rate limits) are retried with
exponential backoff; permanent ones (a channel the bot cannot post to) are recorded by the
job functions and not retried; a bug fails its job at once, for an operator to look at
(`summit jobs list --status failed`, then `summit jobs retry ID`).

Tasks reach the database, Slack and the extractor through `Work`, which `summit.wiring`
builds from settings and hands to the worker; deferring needs none of it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import procrastinate
from procrastinate import exceptions as queue_errors
from procrastinate import sql as queue_sql
from sqlalchemy.engine import make_url

from summit.errors import SummitError

log = logging.getLogger(__name__)

QUEUES = ("ingest", "digests", "alerts", "maintenance")
# A transient failure is retried 15 times, 2 s, 4 s, ... then every 10 minutes: about 75
# minutes in all, within the 2 hours a digest may still be posted late (DIGEST_GRACE), as the
# in-process scheduler retries a failed digest every minute for as long.
MAX_ATTEMPTS = 16
BACKOFF_BASE = 2.0
MAX_BACKOFF = timedelta(minutes=10)
STALLED_AFTER = 30.0  # seconds without a worker heartbeat before its jobs count as stalled
HEARTBEAT_EVERY = 10.0
RETRY_STALLED_CRON = "* * * * *"  # every minute, on one worker (deferred once for all)
FORGET_FINISHED_CRON = "15 3 * * *"  # daily, at a quiet hour (UTC)
KEEP_SUCCEEDED = timedelta(days=1)
KEEP_FAILED = timedelta(days=14)
DIGEST_GRACE = timedelta(hours=2)  # as jobs.scheduler.GRACE: a later digest job is dropped


@dataclass(frozen=True, slots=True)
class QueuedJob:
    """One job as an operator sees it."""

    id: int
    status: str
    queue: str
    task: str
    attempts: int
    arguments: dict


class TransientJobError(SummitError, RuntimeError):
    """A job failed in a way a later attempt may not (Slack 5xx, a lost connection)."""


@dataclass(frozen=True, slots=True)
class Work:
    """The job functions, with their dependencies bound (`summit.wiring.queue_work`).

    `deliver_digest(team_id, channel_id, fire_time)` returns a `jobs.digests.Delivery`, or None
    when the channel no longer gets digests; `send_alert(team_id, user_id)` the outcome of
    `jobs.alerts.send_alert`; `followers_with_news()` (team_id, user_id) pairs.
    """

    ingest_feed: Callable[[str, str], object]
    deliver_digest: Callable[[str, str, datetime], object]
    followers_with_news: Callable[[], list[tuple[str, str]]]
    send_alert: Callable[[str, str], str]
    post_digest_now: Callable[[dict], object]
    purge: Callable[[], object]
    note_positions: Callable[[], object] = lambda: None


def is_transient(error: BaseException) -> bool:
    """Whether another attempt may succeed: our own TransientJobError, a network or database
    connection failure, or Slack answering 5xx or rate-limited."""
    from slack_sdk.errors import SlackApiError
    from sqlalchemy.exc import DBAPIError, OperationalError

    if isinstance(error, TransientJobError | OperationalError | ConnectionError | TimeoutError):
        return True
    if isinstance(error, DBAPIError):
        return bool(error.connection_invalidated)
    if isinstance(error, SlackApiError):
        status = getattr(error.response, "status_code", 200)
        return status >= 500 or status == 429 or error.response.get("error") == "ratelimited"
    try:
        import httpx
    except ImportError:  # pragma: no cover - httpx is a dependency
        return False
    return isinstance(error, httpx.TransportError)


def retry_after(error: BaseException) -> float | None:
    """The seconds Slack asked us to wait (Retry-After on a 429), if it said."""
    headers = getattr(getattr(error, "response", None), "headers", None) or {}
    for name, value in headers.items():
        if name.lower() == "retry-after":
            try:
                return max(float(value if isinstance(value, str) else value[0]), 0.0)
            except (TypeError, ValueError, IndexError):
                return None
    return None


class TransientRetry(procrastinate.BaseRetryStrategy):
    """Retry transient failures only, after Retry-After or an exponential backoff."""

    def __init__(self, *, max_attempts: int = MAX_ATTEMPTS, base: float = BACKOFF_BASE) -> None:
        self.max_attempts, self.base = max_attempts, base

    def get_retry_decision(self, *, exception: BaseException, job) -> procrastinate.RetryDecision:
        if job.attempts + 1 >= self.max_attempts or not is_transient(exception):
            return None
        wait = retry_after(exception)
        if wait is None:
            wait = min(self.base ** (job.attempts + 1), MAX_BACKOFF.total_seconds())
        return procrastinate.RetryDecision(retry_in={"seconds": wait})


RETRY = TransientRetry()


def _work(context: procrastinate.JobContext) -> Work:
    return context.additional_context["work"]


def _now(context: procrastinate.JobContext) -> datetime:
    """The worker's clock: `clock` in its context (a simulation's), else the wall clock."""
    clock = context.additional_context.get("clock")
    return clock() if clock is not None else datetime.now(UTC)


def _defer(context: procrastinate.JobContext, task: str, *, key: str, **kwargs) -> int | None:
    """Defer `task` unless a job with the queueing lock `key` is already waiting."""
    try:
        return context.app.configure_task(task, queueing_lock=key, lock=key).defer(**kwargs)
    except queue_errors.AlreadyEnqueued:
        return None


def ingest_feed(context: procrastinate.JobContext, *, url: str) -> None:
    """Ingest one feed (if it is due), then queue the follow-up DMs and the positions step for
    what it brought (a job of each already waiting will see these statements too)."""
    _work(context).ingest_feed(url, f"job {context.job.id}")
    _defer(context, ALERT_FOLLOWERS, key="alerts")
    _defer(context, NOTE_POSITIONS, key="positions")


def note_positions(context: procrastinate.JobContext) -> None:
    """Read what new statements hold and record possible changes of position (and DM them
    when the rules are precise enough): `summit.wiring.note_positions`."""
    _work(context).note_positions()


def deliver_digest(
    context: procrastinate.JobContext, *, team_id: str, channel_id: str, timestamp: int
) -> str:
    """Post a channel's digest for the scheduled time `timestamp` (seconds since the epoch),
    unless that is more than `DIGEST_GRACE` ago; a failed or partial post is retried."""
    fire = datetime.fromtimestamp(timestamp, UTC)
    if _now(context) - fire > DIGEST_GRACE:
        log.warning("digest %s for %s dropped: too late", fire.isoformat(), channel_id)
        return "too-late"
    delivery = _work(context).deliver_digest(team_id, channel_id, fire)
    if delivery is None:
        return "not-subscribed"
    if delivery.outcome in ("failed", "partial"):  # the claim is released for this retry
        raise TransientJobError(f"digest for {channel_id} {delivery.outcome}: {delivery.error}")
    return delivery.outcome


def alert_followers(context: procrastinate.JobContext) -> int:
    """Queue one `send_follower_alert` per follower with news; returns how many."""
    followers = _work(context).followers_with_news()
    for team_id, user_id in followers:
        key = f"alert:{team_id}:{user_id}"
        _defer(context, SEND_FOLLOWER_ALERT, key=key, team_id=team_id, user_id=user_id)
    return len(followers)


def send_follower_alert(context: procrastinate.JobContext, *, team_id: str, user_id: str) -> str:
    """Send one follower's batched DM; a refused send is retried (its claim was released)."""
    outcome = _work(context).send_alert(team_id, user_id)
    if outcome == "failed":
        raise TransientJobError(f"follow-up DM to {team_id}/{user_id} failed")
    return outcome


def post_digest_now(context: procrastinate.JobContext, *, request: dict) -> None:
    """`/digest now`: post and answer the person who asked (not retried: they have moved on,
    and the answer tells them how it went)."""
    _work(context).post_digest_now(request)


def purge(context: procrastinate.JobContext, *, timestamp: int) -> None:
    """The daily purge of old claims and event ids (`storage.retention`)."""
    _work(context).purge()


async def retry_stalled_jobs(context: procrastinate.JobContext, timestamp: int) -> int:
    """The periodic task: `retry_stalled` on whichever worker takes it, once a minute."""
    return await retry_stalled(
        context.app, stalled_after=context.additional_context.get("stalled_after", STALLED_AFTER)
    )


async def retry_stalled(app: procrastinate.App, *, stalled_after: float = STALLED_AFTER) -> int:
    """Put back in the queue the jobs of workers whose heartbeat stopped `stalled_after`
    seconds ago (killed, machine lost); returns how many."""
    manager = app.job_manager
    stalled = list(await manager.get_stalled_jobs(seconds_since_heartbeat=stalled_after))
    for job in stalled:
        log.warning("job %s (%s) stalled on a dead worker: retried", job.id, job.task_name)
        await manager.retry_job(job)
    return len(stalled)


async def forget_finished_jobs(context: procrastinate.JobContext, timestamp: int) -> None:
    """The daily periodic task: `forget_finished` on whichever worker takes it."""
    await forget_finished(context.app)


async def forget_finished(app: procrastinate.App) -> None:
    """Delete jobs that succeeded `KEEP_SUCCEEDED` ago, and failed, cancelled or aborted ones
    `KEEP_FAILED` ago (an operator's to look at until then): the queue's own retention."""
    manager = app.job_manager
    await manager.delete_old_jobs(nb_hours=int(KEEP_SUCCEEDED.total_seconds() // 3600))
    await manager.delete_old_jobs(
        nb_hours=int(KEEP_FAILED.total_seconds() // 3600),
        include_failed=True,
        include_cancelled=True,
        include_aborted=True,
    )


INGEST_FEED = "summit.ingest_feed"
DELIVER_DIGEST = "summit.deliver_digest"
ALERT_FOLLOWERS = "summit.alert_followers"
NOTE_POSITIONS = "summit.note_positions"
SEND_FOLLOWER_ALERT = "summit.send_follower_alert"
POST_DIGEST_NOW = "summit.post_digest_now"
PURGE = "summit.purge"
RETRY_STALLED = "summit.retry_stalled_jobs"
FORGET_FINISHED = "summit.forget_finished_jobs"
# name -> (function, queue, retried?)
TASKS = {
    INGEST_FEED: (ingest_feed, "ingest", True),
    DELIVER_DIGEST: (deliver_digest, "digests", True),
    ALERT_FOLLOWERS: (alert_followers, "alerts", True),
    NOTE_POSITIONS: (note_positions, "ingest", False),
    SEND_FOLLOWER_ALERT: (send_follower_alert, "alerts", True),
    POST_DIGEST_NOW: (post_digest_now, "digests", False),
    PURGE: (purge, "maintenance", True),
    RETRY_STALLED: (retry_stalled_jobs, "maintenance", False),
    FORGET_FINISHED: (forget_finished_jobs, "maintenance", False),
}
# name -> cron: deferred once for all workers, by whichever worker's turn it is
PERIODIC = {RETRY_STALLED: RETRY_STALLED_CRON, FORGET_FINISHED: FORGET_FINISHED_CRON}


def connector_url(database_url: str) -> str:
    """`DATABASE_URL` as libpq reads it (no SQLAlchemy driver suffix)."""
    url = make_url(database_url)
    if url.get_backend_name() != "postgresql":
        raise SummitError(f"the job queue needs PostgreSQL, not {url.get_backend_name()}")
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def make_queue_app(database_url: str, *, pool_size: int = 4) -> procrastinate.App:
    """The procrastinate App on `database_url` with our tasks; nothing connects until opened
    (`JobQueue.open` for deferring, `run_worker` for working)."""
    app = procrastinate.App(
        connector=procrastinate.PsycopgConnector(
            conninfo=connector_url(database_url), min_size=1, max_size=pool_size
        )
    )
    for name, (function, queue, retried) in TASKS.items():
        task = app.task(
            name=name,
            queue=queue,
            retry=RETRY if retried else False,
            pass_context=True,
            queueing_lock=name if name in PERIODIC else None,
        )(function)
        if name in PERIODIC:
            app.periodic(cron=PERIODIC[name], periodic_id=name)(task)
    return app


class JobQueue:
    """Deferring work, synchronously, from the scheduler and the web app."""

    def __init__(self, app: procrastinate.App) -> None:
        self.app = app

    @classmethod
    def open(cls, database_url: str) -> JobQueue:
        app = make_queue_app(database_url)
        app.open()
        return cls(app)

    def close(self) -> None:
        self.app.close()

    def defer_feed(self, url: str) -> int | None:
        """Queue an ingest of `url`; None when one is already waiting."""
        key = f"feed:{url}"
        try:
            return self.app.configure_task(INGEST_FEED, queueing_lock=key, lock=key).defer(url=url)
        except queue_errors.AlreadyEnqueued:
            return None

    def defer_feeds(self, urls: Iterable[str]) -> list[int]:
        return [job for url in dict.fromkeys(urls) if (job := self.defer_feed(url)) is not None]

    def defer_digest(self, team_id: str, channel_id: str, fire_time: datetime) -> int | None:
        """Queue the digest of one channel's scheduled time, once: None when any scheduler
        already deferred that channel and time. Only the channel's newest deferred time is
        remembered, which is enough: schedulers defer the latest time due, a day apart."""
        return self._defer_once(
            DELIVER_DIGEST,
            slot=f"{team_id}:{channel_id}",
            timestamp=int(fire_time.timestamp()),
            lock=f"digest:{team_id}:{channel_id}",
            team_id=team_id,
            channel_id=channel_id,
        )

    def defer_purge(self, day_slot: datetime) -> int | None:
        return self._defer_once(PURGE, slot="daily", timestamp=int(day_slot.timestamp()))

    def defer_digest_now(self, request: dict) -> int:
        return self.app.configure_task(POST_DIGEST_NOW).defer(request=request)

    def jobs(
        self, *, status: str | None = None, queue: str | None = None, task: str | None = None
    ) -> list[QueuedJob]:
        """The queue's jobs, newest first (an operator's view: `summit jobs list`)."""
        found = self.app.job_manager.list_jobs(status=status, queue=queue, task=task)
        return sorted(
            (
                QueuedJob(
                    id=job.id,
                    status=job.status,
                    queue=job.queue,
                    task=job.task_name,
                    attempts=job.attempts,
                    arguments=dict(job.task_kwargs),
                )
                for job in found
            ),
            key=lambda job: -job.id,
        )

    def retry(self, job_id: int) -> None:
        """Queue a failed (or stalled) job again, to run now."""
        try:
            self.app.job_manager.retry_job_by_id(job_id, retry_at=datetime.now(UTC))
        except queue_errors.ConnectorException as error:
            raise SummitError(f"job {job_id} is not failed or running: {error.__cause__}") from None

    def cancel(self, job_id: int) -> bool:
        """Cancel a waiting job; False when it is not waiting (running, finished, unknown)."""
        return self.app.job_manager.cancel_job_by_id(job_id)

    def _defer_once(
        self, task: str, *, slot: str, timestamp: int, lock: str | None = None, **kwargs
    ):
        """Defer `task` for (`slot`, `timestamp`) unless it was already: procrastinate's own
        periodic deferral (a unique row per task, slot and time), usable from sync code."""
        job = self.app.configure_task(task, lock=lock).job
        try:
            row = self.app.connector.get_sync_connector().execute_query_one(
                query=queue_sql.queries["defer_periodic_job"],
                task_name=job.task_name,
                defer_timestamp=timestamp,
                periodic_id=slot,
                queue=job.queue,
                priority=job.priority,
                lock=lock,
                queueing_lock=None,
                args={**kwargs, "timestamp": timestamp},
            )
        except queue_errors.UniqueViolation:
            return None
        return row["id"]
