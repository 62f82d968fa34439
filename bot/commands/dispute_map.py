"""`/disputes map [summit or keywords] [since …]`: what the words after `map` ask for.

Pure: text and the time of asking in, a `MapQuery` out, or a `MapQueryError` whose message
says how to ask. The window starts at a date (`since 2026-06-01`, midnight UTC), a span back
from now (`since 24h`, `since 7d`, `since 2w`) or `today` / `yesterday`; without one the
reader takes a week, or a whole summit when the words name one (`jobs`-free: the reading in
`jobs.map_post` decides that).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from summit.errors import SummitError

MAX_ABOUT = 200
MAX_SPAN = timedelta(days=3660)  # ten years back is as far as a map goes
USAGE = (
    "Try `/disputes map` (the last 7 days), `/disputes map G7 summit`, "
    "`/disputes map Lavrov since 7d` or `/disputes map since 2026-06-01`."
)

_SINCE = re.compile(r"(?:^|\s)since(?:\s+|$)", re.IGNORECASE)
_SPAN = re.compile(
    r"^(\d{1,4})\s*(h|hours?|d|days?|w|weeks?)$",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w", re.UNICODE)


class MapQueryError(SummitError, ValueError):
    """The words after `map` could not be read; the message says how to ask."""


@dataclass(frozen=True, slots=True)
class MapQuery:
    """A map of the disputes about `about` (a summit or keywords; None: all), from `since`
    (None: the reader's default) until `until`."""

    about: str | None
    since: datetime | None
    until: datetime


def parse_map_query(text: str, *, now: datetime) -> MapQuery:
    """Read "[summit or keywords] [since …]".

    >>> query = parse_map_query("G7 summit since 7d", now=datetime(2026, 6, 10, tzinfo=UTC))
    >>> query.about, query.since.isoformat()
    ('G7 summit', '2026-06-03T00:00:00+00:00')
    """
    now = now.astimezone(UTC)
    words = " ".join((text or "").split())
    if len(words) > MAX_ABOUT + 40:
        raise MapQueryError(f"That is more than I can read for a map. {USAGE}")
    parts = _SINCE.split(words)
    if len(parts) > 2:
        raise MapQueryError(f"Give one `since`, not several. {USAGE}")
    about = parts[0].strip(" \"'“”‘’")
    since = parse_since(parts[1], now=now) if len(parts) == 2 else None
    if about and not _WORD.search(about):
        raise MapQueryError(f"I could not read “{about[:40]}” as a summit or keywords. {USAGE}")
    return MapQuery(about=about or None, since=since, until=now)


def parse_since(value: str, *, now: datetime) -> datetime:
    """When a window starts: YYYY-MM-DD (midnight UTC), `today`, `yesterday`, or a span back
    from `now` such as `24h`, `7d`, `2 weeks`.

    >>> parse_since("2026-06-01", now=datetime(2026, 6, 10, tzinfo=UTC)).isoformat()
    '2026-06-01T00:00:00+00:00'
    >>> parse_since("36h", now=datetime(2026, 6, 10, tzinfo=UTC)).isoformat()
    '2026-06-08T12:00:00+00:00'
    """
    word = value.strip().lower()
    today = datetime.combine(now.date(), datetime.min.time(), UTC)
    if not word:
        raise MapQueryError(f"Say since when, e.g. `since 7d` or `since 2026-06-01`. {USAGE}")
    if word == "today":
        return today
    if word == "yesterday":
        return today - timedelta(days=1)
    if match := _SPAN.match(word):
        unit = match[2][0]
        span = timedelta(hours=int(match[1])) * {"h": 1, "d": 24, "w": 24 * 7}[unit]
        if span > MAX_SPAN:
            raise MapQueryError(f"That goes back too far; ten years at most. {USAGE}")
        return now - span
    try:
        start = datetime.combine(date.fromisoformat(word), datetime.min.time(), UTC)
    except ValueError:
        raise MapQueryError(
            f"I could not read “{value.strip()[:40]}” as a time: use a date (YYYY-MM-DD), "
            "`yesterday`, or a span such as `24h`, `7d`, `2w`."
        ) from None
    if start > now:
        raise MapQueryError("That date is still to come; a map shows what was said before now.")
    if now - start > MAX_SPAN:
        raise MapQueryError(f"That goes back too far; ten years at most. {USAGE}")
    return start
