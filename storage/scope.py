"""Who may see what: operator content (the operator's `SUMMIT_FEEDS` and files) is every
workspace's; an article that only a workspace channel's own feed brought is seen only by the
workspaces whose channels subscribe to that feed (`ArticleFeed`). Every read a Slack user can
trigger takes a `Scope`, which also carries what the workspace's readers corrected."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import and_, exists, or_, select, true
from sqlmodel import Session

from storage.corrections import workspace_corrections
from storage.models import Article, ArticleFeed, Dispute, Statement, Subscription
from storage.views import NO_CORRECTIONS, Corrections


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
    own CLI). `corrections` are the workspace's readers' own (`storage.corrections`): what
    they hid stays hidden and a statement they moved is read as its corrected speaker's."""

    feeds: tuple[str, ...] | None = ()
    corrections: Corrections = NO_CORRECTIONS

    def visible(self, article=Article):
        """A SQL condition on `Article` (or an alias of it) for this scope."""
        if self.feeds is None:
            return true()
        from_feeds = exists().where(
            ArticleFeed.article_id == article.id, ArticleFeed.feed_url.in_(self.feeds)
        )
        return (
            or_(article.origin != "channel", from_feeds)
            if self.feeds
            else (article.origin != "channel")
        )

    def statements_shown(self) -> list:
        """Conditions on `Statement`: none the workspace's readers hid."""
        hidden = self.corrections.hidden_statements
        return [Statement.id.not_in(sorted(hidden))] if hidden else []

    def disputes_shown(self) -> list:
        """Conditions on `Dispute`: none the workspace's readers hid."""
        hidden = self.corrections.hidden_disputes
        return [Dispute.id.not_in(sorted(hidden))] if hidden else []

    def said_by(self, speaker_id: int):
        """A condition on `Statement`: said by `speaker_id` as the workspace reads it (its
        statements moved to another speaker left out, those moved to it taken in)."""
        moved = self.corrections.moved_ids
        if not moved:
            return Statement.speaker_id == speaker_id
        own = and_(Statement.speaker_id == speaker_id, Statement.id.not_in(sorted(moved)))
        taken = self.corrections.moved_to(speaker_id)
        return or_(own, Statement.id.in_(taken)) if taken else own


EVERYTHING = Scope(feeds=None)


def workspace_scope(*, session: Session, team_id: str) -> Scope:
    """What a workspace sees anywhere (`/who-said`, `/disputes`, DMs, App Home): operator
    content plus every feed its channels subscribe to."""
    rows = session.exec(select(Subscription.feeds).where(Subscription.team_id == team_id))
    return Scope(
        feeds=tuple(dict.fromkeys(f for value in rows.scalars() for f in feed_list(value))),
        corrections=workspace_corrections(session=session, team_id=team_id),
    )


def channel_scope(*, session: Session, team_id: str, channel_id: str) -> Scope:
    """What a channel's digest shows: operator content plus that channel's own feeds."""
    value = session.exec(
        select(Subscription.feeds).where(
            Subscription.team_id == team_id, Subscription.channel_id == channel_id
        )
    ).scalar_one_or_none()
    return Scope(
        feeds=feed_list(value or ""),
        corrections=workspace_corrections(session=session, team_id=team_id),
    )
