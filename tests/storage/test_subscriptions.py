"""Subscribing a channel when another process subscribes it at the same moment."""

from __future__ import annotations

from sqlalchemy import event, func, select
from sqlmodel import Session

from storage.engine import make_engine
from storage.models import Subscription
from storage.subscriptions import subscribe_channel

TEAM, CHANNEL = "T0RACE0001", "C0RACE0001"


def subscribe_racing(engine, *, digest_time: str) -> Subscription:
    """Subscribe CHANNEL while a second process subscribes it between our check and our insert
    (the window two schedulers starting with the same DIGEST_CHANNEL both hit)."""
    other = make_engine(engine.url.render_as_string(hide_password=False))
    raced = []

    def other_process_subscribes(_conn, _cursor, statement, *_args):
        if raced or not statement.lstrip().upper().startswith("INSERT INTO SUBSCRIPTION"):
            return
        raced.append(True)
        with Session(other) as session:
            subscribe_channel(
                session=session,
                team_id=TEAM,
                channel_id=CHANNEL,
                digest_time="07:00",
                timezone="UTC",
            )
            session.commit()

    event.listen(engine, "before_cursor_execute", other_process_subscribes)
    try:
        with Session(engine) as session:
            row = subscribe_channel(
                session=session,
                team_id=TEAM,
                channel_id=CHANNEL,
                digest_time=digest_time,
                timezone="Europe/Paris",
            )
            session.commit()
            session.refresh(row)
            return row
    finally:
        event.remove(engine, "before_cursor_execute", other_process_subscribes)
        other.dispose()
        assert raced, "the other process subscribed in the window"


def test_subscribing_a_channel_another_process_just_subscribed_updates_its_row(engine):
    """A channel subscribed by another process between check and insert is updated, not an error."""
    row = subscribe_racing(engine, digest_time="09:15")
    assert (row.digest_time, row.timezone) == ("09:15", "Europe/Paris")
    with Session(engine) as session:
        count = session.exec(select(func.count()).select_from(Subscription)).scalar_one()
    assert count == 1
