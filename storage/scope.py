"""Who may see what: operator content (the operator's `SUMMIT_FEEDS` and files) is every
workspace's; an article that only a workspace channel's own feed brought is seen only by the
workspaces whose channels subscribe to that feed (`ArticleFeed`). Every read a Slack user can
trigger takes a `Scope`."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import exists, or_, select, true
from sqlmodel import Session

from storage.models import Article, ArticleFeed, Subscription


def feed_list(value: str) -> tuple[str, ...]:
    """A subscription's stored feeds (comma or line separated) as a tuple."""
    return tuple(f.strip() for f in value.replace("\n", ",").split(",") if f.strip())


@dataclass(frozen=True, slots=True)
class Scope:
    """Which articles a reader may see: everything from the operator's feeds and files, plus
    articles that these channel feeds carried. `feeds=None` sees everything (the operator's
    own CLI)."""

    feeds: tuple[str, ...] | None = ()

    def visible(self):
        """A SQL condition on `Article` for this scope."""
        if self.feeds is None:
            return true()
        from_feeds = exists().where(
            ArticleFeed.article_id == Article.id, ArticleFeed.feed_url.in_(self.feeds)
        )
        return (
            or_(Article.origin != "channel", from_feeds)
            if self.feeds
            else (Article.origin != "channel")
        )


EVERYTHING = Scope(feeds=None)


def workspace_scope(*, session: Session, team_id: str) -> Scope:
    """What a workspace sees anywhere (`/who-said`, `/disputes`, DMs, App Home): operator
    content plus every feed its channels subscribe to."""
    rows = session.exec(select(Subscription.feeds).where(Subscription.team_id == team_id))
    return Scope(
        feeds=tuple(dict.fromkeys(f for value in rows.scalars() for f in feed_list(value)))
    )


def channel_scope(*, session: Session, team_id: str, channel_id: str) -> Scope:
    """What a channel's digest shows: operator content plus that channel's own feeds."""
    value = session.exec(
        select(Subscription.feeds).where(
            Subscription.team_id == team_id, Subscription.channel_id == channel_id
        )
    ).scalar_one_or_none()
    return Scope(feeds=feed_list(value or ""))
