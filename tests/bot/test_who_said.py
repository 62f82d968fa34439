"""/who-said through signed HTTP requests into the real app, answered at a fake response_url."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

# Others' words, including Borrell's account that Lavrov "rejected a call to withdraw troops".
OTHERS = (
    "didn’t hear anything",
    "North Korea",
    "Sharpening rivalry",
    "preventive diplomacy",
    "withdraw troops",
)


def assert_lavrov_only(body: dict) -> None:
    """An ephemeral /who-said Lavrov answer on the reference article: his words, nobody else's."""
    assert body["response_type"] == "ephemeral"
    text = str(body["blocks"])
    assert "gives up its plans to preserve its domination" in text
    assert "Sergei Lavrov" in text
    assert not any(other in text for other in OTHERS)


def answer_text(slack, name: str) -> str:
    response = slack.wait_for(lambda call: call.name == name)[0]
    return str(response.args)


def test_who_said_lavrov_answers_with_his_words_only(slack, sender, reference_ingested):
    """A signed /who-said Lavrov gets 200 at once and an ephemeral reply with his words only."""
    reply = sender.command("/who-said", "Lavrov", response_url=slack.response_url("r1"))
    assert reply.status_code == 200
    assert_lavrov_only(slack.wait_for(lambda call: call.name == "r1")[0].args)
    slack.assert_no_errors()


def test_unknown_speaker_gets_a_helpful_reply(slack, sender, reference_ingested):
    """A name nobody used gets "No statements by …" and close matches."""
    sender.command("/who-said", "Lavrof", response_url=slack.response_url("r1"))
    text = answer_text(slack, "r1")
    assert "No statements by" in text and "Sergei Lavrov" in text


def test_hostile_text_is_escaped_not_echoed(slack, sender, reference_ingested):
    """Mentions and broadcasts in the command text come back escaped, never live."""
    hostile = "<!channel> <@U0ADMIN> `rm -rf` *bold* " + "x" * 5000
    reply = sender.command("/who-said", hostile, response_url=slack.response_url("r1"))
    assert reply.status_code == 200
    text = answer_text(slack, "r1")
    assert "<!channel>" not in text and "<@U0ADMIN>" not in text
    assert "&lt;!channel&gt;" in text
    slack.assert_no_errors()


def test_empty_command_gets_help(slack, sender):
    """`/who-said` with no name explains how to use it."""
    sender.command("/who-said", "", response_url=slack.response_url("r1"))
    assert "/who-said NAME" in answer_text(slack, "r1")


def test_bad_date_gets_a_kind_error(slack, sender, reference_ingested):
    """An unreadable `since` date is explained, not a traceback."""
    sender.command("/who-said", "Lavrov since someday", response_url=slack.response_url("r1"))
    text = answer_text(slack, "r1")
    assert "YYYY-MM-DD" in text and "Traceback" not in text


def test_forged_request_is_refused(slack, sender):
    """A request with a wrong signature gets 401 and no listener runs."""
    body = b"command=%2Fwho-said&text=Lavrov&response_url=" + slack.response_url("r1").encode()
    headers = sender.signed_headers(body)
    headers["X-Slack-Signature"] = "v0=" + "0" * 64
    assert sender.raw(body, headers).status_code == 401
    stale = sender.send(body, timestamp=1_000_000_000)
    assert stale.status_code == 401
    assert slack.responses() == []


def test_share_in_channel_posts_publicly_and_removes_the_ephemeral(
    slack, sender, reference_ingested
):
    """The "Share in channel" button reposts the answer in_channel and deletes the original."""
    sender.command("/who-said", "Blinken", response_url=slack.response_url("r1"))
    body = slack.wait_for(lambda call: call.name == "r1")[0].args
    actions = next(b for b in body["blocks"] if b["type"] == "actions")
    share = next(e for e in actions["elements"] if e["action_id"] == "who_said_share")
    sender.button("who_said_share", share["value"], response_url=slack.response_url("r2"))
    posts = slack.wait_for(lambda call: call.name == "r2", count=2)
    assert posts[0].args["response_type"] == "in_channel"
    assert posts[0].args["unfurl_links"] is False and posts[0].args["unfurl_media"] is False
    assert posts[1].args.get("delete_original") is True


def test_every_manifest_command_is_handled_by_the_app(slack, sender):
    """Each slash command in manifest.json reaches a listener (Bolt answers 404 otherwise)."""
    from tests.test_docs import manifest_commands

    for index, command in enumerate(sorted(manifest_commands())):
        name = f"m{index}"
        reply = sender.command(command, "help", response_url=slack.response_url(name))
        assert reply.status_code == 200, command
        slack.wait_for(lambda call, name=name: call.name == name)


def test_article_text_in_the_notification_text_is_inert(slack, sender, engine, extractor, tmp_path):
    """A quote carrying a broadcast, a mention and formatting reaches Slack's `text` field
    (notifications, the shared copy) escaped and unformatted, as in the blocks."""
    quote = "<!channel> The summit is cancelled and *everyone* must go home <@U0ADMIN>"
    ingest_quote(engine, extractor, tmp_path, quote)
    sender.command("/who-said", "Ada Brook", response_url=slack.response_url("r1"))
    body = slack.wait_for(lambda call: call.name == "r1")[0].args
    assert "summit is cancelled" in str(body["blocks"])
    for field in (body["text"], str(body["blocks"])):
        assert "<!channel>" not in field and "<@U0ADMIN>" not in field
        assert "*everyone*" not in field
    actions = next(b for b in body["blocks"] if b["type"] == "actions")
    share = next(e for e in actions["elements"] if e["action_id"] == "who_said_share")
    sender.button("who_said_share", share["value"], response_url=slack.response_url("r2"))
    shared = slack.wait_for(lambda call: call.name == "r2", count=2)[0].args
    assert "<!channel>" not in shared["text"] and "*everyone*" not in shared["text"]


def test_bold_italic_and_strike_markers_in_article_text_show_as_look_alikes(
    slack, sender, engine, extractor, tmp_path
):
    """`*`, `_` and `~` from a quote cannot format a /who-said answer: in its `text` and its
    blocks they become look-alikes (∗, ＿, ∼), the words kept."""
    quote = "The summit is *cancelled*, the talks _postponed_ and the truce ~over~ for now"
    ingest_quote(engine, extractor, tmp_path, quote)
    sender.command("/who-said", "Ada Brook", response_url=slack.response_url("r1"))
    body = slack.wait_for(lambda call: call.name == "r1")[0].args
    for field in (body["text"], str(body["blocks"])):
        assert "*cancelled*" not in field and "∗cancelled∗" in field
        assert "_postponed_" not in field and "＿postponed＿" in field
        assert "~over~" not in field and "∼over∼" in field


def ingest_quote(engine, extractor, tmp_path, quote: str) -> None:
    """Ingest an article in which Foreign Minister Ada Brook says `quote`."""
    from datetime import UTC, datetime

    from jobs.ingest import ingest_documents
    from jobs.sources import iter_documents

    article = tmp_path / "hostile.txt"
    article.write_text(
        "Lakeside talks end early\n\n"
        f'"{quote}," Foreign Minister Ada Brook told reporters in Lakeside on Tuesday.\n\n'
        "Delegations from twelve countries had gathered at the lakeside hotel for three days "
        "of talks on river rights, fishing quotas and the border crossings that close every "
        "winter, and most of them left before the closing dinner.\n",
        encoding="utf-8",
    )
    now = datetime(2023, 7, 15, 6, 0, tzinfo=UTC)
    documents = iter_documents([str(article)], fetcher=None, now=now)
    assert ingest_documents(documents, engine=engine, extractor=extractor, now=now).new == 1
