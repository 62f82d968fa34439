"""Load the cue, title and dispute lists in `extract/patterns/` (data, not code).

Each loader is cached, so the files are read once per process, on first use,
never at import time.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

PATTERNS_VERSION = "2024.3"


def _read(name: str) -> str:
    return resources.files("extract").joinpath("patterns", name).read_text(encoding="utf-8")


def _word_list(name: str) -> frozenset[str]:
    lines = (line.split("#", 1)[0].strip().lower() for line in _read(name).splitlines())
    return frozenset(line for line in lines if line)


@cache
def speech_verbs() -> frozenset[str]:
    """Lemmas of reporting verbs ("say", "tell", "warn")."""
    return _word_list("speech_verbs.txt")


def _pairs(name: str) -> dict[str, str]:
    """Lines of "key [value]" → {key: value or ""}, lower-cased."""
    out = {}
    for line in _read(name).splitlines():
        words = line.split("#", 1)[0].strip().lower().split()
        if words:
            out[words[0]] = words[1] if len(words) > 1 else ""
    return out


@cache
def object_cues() -> dict[str, str]:
    """Evaluative cues and their frame: lemma → "" (object), a preposition, or "xcomp"."""
    return _pairs("object_cues.txt")


@cache
def title_abbreviations() -> dict[str, str]:
    """Abbreviated titles and the word a description uses for them: "sen." → "senator"."""
    return _pairs("title_abbreviations.txt")


@cache
def cognitive_verbs() -> frozenset[str]:
    """Lemmas of belief verbs that report no statement unless quoted ("think", "fear")."""
    return _word_list("cognitive_verbs.txt")


@cache
def colon_labels() -> frozenset[str]:
    """Lower-case words that make "WORD: …" a label, not a speaker ("UPDATE:", "Analysis:")."""
    return _word_list("colon_labels.txt")


@cache
def title_words() -> frozenset[str]:
    """Lower-case title and honorific words split off names into the role."""
    return _word_list("titles.txt")


@cache
def credit_line_patterns() -> tuple[re.Pattern[str], ...]:
    """Paragraph-start patterns of credit lines and page furniture ("Reporting by")."""
    lines = (line.strip() for line in _read("credit_lines.txt").splitlines())
    return tuple(re.compile(line) for line in lines if line and not line.startswith("#"))


@cache
def article_end_patterns() -> tuple[re.Pattern[str], ...]:
    """Paragraph-start patterns after which the rest is page furniture ("Published in")."""
    lines = (line.strip() for line in _read("article_end.txt").splitlines())
    return tuple(re.compile(line) for line in lines if line and not line.startswith("#"))


@dataclass(frozen=True, slots=True)
class DisputeCue:
    """One dispute cue: a verb lemma with optional particle and preposition ("hit out at")."""

    lemma: str
    cue_class: str
    particle: str | None = None
    prep: str | None = None


@dataclass(frozen=True, slots=True)
class DisputePatterns:
    """All dispute data: cues by lemma plus the guard lists."""

    cues: dict[str, tuple[DisputeCue, ...]]
    needs_target: frozenset[str]
    negating_heads: frozenset[str]
    hypothetical_aux: frozenset[str]
    hypothetical_marks: frozenset[str]
    proposal_nouns: frozenset[str]
    not_targets: frozenset[str]
    unreal_heads: frozenset[str] = frozenset()
    no_target_lemmas: frozenset[str] = frozenset()
    not_objects: frozenset[str] = frozenset()
    negative_subjects: frozenset[str] = frozenset()
    noun_cues: dict[str, str] = field(default_factory=dict)
    light_verbs: frozenset[str] = frozenset()
    claim_nouns: frozenset[str] = frozenset()
    accusation_nouns: frozenset[str] = frozenset()
    dismissive_predicates: frozenset[str] = frozenset()


def _parse_cue(phrase: str, cue_class: str) -> DisputeCue:
    words = phrase.split()
    if len(words) == 1:
        return DisputeCue(words[0], cue_class)
    if len(words) == 2:
        # "rule out", "scoff at": the second word is a particle or a preposition
        return DisputeCue(words[0], cue_class, particle=words[1])
    return DisputeCue(words[0], cue_class, particle=words[1], prep=words[2])


@cache
def dispute_patterns() -> DisputePatterns:
    """The parsed `dispute_cues.json`."""
    raw = json.loads(_read("dispute_cues.json"))
    cues: dict[str, list[DisputeCue]] = {}
    for cue_class, phrases in raw["classes"].items():
        for phrase in phrases:
            cue = _parse_cue(phrase.lower(), cue_class)
            cues.setdefault(cue.lemma, []).append(cue)
    # multi-word cues first, so "hit out at" wins over a bare "hit"
    ordered = {
        k: tuple(sorted(v, key=lambda c: (c.particle is None, c.prep is None)))
        for k, v in cues.items()
    }
    return DisputePatterns(
        cues=ordered,
        needs_target=frozenset(raw["needs_target"]),
        negating_heads=frozenset(raw["negating_heads"]),
        hypothetical_aux=frozenset(raw["hypothetical_aux"]),
        hypothetical_marks=frozenset(raw["hypothetical_marks"]),
        proposal_nouns=frozenset(raw["proposal_nouns"]),
        not_targets=frozenset(raw["not_targets"]),
        unreal_heads=frozenset(raw["unreal_heads"]),
        no_target_lemmas=frozenset(raw["no_target_lemmas"]),
        not_objects=frozenset(raw["not_objects"]),
        negative_subjects=frozenset(raw["negative_subjects"]),
        noun_cues=dict(raw["noun_cues"]),
        light_verbs=frozenset(raw["light_verbs"]),
        claim_nouns=frozenset(raw["claim_nouns"]),
        accusation_nouns=frozenset(raw["accusation_nouns"]),
        dismissive_predicates=frozenset(raw["dismissive_predicates"]),
    )
