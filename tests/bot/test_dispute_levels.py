"""What readers see of disputes, through the real app and the fake Slack: only named, confident
ones, the digest's ranked by escalation, each with its rung in words."""

from __future__ import annotations

import json
import time
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from sqlmodel import Session

from bot.app import create_app, web_client
from bot.server import BackgroundServer, wsgi_app
from extract.model import Dispute
from jobs.digests import DigestTarget, deliver_digest
from storage.articles import ArticleRecord, store_article
from tests.bot.conftest import CHANNEL, SIGNING_SECRET
from tests.fakes import TEAM_ID, SlackSender

NOW = datetime(2023, 7, 15, 8, 0, tzinfo=UTC)
USER = "U0READER01"


def dispute(actor: str, cue: str, cue_class: str, escalation: int, **extra) -> Dispute:
    """A dispute whose evidence sentence is its own: "<actor> <cue> <target> over <issue>."."""
    fields = {"target": "Ukraine", "issue": "the grain deal", "confidence": 0.9} | extra
    evidence = f"{actor} {cue} {fields['target']} over {fields['issue']}."
    return Dispute(
        actor=actor,
        cue=cue,
        cue_class=cue_class,
        evidence=evidence,
        start=0,
        end=len(evidence),
        escalation=escalation,
        **fields,
    )


CRITICISM = dispute("Sergei Lavrov", "slammed", "criticise", 1, issue=None)
THREAT = dispute("Russia", "threatened", "threaten", 6, actor_type="organisation")
UNRESOLVED = dispute("The official", "rejected", "reject", 3, actor_type="unresolved")
DOUBTFUL = dispute("Josep Borrell", "warned", "warn", 5, confidence=0.45)


def store_disputes(engine, *disputes: Dispute) -> None:
    """One article carrying `disputes`, first stored half an hour before NOW."""
    with Session(engine) as session:
        store_article(
            session=session,
            article=ArticleRecord(
                canonical_url="https://news.example.com/summit",
                source="https://news.example.com/summit",
                content_hash="summit",
                status="ok",
                text=" ".join(d.evidence for d in disputes),
                title="Summit",
                outlet="Example News",
                published=NOW - timedelta(hours=1),
            ),
            disputes=disputes,
            extractor_version="test",
            now=NOW - timedelta(minutes=30),
        )
        session.commit()


def test_digest_shows_named_confident_disputes_by_escalation_with_their_rung(
    slack, settings, engine
):
    """The threat leads the criticism, each with its rung after its source; the unresolved and
    the doubtful disputes are left out of the lines and of the count; no issue, no colon."""
    store_disputes(engine, CRITICISM, UNRESOLVED, DOUBTFUL, THREAT)
    result = deliver_digest(
        DigestTarget(team_id=TEAM_ID, channel_id=CHANNEL),
        engine=engine,
        client=web_client(settings),
        digest_date=date(2023, 7, 15),
        now=NOW,
        sleep=lambda _: None,
    )
    assert result.outcome == "posted"
    [post] = slack.messages(CHANNEL)
    blocks = json.dumps(post.blocks, ensure_ascii=False)
    threat = "*Russia* threatened *Ukraine*: the grain deal — "
    criticism = "*Sergei Lavrov* slammed *Ukraine* — "
    assert blocks.index(threat) < blocks.index(criticism)
    assert blocks.index("_threat_") < blocks.index("_criticism_")
    assert "The official" not in blocks and "Borrell" not in blocks
    assert "2 disputes" in post.text
    slack.assert_no_errors()


def test_disputes_command_and_dm_show_only_named_confident_disputes(slack, sender, engine):
    """`/disputes` lists and counts only the shown disputes, and so does a DM asking for them."""
    store_disputes(engine, CRITICISM, UNRESOLVED, DOUBTFUL, THREAT)
    sender.command("/disputes", "", response_url=slack.response_url("r1"))
    [listing] = slack.wait_for(lambda call: call.name == "r1")
    text = json.dumps(listing.args["blocks"], ensure_ascii=False)
    assert "Disputes 1–2 of 2" in text and "(threatened · threat)" in text
    assert "The official" not in text and "Borrell" not in text
    slack.add_user(USER, name="reader")
    dm = slack.dm_channel(USER)
    event = {"type": "message", "channel_type": "im", "channel": dm, "user": USER}
    sender.event(event | {"text": "disputes", "ts": f"{time.time():.6f}"}, event_id="EvD1")
    [answer] = slack.wait_for(
        lambda c: c.method == "chat.postMessage" and c.args.get("channel") == dm
    )
    text = json.dumps(answer.args, ensure_ascii=False)
    assert "Russia" in text and "Sergei Lavrov" in text
    assert "The official" not in text and "Borrell" not in text
    slack.assert_no_errors()


def test_the_confidence_setting_reaches_the_disputes_command(slack, settings, engine):
    """With DISPUTE_MIN_CONFIDENCE at 0.4 the doubtful dispute is shown too; the unresolved
    one never is."""
    store_disputes(engine, CRITICISM, UNRESOLVED, DOUBTFUL, THREAT)
    app = create_app(replace(settings, dispute_min_confidence=0.4), engine=engine)
    with BackgroundServer(wsgi_app(app)) as server, SlackSender(server.url, SIGNING_SECRET) as s:
        s.command("/disputes", "", response_url=slack.response_url("r1"))
        [listing] = slack.wait_for(lambda call: call.name == "r1")
    text = json.dumps(listing.args["blocks"], ensure_ascii=False)
    assert "Disputes 1–3 of 3" in text and "(warned · warning)" in text
    assert "The official" not in text
