"""Who may subscribe a channel and edit its feeds (`SUBSCRIBE_POLICY`), and who may change
the rest of its digest.

Subscribing makes someone the channel's digest owner, and feeds make the ingest fetch
addresses a Slack user chose, so both are kept to the people the workspace chose:
`admins` (workspace admins and owners), `creators` (those, and whoever created the channel;
the default) or `members` (any full member). Guests — Slack's restricted and ultra-restricted
users — never may, whatever the policy. Slack says who someone is (`users.info`, needing
`users:read`) and who created the channel (`conversations.info`, `channels:read` and
`groups:read`); when it cannot say, the answer is no, never a guess. Other changes (time,
days, pause…) stay with admins and the person who subscribed the channel.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from slack_sdk import WebClient

from bot.commands.digest import (
    ChangeFeeds,
    DigestRequest,
    Subscribe,
    may_change,
    needs_permission,
)
from bot.render import Message
from bot.render_commands import policy_refusal_message, refusal_message
from storage.reads import ChannelSubscription

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Member:
    """What `users.info` says about the person asking."""

    user_id: str
    is_admin: bool  # an admin, owner or primary owner of the workspace
    is_guest: bool  # a multi- or single-channel guest (is_restricted / is_ultra_restricted)


def guarded_by_policy(request: DigestRequest, current: ChannelSubscription | None) -> bool:
    """Subscribing a channel that has no digest, and any change to its feeds."""
    return isinstance(request, ChangeFeeds) or (isinstance(request, Subscribe) and current is None)


def may_subscribe(policy: str, member: Member, *, created_channel: bool) -> bool:
    """Whether `member` may subscribe a channel under `policy`.

    >>> member = Member("U1", is_admin=False, is_guest=False)
    >>> may_subscribe("creators", member, created_channel=True)
    True
    """
    if member.is_guest:
        return False
    if member.is_admin or policy == "members":
        return True
    return policy == "creators" and created_channel


def may_edit_feeds(
    policy: str, member: Member, *, created_channel: bool, subscribed_by: str | None
) -> bool:
    """Feeds: whoever may subscribe under `policy` and is an admin or the channel's creator;
    under `members`, also the person who subscribed it (as for the other changes)."""
    if not may_subscribe(policy, member, created_channel=created_channel):
        return False
    subscriber = policy == "members" and member.user_id == subscribed_by
    return member.is_admin or created_channel or subscriber


def permission_refusal(
    request: DigestRequest,
    current: ChannelSubscription | None,
    *,
    policy: str,
    client: WebClient,
    user_id: str,
    channel_id: str,
) -> Message | None:
    """A kind no when `user_id` may not make `request` here; None when they may."""
    subscribed_by = current.subscribed_by if current else None
    if guarded_by_policy(request, current):
        member = member_info(client, user_id)
        if member is None:
            return refusal_message(subscribed_by=subscribed_by, checked=False)
        if member.is_guest:
            return policy_refusal_message(policy, guest=True)
        created = False
        if not member.is_admin and _creator_counts(policy, request, member, subscribed_by):
            creator = channel_creator(client, channel_id)
            if creator is None:  # Slack did not answer; "" when the channel has no creator
                return refusal_message(subscribed_by=subscribed_by, checked=False)
            created = creator == user_id
        allowed = (
            may_edit_feeds(policy, member, created_channel=created, subscribed_by=subscribed_by)
            if isinstance(request, ChangeFeeds)
            else may_subscribe(policy, member, created_channel=created)
        )
        if allowed:
            return None
        if policy == "members":  # feeds of a channel someone else subscribed
            return refusal_message(subscribed_by=subscribed_by, checked=True)
        return policy_refusal_message(policy)
    if needs_permission(request, current):
        member = None if user_id == subscribed_by else member_info(client, user_id)
        is_admin = None if member is None else member.is_admin
        if not may_change(user_id=user_id, subscribed_by=subscribed_by, is_admin=is_admin):
            checked = user_id == subscribed_by or member is not None
            return refusal_message(subscribed_by=subscribed_by, checked=checked)
    return None


def _creator_counts(
    policy: str, request: DigestRequest, member: Member, subscribed_by: str | None
) -> bool:
    """Whether being the channel's creator could change the answer (so Slack is asked)."""
    if policy == "creators":
        return True
    if policy == "members" and isinstance(request, ChangeFeeds):
        return member.user_id != subscribed_by
    return False


def member_info(client: WebClient, user_id: str) -> Member | None:
    """What Slack says about `user_id`; None when it could not say."""
    try:
        user = client.users_info(user=user_id)["user"]
    except Exception as error:  # missing scope, rate limit, timeout: refuse, don't guess
        log.warning("users.info for the permission check failed: %s", type(error).__name__)
        return None
    return Member(
        user_id=user_id,
        is_admin=bool(user.get("is_admin") or user.get("is_owner") or user.get("is_primary_owner")),
        is_guest=bool(user.get("is_restricted") or user.get("is_ultra_restricted")),
    )


def channel_creator(client: WebClient, channel_id: str) -> str | None:
    """The user who created the channel ("" for none, e.g. a DM); None when Slack could not
    say."""
    try:
        channel = client.conversations_info(channel=channel_id)["channel"]
    except Exception as error:  # e.g. missing channels:read / groups:read on an old install
        log.warning("conversations.info for the permission check failed: %s", type(error).__name__)
        return None
    return channel.get("creator") or ""
