"""Which Enterprise Grid org a workspace belongs to, as its own requests told us.

Slack names a Grid workspace's org in every request (`context.enterprise_id`); subscriptions
and follows keep it, so work that starts with no request (digests, follow-up DMs, a queued
`/digest now`) can find the workspace's installation, which slack_sdk's store keys by org.
"""

from __future__ import annotations

from sqlalchemy import union_all
from sqlmodel import Session, select

from storage.models import Follow, Subscription


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
