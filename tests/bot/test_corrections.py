"""Corrections from readers, end to end: signed interactive payloads into the real app over
HTTP, the fake Slack recording what the app calls, and a real database."""

from __future__ import annotations

import json
import time
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlmodel import Session

from bot.app import web_client
from bot.render_corrections import NOT_AVAILABLE, PICK_OR_TYPE
from extract.model import Dispute, Statement
from storage.articles import ArticleRecord, store_article
from storage.models import Correction
from storage.models import Dispute as DisputeRow
from storage.models import Statement as StatementRow
from storage.subscriptions import subscribe_channel, update_subscription
from tests.bot.conftest import CHANNEL, post_digests
from tests.fakes import TEAM_ID

TEAM_A, TEAM_B = TEAM_ID, "T0WORKSPB1"
CHANNEL_B = "C0WORKSPB1"
USER_A, USER_B, ADMIN = "U0READERA1", "U0READERB1", "U0ADMIN001"
PRIVATE_FEED = "https://private.example.org/feed.xml"
NOW = datetime(2023, 7, 15, 8, 0, tzinfo=UTC)
TEXT = "Ada Brook said the border talks had failed. Ivo Dant said the river would flood."


def store(engine, url: str, **origin) -> None:
    with Session(engine) as session:
        store_article(
            session=session,
            article=ArticleRecord(url, url, f"hash-{url}", "ok", TEXT, title="Talks", **origin),
            statements=[
                Statement("Ada Brook", "the border talks had failed", "said", "indirect", 14, 41),
                Statement("Ivo Dant", "the river would flood", "said", "indirect", 58, 79),
            ],
            disputes=[
                Dispute(
                    actor="Ada Brook",
                    cue="rejected",
                    cue_class="reject",
                    evidence="Ada Brook rejected the Dant plan.",
                    start=0,
                    end=10,
                    target="Ivo Dant",
                    issue="the border",
                    escalation=3,
                    confidence=0.9,
                )
            ],
            extractor_version="test",
            now=NOW,
        )
        session.commit()


@pytest.fixture
def talks(slack, engine) -> dict[str, int]:
    """An operator article both workspaces see, and a copy only B's channel feed brought;
    B's channel subscribes to that feed. Returns the stored ids by name."""
    store(engine, "https://news.example/talks")
    store(engine, "https://private.example.org/talks", origin="channel", feed_url=PRIVATE_FEED)
    with Session(engine) as session:
        for team, channel in ((TEAM_A, CHANNEL), (TEAM_B, CHANNEL_B)):
            subscribe_channel(
                session=session,
                team_id=team,
                channel_id=channel,
                digest_time="07:30",
                timezone="UTC",
            )
        update_subscription(
            session=session, team_id=TEAM_B, channel_id=CHANNEL_B, feeds=[PRIVATE_FEED]
        )
        session.commit()
        rows = session.exec(select(StatementRow).order_by(StatementRow.id)).scalars().all()
        disputes = session.exec(select(DisputeRow.id).order_by(DisputeRow.id)).scalars().all()
    slack.add_channel(CHANNEL_B, name="b-desk")
    for user in (USER_A, USER_B):
        slack.add_user(user)
    slack.add_user(ADMIN, is_admin=True)
    return {
        "brook": rows[0].id,
        "dant": rows[1].id,
        "private_brook": rows[2].id,
        "dispute": disputes[0],
    }


def choose(slack, sender, value: str, *, team: str = TEAM_A, user: str = USER_A) -> dict:
    """A reader picks an option of a correction menu; the app's answer at the response URL
    (None-safe: returns {} when the app answered nothing within the wait)."""
    reply_to = f"menu-{time.monotonic_ns()}"
    kind = "dispute" if value.startswith("not_dispute") else "statement"
    payload = {
        "type": "block_actions",
        "user": {"id": user, "team_id": team},
        "api_app_id": "A0SUMMIT01",
        "token": "verification-token",
        "team": {"id": team, "domain": "summit"},
        "channel": {"id": CHANNEL, "name": "summit"},
        "container": {"type": "message", "message_ts": "1700000000.000100", "channel_id": CHANNEL},
        "trigger_id": f"{time.time():.0f}.1.trigger",
        "response_url": slack.response_url(reply_to),
        "message": {"type": "message", "ts": "1700000000.000100", "text": ""},
        "actions": [
            {
                "type": "overflow",
                "action_id": f"correct_{kind}_1",
                "block_id": "b1",
                "selected_option": {"text": {"type": "plain_text", "text": "x"}, "value": value},
                "action_ts": f"{time.time():.6f}",
            }
        ],
    }
    response = sender.action(payload)
    assert response.status_code == 200
    if value.startswith("speaker:") and ":" in value:
        return {"reply_to": reply_to}
    [reply] = slack.wait_for(lambda call: call.name == reply_to)
    return reply.args


def submit(
    sender,
    modal: dict,
    *,
    pick: str | None = None,
    typed: str | None = None,
    team: str = TEAM_A,
    user: str = USER_A,
):
    """Submit the "wrong speaker" modal as Slack sends it; the app's HTTP answer."""
    values = {}
    if pick is not None:
        values["speaker_pick"] = {
            "speaker_pick": {
                "type": "static_select",
                "selected_option": {"text": {"type": "plain_text", "text": "x"}, "value": pick},
            }
        }
    values["speaker_name"] = {"speaker_name": {"type": "plain_text_input", "value": typed}}
    payload = {
        "type": "view_submission",
        "team": {"id": team, "domain": "summit"},
        "user": {"id": user, "team_id": team},
        "api_app_id": "A0SUMMIT01",
        "token": "verification-token",
        "trigger_id": "1.2.trigger",
        "view": {
            **modal,
            "id": "V0MODAL001",
            "team_id": team,
            "state": {"values": values},
            "hash": "1.abc",
        },
    }
    return sender.action(payload)


def who_said(slack, sender, name: str, team: str = TEAM_A) -> str:
    reply_to = f"who-{time.monotonic_ns()}"
    channel, user = (CHANNEL, USER_A) if team == TEAM_A else (CHANNEL_B, USER_B)
    sender.command(
        "/who-said",
        name,
        team_id=team,
        user_id=user,
        channel_id=channel,
        response_url=slack.response_url(reply_to),
    )
    [reply] = slack.wait_for(lambda call: call.name == reply_to)
    return json.dumps(reply.args)


def corrections(engine) -> list[Correction]:
    with Session(engine) as session:
        return list(session.exec(select(Correction)).scalars().all())


def test_who_said_and_disputes_answers_carry_a_correction_menu(slack, sender, talks):
    """Each statement of a /who-said answer and each dispute of /disputes has an overflow menu
    within Block Kit's limits whose values carry the item's id."""
    answer = json.loads(who_said(slack, sender, "Brook"))
    menus = [
        b["accessory"] for b in answer["blocks"] if b.get("accessory", {}).get("type") == "overflow"
    ]
    assert [o["value"] for o in menus[0]["options"]] == [
        f"speaker:{talks['brook']}",
        f"not_statement:{talks['brook']}",
    ]
    sender.command("/disputes", "Dant", response_url=slack.response_url("d1"))
    [reply] = slack.wait_for(lambda call: call.name == "d1")
    menus = [
        b["accessory"]
        for b in reply.args["blocks"]
        if b.get("accessory", {}).get("type") == "overflow"
    ]
    assert [o["value"] for o in menus[0]["options"]] == [f"not_dispute:{talks['dispute']}"]
    for menu in menus:
        assert 1 <= len(menu["options"]) <= 5 and len(menu["action_id"]) <= 255
    slack.assert_no_errors()


def test_not_a_statement_hides_it_in_that_workspace_at_once(slack, sender, engine, talks):
    """ "Not a statement" is stored with who and when, confirmed ephemerally, and /who-said in
    that workspace no longer shows it, while the other workspace still does."""
    reply = choose(slack, sender, f"not_statement:{talks['brook']}")
    assert reply["response_type"] == "ephemeral" and "not a statement" in json.dumps(reply)
    [row] = corrections(engine)
    assert (row.team_id, row.user_id, row.item_id, row.action) == (
        TEAM_A,
        USER_A,
        talks["brook"],
        "not_statement",
    )
    assert "No statements by" in who_said(slack, sender, "Brook")
    assert "the border talks had failed" in who_said(slack, sender, "Brook", team=TEAM_B)


def test_not_a_dispute_hides_it_from_that_workspaces_digest(slack, sender, settings, engine, talks):
    """A dispute marked "not a dispute" leaves the workspace's next digest; the other
    workspace's digest still carries it."""
    choose(slack, sender, f"not_dispute:{talks['dispute']}")
    client = web_client(settings, retries=0)
    post_digests(
        engine,
        client,
        ((TEAM_A, CHANNEL), (TEAM_B, CHANNEL_B)),
        digest_date=date(2023, 7, 15),
        now=NOW + timedelta(minutes=30),
    )
    text_a = json.dumps([m.blocks for m in slack.messages(CHANNEL)])
    text_b = json.dumps([m.blocks for m in slack.messages(CHANNEL_B)])
    assert "the border talks had failed" in text_a and "rejected" not in text_a
    assert "rejected" in text_b
    assert f"not_statement:{talks['brook']}" in text_a  # the digest's own menus


def test_wrong_speaker_opens_a_modal_and_moves_the_statement(slack, sender, engine, talks):
    """ "Wrong speaker…" opens a modal offering the article's other speakers; submitting
    Ivo Dant moves the statement to him in /who-said, and the reader is told."""
    sent = choose(slack, sender, f"speaker:{talks['brook']}")
    [opened] = slack.wait_for("views.open", ok=True)
    modal = (
        opened.args["view"]
        if isinstance(opened.args["view"], dict)
        else json.loads(opened.args["view"])
    )
    assert modal["type"] == "modal" and modal["callback_id"] == "correct_speaker"
    options = modal["blocks"][1]["element"]["options"]
    assert [o["text"]["text"] for o in options] == ["Ivo Dant"]
    answer = submit(sender, modal, pick=options[0]["value"])
    assert answer.status_code == 200 and not answer.content.strip()
    [told] = slack.wait_for(lambda call: call.name == sent["reply_to"])
    assert "Ivo Dant" in json.dumps(told.args)
    dant = who_said(slack, sender, "Dant")
    assert "the border talks had failed" in dant and "the river would flood" in dant
    assert "No statements by" in who_said(slack, sender, "Brook")
    [row] = corrections(engine)
    assert (row.action, row.speaker_name) == ("speaker", "Ivo Dant")


def test_a_typed_name_becomes_the_speaker_and_a_second_correction_replaces_the_first(
    slack, sender, engine, talks
):
    """A typed name is found by /who-said afterwards; correcting the same statement again
    (now "not a statement") replaces the earlier correction: one row."""
    choose(slack, sender, f"speaker:{talks['brook']}")
    [opened] = slack.wait_for("views.open", ok=True)
    modal = (
        opened.args["view"]
        if isinstance(opened.args["view"], dict)
        else json.loads(opened.args["view"])
    )
    assert submit(sender, modal, typed="Mara Voss").status_code == 200
    assert "the border talks had failed" in who_said(slack, sender, "Voss")
    choose(slack, sender, f"not_statement:{talks['brook']}")
    assert [(r.action, r.item_id) for r in corrections(engine)] == [
        ("not_statement", talks["brook"])
    ]
    assert "No statements by" in who_said(slack, sender, "Voss")


@pytest.mark.parametrize(
    "value",
    [
        "garbage",
        "not_statement:999999",  # a deleted or never-stored statement
        "not_dispute:abc",
        "speaker:999999",
        "not_statement:PRIVATE",  # replaced by the id of B's channel-only statement
    ],
)
def test_a_forged_or_stale_value_gets_an_ephemeral_error_and_changes_nothing(
    slack, sender, engine, talks, value
):
    """Garbage, a deleted id and the id of a statement only another workspace's channel feed
    brought each get the same kind ephemeral error; nothing is stored, no modal opens."""
    value = value.replace("PRIVATE", str(talks["private_brook"]))
    reply_to = None
    if value.startswith("speaker:"):
        reply_to = choose(slack, sender, value)["reply_to"]
        [reply] = slack.wait_for(lambda call: call.name == reply_to)
        reply = reply.args
    else:
        reply = choose(slack, sender, value)
    assert reply["response_type"] == "ephemeral"
    assert json.dumps(NOT_AVAILABLE)[1:-1] in json.dumps(reply)
    assert corrections(engine) == []
    assert slack.calls("views.open") == []
    assert "Traceback" not in json.dumps(reply)


def test_the_modal_refuses_nothing_chosen_and_a_forged_speaker(slack, sender, engine, talks):
    """Submitting with neither a pick nor a name, or with a speaker id that is not one of the
    article's, answers with an error shown in the modal; nothing is stored."""
    choose(slack, sender, f"speaker:{talks['brook']}")
    [opened] = slack.wait_for("views.open", ok=True)
    modal = (
        opened.args["view"]
        if isinstance(opened.args["view"], dict)
        else json.loads(opened.args["view"])
    )
    empty = submit(sender, modal).json()
    assert empty == {"response_action": "errors", "errors": {"speaker_name": PICK_OR_TYPE}}
    forged = submit(sender, modal, pick="999999").json()
    assert forged["response_action"] == "errors"
    forged_meta = dict(modal, private_metadata=json.dumps({"id": talks["private_brook"]}))
    hidden = submit(sender, forged_meta, typed="Mara Voss").json()
    assert hidden["errors"]["speaker_name"] == NOT_AVAILABLE
    assert corrections(engine) == []


def test_app_home_lists_corrections_and_only_an_admin_can_undo(slack, sender, engine, talks):
    """App Home says how many corrections the workspace made this week and lists them with
    Undo; a reader who is no admin is told only admins can undo and nothing changes; an
    admin's Undo removes it and the statement shows again."""
    choose(slack, sender, f"not_statement:{talks['brook']}")
    sender.event({"type": "app_home_opened", "user": USER_A, "tab": "home"}, event_id="EvC1")
    slack.wait_for("views.publish", ok=True)
    view = json.dumps(slack.home_view(USER_A))
    assert "1 correction this week" in view and "home_undo_correction" in view
    [row] = corrections(engine)
    home = {"type": "view", "view_id": "V0HOME0001"}
    sender.button(
        "home_undo_correction", str(row.id), response_url="", container=home, user_id=USER_A
    )
    slack.wait_for("views.publish", count=2, ok=True)
    assert "Only workspace admins" in json.dumps(slack.home_view(USER_A))
    assert len(corrections(engine)) == 1
    sender.button(
        "home_undo_correction", str(row.id), response_url="", container=home, user_id=ADMIN
    )
    slack.wait_for(
        lambda c: c.method == "views.publish" and c.args.get("user_id") == ADMIN, ok=True
    )
    assert "Correction undone" in json.dumps(slack.home_view(ADMIN))
    assert corrections(engine) == []
    assert "the border talks had failed" in who_said(slack, sender, "Brook")


def test_another_workspaces_admin_cannot_undo_a_correction(slack, sender, engine, talks):
    """An admin of workspace B pressing Undo with the id of A's correction changes nothing."""
    choose(slack, sender, f"not_statement:{talks['brook']}")
    [row] = corrections(engine)
    slack.add_user("U0ADMINB01", is_admin=True)  # Slack says admin; the request is B's
    sender.button(
        "home_undo_correction",
        str(row.id),
        response_url="",
        container={"type": "view", "view_id": "V0HOME0002"},
        user_id="U0ADMINB01",
        team_id=TEAM_B,
    )
    slack.wait_for("views.publish", ok=True)
    assert "already undone" in json.dumps(slack.home_view("U0ADMINB01"))
    assert len(corrections(engine)) == 1
