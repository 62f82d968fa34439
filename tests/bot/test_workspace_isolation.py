"""Two workspaces on one database: an article that only workspace B's channel feed brought is
seen in B and never in A, on every path a Slack user can trigger (signed requests into the
real app over HTTP, answers recorded by the fake Slack)."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import Session

from bot.app import web_client
from jobs.alerts import send_alerts
from storage.articles import ArticleRecord, store_article
from storage.follows import follow_speaker
from storage.reads import follows_of_user, speakers_matching
from storage.subscriptions import subscribe_channel, update_subscription
from tests.bot.conftest import CHANNEL, post_digests
from tests.fakes import TEAM_ID
from tests.grouped import store_grouped

pytestmark = pytest.mark.slow

TEAM_A, TEAM_B = TEAM_ID, "T0WORKSPB1"
CHANNEL_A, CHANNEL_B = CHANNEL, "C0WORKSPB1"
USER_A, USER_B = "U0READERA1", "U0READERB1"
B_FEED = "https://private.example.org/feed.xml?token=s3cret"
NOW = datetime(2023, 7, 15, 8, 0, tzinfo=UTC)

# What only B's private article says: none of it may reach workspace A. ("Privatova" is not
# here: A's own question may echo it.)
B_SECRETS = ("PRIVATE-", "Zorana", "SECRET-ROLE", "Hidden counsel", "private.example.org")
OPERATOR_WORDS = "OPERATOR-WORDS"


@dataclass(frozen=True)
class Said:
    speaker: str
    role: str | None
    content: str
    speaker_type: str = "person"
    speaker_mention: str | None = None
    cue: str = "said"
    kind: str = "direct"
    start: int = 0
    end: int = 10


@dataclass(frozen=True)
class Disputed:
    actor: str
    target: str | None
    issue: str | None
    evidence: str
    cue: str = "rejected"
    cue_class: str = "reject"
    start: int = 0
    end: int = 10
    statement_index: int | None = None
    actor_type: str = "person"
    escalation: int = 3
    confidence: float = 0.9


def store(engine, url: str, title: str, published: datetime, statements, disputes, **origin):
    with Session(engine) as session:
        store_article(
            session=session,
            article=ArticleRecord(
                canonical_url=url,
                source=url,
                content_hash=f"hash-{url}",
                status="ok",
                text=" ".join(s.content for s in statements),
                title=title,
                outlet="Example",
                published=published,
                **origin,
            ),
            statements=statements,
            disputes=disputes,
            extractor_version="test",
            now=NOW,
        )
        session.commit()


@pytest.fixture
def workspaces(slack, engine) -> dict[str, str]:
    """An operator article (both see it), then one only B's channel feed brought; each
    workspace has a subscribed channel and a reader with a DM. Returns the readers' DMs."""
    store(
        engine,
        "https://operator.example.com/arf",
        "Operator report from the forum",
        NOW - timedelta(hours=3),
        [
            Said(
                "Sergei Lavrov",
                "Russian Foreign Minister",
                f"{OPERATOR_WORDS} Russia will keep talking to Asean.",
            )
        ],
        [
            Disputed(
                "Sergei Lavrov",
                "Josep Borrell",
                "troops",
                "Lavrov rejected Borrell's call OPERATOR-DISPUTE.",
            )
        ],
    )
    store(
        engine,
        "https://private.example.org/memo?token=s3cret",
        "PRIVATE-MEMO for B",
        NOW - timedelta(hours=1),
        [
            Said("Sergei Lavrov", "SECRET-ROLE envoy", "PRIVATE-LAVROV words about Zanzibar."),
            Said("Zorana Privatova", "Hidden counsel", "PRIVATE-PRIVATOVA words about Zanzibar."),
        ],
        [
            Disputed(
                "Zorana Privatova",
                "Sergei Lavrov",
                "Zanzibar",
                "Privatova rejected Lavrov's Zanzibar plan PRIVATE-DISPUTE.",
            )
        ],
        origin="channel",
        feed_url=B_FEED,
    )
    with Session(engine) as session:
        for team, channel, user in ((TEAM_A, CHANNEL_A, USER_A), (TEAM_B, CHANNEL_B, USER_B)):
            subscribe_channel(
                session=session,
                team_id=team,
                channel_id=channel,
                digest_time="07:30",
                timezone="UTC",
                subscribed_by=user,
            )
        update_subscription(session=session, team_id=TEAM_B, channel_id=CHANNEL_B, feeds=[B_FEED])
        session.commit()
    slack.add_channel(CHANNEL_B, name="b-desk")
    dms = {}
    for user in (USER_A, USER_B):
        slack.add_user(user, name=user.lower())
        dms[user] = slack.dm_channel(user)
    return dms


def in_a(text: str) -> None:
    """Nothing of B's private article is in `text`, which workspace A was shown."""
    leaked = [secret for secret in B_SECRETS if secret in text]
    assert not leaked, f"B's private content reached A: {leaked}\n{text}"


def command(slack, sender, name: str, text: str, team: str) -> str:
    """Run a slash command as that workspace's reader; its reply as text."""
    user, channel = (USER_A, CHANNEL_A) if team == TEAM_A else (USER_B, CHANNEL_B)
    reply_to = f"{name}-{team}-{time.monotonic_ns()}"
    response = sender.command(
        name,
        text,
        team_id=team,
        user_id=user,
        channel_id=channel,
        response_url=slack.response_url(reply_to),
    )
    assert response.status_code == 200
    [reply] = slack.wait_for(lambda call: call.name == reply_to)
    return json.dumps(reply.args)


def dm(slack, sender, dms, text: str, team: str) -> str:
    """Ask in the reader's DM; the bot's answer there as text."""
    user = USER_A if team == TEAM_A else USER_B
    before = len(slack.messages(dms[user]))
    event = {
        "type": "message",
        "channel_type": "im",
        "channel": dms[user],
        "user": user,
        "text": text,
        "ts": f"{time.time():.6f}",
    }
    sender.event(event, event_id=f"Ev{time.monotonic_ns()}", team_id=team)
    slack.wait_for(
        lambda c: c.method == "chat.postMessage" and c.args.get("channel") == dms[user],
        count=before + 1,
    )
    return json.dumps([m.blocks or m.text for m in slack.messages(dms[user])[before:]])


def speaker_id(engine, name: str) -> int:
    with Session(engine) as session:
        [match] = speakers_matching(session=session, query=name)
    return match.id


def test_who_said_a_speaker_only_b_quoted_is_unknown_in_a(slack, sender, workspaces):
    """/who-said of a speaker only B's private feed quoted finds nothing in A, not even a
    "did you mean" suggestion, and finds her words in B."""
    for text in ("Privatova", "Privatov"):
        reply = command(slack, sender, "/who-said", text, TEAM_A)
        assert "No statements by" in reply
        in_a(reply)
    reply = command(slack, sender, "/who-said", "Zorana Privatova", TEAM_A)  # echoes "Zorana"
    assert "No statements by" in reply and "Did you mean" not in reply
    in_a(reply.replace("Zorana Privatova", "(the question)"))
    reply = command(slack, sender, "/who-said", "Privatova", TEAM_B)
    assert "PRIVATE-PRIVATOVA words" in reply and "Hidden counsel" in reply
    assert "Zorana Privatova" in command(slack, sender, "/who-said", "Privatov", TEAM_B)


def test_who_said_a_shared_speaker_shows_a_only_operator_statements(slack, sender, workspaces):
    """/who-said Lavrov in A shows his operator statement only, counted as one and with the
    operator's role; B sees both statements and the role its own article gave."""
    reply = command(slack, sender, "/who-said", "Lavrov", TEAM_A)
    assert OPERATOR_WORDS in reply and "of 1" in reply and "Russian Foreign Minister" in reply
    in_a(reply)
    in_a(command(slack, sender, "/who-said", "Lavrov about Zanzibar", TEAM_A))
    reply = command(slack, sender, "/who-said", "Lavrov", TEAM_B)
    assert OPERATOR_WORDS in reply and "PRIVATE-LAVROV words" in reply and "of 2" in reply
    assert "SECRET-ROLE" in reply


def test_who_said_buttons_are_scoped_to_the_clicking_workspace(slack, sender, engine, workspaces):
    """A stale or crafted who-said button naming B's private speaker shows A nothing of hers."""
    privatova = speaker_id(engine, "Privatova")
    value = json.dumps({"q": "Zorana Privatova", "id": privatova, "p": 0})
    sender.button(
        "who_said_pick_0",
        value,
        team_id=TEAM_A,
        user_id=USER_A,
        response_url=slack.response_url("pick"),
    )
    [reply] = slack.wait_for(lambda call: call.name == "pick")
    text = json.dumps(reply.args)
    assert "No statements by" in text and "PRIVATE-" not in text and "Hidden counsel" not in text


def test_disputes_in_a_never_show_bs_private_disputes(slack, sender, workspaces):
    """/disputes in A lists the operator dispute only, whatever the query; B also sees its own."""
    reply = command(slack, sender, "/disputes", "", TEAM_A)
    assert "OPERATOR-DISPUTE" in reply
    in_a(reply)
    reply = command(slack, sender, "/disputes", "Lavrov", TEAM_A)
    assert "OPERATOR-DISPUTE" in reply
    in_a(reply)
    for text in ("Privatova", "Zanzibar", "Privatov"):
        in_a(command(slack, sender, "/disputes", text, TEAM_A))
    reply = command(slack, sender, "/disputes", "Lavrov", TEAM_B)
    assert "OPERATOR-DISPUTE" in reply and "PRIVATE-DISPUTE" in reply


def test_dm_questions_in_a_never_answer_from_bs_private_article(slack, sender, workspaces, engine):
    """DM questions in A (who said, topic, disputes, follow) answer from operator content
    only; the same questions in B answer from its private article too."""
    questions = (
        "what did Lavrov say?",
        "what did Privatova say?",
        "who said what about Zanzibar?",
        "who disputes Lavrov?",
        "follow Privatova",
    )
    for question in questions:
        in_a(dm(slack, sender, workspaces, question, TEAM_A))
    assert OPERATOR_WORDS in dm(slack, sender, workspaces, "what did Lavrov say?", TEAM_A)
    assert "PRIVATE-PRIVATOVA" in dm(
        slack, sender, workspaces, "who said what about Zanzibar?", TEAM_B
    )
    assert "You now follow" in dm(slack, sender, workspaces, "follow Privatova", TEAM_B)


def test_follower_alert_in_a_carries_only_operator_statements(slack, settings, engine, workspaces):
    """A follower of Lavrov in A gets a DM with his operator statement only; his follower in
    B gets both."""
    lavrov = speaker_id(engine, "Lavrov")
    with Session(engine) as session:
        for team, user in ((TEAM_A, USER_A), (TEAM_B, USER_B)):
            follow_speaker(
                session=session, team_id=team, user_id=user, speaker_id=lavrov, alerted_through=0
            )
        session.commit()
    client = web_client(settings, retries=0)
    assert send_alerts(engine=engine, client_for=lambda team: client).counts == {"sent": 2}
    [alert_a] = slack.messages(workspaces[USER_A])
    text_a = json.dumps(alert_a.blocks)
    assert OPERATOR_WORDS in text_a and "1 new statement" in alert_a.text
    in_a(text_a + alert_a.text)
    [alert_b] = slack.messages(workspaces[USER_B])
    assert "PRIVATE-LAVROV" in json.dumps(alert_b.blocks) and "2 new statements" in alert_b.text


def test_app_home_in_a_shows_nothing_from_bs_private_article(slack, sender, engine, workspaces):
    """A's App Home lists the followed speaker with the role operator content gives him,
    not the one B's private article gave; B's Home shows B's."""
    lavrov = speaker_id(engine, "Lavrov")
    with Session(engine) as session:
        for team, user in ((TEAM_A, USER_A), (TEAM_B, USER_B)):
            follow_speaker(
                session=session, team_id=team, user_id=user, speaker_id=lavrov, alerted_through=0
            )
        session.commit()
    for team, user in ((TEAM_A, USER_A), (TEAM_B, USER_B)):
        event = {"type": "app_home_opened", "user": user, "tab": "home"}
        sender.event(event, event_id=f"EvHome{team}", team_id=team)
    slack.wait_for("views.publish", count=2, ok=True)
    home_a = json.dumps(slack.home_view(USER_A))
    assert "Sergei Lavrov" in home_a and "Russian Foreign Minister" in home_a
    in_a(home_a)
    assert "SECRET-ROLE" in json.dumps(slack.home_view(USER_B))


def digests_of_both(slack, settings, engine) -> tuple[str, str]:
    """Post A's and B's channel digests; each channel's messages (text and blocks) as JSON."""
    post_digests(
        engine,
        web_client(settings, retries=0),
        ((TEAM_A, CHANNEL_A), (TEAM_B, CHANNEL_B)),
        digest_date=date(2023, 7, 15),
        now=NOW + timedelta(minutes=30),
    )
    text_a, text_b = (
        json.dumps([[m.text, m.blocks] for m in slack.messages(channel)])
        for channel in (CHANNEL_A, CHANNEL_B)
    )
    return text_a, text_b


def test_channel_digest_in_a_never_shows_bs_private_article(slack, settings, engine, workspaces):
    """A's channel digest is built from operator content only; B's includes its feed's."""
    text_a, text_b = digests_of_both(slack, settings, engine)
    assert OPERATOR_WORDS in text_a
    in_a(text_a)
    assert "PRIVATE-" in text_b


def test_a_follow_button_naming_bs_private_speaker_follows_nobody_in_a(
    slack, sender, engine, workspaces
):
    """A stale or crafted Follow button with the id of a speaker only B's private feed quoted
    follows no one in A: A's follows, its `following` answer and its App Home never name her."""
    privatova = speaker_id(engine, "Privatova")
    sender.button(
        "digest_follow_0",
        json.dumps({"id": privatova, "n": "Someone"}),
        team_id=TEAM_A,
        user_id=USER_A,
        response_url=slack.response_url("follow"),
    )
    [reply] = slack.wait_for(lambda call: call.name == "follow")
    assert "You now follow" not in json.dumps(reply.args)
    with Session(engine) as session:
        assert follows_of_user(session=session, team_id=TEAM_A, user_id=USER_A) == []
    in_a(dm(slack, sender, workspaces, "following", TEAM_A))
    event = {"type": "app_home_opened", "user": USER_A, "tab": "home"}
    sender.event(event, event_id="EvHomeFollow", team_id=TEAM_A)
    slack.wait_for("views.publish", ok=True)
    in_a(json.dumps(slack.home_view(USER_A)))


BRIEF_TEXT = (
    "Foreign ministers meeting at the Jakarta forum failed to agree on a statement about the "
    "South China Sea after Beijing objected to the draft. Sergei Lavrov said the draft "
    "statement on the South China Sea was one-sided. The Jakarta forum ends on Saturday."
)
BRIEF_TEXT_2 = (
    "The Jakarta forum of foreign ministers ended without a statement on the South China Sea "
    "after Beijing objected to the draft. Sergei Lavrov told reporters the draft statement on "
    "the South China Sea was one-sided, and the Jakarta forum ends on Saturday."
)


def lavrov_said(engine, url, title, text, published, content, **origin):
    """Store an article quoting Lavrov through grouping at ingest (story, statement cluster)."""
    from extract.model import Statement

    start = text.find(content)
    record = ArticleRecord(
        canonical_url=url,
        source=url,
        content_hash=f"hash-{url}",
        status="ok",
        text=text,
        title=title,
        outlet=url.split("/")[2],
        published=published,
        **origin,
    )
    said = Statement("Sergei Lavrov", content, "said", "indirect", start, start + len(content))
    store_grouped(engine, record, [said])


def test_a_story_bs_private_article_titled_is_titled_from_what_a_sees(
    slack, settings, engine, workspaces
):
    """One story of B's private article (published first, so it titles the story) and an
    operator article on the same event: A's digest heads the story with the operator's
    headline, never B's; B, who sees both, gets the story's own title."""
    lavrov_said(
        engine,
        "https://private.example.org/forum?token=s3cret",
        "PRIVATE-HEADLINE of the Jakarta forum",
        BRIEF_TEXT,
        NOW - timedelta(hours=2),
        "the draft statement on the South China Sea was one-sided",
        origin="channel",
        feed_url=B_FEED,
    )
    lavrov_said(
        engine,
        "https://wire.example.com/forum",
        "Forum ends without a sea statement",
        BRIEF_TEXT_2,
        NOW - timedelta(minutes=30),
        "the draft statement on the South China Sea was one-sided",
    )
    text_a, text_b = digests_of_both(slack, settings, engine)
    assert "Forum ends without a sea statement" in text_a
    in_a(text_a)
    assert "PRIVATE-HEADLINE of the Jakarta forum" in text_b


def test_timelines_and_dispute_maps_in_a_never_show_bs_private_content(engine, workspaces):
    """A speaker timeline (by name, close name or a button's id) and the dispute map read in
    A know nothing of B's private article: not Privatova, not Lavrov's private words, not
    her dispute; the same reads in B do."""
    from jobs.map_post import MapRequest, read_requested_map
    from jobs.timeline import TimelineRequest, read_timeline

    asked = NOW + timedelta(hours=1)

    def timeline(team: str, name: str, speaker: int | None = None):
        request = TimelineRequest(team, "U0ASKER001", name, asked, speaker_id=speaker)
        return read_timeline(request, engine=engine)

    def dispute_map(team: str, about: str | None = None) -> str:
        request = MapRequest(team, "C0ANY00001", about, None, asked)
        return str(read_requested_map(request, engine=engine, min_confidence=0.5))

    privatova = speaker_id(engine, "Privatova")
    for found in (timeline(TEAM_A, "Privatova"), timeline(TEAM_A, "x", privatova)):
        assert found.speaker is None and found.timeline is None
        in_a(str(found))
    lavrov = timeline(TEAM_A, "Lavrov")
    assert [e.statement.content for e in lavrov.timeline.entries] == [
        f"{OPERATOR_WORDS} Russia will keep talking to Asean."
    ]
    in_a(str(lavrov))
    map_a = dispute_map(TEAM_A)
    assert "Josep Borrell" in map_a and "Privatova" not in map_a
    in_a(map_a)
    in_a(dispute_map(TEAM_A, "Zanzibar"))
    assert timeline(TEAM_B, "x", privatova).speaker.name == "Zorana Privatova"
    assert len(timeline(TEAM_B, "Lavrov").timeline.entries) == 2
    assert "Zorana Privatova" in dispute_map(TEAM_B)
