"""Corrections from readers, as Slack shows them: the "wrong speaker" modal, the replies to a
correction, and the App Home section listing a workspace's recent corrections with Undo."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass

from slack_sdk.models.blocks import (
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    PlainTextObject,
    SectionBlock,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from bot.mrkdwn import cut, escape, verbatim
from bot.render import SECTION_LIMIT, Message, text_message
from storage.corrections import MAX_NAME, NOT_DISPUTE, NOT_STATEMENT, SPEAKER, CorrectionView

SPEAKER_VIEW = "correct_speaker"  # the modal's callback_id
PICK_BLOCK, PICK_ACTION = "speaker_pick", "speaker_pick"
NAME_BLOCK, NAME_ACTION = "speaker_name", "speaker_name"
_USER_ID = re.compile(r"[UW][A-Z0-9]{2,20}")
HOME_CORRECTIONS = 5  # recent corrections listed in App Home, each with an Undo button

NOT_AVAILABLE = (
    "That item can't be corrected here: it no longer exists, or this workspace does not see it."
)
PICK_OR_TYPE = "Pick one of the article's speakers or type a name."
_DONE = {
    NOT_STATEMENT: "not a statement",
    NOT_DISPUTE: "not a dispute",
}


@dataclass(frozen=True, slots=True)
class HomeCorrections:
    """What App Home shows of a workspace's corrections."""

    this_week: int
    recent: tuple[CorrectionView, ...]


def speaker_modal(
    *, statement_id: int, said: str, speakers: Sequence[tuple[int, str]], metadata: dict
) -> dict:
    """The "wrong speaker" modal: the statement, a choice of the article's speakers (when
    there are any) and a box to type a name."""
    blocks: list[Block] = [
        SectionBlock(text=MarkdownTextObject(text=cut(f"Who said: {verbatim(said)}", 1000)))
    ]
    options = [
        Option(text=PlainTextObject(text=cut(name, 75)), value=str(speaker_id))
        for speaker_id, name in speakers[:100]
    ]
    if options:
        blocks.append(
            InputBlock(
                block_id=PICK_BLOCK,
                optional=True,
                label=PlainTextObject(text="One of the article's speakers"),
                element=StaticSelectElement(action_id=PICK_ACTION, options=options),
            )
        )
    blocks.append(
        InputBlock(
            block_id=NAME_BLOCK,
            optional=True,
            label=PlainTextObject(text="Or type a name"),
            element=PlainTextInputElement(action_id=NAME_ACTION, max_length=MAX_NAME),
        )
    )
    return View(
        type="modal",
        callback_id=SPEAKER_VIEW,
        title=PlainTextObject(text="Wrong speaker"),
        submit=PlainTextObject(text="Correct"),
        close=PlainTextObject(text="Cancel"),
        private_metadata=json.dumps({"id": statement_id, **metadata})[:3000],
        blocks=blocks,
    ).to_dict()


def corrected_message(action: str, *, speaker: str | None = None) -> Message:
    """The reply to a reader whose correction was stored."""
    what = f"said by *{escape(speaker or '')}*" if action == SPEAKER else f"*{_DONE[action]}*"
    return text_message(
        f"Thanks: marked as {what} for this workspace. Its digests and answers show it that "
        "way from now on; a workspace admin can undo it from the app's Home tab."
    )


def home_corrections_blocks(corrections: HomeCorrections) -> list[Block]:
    """App Home's corrections: how many this week, and the newest with an Undo button each
    (only workspace admins may undo; the button says so when someone else presses it)."""
    count = corrections.this_week
    blocks: list[Block] = [
        DividerBlock(),
        SectionBlock(
            text=MarkdownTextObject(
                text=f"*Corrections from readers* · {count} correction{'s' * (count != 1)} "
                "this week"
            )
        ),
    ]
    if not corrections.recent:
        blocks.append(_context("None yet. Use the ⋯ menu beside a statement or dispute."))
        return blocks
    for item in corrections.recent[:HOME_CORRECTIONS]:
        blocks.append(
            SectionBlock(
                block_id=f"correction_{item.id}",
                text=MarkdownTextObject(text=cut(correction_line(item), SECTION_LIMIT)),
                accessory=ButtonElement(
                    text=PlainTextObject(text="Undo"),
                    action_id="home_undo_correction",
                    value=str(item.id),
                ),
            )
        )
    blocks.append(_context("Workspace admins can undo a correction."))
    return blocks


def correction_line(item: CorrectionView) -> str:
    """ "<@U1> · 07 Dec: *Ada Brook* “the talks failed” → said by *Ivo Dant*"."""
    what = (
        f"said by *{escape(item.speaker or '?')}*"
        if item.action == SPEAKER
        else _DONE.get(item.action, item.action)
    )
    shown = (
        f"*{escape(item.was)}*: {verbatim(cut(item.text, 150))}"
        if item.was is not None and item.text is not None
        else f"a {item.item_kind} no longer stored"
    )
    who = f"<@{item.user_id}>" if _USER_ID.fullmatch(item.user_id) else "someone"
    return f"{who} · {item.created_at:%d %b}: {shown} → {what}"


def _context(text: str) -> ContextBlock:
    return ContextBlock(elements=[MarkdownTextObject(text=cut(text, SECTION_LIMIT))])
