"""Speaker timelines end to end: `/who-said NAME timeline` and the Timeline buttons through
signed requests into the real app; the chart uploaded and DMed on the fake Slack over real
HTTP; statements and changes in a real database."""

from __future__ import annotations

import io
import json

import pytest
from PIL import Image

from bot.render_home import home_view
from jobs.positions import note_positions
from storage.reads import FollowView
from tests.position_data import ATTEND, CORRIDOR, NOT_ATTEND, SANCTIONS, store_statements

pytestmark = pytest.mark.slow

USER = "U0READER01"  # the sender's user


@pytest.fixture
def dm(slack) -> str:
    slack.add_user(USER, name="reader")
    return slack.dm_channel(USER)


@pytest.fixture
def said(engine, nlp) -> None:
    """Lavrov's statements from March to April, read by the positions job."""
    store_statements(engine)
    note_positions(engine=engine, nlp=nlp)


def answers(slack, name: str, count: int) -> list[str]:
    calls = slack.wait_for(lambda c: c.name == name, count=count, timeout=30)
    return [str(c.args.get("blocks") or c.args.get("text")) for c in calls]


def timeline_dm(slack, dm: str):
    slack.wait_for(lambda c: c.method == "chat.postMessage" and c.ok, timeout=30)
    [shown] = [m for m in slack.messages(dm) if m.blocks and m.blocks[0]["type"] == "header"]
    return shown


def assert_is_a_chart(data: bytes) -> None:
    image = Image.open(io.BytesIO(data)).convert("RGB")
    assert image.size == (1200, 450)
    assert len(image.getcolors(maxcolors=1 << 22)) > 20  # bars, axes, type


def test_who_said_timeline_dms_a_chart_issues_and_the_change_of_position(slack, sender, dm, said):
    """`/who-said Lavrov timeline` answers at once; a job uploads a chart of statements per
    day and DMs the timeline: the chart in an image block, the possible change of position
    with both quotes, their dates and links side by side, and his statements by issue, each
    with its correction menu."""
    reply = sender.command("/who-said", "Lavrov timeline", response_url=slack.response_url("t1"))
    assert reply.status_code == 200

    drawing, done = answers(slack, "t1", 2)
    assert "Drawing the timeline" in drawing and "Sent you the timeline" in done
    [upload] = slack.files()
    assert_is_a_chart(upload.data)
    shown = timeline_dm(slack, dm)
    blocks = shown.blocks
    assert blocks[0]["text"]["text"] == "Timeline · Sergei Lavrov"
    assert "4 statements, 2 Mar 2026 – 14 Apr 2026" in str(blocks[1])
    assert "1 possible change of position" in str(blocks[1])
    assert blocks[2]["type"] == "image" and blocks[2]["slack_file"] == {"id": upload.id}
    assert "Possible change of position" in str(blocks[3]) and "attend" in str(blocks[3])
    before, after = (field["text"] for field in blocks[4]["fields"])
    assert "Before* · 2 Mar 2026" in before and ATTEND in before
    assert "After* · 14 Apr 2026" in after and NOT_ATTEND in after
    assert "https://news.example.com/" in before and "https://news.example.com/" in after
    issues = str(blocks[5:])
    assert CORRIDOR in issues and SANCTIONS in issues and "Blinken" not in str(blocks)
    listed = [b for b in blocks[5:] if b["type"] == "section" and "• " in b["text"]["text"]]
    assert listed and all(b["accessory"]["type"] == "overflow" for b in listed)
    slack.assert_no_errors()


def test_a_topic_narrows_the_timeline_and_a_lone_statement_flags_nothing(slack, sender, dm, said):
    """`… timeline about sanctions` shows that statement only, with no change flagged."""
    sender.command(
        "/who-said", "Lavrov timeline about sanctions", response_url=slack.response_url("t1")
    )
    assert "Sent you the timeline" in answers(slack, "t1", 2)[1]
    text = str(timeline_dm(slack, dm).blocks)
    assert "1 statement, 14 Apr 2026 – 14 Apr 2026 · about “sanctions”" in text
    assert SANCTIONS in text and ATTEND not in text and "Possible change" not in text


def test_an_unknown_speaker_gets_a_helpful_answer_and_nothing_is_drawn(slack, sender, dm, said):
    """A name nobody used answers "No statements by …" with close names; nothing uploaded."""
    sender.command("/who-said", "Lavrof timeline", response_url=slack.response_url("t1"))
    text = answers(slack, "t1", 2)[1]
    assert "No statements by" in text and "Sergei Lavrov" in text
    assert not slack.files() and not slack.messages(dm)


def test_the_timeline_button_on_a_who_said_answer_dms_that_speakers_timeline(
    slack, sender, dm, said
):
    """A `/who-said Lavrov` answer has a Timeline button; clicking it DMs his timeline."""
    sender.command("/who-said", "Lavrov", response_url=slack.response_url("r1"))
    [answer] = slack.wait_for(lambda c: c.name == "r1", timeout=30)
    buttons = [
        element
        for block in answer.args["blocks"]
        if block["type"] == "actions"
        for element in block["elements"]
    ]
    [button] = [b for b in buttons if b["action_id"] == "who_said_timeline"]
    assert json.loads(button["value"])["q"] == "Lavrov"

    sender.button("who_said_timeline", button["value"], response_url=slack.response_url("b1"))
    assert "Sent you the timeline" in answers(slack, "b1", 2)[1]
    assert "Timeline · Sergei Lavrov" in str(timeline_dm(slack, dm).blocks)
    slack.assert_no_errors()


def test_app_home_has_a_timeline_button_per_followed_speaker_that_dms_it(
    slack, sender, dm, said, engine
):
    """App Home lists a Timeline button for each followed speaker; clicking one there (no
    response URL) DMs that speaker's timeline."""
    from sqlmodel import Session

    from storage.reads import speakers_matching

    with Session(engine) as session:
        [lavrov] = speakers_matching(session=session, query="Lavrov")
    view = home_view(follows=[FollowView(lavrov.id, lavrov.name, None, 0)], subscriptions=[])
    [actions] = [b for b in view["blocks"] if b.get("block_id") == "home_timelines"]
    [button] = actions["elements"]
    assert button["text"]["text"] == "Timeline · Sergei Lavrov"

    sender.button(
        "home_timeline",
        button["value"],
        response_url=slack.response_url("unused"),
        view={"id": "V0HOME", "type": "home", "hash": "h1"},
    )
    assert "1 possible change of position" in str(timeline_dm(slack, dm).blocks)
    slack.assert_no_errors()
