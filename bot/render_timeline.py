"""A speaker's timeline as Block Kit: the chart, possible changes of position with both quotes
side by side, then the statements grouped by issue. Pure: a `Timeline` in, a `Message` out.

Issues are groups of statements that share issue words (`storage.positions`: the nouns each
statement's positions are about). A word in more than half of a speaker's statements (their
own country, "talks") tells no issue apart and is not used for grouping.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from slack_sdk.models.blocks import (
    Block,
    ContextBlock,
    HeaderBlock,
    ImageBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
)

from bot.mrkdwn import cut, echo, escape, link, verbatim
from bot.render import HEADER_LIMIT, SECTION_LIMIT, Message, _section, corrected_section, message
from storage.positions import PositionChangeView, Timeline, TimelineEntry
from storage.views import StatementView

MAX_CHANGES = 3  # shown in one message; the rest are counted
MAX_ISSUES = 6
PER_ISSUE = 4  # newest statements shown per issue
QUOTE = 180  # characters of a quote in a list
SIDE_QUOTE = 600  # characters of each quote of a change, side by side
COMMON_SHARE = 0.5  # a word in more of the statements than this groups nothing
OTHER = "Other statements"


@dataclass(frozen=True, slots=True)
class IssueGroup:
    label: str
    entries: tuple[TimelineEntry, ...]  # oldest first


def group_by_issue(entries: Sequence[TimelineEntry]) -> list[IssueGroup]:
    """Statements grouped by shared issue words, the biggest group first; statements with no
    telling word go last, under "Other statements"."""
    counts = Counter(word for e in entries for word in set(e.issue))
    common = {w for w, n in counts.items() if len(entries) >= 4 and n > COMMON_SHARE * len(entries)}
    groups: list[tuple[Counter[str], list[TimelineEntry]]] = []
    other: list[TimelineEntry] = []
    for entry in entries:
        words = set(entry.issue) - common
        if not words:
            other.append(entry)
            continue
        best = max(groups, key=lambda g: len(words & set(g[0])), default=None)
        if best is not None and words & set(best[0]):
            best[0].update(words)
            best[1].append(entry)
        else:
            groups.append((Counter(words), [entry]))
    ordered = sorted(groups, key=lambda g: (-len(g[1]), -_newest(g[1])))
    result = [IssueGroup(_label(words), tuple(items)) for words, items in ordered]
    if other:
        result.append(IssueGroup(OTHER, tuple(other)))
    return result


def _newest(items: Sequence[TimelineEntry]) -> float:
    return max(e.said_at.timestamp() for e in items)


def _label(words: Counter[str]) -> str:
    return " · ".join(w for w, _ in sorted(words.items(), key=lambda i: (-i[1], i[0]))[:3])


def timeline_message(
    timeline: Timeline,
    *,
    speaker: str,
    about: str | None,
    file_id: str | None,
    alt: str,
) -> Message:
    """The timeline DM: header, what it covers, the chart (`file_id`), changes, issues."""
    entries = timeline.entries
    title = f"Timeline · {speaker}"
    blocks: list[Block] = [
        HeaderBlock(text=PlainTextObject(text=cut(title, HEADER_LIMIT))),
        _context(coverage_line(timeline, about=about)),
    ]
    if file_id:
        blocks.append(ImageBlock(slack_file={"id": file_id}, alt_text=alt[:2000], title=title))
    for change in timeline.changes[:MAX_CHANGES]:
        blocks += change_blocks(change)
    if len(timeline.changes) > MAX_CHANGES:
        more = len(timeline.changes) - MAX_CHANGES
        blocks.append(_context(f"…and {more} more possible changes of position."))
    for group in group_by_issue(entries)[:MAX_ISSUES]:
        blocks += issue_blocks(group)
    blocks.append(
        _context(
            "Issues are statements that share words. A *possible change of position* is a later "
            "statement holding the opposite of an earlier one (“will attend” / “will not "
            "attend”): read both quotes before you report it."
        )
    )
    plain = f"{title}: {coverage_line(timeline, about=about)}"
    return message(plain, blocks)


def coverage_line(timeline: Timeline, *, about: str | None) -> str:
    """ "42 statements, 3 Mar 2026 – 14 Apr 2026 · about “grain” · 1 possible change"."""
    entries = timeline.entries
    count = f"{len(entries)} statement{'s' * (len(entries) != 1)}"
    if timeline.total > len(entries):
        count = f"the latest {len(entries)} statements"
    span = f"{_day(entries[0].said_at)} – {_day(entries[-1].said_at)}" if entries else ""
    topic = f" · about “{echo(about, 100)}”" if about else ""
    changes = len(timeline.changes)
    flags = f" · {changes} possible change{'s' * (changes != 1)} of position" if changes else ""
    return f"{count}, {span}{topic}{flags}"


def change_blocks(change: PositionChangeView) -> list[Block]:
    """A flagged change: what it is about, then both quotes side by side with dates and links."""
    issue = ", ".join(change.issue) or change.predicate
    return [
        _section(
            f":warning: *Possible change of position* by *{escape(change.speaker)}* on "
            f"_{escape(issue)}_ (“{escape(change.predicate)}”)"
        ),
        SectionBlock(
            fields=[
                MarkdownTextObject(text=side_mrkdwn("Before", change.earlier, change.earlier_at)),
                MarkdownTextObject(text=side_mrkdwn("After", change.later, change.later_at)),
            ]
        ),
    ]


def side_mrkdwn(label: str, statement: StatementView, said_at: datetime) -> str:
    """One side of a change: its date, the quote, and a link to the article."""
    quote = verbatim(cut(statement.reported, SIDE_QUOTE))
    return cut(f"*{label}* · {_day(said_at)}\n{quote}\n{_source(statement)}", 2000)


def issue_blocks(group: IssueGroup) -> list[Block]:
    """An issue: its words and count, then its newest statements, oldest of them first, each
    with the menu a reader corrects it with."""
    count = len(group.entries)
    head = f"*{escape(group.label)}* · {count} statement{'s' * (count != 1)}"
    return [
        _section(head),
        *(
            corrected_section(
                f"• {_day(e.said_at)}: {verbatim(cut(e.statement.reported, QUOTE))} "
                f"{_source(e.statement)}",
                "statement",
                e.statement.id,
            )
            for e in group.entries[-PER_ISSUE:]
        ),
    ]


def alt_text(timeline: Timeline, *, speaker: str) -> str:
    """What the chart shows, for screen readers."""
    days = Counter(_day(e.said_at) for e in timeline.entries)
    busiest = ", ".join(f"{day}: {n}" for day, n in days.most_common(5))
    return cut(
        f"Statements per day by {speaker}: {len(timeline.entries)} statements on {len(days)} "
        f"days; busiest {busiest}; {len(timeline.changes)} possible changes of position.",
        1000,
    )


def _source(statement: StatementView) -> str:
    return link(statement.url, cut(statement.source_label, 80))


def _day(moment: datetime) -> str:
    return f"{moment.day} {moment:%b %Y}"


def _context(text: str) -> ContextBlock:
    return ContextBlock(elements=[MarkdownTextObject(text=cut(text, SECTION_LIMIT))])
