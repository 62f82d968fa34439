"""What one reader's brief is built from: the window's statements and disputes with their
article, story, summit and statement cluster (`jobs/brief.py` groups and ranks them)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class QuoteRow:
    """One stored statement in the window, with what the brief needs of its article."""

    statement_id: int
    cluster_id: int | None
    cluster_first_at: datetime | None  # when the cluster was first reported anywhere
    speaker: str
    speaker_id: int
    speaker_kind: str
    role: str | None
    content: str
    cue: str
    kind: str
    article_id: int
    title: str | None
    outlet: str | None
    url: str | None
    source: str | None
    published: datetime | None  # publication time, else first seen
    story_id: int | None
    story_title: str | None
    summit: str | None


@dataclass(frozen=True, slots=True)
class DisputeRow:
    """One stored dispute (named actor, confident enough) in the window, with its article."""

    dispute_id: int
    actor: str
    target: str | None
    cue: str
    cue_class: str
    escalation: int
    confidence: float
    issue: str | None
    evidence: str
    article_id: int
    title: str | None
    outlet: str | None
    url: str | None
    source: str | None
    published: datetime | None
    story_id: int | None
    story_title: str | None
    summit: str | None
