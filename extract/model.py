"""Plain frozen data that leaves `extract/`: no spaCy object ever crosses this line."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["direct", "mixed", "indirect"]
SpeakerType = Literal["person", "organisation", "unnamed", "unresolved"]


@dataclass(frozen=True, slots=True)
class Statement:
    """Who said what: one attributed statement.

    `start`/`end` are character offsets of `content` in the text that was
    extracted; `content` is exactly `text[start:end]`. `speaker` is the
    canonical full name within the article ("Sergei Lavrov"); `role` is the
    title or affiliation split off it ("Russian Foreign Minister").
    """

    speaker: str
    content: str
    cue: str
    kind: Kind
    start: int
    end: int
    role: str | None = None
    speaker_type: SpeakerType = "person"
    speaker_mention: str | None = None
    sentence: str | None = None

    @property
    def direct(self) -> bool:
        return self.kind == "direct"


@dataclass(frozen=True, slots=True)
class Dispute:
    """Who disputes whom, about what, with the whole evidence sentence.

    `actor_type` is "person" or "organisation" (states included) when the actor resolved to a
    named party, else "unresolved" (kept, never shown). `escalation` is the cue class's rung
    on the ladder in `patterns/dispute_cues.json` (1 criticise … 6 threaten); `confidence`
    (0–1) says how sure the rule that found it is.
    """

    actor: str
    cue: str
    cue_class: str
    evidence: str
    start: int
    end: int
    target: str | None = None
    issue: str | None = None
    statement_index: int | None = None
    actor_type: SpeakerType = "person"
    escalation: int = 1
    confidence: float = 1.0

    @property
    def named(self) -> bool:
        """The actor is a named person, organisation or state (what readers are shown)."""
        return self.actor_type in ("person", "organisation")


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from one text, with a status that says whether it ran."""

    status: Literal["ok", "empty", "not-english", "failed"]
    statements: tuple[Statement, ...] = ()
    disputes: tuple[Dispute, ...] = ()
    language: str | None = "en"
    reason: str | None = None
    roles: dict[str, str] = field(default_factory=dict)
