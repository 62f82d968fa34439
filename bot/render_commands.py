"""Pure Block Kit renderers for `/disputes` and `/digest`: data in, validated `Message` out.

Everything a user or an article wrote goes through `echo`/`escape`; the only `<…>`
sequences built here are links (`link`), mentions of Slack user ids and date tokens.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    HeaderBlock,
    MarkdownTextObject,
    PlainTextObject,
)

from bot.commands.digest import (
    WEEKDAYS,
    Change,
    ChangeFeeds,
    SetDays,
    SetFormat,
    SetPaused,
    SetTime,
    Subscribe,
    Unsubscribe,
)
from bot.mrkdwn import cut, date_token, echo, escape
from bot.render import (
    Message,
    _section,
    corrected_section,
    dispute_mrkdwn,
    dispute_plain,
    message,
    text_message,
)
from storage.reads import ChannelSubscription, DigestInDoubt
from storage.views import DisputeView

DISPUTES_PAGE_SIZE = 5
_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,20}$")
_DAY_LABELS = dict(zip(WEEKDAYS, ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"), strict=True))


# ----------------------------------------------------------------------- disputes


@dataclass(frozen=True, slots=True)
class DisputesPage:
    """One page of `/disputes` results: what was asked, what was found, how many in all."""

    query: str | None
    page: int
    disputes: tuple[DisputeView, ...]
    total: int
    close_names: tuple[str, ...] = ()

    @property
    def has_more(self) -> bool:
        return (self.page + 1) * DISPUTES_PAGE_SIZE < self.total


def disputes_message(result: DisputesPage) -> Message:
    """Who disputes whom, about what, with the sentence and its source; newest first."""
    about = f" involving *{echo(result.query)}*" if result.query else ""
    if not result.disputes:
        if result.total:
            return text_message(f"No more disputes{about}.")
        if not result.query:
            return text_message(
                "No disputes have been recorded yet. They appear once articles in which someone "
                "rejects, denies, accuses, criticises or warns someone have been ingested."
            )
        lines = [f"No disputes{about} yet."]
        if result.close_names:
            names = ", ".join(f"*{escape(n)}*" for n in result.close_names)
            lines.append(f"Did you mean {names}?")
        lines.append("Try a name or a topic, e.g. `/disputes Lavrov` or `/disputes Ukraine`.")
        return text_message("\n".join(lines))
    first = result.page * DISPUTES_PAGE_SIZE + 1
    last = first + len(result.disputes) - 1
    blocks: list[Block] = [
        HeaderBlock(text=PlainTextObject(text="Who disputes whom")),
        ContextBlock(
            elements=[
                MarkdownTextObject(
                    text=f"Disputes {first}–{last} of {result.total}{about} · newest first"
                )
            ]
        ),
    ]
    blocks += [
        corrected_section(dispute_mrkdwn(dispute), "dispute", dispute.id)
        for dispute in result.disputes
    ]
    blocks.append(_disputes_actions(result))
    plain = "Disputes: " + " | ".join(dispute_plain(d, arrow="→") for d in result.disputes)
    return message(escape(cut(plain, 1000)), blocks)


def disputes_value(query: str | None, page: int) -> str:
    """What a paging button carries: the query and the page to show."""
    return json.dumps({"q": query, "p": page}, separators=(",", ":"))[:2000]


def _disputes_actions(result: DisputesPage) -> ActionsBlock:
    buttons = []
    if result.page > 0:
        buttons.append(_button("Newer", "disputes_page_newer", result, result.page - 1))
    if result.has_more:
        buttons.append(_button("Older", "disputes_page_older", result, result.page + 1))
    buttons.append(_button("Share in channel", "disputes_share", result, result.page))
    return ActionsBlock(block_id="disputes_actions", elements=buttons)


def _button(label: str, action_id: str, result: DisputesPage, page: int) -> ButtonElement:
    return ButtonElement(
        text=PlainTextObject(text=label),
        action_id=action_id,
        value=disputes_value(result.query, page),
    )


# ----------------------------------------------------------------------- /digest


def digest_status_message(
    subscription: ChannelSubscription | None,
    *,
    next_at: datetime | None,
    note: str = "",
    in_doubt: Sequence[DigestInDoubt] = (),
) -> Message:
    """What this channel gets and when; `note` (escaped mrkdwn) goes first, e.g. "Done: …";
    `in_doubt` lists recent digests that may not have been posted."""
    if subscription is None:
        text = (
            "This channel has no Summit Digest. Start one with "
            "`/digest subscribe [summit or keywords]`."
        )
        return text_message(f"{note}\n{text}" if note else text)
    schedule = subscription.schedule
    topic = (
        f"*{echo(subscription.name, 200)}*"
        if subscription.name
        else "everything from its feeds"
        if not schedule.keywords
        else "statements and disputes that mention a keyword"
    )
    keywords = ", ".join(f"`{echo(k, 100)}`" for k in schedule.keywords) or "none (everything)"
    lines = [
        f"*Topic:* {topic}",
        f"*Keywords:* {keywords}",
        f"*When:* {schedule.digest_time} {escape(schedule.timezone)}, "
        f"{days_label(schedule.weekdays)}",
        f"*Next digest:* {_next_label(next_at) if next_at else _not_scheduled(schedule.paused)}",
        f"*Format:* {escape(subscription.format)}",
        f"*Feeds:* {_feeds_label(subscription.feeds, filtered=bool(schedule.keywords))}",
        f"*Subscribed by:* {_person(subscription.subscribed_by)}",
    ]
    if schedule.last_error:
        lines.append(_error_line(schedule.last_error))
    lines += [_in_doubt_line(digest) for digest in in_doubt]
    blocks: list[Block] = []
    if note:
        blocks.append(_section(note))
    blocks += [
        HeaderBlock(text=PlainTextObject(text="Summit Digest in this channel")),
        _section("\n".join(lines)),
        ContextBlock(
            elements=[
                MarkdownTextObject(
                    text="Change it with `/digest help`; changes apply within a minute."
                )
            ]
        ),
    ]
    plain = note or f"Digest here at {schedule.digest_time} {schedule.timezone}"
    return message(_plain(plain), blocks)


def change_note(change: Change, updated: ChannelSubscription | None = None) -> str:
    """One line confirming what a change did (escaped mrkdwn); `updated` is the channel's
    subscription after it."""
    if isinstance(change, Subscribe):
        about = (
            ", ".join(f"*{echo(k, 100)}*" for k in change.keywords)
            or "everything from the operator's feeds and this channel's own"
        )
        return (
            f"Subscribed: this channel gets a digest about {about}. Make sure Summit Digest is "
            "a member (`/invite @Summit Digest`) so it can post here."
        )
    if isinstance(change, Unsubscribe):
        return "Unsubscribed: no more digests in this channel."
    if isinstance(change, SetTime):
        zone = f" {escape(change.timezone)}" if change.timezone else ""
        return f"Done: the digest now comes at {change.digest_time}{zone}."
    if isinstance(change, SetDays):
        return f"Done: the digest now comes {days_label(change.weekdays)}."
    if isinstance(change, SetPaused):
        return (
            "Paused: no digests until `/digest resume`."
            if change.paused
            else "Resumed: digests are back on schedule."
        )
    if isinstance(change, SetFormat):
        return f"Done: the digest is now {change.format}."
    if isinstance(change, ChangeFeeds):
        done = [f"added {len(change.add)}"] * bool(change.add)
        done += [f"removed {len(change.remove)}"] * bool(change.remove)
        count = len(updated.feeds) if updated else 0
        return (
            f"Done ({', '.join(done)}): this channel now follows {count} feed"
            f"{'s' * (count != 1)} of its own, on top of the operator's."
        )
    raise TypeError(f"not a change: {change!r}")


def refusal_message(*, subscribed_by: str | None, checked: bool) -> Message:
    """A kind no, naming who can say yes."""
    who = "workspace admins and owners"
    if subscribed_by and _USER_ID.match(subscribed_by):
        who += f", or <@{subscribed_by}> who subscribed it"
    if not checked:
        return text_message(
            "I couldn't check with Slack whether you are a workspace admin, so nothing was "
            "changed. Please try again in a moment."
        )
    return text_message(
        f"Sorry, only {who}, can change this channel's digest. "
        "You can still use `/digest status` and `/digest now`."
    )


def policy_refusal_message(policy: str, *, guest: bool = False) -> Message:
    """A kind no to subscribing or editing feeds, naming who may (SUBSCRIBE_POLICY)."""
    if guest:
        return text_message(
            "Guests can't subscribe a channel or change its feeds. Ask a workspace admin or "
            "the person who created this channel; you can still use `/digest status` and "
            "`/digest now`."
        )
    if policy == "admins":
        who = "Sorry, only workspace admins and owners can subscribe a channel or change its feeds."
    else:
        who = (
            "Sorry, only workspace admins and owners, or the person who created this channel, "
            "can subscribe it or change its feeds."
        )
    return text_message(f"{who} You can still use `/digest status` and `/digest now`.")


def not_subscribed_message() -> Message:
    return digest_status_message(None, next_at=None)


def on_its_way_message() -> Message:
    return text_message("The digest is on its way to this channel; I'll note here how it went.")


def posted_message(*, outcome: str, error: str | None) -> Message:
    """How `/digest now` ended, for the person who asked."""
    if outcome == "posted":
        return text_message("Posted the digest in this channel.")
    if outcome == "already-claimed":
        return text_message("That digest is already being posted.")
    if outcome == "partial":
        return text_message("Posted the digest; some thread replies will follow shortly.")
    if outcome == "uncertain":
        return text_message(
            "Slack did not confirm the digest in time; check the channel before trying again."
        )
    if error and ("not_in_channel" in error or "channel_not_found" in error):
        return text_message(
            "I couldn't post here because I'm not a member of this channel. "
            "Invite me with `/invite @Summit Digest` and try again."
        )
    return text_message(
        f"Slack did not take the digest ({escape(error or 'unknown error')}); "
        "please try again in a minute."
    )


def too_soon_message(seconds: int) -> Message:
    return text_message(
        f"A digest was posted here moments ago; `/digest now` works again in {seconds} s."
    )


def days_label(weekdays: tuple[str, ...]) -> str:
    """`every day`, `Monday to Friday`, `weekends`, or `Mon, Wed, Fri`."""
    days = tuple(d for d in WEEKDAYS if d in weekdays)
    if days == WEEKDAYS or not days:
        return "every day"
    if days == WEEKDAYS[:5]:
        return "Monday to Friday"
    if days == WEEKDAYS[5:]:
        return "weekends"
    return ", ".join(_DAY_LABELS[d] for d in days)


def _next_label(moment: datetime) -> str:
    local = moment.strftime("%a %d %b %Y, %H:%M %Z")
    token = date_token(moment, "{date_short_pretty} at {time}", local)
    return f"{local} ({token} your time)"


def _not_scheduled(paused: bool) -> str:
    return "none while paused — `/digest resume` to restart" if paused else "not scheduled"


def _feeds_label(feeds: tuple[str, ...], *, filtered: bool) -> str:
    """Where the digest's articles come from: the operator's feeds (`SUMMIT_FEEDS`) plus this
    channel's own, never another channel's; then its keywords choose among them."""
    which = ", filtered by the keywords above" if filtered else ", all of it"
    if not feeds:
        return f"the operator's feeds (this channel adds none of its own){which}"
    shown = ", ".join(escape(cut(f, 200)) for f in feeds[:10])
    more = f" and {len(feeds) - 10} more" if len(feeds) > 10 else ""
    return f"the operator's feeds plus this channel's own: {shown}{more}{which}"


def _person(user_id: str | None) -> str:
    if user_id and _USER_ID.match(user_id):
        return f"<@{user_id}>"
    return "the app's configuration" if not user_id else escape(user_id)


def _error_line(error: str) -> str:
    hint = ""
    if "not_in_channel" in error or "channel_not_found" in error:
        hint = " — invite me with `/invite @Summit Digest`"
    return f":warning: *Last attempt failed:* {escape(cut(error, 300))}{hint}"


def _in_doubt_line(digest: DigestInDoubt) -> str:
    """A digest Slack may or may not show, and the way forward."""
    day = digest.digest_date.strftime("%a %d %b %Y")
    name = f"{'on-demand ' * digest.on_demand}digest of {day}"
    if digest.thread_only:
        return (
            f":warning: *The thread of the {name} may be incomplete*: the digest is in this "
            "channel, but not every reply was confirmed by Slack."
        )
    if digest.recoverable:
        way = (
            "If it is not in this channel, `/digest now` posts what it covered, with anything "
            "newer; the next scheduled digest starts after it either way."
        )
    else:
        way = (
            "A later digest was posted since, and the next one starts after it: if it is not "
            "in this channel, its statements are still found with `/who-said` and `/disputes`."
        )
    return f":warning: *The {name} may not have been posted* (Slack did not confirm it). {way}"


def _plain(mrkdwn: str) -> str:
    return mrkdwn.replace("*", "").replace("`", "")
