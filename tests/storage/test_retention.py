"""Retention: old claim and de-duplication rows go, what is still read or in flight stays."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import event, func, select
from sqlmodel import Session

from storage.models import Alert, DigestPost, FeedState, SeenEvent
from storage.reads import last_digest_until
from storage.retention import Retention, purge_expired
from storage.subscriptions import subscribe_channel, update_subscription

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
OLD = NOW - timedelta(days=200)
RECENT = NOW - timedelta(days=1)
RETENTION = Retention(
    alerts=timedelta(days=90),
    digest_posts=timedelta(days=90),
    seen_events=timedelta(days=2),
    feed_states=timedelta(days=30),
)


def purge(engine, *, operator_feeds=(), dry_run=False, batch=500) -> dict[str, int]:
    return purge_expired(
        engine=engine,
        now=NOW,
        retention=RETENTION,
        operator_feeds=operator_feeds,
        dry_run=dry_run,
        batch=batch,
    )


def add(engine, *rows) -> None:
    with Session(engine) as session:
        session.add_all(rows)
        session.commit()


def ids(engine, column) -> set:
    with Session(engine) as session:
        return set(session.exec(select(column)).scalars())


def digest(channel: str, day: int, status: str = "posted", slot: str = "scheduled", **fields):
    at = OLD + timedelta(days=day)
    return DigestPost(
        team_id="T1",
        channel_id=channel,
        digest_date=date(2025, 11, 1) + timedelta(days=day),
        slot=slot,
        status=status,
        covers_until=fields.pop("covers_until", at),
        claimed_at=fields.pop("claimed_at", at),
        **fields,
    )


def test_old_alerts_go_and_recent_or_pending_ones_stay(engine):
    """Sent, uncertain and superseded failed alerts past retention are deleted; recent ones,
    claims in flight and a user's newest failed batch (retaken by the next run) stay."""
    add(
        engine,
        Alert(team_id="T1", user_id="U1", batch="through:1", status="sent", claimed_at=OLD),
        Alert(team_id="T1", user_id="U1", batch="through:2", status="uncertain", claimed_at=OLD),
        Alert(team_id="T1", user_id="U2", batch="through:3", status="failed", claimed_at=OLD),
        Alert(team_id="T1", user_id="U2", batch="through:4", status="sent", claimed_at=RECENT),
        Alert(team_id="T1", user_id="U3", batch="through:5", status="claimed", claimed_at=OLD),
        Alert(team_id="T1", user_id="U4", batch="through:6", status="failed", claimed_at=OLD),
        Alert(team_id="T1", user_id="U5", batch="through:7", status="sending", claimed_at=OLD),
    )
    assert purge(engine)["alerts"] == 3
    assert ids(engine, Alert.batch) == {"through:4", "through:5", "through:6", "through:7"}


def test_old_digest_posts_go_but_what_the_next_window_reads_stays(engine):
    """Digest claims past retention are deleted, except those still claimed or posting and each
    channel's newest posted scheduled and on-demand digest, so the next windows do not move."""
    add(
        engine,
        digest("C1", 0, ts="1.0"),
        digest("C1", 1, status="failed"),
        digest("C1", 2, ts="2.0"),  # C1's newest scheduled digest: the next one starts here
        digest("C1", 3, slot="now:a", ts="3.0"),  # its newest /digest now
        digest("C1", 4, slot="now:b", status="unreachable"),
        digest("C1", 5, status="claimed"),
        digest("C1", 6, status="posting"),
        digest("C2", 0, ts="4.0"),
        digest("C2", 1, slot="now:c", ts="5.0"),
        digest("C2", 198, slot="now:d", ts="6.0"),  # recent: kept, and newer than now:c
        digest("C3", 7, status="partial", ts="7.0"),
    )
    with Session(engine) as session:
        windows = {
            (channel, only): last_digest_until(
                session=session, team_id="T1", channel_id=channel, scheduled_only=only
            )
            for channel in ("C1", "C2")
            for only in (True, False)
        }
    assert purge(engine)["digest_posts"] == 5
    kept = {(channel, slot, status) for channel, slot, status in _digests(engine)}
    assert kept == {
        ("C1", "scheduled", "posted"),
        ("C1", "now:a", "posted"),
        ("C1", "scheduled", "claimed"),
        ("C1", "scheduled", "posting"),
        ("C2", "scheduled", "posted"),
        ("C2", "now:d", "posted"),
    }
    with Session(engine) as session:
        for (channel, only), until in windows.items():
            assert until is not None
            assert (
                last_digest_until(
                    session=session, team_id="T1", channel_id=channel, scheduled_only=only
                )
                == until
            )


def _digests(engine) -> list[tuple[str, str, str]]:
    with Session(engine) as session:
        rows = session.exec(select(DigestPost.channel_id, DigestPost.slot, DigestPost.status))
        return [tuple(row) for row in rows.all()]


def test_seen_events_older_than_retention_go(engine):
    """Event ids seen more than SEEN_EVENT_RETENTION_DAYS ago are deleted; recent ones, which
    answer Slack's retries, stay."""
    add(
        engine,
        SeenEvent(event_id="Ev-old", seen_at=NOW - timedelta(days=3)),
        SeenEvent(event_id="Ev-old-handling", seen_at=NOW - timedelta(days=3), status="handling"),
        SeenEvent(event_id="Ev-yesterday", seen_at=NOW - timedelta(days=1)),
        SeenEvent(event_id="Ev-now", seen_at=NOW - timedelta(minutes=1), status="handling"),
    )
    assert purge(engine)["seen_events"] == 2
    assert ids(engine, SeenEvent.event_id) == {"Ev-yesterday", "Ev-now"}


def test_only_the_state_of_feeds_nobody_reads_goes(engine):
    """An old feed state goes only when no channel subscribes the feed (paused ones count) and it
    is not in SUMMIT_FEEDS; a live feed's state stays however old, and so does a leased one."""
    with Session(engine) as session:
        for channel, feed in (("C1", "https://a.example/rss"), ("C2", "https://p.example/rss")):
            subscribe_channel(
                session=session,
                team_id="T1",
                channel_id=channel,
                digest_time="07:30",
                timezone="UTC",
            )
            update_subscription(session=session, team_id="T1", channel_id=channel, feeds=[feed])
        update_subscription(session=session, team_id="T1", channel_id="C2", paused=True)
        session.commit()
    add(
        engine,
        FeedState(url="https://a.example/rss", last_fetched_at=OLD),
        FeedState(url="https://p.example/rss", last_fetched_at=OLD),
        FeedState(url="https://operator.example/rss", last_fetched_at=OLD),
        FeedState(url="https://gone.example/rss", last_fetched_at=OLD),
        FeedState(url="https://never.example/rss"),
        FeedState(url="https://recent.example/rss", last_fetched_at=RECENT),
        FeedState(
            url="https://leased.example/rss",
            last_fetched_at=OLD,
            leased_until=NOW + timedelta(minutes=5),
            leased_by="worker 1",
        ),
    )
    assert purge(engine, operator_feeds=["https://operator.example/rss"])["feed_states"] == 2
    assert ids(engine, FeedState.url) == {
        "https://a.example/rss",
        "https://p.example/rss",
        "https://operator.example/rss",
        "https://recent.example/rss",
        "https://leased.example/rss",
    }


def test_a_dry_run_counts_and_deletes_nothing(engine):
    """With dry_run the counts are those a real purge then deletes, and every row is still there."""
    add(
        engine,
        Alert(team_id="T1", user_id="U1", batch="through:1", status="sent", claimed_at=OLD),
        digest("C1", 0),
        digest("C1", 1),
        SeenEvent(event_id="Ev-old", seen_at=OLD),
        FeedState(url="https://gone.example/rss", last_fetched_at=OLD),
    )
    counts = {"alerts": 1, "digest_posts": 1, "seen_events": 1, "feed_states": 1}
    assert purge(engine, dry_run=True) == counts
    assert purge(engine, dry_run=True) == counts
    assert purge(engine) == counts
    assert purge(engine) == dict.fromkeys(counts, 0)


def test_deletes_go_in_bounded_batches(engine):
    """A big backlog is deleted a batch at a time, each in its own short transaction."""
    add(
        engine,
        *(SeenEvent(event_id=f"Ev{n:03}", seen_at=OLD) for n in range(7)),
        SeenEvent(event_id="Ev-new", seen_at=NOW),
    )
    deletes = []

    def count(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("DELETE FROM SEENEVENT"):
            deletes.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        assert purge(engine, batch=3)["seen_events"] == 7
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert len(deletes) == 3
    with Session(engine) as session:
        assert session.exec(select(func.count()).select_from(SeenEvent)).scalar_one() == 1
