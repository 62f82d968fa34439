"""/disputes through signed HTTP requests into the real app, answered at a fake response_url."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session

from storage.articles import ArticleRecord, store_article


@dataclass(frozen=True)
class FoundDispute:
    actor: str
    target: str | None
    cue: str
    issue: str | None
    evidence: str
    cue_class: str = "reject"
    start: int = 0
    end: int = 10
    statement_index: int | None = None
    actor_type: str = "person"
    escalation: int = 3
    confidence: float = 0.9


def store_disputes(engine, count: int, *, actor: str = "Wang Yi", target: str = "Antony Blinken"):
    """`count` articles, one dispute each, published a day apart (article i on day i)."""
    with Session(engine) as session:
        for i in range(count):
            evidence = f"{actor} rejected claim number {i} made by {target}."
            store_article(
                session=session,
                article=ArticleRecord(
                    canonical_url=f"https://news.example.com/story-{i}",
                    source=f"https://news.example.com/story-{i}",
                    content_hash=f"hash-{i}",
                    status="ok",
                    text=evidence,
                    title=f"Story {i}",
                    outlet="Example News",
                    published=datetime(2023, 7, 1, tzinfo=UTC) + timedelta(days=i),
                ),
                disputes=[FoundDispute(actor, target, "rejected", f"claim {i}", evidence)],
                extractor_version="test",
            )
        session.commit()


def reply(slack, name: str) -> dict:
    return slack.wait_for(lambda call: call.name == name)[0].args


def buttons(body: dict) -> dict[str, str]:
    actions = next(b for b in body["blocks"] if b["type"] == "actions")
    return {e["action_id"]: e["value"] for e in actions["elements"]}


@pytest.mark.slow
def test_disputes_lavrov_finds_the_dispute_with_borrell(slack, sender, reference_ingested):
    """`/disputes Lavrov` shows Lavrov → Borrell, the issue, the evidence and the source."""
    response = sender.command("/disputes", "lavrov's", response_url=slack.response_url("r1"))
    assert response.status_code == 200
    body = reply(slack, "r1")
    assert body["response_type"] == "ephemeral"
    text = json.dumps(body["blocks"], ensure_ascii=False)
    assert "*Sergei Lavrov* → *Josep Borrell* (rejected · rejection)" in text
    assert "withdraw troops from Ukraine" in text
    assert "aggressively" in text  # the evidence sentence
    assert "Dawn" in text and "15 Jul 2023" in text  # the source, from its print sign-off
    slack.assert_no_errors()


def test_no_match_gets_a_clear_reply(slack, sender, engine):
    """A name nobody disputes gets "No disputes involving …" and an example."""
    store_disputes(engine, 1)
    sender.command("/disputes", "Zelensky", response_url=slack.response_url("r1"))
    text = str(reply(slack, "r1")["blocks"])
    assert "No disputes involving *Zelensky*" in text and "/disputes Lavrov" in text


def test_empty_command_shows_recent_disputes_newest_first(slack, sender, engine):
    """`/disputes` alone lists the latest disputes, newest article first, with outlet links."""
    store_disputes(engine, 3)
    sender.command("/disputes", "", response_url=slack.response_url("r1"))
    text = json.dumps(reply(slack, "r1")["blocks"])
    assert (
        text.index("claim number 2") < text.index("claim number 1") < text.index("claim number 0")
    )
    assert "<https://news.example.com/story-2|Example News>" in text
    assert "Disputes 1\\u20133 of 3" in text


def test_topic_and_target_both_match(slack, sender, engine):
    """A target's surname and a word of the issue both find the dispute."""
    store_disputes(engine, 2)
    sender.command("/disputes", "blinken", response_url=slack.response_url("r1"))
    sender.command("/disputes", "claim 1", response_url=slack.response_url("r2"))
    assert "of 2" in str(reply(slack, "r1")["blocks"])
    assert "of 1" in str(reply(slack, "r2")["blocks"])


def test_paging_buttons_replace_the_original(slack, sender, engine):
    """Older/Newer buttons page through the disputes by replacing the original message."""
    store_disputes(engine, 7)
    sender.command("/disputes", "Wang Yi", response_url=slack.response_url("r1"))
    first = reply(slack, "r1")
    assert set(buttons(first)) == {"disputes_page_older", "disputes_share"}
    older = buttons(first)["disputes_page_older"]
    sender.button("disputes_page_older", older, response_url=slack.response_url("r2"))
    second = reply(slack, "r2")
    assert second["replace_original"] is True
    assert "Disputes 6–7 of 7" in str(second["blocks"])
    assert "claim number 0" in str(second["blocks"])
    newer = buttons(second)["disputes_page_newer"]
    assert "disputes_page_older" not in buttons(second)
    sender.button("disputes_page_newer", newer, response_url=slack.response_url("r3"))
    assert "Disputes 1–5 of 7" in str(reply(slack, "r3")["blocks"])
    slack.assert_no_errors()


def test_malformed_button_value_falls_back_to_the_first_page(slack, sender, engine):
    """A tampered button value shows the first page of everything, not an error."""
    store_disputes(engine, 2)
    sender.button("disputes_page_older", "{not json", response_url=slack.response_url("r1"))
    assert "Disputes 1–2 of 2" in str(reply(slack, "r1")["blocks"])


def test_share_posts_in_channel_and_deletes_the_ephemeral(slack, sender, engine):
    """ "Share in channel" reposts the page in_channel without buttons and deletes the original."""
    store_disputes(engine, 1)
    sender.command("/disputes", "", response_url=slack.response_url("r1"))
    share = buttons(reply(slack, "r1"))["disputes_share"]
    sender.button("disputes_share", share, response_url=slack.response_url("r2"))
    posts = slack.wait_for(lambda call: call.name == "r2", count=2)
    assert posts[0].args["response_type"] == "in_channel"
    assert all(b["type"] != "actions" for b in posts[0].args["blocks"])
    assert posts[1].args.get("delete_original") is True


def test_help(slack, sender):
    """`/disputes help` explains the command with examples."""
    sender.command("/disputes", "help", response_url=slack.response_url("r1"))
    assert "/disputes [NAME or TOPIC]" in str(reply(slack, "r1")["blocks"])


def test_hostile_input_is_escaped_and_within_limits(slack, sender, engine):
    """Mentions, broadcasts, control characters and 40 KB of text come back escaped and short."""
    store_disputes(engine, 1, actor="<!channel> Evil", target="<@U0ADMIN>")
    hostile = "<!here> <@U0ADMIN> `code` \x00\x1b[31m " + "y" * 40_000
    sender.command("/disputes", hostile, response_url=slack.response_url("r1"))
    sender.command("/disputes", "Evil", response_url=slack.response_url("r2"))
    for name in ("r1", "r2"):
        body = reply(slack, name)
        text = json.dumps(body)
        assert "<!here>" not in text and "<!channel>" not in text and "<@U0ADMIN>" not in text
        assert "\\u0000" not in text and "\\u001b" not in text
        assert len(text) < 12_000
    assert "&lt;!channel&gt; Evil" in json.dumps(reply(slack, "r2"))
    slack.assert_no_errors()
