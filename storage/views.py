"""Frozen results of queries: what the bot and the CLI render. No table row leaves storage."""

from __future__ import annotations

import re
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


# How a dispute reads when its cue is no verb in the past ("criticism", "warns", "not end …
# until"): its class's verb, one per class of `ladder` in extract/patterns/dispute_cues.json.
CLASS_VERBS = {
    "criticise": "criticised",
    "protest": "protested to",
    "dismiss": "dismissed",
    "accuse": "accused",
    "blame": "blamed",
    "deny": "denied",
    "reject": "rejected",
    "demand": "pressed",
    "warn": "warned",
    "threaten": "threatened",
}
# A cue that already reads as a past verb: "rejected", "called on", "took aim at".
_PAST_VERB = re.compile(r"(?:[a-z]+ed|took|hit|threw|struck|fought|drew|swung|shot|spoke)\b")


def dispute_verb(cue: str, cue_class: str) -> str:
    """The words between actor and target: the cue when it is a verb in the past, else its
    class's verb ("threatened" for the cue "not end … until")."""
    text = " ".join(cue.split())
    if _PAST_VERB.match(text.lower()) and "…" not in text:
        return text
    return CLASS_VERBS.get(cue_class, text)


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

    @property
    def verb(self) -> str:
        """What the actor did, as read between actor and target ("threatened")."""
        return dispute_verb(self.cue, self.cue_class)


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


@dataclass(frozen=True, slots=True)
class MovedStatement:
    """A statement a workspace's reader said was someone else's: who said it instead."""

    statement_id: int
    speaker_id: int
    speaker: str
    kind: str = "person"


@dataclass(frozen=True, slots=True)
class Corrections:
    """What a workspace's readers corrected (`storage.corrections`), as reads apply it: items
    hidden, statements moved to another speaker. A correction of one statement of a cluster
    covers every copy of it (the statement as said once)."""

    hidden_statements: frozenset[int] = frozenset()
    hidden_disputes: frozenset[int] = frozenset()
    moved: tuple[MovedStatement, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.hidden_statements or self.hidden_disputes or self.moved)

    @property
    def moved_ids(self) -> frozenset[int]:
        return frozenset(m.statement_id for m in self.moved)

    @property
    def speaker_ids(self) -> frozenset[int]:
        """The speakers statements were moved to (known to the workspace through them)."""
        return frozenset(m.speaker_id for m in self.moved)

    def moved_to(self, speaker_id: int) -> list[int]:
        return [m.statement_id for m in self.moved if m.speaker_id == speaker_id]

    def move_of(self, statement_id: int) -> MovedStatement | None:
        return next((m for m in self.moved if m.statement_id == statement_id), None)

    def statement(self, view: StatementView) -> StatementView:
        """`view` under the speaker the workspace said it is by (its role dropped: the role
        was the other speaker's)."""
        move = self.move_of(view.id) if self.moved else None
        if move is None:
            return view
        from dataclasses import replace

        return replace(view, speaker=move.speaker, speaker_id=move.speaker_id, role=None)


NO_CORRECTIONS = Corrections()
