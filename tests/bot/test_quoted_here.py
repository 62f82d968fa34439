"""The "Who's quoted here?" message shortcut and link previews end to end: the shortcut and
`link_shared` sent signed into the real app over HTTP, the answers and `chat.unfurl` on the
fake Slack, articles in a real database."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select
from sqlmodel import Session

from jobs.ingest import ingest_documents
from jobs.model import Document, FeedEntry
from storage.corrections import NOT_DISPUTE, SPEAKER, correction_target, record_correction
from storage.models import Dispute, Statement
from storage.scope import workspace_scope
from tests.bot.conftest import CHANNEL
from tests.fakes import TEAM_ID

pytestmark = pytest.mark.slow

READER = "U0READER01"  # who uses the shortcut
AUTHOR = "U0AUTHOR01"  # who wrote the message it is used on
URL = "https://news.example.com/2026/03/geneva-grain-talks"
NOW = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)

# Our own sentences: two quotes and an accusation by Blinken, one quote each by three others.
ARTICLE = (
    "Foreign ministers met in Geneva on Tuesday for a second day of talks on the grain "
    "corridor.\n\n"
    '"We will not accept new conditions on the corridor," Russian Foreign Minister Sergei '
    "Lavrov told reporters after the session.\n\n"
    "US Secretary of State Antony Blinken accused Russia of using food as a weapon. "
    '"The door to talks remains open, but not forever," Blinken said.\n\n'
    "Turkish Foreign Minister Hakan Fidan said both sides had agreed to meet again next "
    "month.\n\n"
    "Chinese Foreign Minister Wang Yi said Beijing hoped the talks would continue."
)
SUMMARY = "Antony Blinken, Sergei Lavrov and 2 others quoted · 2 disputes"


def store_article(engine, extractor, *, url: str = URL, channel_feed: str | None = None):
    """The article ingested from `url` (through a channel's own feed when given)."""
    document = Document(
        source=url,
        body=ARTICLE.encode(),
        fetched_at=NOW,
        url=url,
        content_type="text/plain",
        entry=FeedEntry(link=url, title="Geneva grain talks", feed_url=channel_feed),
    )
    summary = ingest_documents(
        [document],
        engine=engine,
        extractor=extractor,
        now=NOW,
        channel_feeds=(channel_feed,) if channel_feed else (),
    )
    assert summary.new == 1


def shortcut(sender, slack, *, text: str, author: str, name: str, thread_ts: str | None = None):
    message = {"type": "message", "user": author, "ts": "1773133200.000100", "text": text}
    if thread_ts:
        message["thread_ts"] = thread_ts
    payload = {
        "type": "message_action",
        "callback_id": "quoted_here",
        "trigger_id": "1.2.3",
        "response_url": slack.response_url(name),
        "team": {"id": TEAM_ID, "domain": "summit"},
        "channel": {"id": CHANNEL, "name": "summit-desk"},
        "user": {"id": READER, "name": "reader", "team_id": TEAM_ID},
        "message": message,
        "message_ts": message["ts"],
        "action_ts": "1773133300.000200",
        "is_enterprise_install": False,
        "enterprise": None,
    }
    reply = sender.action(payload)
    assert reply.status_code == 200, reply.text
    return message


def responses(slack, name: str, count: int) -> list[str]:
    calls = slack.wait_for(lambda c: c.name == name, count=count, timeout=30)
    return [str(c.args.get("blocks") or c.args.get("text")) for c in calls]


def link_shared(sender, *, links, event_id: str, source: str = "conversations_history"):
    event = {
        "type": "link_shared",
        "channel": CHANNEL,
        "user": AUTHOR,
        "message_ts": "1773133200.000100",
        "thread_ts": None,
        "unfurl_id": "C123456.1773133200.000100.abcd",
        "source": source,
        "links": [{"domain": "news.example.com", "url": link} for link in links],
        "event_ts": "1773133201.000300",
    }
    reply = sender.event(event, event_id=event_id)
    assert reply.status_code == 200, reply.text


def test_the_shortcut_on_your_own_message_answers_in_its_thread_for_everyone(
    slack, sender, engine, extractor
):
    """On the asker's own message linking a stored article: a visible thread reply with who
    is quoted and the disputes, each with its correction menu, and the "reading" note
    replaced by where the answer is."""
    store_article(engine, extractor)
    shortcut(sender, slack, text=f"Worth a read <{URL}|Geneva talks>", author=READER, name="q1")
    reading, answered = responses(slack, "q1", 2)
    assert "Reading it" in reading and "Answered in the message's thread" in answered
    [reply] = [m for m in slack.messages(CHANNEL) if m.thread_ts == "1773133200.000100"]
    text = str(reply.blocks)
    assert SUMMARY in text
    assert "We will not accept new conditions on the corridor" in text
    assert "*Antony Blinken* accused *Russia* over using food as a weapon" in text
    assert reply.args.get("unfurl_links") in (False, "false", "0", 0)
    menus = [b["accessory"]["action_id"] for b in reply.blocks if "accessory" in b]
    assert sorted(m.split("_")[1] for m in menus) == ["dispute"] * 2 + ["statement"] * 5
    assert slack.ephemerals() == []
    slack.assert_no_errors()


def test_the_shortcut_on_someone_elses_message_answers_only_the_asker(
    slack, sender, engine, extractor
):
    """On another person's message: an ephemeral reply in that message's thread, seen only by
    the asker; nothing is posted for the channel."""
    store_article(engine, extractor)
    shortcut(sender, slack, text=URL, author=AUTHOR, name="q2", thread_ts="1773133000.000001")
    responses(slack, "q2", 2)
    [answer] = slack.ephemerals(CHANNEL, user=READER)
    assert answer.thread_ts == "1773133000.000001"
    assert SUMMARY in str(answer.blocks)
    assert slack.messages(CHANNEL) == []
    slack.assert_no_errors()


def test_pasted_text_without_links_is_extracted_from_the_message(slack, sender):
    """A message of plain text is read itself: its speakers and disputes, marked as read just
    now and not added to any digest (so without correction menus)."""
    shortcut(sender, slack, text=ARTICLE, author=AUTHOR, name="q3")
    responses(slack, "q3", 2)
    [answer] = slack.ephemerals(CHANNEL, user=READER)
    text = str(answer.blocks)
    assert "This message" in text and SUMMARY in text
    assert "not added to this workspace's digests" in text
    assert "accessory" not in text  # nothing stored, nothing to correct


def test_another_workspaces_channel_article_is_never_shown(slack, sender, engine, extractor):
    """An article only another workspace's channel feed brought stays unseen: the link is read
    as an untrusted page instead (here refused), and none of the article's words appear."""
    other_feed = "https://private.example.org/feed.rss"
    store_article(engine, extractor, channel_feed=other_feed)
    shortcut(sender, slack, text=f"<{URL}>", author=AUTHOR, name="q4")
    responses(slack, "q4", 2)
    [answer] = slack.ephemerals(CHANNEL, user=READER)
    text = str(answer.blocks)
    assert "could not read the page" in text
    assert "Lavrov" not in text and "Blinken" not in text


def test_a_link_to_a_private_address_is_refused_with_a_reason(slack, sender):
    """A link into the operator's own network is never fetched; the asker is told why."""
    shortcut(sender, slack, text="<http://10.0.0.5/admin>", author=AUTHOR, name="q5")
    responses(slack, "q5", 2)
    [answer] = slack.ephemerals(CHANNEL, user=READER)
    assert "could not read the page" in str(answer.blocks)
    assert "10.0.0.5" in str(answer.blocks)


def test_where_the_bot_is_not_a_member_the_answer_comes_by_response_url(
    slack, sender, engine, extractor
):
    """Outside the bot's channels (or in a DM between people) the answer replaces the
    "reading" note through the shortcut's response URL."""
    slack.add_channel(CHANNEL, name="summit-desk", is_member=False)
    store_article(engine, extractor)
    shortcut(sender, slack, text=URL, author=AUTHOR, name="q6")
    reading, answer = responses(slack, "q6", 2)
    assert "Reading it" in reading and SUMMARY in answer
    assert slack.ephemerals() == [] and slack.messages() == []


def test_a_shortcut_payload_without_a_message_gets_an_apology_not_a_traceback(slack, sender):
    """A malformed payload (no message) is acknowledged and answered with a short apology."""
    payload = {
        "type": "message_action",
        "callback_id": "quoted_here",
        "trigger_id": "1.2.3",
        "response_url": slack.response_url("q7"),
        "team": {"id": TEAM_ID},
        "channel": {"id": CHANNEL},
        "user": {"id": READER, "team_id": TEAM_ID},
    }
    assert sender.action(payload).status_code == 200
    [answer] = responses(slack, "q7", 1)
    assert "Sorry, something went wrong" in answer and "Traceback" not in answer


def test_a_shared_link_to_a_stored_article_gets_a_preview_of_who_it_quotes(
    slack, sender, engine, extractor
):
    """`link_shared` for an article the workspace has: chat.unfurl names who it quotes and
    how many disputes, with its first quotes; an unknown link gets no preview."""
    store_article(engine, extractor)
    unknown = "https://news.example.com/2026/03/unknown"
    link_shared(sender, links=[URL, unknown], event_id="Ev0UNFURL01")
    slack.wait_for("chat.unfurl", timeout=30)
    [unfurl] = slack.unfurls()
    assert list(unfurl.unfurls) == [URL]
    assert SUMMARY in str(unfurl.unfurls[URL]["blocks"])
    assert (unfurl.channel, unfurl.ts) == (CHANNEL, "1773133200.000100")
    slack.assert_no_errors()


def test_a_link_in_a_message_being_written_is_previewed_by_its_unfurl_id(
    slack, sender, engine, extractor
):
    """A link typed in the composer has no message yet: the preview names its unfurl_id."""
    store_article(engine, extractor)
    link_shared(sender, links=[URL], event_id="Ev0UNFURL02", source="composer")
    slack.wait_for("chat.unfurl", timeout=30)
    [unfurl] = slack.unfurls()
    assert (unfurl.unfurl_id, unfurl.source) == ("C123456.1773133200.000100.abcd", "composer")
    assert unfurl.channel is None


def test_links_the_workspace_may_not_see_get_no_preview(slack, sender, engine, extractor):
    """An article only another workspace's channel feed brought is never previewed here,
    while a link in the same message to an article the workspace has is."""
    seen = "https://wire.example.net/2026/03/geneva"
    store_article(engine, extractor, channel_feed="https://private.example.org/feed.rss")
    store_article(engine, extractor, url=seen)
    link_shared(sender, links=[URL, seen], event_id="Ev0UNFURL03")
    slack.wait_for("chat.unfurl", timeout=30)
    [unfurl] = slack.unfurls()
    assert list(unfurl.unfurls) == [seen]


def test_the_workspaces_corrections_apply_to_the_answer(slack, sender, engine, extractor):
    """What this workspace's readers corrected shows corrected: a dispute they said is none is
    gone, a statement they moved is under its corrected speaker."""
    store_article(engine, extractor)
    with Session(engine) as session:
        scope = workspace_scope(session=session, team_id=TEAM_ID)
        fidan = session.exec(
            select(Statement.id).where(Statement.content.startswith("both sides"))
        ).scalar_one()
        accusation = session.exec(select(Dispute.id).where(Dispute.cue == "accused")).scalar_one()
        for kind, item, action, name in [
            ("statement", fidan, SPEAKER, "Mevlut Cavusoglu"),
            ("dispute", accusation, NOT_DISPUTE, None),
        ]:
            target = correction_target(session=session, kind=kind, item_id=item, scope=scope)
            record_correction(
                session=session,
                team_id=TEAM_ID,
                user_id=READER,
                target=target,
                action=action,
                speaker_name=name,
            )
        session.commit()
    shortcut(sender, slack, text=URL, author=AUTHOR, name="q8")
    responses(slack, "q8", 2)
    [answer] = slack.ephemerals(CHANNEL, user=READER)
    text = str(answer.blocks)
    assert "1 dispute" in text and "*Antony Blinken* accused" not in text
    assert "*Mevlut Cavusoglu*: said both sides" in text and "Hakan Fidan" not in text


@pytest.mark.parametrize("url", ["https://news.example/talks", None], ids=["linked", "unlinked"])
def test_a_headline_cannot_format_the_answer(url):
    """An article's headline and outlet in the answer show their bold, italic and strike
    markers as look-alikes (∗ ＿ ∼), linked or not, as quotes do; the words are kept."""
    from bot.render_quoted_here import Reading, quoted_here_message
    from storage.article_findings import ArticleFindings

    found = ArticleFindings(url=url, title="Talks *off* as _envoys_ walk ~out~", outlet="*Wire*")
    answer = quoted_here_message([Reading("https://news.example/talks", findings=found)])
    head = answer.blocks[0]["text"]["text"]
    assert "Talks ∗off∗ as ＿envoys＿ walk ∼out∼" in head and "∗Wire∗" in head
    assert not any(marker in head for marker in ("*off*", "_envoys_", "~out~", "*Wire*"))
