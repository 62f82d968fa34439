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
    """Who disputes whom, about what, with the whole evidence sentence."""

    actor: str
    cue: str
    cue_class: str
    evidence: str
    start: int
    end: int
    target: str | None = None
    issue: str | None = None
    statement_index: int | None = None


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from one text, with a status that says whether it ran."""

    status: Literal["ok", "empty", "not-english", "failed"]
    statements: tuple[Statement, ...] = ()
    disputes: tuple[Dispute, ...] = ()
    language: str | None = "en"
    reason: str | None = None
    roles: dict[str, str] = field(default_factory=dict)
