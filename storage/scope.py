"""Who may see what: operator content (the operator's `SUMMIT_FEEDS` and files) is every
workspace's; an article that only a workspace channel's own feed brought is seen only by the
workspaces whose channels subscribe to that feed (`ArticleFeed`). Every read a Slack user can
trigger takes a `Scope`."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import exists, or_, select, true
from sqlmodel import Session

from storage.models import Article, ArticleFeed, Subscription


def feed_list(value: str) -> tuple[str, ...]:
    """A subscription's stored feeds as a tuple: a JSON array (`feeds_value`), or a list
    stored before that, line or comma separated (an address with a comma in it was split
    then, which is why lists are data now)."""
    text = (value or "").strip()
    if text.startswith("["):
        try:
            found = json.loads(text)
        except ValueError:
            found = None
        if isinstance(found, list):
            return tuple(f.strip() for f in found if isinstance(f, str) and f.strip())
    separator = "\n" if "\n" in text else ","
    return tuple(f.strip() for f in text.split(separator) if f.strip())


def feeds_value(feeds: Sequence[str]) -> str:
    """How a subscription's feeds are stored: a JSON array ("" for none)."""
    return json.dumps(list(feeds), ensure_ascii=False) if feeds else ""


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
