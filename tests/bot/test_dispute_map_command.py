"""The dispute map end to end: `/disputes map` through signed requests into the real app, the
digest's map in its thread; fake Slack over real HTTP, a real database."""

from __future__ import annotations

import io
import time
from datetime import date, timedelta

from PIL import Image
from sqlmodel import Session, select

from bot.app import create_app, web_client
from bot.server import BackgroundServer, wsgi_app
from jobs.digests import DigestTarget, deliver_digest
from storage.models import Article, Story
from tests.bot.conftest import CHANNEL, SIGNING_SECRET
from tests.dispute_data import DAY, FOUND, store_coverage
from tests.fakes import TEAM_ID, SlackSender

UPLOAD_METHODS = ("files.getUploadURLExternal", "files.completeUploadExternal")
EDGES = (
    "Wang Yi → Antony Blinken: warned (1 outlet)",
    "Sergei Lavrov → Antony Blinken: rejected (3 outlets)",
    "Antony Blinken → Sergei Lavrov: accused (2 outlets)",
    "Josep Borrell → Sergei Lavrov: criticised (1 outlet)",
)


def ask(sender, slack, text: str, name: str) -> float:
    """Send `/disputes text`; return the seconds until the app answered Slack."""
    started = time.monotonic()
    response = sender.command("/disputes", text, response_url=slack.response_url(name))
    assert response.status_code == 200
    return time.monotonic() - started


def answers(slack, name: str, count: int) -> list[str]:
    calls = slack.wait_for(lambda c: c.name == name, count=count, timeout=30)
    return [str(c.args["blocks"]) for c in calls]


def image_messages(slack) -> list:
    return [m for m in slack.messages(CHANNEL) if m.blocks and m.blocks[0]["type"] == "image"]


def assert_is_a_map(data: bytes) -> None:
    image = Image.open(io.BytesIO(data)).convert("RGB")
    assert image.size == (1200, 900)
    assert len(image.getcolors(maxcolors=1 << 22)) > 50  # circles, arrows, legend, type


def test_disputes_map_uploads_a_png_and_posts_it_in_an_image_block(slack, sender, engine):
    """`/disputes map since …` answers at once; a job uploads the PNG through Slack's upload
    flow and posts an image block showing that file, whose alt text lists every dispute."""
    store_coverage(engine)
    seconds = ask(sender, slack, "map since 2023-07-01", "m1")

    drawing, done = answers(slack, "m1", 2)
    assert seconds < 3.0 and "Drawing the dispute map" in drawing
    assert "Posted the dispute map" in done
    [upload] = slack.files()
    assert_is_a_map(upload.data)
    [shown] = image_messages(slack)
    block = shown.blocks[0]
    assert block["slack_file"] == {"id": upload.id}
    assert block["alt_text"].startswith("Dispute map, Who disputes whom · all coverage: ")
    assert all(edge in block["alt_text"] for edge in EDGES)
    assert "4 disputes between 4 parties" in str(shown.blocks)
    called = [c.method for c in slack.calls() if c.method not in ("response_url", "auth.test")]
    assert called == [UPLOAD_METHODS[0], "upload", UPLOAD_METHODS[1], "chat.postMessage"]
    slack.assert_no_errors()


def test_keywords_narrow_the_map_and_a_file_still_processing_is_waited_for(slack, sender, engine):
    """`/disputes map Taiwan since …` maps only the disputes that mention Taiwan; while Slack
    still processes the upload the post is retried until the image block is accepted."""
    store_coverage(engine)
    slack.set_file_processing(0.4)
    ask(sender, slack, "map Taiwan since 2023-07-01", "m1")

    assert "Posted the dispute map" in answers(slack, "m1", 2)[1]
    [shown] = image_messages(slack)
    assert shown.blocks[0]["alt_text"].endswith("Wang Yi → Antony Blinken: warned (1 outlet).")
    posts = slack.calls("chat.postMessage")
    assert posts[0].error == "invalid_blocks" and posts[-1].ok
    slack.assert_no_errors()


def test_a_summits_name_maps_the_whole_summit(slack, sender, engine):
    """`/disputes map ASEAN` finds the summit named so and maps all of it, however long ago;
    keywords alone would look back only a week."""
    store_coverage(engine)
    with Session(engine) as session:
        story = Story(title="Talks in Jakarta", summit="ASEAN Regional Forum, Jakarta")
        session.add(story)
        session.flush()
        for article in session.exec(select(Article)):
            article.story_id = story.id
            session.add(article)
        session.commit()
    ask(sender, slack, "map ASEAN", "m1")

    assert "Posted the dispute map" in answers(slack, "m1", 2)[1]
    [shown] = image_messages(slack)
    assert shown.blocks[0]["title"]["text"] == "Who disputes whom · ASEAN Regional Forum, Jakarta"
    assert "the whole summit · 4 disputes between 4 parties" in str(shown.blocks)


def test_garbage_after_map_gets_a_clear_answer_and_nothing_is_drawn(slack, sender, engine):
    """Words the map cannot read get an answer saying what was wrong and how to ask."""
    store_coverage(engine)
    ask(sender, slack, "map since banana", "m1")
    ask(sender, slack, "map %%% ###", "m2")

    assert "could not read “banana” as a time" in answers(slack, "m1", 1)[0]
    assert "Try `/disputes map`" in answers(slack, "m2", 1)[0]
    time.sleep(0.5)
    assert not slack.calls("files.getUploadURLExternal") and not slack.messages(CHANNEL)
    slack.assert_no_errors()


def test_an_empty_window_answers_kindly_without_uploading(slack, sender, engine):
    """A window without disputes between named parties says so and uploads nothing; words
    that find nothing are shown back inert."""
    store_coverage(engine)  # all in July 2023
    ask(sender, slack, "map since 2d", "m1")
    ask(sender, slack, "map <!channel> since 2023-07-01", "m2")

    assert "No disputes between named parties in that time" in answers(slack, "m1", 2)[1]
    nothing = answers(slack, "m2", 2)[1]
    assert "No disputes between named parties about" in nothing and "<!channel>" not in nothing
    assert not slack.calls("files.getUploadURLExternal") and not slack.messages(CHANNEL)
    slack.assert_no_errors()


def test_a_map_where_the_bot_is_not_a_member_says_how_to_fix_it(slack, sender, engine):
    """The bot cannot post in a channel it is not in: the answer says to invite it."""
    store_coverage(engine)
    slack.set_channel(CHANNEL, is_member=False)
    ask(sender, slack, "map since 2023-07-01", "m1")

    assert "invite me" in answers(slack, "m1", 2)[1]
    assert not image_messages(slack)


def test_a_job_runner_that_fails_leaves_a_kind_answer(slack, settings, engine):
    """When the map cannot be handed to a job, "Drawing …" is replaced by an apology, never
    an error's text."""

    def broken(request) -> None:
        raise RuntimeError("scheduler is shut down: secret detail")

    app = create_app(settings, engine=engine, run_later=broken)
    with (
        BackgroundServer(wsgi_app(app)) as server,
        SlackSender(server.url, SIGNING_SECRET) as sender,
    ):
        ask(sender, slack, "map", "m1")
        drawing, sorry = answers(slack, "m1", 2)
    assert "Drawing the dispute map" in drawing
    assert "Sorry" in sorry and "secret detail" not in sorry


# ----------------------------------------------------------------------------- digests

NOW = FOUND + timedelta(hours=2)


def deliver(settings, engine):
    return deliver_digest(
        DigestTarget(team_id=TEAM_ID, channel_id=CHANNEL),
        engine=engine,
        client=web_client(settings),
        digest_date=date(2023, 7, 15),
        now=NOW,
        sleep=lambda _: None,
    )


def test_a_digest_of_a_day_with_three_disputes_gets_the_map_in_its_thread(slack, settings, engine):
    """A day with at least three disputes between named parties: the map is the digest's
    last thread reply (not broadcast), an image block of the uploaded PNG."""
    store_coverage(engine)
    delivery = deliver(settings, engine)

    assert delivery.outcome == "posted"
    [upload] = slack.files()
    assert_is_a_map(upload.data)
    [shown] = image_messages(slack)
    assert shown.thread_ts == delivery.ts and not shown.reply_broadcast
    assert shown.blocks[0]["slack_file"] == {"id": upload.id}
    assert shown.blocks[0]["alt_text"].startswith("Dispute map, Who disputes whom · Sat 15 Jul")
    assert slack.messages(CHANNEL)[-1].ts == shown.ts
    slack.assert_no_errors()


def test_a_digest_of_a_day_with_fewer_disputes_gets_no_map(slack, settings, engine):
    """Two disputes between named parties are not a map: nothing is uploaded."""
    store_coverage(engine, DAY[:2])
    assert deliver(settings, engine).outcome == "posted"
    assert not slack.calls("files.getUploadURLExternal") and not image_messages(slack)


def test_a_map_that_fails_leaves_the_digest_posted(slack, settings, engine):
    """An upload Slack refuses costs only the map: the digest is posted and recorded."""
    store_coverage(engine)
    slack.fail("files.getUploadURLExternal", error="file_uploads_disabled")
    delivery = deliver(settings, engine)
    assert delivery.outcome == "posted" and not image_messages(slack)
    assert slack.calls("files.getUploadURLExternal")[0].error == "file_uploads_disabled"
    assert not slack.calls("files.completeUploadExternal")
