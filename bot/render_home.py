"""Pure renderers for the personal side of the bot: the App Home tab, follow-up DMs and the
answers to DM / @mention questions. Built with `slack_sdk.models`, so limits fail in tests."""

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
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
)
from slack_sdk.models.views import View

from bot.mrkdwn import cut, echo, escape
from bot.render import (
    BUTTON_LIMIT,
    HEADER_LIMIT,
    SECTION_LIMIT,
    Message,
    _section,
    corrected_section,
    dispute_mrkdwn,
    message,
    statement_mrkdwn,
    text_message,
)
from bot.render_corrections import HomeCorrections, home_corrections_blocks
from storage.reads import FollowView
from storage.views import DisputeView, SpeakerMatch, StatementView, SubscriptionView

VIEW_BLOCK_LIMIT = 100
HOME_FOLLOWS = 40  # each follow is one block; leave room for the subscriptions
HOME_SUBSCRIPTIONS = 40
HOME_TIMELINES = 25  # Timeline buttons, one actions block (Slack's limit of elements)
_CHANNEL_ID = re.compile(r"[CGD][A-Z0-9]{2,30}")
ALERT_STATEMENTS = 12  # per DM; the rest is counted, and "what did X say" shows it all

HELP = (
    "Ask me in plain words, here or with an @mention in any channel or thread:\n"
    "• `what did Blinken say about North Korea?`\n"
    "• `who said what about Taiwan?`\n"
    "• `who disputes Lavrov?` or `disputes about Ukraine`\n"
    "• `follow Wang Yi` / `unfollow Wang Yi` / `my follows` — I DM you once per ingest "
    "when someone you follow says something new\n"
    "The *Home* tab lists your follows and the channels you subscribed."
)


@dataclass(frozen=True, slots=True)
class HomeSubscription:
    """A channel the user subscribed, with when its next digest goes out (None: paused)."""

    subscription: SubscriptionView
    next_digest: datetime | None


# ----------------------------------------------------------------------- App Home


def home_view(
    *,
    follows: Sequence[FollowView],
    subscriptions: Sequence[HomeSubscription],
    corrections: HomeCorrections | None = None,
    notice: str | None = None,
) -> dict:
    """The App Home tab: follows with Unfollow buttons, subscribed channels with Pause/Resume,
    and the workspace's corrections from readers with Undo; `notice` on top when given."""
    blocks: list[Block] = [
        HeaderBlock(text=PlainTextObject(text="Summit Digest")),
        *([_context(f":information_source: {escape(notice)}")] if notice else []),
        _section("Who said what at diplomatic summits. Ask me anything in the *Messages* tab."),
        DividerBlock(),
        _section("*Speakers you follow*"),
    ]
    if not follows:
        blocks.append(
            _context("None yet. Send me `follow Lavrov`, or use a digest's Follow button.")
        )
    for follow in follows[:HOME_FOLLOWS]:
        role = f" · _{escape(follow.role)}_" if follow.role else ""
        blocks.append(
            SectionBlock(
                block_id=f"follow_{follow.speaker_id}",
                text=MarkdownTextObject(
                    text=cut(f"*{escape(follow.speaker)}*{role}", SECTION_LIMIT)
                ),
                accessory=_button(
                    "Unfollow", "home_unfollow", str(follow.speaker_id), style="danger"
                ),
            )
        )
    if len(follows) > HOME_FOLLOWS:
        blocks.append(_context(f"…and {len(follows) - HOME_FOLLOWS} more."))
    if follows:  # bot.listeners.actions.timeline: a speaker's timeline, by DM
        blocks.append(
            ActionsBlock(
                block_id="home_timelines",
                elements=[
                    _button(f"Timeline · {f.speaker}", "home_timeline", str(f.speaker_id))
                    for f in follows[:HOME_TIMELINES]
                ],
            )
        )
    blocks += [DividerBlock(), _section("*Channels you subscribed*")]
    if not subscriptions:
        blocks.append(_context("None. Run `/digest subscribe` in a channel to get its digest."))
    for item in subscriptions[:HOME_SUBSCRIPTIONS]:
        blocks.append(_subscription_block(item))
    if len(subscriptions) > HOME_SUBSCRIPTIONS:
        blocks.append(_context(f"…and {len(subscriptions) - HOME_SUBSCRIPTIONS} more."))
    if corrections is not None:
        blocks += home_corrections_blocks(corrections)
    if len(blocks) > VIEW_BLOCK_LIMIT:
        raise ValueError(f"{len(blocks)} blocks is over App Home's limit of {VIEW_BLOCK_LIMIT}")
    return View(type="home", blocks=blocks).to_dict()


def _subscription_block(item: HomeSubscription) -> SectionBlock:
    sub = item.subscription
    days = ", ".join(d.capitalize() for d in sub.weekdays) or "every day"
    if sub.paused:
        when = "paused"
    elif item.next_digest is not None:
        when = f"next digest {item.next_digest.strftime('%a %d %b %H:%M')} ({escape(sub.timezone)})"
    else:
        when = "no upcoming digest"
    lines = [
        f"{_channel(sub.channel_id)} · {sub.digest_time} {escape(sub.timezone)} · {days}",
        when,
    ]
    if sub.keywords:
        lines.append("about " + ", ".join(f"_{echo(k, 40)}_" for k in sub.keywords[:10]))
    if sub.last_error:
        lines.append(f":warning: {escape(cut(sub.last_error, 200))}")
    action, label = ("home_resume", "Resume") if sub.paused else ("home_pause", "Pause")
    return SectionBlock(
        block_id=f"subscription_{sub.channel_id}",
        text=MarkdownTextObject(text=cut("\n".join(lines), SECTION_LIMIT)),
        accessory=_button(label, action, sub.channel_id),
    )


# ----------------------------------------------------------------------- follow-up DMs


def alert_message(statements: Sequence[StatementView]) -> Message:
    """One DM batching every new statement by the speakers a user follows."""
    speakers = list(dict.fromkeys(s.speaker for s in statements))
    count = len(statements)
    title = f"New from {_names(speakers)}"
    blocks: list[Block] = [
        HeaderBlock(text=PlainTextObject(text=cut(title, HEADER_LIMIT))),
        _context(f"{count} new statement{'s' * (count != 1)} by speakers you follow"),
    ]
    shown = statements[:ALERT_STATEMENTS]
    for speaker in speakers:
        mine = [s for s in shown if s.speaker == speaker]
        if mine:
            blocks.append(_section(f"*{escape(speaker)}*"))
            blocks += [
                corrected_section(
                    "• " + statement_mrkdwn(s, with_speaker=False).replace("\n", "\n   "),
                    "statement",
                    s.id,
                )
                for s in mine
            ]
    if count > len(shown):
        blocks.append(
            _context(f"…and {count - len(shown)} more; ask me `what did NAME say` for all of them.")
        )
    blocks.append(_context("Stop these with `unfollow NAME` or from the Home tab."))
    plain = f"{title}: {count} new statement{'s' * (count != 1)}"
    return message(plain, blocks)


# ----------------------------------------------------------------------- DM answers


def help_message(not_understood: str | None = None) -> Message:
    intro = f"I did not understand _{echo(not_understood)}_.\n" if not_understood else ""
    return text_message(intro + HELP)


def topic_message(
    topic: str, statements: Sequence[StatementView], disputes: Sequence[DisputeView]
) -> Message:
    """Who said what about a topic: statements by anyone, then disputes about it."""
    if not statements and not disputes:
        return text_message(f"Nobody said anything about _{echo(topic)}_ yet.")
    title = f"Who said what about {cut(' '.join(topic.split()), 80)}"
    blocks: list[Block] = [HeaderBlock(text=PlainTextObject(text=cut(title, HEADER_LIMIT)))]
    blocks += [corrected_section(statement_mrkdwn(s), "statement", s.id) for s in statements]
    if disputes:
        blocks += [DividerBlock(), _section("*Disputes*")]
        blocks += [corrected_section(dispute_mrkdwn(d), "dispute", d.id) for d in disputes]
    return message(f"{title}: {len(statements)} statements, {len(disputes)} disputes", blocks)


def disputes_answer(query: str | None, disputes: Sequence[DisputeView]) -> Message:
    """Who disputes whom (about `query`), newest first."""
    about = f" involving _{echo(query)}_" if query else ""
    if not disputes:
        return text_message(f"No disputes{about} yet.")
    title = f"Disputes involving {cut(query, 80)}" if query else "Latest disputes"
    blocks: list[Block] = [HeaderBlock(text=PlainTextObject(text=cut(title, HEADER_LIMIT)))]
    blocks += [corrected_section(dispute_mrkdwn(d), "dispute", d.id) for d in disputes]
    return message(f"{title}: {len(disputes)}", blocks)


def followed_message(speaker: str, *, new: bool) -> Message:
    if not new:
        return text_message(f"You already follow *{escape(speaker)}*.")
    return text_message(
        f"You now follow *{escape(speaker)}*. When new statements by them are ingested, "
        "I send you one DM with all of them."
    )


def unfollowed_message(speaker: str) -> Message:
    return text_message(f"You no longer follow *{escape(speaker)}*.")


def not_following_message(name: str, follows: Sequence[FollowView]) -> Message:
    names = ", ".join(f"*{escape(f.speaker)}*" for f in follows[:20]) or "nobody yet"
    return text_message(f"You do not follow _{echo(name)}_. You follow {names}.")


def follows_message(follows: Sequence[FollowView]) -> Message:
    if not follows:
        return text_message("You follow nobody yet. Try `follow Lavrov`.")
    names = "\n".join(f"• *{escape(f.speaker)}*" for f in follows[:50])
    return text_message(f"You follow:\n{names}")


def no_speaker_message(name: str, close_names: Sequence[str]) -> Message:
    lines = [f"I know no speaker called *{echo(name)}* yet."]
    if close_names:
        lines.append("Did you mean " + ", ".join(f"*{escape(n)}*" for n in close_names) + "?")
    return text_message("\n".join(lines))


def follow_choice_message(name: str, candidates: Sequence[SpeakerMatch]) -> Message:
    """Several speakers match: one Follow button each."""
    buttons = [
        _button(
            cut(f"Follow {c.name}" + (f" ({c.role})" if c.role else ""), BUTTON_LIMIT),
            f"follow_pick_{index}",
            json.dumps({"id": c.id, "n": c.name[:300]}),
        )
        for index, c in enumerate(candidates[:25])
    ]
    text = f"Several speakers match *{echo(name)}*. Which one do you want to follow?"
    return message(text.replace("*", ""), [_section(text), ActionsBlock(elements=buttons)])


def without_share_button(reply: Message) -> Message:
    """A `/who-said` answer for a DM or thread: "Share in channel" makes no sense there."""
    blocks = []
    for block in reply.blocks:
        if block.get("type") == "actions":
            elements = [e for e in block["elements"] if e.get("action_id") != "who_said_share"]
            if not elements:
                continue
            block = {**block, "elements": elements}
        blocks.append(block)
    return Message(text=reply.text, blocks=blocks)


# ----------------------------------------------------------------------- helpers


def _channel(channel_id: str) -> str:
    """A channel link, only for something shaped like a channel id."""
    return f"<#{channel_id}>" if _CHANNEL_ID.fullmatch(channel_id) else escape(channel_id)


def _names(names: Sequence[str]) -> str:
    if len(names) <= 3:
        return ", ".join(names)
    return f"{', '.join(names[:3])} and {len(names) - 3} more"


def _button(label: str, action_id: str, value: str, *, style: str | None = None) -> ButtonElement:
    return ButtonElement(
        text=PlainTextObject(text=cut(label, BUTTON_LIMIT)),
        action_id=action_id,
        value=value[:2000],
        style=style,
    )


def _context(text: str) -> ContextBlock:
    return ContextBlock(elements=[MarkdownTextObject(text=cut(text, SECTION_LIMIT))])
