"""Tokens and secrets never reach logs or error messages, even at DEBUG level."""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime

import pytest

from bot.app import web_client
from jobs.digests import DigestTarget, deliver_digest
from summit.errors import ConfigError
from summit.settings import load_settings
from tests.bot.conftest import CHANNEL, SIGNING_SECRET
from tests.fakes import BOT_TOKEN, TEAM_ID

pytestmark = pytest.mark.slow


def test_debug_logs_never_show_the_token_or_signing_secret(
    slack, settings, engine, sender, reference_ingested, caplog
):
    """A command, a digest, a Slack error and a forged request, all logged at DEBUG: no secret."""
    caplog.set_level(logging.DEBUG)
    sender.command("/who-said", "Lavrov", response_url=slack.response_url("r1"))
    slack.wait_for(lambda call: call.name == "r1")
    slack.fail("chat.postMessage", error="invalid_auth")
    client = web_client(settings)
    deliver_digest(
        DigestTarget(team_id=TEAM_ID, channel_id=CHANNEL),
        engine=engine,
        client=client,
        digest_date=date(2023, 7, 15),
        now=datetime(2023, 7, 15, 8, tzinfo=UTC),
    )
    body = b"command=%2Fwho-said&text=x"
    headers = sender.signed_headers(body)
    headers["X-Slack-Signature"] = "v0=" + "1" * 64
    sender.raw(body, headers)
    logged = caplog.text + " ".join(str(r.args) for r in caplog.records)
    assert BOT_TOKEN not in logged
    assert SIGNING_SECRET not in logged
    assert BOT_TOKEN.split("-", 1)[1] not in logged


def test_settings_repr_and_errors_hide_secrets():
    """Settings' repr and validation errors never print tokens, secrets or database passwords."""
    settings = load_settings(
        {
            "SLACK_BOT_TOKEN": BOT_TOKEN,
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "DATABASE_URL": "postgresql://summit:hunter2@db.example/summit",
        }
    )
    assert BOT_TOKEN not in repr(settings) and SIGNING_SECRET not in repr(settings)
    assert "hunter2" not in repr(settings)
    with pytest.raises(ConfigError) as error:
        load_settings(
            {"SLACK_BOT_TOKEN": "xoxp-user-token-123", "DATABASE_URL": "mysql://u:hunter2@h/d"}
        )
    assert "hunter2" not in str(error.value) and "xoxp-user-token-123" not in str(error.value)
