"""Building the parts from settings: the one place that knows how everything fits together."""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

from sqlalchemy import Engine
from sqlmodel import Session

from jobs.worker import worker_name
from summit.settings import DEFAULT_DISPUTE_MIN_CONFIDENCE, DEFAULT_INGEST_CAPS, Settings

if TYPE_CHECKING:
    from storage.retention import Retention

log = logging.getLogger(__name__)


def open_database(settings: Settings) -> Engine:
    """Connect and bring the schema up to date (migrations are idempotent and locked)."""
    from storage.engine import make_engine, migrate

    engine = make_engine(settings.database_url)
    migrate(engine)
    return engine


def build_extractor(settings: Settings):
    """The extractor for `SPACY_MODEL`; the pipeline is loaded once per process."""
    return _extractor(settings.spacy_model)


@lru_cache(maxsize=2)
def _extractor(model: str | None):
    from extract import Extractor, load_pipeline

    return Extractor(load_pipeline(model))


def ingest_sources(
    sources: Sequence[str],
    *,
    engine: Engine,
    extractor,
    now: datetime | None = None,
    on_item: Callable[[str], None] | None = None,
    fetcher=None,
    delay: float = 1.0,
    untrusted: Collection[str] = (),
    max_feed_entries: int = DEFAULT_INGEST_CAPS["MAX_FEED_ENTRIES"][0],
    max_article_words: int = DEFAULT_INGEST_CAPS["MAX_ARTICLE_WORDS"][0],
):
    """Fetch or read every source and ingest it; returns the run's `IngestSummary`.

    `fetcher` (a `jobs.fetch.Fetcher`) is closed afterwards; by default a polite one is made.
    Sources in `untrusted` (channel feeds) may only reach hosts with global addresses, and
    what they bring is seen only by the workspaces whose channels subscribe to them.
    """
    from jobs.fetch import Fetcher
    from jobs.ingest import ingest_documents
    from jobs.sources import FeedStatus, iter_documents
    from storage.feeds import record_feed_fetch
    from storage.reads import feed_validators

    now = now or datetime.now(UTC)
    with Session(engine) as session:
        validators = feed_validators(session=session)

    def remember(status: FeedStatus) -> None:
        with Session(engine) as session:
            record_feed_fetch(
                session=session,
                url=status.feed_url,
                etag=status.etag,
                last_modified=status.last_modified,
                at=now,
            )
            session.commit()

    with fetcher or Fetcher(delay=delay) as active:
        documents = iter_documents(
            list(sources),
            fetcher=active,
            now=now,
            feed_state=validators,
            on_feed=remember,
            untrusted=untrusted,
            max_entries=max_feed_entries,
        )
        return ingest_documents(
            documents,
            engine=engine,
            extractor=extractor,
            now=now,
            on_item=on_item,
            channel_feeds=untrusted,
            max_words=max_article_words,
        )


def scheduled_sources(settings: Settings, *, engine: Engine) -> list[str]:
    """What the scheduled ingest reads: `SUMMIT_FEEDS` plus every channel's own feeds."""
    from storage.reads import subscribed_feeds

    with Session(engine) as session:
        feeds = subscribed_feeds(session=session)
    return list(dict.fromkeys([*settings.feeds, *feeds]))


def ensure_default_subscription(settings: Settings, *, engine: Engine, team_id: str) -> None:
    """`DIGEST_CHANNEL` subscribes that channel at `DIGEST_TIME` unless it already is."""
    if not settings.digest_channel:
        return
    from storage.reads import subscription_for_channel
    from storage.subscriptions import subscribe_channel

    with Session(engine) as session:
        found = subscription_for_channel(
            session=session, team_id=team_id, channel_id=settings.digest_channel
        )
        if found is None:
            subscribe_channel(
                session=session,
                team_id=team_id,
                channel_id=settings.digest_channel,
                digest_time=settings.digest_time.strftime("%H:%M"),
                timezone=settings.digest_timezone,
            )
            session.commit()


def team_client(settings: Settings, *, engine: Engine, team_id: str, retries: int = 3):
    """A WebClient for one workspace: `SLACK_BOT_TOKEN` in single-workspace mode, the
    installation store's bot token with OAuth; None when the workspace has no install.

    A workspace inside an Enterprise Grid org is looked up with the org its subscriptions and
    follows stored (its own install, else the org-wide one), and a rotating token that is
    about to expire is refreshed and saved first (`bot.workspace_tokens`).
    """
    from bot.app import installation_store, web_client
    from bot.workspace_tokens import token_rotator, workspace_bot_token
    from storage.workspaces import enterprise_of

    if not settings.oauth_enabled:
        return web_client(settings, retries=retries)
    with Session(engine) as session:
        enterprise_id = enterprise_of(session=session, team_id=team_id)
    token = workspace_bot_token(
        installation_store(settings, engine=engine),
        rotator=token_rotator(
            client_id=settings.slack_client_id,
            client_secret=settings.slack_client_secret,
            client=web_client(settings, retries=retries),
        ),
        enterprise_id=enterprise_id,
        team_id=team_id,
    )
    if token is None:
        return None
    return web_client(settings, token=token, retries=retries)


def make_client_for(settings: Settings, *, engine: Engine, client=None):
    """`team_id -> WebClient | None` for the background jobs (digests, follow-up DMs)."""
    if not settings.oauth_enabled and client is not None:
        return lambda team_id: client
    return lambda team_id: team_client(settings, engine=engine, team_id=team_id)


def make_deliver(
    *,
    engine: Engine,
    client=None,
    client_for=None,
    min_confidence: float = DEFAULT_DISPUTE_MIN_CONFIDENCE,
):
    """The scheduler's digest callback: one channel, one scheduled time, posted once.

    `client_for(team_id)` picks each workspace's token; a plain `client` serves one workspace.
    `min_confidence` is DISPUTE_MIN_CONFIDENCE: less sure disputes are not shown.
    """
    from jobs.digests import Delivery, DigestTarget, deliver_digest
    from jobs.scheduler import digest_date

    def deliver(subscription, fire_time: datetime):
        target = DigestTarget(
            team_id=subscription.team_id,
            channel_id=subscription.channel_id,
            keywords=subscription.keywords,
            detailed=subscription.detailed,
            min_confidence=min_confidence,
        )
        poster = client_for(subscription.team_id) if client_for else client
        if poster is None:
            log.warning("digest for %s skipped: workspace not installed", target.channel_id)
            return Delivery("unreachable", error="not_installed")
        result = deliver_digest(
            target,
            engine=engine,
            client=poster,
            digest_date=digest_date(subscription, fire_time),
            now=datetime.now(UTC),
        )
        log.info(
            "digest %s for %s: %s", fire_time.isoformat(), subscription.channel_id, result.outcome
        )
        return result

    return deliver


ON_DEMAND_WORKERS = 2  # one-off jobs run at once when no scheduler runs beside the app
ON_DEMAND_GRACE = timedelta(minutes=10)  # a later start is dropped: the asker has moved on


def digest_now_dispatch(
    settings: Settings, *, engine: Engine, scheduler=None, client=None, run_later=None
):
    """`/digest now`'s one dispatch: `DigestNow -> None`, which adds a one-off job posting the
    digest (`jobs.digest_now.post_digest_now`) and returns at once: on `run_later` (a
    `one_off_dispatch` shared with other one-off work) or one of its own, or with
    JOB_QUEUE=procrastinate as a job for `summit worker`.
    """
    if settings.job_queue == "procrastinate":  # a job for `summit worker`, on PostgreSQL
        from summit import queueing

        return queueing.digest_now_dispatch(settings)
    return run_later or one_off_dispatch(
        settings, engine=engine, scheduler=scheduler, client=client
    )


def one_off_dispatch(settings: Settings, *, engine: Engine, scheduler=None, client=None):
    """The one dispatch for work people ask for that must not run on Bolt's listener
    threads: `request -> None` adds a one-off job and returns at once, whose body
    `_ONE_OFF_JOBS` names by the request's type: a `DigestNow` posts the channel's digest, a
    `MapRequest` draws and posts a dispute map (matplotlib alone takes a second to load), and
    so on for timelines, "Who's quoted here?" and link previews.

    The job runs on `scheduler` (the process's APScheduler, beside scheduled digests) or,
    without one (`serve --no-scheduler`, tests), on a scheduler of its own with
    `ON_DEMAND_WORKERS` threads, started with the first request. Either way Bolt's listener
    threads stay free to acknowledge other commands within Slack's 3 seconds. Maps are drawn
    here also with JOB_QUEUE=procrastinate: one is for the person waiting now, who asks again
    if it is lost.
    """
    client_for = make_client_for(settings, engine=engine, client=client)
    runner = _Runner(scheduler)

    def dispatch(request) -> None:
        kind, asked, run = _ONE_OFF_JOBS[type(request).__name__]
        runner.get().add_job(
            run,
            args=[request],
            kwargs={"engine": engine, "client_for": client_for, "settings": settings},
            id=f"{kind}:{request.team_id}:{request.channel_id}:{uuid.uuid4().hex[:8]}",
            name=f"{asked} in {request.channel_id}",
            misfire_grace_time=int(ON_DEMAND_GRACE.total_seconds()),
        )

    return dispatch


# The job body of each one-off request: `(request, *, engine, client_for, settings)`; the
# workspace's client is looked up when the job runs, and heavy imports wait until then.


def _draw_map(request, *, engine: Engine, client_for, settings: Settings):
    from jobs.map_post import post_requested_map

    return post_requested_map(
        request,
        engine=engine,
        client=client_for(request.team_id),
        min_confidence=settings.dispute_min_confidence,
    )


def _draw_timeline(request, *, engine: Engine, client_for, settings: Settings):
    from jobs.timeline import post_timeline

    return post_timeline(request, engine=engine, client=client_for(request.team_id))


def _preview_links(request, *, engine: Engine, client_for, settings: Settings):
    from jobs.unfurl import unfurl_links

    return unfurl_links(
        request,
        engine=engine,
        client=client_for(request.team_id),
        min_confidence=settings.dispute_min_confidence,
    )


def _answer_quoted_here(request, *, engine: Engine, client_for, settings: Settings):
    """Answer "Who's quoted here?": pages are fetched as untrusted sources, as channel feeds are."""
    from jobs.fetch import Fetcher
    from jobs.quoted_here import answer_quoted_here, findings_of, page_reader

    extractor = build_extractor(settings)
    confidence = settings.dispute_min_confidence
    with Fetcher(delay=0) as fetcher:
        return answer_quoted_here(
            request,
            engine=engine,
            client=client_for(request.team_id),
            read_page=page_reader(
                fetcher,
                extractor,
                min_confidence=confidence,
                max_words=settings.max_article_words,
            ),
            extract_text=lambda text: findings_of(extractor, text, min_confidence=confidence),
            min_confidence=confidence,
        )


def _digest_now_job(request, *, engine: Engine, client_for, settings: Settings):
    return _post_digest_now(
        request,
        engine=engine,
        client_for=client_for,
        min_confidence=settings.dispute_min_confidence,
    )


# One-off requests (plain data) by type name: the job id's prefix, what people asked, and
# the job body.
_ONE_OFF_JOBS = {
    "DigestNow": ("digest-now", "/digest now", _digest_now_job),
    "MapRequest": ("dispute-map", "/disputes map", _draw_map),
    "TimelineRequest": ("timeline", "a speaker timeline", _draw_timeline),
    "QuotedHereRequest": ("quoted-here", "Who's quoted here?", _answer_quoted_here),
    "UnfurlRequest": ("unfurl", "a link preview", _preview_links),
}


def _post_digest_now(request, *, engine: Engine, client_for, min_confidence: float):
    """The job body: the workspace's client is looked up when the job runs."""
    from jobs.digest_now import post_digest_now

    return post_digest_now(
        request, engine=engine, client=client_for(request.team_id), min_confidence=min_confidence
    )


class _Runner:
    """The given scheduler, or a small one of our own started on first use."""

    def __init__(self, scheduler) -> None:
        self._scheduler = scheduler
        self._lock = threading.Lock()

    def get(self):
        with self._lock:
            if self._scheduler is None:
                from apscheduler.executors.pool import ThreadPoolExecutor
                from apscheduler.schedulers.background import BackgroundScheduler

                self._scheduler = BackgroundScheduler(
                    executors={"default": ThreadPoolExecutor(ON_DEMAND_WORKERS)}, timezone=UTC
                )
                self._scheduler.start()
            return self._scheduler


def serve_app(settings: Settings, *, engine: Engine, scheduler=None, client=None):
    """The Slack app as `summit serve` runs it: `/digest now` and `/disputes map` run on
    `scheduler` when the process runs one, else on the app's own small job runner."""
    from bot.app import create_app

    run_later = one_off_dispatch(settings, engine=engine, scheduler=scheduler, client=client)
    return create_app(
        settings,
        engine=engine,
        run_later=run_later,
        post_digest_now=digest_now_dispatch(settings, engine=engine, run_later=run_later),
    )


def ingest_due_sources(settings: Settings, *, engine: Engine, worker: str, lease=None) -> list:
    """Ingest, under leases shared with every other worker, the sources that are due now.

    Sources are `SUMMIT_FEEDS` plus the channels' own feeds; with `INGEST_CRON` every
    source is due at each run, otherwise `INGEST_INTERVAL_MINUTES` after its last fetch.
    Channel feeds (added by Slack users) are untrusted unless the operator lists them too:
    they may not reach private, loopback or other non-global addresses.
    """
    from jobs.worker import LEASE, ingest_due

    sources = scheduled_sources(settings, engine=engine)
    return ingest_due(
        sources,
        engine=engine,
        worker=worker,
        every=_ingest_every(settings),
        lease=lease or LEASE,
        ingest=_ingester(settings, engine=engine, untrusted=set(sources) - set(settings.feeds)),
    )


def ingest_feed_if_due(settings: Settings, *, engine: Engine, url: str):
    """The job queue's ingest of one feed (`jobs.worker.ingest_if_due`: no lease, the job's
    lock keeps the feed to one worker); a channel's feed stays untrusted. None when the feed
    was not due."""
    from jobs.worker import ingest_if_due

    untrusted = set() if url in settings.feeds else {url}
    return ingest_if_due(
        url,
        engine=engine,
        every=_ingest_every(settings),
        ingest=_ingester(settings, engine=engine, untrusted=untrusted),
    )


def _ingest_every(settings: Settings) -> timedelta:
    """How long a feed rests after a fetch: nothing with `INGEST_CRON` (each run is due)."""
    if settings.ingest_cron:
        return timedelta(0)
    return timedelta(minutes=settings.ingest_interval_minutes)


def _ingester(settings: Settings, *, engine: Engine, untrusted: Collection[str]):
    return lambda sources: ingest_sources(
        sources,
        engine=engine,
        extractor=build_extractor(settings),
        delay=settings.fetch_delay_seconds,
        untrusted=untrusted,
        max_feed_entries=settings.max_feed_entries,
        max_article_words=settings.max_article_words,
    )


def after_ingest(*, engine: Engine, client_for) -> None:
    """Follow-up DMs for what was just ingested (purges have their own job: `purge_expired`)."""
    from jobs.alerts import send_alerts

    send_alerts(engine=engine, client_for=client_for)


def purge_expired(
    settings: Settings, *, engine: Engine, dry_run: bool = False, now: datetime | None = None
) -> dict[str, int]:
    """Delete (with `dry_run`, count) what the `*_RETENTION_DAYS` settings let go, per table."""
    from storage import retention

    counts = retention.purge_expired(
        engine=engine,
        now=now or datetime.now(UTC),
        retention=retention_of(settings),
        operator_feeds=settings.feeds,
        dry_run=dry_run,
    )
    log.info("%s: %s", "purge (dry run)" if dry_run else "purge", counts)
    return counts


def retention_of(settings: Settings) -> Retention:
    """The `*_RETENTION_DAYS` settings as a `storage.retention.Retention`."""
    from storage.retention import Retention

    return Retention(
        alerts=timedelta(days=settings.alert_retention_days),
        digest_posts=timedelta(days=settings.digest_post_retention_days),
        seen_events=timedelta(days=settings.seen_event_retention_days),
        feed_states=timedelta(days=settings.feed_state_retention_days),
    )


def scheduled_ingest(settings: Settings, *, engine: Engine, client_for) -> None:
    """The scheduler's ingest job: the due sources, then the after-ingest step, which runs
    however the ingest ended (an uncaught bug still gets its follow-up DMs and purges)."""
    try:
        for summary in ingest_due_sources(
            settings, engine=engine, worker=f"scheduler {worker_name()}"
        ):
            log.info("scheduled ingest: %s", summary.as_json())
    finally:
        after_ingest(engine=engine, client_for=client_for)
        note_positions(settings, engine=engine, client_for=client_for)


def note_positions(settings: Settings, *, engine: Engine, client_for) -> None:
    """Read what new statements hold and record possible changes of position
    (`jobs.positions`), then DM followers about new ones, if the measured precision of the
    rules allows alerts (`extract.positions.alerts_allowed`); a failure here is logged, never
    the ingest's."""
    from extract.positions import alerts_allowed
    from jobs.position_alerts import send_position_alerts
    from jobs.positions import note_positions as note

    try:
        note(engine=engine, nlp=build_extractor(settings))  # its locked pipe
        if alerts_allowed():
            send_position_alerts(engine=engine, client_for=client_for)
    except Exception:
        log.exception("positions after ingest failed")


def ingest_trigger(settings: Settings):
    """`INGEST_CRON` as a trigger in the default digest time zone, or None for the interval."""
    if not settings.ingest_cron:
        return None
    from zoneinfo import ZoneInfo

    from apscheduler.triggers.cron import CronTrigger

    return CronTrigger.from_crontab(
        settings.ingest_cron, timezone=ZoneInfo(settings.digest_timezone)
    )


def start_scheduler(settings: Settings, *, engine: Engine, client, background: bool):
    """Build the scheduler from the database, post missed digests, and start it; with
    JOB_QUEUE=procrastinate it defers the work as jobs instead (`summit.queueing`)."""
    if settings.job_queue == "procrastinate":
        from summit.queueing import deferred_work

        work = deferred_work(settings, engine=engine)
    else:
        work = in_process_work(settings, engine=engine, client=client)
    return run_scheduler(settings, engine=engine, work=work, background=background)


@dataclass(frozen=True, slots=True)
class ScheduledWork:
    """What the scheduler does when work is due: post (or defer) a channel's digest, ingest
    the feeds, purge what retention lets go."""

    deliver: Callable
    ingest: Callable[[], None]
    purge: Callable[[], None]
    catch_up_each_tick: bool = True  # the job queue: only at start-up (jobs retry themselves)


def in_process_work(settings: Settings, *, engine: Engine, client) -> ScheduledWork:
    """The scheduled work done in this process (the default, and the only way on SQLite)."""
    client_for = make_client_for(settings, engine=engine, client=client)
    deliver = make_deliver(
        engine=engine, client_for=client_for, min_confidence=settings.dispute_min_confidence
    )

    def ingest() -> None:
        scheduled_ingest(settings, engine=engine, client_for=client_for)

    def purge() -> None:
        purge_expired(settings, engine=engine)

    return ScheduledWork(deliver=deliver, ingest=ingest, purge=purge)


def run_scheduler(settings: Settings, *, engine: Engine, work: ScheduledWork, background: bool):
    """Schedule `work` (per-channel digest times, ingest rounds, the daily purge), post the
    digests missed while no scheduler ran, and start."""
    from apscheduler.schedulers.background import BackgroundScheduler
    from apscheduler.schedulers.blocking import BlockingScheduler

    from jobs.scheduler import catch_up, schedule_all

    scheduler = (BackgroundScheduler if background else BlockingScheduler)(timezone=UTC)
    schedule_all(
        scheduler,
        engine=engine,
        deliver=work.deliver,
        ingest=work.ingest,
        ingest_every=timedelta(minutes=settings.ingest_interval_minutes),
        ingest_cron=ingest_trigger(settings),
        refresh_every=timedelta(seconds=settings.scheduler_tick_seconds),
        purge=work.purge,
        catch_up_each_tick=work.catch_up_each_tick,
    )
    try:
        catch_up(engine=engine, deliver=work.deliver, now=datetime.now(UTC))
    except Exception:  # e.g. the database went away after migrating: the next tick retries
        log.exception("start-up catch-up failed; the scheduler retries every tick")
    scheduler.start()
    return scheduler
