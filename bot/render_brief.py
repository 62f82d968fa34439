"""The morning brief as Slack messages and as plain text (`summit digest --print`).

Summit headings, then story headings, each item as a reader wants it: the speaker and role,
the statement as said, the first outlet with its link and "+N outlets"; disputes as one line
("*Lavrov* rejected *Borrell*: the call to withdraw troops — Dawn, +2 outlets"). What does
not fit a story's top items goes to the thread, and every cap says "and N more".
"""

from __future__ import annotations

import json
from collections.abc import Sequence
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
)

from bot.mrkdwn import cut, date_token, escape, link, verbatim
from bot.render import (
    BUTTON_LIMIT,
    HEADER_LIMIT,
    QUOTE_LIMIT,
    DigestMessages,
    _chunks,
    _fit,
    _section,
    corrected_section,
    message,
)
from jobs.brief import Brief, BriefDispute, BriefStatement, BriefStory, Outlet

BRIEF_BUTTON_SPEAKERS = 5  # "More from" + "Follow" for each, plus "Mute": 11 of 25 elements
THREAD_ITEMS = 8  # per story in the thread; the rest are one "and N more" line
THREAD_STORIES = 12  # per summit in the thread
MAX_REPLIES = 12  # thread messages of one brief at most
EMPTY = "No new statements or disputes since the last digest."


def brief_messages(brief: Brief, *, title: str, detailed: bool = False) -> DigestMessages:
    """One parent message with each story's key items; the rest in thread replies
    (`detailed`: every item of each story in the parent, as far as it fits)."""
    header = HeaderBlock(text=PlainTextObject(text=cut(title, HEADER_LIMIT)))
    if brief.empty:
        return DigestMessages(message(f"{title}: {EMPTY}", [header, _section(EMPTY)]), ())
    summary = counts_line(brief)
    top: list[Block] = [header, ContextBlock(elements=[MarkdownTextObject(text=summary)])]
    thread: list[Block] = []
    for summit in brief.summits:
        top.append(DividerBlock())
        top.append(_section(f":round_pushpin: *{escape(summit.label)}*"))
        for story in summit.stories:
            top += _story_blocks(story, detailed=detailed)
            if not detailed:
                thread += _rest_sections(story)
        if summit.more_stories:
            top.append(_context(f"and {len(summit.more_stories)} more stories in the thread"))
            for story in summit.more_stories[:THREAD_STORIES]:
                thread += _story_blocks(story)
                thread += _rest_sections(story)
            if len(summit.more_stories) > THREAD_STORIES:
                hidden = len(summit.more_stories) - THREAD_STORIES
                thread.append(_context(f"and {hidden} more stories about {summit.label}"))
    if brief.older:
        note = f"Older coverage: {brief.older_total} statements from articles published earlier"
        top.append(_context(note + " (in the thread)"))
        thread.append(_section("*Older coverage*"))
        thread.extend(_section(statement_line(s)) for s in brief.older[:THREAD_ITEMS])
        if brief.older_total > THREAD_ITEMS:
            more = brief.older_total - THREAD_ITEMS
            thread.append(_context(f"and {more} more older statements"))
    actions = _actions(brief)
    parent, overflow = _fit(top, reserve=len(json.dumps(actions.to_dict())))
    parent.append(actions)
    chunks = _chunks(overflow + thread)
    if len(chunks) > MAX_REPLIES:
        chunks = [*chunks[: MAX_REPLIES - 1], [_context(_ask_more(brief))]]
    replies = [message(f"{title} (continued)", chunk) for chunk in chunks]
    return DigestMessages(message(f"{title}: {summary}", parent), tuple(replies))


def counts_line(brief: Brief) -> str:
    """ "12 articles · 3 stories · 9 statements · 4 disputes" (what this reader's filter kept)."""
    stories = len(brief.stories)
    parts = [
        (brief.articles, "article"),
        (stories, "story" if stories == 1 else "stories"),
        (brief.statement_count, "statement"),
        (brief.dispute_count, "dispute"),
    ]
    return " · ".join(
        f"{n} {word}" if word.endswith("ies") or n == 1 else f"{n} {word}s" for n, word in parts
    )


def statement_line(item: BriefStatement) -> str:
    """ "*Ada Brook* · _Foreign Minister_: “We will not retreat.” — <url|Dawn>, +2 outlets"."""
    role = f" · _{escape(item.role)}_" if item.role else ""
    said = verbatim(cut(item.reported, QUOTE_LIMIT))
    again = " _(reported before)_" if item.repeated else ""
    return f"*{escape(item.speaker)}*{role}: {said}{again} — {_outlets(item.first, item.also)}"


def dispute_line(item: BriefDispute) -> str:
    """ "*Lavrov* rejected *Borrell*: the call to withdraw — Dawn, +1 outlet · _rejection_"."""
    target = f" *{escape(item.target)}*" if item.target else ""
    about = (item.issue or "").strip()
    issue = f": {verbatim(cut(about, 200))}" if about else ""
    rung = f" · _{item.rung}_" if item.rung else ""
    return (
        f":crossed_swords: *{escape(item.actor)}* {escape(item.verb)}{target}{issue}"
        f" — {_outlets(item.first, item.also)}{rung}"
    )


MAX_OUTLET_LINKS = 3  # the other outlets linked after "+N outlets"; the rest are counted


def _outlets(first: Outlet, also: Sequence[Outlet]) -> str:
    """ "<url|Dawn> (7 Dec 09:14), +2 outlets: <url|Herald>, <url|Post>": who reported it
    first and when (in the reader's time zone), then who else did, linked."""
    when = ""
    if first.published is not None:
        dated = _date_only(first.published)
        layout = "{date_short}" if dated else "{date_short} {time}"
        when = f" ({date_token(first.published, layout, _published_text(first.published))})"
    others = _others([link(o.url, o.name) for o in also[:MAX_OUTLET_LINKS]], len(also))
    return f"{link(first.url, first.name)}{when}{_more_outlets(also)}{others}"


def _date_only(moment: datetime) -> bool:
    """A publication date given without a time of day is stored as midnight UTC."""
    return (moment.hour, moment.minute, moment.second) == (0, 0, 0)


def _published_text(moment: datetime) -> str:
    return f"{moment:%d %b %Y}" if _date_only(moment) else f"{moment:%d %b %Y %H:%M} UTC"


def _others(shown: list[str], total: int) -> str:
    """ ": Herald, Post and 2 more" after "+N outlets" (nothing when there are none)."""
    rest = total - len(shown)
    return ": " + ", ".join(shown) + (f" and {rest} more" if rest else "") if shown else ""


def _more_outlets(also: Sequence[Outlet]) -> str:
    """ ", +2 outlets" (nothing when one outlet carried it)."""
    return f", +{len(also)} outlet{'s' * (len(also) != 1)}" if also else ""


def _story_blocks(story: BriefStory, *, detailed: bool = False) -> list[Block]:
    """A story: its title, then each item in a section of its own with the menu a reader
    corrects it with (`bot.render.correction_menu`)."""
    statements = (*story.statements, *story.more_statements) if detailed else story.statements
    disputes = (*story.disputes, *story.more_disputes) if detailed else story.disputes
    hidden = story.hidden - (len(story.more_statements) + len(story.more_disputes)) * detailed
    blocks = [_section(f"*{verbatim(story.title)}*"), *_items(statements, disputes)]
    if hidden:
        where = "ask `/who-said` a speaker" if detailed else "in the thread"
        blocks.append(_context(f"and {hidden} more {where}"))
    return blocks


def _items(statements: Sequence[BriefStatement], disputes: Sequence[BriefDispute]) -> list[Block]:
    return [
        *(_item(statement_line(s), "statement", s.statement_id) for s in statements),
        *(_item(dispute_line(d), "dispute", d.dispute_ids) for d in disputes),
    ]


def _item(text: str, kind: str, ids) -> Block:
    """One item's section; with its correction menu when it knows its stored ids."""
    has_ids = ids if isinstance(ids, tuple) else ids > 0
    return corrected_section("• " + text, kind, ids) if has_ids else _section("• " + text)


def _rest_sections(story: BriefStory) -> list[Block]:
    """The story's items past its top ones, for the thread, each with its correction menu
    (none when there are none)."""
    if not story.more_statements and not story.more_disputes:
        return []
    items = _items(story.more_statements, story.more_disputes)
    blocks = [_section(f"*{verbatim(story.title)}* (more)"), *items[:THREAD_ITEMS]]
    rest = story.hidden - min(len(items), THREAD_ITEMS)
    if rest > 0:
        blocks.append(_context(f"and {rest} more: ask `/who-said` a speaker"))
    return blocks


def _ask_more(brief: Brief) -> str:
    return (
        f"The brief holds {brief.statement_count} statements and {brief.dispute_count} disputes;"
        " ask `/who-said NAME` or `/disputes TOPIC`, or use *More from* for the rest."
    )


def _context(text: str) -> ContextBlock:
    return ContextBlock(elements=[MarkdownTextObject(text=cut(escape(text), 2000))])


def _actions(brief: Brief) -> ActionsBlock:
    """Buttons under a brief: more from / follow each top speaker, and mute this summit."""
    buttons = []
    for index, (name, speaker_id) in enumerate(brief.speakers[:BRIEF_BUTTON_SPEAKERS]):
        value = json.dumps({"id": speaker_id, "n": name[:300]})
        for verb, action in (("More from", "digest_more"), ("Follow", "digest_follow")):
            buttons.append(
                ButtonElement(
                    text=PlainTextObject(text=cut(f"{verb} {name}", BUTTON_LIMIT)),
                    action_id=f"{action}_{index}",
                    value=value,
                )
            )
    buttons.append(
        ButtonElement(
            text=PlainTextObject(text="Mute this summit"), action_id="digest_mute", value="mute"
        )
    )
    return ActionsBlock(block_id="digest_actions", elements=buttons)


# --------------------------------------------------------------------------- plain text


def brief_plain(brief: Brief, *, title: str) -> str:
    """The brief as plain text, for `summit digest --print` and the demo."""
    lines = [title, "=" * len(title)]
    if brief.empty:
        lines.append("No new statements or disputes.")
        return "\n".join(lines)
    lines.append(counts_line(brief))
    for summit in brief.summits:
        lines += ["", f"## {summit.label}"]
        for story in (*summit.stories, *summit.more_stories):
            lines += ["", f"### {story.title}"]
            lines += ["  - " + _plain_statement(item) for item in story.statements]
            lines += ["  - " + _plain_dispute(dispute) for dispute in story.disputes]
            if story.more_statements or story.more_disputes:
                lines.append("  in the thread:")
                lines += ["  - " + _plain_statement(item) for item in story.more_statements]
                lines += ["  - " + _plain_dispute(dispute) for dispute in story.more_disputes]
            rest = story.hidden - len(story.more_statements) - len(story.more_disputes)
            if rest > 0:
                lines.append(f"  and {rest} more (ask /who-said a speaker)")
    if brief.older:
        lines += ["", "## Older coverage (published before this window)"]
        lines += ["  - " + _plain_statement(item) for item in brief.older]
        if brief.older_total > len(brief.older):
            lines.append(f"  and {brief.older_total - len(brief.older)} more older statements")
    return "\n".join(lines)


def _plain_outlets(first: Outlet, also: Sequence[Outlet]) -> str:
    when = f", {_published_text(first.published)}" if first.published else ""
    others = _others([o.name for o in also[:MAX_OUTLET_LINKS]], len(also))
    return f"[{first.name}{when}{_more_outlets(also)}{others}]"


def _plain_statement(item: BriefStatement) -> str:
    role = f" ({item.role})" if item.role else ""
    again = " (reported before)" if item.repeated else ""
    return f"{item.speaker}{role}: {item.reported}{again}  {_plain_outlets(item.first, item.also)}"


def _plain_dispute(item: BriefDispute) -> str:
    target = f" {item.target}" if item.target else ""
    issue = f": {item.issue.strip()}" if item.issue and item.issue.strip() else ""
    rung = f" ({item.rung})" if item.rung else ""
    return (
        f"DISPUTE {item.actor} {item.verb}{target}{issue}{rung}  "
        f"{_plain_outlets(item.first, item.also)}"
    )
