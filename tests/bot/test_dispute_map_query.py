"""`/disputes map`'s words: a summit or keywords, and a window, read without Slack."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.commands.dispute_map import MapQueryError, parse_map_query, parse_since

NOW = datetime(2026, 6, 10, 15, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "about", "since"),
    [
        ("", None, None),
        ("G7 summit", "G7 summit", None),
        ("since 2026-06-01", None, datetime(2026, 6, 1, tzinfo=UTC)),
        ("Lavrov Blinken since 7d", "Lavrov Blinken", NOW - timedelta(days=7)),
        ("  “grain deal”   SINCE 36h ", "grain deal", NOW - timedelta(hours=36)),
        ("since 2 weeks", None, NOW - timedelta(days=14)),
        ("since yesterday", None, datetime(2026, 6, 9, tzinfo=UTC)),
        ("since today", None, datetime(2026, 6, 10, tzinfo=UTC)),
        ("sincerity", "sincerity", None),
    ],
)
def test_the_words_after_map_become_a_subject_and_a_window(text, about, since) -> None:
    """A summit or keywords, then `since` a date, a span back from now, today or yesterday."""
    query = parse_map_query(text, now=NOW)
    assert (query.about, query.since, query.until) == (about, since, NOW)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("since banana", "could not read “banana” as a time"),
        ("Lavrov since", "Say since when"),
        ("since 2099-01-01", "still to come"),
        ("since 7d since 2d", "one `since`"),
        ("%%% ###", "could not read “%%% ###”"),
        ("since 9999w", "too far"),
        ("x" * 300, "more than I can read"),
    ],
)
def test_words_it_cannot_read_get_an_answer_saying_how_to_ask(text, says) -> None:
    """Garbage after `map` is a `MapQueryError` whose message says what was wrong."""
    with pytest.raises(MapQueryError) as error:
        parse_map_query(text, now=NOW)
    assert says in str(error.value)


def test_a_date_starts_at_midnight_utc() -> None:
    """`since 2026-06-01` is midnight UTC of that day, whatever time it is asked."""
    assert parse_since("2026-06-01", now=NOW) == datetime(2026, 6, 1, tzinfo=UTC)
