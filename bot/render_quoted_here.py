"""Block Kit for "Who's quoted here?" (the message shortcut's answer) and for link previews
(`chat.unfurl`): who an article quotes and who disputes whom in it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from slack_sdk.models.blocks import ContextBlock, MarkdownTextObject

from bot.mrkdwn import cut, escape, link, verbatim
from bot.render import QUOTE_LIMIT, Message, _section, corrected_section, message
from storage.article_findings import ArticleFindings, DisputeLine, QuotedLine

SHOWN_STATEMENTS = 8  # per article in an answer (three articles stay within 50 blocks)
SHOWN_DISPUTES = 4
PREVIEW_STATEMENTS = 2  # in a link preview
PREVIEW_QUOTE = 200


@dataclass(frozen=True, slots=True)
class Reading:
    """What reading one link (or the message's own text) gave: findings, or why there are
    none ("the page could not be read: HTTP 404 Not Found")."""

    label: str  # the link, or "this message"
    findings: ArticleFindings | None = None
    problem: str | None = None


def summary_line(findings: ArticleFindings) -> str:
    """ "Sergei Lavrov, Antony Blinken and 3 others quoted · 2 disputes" (escaped mrkdwn)."""
    names = findings.speakers
    if not names:
        quoted = "Nobody quoted"
    elif len(names) <= 3:
        quoted = _and([escape(n) for n in names]) + " quoted"
    else:
        others = len(names) - 2
        quoted = f"{escape(names[0])}, {escape(names[1])} and {others} others quoted"
    count = len(findings.disputes)
    disputes = f"{count} dispute{'s' if count != 1 else ''}" if count else "no disputes"
    return f"{quoted} · {disputes}"


def quoted_here_message(readings: Sequence[Reading]) -> Message:
    """The shortcut's answer: per link (or for the message's text) a title line, the summary,
    the statements and the disputes found (a stored one with its correction menu), or why
    nothing could be read."""
    blocks: list = []
    texts: list[str] = []
    for reading in readings:
        found = reading.findings
        if found is None:
            line = f"*{escape(reading.label)}*: {escape(reading.problem or 'nothing to read')}"
            blocks.append(_section(line))
            texts.append(line)
            continue
        title = found.title or reading.label
        head = f"*{link(found.url, title)}*" if found.url else f"*{verbatim(title)}*"
        if found.outlet:
            head += f" · {verbatim(found.outlet)}"
        blocks.append(_section(f"{head}\n{summary_line(found)}"))
        texts.append(f"{title}: {summary_line(found)}")
        if not found.statements and not found.disputes:
            blocks.append(_context("No attributed statements or disputes found."))
            continue
        blocks += [
            _item(_statement(s), "statement", s.id) for s in found.statements[:SHOWN_STATEMENTS]
        ]
        if len(found.statements) > SHOWN_STATEMENTS:
            blocks.append(_context(f"and {len(found.statements) - SHOWN_STATEMENTS} more"))
        if found.disputes:
            blocks.append(_section("*Disputes*"))
            blocks += [_item(_dispute(d), "dispute", d.id) for d in _strongest(found.disputes)]
        if not found.stored:
            blocks.append(_context("Read just now; not added to this workspace's digests."))
    return message("\n".join(texts) or "Who's quoted here?", blocks[:50])


def unfurl_blocks(findings: ArticleFindings) -> list[dict]:
    """A link preview: the summary line and the first statements."""
    lines = [summary_line(findings)]
    for line in findings.statements[:PREVIEW_STATEMENTS]:
        lines.append(f"*{escape(line.speaker)}*: {verbatim(cut(line.said, PREVIEW_QUOTE))}")
    blocks = [_section("\n".join(lines)), _context("Summit Digest")]
    return [b.to_dict() for b in blocks]


def _item(text: str, kind: str, stored_id: int | None):
    """One statement or dispute; a stored one carries the menu a reader corrects it with."""
    return corrected_section(text, kind, stored_id) if stored_id else _section(text)


def _statement(line: QuotedLine) -> str:
    return f"• *{escape(line.speaker)}*: {verbatim(cut(line.said, QUOTE_LIMIT))}"


def _dispute(line: DisputeLine) -> str:
    words = [f"*{escape(line.actor)}*", escape(line.verb)]
    if line.target:
        words.append(f"*{escape(line.target)}*")
    if line.issue:
        words.append(f"over {verbatim(cut(line.issue, 200))}")
    return "• " + " ".join(words)


def _strongest(disputes: Sequence[DisputeLine]) -> list[DisputeLine]:
    """The most escalated disputes first (article order among equals)."""
    return sorted(disputes, key=lambda d: -d.escalation)[:SHOWN_DISPUTES]


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _context(text: str) -> ContextBlock:
    return ContextBlock(elements=[MarkdownTextObject(text=text)])
