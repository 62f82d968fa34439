"""A channel's digest subscription: subscribing, its settings, its own feeds (within the
channel's and the workspace's caps) and its last delivery error."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from storage.models import (
    Subscription,
)
from storage.scope import feed_list, feeds_value


def subscribe_channel(
    *,
    session: Session,
    team_id: str,
    channel_id: str,
    digest_time: str,
    timezone: str,
    weekdays: str = "mon,tue,wed,thu,fri,sat,sun",
    keywords: str = "",
    subscribed_by: str | None = None,
    enterprise_id: str | None = None,
) -> Subscription:
    """Create or update a channel's subscription (idempotent, also when another process
    subscribes the channel at the same moment: its row is then updated); `enterprise_id` is
    the workspace's Enterprise Grid org, which the scheduler needs to find its installation."""
    where = (Subscription.team_id == team_id, Subscription.channel_id == channel_id)
    row = session.exec(select(Subscription).where(*where)).scalar_one_or_none()
    if row is None:
        try:
            with session.begin_nested():
                row = Subscription(
                    team_id=team_id, channel_id=channel_id, subscribed_by=subscribed_by
                )
                session.add(row)
                session.flush()
        except IntegrityError:  # subscribed by another process since our check
            row = session.exec(select(Subscription).where(*where)).scalar_one()
    row.enterprise_id = enterprise_id or row.enterprise_id
    row.digest_time, row.timezone, row.weekdays = digest_time, timezone, weekdays
    row.keywords, row.paused = keywords, False
    session.add(row)
    session.flush()
    return row


class FeedLimitError(ValueError):
    """A change would give a channel more feeds than it may follow."""


class WorkspaceFeedLimitError(FeedLimitError):
    """A change would give a workspace's channels more distinct feeds than they may follow."""


def change_feeds(
    *,
    session: Session,
    team_id: str,
    channel_id: str,
    add: Sequence[str] = (),
    remove: Sequence[str] = (),
    limit: int,
    workspace_limit: int | None = None,
) -> tuple[str, ...] | None:
    """Add and remove a channel's own feeds as one compare-and-set (retried when another
    change came in between), so changes made at the same moment are all kept; returns the
    feeds now stored, None when the channel has no subscription. Raises FeedLimitError past
    `limit` feeds, and WorkspaceFeedLimitError when it would take the workspace's channels
    past `workspace_limit` distinct feeds (removing is always allowed). Two channels adding
    at the same moment may each pass that count, so it can be exceeded by a few."""
    where = (Subscription.team_id == team_id, Subscription.channel_id == channel_id)
    while True:
        stored = session.exec(select(Subscription.feeds).where(*where)).scalar_one_or_none()
        if stored is None:
            return None
        feeds = [f for f in feed_list(stored) if f not in remove]
        feeds = list(dict.fromkeys([*feeds, *add]))
        if len(feeds) > limit:
            raise FeedLimitError(f"A channel can follow at most {limit} feeds.")
        if workspace_limit is not None and add:
            _check_workspace_feeds(
                session, team_id, channel_id, before=stored, after=feeds, limit=workspace_limit
            )
        changed = session.exec(
            update(Subscription)
            .where(*where, Subscription.feeds == stored)
            .values(feeds=feeds_value(feeds))
        )
        if changed.rowcount == 1:
            return tuple(feeds)
        session.rollback()  # someone else changed the list: read it again


def _check_workspace_feeds(
    session: Session,
    team_id: str,
    channel_id: str,
    *,
    before: str,
    after: Sequence[str],
    limit: int,
) -> None:
    others: set[str] = set()
    for value in session.exec(
        select(Subscription.feeds).where(
            Subscription.team_id == team_id, Subscription.channel_id != channel_id
        )
    ).scalars():
        others.update(feed_list(value))
    had, will = others | set(feed_list(before)), others | set(after)
    if len(will) > limit and len(will) > len(had):
        raise WorkspaceFeedLimitError(
            f"This workspace's channels follow {len(had)} feeds between them, and may follow "
            f"at most {limit} feeds in all. Remove some with `/digest feeds remove` here or in "
            "another channel, or ask whoever runs Summit Digest to raise the limit."
        )


def update_subscription(
    *,
    session: Session,
    team_id: str,
    channel_id: str,
    name: str | None = None,
    keywords: Sequence[str] | None = None,
    digest_time: str | None = None,
    timezone: str | None = None,
    weekdays: Sequence[str] | None = None,
    paused: bool | None = None,
    format: str | None = None,
    feeds: Sequence[str] | None = None,
) -> Subscription | None:
    """Change only the given settings of a channel's subscription; None when it has none.

    `name=""` clears the summit name; `keywords=()` means "everything".
    """
    row = session.exec(
        select(Subscription).where(
            Subscription.team_id == team_id, Subscription.channel_id == channel_id
        )
    ).scalar_one_or_none()
    if row is None:
        return None
    if name is not None:
        row.name = name[:200] or None
    if keywords is not None:
        row.keywords = ",".join(k.replace(",", " ") for k in keywords)[:1000]
    if digest_time is not None:
        row.digest_time = digest_time
    if timezone is not None:
        row.timezone = timezone[:64]
    if weekdays is not None:
        row.weekdays = ",".join(weekdays)
    if paused is not None:
        row.paused = paused
    if format is not None:
        row.format = format
    if feeds is not None:
        row.feeds = feeds_value(feeds)
    session.add(row)
    session.flush()
    return row


def unsubscribe_channel(*, session: Session, team_id: str, channel_id: str) -> bool:
    """Remove the channel's subscription (its past digest claims stay); False when it had none."""
    deleted = session.exec(
        delete(Subscription).where(
            Subscription.team_id == team_id, Subscription.channel_id == channel_id
        )
    )
    return deleted.rowcount > 0


def record_channel_error(
    *, session: Session, team_id: str, channel_id: str, error: str | None
) -> None:
    """Keep the channel's last delivery error (None once a digest reached it) for
    `/digest status`; a channel with no subscription has nowhere to keep it."""
    subscription = session.exec(
        select(Subscription).where(
            Subscription.team_id == team_id, Subscription.channel_id == channel_id
        )
    ).scalar_one_or_none()
    if subscription is not None and subscription.last_error != error:
        subscription.last_error = error
        session.add(subscription)
