"""Settings: one validation pass, every problem named, and `.env.example` complete."""

from __future__ import annotations

import dataclasses
import re
from datetime import time

import pytest

from summit.errors import ConfigError
from summit.settings import DEFAULT_DATABASE_URL, SPECS, VARIABLES, Settings, load_settings
from tests.conftest import ROOT


def test_defaults_need_no_environment():
    """With nothing set, settings default to a SQLite file, Slack's API and UTC 07:30."""
    settings = load_settings({})
    assert settings.database_url == DEFAULT_DATABASE_URL
    assert settings.slack_api_url == "https://slack.com/api/"
    assert (settings.digest_time, settings.digest_timezone) == (time(7, 30), "UTC")


def test_values_are_parsed():
    """Feeds split on commas, time and zone are validated, the API URL gets its slash."""
    settings = load_settings(
        {
            "SUMMIT_FEEDS": " https://a.example/rss , samples/ ,",
            "DIGEST_TIME": "6:05",
            "DIGEST_TIMEZONE": "Asia/Jakarta",
            "SLACK_API_URL": "http://127.0.0.1:9999/api",
            "DIGEST_CHANNEL": "C0123ABCD",
        }
    )
    assert settings.feeds == ("https://a.example/rss", "samples/")
    assert settings.digest_time == time(6, 5)
    assert settings.slack_api_url == "http://127.0.0.1:9999/api/"


def test_every_problem_is_listed_in_one_error():
    """All invalid variables are reported together, not one per run."""
    with pytest.raises(ConfigError) as error:
        load_settings(
            {
                "DIGEST_TIME": "25:99",
                "DIGEST_TIMEZONE": "Mars/Olympus",
                "DATABASE_URL": "mysql://u:secret@h/db",
                "SLACK_BOT_TOKEN": "not-a-token",
                "SLACK_CLIENT_ID": "123",
                "INGEST_CRON": "every tuesday",
            }
        )
    message = str(error.value)
    for name in (
        "DIGEST_TIME",
        "DIGEST_TIMEZONE",
        "DATABASE_URL",
        "SLACK_BOT_TOKEN",
        "SLACK_CLIENT_ID",
    ):
        assert name in message
    assert "secret" not in message


@pytest.mark.parametrize("value", ["1.5", "-0.1", "half", "nan"])
def test_dispute_min_confidence_must_be_between_0_and_1(value):
    """DISPUTE_MIN_CONFIDENCE defaults to 0.5, takes any number from 0 to 1, and nothing else."""
    assert load_settings({}).dispute_min_confidence == 0.5
    assert load_settings({"DISPUTE_MIN_CONFIDENCE": "0.7"}).dispute_min_confidence == 0.7
    with pytest.raises(ConfigError, match="DISPUTE_MIN_CONFIDENCE must be a number from 0 to 1"):
        load_settings({"DISPUTE_MIN_CONFIDENCE": value})


def test_serve_requirements_are_listed_together():
    """`require_slack` names the missing token and signing secret in one message."""
    with pytest.raises(ConfigError) as error:
        load_settings({}).require_slack()
    assert "SLACK_BOT_TOKEN" in str(error.value)
    assert "SLACK_SIGNING_SECRET" in str(error.value)


def test_dotenv_file_is_read_and_environment_wins(tmp_path, monkeypatch):
    """Values come from `.env` unless the environment already sets them."""
    env_file = tmp_path / ".env"
    env_file.write_text("DIGEST_TIME=09:15\nDIGEST_TIMEZONE=Europe/Brussels\n")
    monkeypatch.setenv("DIGEST_TIMEZONE", "Asia/Tokyo")
    settings = load_settings(env_file=env_file)
    assert settings.digest_time == time(9, 15)
    assert settings.digest_timezone == "Asia/Tokyo"


def test_env_example_lists_exactly_the_settings():
    """`.env.example` documents every variable Settings reads, and nothing else."""
    text = (ROOT / ".env.example").read_text()
    documented = set(re.findall(r"^([A-Z][A-Z0-9_]+)=", text, re.M))
    assert documented == set(VARIABLES)
    for name in VARIABLES:
        assert re.search(rf"^# .+\n{name}=", text, re.M), f"{name} has no comment line"


def test_only_settings_reads_the_environment():
    """No module but summit/settings.py reads os.environ or getenv (no import-time config)."""
    offenders = []
    for package in ("bot", "jobs", "extract", "storage", "summit"):
        for path in (ROOT / package).rglob("*.py"):
            if path.name == "settings.py" and package == "summit":
                continue
            if re.search(r"os\.environ|getenv\(", path.read_text()):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_retention_defaults_and_bounds():
    """Retention is 90 days for alert and digest claims, 2 for event ids, 30 for unread feeds;
    each takes whole days, and event ids are kept at least a day (Slack's retries need them)."""
    settings = load_settings({})
    assert (
        settings.alert_retention_days,
        settings.digest_post_retention_days,
        settings.seen_event_retention_days,
        settings.feed_state_retention_days,
    ) == (90, 90, 2, 30)
    assert load_settings({"SEEN_EVENT_RETENTION_DAYS": "7"}).seen_event_retention_days == 7
    with pytest.raises(ConfigError) as error:
        load_settings(
            {
                "ALERT_RETENTION_DAYS": "0",
                "DIGEST_POST_RETENTION_DAYS": "ninety",
                "SEEN_EVENT_RETENTION_DAYS": "0",
                "FEED_STATE_RETENTION_DAYS": "1.5",
            }
        )
    for name in (
        "ALERT_RETENTION_DAYS",
        "DIGEST_POST_RETENTION_DAYS",
        "SEEN_EVENT_RETENTION_DAYS",
        "FEED_STATE_RETENTION_DAYS",
    ):
        assert f"{name} must be a whole number of days from 1 to 3650" in str(error.value)


def test_ingest_caps_have_defaults_and_bounds():
    """MAX_FEED_ENTRIES is 200 and MAX_ARTICLE_WORDS 50,000 unless set, as whole numbers."""
    settings = load_settings({})
    assert (settings.max_feed_entries, settings.max_article_words) == (200, 50_000)
    assert load_settings({"MAX_FEED_ENTRIES": "50"}).max_feed_entries == 50
    with pytest.raises(ConfigError) as error:
        load_settings({"MAX_FEED_ENTRIES": "0", "MAX_ARTICLE_WORDS": "lots"})
    assert "MAX_FEED_ENTRIES" in str(error.value) and "MAX_ARTICLE_WORDS" in str(error.value)


def test_every_setting_is_one_row_of_the_table():
    """Each `Settings` field is filled by exactly one variable of `SPECS`, and each variable
    fills a field: a new setting is one row."""
    fields = [f.name for f in dataclasses.fields(Settings)]
    filled = [spec.field for spec in SPECS]
    assert sorted(filled) == sorted(fields)
    assert len({spec.name for spec in SPECS}) == len(SPECS)


def test_the_job_queue_follows_the_database_unless_set():
    """PostgreSQL runs jobs on the queue unless JOB_QUEUE=inprocess; SQLite always in process."""
    postgres = "postgresql://summit@db.internal:5432/summit"
    assert load_settings({"DATABASE_URL": postgres}, env_file=None).job_queue == "procrastinate"
    explicit = {"DATABASE_URL": postgres, "JOB_QUEUE": "inprocess"}
    assert load_settings(explicit, env_file=None).job_queue == "inprocess"
    assert load_settings({}, env_file=None).job_queue == "inprocess"
