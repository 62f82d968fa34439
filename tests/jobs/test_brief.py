"""The brief: statements said once, grouped by summit and story, key items first (pure)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from bot.render_brief import brief_messages, brief_plain, counts_line
from jobs.brief import NO_STORY, brief_as_json, build_brief
from jobs.ranking import standing
from storage.brief import DisputeRow, QuoteRow

NOON = datetime(2026, 6, 9, 12, tzinfo=UTC)
SINCE = NOON - timedelta(days=1)


def quote(
    statement_id: int,
    *,
    speaker: str = "Ada Brook",
    speaker_id: int = 1,
    role: str | None = "President",
    content: str = "We will not retreat from the border",
    kind: str = "direct",
    cluster: int | None = None,
    outlet: str = "Dawn",
    published: datetime = NOON,
    story: int | None = 1,
    story_title: str = "Brook walks out of the Lakeside talks",
    summit: str | None = "Lakeside Summit",
    first_at: datetime | None = None,
    speaker_kind: str = "person",
) -> QuoteRow:
    return QuoteRow(
        statement_id=statement_id,
        cluster_id=cluster if cluster is not None else statement_id,
        cluster_first_at=first_at or published,
        speaker=speaker,
        speaker_id=speaker_id,
        speaker_kind=speaker_kind,
        role=role,
        content=content,
        cue="said",
        kind=kind,
        article_id=statement_id,
        title=f"{outlet} headline",
        outlet=outlet,
        url=f"https://{outlet.lower().replace(' ', '')}.example/{statement_id}",
        source=None,
        published=published,
        story_id=story,
        story_title=story_title if story is not None else None,
        summit=summit,
    )


def dispute(dispute_id: int, *, actor="Ada Brook", target="Solvaria", escalation=3, outlet="Dawn"):
    return DisputeRow(
        dispute_id=dispute_id,
        actor=actor,
        target=target,
        cue="rejected",
        cue_class="reject",
        escalation=escalation,
        confidence=0.9,
        issue="the call to withdraw troops",
        evidence="Ada Brook rejected the call to withdraw troops.",
        article_id=100 + dispute_id,
        title="headline",
        outlet=outlet,
        url=f"https://{outlet.lower()}.example/d{dispute_id}",
        source=None,
        published=NOON,
        story_id=1,
        story_title="Brook walks out of the Lakeside talks",
        summit="Lakeside Summit",
    )


def test_one_statement_carried_by_three_outlets_is_one_item():
    """A cluster is one item: the direct quote, the first outlet and +2 outlets."""
    rows = [
        quote(1, kind="indirect", content="she would not retreat", outlet="Herald", cluster=7),
        quote(2, outlet="Dawn", cluster=7, published=NOON - timedelta(hours=2)),
        quote(3, outlet="Tribune", cluster=7, kind="mixed", content='would "not retreat"'),
    ]
    brief = build_brief(rows, [], since=SINCE, until=NOON)
    (item,) = brief.summits[0].stories[0].statements
    assert (item.kind, item.first.name, item.outlets) == ("direct", "Dawn", 3)
    assert [o.name for o in item.also] == ["Herald", "Tribune"]


def test_a_statement_in_slack_says_who_reported_it_first_when_and_links_the_others():
    """ "— <url|Dawn> (date token), +2 outlets: <url|Herald>, <url|Tribune>": the first outlet
    with its time in the reader's time zone, then every other outlet linked."""
    rows = [
        quote(1, outlet="Herald", cluster=7),
        quote(2, outlet="Dawn", cluster=7, published=NOON - timedelta(hours=2)),
        quote(3, outlet="Tribune", cluster=7),
    ]
    brief = build_brief(rows, [], since=SINCE, until=NOON)
    blocks = json.dumps(brief_messages(brief, title="Brief").parent.blocks)
    first = f"<!date^{int((NOON - timedelta(hours=2)).timestamp())}^"
    assert "<https://dawn.example/2|Dawn> (" + first in blocks
    assert (
        "+2 outlets: <https://herald.example/1|Herald>, <https://tribune.example/3|Tribune>"
        in blocks
    )


def test_a_publication_date_without_a_time_of_day_shows_no_time():
    """A date-only publication (stored as midnight UTC) reads "15 Jul 2023", not "00:00"."""
    midnight = datetime(2026, 6, 9, tzinfo=UTC)
    brief = build_brief([quote(1, published=midnight)], [], since=SINCE, until=NOON)
    blocks = json.dumps(brief_messages(brief, title="Brief").parent.blocks)
    assert f"<!date^{int(midnight.timestamp())}^{{date_short}}|09 Jun 2026>" in blocks
    assert "[Dawn, 09 Jun 2026]" in brief_plain(brief, title="Brief")


def test_heads_of_state_and_wide_reach_rank_first():
    """A president quoted by three outlets ranks above an analyst quoted once."""
    rows = [
        quote(1, speaker="Ivo Dant", speaker_id=2, role="analyst at a think tank", cluster=1),
        *(quote(n, cluster=5, outlet=o) for n, o in ((5, "Dawn"), (6, "Herald"), (7, "Post"))),
    ]
    story = build_brief(rows, [], since=SINCE, until=NOON).summits[0].stories[0]
    assert [s.speaker for s in story.statements] == ["Ada Brook", "Ivo Dant"]


def test_standing_reads_the_role():
    """Roles give standing: president 3, foreign minister 2, ambassador 1, analyst 0."""
    assert standing("President") == 3
    assert standing("Solvarian Foreign Minister") == 2
    assert standing("ambassador to Ardenia") == 1
    assert standing("Korea expert") == 0
    assert standing(None, "organisation") == 2


def test_a_statement_first_reported_before_the_window_ranks_lower_and_says_so():
    """Novelty: a line already reported two days ago is marked and ranks below a new one."""
    old = NOON - timedelta(days=2)
    rows = [quote(1, cluster=1, first_at=old), quote(2, cluster=2, content="A new line today")]
    story = build_brief(rows, [], since=SINCE, until=NOON).summits[0].stories[0]
    assert [s.repeated for s in story.statements] == [False, True]


def test_articles_published_long_before_the_window_are_older_coverage():
    """An archived article ingested today is not today's news: it goes under "older"."""
    rows = [quote(1), quote(2, content="Said last year", published=NOON - timedelta(days=300))]
    brief = build_brief(rows, [], since=SINCE, until=NOON)
    assert [s.content for s in brief.older] == ["Said last year"]
    assert brief.statement_count == 1


def test_stories_group_under_their_summit_and_the_rest_under_other_coverage():
    """Items without a story or summit go to "Other coverage", listed last."""
    rows = [quote(1), quote(2, story=None, summit=None, speaker="Ivo Dant", speaker_id=2)]
    brief = build_brief(rows, [], since=SINCE, until=NOON)
    assert [m.label for m in brief.summits] == ["Lakeside Summit", NO_STORY]


def test_disputes_are_merged_across_outlets_and_capped_with_and_n_more():
    """The same dispute in two outlets is one item; a story shows its top two disputes."""
    found = [
        dispute(1),
        dispute(2, outlet="Herald"),
        dispute(3, actor="Ivo Dant", escalation=6),
        dispute(4, actor="Solvaria", target="Ada Brook", escalation=1),
    ]
    story = build_brief([quote(1)], found, since=SINCE, until=NOON).summits[0].stories[0]
    assert [(d.actor, d.outlets) for d in story.disputes] == [("Ivo Dant", 1), ("Ada Brook", 2)]
    assert [d.actor for d in story.more_disputes] == ["Solvaria"]
    text = brief_messages(
        build_brief([quote(1)], found, since=SINCE, until=NOON), title="Brief"
    ).parent.blocks
    assert "and 1 more in the thread" in json.dumps(text)


def test_rendered_brief_has_headings_outlets_and_no_internal_labels():
    """Summit and story headings, "+N outlets", and no "indirect, said" labels."""
    rows = [quote(1, cluster=3), quote(2, cluster=3, outlet="Herald", kind="indirect")]
    brief = build_brief(rows, [dispute(1)], since=SINCE, until=NOON)
    plain = brief_plain(brief, title="Morning brief")
    assert "## Lakeside Summit" in plain and "### Brook walks out of the Lakeside talks" in plain
    assert "+1 outlet" in plain and "indirect" not in plain
    blocks = json.dumps(brief_messages(brief, title="Morning brief").parent.blocks)
    assert "Lakeside Summit" in blocks and "+1 outlet" in blocks
    assert counts_line(brief) == "3 articles · 1 story · 1 statement · 1 dispute"


def test_a_dispute_whose_cue_is_not_a_past_verb_reads_with_its_class_verb():
    """ "Brook threatened Solvaria", not "Brook not end … until Solvaria"; a cue that is a
    verb in the past ("rejected", "took aim at") is kept as it is."""
    cases = (
        ("not end … until", "threaten", 6, "threatened"),
        ("criticism", "criticise", 1, "criticised"),
        ("warns", "warn", 5, "warned"),
        ("took aim at", "criticise", 1, "took aim at"),
        ("rejected", "reject", 3, "rejected"),
    )
    for cue, cue_class, escalation, verb in cases:
        row = dispute(1)._replace(cue=cue, cue_class=cue_class, escalation=escalation)
        brief = build_brief([], [row], since=SINCE, until=NOON)
        plain = brief_plain(brief, title="Brief")
        blocks = json.dumps(brief_messages(brief, title="Brief").parent.blocks)
        assert f"DISPUTE Ada Brook {verb} Solvaria: the call" in plain, cue
        assert f"*Ada Brook* {verb} *Solvaria*" in blocks, cue


def test_a_big_brief_keeps_block_kit_limits():
    """Hundreds of items still render within Slack's limits (the rest goes to the thread)."""
    rows = [
        quote(n, cluster=n, story=n % 40, story_title=f"Story {n % 40}", content="x " * 300)
        for n in range(1, 400)
    ]
    messages = brief_messages(build_brief(rows, [], since=SINCE, until=NOON), title="Brief")
    assert messages.replies
    for msg in (messages.parent, *messages.replies):
        assert len(msg.blocks) <= 50


def test_brief_as_json_is_stable_data():
    """`summit digest --json`: stories → statements with speaker, role, outlets and rank."""
    data = brief_as_json(build_brief([quote(1)], [dispute(1)], since=SINCE, until=NOON))
    story = data["summits"][0]["stories"][0]
    assert story["title"] == "Brook walks out of the Lakeside talks"
    first = story["statements"][0]
    assert (first["speaker"], first["role"], first["rank"]) == ("Ada Brook", "President", 1)
    assert first["first_outlet"]["name"] == "Dawn" and story["disputes"][0]["class"] == "reject"
    json.dumps(data)


def test_a_huge_day_caps_the_thread_and_says_how_to_get_the_rest():
    """Thousands of items never become hundreds of thread messages: caps say "and N more"."""
    rows = [
        quote(n, cluster=n, story=n % 300, story_title=f"Story {n % 300}", content=f"line {n}")
        for n in range(1, 3000)
    ]
    messages = brief_messages(build_brief(rows, [], since=SINCE, until=NOON), title="Brief")
    assert 1 <= len(messages.replies) <= 12
    text = json.dumps([m.blocks for m in messages.replies])
    assert "more stories about Lakeside Summit" in text


def test_every_item_in_the_thread_has_its_correction_menu():
    """Items past a story's top ones and stories past the summit's top ones go to the thread,
    each item in a section of its own with the menu a reader corrects it with."""
    rows = [
        quote(n, cluster=n, story=n % 9, story_title=f"Story {n % 9}", content=f"line {n}")
        for n in range(1, 60)
    ]
    messages = brief_messages(build_brief(rows, [], since=SINCE, until=NOON), title="Brief")
    sections = [
        block
        for reply in messages.replies
        for block in reply.blocks
        if block["type"] == "section" and "• " in block["text"]["text"]
    ]
    assert sections, "the thread holds items"
    assert all(s["accessory"]["type"] == "overflow" for s in sections)
    menus = {s["accessory"]["action_id"] for s in sections}
    assert len(menus) == len(sections) and all(m.startswith("correct_statement_") for m in menus)
