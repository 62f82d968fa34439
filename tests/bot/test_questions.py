"""Plain-English DM / @mention questions parsed into intents, without Slack or a database."""

from __future__ import annotations

from datetime import date

import pytest

from bot.commands.who_said import QueryError
from bot.questions import (
    AskDisputes,
    AskTopic,
    AskWhoSaid,
    FollowSpeaker,
    ListFollows,
    ShowHelp,
    UnfollowSpeaker,
    clean_text,
    parse_question,
)

TODAY = date(2023, 7, 15)


def parse(text: str):
    return parse_question(text, today=TODAY)


@pytest.mark.parametrize(
    ("text", "name", "about"),
    [
        ("what did Blinken say about North Korea?", "Blinken", "North Korea"),
        ("What has Sergei Lavrov said?", "Sergei Lavrov", None),
        ("what is Wang Yi saying on the South China Sea", "Wang Yi", "the South China Sea"),
        ("hey, what did lavrov say about Ukraine", "lavrov", "Ukraine"),
        ("who-said Borrell about Ukraine", "Borrell", "Ukraine"),
        ("more from Retno Marsudi", "Retno Marsudi", None),
    ],
)
def test_who_said_questions(text, name, about):
    """Questions about one speaker become a /who-said query with name and topic."""
    question = parse(text)
    assert isinstance(question, AskWhoSaid)
    assert (question.query.name, question.query.about) == (name, about)


def test_who_said_since_is_read():
    """A `since` clause in a question is a date, as in /who-said."""
    question = parse("what did Blinken say since yesterday?")
    assert question.query.since == date(2023, 7, 14)


def test_bad_since_date_is_a_query_error():
    """An unreadable date raises the same kind error /who-said gives."""
    with pytest.raises(QueryError):
        parse("what did Blinken say since someday")


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("who said what about Taiwan", "Taiwan"),
        ("Who said what about Taiwan?", "Taiwan"),
        ("what was said about the South China Sea?", "the South China Sea"),
        ("what did people say on North Korea", "North Korea"),
    ],
)
def test_topic_questions(text, topic):
    """Asking who said what about X is a topic question, not a speaker one."""
    assert parse(text) == AskTopic(topic)


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("who disputes Lavrov?", "Lavrov"),
        ("Who criticised Blinken", "Blinken"),
        ("who rejected Borrell's call", "Borrell's call"),
        ("who disputes whom about Ukraine", "Ukraine"),
        ("disputes about Taiwan", "Taiwan"),
        ("disputes", None),
        ("show disputes", None),
    ],
)
def test_dispute_questions(text, query):
    """Dispute questions name the person or topic, or ask for the latest."""
    assert parse(text) == AskDisputes(query)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("follow Wang Yi", FollowSpeaker("Wang Yi")),
        ("please follow Lavrov's", FollowSpeaker("Lavrov")),
        ("unfollow Wang Yi", UnfollowSpeaker("Wang Yi")),
        ("stop following Blinken please", UnfollowSpeaker("Blinken")),
        ("my follows", ListFollows()),
        ("who do I follow?", ListFollows()),
    ],
)
def test_follow_commands(text, expected):
    """Follow, unfollow and listing follows."""
    assert parse(text) == expected


@pytest.mark.parametrize("text", ["help", "hi", "", "  ", "?", "<@U0BOT00001>", "hello!"])
def test_help(text):
    """Greetings, "help" and empty messages get the help text."""
    assert parse(text) == ShowHelp()


def test_anything_else_gets_help_naming_what_was_not_understood():
    """Unrecognised text gets help that quotes it (the renderer escapes it)."""
    assert parse("bake me a cake") == ShowHelp(not_understood="bake me a cake")


def test_mentions_and_entities_are_removed_before_parsing():
    """A leading @mention is dropped and Slack's entities decoded before parsing."""
    assert clean_text("<@U0BOT00001> what did Blinken say about AT&amp;T?") == (
        "what did Blinken say about AT&T"
    )
    question = parse("<@U0BOT00001> what did Blinken say about North Korea?")
    assert question.query.name == "Blinken"
