"""Frozen results of queries: what the bot and the CLI render. No table row leaves storage."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePath


def source_label(outlet: str | None, title: str | None, source: str | None) -> str:
    """How a source is named to a reader: the outlet, else the headline, else the file name."""
    if outlet:
        return outlet
    if title:
        return title if len(title) <= 80 else title[:79] + "…"
    if source and "://" not in source:
        return PurePath(source).name
    return source or "source"


# Cues whose next words are not what was said: "told [reporters] …", "according to …", ":".
_CUES_NOT_LEADING = frozenset({"tell", "tells", "told", "telling"})


def reported_speech(content: str, cue: str, kind: str) -> str:
    """What was said, as a reader reads it: a quote in quote marks, reported speech after its
    cue ("rejected a call to withdraw troops", "warned the river could flood"), so an object
    such as "a call to withdraw troops" is never shown as the speaker's own words."""
    text = content.strip()
    if kind == "direct":
        return f"“{text}”"
    word = cue.strip().lower()
    if word.isalpha() and word not in _CUES_NOT_LEADING and not text.lower().startswith(word):
        return f"{word} {text}"
    return text


@dataclass(frozen=True, slots=True)
class SpeakerMatch:
    id: int
    name: str
    role: str | None
    kind: str
    statements: int


@dataclass(frozen=True, slots=True)
class StatementView:
    id: int
    speaker: str
    speaker_id: int
    role: str | None
    content: str
    cue: str
    kind: str
    article_id: int
    title: str | None
    outlet: str | None
    url: str | None
    published: datetime | None
    outlets: int = 1
    source: str | None = None

    @property
    def source_label(self) -> str:
        return source_label(self.outlet, self.title, self.source)

    @property
    def reported(self) -> str:
        """The statement as a reader reads it (see `reported_speech`)."""
        return reported_speech(self.content, self.cue, self.kind)


# What each rung of the dispute escalation ladder is called (index = rung), as in
# `ladder_names` of extract/patterns/dispute_cues.json (a test keeps the two in step).
RUNGS = ("", "criticism", "accusation or denial", "rejection", "demand", "warning", "threat")


def rung_name(escalation: int) -> str:
    """A rung in words ("threat"); empty for a rung the ladder does not have."""
    return RUNGS[escalation] if 0 < escalation < len(RUNGS) else ""


@dataclass(frozen=True, slots=True)
class DisputeView:
    """A dispute as readers see it (reads return only named actors at or above the minimum
    confidence)."""

    id: int
    actor: str
    target: str | None
    cue: str
    cue_class: str
    issue: str | None
    evidence: str
    article_id: int
    title: str | None
    outlet: str | None
    url: str | None
    published: datetime | None
    source: str | None = None
    actor_type: str = "person"
    escalation: int = 1
    confidence: float = 1.0

    @property
    def source_label(self) -> str:
        return source_label(self.outlet, self.title, self.source)

    @property
    def rung(self) -> str:
        """The dispute's escalation in words: "criticism" … "threat"."""
        return rung_name(self.escalation)


@dataclass(frozen=True, slots=True)
class SubscriptionView:
    """A channel's digest settings."""

    team_id: str
    channel_id: str
    digest_time: str
    timezone: str
    weekdays: tuple[str, ...]
    keywords: tuple[str, ...] = ()
    paused: bool = False
    detailed: bool = False
    last_error: str | None = None
