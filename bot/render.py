"""Pure Block Kit renderers: data in, validated blocks and a plain-text fallback out.

Blocks are built with `slack_sdk.models.blocks`, whose validation runs when they are
serialised, so a renderer that would break a Block Kit limit fails in tests, not in
a channel.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    HeaderBlock,
    MarkdownTextObject,
    Option,
    OverflowMenuElement,
    PlainTextObject,
    SectionBlock,
)

from bot.commands.who_said import PAGE_SIZE, WhoSaidAnswer
from bot.mrkdwn import cut, echo, escape, inert, link, verbatim
from storage.views import DisputeView, StatementView, reported_speech

MAX_BLOCKS = 50
SECTION_LIMIT = 3000
HEADER_LIMIT = 150
BUTTON_LIMIT = 75
MESSAGE_BUDGET = 10_000  # block text per message, well under Slack's ~12k ceiling
QUOTE_LIMIT = 600


@dataclass(frozen=True)
class Message:
    """A Slack message: a plain-text fallback plus Block Kit blocks (as dicts)."""

    text: str
    blocks: list[dict] = field(default_factory=list)

    def payload(self) -> dict:
        return {"text": self.text, "blocks": self.blocks}


def message(text: str, blocks: Sequence[Block]) -> Message:
    """Validate and serialise blocks (raises SlackObjectFormationError past a limit)."""
    if len(blocks) > MAX_BLOCKS:
        raise ValueError(f"{len(blocks)} blocks is over Slack's limit of {MAX_BLOCKS}")
    return Message(text=cut(inert(text), 3000), blocks=[b.to_dict() for b in blocks])


def text_message(text: str) -> Message:
    """A one-section reply; `text` must already be escaped mrkdwn."""
    return message(_plain(text), [_section(text)])


# ----------------------------------------------------------------------- who-said


def who_said_message(answer: WhoSaidAnswer) -> Message:
    """The reply to `/who-said`: statements, a speaker choice, or "no statements"."""
    query = answer.query
    if answer.candidates:
        return _speaker_choice(answer)
    if answer.speaker is None:
        lines = [f"No statements by *{echo(query.name)}* yet."]
        if answer.close_names:
            names = ", ".join(f"*{escape(n)}*" for n in answer.close_names)
            lines.append(f"Did you mean {names}?")
        return text_message("\n".join(lines))
    speaker = answer.speaker
    about = f" about _{echo(query.about)}_" if query.about else ""
    since = f" since {query.since.isoformat()}" if query.since else ""
    title = f"What {speaker.name} said"
    if not answer.statements:
        return text_message(f"No statements by *{escape(speaker.name)}*{about}{since}.")
    first = query.page * PAGE_SIZE + 1
    last = first + len(answer.statements) - 1
    blocks: list[Block] = [
        HeaderBlock(text=PlainTextObject(text=cut(title, HEADER_LIMIT))),
        ContextBlock(
            elements=[
                MarkdownTextObject(
                    text=cut(
                        f"{escape(speaker.role or speaker.kind)} · statements {first}–{last} "
                        f"of {answer.total_label}{about}{since}",
                        SECTION_LIMIT,
                    )
                )
            ]
        ),
    ]
    for statement in answer.statements:
        blocks.append(
            corrected_section(
                statement_mrkdwn(statement, with_speaker=False), "statement", statement.id
            )
        )
    blocks.append(_who_said_actions(answer))
    plain = f"{title}: " + " | ".join(cut(s.reported, 200) for s in answer.statements)
    return message(plain, blocks)


def statement_mrkdwn(statement: StatementView, *, with_speaker: bool = True) -> str:
    """One statement as mrkdwn: the quote or reported clause, then date, outlet and link."""
    said = verbatim(
        reported_speech(cut(statement.content.strip(), QUOTE_LIMIT), statement.cue, statement.kind)
    )
    who = f"*{escape(statement.speaker)}*: " if with_speaker else ""
    source = _source_line(statement.published, statement.source_label, statement.url)
    outlets = f" · reported by {statement.outlets} outlets" if statement.outlets > 1 else ""
    return f"{who}{said}\n_{statement.kind}, {escape(statement.cue)}_ · {source}{outlets}"


def _speaker_choice(answer: WhoSaidAnswer) -> Message:
    buttons = []
    for index, candidate in enumerate(answer.candidates[:25]):
        label = candidate.name if not candidate.role else f"{candidate.name} ({candidate.role})"
        buttons.append(
            ButtonElement(
                text=PlainTextObject(text=cut(label, BUTTON_LIMIT)),
                action_id=f"who_said_pick_{index}",
                value=_who_said_value(answer, page=0, speaker_id=candidate.id),
            )
        )
    text = f"Several speakers match *{echo(answer.query.name)}*. Which one did you mean?"
    return message(_plain(text), [_section(text), ActionsBlock(elements=buttons)])


def _who_said_actions(answer: WhoSaidAnswer) -> ActionsBlock:
    page = answer.query.page
    buttons = []
    if page > 0:
        buttons.append(
            ButtonElement(
                text=PlainTextObject(text="Newer"),
                action_id="who_said_page_newer",
                value=_who_said_value(answer, page=page - 1),
            )
        )
    if answer.has_more:
        buttons.append(
            ButtonElement(
                text=PlainTextObject(text="Older"),
                action_id="who_said_page_older",
                value=_who_said_value(answer, page=page + 1),
            )
        )
    buttons.append(
        ButtonElement(
            text=PlainTextObject(text="Share in channel"),
            action_id="who_said_share",
            value=_who_said_value(answer, page=page),
        )
    )
    buttons.append(  # bot.listeners.actions.timeline: the speaker's timeline, by DM
        ButtonElement(
            text=PlainTextObject(text="Timeline"),
            action_id="who_said_timeline",
            value=_who_said_value(answer, page=0),
        )
    )
    return ActionsBlock(block_id="who_said_actions", elements=buttons)


def _who_said_value(answer: WhoSaidAnswer, *, page: int, speaker_id: int | None = None) -> str:
    query = answer.query
    chosen = (
        speaker_id if speaker_id is not None else (answer.speaker.id if answer.speaker else None)
    )
    value = {
        "q": query.name,
        "a": query.about,
        "s": query.since.isoformat() if query.since else None,
        "p": page,
        "id": chosen,
    }
    return json.dumps(value, separators=(",", ":"))[:2000]


# ----------------------------------------------------------------------- digests


@dataclass(frozen=True)
class DigestMessages:
    parent: Message
    replies: tuple[Message, ...]


def dispute_mrkdwn(dispute: DisputeView) -> str:
    """One dispute as mrkdwn: who → whom (cue · rung) over what, the evidence, the source."""
    target = f" → *{escape(dispute.target)}*" if dispute.target else ""
    issue = f" over _{verbatim(cut(dispute.issue, 200))}_" if _has_issue(dispute) else ""
    evidence = verbatim(cut(dispute.evidence, QUOTE_LIMIT))
    source = _source_line(dispute.published, dispute.source_label, dispute.url)
    cue = escape(dispute_cue(dispute))
    return f"*{escape(dispute.actor)}*{target} ({cue}){issue}\n>{evidence}\n{source}"


def dispute_cue(dispute: DisputeView) -> str:
    """What the actor did and its rung on the escalation ladder, as plain text: "threatened ·
    threat" (the class's verb when the cue is no verb in the past: `dispute_verb`)."""
    return f"{dispute.verb} · {dispute.rung}" if dispute.rung else dispute.verb


def dispute_plain(dispute: DisputeView, *, arrow: str = "->") -> str:
    """One dispute as a line of plain text: "Russia -> Ukraine (threatened · threat) over …"."""
    target = f" {arrow} {dispute.target}" if dispute.target else ""
    issue = f" over {dispute.issue.strip()}" if _has_issue(dispute) else ""
    return f"{dispute.actor}{target} ({dispute_cue(dispute)}){issue}"


def _has_issue(dispute: DisputeView) -> bool:
    return bool(dispute.issue and dispute.issue.strip())


def _fit(blocks: list[Block], *, reserve: int = 0) -> tuple[list[Block], list[Block]]:
    """Keep what fits in one message (blocks and text budget); return the overflow.

    `reserve` keeps room for one more block of that size (the digest's buttons).
    """
    kept, used = [], reserve
    slots = MAX_BLOCKS - 1 - (1 if reserve else 0)
    for index, block in enumerate(blocks):
        size = len(json.dumps(block.to_dict()))
        if len(kept) >= slots or used + size > MESSAGE_BUDGET:
            return kept, blocks[index:]
        kept.append(block)
        used += size
    return kept, []


def _chunks(blocks: list[Block]) -> list[list[Block]]:
    chunks = []
    while blocks:
        kept, blocks = _fit(blocks)
        if not kept:  # a single block over budget: cannot happen with cut sections
            kept, blocks = blocks[:1], blocks[1:]
        chunks.append(kept)
    return chunks


def _source_line(published: datetime | None, label: str, url: str | None) -> str:
    when = published.strftime("%d %b %Y") if published else "undated"
    return f"{when} · {link(url, label)}"


def _section(text: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=cut(text, SECTION_LIMIT)))


# ----------------------------------------------------------------------- corrections

# What a reader may say of a shown item (bot.listeners.actions.corrections acts on it): the
# option's value is "<correction>:<item id>" (a brief's dispute merges several stored ones:
# "not_dispute:12.15.40"), checked against the reader's workspace there.
CORRECTIONS = {
    "statement": (("Wrong speaker…", "speaker"), ("Not a statement", "not_statement")),
    "dispute": (("Not a dispute", "not_dispute"),),
}


MAX_VALUE_IDS = 10  # ids in one option value: 10 ids of 12 digits stay under its 150 chars


def correction_menu(kind: str, item_ids: int | Sequence[int]) -> OverflowMenuElement:
    """The overflow menu beside a shown statement or dispute."""
    ids = [item_ids] if isinstance(item_ids, int) else list(item_ids)[:MAX_VALUE_IDS]
    listed = ".".join(str(i) for i in ids)
    return OverflowMenuElement(
        action_id=f"correct_{kind}_{ids[0]}",
        options=[
            Option(text=PlainTextObject(text=label), value=f"{action}:{listed}")
            for label, action in CORRECTIONS[kind]
        ],
    )


def corrected_section(text: str, kind: str, item_id: int | Sequence[int]) -> SectionBlock:
    """A section showing one statement or dispute, with its correction menu."""
    return SectionBlock(
        text=MarkdownTextObject(text=cut(text, SECTION_LIMIT)),
        accessory=correction_menu(kind, item_id),
    )


def _plain(mrkdwn: str) -> str:
    """A notification-friendly fallback: mrkdwn markers removed, entities kept escaped."""
    return mrkdwn.replace("*", "").replace("_", "").replace("`", "")
