"""`/digest` subcommands: parsing into frozen requests, who may change what, applying changes.

Parsing is pure (text in, a request or a `DigestUsageError` that says how to fix it out);
`apply_change` is the only function here that writes, and it never talks to Slack.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, available_timezones

from sqlalchemy import Engine
from sqlmodel import Session

from bot.mrkdwn import clean, echo
from jobs.addresses import literal_address, non_global
from jobs.scheduler import digest_trigger
from storage.reads import ChannelSubscription, subscription_for_channel
from storage.subscriptions import (
    FeedLimitError,
    change_feeds,
    subscribe_channel,
    unsubscribe_channel,
    update_subscription,
)
from summit.errors import SummitError
from summit.settings import DEFAULT_DIGEST_TIME, DEFAULT_DIGEST_TIMEZONE, valid_timezone

MAX_TEXT = 1000  # longer command text is cut before parsing
MAX_KEYWORDS = 20
MAX_KEYWORD = 100
MAX_NAME = 200
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
FORMATS = ("condensed", "detailed")

USAGE = (
    "• `/digest subscribe [summit or keywords]` — a daily digest here (07:30 UTC to start); "
    "separate keywords with commas\n"
    "• `/digest time HH:MM [Area/City]` — e.g. `/digest time 09:00 Europe/Brussels`\n"
    "• `/digest days mon-fri` — also `mon,wed,fri`, `weekdays`, `weekends`, `daily`\n"
    "• `/digest pause` / `/digest resume`\n"
    "• `/digest format condensed` or `detailed`\n"
    "• `/digest feeds add URL` / `/digest feeds remove URL` — this channel's own feeds\n"
    "• `/digest now` — post the digest here at once\n"
    "• `/digest status` — what this channel gets, and when\n"
    "• `/digest unsubscribe`"
)

_HELP_WORDS = frozenset({"help", "-h", "--help", "?"})
_TIME_24H = re.compile(r"^([01]?\d|2[0-3])[:.h]([0-5]\d)$")
_TIME_12H = re.compile(r"^(0?[1-9]|1[0-2])(?::([0-5]\d))?\s*([ap])\.?m\.?$")
_DAY_NAMES = {
    **{day: day for day in WEEKDAYS},
    "monday": "mon",
    "tues": "tue",
    "tuesday": "tue",
    "wednesday": "wed",
    "thur": "thu",
    "thurs": "thu",
    "thursday": "thu",
    "friday": "fri",
    "saturday": "sat",
    "sunday": "sun",
}
_DAY_SETS = {
    "daily": WEEKDAYS,
    "everyday": WEEKDAYS,
    "every day": WEEKDAYS,
    "all": WEEKDAYS,
    "weekdays": WEEKDAYS[:5],
    "workdays": WEEKDAYS[:5],
    "weekends": WEEKDAYS[5:],
    "weekend": WEEKDAYS[5:],
}


class DigestUsageError(SummitError, ValueError):
    """The `/digest` text could not be understood; the message (escaped mrkdwn) says why."""


@dataclass(frozen=True, slots=True)
class Subscribe:
    name: str | None = None
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Unsubscribe:
    pass


@dataclass(frozen=True, slots=True)
class SetTime:
    digest_time: str  # "HH:MM", 24-hour
    timezone: str | None = None  # None keeps the channel's zone


@dataclass(frozen=True, slots=True)
class SetDays:
    weekdays: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SetPaused:
    paused: bool


@dataclass(frozen=True, slots=True)
class SetFormat:
    format: str


@dataclass(frozen=True, slots=True)
class PostNow:
    pass


@dataclass(frozen=True, slots=True)
class ChangeFeeds:
    add: tuple[str, ...] = ()
    remove: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ShowStatus:
    pass


@dataclass(frozen=True, slots=True)
class ShowHelp:
    pass


Change = Subscribe | Unsubscribe | SetTime | SetDays | SetPaused | SetFormat | ChangeFeeds
DigestRequest = Change | PostNow | ShowStatus | ShowHelp


def parse_digest(text: str) -> DigestRequest:
    """Read `/digest` text into a request.

    >>> parse_digest("time 9:00 europe/brussels")
    SetTime(digest_time='09:00', timezone='Europe/Brussels')
    """
    words = " ".join(clean(text[:MAX_TEXT]).split())
    verb, _, rest = words.partition(" ")
    verb = verb.lower()
    if verb in ("", *_HELP_WORDS):
        return ShowHelp()
    if verb == "subscribe":
        return parse_subscribe(rest)
    if verb == "time":
        return parse_time(rest)
    if verb in ("days", "day"):
        return SetDays(parse_days(rest))
    if verb == "format":
        return parse_format(rest)
    if verb in ("feeds", "feed"):
        return parse_feeds(rest)
    bare = {
        "unsubscribe": Unsubscribe(),
        "pause": SetPaused(True),
        "resume": SetPaused(False),
        "now": PostNow(),
        "status": ShowStatus(),
    }
    if verb in bare:
        if rest:
            raise DigestUsageError(f"`/digest {verb}` takes nothing after it.\n{USAGE}")
        return bare[verb]
    raise DigestUsageError(f"I don't know `/digest {echo(verb, 40)}`. Try one of these:\n{USAGE}")


def parse_subscribe(rest: str) -> Subscribe:
    """Commas separate keywords; without commas the text is the summit's name and its keyword.

    >>> parse_subscribe("ASEAN Regional Forum")
    Subscribe(name='ASEAN Regional Forum', keywords=('ASEAN Regional Forum',))
    >>> parse_subscribe("Lavrov, Blinken").keywords
    ('Lavrov', 'Blinken')
    """
    parts = [p.strip(" \"'“”‘’") for p in re.split(r"[,;]", rest)]
    keywords = list(dict.fromkeys(p[:MAX_KEYWORD].strip() for p in parts if p))
    if len(keywords) > MAX_KEYWORDS:
        raise DigestUsageError(f"That is more than {MAX_KEYWORDS} keywords; please pick fewer.")
    name = keywords[0][:MAX_NAME] if len(keywords) == 1 else None
    return Subscribe(name=name, keywords=tuple(keywords))


MAX_FEEDS = 20
_SLACK_LINK = re.compile(r"^<([^<>|]+)(?:\|[^<>]*)?>$")


def parse_feeds(rest: str) -> ChangeFeeds:
    """`add URL…` or `remove URL…`; Slack's `<url|label>` link form is understood.

    >>> parse_feeds("add <https://news.example/rss|news.example/rss>")
    ChangeFeeds(add=('https://news.example/rss',), remove=())
    """
    action, _, urls = rest.partition(" ")
    action = action.lower()
    if action not in ("add", "remove") or not urls.strip():
        raise DigestUsageError(
            "Use `/digest feeds add https://…/feed.xml` or `/digest feeds remove https://…`."
        )
    found = tuple(dict.fromkeys(feed_url(word) for word in urls.split()))
    if len(found) > MAX_FEEDS:
        raise DigestUsageError(f"That is more than {MAX_FEEDS} feeds at once.")
    return ChangeFeeds(add=found) if action == "add" else ChangeFeeds(remove=found)


def feed_url(word: str) -> str:
    """A public http(s) address, or a usage error: never a local path or the machine itself."""
    if match := _SLACK_LINK.match(word):
        word = match[1]
    parsed = urlsplit(word)
    host = (parsed.hostname or "").lower()
    if parsed.scheme not in ("http", "https") or not host or len(word) > 2000:
        raise DigestUsageError(f"`{echo(word, 80)}` is not an http(s) feed address.")
    if (
        host == "localhost"
        or host.endswith((".localhost", ".local", ".internal"))
        or _private(host)
    ):
        raise DigestUsageError(
            f"`{echo(word, 80)}` points at a private address; use a public feed."
        )
    return word


def _private(host: str) -> bool:
    """A literal non-global address (the fetcher's own definition); a name is checked
    again when it is resolved at fetch time, since it may point anywhere."""
    address = literal_address(host)
    return address is not None and non_global(address) is not None


def parse_time(rest: str) -> SetTime:
    """`HH:MM [Area/City]`; also `9.30`, `9h30`, `7am`, `7:30pm`.

    >>> parse_time("7:30pm UTC")
    SetTime(digest_time='19:30', timezone='UTC')
    """
    parts = rest.split()
    if not parts or len(parts) > 3:
        raise DigestUsageError(
            "Tell me a time of day, e.g. `/digest time 09:00` or `/digest time 09:00 Asia/Jakarta`."
        )
    raw_time, zone_parts = parts[0], parts[1:]
    if zone_parts and zone_parts[0].lower() in ("am", "pm", "a.m.", "p.m."):
        raw_time, zone_parts = raw_time + zone_parts[0], zone_parts[1:]
    if len(zone_parts) > 1:
        raise DigestUsageError("Give one time zone, e.g. `Europe/Brussels`.")
    return SetTime(
        digest_time=parse_clock(raw_time),
        timezone=parse_timezone(zone_parts[0]) if zone_parts else None,
    )


def parse_clock(value: str) -> str:
    lowered = value.lower()
    if lowered.isdigit() and int(lowered) < 24:
        return f"{int(lowered):02d}:00"
    if match := _TIME_24H.match(lowered):
        return f"{int(match[1]):02d}:{match[2]}"
    if match := _TIME_12H.match(lowered):
        hour = int(match[1]) % 12 + (12 if match[3] == "p" else 0)
        return f"{hour:02d}:{match[2] or '00'}"
    raise DigestUsageError(
        f"`{echo(value, 20)}` is not a time I can read; use 24-hour `HH:MM`, e.g. `07:30`."
    )


def parse_timezone(value: str) -> str:
    """The IANA name, spelled as the tz database spells it; case does not matter."""
    zone = _zones_by_folded_name().get(value.casefold())
    if zone and valid_timezone(zone):
        return zone
    close = difflib.get_close_matches(value.casefold(), list(_zones_by_folded_name()), n=3)
    hint = ""
    if close:
        hint = (
            " Did you mean " + " or ".join(f"`{_zones_by_folded_name()[c]}`" for c in close) + "?"
        )
    raise DigestUsageError(
        f"`{echo(value, 40)}` is not a time zone I know; use an IANA name such as "
        f"`Europe/Brussels`, `Asia/Jakarta` or `UTC`.{hint}"
    )


def parse_days(rest: str) -> tuple[str, ...]:
    """Day names, ranges (`mon-fri`, `fri-mon`) and sets (`weekdays`, `daily`), in week order.

    >>> parse_days("mon, wed,fri")
    ('mon', 'wed', 'fri')
    >>> parse_days("sat-mon")
    ('mon', 'sat', 'sun')
    """
    lowered = " ".join(rest.lower().split())
    if lowered in _DAY_SETS:
        return _DAY_SETS[lowered]
    chosen: set[str] = set()
    for token in re.split(r"[,\s]+", lowered.replace(" - ", "-")):
        if not token:
            continue
        if token in _DAY_SETS:
            chosen.update(_DAY_SETS[token])
            continue
        first, dash, last = token.partition("-")
        if first not in _DAY_NAMES or (dash and last not in _DAY_NAMES):
            raise DigestUsageError(
                f"`{echo(token, 30)}` is not a day I know. Use e.g. `/digest days mon-fri`, "
                "`/digest days mon,wed,fri`, `weekdays` or `daily`."
            )
        start = WEEKDAYS.index(_DAY_NAMES[first])
        end = WEEKDAYS.index(_DAY_NAMES[last]) if dash else start
        span = (end - start) % 7
        chosen.update(WEEKDAYS[(start + i) % 7] for i in range(span + 1))
    if not chosen:
        raise DigestUsageError("Which days? e.g. `/digest days mon-fri` or `/digest days daily`.")
    return tuple(day for day in WEEKDAYS if day in chosen)


def parse_format(rest: str) -> SetFormat:
    value = rest.strip().lower()
    if value not in FORMATS:
        raise DigestUsageError(
            "Choose `/digest format condensed` (one statement per speaker, threads for the rest) "
            "or `/digest format detailed` (everything in the message)."
        )
    return SetFormat(value)


def may_change(*, user_id: str, subscribed_by: str | None, is_admin: bool | None) -> bool:
    """Workspace admins and owners, and whoever subscribed the channel, may change its digest.

    `is_admin` is None when Slack could not tell us; that is a no, not a guess.
    """
    return bool(subscribed_by and user_id == subscribed_by) or is_admin is True


def needs_permission(request: DigestRequest, current: ChannelSubscription | None) -> bool:
    """Reading (status, help) and posting now are open to everyone in the channel, and so is
    subscribing a channel that has no digest yet; every other change is guarded."""
    if isinstance(request, PostNow | ShowStatus | ShowHelp):
        return False
    return not (isinstance(request, Subscribe) and current is None)


def channel_subscription(
    *, engine: Engine, team_id: str, channel_id: str
) -> ChannelSubscription | None:
    with Session(engine) as session:
        return subscription_for_channel(session=session, team_id=team_id, channel_id=channel_id)


def apply_change(
    change: Change,
    *,
    engine: Engine,
    team_id: str,
    channel_id: str,
    user_id: str,
    enterprise_id: str | None = None,
    workspace_max_feeds: int | None = None,
) -> ChannelSubscription | None:
    """Write one change; return the channel's subscription as it now stands (None if gone).
    A subscription keeps `enterprise_id`, the workspace's Grid org, for the scheduler."""
    where = {"team_id": team_id, "channel_id": channel_id}
    with Session(engine) as session:
        if isinstance(change, Unsubscribe):
            unsubscribe_channel(session=session, **where)
        elif isinstance(change, Subscribe):
            if subscription_for_channel(session=session, **where) is None:
                subscribe_channel(
                    session=session,
                    digest_time=DEFAULT_DIGEST_TIME,
                    timezone=DEFAULT_DIGEST_TIMEZONE,
                    subscribed_by=user_id,
                    enterprise_id=enterprise_id,
                    **where,
                )
            update_subscription(
                session=session, name=change.name or "", keywords=change.keywords, **where
            )
        elif isinstance(change, SetTime):
            update_subscription(
                session=session, digest_time=change.digest_time, timezone=change.timezone, **where
            )
        elif isinstance(change, SetDays):
            update_subscription(session=session, weekdays=change.weekdays, **where)
        elif isinstance(change, SetPaused):
            update_subscription(session=session, paused=change.paused, **where)
        elif isinstance(change, SetFormat):
            update_subscription(session=session, format=change.format, **where)
        elif isinstance(change, ChangeFeeds):
            try:
                change_feeds(
                    session=session,
                    add=change.add,
                    remove=change.remove,
                    limit=MAX_FEEDS,
                    workspace_limit=workspace_max_feeds,
                    **where,
                )
            except FeedLimitError as error:
                raise DigestUsageError(str(error)) from error
        session.commit()
        return subscription_for_channel(session=session, **where)


def next_digest_at(subscription: ChannelSubscription, *, now: datetime) -> datetime | None:
    """When the scheduler will next post here, in the channel's zone (None while paused)."""
    if subscription.schedule.paused:
        return None
    zone = ZoneInfo(subscription.schedule.timezone)
    return digest_trigger(subscription.schedule).get_next_fire_time(None, now.astimezone(zone))


@cache
def _zones_by_folded_name() -> dict[str, str]:
    return {zone.casefold(): zone for zone in available_timezones()}
