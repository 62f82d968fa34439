"""Settings: read once from the environment (and `.env`), validated in one pass.

Every variable the app reads is declared in `VARIABLES`; `.env.example` documents
each one and a test keeps the two in step. Nothing here runs at import time:
the CLI calls `load_settings()` once at start-up.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import time
from pathlib import Path
from urllib.parse import urlparse
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from summit.errors import ConfigError

DEFAULT_SLACK_API_URL = "https://slack.com/api/"
DEFAULT_DATABASE_URL = "sqlite:///data/summit.db"
# Who runs the jobs: the scheduler itself, or procrastinate workers (`summit worker`).
JOB_QUEUES = ("inprocess", "procrastinate")
DEFAULT_DIGEST_TIME = "07:30"
DEFAULT_DIGEST_TIMEZONE = "UTC"
DEFAULT_INGEST_INTERVAL_MINUTES = 60
DEFAULT_DISPUTE_MIN_CONFIDENCE = 0.5
# Retention in days (storage/retention.py says what is never deleted). Alert and digest claims
# only guard against a second send once their day has passed, so a quarter of delivery history
# is kept for support; Slack retries an event within minutes, so two days of event ids is
# plenty (and at least one day is required); a feed nobody reads any more keeps its ETag for a
# month in case a channel adds it again.
DEFAULT_RETENTION_DAYS = {
    "ALERT_RETENTION_DAYS": 90,
    "DIGEST_POST_RETENTION_DAYS": 90,
    "SEEN_EVENT_RETENTION_DAYS": 2,
    "FEED_STATE_RETENTION_DAYS": 30,
}
MAX_RETENTION_DAYS = 3650
# Ingest caps (jobs/sources.py, jobs/clean.py say why these defaults): entries read per feed,
# and the longest article extracted; with their bounds.
DEFAULT_INGEST_CAPS = {
    "MAX_FEED_ENTRIES": (200, 1, 10_000),
    "MAX_ARTICLE_WORDS": (50_000, 1_000, 1_000_000),
}
# Who may subscribe a channel and change its feeds (bot/subscribe_policy.py): workspace admins
# and owners only; those and the channel's creator; or any full member. Guests never may.
SUBSCRIBE_POLICIES = ("admins", "creators", "members")
DEFAULT_SUBSCRIBE_POLICY = "creators"
# Distinct feeds all of a workspace's channels may follow together (20 per channel is the
# other bound, bot/digest_settings.py): every one is fetched on schedule for that workspace.
DEFAULT_WORKSPACE_MAX_FEEDS = 100
MAX_WORKSPACE_MAX_FEEDS = 10_000

# name -> one-line description (the same line `.env.example` carries).
VARIABLES: dict[str, str] = {
    "SLACK_BOT_TOKEN": "Bot token (xoxb-...) for a single-workspace install",
    "SLACK_SIGNING_SECRET": "Signing secret used to verify requests from Slack (HTTP mode)",
    "SLACK_APP_TOKEN": "App-level token (xapp-...); when set, `summit serve` uses Socket Mode",
    "SLACK_CLIENT_ID": "OAuth client id, for multi-workspace installs",
    "SLACK_CLIENT_SECRET": "OAuth client secret, for multi-workspace installs",
    "SLACK_API_URL": "Slack Web API base URL; tests point it at a local fake",
    "DATABASE_URL": "SQLAlchemy URL; default a SQLite file under ./data/",
    "SPACY_MODEL": "spaCy pipeline to load; default the first installed English small model",
    "SUMMIT_FEEDS": "Comma-separated feed URLs, article URLs or paths ingested by the scheduler",
    "DIGEST_CHANNEL": "Channel id that gets the daily digest when no channel has subscribed",
    "DIGEST_TIME": "Default digest time of day, HH:MM (24-hour)",
    "DIGEST_TIMEZONE": "Default IANA time zone for digest times, e.g. Europe/Brussels",
    "INGEST_INTERVAL_MINUTES": "Minutes between scheduled ingest runs",
    "INGEST_CRON": "Crontab for scheduled ingest instead of the interval, e.g. '*/30 5-22 * * *'",
    "FETCH_DELAY_SECONDS": "Politeness delay between two requests to the same host",
    "SCHEDULER_TICK_SECONDS": "How often the scheduler re-reads schedules and posts due digests",
    "JOB_QUEUE": "inprocess (the scheduler runs jobs) or procrastinate (PostgreSQL: summit worker)",
    "DISPUTE_MIN_CONFIDENCE": "Disputes less sure than this (0-1) are stored but not shown",
    "LOG_LEVEL": "Python logging level: DEBUG, INFO, WARNING, ERROR",
    "LOG_FORMAT": "Log line format: text (human-readable) or json (one object per line)",
    "SUMMIT_TOKEN_KEY": "Fernet key encrypting OAuth tokens at rest; rotating needs a re-install",
    "ALERT_RETENTION_DAYS": "Days a follow-up DM's claim row is kept (pending ones always are)",
    "DIGEST_POST_RETENTION_DAYS": "Days a digest's claim row is kept (each channel's newest stays)",
    "SEEN_EVENT_RETENTION_DAYS": "Days Slack event ids are kept for de-duplication (at least 1)",
    "FEED_STATE_RETENTION_DAYS": "Days a feed's state is kept once nothing lists it",
    "MAX_FEED_ENTRIES": "Entries read from one feed per run (the first ones, newest first)",
    "MAX_ARTICLE_WORDS": "Longer articles are stored as too-long and not extracted",
    "SUBSCRIBE_POLICY": "Who may subscribe a channel and edit its feeds: admins, creators, members",
    "WORKSPACE_MAX_FEEDS": "Distinct feeds one workspace's channels may follow in all",
}

_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
_LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
_LOG_FORMATS = ("text", "json")


@dataclass(frozen=True)
class Settings:
    """Validated configuration; build it with `load_settings`."""

    database_url: str = field(default=DEFAULT_DATABASE_URL, repr=False)  # may hold a password
    slack_api_url: str = DEFAULT_SLACK_API_URL
    slack_bot_token: str | None = field(default=None, repr=False)
    slack_signing_secret: str | None = field(default=None, repr=False)
    slack_app_token: str | None = field(default=None, repr=False)
    slack_client_id: str | None = None
    slack_client_secret: str | None = field(default=None, repr=False)
    spacy_model: str | None = None
    feeds: tuple[str, ...] = ()
    digest_channel: str | None = None
    digest_time: time = time(7, 30)
    digest_timezone: str = DEFAULT_DIGEST_TIMEZONE
    ingest_interval_minutes: int = DEFAULT_INGEST_INTERVAL_MINUTES
    ingest_cron: str | None = None
    fetch_delay_seconds: float = 1.0
    scheduler_tick_seconds: int = 60
    job_queue: str = "inprocess"  # or "procrastinate": jobs/queue.py, PostgreSQL only
    dispute_min_confidence: float = DEFAULT_DISPUTE_MIN_CONFIDENCE
    log_level: str = "INFO"
    log_format: str = "text"
    token_key: str | None = field(default=None, repr=False)
    alert_retention_days: int = DEFAULT_RETENTION_DAYS["ALERT_RETENTION_DAYS"]
    digest_post_retention_days: int = DEFAULT_RETENTION_DAYS["DIGEST_POST_RETENTION_DAYS"]
    seen_event_retention_days: int = DEFAULT_RETENTION_DAYS["SEEN_EVENT_RETENTION_DAYS"]
    feed_state_retention_days: int = DEFAULT_RETENTION_DAYS["FEED_STATE_RETENTION_DAYS"]
    max_feed_entries: int = DEFAULT_INGEST_CAPS["MAX_FEED_ENTRIES"][0]
    max_article_words: int = DEFAULT_INGEST_CAPS["MAX_ARTICLE_WORDS"][0]
    subscribe_policy: str = DEFAULT_SUBSCRIBE_POLICY
    workspace_max_feeds: int = DEFAULT_WORKSPACE_MAX_FEEDS

    @property
    def oauth_enabled(self) -> bool:
        return bool(self.slack_client_id and self.slack_client_secret)

    @property
    def socket_mode(self) -> bool:
        return bool(self.slack_app_token)

    def require_slack(self) -> None:
        """Raise one ConfigError naming everything `summit serve` still needs."""
        problems = []
        if not (self.slack_bot_token or self.oauth_enabled):
            problems.append(
                "SLACK_BOT_TOKEN is missing (or set SLACK_CLIENT_ID and SLACK_CLIENT_SECRET "
                "for OAuth installs)"
            )
        if not self.socket_mode and not self.slack_signing_secret:
            problems.append("SLACK_SIGNING_SECRET is missing (needed to verify Slack requests)")
        if problems:
            raise ConfigError(_message(problems))


def load_settings(
    environ: Mapping[str, str] | None = None, *, env_file: str | Path | None = ".env"
) -> Settings:
    """Read settings from `environ` (default: os.environ plus `env_file`), or raise ConfigError.

    Values already in the environment win over the `.env` file, as python-dotenv does.
    """
    env = dict(os.environ if environ is None else environ)
    if environ is None and env_file and Path(env_file).is_file():
        from dotenv import dotenv_values

        for key, value in dotenv_values(env_file).items():
            if value is not None:
                env.setdefault(key, value)

    def read(name: str) -> str | None:
        if name not in VARIABLES:  # keeps .env.example complete (see tests)
            raise KeyError(f"undeclared setting {name}")
        value = env.get(name, "").strip()
        return value or None

    problems: list[str] = []

    slack_api_url = read("SLACK_API_URL") or DEFAULT_SLACK_API_URL
    if urlparse(slack_api_url).scheme not in ("http", "https"):
        problems.append(f"SLACK_API_URL must be an http(s) URL, got {slack_api_url!r}")
    elif not slack_api_url.endswith("/"):
        slack_api_url += "/"

    database_url = read("DATABASE_URL") or DEFAULT_DATABASE_URL
    if not re.match(r"^(sqlite|postgresql)(\+\w+)?://", database_url):
        problems.append(
            "DATABASE_URL must start with sqlite:// or postgresql:// "
            f"(got {_redact_url(database_url)!r})"
        )

    digest_time = time(7, 30)
    raw_time = read("DIGEST_TIME") or DEFAULT_DIGEST_TIME
    if match := _TIME.match(raw_time):
        digest_time = time(int(match[1]), int(match[2]))
    else:
        problems.append(f"DIGEST_TIME must be HH:MM (24-hour), got {raw_time!r}")

    timezone = read("DIGEST_TIMEZONE") or DEFAULT_DIGEST_TIMEZONE
    if not valid_timezone(timezone):
        problems.append(
            f"DIGEST_TIMEZONE must be an IANA time zone such as Europe/Brussels, got {timezone!r}"
        )

    interval = DEFAULT_INGEST_INTERVAL_MINUTES
    raw_interval = read("INGEST_INTERVAL_MINUTES")
    if raw_interval is not None:
        if raw_interval.isdigit() and 1 <= int(raw_interval) <= 24 * 60:
            interval = int(raw_interval)
        else:
            problems.append(
                "INGEST_INTERVAL_MINUTES must be a whole number from 1 to 1440, "
                f"got {raw_interval!r}"
            )

    ingest_cron = read("INGEST_CRON")
    if ingest_cron and not valid_crontab(
        ingest_cron, timezone if valid_timezone(timezone) else "UTC"
    ):
        problems.append(
            "INGEST_CRON must be a five-field crontab such as '*/30 5-22 * * *', "
            f"got {ingest_cron!r}"
        )

    fetch_delay = _number_between(read, "FETCH_DELAY_SECONDS", 1.0, 0, 60, problems)

    tick = 60
    raw_tick = read("SCHEDULER_TICK_SECONDS")
    if raw_tick is not None:
        if raw_tick.isdigit() and 1 <= int(raw_tick) <= 3600:
            tick = int(raw_tick)
        else:
            problems.append(
                f"SCHEDULER_TICK_SECONDS must be a whole number from 1 to 3600, got {raw_tick!r}"
            )

    job_queue = (read("JOB_QUEUE") or "inprocess").lower()
    if job_queue not in JOB_QUEUES:
        problems.append(f"JOB_QUEUE must be one of {', '.join(JOB_QUEUES)}, got {job_queue!r}")
    elif job_queue == "procrastinate" and not database_url.startswith("postgresql"):
        problems.append("JOB_QUEUE=procrastinate needs a postgresql:// DATABASE_URL")

    min_confidence = _number_between(
        read, "DISPUTE_MIN_CONFIDENCE", DEFAULT_DISPUTE_MIN_CONFIDENCE, 0, 1, problems
    )

    log_level = (read("LOG_LEVEL") or "INFO").upper()
    if log_level not in _LOG_LEVELS:
        problems.append(f"LOG_LEVEL must be one of {', '.join(_LOG_LEVELS)}, got {log_level!r}")

    log_format = (read("LOG_FORMAT") or "text").lower()
    if log_format not in _LOG_FORMATS:
        problems.append(f"LOG_FORMAT must be text or json, got {log_format!r}")

    token_key = read("SUMMIT_TOKEN_KEY")
    if token_key and not valid_fernet_key(token_key):
        problems.append(
            "SUMMIT_TOKEN_KEY must be a Fernet key (32 url-safe base64 bytes); see README"
        )

    retention = {
        name: _whole_number_between(read, name, default, 1, MAX_RETENTION_DAYS, problems)
        for name, default in DEFAULT_RETENTION_DAYS.items()
    }
    caps = {
        name: _whole_number_between(read, name, default, low, high, problems, unit="")
        for name, (default, low, high) in DEFAULT_INGEST_CAPS.items()
    }

    subscribe_policy = (read("SUBSCRIBE_POLICY") or DEFAULT_SUBSCRIBE_POLICY).lower()
    if subscribe_policy not in SUBSCRIBE_POLICIES:
        problems.append(
            f"SUBSCRIBE_POLICY must be one of {', '.join(SUBSCRIBE_POLICIES)}, "
            f"got {subscribe_policy!r}"
        )

    workspace_max_feeds = _whole_number_between(
        read,
        "WORKSPACE_MAX_FEEDS",
        DEFAULT_WORKSPACE_MAX_FEEDS,
        1,
        MAX_WORKSPACE_MAX_FEEDS,
        problems,
        unit="",
    )

    bot_token = read("SLACK_BOT_TOKEN")
    if bot_token and not bot_token.startswith("xoxb-"):
        problems.append("SLACK_BOT_TOKEN must be a bot token starting with xoxb-")
    app_token = read("SLACK_APP_TOKEN")
    if app_token and not app_token.startswith("xapp-"):
        problems.append("SLACK_APP_TOKEN must be an app-level token starting with xapp-")
    client_id, client_secret = read("SLACK_CLIENT_ID"), read("SLACK_CLIENT_SECRET")
    if bool(client_id) != bool(client_secret):
        problems.append("SLACK_CLIENT_ID and SLACK_CLIENT_SECRET must be set together")

    channel = read("DIGEST_CHANNEL")
    if channel and not re.fullmatch(r"[CGD][A-Z0-9]{2,}", channel):
        problems.append(f"DIGEST_CHANNEL must be a channel id such as C0123ABCD, got {channel!r}")

    if problems:
        raise ConfigError(_message(problems))

    feeds = tuple(part.strip() for part in (read("SUMMIT_FEEDS") or "").split(",") if part.strip())
    return Settings(
        database_url=database_url,
        slack_api_url=slack_api_url,
        slack_bot_token=bot_token,
        slack_signing_secret=read("SLACK_SIGNING_SECRET"),
        slack_app_token=app_token,
        slack_client_id=client_id,
        slack_client_secret=client_secret,
        spacy_model=read("SPACY_MODEL"),
        feeds=feeds,
        digest_channel=channel,
        digest_time=digest_time,
        digest_timezone=timezone,
        ingest_interval_minutes=interval,
        ingest_cron=ingest_cron,
        fetch_delay_seconds=fetch_delay,
        scheduler_tick_seconds=tick,
        job_queue=job_queue,
        dispute_min_confidence=min_confidence,
        log_level=log_level,
        log_format=log_format,
        token_key=token_key,
        alert_retention_days=retention["ALERT_RETENTION_DAYS"],
        digest_post_retention_days=retention["DIGEST_POST_RETENTION_DAYS"],
        seen_event_retention_days=retention["SEEN_EVENT_RETENTION_DAYS"],
        feed_state_retention_days=retention["FEED_STATE_RETENTION_DAYS"],
        max_feed_entries=caps["MAX_FEED_ENTRIES"],
        max_article_words=caps["MAX_ARTICLE_WORDS"],
        subscribe_policy=subscribe_policy,
        workspace_max_feeds=workspace_max_feeds,
    )


def valid_timezone(name: str) -> bool:
    """True when `name` is an IANA time zone this machine knows (tzdata is a dependency)."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def valid_fernet_key(key: str) -> bool:
    """True when `key` has a Fernet key's shape: 32 bytes in url-safe base64."""
    import base64
    import binascii

    try:
        return len(base64.urlsafe_b64decode(key.encode())) == 32
    except (binascii.Error, ValueError):
        return False


def valid_crontab(expression: str, timezone: str = "UTC") -> bool:
    """True when APScheduler can build a cron trigger from the five-field `expression`."""
    from apscheduler.triggers.cron import CronTrigger

    try:
        CronTrigger.from_crontab(expression, timezone=ZoneInfo(timezone))
    except ValueError:
        return False
    return True


def _number_between(
    read: Callable[[str], str | None],
    name: str,
    default: float,
    low: float,
    high: float,
    problems: list[str],
) -> float:
    """The number `name` holds, from `low` to `high`; `default` when unset or invalid (an
    invalid value is added to `problems`)."""
    raw = read(name)
    if raw is None:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = None
    if value is None or not low <= value <= high:
        problems.append(f"{name} must be a number from {low:g} to {high:g}, got {raw!r}")
        return default
    return value


def _whole_number_between(
    read: Callable[[str], str | None],
    name: str,
    default: int,
    low: int,
    high: int,
    problems: list[str],
    *,
    unit: str = " of days",
) -> int:
    """The whole number `name` holds, from `low` to `high`; `default` when unset or invalid
    (an invalid value is added to `problems`)."""
    raw = read(name)
    if raw is None:
        return default
    if not (raw.isascii() and raw.isdigit() and low <= int(raw) <= high):
        problems.append(f"{name} must be a whole number{unit} from {low} to {high}, got {raw!r}")
        return default
    return int(raw)


def _message(problems: list[str]) -> str:
    lines = "\n".join(f"  - {p}" for p in problems)
    return f"invalid settings ({len(problems)} problem{'s' * (len(problems) > 1)}):\n{lines}"


def _redact_url(url: str) -> str:
    """Hide a password in a database URL before it appears in an error message."""
    return re.sub(r"(://[^:/@]+:)[^@]*@", r"\1***@", url)
