"""The real app served over HTTP, talking to a fake Slack Web API over HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from sqlmodel import Session

from bot.app import create_app
from bot.server import BackgroundServer, wsgi_app
from jobs.ingest import ingest_documents
from jobs.sources import iter_documents
from storage.follows import follow_speaker
from storage.subscriptions import subscribe_channel
from summit.settings import load_settings
from tests.conftest import REFERENCE
from tests.fakes import BOT_TOKEN, TEAM_ID, FakeSlack, SlackSender

SIGNING_SECRET = "test-signing-secret-0123456789abcdef"
CHANNEL = "C0SUMMIT01"


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    """A fake Slack Web API with the bot's token and one channel the bot is in."""
    with FakeSlack() as fake:
        fake.add_token(BOT_TOKEN)
        fake.add_channel(CHANNEL, name="summit-desk")
        yield fake


@pytest.fixture
def settings(slack, engine):
    return replace(
        load_settings({}),
        slack_api_url=slack.api_url,
        slack_bot_token=BOT_TOKEN,
        slack_signing_secret=SIGNING_SECRET,
        database_url=str(engine.url),
    )


@pytest.fixture
def app_url(settings, engine) -> Iterator[str]:
    """The Bolt app behind waitress (as in production) on an ephemeral port."""
    app = create_app(settings, engine=engine)
    with BackgroundServer(wsgi_app(app)) as server:
        yield server.url


@pytest.fixture
def sender(app_url) -> Iterator[SlackSender]:
    with SlackSender(app_url, SIGNING_SECRET) as sender:
        yield sender


@pytest.fixture
def reference_ingested(engine, extractor):
    """The reference article ingested through the real pipeline."""
    from datetime import UTC, datetime

    now = datetime(2023, 7, 15, 6, 0, tzinfo=UTC)
    documents = iter_documents([str(REFERENCE)], fetcher=None, now=now)
    summary = ingest_documents(documents, engine=engine, extractor=extractor, now=now)
    assert summary.new == 1
    with Session(engine) as session:
        yield session


def subscribe(engine, **fields) -> None:
    """Commit a digest subscription: CHANNEL in this workspace at 07:30 UTC unless `fields` say."""
    defaults = {
        "team_id": TEAM_ID,
        "channel_id": CHANNEL,
        "digest_time": "07:30",
        "timezone": "UTC",
    }
    with Session(engine) as session:
        subscribe_channel(session=session, **(defaults | fields))
        session.commit()


def follow(engine, **fields) -> None:
    """Commit a follow (user_id, speaker_id) in this workspace, alerted through statement 0."""
    defaults = {"team_id": TEAM_ID, "alerted_through": 0}
    with Session(engine) as session:
        follow_speaker(session=session, **(defaults | fields))
        session.commit()


def post_digests(engine, client, targets, *, digest_date, now) -> None:
    """Post the scheduled digest of each (team, channel) in `targets` through the real
    delivery, as the scheduler would at `now`; each must be posted."""
    from jobs.digests import DigestTarget, deliver_digest

    for team, channel in targets:
        delivery = deliver_digest(
            DigestTarget(team_id=team, channel_id=channel),
            engine=engine,
            client=client,
            digest_date=digest_date,
            now=now,
            sleep=lambda _: None,
        )
        assert delivery.outcome == "posted", (team, channel, delivery)
