"""10,000 generated hostile inputs through the signed HTTP path: slash commands and DMs.

No input may cause a 5xx, a reply outside Block Kit limits (the fake Slack validates every
reply with slack_sdk.models), or a live mention/broadcast echoed back.
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.app import create_app
from bot.server import BackgroundServer, wsgi_app
from jobs.ingest import ingest_documents
from jobs.sources import iter_documents
from storage.engine import make_engine, migrate
from summit.settings import load_settings
from tests.conftest import REFERENCE
from tests.fakes import BOT_TOKEN, FakeSlack, SlackSender

pytestmark = pytest.mark.slow

SECRET = "hostile-input-signing-secret"
# 10,000 inputs in all across the commands and DMs; HOSTILE_EXAMPLES scales it for quick runs.
TOTAL = int(os.environ.get("HOSTILE_EXAMPLES", "10000"))
COMMANDS = {"/who-said": 0.3, "/disputes": 0.2, "/digest": 0.2, "DM": 0.3}
READER = "U0READER01"
SLACK_MARKUP = re.compile(r"<[^<>]*>")  # mentions, broadcasts, links: <!channel>, <@U1>, <url|x>

NASTY = [
    "<!channel>",
    "<!here>",
    "<!everyone>",
    "<@U0ADMIN01>",
    "<#C0SECRET1|secret>",
    "<https://evil.example|click me>",
    "```code block```",
    "*bold*",
    "_it_",
    "~strike~",
    "'; DROP TABLE statement; --",
    '" OR 1=1 --',
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "&amp;&lt;&gt;",
    "\u202eevil\u202c",
    "\u0000\u0001\u0007",
    "Lavrov",
    "about",
    "since",
    "since 2023-13-45",
    "since 99999d",
    "about about about",
    "subscribe",
    "time 25:99 Mars/Olympus",
    "days funday",
    "format huge",
    "now",
    "status",
    "\U0001f4a3" * 50,
    "Ω≈ç√∫",
    "\n\n\n",
    "   ",
    "%s%s%s%n",
    "{{7*7}}",
    "${jndi:ldap://x}",
]

hostile_text = st.one_of(
    st.text(max_size=200),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=2000),
    st.lists(st.sampled_from(NASTY), max_size=12).map(" ".join),
    st.builds(lambda a, b: a + b, st.sampled_from(NASTY), st.text(max_size=50)),
    st.integers(1, 40_000).map(lambda n: ("<!channel> " * (n // 11 + 1))[:n]),
)


@pytest.fixture(scope="module")
def live_app(tmp_path_factory, extractor) -> Iterator[tuple[FakeSlack, SlackSender]]:
    """One app, one database with the reference article, one fake Slack for the whole module."""
    path: Path = tmp_path_factory.mktemp("hostile") / "summit.db"
    engine = make_engine(f"sqlite:///{path}")
    migrate(engine)
    now = datetime(2023, 7, 15, tzinfo=UTC)
    documents = iter_documents([str(REFERENCE)], fetcher=None, now=now)
    ingest_documents(documents, engine=engine, extractor=extractor, now=now)
    with FakeSlack() as slack:
        slack.add_token(BOT_TOKEN)
        slack.add_channel("C0SUMMIT01", name="summit")
        slack.add_user(READER, name="reader")
        settings_ = load_settings({})
        from dataclasses import replace

        settings_ = replace(
            settings_,
            slack_api_url=slack.api_url,
            slack_bot_token=BOT_TOKEN,
            slack_signing_secret=SECRET,
        )
        app = create_app(settings_, engine=engine)
        with (
            BackgroundServer(wsgi_app(app), threads=8) as server,
            SlackSender(server.url, SECRET) as sender,
        ):
            yield slack, sender
    engine.dispose()


_names = itertools.count()


def check(slack: FakeSlack, sender: SlackSender, command: str, text: str) -> None:
    if command == "DM":
        return check_dm(slack, sender, text)
    name = f"h{next(_names)}"
    reply = sender.command(command, text, response_url=slack.response_url(name))
    assert reply.status_code == 200, (command, text[:200], reply.status_code)
    answers = slack.wait_for(lambda call: call.name == name, timeout=15)
    body = str(answers[0].args)
    assert "Traceback" not in body
    for markup in SLACK_MARKUP.findall(text):
        assert markup not in body, (command, text[:200], markup)
    settled(slack)


def check_dm(slack: FakeSlack, sender: SlackSender, text: str) -> None:
    """A DM to the bot (message.im over the Events API) gets one safe answer in the DM."""
    number = next(_names)
    channel = slack.dm_channel(READER)
    before = len(dm_replies(slack, channel))
    event = {
        "type": "message",
        "channel_type": "im",
        "channel": channel,
        "user": READER,
        "text": text,
        "ts": f"{1_700_000_000 + number}.000100",
    }
    reply = sender.event(event, event_id=f"Ev{number:012d}")
    assert reply.status_code == 200, (text[:200], reply.status_code)
    slack.wait_for(
        lambda call: call.method == "chat.postMessage" and call.args.get("channel") == channel,
        count=before + 1,
        timeout=15,
    )
    body = str(dm_replies(slack, channel)[-1].args)
    assert "Traceback" not in body
    for markup in SLACK_MARKUP.findall(text):
        assert markup not in body, ("DM", text[:200], markup)
    settled(slack)


def settled(slack: FakeSlack) -> None:
    """This input left the fake Slack no problem; forget its calls, so that checking the next
    input scans a handful of calls, not all of the thousands before it."""
    slack.assert_no_errors(allow_warnings=True)
    slack.clear_calls()


def dm_replies(slack: FakeSlack, channel: str) -> list:
    return [c for c in slack.calls("chat.postMessage") if c.args.get("channel") == channel]


@pytest.mark.parametrize(("command", "share"), COMMANDS.items())
def test_generated_hostile_text_is_answered_safely(live_app, command, share):
    """Generated unicode, control characters, 40 KB strings, mrkdwn, mentions, SQL and HTML:
    always 200, a valid Block Kit reply, nothing live echoed."""
    slack, sender = live_app

    @settings(
        max_examples=max(int(TOTAL * share), 1),
        deadline=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    @given(text=hostile_text)
    def run(text: str) -> None:
        check(slack, sender, command, text)

    run()
    slack.assert_no_errors(allow_warnings=True)
