"""`/disputes` text is read by a pure parser (`bot.commands.disputes`), whatever is typed."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.commands.disputes import DisputesAsk, parse_disputes


@pytest.mark.parametrize(
    ("typed", "asked"),
    [
        ("", DisputesAsk("find", "")),
        ("help", DisputesAsk("help")),
        ("  --HELP ", DisputesAsk("help")),
        ("Lavrov", DisputesAsk("find", "Lavrov")),
        ("map", DisputesAsk("map", "")),
        ("MAP G7 summit since 7d", DisputesAsk("map", "G7 summit since 7d")),
        ("mapping the talks", DisputesAsk("find", "mapping the talks")),
    ],
)
def test_the_text_asks_for_help_a_map_or_disputes(typed, asked):
    """Help words, `map` and its words, or a name or topic to find."""
    assert parse_disputes(typed) == asked


@given(st.text(max_size=20_000))
def test_any_text_is_read_and_kept_short(typed):
    """Whatever is typed is read without an error, and no more than 10,000 characters of it."""
    asked = parse_disputes(typed)
    assert asked.kind in ("help", "map", "find") and len(asked.text) <= 10_000
