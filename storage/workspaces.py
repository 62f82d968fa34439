"""A workspace as a whole: which Enterprise Grid org it belongs to, as its own requests told
us, and deleting its data when the app is uninstalled.

Slack names a Grid workspace's org in every request (`context.enterprise_id`); subscriptions
and follows keep it, so work that starts with no request (digests, follow-up DMs, a queued
`/digest now`) can find the workspace's installation, which slack_sdk's store keys by org.
"""

from __future__ import annotations

from sqlalchemy import delete, select, union_all
from sqlmodel import Session

from storage.models import (
    Alert,
    Follow,
    SeenEvent,
    Subscription,
)


def enterprise_of(*, session: Session, team_id: str) -> str | None:
    """The Grid org a workspace's subscriptions or follows were made in; None outside Grid."""
    stored = union_all(
        select(Subscription.enterprise_id).where(
            Subscription.team_id == team_id, Subscription.enterprise_id.is_not(None)
        ),
        select(Follow.enterprise_id).where(
            Follow.team_id == team_id, Follow.enterprise_id.is_not(None)
        ),
    ).limit(1)
    return session.exec(stored).scalar_one_or_none()


def delete_workspace_data(*, session: Session, team_id: str) -> dict[str, int]:
    """Remove a workspace's subscriptions, follows and alert claims (after an uninstall).

    Its digest jobs disappear at the scheduler's next sync, which rebuilds from the table.
    Articles and statements are shared news and stay.
    """
    counts = {}
    for name, model in (("subscriptions", Subscription), ("follows", Follow), ("alerts", Alert)):
        counts[name] = session.exec(delete(model).where(model.team_id == team_id)).rowcount
    session.exec(delete(SeenEvent).where(SeenEvent.team_id == team_id))
    return counts
