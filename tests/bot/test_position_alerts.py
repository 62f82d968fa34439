"""Position-change DMs: a follower of a speaker is told once when a new statement of theirs
holds the opposite of an earlier one, and only while the measured precision of the rules
allows alerts (`extract.positions.alerts_allowed`); fake Slack over real HTTP, real database."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, select

from bot.app import web_client
from extract.positions import alerts_allowed
from jobs.position_alerts import send_position_alerts
from jobs.positions import note_positions
from storage.models import Alert, PositionChange
from storage.reads import speakers_matching
from summit import wiring
from tests.bot.conftest import follow
from tests.position_data import ATTEND, CORRIDOR, LAVROV, NOT_ATTEND, store_statements

pytestmark = pytest.mark.slow

USER = "U0READER01"


@pytest.fixture
def dm(slack) -> str:
    slack.add_user(USER, name="reader")
    return slack.dm_channel(USER)


def said_recently(engine, *, now: datetime) -> None:
    """Lavrov said he would attend 40 days ago; yesterday that he will not."""
    store_statements(
        engine,
        [
            (now - timedelta(days=40), LAVROV, ATTEND),
            (now - timedelta(days=20), LAVROV, CORRIDOR),
            (now - timedelta(days=1), LAVROV, NOT_ATTEND),
        ],
    )


def follow_lavrov(engine) -> None:
    store_statements(engine, [(datetime(2026, 1, 5, tzinfo=UTC), LAVROV, "Talks are useful.")])
    with Session(engine) as session:
        [lavrov] = speakers_matching(session=session, query="Lavrov")
    follow(engine, user_id=USER, speaker_id=lavrov.id)


def dms(slack, dm: str) -> list:
    return [m for m in slack.messages(dm) if "Possible change of position" in (m.text or "")]


def test_a_follower_is_dmed_a_new_change_once_with_both_quotes(slack, settings, engine, nlp, dm):
    """A change found after the follow began reaches the follower as one DM with both quotes,
    dates and links side by side; the next run sends nothing more."""
    follow_lavrov(engine)
    now = datetime.now(UTC)
    said_recently(engine, now=now)
    note_positions(engine=engine, nlp=nlp, now=now)
    client = web_client(settings)

    assert send_position_alerts(engine=engine, client_for=lambda team: client) == {"sent": 1}
    [message] = dms(slack, dm)
    text = json.dumps(message.blocks)
    assert ATTEND in text and NOT_ATTEND in text and "Before" in text and "After" in text
    assert "https://news.example.com/" in text and CORRIDOR not in text
    assert send_position_alerts(engine=engine, client_for=lambda team: client) == {}
    assert len(dms(slack, dm)) == 1
    with Session(engine) as session:
        [alert] = session.exec(select(Alert)).all()
        assert alert.status == "sent" and alert.batch.startswith("position:")
    slack.assert_no_errors()


def test_changes_found_before_the_follow_or_long_ago_are_not_sent(slack, settings, engine, nlp, dm):
    """Following someone does not bring a DM about changes found before; nor is a change
    whose later statement is weeks old news."""
    now = datetime.now(UTC)
    said_recently(engine, now=now)
    note_positions(engine=engine, nlp=nlp, now=now - timedelta(hours=1))
    follow_lavrov(engine)
    client = web_client(settings)
    assert send_position_alerts(engine=engine, client_for=lambda team: client) == {}
    assert (
        send_position_alerts(
            engine=engine, client_for=lambda team: client, now=now + timedelta(days=30)
        )
        == {}
    )
    assert not dms(slack, dm)


def test_below_the_precision_bar_changes_are_recorded_but_nobody_is_dmed(
    slack, settings, engine, dm
):
    """The after-ingest step with the recorded figures (real-statement precision under
    0.85): the change is found and shown in timelines, and no DM goes out."""
    assert not alerts_allowed()
    follow_lavrov(engine)
    said_recently(engine, now=datetime.now(UTC))
    client = web_client(settings)
    wiring.note_positions(settings, engine=engine, client_for=lambda team: client)

    with Session(engine) as session:
        assert len(session.exec(select(PositionChange)).all()) == 1
        assert session.exec(select(Alert)).all() == []
    assert not slack.calls("conversations.open") and not dms(slack, dm)
