"""Parsing `/digest` subcommands and the permission rule, without Slack or a database."""

from __future__ import annotations

import pytest

from bot.commands.digest import (
    DigestUsageError,
    PostNow,
    SetDays,
    SetFormat,
    SetPaused,
    SetTime,
    ShowHelp,
    ShowStatus,
    Subscribe,
    Unsubscribe,
    may_change,
    needs_permission,
    parse_digest,
)
from bot.render_commands import days_label

WEEK = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ShowHelp()),
        ("help", ShowHelp()),
        ("STATUS", ShowStatus()),
        ("now", PostNow()),
        ("pause", SetPaused(True)),
        ("resume", SetPaused(False)),
        ("unsubscribe", Unsubscribe()),
        ("format detailed", SetFormat("detailed")),
        ("format Condensed", SetFormat("condensed")),
    ],
)
def test_simple_subcommands(text, expected):
    """Each bare subcommand parses to its request, whatever its case."""
    assert parse_digest(text) == expected


def test_subscribe_without_commas_is_a_summit_name():
    """Text without commas is the summit's name and its one keyword."""
    assert parse_digest("subscribe  ASEAN Regional Forum ") == Subscribe(
        name="ASEAN Regional Forum", keywords=("ASEAN Regional Forum",)
    )


def test_subscribe_with_commas_is_a_keyword_list():
    """Commas separate keywords; quotes, blanks and repeats are dropped."""
    assert parse_digest('subscribe "Lavrov", Blinken,, North Korea, Blinken') == Subscribe(
        name=None, keywords=("Lavrov", "Blinken", "North Korea")
    )


def test_subscribe_alone_means_everything():
    """`/digest subscribe` with nothing after it subscribes to everything."""
    assert parse_digest("subscribe") == Subscribe(name=None, keywords=())


def test_too_many_keywords_are_refused():
    """More than 20 keywords is an error, not a silent cut."""
    with pytest.raises(DigestUsageError, match="more than 20"):
        parse_digest("subscribe " + ",".join(f"k{i}" for i in range(25)))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("time 09:00", SetTime("09:00")),
        ("time 9:05 europe/brussels", SetTime("09:05", "Europe/Brussels")),
        ("time 7.30 Asia/Jakarta", SetTime("07:30", "Asia/Jakarta")),
        ("time 7pm UTC", SetTime("19:00", "UTC")),
        ("time 7:30 pm", SetTime("19:30")),
        ("time 12am", SetTime("00:00")),
        ("time 18", SetTime("18:00")),
    ],
)
def test_time_forms(text, expected):
    """24-hour, 12-hour and bare-hour times, with an optional zone in any case."""
    assert parse_digest(text) == expected


@pytest.mark.parametrize("text", ["time", "time 25:00", "time 9:61", "time soon", "time 9:00 a b"])
def test_bad_times_are_explained(text):
    """An unreadable time says how to write one."""
    with pytest.raises(DigestUsageError, match="time"):
        parse_digest(text)


def test_unknown_zone_suggests_close_names():
    """A misspelt zone is refused with suggestions."""
    with pytest.raises(DigestUsageError, match="Europe/Brussels"):
        parse_digest("time 09:00 Europe/Brusels")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("days mon-fri", WEEK[:5]),
        ("days weekdays", WEEK[:5]),
        ("days daily", WEEK),
        ("days every day", WEEK),
        ("days weekends", WEEK[5:]),
        ("days mon,wed,fri", ("mon", "wed", "fri")),
        ("days Friday, monday wed", ("mon", "wed", "fri")),
        ("days fri-mon", ("mon", "fri", "sat", "sun")),
        ("days Monday - Friday", WEEK[:5]),
    ],
)
def test_day_forms(text, expected):
    """Ranges, lists, full names and named sets all become days in week order."""
    assert parse_digest(text) == SetDays(expected)


@pytest.mark.parametrize("text", ["days", "days someday", "days mon-xyz"])
def test_bad_days_are_explained(text):
    """Unknown days get an example of what works."""
    with pytest.raises(DigestUsageError, match="days"):
        parse_digest(text)


def test_unknown_subcommand_lists_the_subcommands_and_escapes():
    """An unknown word is echoed escaped, followed by every subcommand."""
    with pytest.raises(DigestUsageError) as caught:
        parse_digest("<!channel> please")
    message = str(caught.value)
    assert "<!channel>" not in message and "&lt;!channel&gt;" in message
    for word in ("subscribe", "time", "days", "pause", "format", "now", "status"):
        assert f"/digest {word}" in message


def test_bare_subcommands_refuse_extra_words():
    """`pause until monday` is refused rather than silently read as `pause`."""
    with pytest.raises(DigestUsageError, match="takes nothing"):
        parse_digest("pause until monday")


def test_control_characters_and_huge_text_are_harmless():
    """Control characters are dropped and 40 KB of text parses quickly into an error or request."""
    assert parse_digest("sta\x00tus") == ShowStatus()
    with pytest.raises(DigestUsageError):
        parse_digest("x" * 40_000)


def test_permission_rule():
    """Admins and the subscriber may change settings; others, or an unknown admin, may not."""
    assert may_change(user_id="U1", subscribed_by="U1", is_admin=None)
    assert may_change(user_id="U2", subscribed_by="U1", is_admin=True)
    assert not may_change(user_id="U2", subscribed_by="U1", is_admin=False)
    assert not may_change(user_id="U2", subscribed_by="U1", is_admin=None)
    assert not may_change(user_id="U2", subscribed_by=None, is_admin=False)


def test_reading_and_first_subscribe_need_no_permission():
    """status, help, now and subscribing an unsubscribed channel are open to everyone."""
    assert not needs_permission(ShowStatus(), None)
    assert not needs_permission(PostNow(), object())
    assert not needs_permission(Subscribe(), None)
    assert needs_permission(Subscribe(), object())
    assert needs_permission(SetPaused(True), object())


def test_days_labels():
    """Days read naturally in status replies."""
    assert days_label(WEEK) == "every day"
    assert days_label(WEEK[:5]) == "Monday to Friday"
    assert days_label(WEEK[5:]) == "weekends"
    assert days_label(("mon", "wed")) == "Mon, Wed"
