"""Settings: read once from the environment (and `.env`), validated in one pass.

Every variable the app reads is declared in `VARIABLES`; `.env.example` documents
each one and a test keeps the two in step. Nothing here runs at import time:
the CLI calls `load_settings()` once at start-up.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping, Sequence
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
# other bound, bot/commands/digest.py): every one is fetched on schedule for that workspace.
DEFAULT_WORKSPACE_MAX_FEEDS = 100
MAX_WORKSPACE_MAX_FEEDS = 10_000

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
    job_queue: str = "inprocess"  # "procrastinate" (jobs/queue.py) by default on PostgreSQL
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
    """Read settings from `environ` (default: os.environ plus `env_file`), or raise ConfigError
    listing every problem at once. Each variable is read as its `SPECS` row says; a variable
    that is unset (or blank) keeps the `Settings` default.

    Values already in the environment win over the `.env` file, as python-dotenv does.
    """
    env = dict(os.environ if environ is None else environ)
    if environ is None and env_file and Path(env_file).is_file():
        from dotenv import dotenv_values

        for key, value in dotenv_values(env_file).items():
            if value is not None:
                env.setdefault(key, value)
    values: dict[str, object] = {}
    problems: list[str] = []
    for spec in SPECS:
        raw = env.get(spec.name, "").strip()
        if not raw:
            continue
        try:
            values[spec.field] = spec.parse(raw)
        except ValueError as problem:
            problems.append(f"{spec.name} {problem}")
    if "job_queue" not in values and str(values.get("database_url", "")).startswith("postgres"):
        values["job_queue"] = "procrastinate"  # PostgreSQL is the queue's broker: use it
    settings = Settings(**values)
    problems += _inconsistencies(settings)
    if problems:
        raise ConfigError(_message(problems))
    return settings


def _inconsistencies(settings: Settings) -> list[str]:
    """What is wrong between variables that are each valid on their own."""
    found = []
    if settings.job_queue == "procrastinate" and not settings.database_url.startswith("postgresql"):
        found.append("JOB_QUEUE=procrastinate needs a postgresql:// DATABASE_URL")
    if bool(settings.slack_client_id) != bool(settings.slack_client_secret):
        found.append("SLACK_CLIENT_ID and SLACK_CLIENT_SECRET must be set together")
    # The crontab runs in the digest time zone (UTC when that one was invalid, so unset).
    if settings.ingest_cron and not valid_crontab(settings.ingest_cron, settings.digest_timezone):
        found.append(
            "INGEST_CRON must be a five-field crontab such as '*/30 5-22 * * *', "
            f"got {settings.ingest_cron!r}"
        )
    return found


# ------------------------------------------------------------------------- the variables

Parse = Callable[[str], object]


@dataclass(frozen=True, slots=True)
class Spec:
    """One environment variable: the `Settings` field it fills, the line `.env.example`
    carries, and how a set value is read (a ValueError says what is wrong with it)."""

    name: str
    field: str
    help: str
    parse: Parse = str


def _whole(low: int, high: int, unit: str = "") -> Parse:
    def parse(raw: str) -> int:
        if raw.isascii() and raw.isdigit() and low <= int(raw) <= high:
            return int(raw)
        raise ValueError(f"must be a whole number{unit} from {low} to {high}, got {raw!r}")

    return parse


def _number(low: float, high: float) -> Parse:
    def parse(raw: str) -> float:
        try:
            value = float(raw)
        except ValueError:
            value = None
        if value is None or not low <= value <= high:
            raise ValueError(f"must be a number from {low:g} to {high:g}, got {raw!r}")
        return value

    return parse


def _choice(options: Sequence[str], *, upper: bool = False) -> Parse:
    def parse(raw: str) -> str:
        value = raw.upper() if upper else raw.lower()
        if value not in options:
            raise ValueError(f"must be one of {', '.join(options)}, got {value!r}")
        return value

    return parse


def _prefixed(prefix: str, what: str) -> Parse:
    def parse(raw: str) -> str:
        if not raw.startswith(prefix):
            raise ValueError(f"must be {what} starting with {prefix}")
        return raw

    return parse


def _api_url(raw: str) -> str:
    if urlparse(raw).scheme not in ("http", "https"):
        raise ValueError(f"must be an http(s) URL, got {raw!r}")
    return raw if raw.endswith("/") else raw + "/"


def _database_url(raw: str) -> str:
    if not re.match(r"^(sqlite|postgresql)(\+\w+)?://", raw):
        raise ValueError(f"must start with sqlite:// or postgresql:// (got {_redact_url(raw)!r})")
    return raw


def _clock(raw: str) -> time:
    if match := _TIME.match(raw):
        return time(int(match[1]), int(match[2]))
    raise ValueError(f"must be HH:MM (24-hour), got {raw!r}")


def _zone(raw: str) -> str:
    if not valid_timezone(raw):
        raise ValueError(f"must be an IANA time zone such as Europe/Brussels, got {raw!r}")
    return raw


def _fernet(raw: str) -> str:
    if not valid_fernet_key(raw):
        raise ValueError("must be a Fernet key (32 url-safe base64 bytes); see README")
    return raw


def _channel(raw: str) -> str:
    if not re.fullmatch(r"[CGD][A-Z0-9]{2,}", raw):
        raise ValueError(f"must be a channel id such as C0123ABCD, got {raw!r}")
    return raw


def _list(raw: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in raw.split(",") if part.strip())


_DAYS = _whole(1, MAX_RETENTION_DAYS, " of days")


def _cap(name: str) -> Parse:
    _, low, high = DEFAULT_INGEST_CAPS[name]
    return _whole(low, high)


SPECS: tuple[Spec, ...] = (
    Spec(
        "SLACK_BOT_TOKEN",
        "slack_bot_token",
        "Bot token (xoxb-...) for a single-workspace install",
        _prefixed("xoxb-", "a bot token"),
    ),
    Spec(
        "SLACK_SIGNING_SECRET",
        "slack_signing_secret",
        "Signing secret used to verify requests from Slack (HTTP mode)",
    ),
    Spec(
        "SLACK_APP_TOKEN",
        "slack_app_token",
        "App-level token (xapp-...); when set, `summit serve` uses Socket Mode",
        _prefixed("xapp-", "an app-level token"),
    ),
    Spec("SLACK_CLIENT_ID", "slack_client_id", "OAuth client id, for multi-workspace installs"),
    Spec(
        "SLACK_CLIENT_SECRET",
        "slack_client_secret",
        "OAuth client secret, for multi-workspace installs",
    ),
    Spec(
        "SLACK_API_URL",
        "slack_api_url",
        "Slack Web API base URL; tests point it at a local fake",
        _api_url,
    ),
    Spec(
        "DATABASE_URL",
        "database_url",
        "SQLAlchemy URL; default a SQLite file under ./data/",
        _database_url,
    ),
    Spec(
        "SPACY_MODEL",
        "spacy_model",
        "spaCy pipeline to load; default the first installed English small model",
    ),
    Spec(
        "SUMMIT_FEEDS",
        "feeds",
        "Comma-separated feed URLs, article URLs or paths ingested by the scheduler",
        _list,
    ),
    Spec(
        "DIGEST_CHANNEL",
        "digest_channel",
        "Channel id that gets the daily digest when no channel has subscribed",
        _channel,
    ),
    Spec("DIGEST_TIME", "digest_time", "Default digest time of day, HH:MM (24-hour)", _clock),
    Spec(
        "DIGEST_TIMEZONE",
        "digest_timezone",
        "Default IANA time zone for digest times, e.g. Europe/Brussels",
        _zone,
    ),
    Spec(
        "INGEST_INTERVAL_MINUTES",
        "ingest_interval_minutes",
        "Minutes between scheduled ingest runs",
        _whole(1, 24 * 60),
    ),
    Spec(
        "INGEST_CRON",
        "ingest_cron",
        "Crontab for scheduled ingest instead of the interval, e.g. '*/30 5-22 * * *'",
    ),
    Spec(
        "FETCH_DELAY_SECONDS",
        "fetch_delay_seconds",
        "Politeness delay between two requests to the same host",
        _number(0, 60),
    ),
    Spec(
        "SCHEDULER_TICK_SECONDS",
        "scheduler_tick_seconds",
        "How often the scheduler re-reads schedules and posts due digests",
        _whole(1, 3600),
    ),
    Spec(
        "JOB_QUEUE",
        "job_queue",
        "procrastinate (PostgreSQL's default: workers run the jobs) or inprocess (the scheduler)",
        _choice(JOB_QUEUES),
    ),
    Spec(
        "DISPUTE_MIN_CONFIDENCE",
        "dispute_min_confidence",
        "Disputes less sure than this (0-1) are stored but not shown",
        _number(0, 1),
    ),
    Spec(
        "LOG_LEVEL",
        "log_level",
        "Python logging level: DEBUG, INFO, WARNING, ERROR",
        _choice(_LOG_LEVELS, upper=True),
    ),
    Spec(
        "LOG_FORMAT",
        "log_format",
        "Log line format: text (human-readable) or json (one object per line)",
        _choice(_LOG_FORMATS),
    ),
    Spec(
        "SUMMIT_TOKEN_KEY",
        "token_key",
        "Fernet key encrypting OAuth tokens at rest; rotating needs a re-install",
        _fernet,
    ),
    Spec(
        "ALERT_RETENTION_DAYS",
        "alert_retention_days",
        "Days a follow-up DM's claim row is kept (pending ones always are)",
        _DAYS,
    ),
    Spec(
        "DIGEST_POST_RETENTION_DAYS",
        "digest_post_retention_days",
        "Days a digest's claim row is kept (each channel's newest stays)",
        _DAYS,
    ),
    Spec(
        "SEEN_EVENT_RETENTION_DAYS",
        "seen_event_retention_days",
        "Days Slack event ids are kept for de-duplication (at least 1)",
        _DAYS,
    ),
    Spec(
        "FEED_STATE_RETENTION_DAYS",
        "feed_state_retention_days",
        "Days a feed's state is kept once nothing lists it",
        _DAYS,
    ),
    Spec(
        "MAX_FEED_ENTRIES",
        "max_feed_entries",
        "Entries read from one feed per run (the first ones, newest first)",
        _cap("MAX_FEED_ENTRIES"),
    ),
    Spec(
        "MAX_ARTICLE_WORDS",
        "max_article_words",
        "Longer articles are stored as too-long and not extracted",
        _cap("MAX_ARTICLE_WORDS"),
    ),
    Spec(
        "SUBSCRIBE_POLICY",
        "subscribe_policy",
        "Who may subscribe a channel and edit its feeds: admins, creators, members",
        _choice(SUBSCRIBE_POLICIES),
    ),
    Spec(
        "WORKSPACE_MAX_FEEDS",
        "workspace_max_feeds",
        "Distinct feeds one workspace's channels may follow in all",
        _whole(1, MAX_WORKSPACE_MAX_FEEDS),
    ),
)
# name -> one-line description (the same line `.env.example` carries; a test keeps them in step)
VARIABLES: dict[str, str] = {spec.name: spec.help for spec in SPECS}


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


def _message(problems: list[str]) -> str:
    lines = "\n".join(f"  - {p}" for p in problems)
    return f"invalid settings ({len(problems)} problem{'s' * (len(problems) > 1)}):\n{lines}"


def _redact_url(url: str) -> str:
    """Hide a password in a database URL before it appears in an error message."""
    return re.sub(r"(://[^:/@]+:)[^@]*@", r"\1***@", url)
