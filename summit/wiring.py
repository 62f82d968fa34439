"""Building the parts from settings: the one place that knows how everything fits together."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from functools import lru_cache

from sqlalchemy import Engine
from sqlmodel import Session

from summit.settings import Settings

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
):
    """Fetch or read every source and ingest it; returns the run's `IngestSummary`."""
    from jobs.fetch import Fetcher
    from jobs.ingest import ingest_documents
    from jobs.sources import FeedStatus, iter_documents
    from storage.reads import feed_validators
    from storage.writes import record_feed_fetch

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

    with Fetcher() as fetcher:
        documents = iter_documents(
            list(sources), fetcher=fetcher, now=now, feed_state=validators, on_feed=remember
        )
        return ingest_documents(
            documents, engine=engine, extractor=extractor, now=now, on_item=on_item
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
    from sqlalchemy import select

    from storage.models import Subscription
    from storage.writes import subscribe_channel

    with Session(engine) as session:
        exists = session.exec(
            select(Subscription.id).where(
                Subscription.team_id == team_id,
                Subscription.channel_id == settings.digest_channel,
            )
        ).first()
        if exists is None:
            subscribe_channel(
                session=session,
                team_id=team_id,
                channel_id=settings.digest_channel,
                digest_time=settings.digest_time.strftime("%H:%M"),
                timezone=settings.digest_timezone,
            )
            session.commit()


def make_deliver(*, engine: Engine, client):
    """The scheduler's digest callback: one channel, one scheduled time, posted once."""
    from bot.digests import DigestTarget, deliver_digest
    from jobs.scheduler import digest_date

    def deliver(subscription, fire_time: datetime):
        target = DigestTarget(
            team_id=subscription.team_id,
            channel_id=subscription.channel_id,
            keywords=subscription.keywords,
            detailed=subscription.detailed,
        )
        result = deliver_digest(
            target,
            engine=engine,
            client=client,
            digest_date=digest_date(subscription, fire_time),
            now=datetime.now(UTC),
        )
        log.info(
            "digest %s for %s: %s", fire_time.isoformat(), subscription.channel_id, result.outcome
        )
        return result

    return deliver


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
    """Build the scheduler from the database, post missed digests, and start it."""
    from datetime import timedelta

    from apscheduler.schedulers.background import BackgroundScheduler
    from apscheduler.schedulers.blocking import BlockingScheduler

    from jobs.scheduler import catch_up, schedule_all

    deliver = make_deliver(engine=engine, client=client)

    def ingest() -> None:
        sources = scheduled_sources(settings, engine=engine)
        if not sources:
            return
        summary = ingest_sources(sources, engine=engine, extractor=build_extractor(settings))
        log.info("scheduled ingest: %s", summary.as_json())

    scheduler = (BackgroundScheduler if background else BlockingScheduler)(timezone=UTC)
    schedule_all(
        scheduler,
        engine=engine,
        deliver=deliver,
        ingest=ingest,
        ingest_every=timedelta(minutes=settings.ingest_interval_minutes),
        ingest_cron=ingest_trigger(settings),
    )
    catch_up(engine=engine, deliver=deliver, now=datetime.now(UTC))
    scheduler.start()
    return scheduler
