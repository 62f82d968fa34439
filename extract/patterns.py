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


@cache
def speech_nouns() -> frozenset[str]:
    """Nouns that "make" turns into a reporting verb ("made the case that …")."""
    return _word_list("speech_nouns.txt")


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
class Confidence:
    """How much a dispute is trusted, by the kind of cue that carried it (see the JSON)."""

    verb: float
    phrase: float
    noun: float
    label: float
    modal: float
    actor_from_statement: float
    named_target: float
    show_at: float


@dataclass(frozen=True, slots=True)
class DisputePatterns:
    """All dispute data in `dispute_cues.json`: cues by kind plus the guard lists."""

    version: str
    ladder: dict[str, int]
    cues: dict[str, tuple[DisputeCue, ...]]
    noun_cues: dict[str, str]
    labels: dict[str, str]
    phrases: dict[tuple[str, ...], str]
    verdicts: dict[tuple[str, ...], str]
    verb_needs: dict[str, frozenset[str]]
    confidence: Confidence
    body_synonyms: dict[str, frozenset[str]]
    label_frames: frozenset[str] = frozenset()
    verdict_frames: frozenset[str] = frozenset()
    scourge_nouns: frozenset[str] = frozenset()
    needs_target: frozenset[str] = frozenset()
    needs_target_lemmas: frozenset[str] = frozenset()
    noun_owner_by_from: frozenset[str] = frozenset()
    subjunctive_lemmas: frozenset[str] = frozenset()
    receiving_verbs: frozenset[str] = frozenset()
    talk_verbs: frozenset[str] = frozenset()
    situation_nouns: frozenset[str] = frozenset()
    group_nouns: frozenset[str] = frozenset()
    until_threats: frozenset[str] = frozenset()
    reciprocal: frozenset[str] = frozenset()
    experiencer_verbs: frozenset[str] = frozenset()
    agent_nouns: frozenset[str] = frozenset()
    documents: frozenset[str] = frozenset()
    event_nouns: frozenset[str] = frozenset()
    denial_frames: frozenset[str] = frozenset()
    evaluated_acts: frozenset[str] = frozenset()
    appeal_objects: frozenset[str] = frozenset()
    person_only: frozenset[str] = frozenset()
    verb_needs_object: frozenset[str] = frozenset()
    negated_reject: frozenset[str] = frozenset()
    negated_virtues: frozenset[str] = frozenset()
    negated_reject_alone: frozenset[str] = frozenset()
    modal_demands: frozenset[str] = frozenset()
    negating_heads: frozenset[str] = frozenset()
    hypothetical_aux: frozenset[str] = frozenset()
    hypothetical_marks: frozenset[str] = frozenset()
    proposal_nouns: frozenset[str] = frozenset()
    not_targets: frozenset[str] = frozenset()
    unreal_heads: frozenset[str] = frozenset()
    continuing_heads: frozenset[str] = frozenset()
    risk_verbs: frozenset[str] = frozenset()
    interrupted: frozenset[str] = frozenset()
    harsh_voices: frozenset[str] = frozenset()
    danger_nouns: frozenset[str] = frozenset()
    counterpart_nouns: frozenset[str] = frozenset()
    media_nouns: frozenset[str] = frozenset()
    habit_adverbs: frozenset[str] = frozenset()
    resorting_verbs: frozenset[str] = frozenset()
    no_target_lemmas: frozenset[str] = frozenset()
    not_objects: frozenset[str] = frozenset()
    phrasal_senses: frozenset[str] = frozenset()
    military_nouns: frozenset[str] = frozenset()
    negative_subjects: frozenset[str] = frozenset()
    light_verbs: frozenset[str] = frozenset()
    claim_nouns: frozenset[str] = frozenset()
    accusation_nouns: frozenset[str] = frozenset()
    time_words: frozenset[str] = frozenset()
    causing_verbs: frozenset[str] = frozenset()
    expelling_verbs: frozenset[str] = frozenset()
    relation_nouns: frozenset[str] = frozenset()
    patient_nouns: frozenset[str] = frozenset()
    voicing_nouns: frozenset[str] = frozenset()
    encouraged_acts: frozenset[str] = frozenset()
    welfare_nouns: frozenset[str] = frozenset()
    withheld_acts: frozenset[str] = frozenset()
    title_words: frozenset[str] = frozenset()
    role_nouns: frozenset[str] = frozenset()
    filing_verbs: frozenset[str] = frozenset()
    method_nouns: frozenset[str] = frozenset()
    ruling_nouns: frozenset[str] = frozenset()
    withheld_defence: frozenset[str] = frozenset()
    threat_acts: dict[str, frozenset[str]] = field(default_factory=dict)


def _parse_cue(phrase: str, cue_class: str) -> DisputeCue:
    words = phrase.split()
    if len(words) == 1:
        return DisputeCue(words[0], cue_class)
    if len(words) == 2:
        # "rule out", "scoff at": the second word is a particle or a preposition
        return DisputeCue(words[0], cue_class, particle=words[1])
    return DisputeCue(words[0], cue_class, particle=words[1], prep=words[2])


def _by_word(classes: dict[str, list[str]]) -> dict[str, str]:
    return {w.lower(): cls for cls, words in classes.items() for w in words}


def _phrase_words(phrase: str) -> tuple[str, ...]:
    """A phrase's words as the tokenizer splits them: "didn't do" → ("did", "n't", "do")."""
    words: list[str] = []
    for word in phrase.lower().replace("\u2019", "'").split():
        if word.endswith("n't") and len(word) > 3:
            words += [word[:-3], "n't"]
        else:
            words.append(word)
    return tuple(words)


def _phrase_table(classes: dict[str, list[str]]) -> dict[tuple[str, ...], str]:
    return {_phrase_words(p): cls for cls, words in classes.items() for p in words}


@cache
def dispute_patterns() -> DisputePatterns:
    """The parsed `dispute_cues.json`."""
    raw = json.loads(_read("dispute_cues.json"))
    cues: dict[str, list[DisputeCue]] = {}
    for cue_class, phrases in raw["verbs"].items():
        for phrase in phrases:
            cue = _parse_cue(phrase.lower(), cue_class)
            cues.setdefault(cue.lemma, []).append(cue)
    # multi-word cues first, so "hit out at" wins over a bare "hit"
    ordered = {
        k: tuple(sorted(v, key=lambda c: (c.particle is None, c.prep is None)))
        for k, v in cues.items()
    }
    sets = {
        name: frozenset(w.lower() for w in raw[name])
        for name in DisputePatterns.__dataclass_fields__
        if DisputePatterns.__dataclass_fields__[name].type == "frozenset[str]"
    }
    return DisputePatterns(
        version=raw["version"],
        ladder=dict(raw["ladder"]),
        cues=ordered,
        noun_cues=_by_word(raw["nouns"]),
        labels=_by_word(raw["labels"]),
        phrases=_phrase_table(raw["phrases"]),
        verdicts=_phrase_table(raw["verdict_phrases"]),
        verb_needs={k: frozenset(v) for k, v in raw["verb_needs"].items() if not k.startswith("_")},
        confidence=Confidence(**raw["confidence"]),
        body_synonyms={k: frozenset(v) for k, v in raw["body_synonyms"].items()},
        threat_acts={k: frozenset(v) for k, v in raw["threat_acts"].items()},
        **sets,
    )


@cache
def first_name_genders() -> dict[str, str]:
    """First name → "f" or "m", for names almost only one gender bears (`first_names.json`)."""
    raw = json.loads(_read("first_names.json"))
    return {name: gender for key, gender in (("female", "f"), ("male", "m")) for name in raw[key]}


@cache
def party_aliases() -> dict[str, str]:
    """Short form → full name of states and bodies ("U.S." → "United States")."""
    raw = json.loads(_read("party_aliases.json"))
    return {alias: full for full, aliases in raw["aliases"].items() for alias in aliases}


@cache
def capitals() -> dict[str, str]:
    """Capital → the state it stands for as a speaker ("Moscow" → "Russia")."""
    raw = json.loads(_read("capitals.json"))
    return {k: v for k, v in raw.items() if not k.startswith("_")}


@cache
def description_roles() -> dict[str, tuple[str, ...]]:
    """Description head → the role phrases it can stand for ("diplomat" → "secretary of
    state", …), the head itself first (descriptions.json, "roles")."""
    raw = json.loads(_read("descriptions.json"))["roles"]
    return {head: (head, *phrases) for head, phrases in raw.items()}


@cache
def description_acronyms() -> dict[str, tuple[str, frozenset[str]]]:
    """Acronyms that stand for a description: "potus" → ("president", {"us"})
    (descriptions.json, "acronyms")."""
    raw = json.loads(_read("descriptions.json")).get("acronyms", {})
    return {word: (words[0], frozenset(words[1:])) for word, words in raw.items()}


@cache
def place_spellings() -> tuple[tuple[str, ...], ...]:
    """Spellings of one place or nationality, the first the one to use ("us", "u.s.",
    "american", …) (descriptions.json, "places")."""
    return tuple(tuple(group) for group in json.loads(_read("descriptions.json"))["places"])
