"""Plain-English questions in a DM or an @mention, turned into one intent. Pure: no Slack, no DB.

Each pattern below is a small named rule with the sentences it is meant for; anything
else gets the help text, so a person is never left without an answer.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date

from bot.commands.who_said import MAX_QUERY, WhoSaidQuery, parse_who_said


@dataclass(frozen=True, slots=True)
class AskWhoSaid:
    query: WhoSaidQuery


@dataclass(frozen=True, slots=True)
class AskTopic:
    topic: str


@dataclass(frozen=True, slots=True)
class AskDisputes:
    query: str | None


@dataclass(frozen=True, slots=True)
class FollowSpeaker:
    name: str


@dataclass(frozen=True, slots=True)
class UnfollowSpeaker:
    name: str


@dataclass(frozen=True, slots=True)
class ListFollows:
    pass


@dataclass(frozen=True, slots=True)
class ShowHelp:
    not_understood: str | None = None


Question = (
    AskWhoSaid | AskTopic | AskDisputes | FollowSpeaker | UnfollowSpeaker | ListFollows | ShowHelp
)

_MENTION = re.compile(r"<[@!#][^>]*>")
_POLITE = re.compile(
    r"^(?:(?:hey|hi|hello|ok|okay|so|please|pls|summit digest|summit|bot)\b[\s,:!]*)+"
    r"|^(?:can|could|would) you (?:please )?(?:tell me|show me|check)\s+"
    r"|^(?:tell me|show me|do you know)\s+",
    re.IGNORECASE,
)
_TRAILING = " ?!.\"'“”‘’"

_HELP = re.compile(r"^(help|\?|commands|what can you do|how does this work|usage)$", re.I)
_LIST = re.compile(
    r"^(my follows|follows|following|list( my)? follows|who (do|am) i follow(ing)?|"
    r"what do i follow)$",
    re.I,
)
_UNFOLLOW = re.compile(r"^(?:unfollow|stop following|don'?t follow)\s+(.+)$", re.I)
_FOLLOW = re.compile(r"^(?:follow|start following|alert me about|watch)\s+(.+)$", re.I)
_DISPUTE_VERB = (
    r"(?:disputes?|disputed|is disputing|rejects?|rejected|criticis(?:es|ed|e)|"
    r"criticiz(?:es|ed|e)|accuses|accused|denies|denied|attacks?|attacked|contradicts?|"
    r"contradicted|challenges?|challenged|condemns?|condemned|opposes|opposed|disagrees with|"
    r"disagreed with|pushes back on|pushed back on)"
)
_WHO_DISPUTES = re.compile(rf"^who (?:has |have )?{_DISPUTE_VERB}\s+(.+)$", re.I)
_DISPUTES = re.compile(
    r"^(?:(?:show|list|any|the|recent|latest|new)\s+)*disputes?"
    r"(?:\s+(?:about|over|on|involving|with|by|of|for)\s+(.+))?$",
    re.I,
)
_TOPIC = re.compile(
    r"^(?:who said what|who said anything|who talked|who spoke|what (?:was|has been|is being) "
    r"said|what did (?:people|anyone|everyone|they) say|what(?:'s| is) new|anything new|"
    r"news|statements|quotes)\s+(?:about|on|over|regarding|concerning)\s+(.+)$",
    re.I,
)
_WHAT_DID = re.compile(
    r"^what\s+(?:did|has|have|does|do)\s+(.+?)\s+(?:say|said|says|tell|told)\b\s*(.*)$", re.I
)
_WHAT_IS = re.compile(r"^what\s+(?:is|was|are|were)\s+(.+?)\s+saying\b\s*(.*)$", re.I)
_WHO_SAID = re.compile(
    r"^(?:/?who-said|who said|more from|statements (?:by|from)|quotes (?:by|from)|"
    r"what (?:.+ )?said by)\s+(.+)$",
    re.I,
)


def clean_text(text: str) -> str:
    """Slack's message text as a person typed it: mentions dropped, entities decoded, one line."""
    text = html.unescape(_MENTION.sub(" ", text or ""))
    text = " ".join(text.split())[: MAX_QUERY * 2]
    return _POLITE.sub("", text).strip(_TRAILING + " ,:")


def parse_question(text: str, *, today: date) -> Question:
    """One intent for a message; a bad `since` date raises `QueryError` with a fix.

    >>> parse_question("what did Blinken say about North Korea?", today=date(2023, 7, 15))
    AskWhoSaid(query=WhoSaidQuery(name='Blinken', about='North Korea', since=None, page=0, speaker_id=None))
    >>> parse_question("who disputes Lavrov?", today=date(2023, 7, 15))
    AskDisputes(query='Lavrov')
    """  # noqa: E501
    text = clean_text(text)
    if not text or _HELP.match(text):
        return ShowHelp()
    if _LIST.match(text):
        return ListFollows()
    if match := _UNFOLLOW.match(text):
        return UnfollowSpeaker(_name(match[1]))
    if match := _FOLLOW.match(text):
        return FollowSpeaker(_name(match[1]))
    if match := _TOPIC.match(text):
        return AskTopic(match[1].strip(_TRAILING))
    if match := _WHO_DISPUTES.match(text):
        return AskDisputes(_dispute_subject(match[1]))
    if match := _DISPUTES.match(text):
        return AskDisputes(_dispute_subject(match[1]) if match[1] else None)
    for pattern in (_WHAT_DID, _WHAT_IS):
        if match := pattern.match(text):
            return AskWhoSaid(parse_who_said(f"{match[1]} {match[2]}", today=today))
    if match := _WHO_SAID.match(text):
        return AskWhoSaid(parse_who_said(match[1], today=today))
    return ShowHelp(not_understood=text)


def _name(text: str) -> str:
    """A name as typed: "Lavrov's" and "Lavrov please" are both Lavrov."""
    name = re.sub(r"\s+(please|pls|thanks|thank you)$", "", text.strip(_TRAILING), flags=re.I)
    return re.sub(r"['’]s$", "", name).strip(_TRAILING)[:MAX_QUERY]


def _dispute_subject(text: str) -> str | None:
    """Who or what a dispute question is about: "whom about Taiwan" is Taiwan."""
    text = re.sub(r"^(?:whom?|what|anyone|anybody)\b\s*", "", text.strip(_TRAILING), flags=re.I)
    text = re.sub(r"^(?:about|over|on|regarding)\s+", "", text, flags=re.I)
    text = re.sub(r"\s+(?:about|over|on|regarding)\s+.*$", "", text, flags=re.I)
    return _name(text) or None
