"""Positions in statements, and when a later statement takes the opposite one.

A statement's *stances* are its predicates with a polarity: "Russia will not attend the
Geneva talks" holds `attend` at -1 about {russia, geneva, talk}. Two statements by one
speaker flag a **possible change of position** when they hold the same predicate at opposite
polarities about the same issue ("will attend" / "will not attend"; "no deal" / "a deal is
close"; "supports" / "opposes", the antonym read as its pair negated).

False alarms cost trust, so the rules lean to silence:
- a predicate under a hedge ("could", "might", "if …", a question) holds no stance;
- polarity passes into a complement ("not ready to support", "refused to attend") but never
  through "said that": a reported clause keeps its own;
- a negative-implicative verb ("ban", "refuse", "prevent") flips its complement, so "not
  allowing Muslims to enter" and "banning Muslims from entering" hold `enter` alike;
- the issue is the nouns of the predicate's clause: two of them shared (or one, when it is a
  third of all), never the whole article.

Rules are data (`position_rules/positions.json`, provenance in `position_rules/README.md`).
`stances` reads a parsed Doc (spaCy runs here only); `position_change` compares plain data,
so storage and jobs can compare stored stances without a model. Measured on
`evaluation/positions.jsonl` by `python -m extract.evaluate_positions` (figures in
`evaluation/README.md`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

POSITIONS_VERSION = "1.0"
ALERT_PRECISION_BAR = 0.85  # below it, position changes are shown in timelines but never DMed

# A negated head negates its complements ("not ready to support"); a negative-implicative
# head also reaches through prepositions ("a ban on Muslims entering", "barred from voting").
_NEGATION_PASSES = frozenset({"xcomp", "acomp", "attr", "oprd", "conj"})
_IMPLICATIVE_PASSES = _NEGATION_PASSES | {"pcomp", "prep", "pobj", "acl", "dobj"}
_DETERMINERS = frozenset({"a", "an", "the", "his", "her", "its", "their", "our", "my"})
_RELATIVE = frozenset({"that", "who", "which", "whom"})
_PRONOUN_GROUPS = {"i": "self", "we": "self", "me": "self", "us": "self", "he": "he", "she": "he"}
_ATTRIBUTIVE = frozenset({"amod", "compound", "npadvmod", "nmod", "poss", "det", "appos"})
_CLAUSES = frozenset({"ROOT", "ccomp", "conj", "advcl", "relcl", "parataxis"})
_PREDICATE_POS = frozenset({"VERB", "ADJ"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl"})
_NEG_ARGS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "preconj", "det", "advmod", "neg"})


@dataclass(frozen=True, slots=True)
class Rules:
    antonyms: dict[str, str]  # negative word → its positive pair ("oppose" → "support")
    synonyms: dict[str, str]
    existence_adjectives: frozenset[str]
    negative_implicatives: frozenset[str]
    negative_words: frozenset[str]
    hedges: frozenset[str]
    hedge_marks: frozenset[str]
    light_verbs: frozenset[str]
    evaluative_cues: tuple[tuple[str, ...], ...]
    generic_terms: frozenset[str]
    min_shared: int
    min_jaccard_if_one: float


@cache
def rules() -> Rules:
    """The parsed `position_rules/positions.json` (read once, on first use)."""
    raw = json.loads(
        resources.files("extract").joinpath("position_rules", "positions.json").read_text("utf-8")
    )
    return Rules(
        antonyms={neg: pos for pos, neg in raw["antonyms"]},
        synonyms=dict(raw["synonyms"]),
        existence_adjectives=frozenset(raw["existence_adjectives"]),
        negative_implicatives=frozenset(raw["negative_implicatives"]),
        negative_words=frozenset(raw["negative_words"]),
        hedges=frozenset(raw["hedges"]),
        hedge_marks=frozenset(raw["hedge_marks"]),
        light_verbs=frozenset(raw["light_verbs"]),
        evaluative_cues=tuple(tuple(entry.split()) for entry in raw["evaluative_cues"]),
        generic_terms=frozenset(raw["generic_terms"]),
        min_shared=int(raw["same_issue"]["min_shared"]),
        min_jaccard_if_one=float(raw["same_issue"]["min_jaccard_if_one"]),
    )


@dataclass(frozen=True, slots=True)
class Stance:
    """A predicate held at a polarity (+1 / -1) about the nouns of its clause.

    `word` is the predicate as said (after synonyms, before antonyms: "oppose"), `negated`
    whether a negation was on the way; `modifiers` are "fuel tax"-style pairs of the issue.
    """

    predicate: str
    polarity: int
    terms: frozenset[str]
    word: str = ""
    negated: bool = False
    modifiers: frozenset[str] = frozenset()
    subject: str = ""

    def as_json(self) -> dict:
        return {
            "p": self.predicate,
            "pol": self.polarity,
            "terms": sorted(self.terms),
            "w": self.word,
            "neg": self.negated,
            "mods": sorted(self.modifiers),
            "subj": self.subject,
        }

    @classmethod
    def from_json(cls, data: dict) -> Stance:
        return cls(
            str(data["p"]),
            int(data["pol"]),
            frozenset(data.get("terms", ())),
            str(data.get("w", data["p"])),
            bool(data.get("neg", False)),
            frozenset(data.get("mods", ())),
            str(data.get("subj", "")),
        )


@dataclass(frozen=True, slots=True)
class Change:
    """Why two statements look like a change of position: the predicate and shared issue."""

    predicate: str
    earlier: int  # polarity before
    later: int
    issue: tuple[str, ...]


# --------------------------------------------------------------------------- reading a parse


def _forms(verb: str) -> set[str]:
    """A verb's inflections, enough for cue words: accuse → accuses, accused, accusing."""
    stem = verb[:-1] if verb.endswith("e") else verb
    double = verb + verb[-1] if verb[-1] in "mtp" and verb[-2] in "aeiou" else verb
    return {verb, verb + "s", verb + "es", stem + "ed", stem + "ing", double + "ed", double + "ing"}


def asserts_position(cue: str) -> bool:
    """False for a cue by which the speaker acts on someone else: "accused [Clinton of
    dragging her feet]", "has called for [her to release …]" report no position of the
    speaker's on dragging feet or releasing."""
    words = cue.lower().split()
    for entry in rules().evaluative_cues:
        for i, word in enumerate(words):
            if i and words[i - 1] in _DETERMINERS:  # "pressing his attack" is saying
                continue
            if word in _forms(entry[0]) and tuple(words[i + 1 : i + len(entry)]) == entry[1:]:
                return False
    return True


def statement_stances(doc: Doc | Span, cue: str = "said") -> tuple[Stance, ...]:
    """The stances of a statement reported with `cue`: none for an evaluative cue."""
    return stances(doc) if asserts_position(cue) else ()


def stances(doc: Doc | Span) -> tuple[Stance, ...]:
    """The stances a statement holds, one per predicate, hedged ones left out.

    "Russia will not attend the Geneva talks." → attend -1 {geneva, russia, talk};
    "There will be no deal on grain." → deal -1 {grain};
    "A grain deal is close." → deal +1 {grain} (and close +1);
    "We oppose the plan." → support -1 {plan};
    "Ardenia could attend the talks." → () (hedged).
    """
    r = rules()
    found: dict[tuple[str, int], Stance] = {}
    for sentence in doc.sents:
        question = sentence.text.rstrip().endswith("?")
        for token in sentence:
            if question:
                break
            for stance in _stances_of(token, r):
                found.setdefault((stance.predicate, stance.polarity), stance)
    return tuple(found.values())


def _stances_of(token: Token, r: Rules) -> Iterable[Stance]:
    lemma = token.lemma_.lower()
    if (
        token.pos_ in _PREDICATE_POS
        and token.dep_ not in _ATTRIBUTIVE  # "work-related emails" asserts nothing
        and not (token.dep_ == "acl" and not _has_to(token))  # nor "emails marked secret"
        and lemma not in r.light_verbs
        and token.is_alpha
    ):
        if _hedged(token, r):
            return
        subject = _subject_of(token.head) if token.dep_ in ("acomp", "advmod", "prep") else None
        if lemma in r.existence_adjectives and subject is not None and subject.pos_ == "NOUN":
            # "a deal is close": the deal is held, not closeness
            yield _stance(token, subject.lemma_.lower(), _polarity(token, r), r, subject)
        else:
            yield _stance(token, lemma, _polarity(token, r), r)
    elif token.pos_ == "NOUN" and _existential(token) and not _hedged(token, r):
        yield _stance(token, token.lemma_.lower(), _polarity(token, r), r, token)


def _stance(token: Token, lemma: str, polarity: int, r: Rules, noun: Token | None = None):
    particle = next((c.lower_ for c in token.children if c.dep_ == "prt"), None)
    if particle and noun is None:  # "cut off" is no "cut", "back out" no "back"
        lemma = f"{lemma} {particle}"
    word = predicate = r.synonyms.get(lemma, lemma)
    negative = polarity < 0
    if predicate in r.antonyms:
        predicate, polarity = r.antonyms[predicate], -polarity
    terms, modifiers = _terms(token, r, skip=noun)
    return Stance(predicate, polarity, terms, word, negative, modifiers, _subject(token))


def _subject(token: Token) -> str:
    """Who the predicate is about, as a word: the nearest subject up the complements, a
    relative pronoun read as what it stands for, pronouns by person ("I"/"we" → "self")."""
    node = token
    for _ in range(8):
        subject = _subject_of(node)
        if subject is not None:
            word = subject.lower_
            if word in _RELATIVE and node.dep_ == "relcl":
                word = node.head.lemma_.lower()
            return _PRONOUN_GROUPS.get(
                word, subject.lemma_.lower() if word not in _RELATIVE else ""
            )
        if node.dep_ not in _IMPLICATIVE_PASSES or node.head is node:
            return ""
        node = node.head
    return ""


def _has_to(token: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def _existential(token: Token) -> bool:
    """ "There is no deal": the noun after an existential "be"."""
    head = token.head
    return (
        token.dep_ in ("attr", "nsubj")
        and head.lemma_ == "be"
        and any(c.dep_ == "expl" for c in head.children)
    )


def _subject_of(head: Token) -> Token | None:
    return next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def negated(token: Token, r: Rules | None = None) -> bool:
    """A negation on the token itself: "not"/"never" on it, "no" on its noun, a negative
    subject or object ("none of her emails were marked", "neither sent nor received")."""
    r = r or rules()
    for child in token.children:
        word = child.lower_
        if child.dep_ == "neg" or (child.dep_ in _NEG_ARGS and word in r.negative_words):
            return True
        if child.dep_ in _SUBJECTS and any(
            g.dep_ == "det" and g.lower_ == "no" for g in child.children
        ):
            return True
    return False


def _polarity(token: Token, r: Rules) -> int:
    """The token's own negation, then each governing head's up to its clause: a negated head
    or a negative-implicative one flips ("not ready to support", "refused to attend")."""
    polarity = -1 if negated(token, r) else 1
    node = token
    while node.head is not node:
        passes_negation = node.dep_ in _NEGATION_PASSES or _infinitive(node)
        if not passes_negation and node.dep_ not in _IMPLICATIVE_PASSES:
            break
        head = node.head
        if passes_negation and negated(head, r):
            polarity = -polarity
        if head.lemma_.lower() in r.negative_implicatives:
            polarity = -polarity
        node = head
    return polarity


def _infinitive(token: Token) -> bool:
    """ "allowing Muslims to enter": a "to" clause is a complement, not a reported clause."""
    return token.dep_ in ("ccomp", "relcl", "acl") and _has_to(token)


def _hedged(token: Token, r: Rules) -> bool:
    """A modal ("could", "might"), a hedge adverb or an if/unless clause on the way up; a
    negated modal is firm ("could not support", "can't attend")."""
    node = token
    for _ in range(12):
        for child in node.children:
            hedge = child.dep_ in ("aux", "advmod") and child.lower_ in r.hedges
            if hedge and not negated(node, r):
                return True
            if child.dep_ == "mark" and child.lower_ in r.hedge_marks:
                return True
        if node.head is node or (node.dep_ in ("ccomp", "ROOT") and not _infinitive(node)):
            return False
        node = node.head
    return False


def _terms(
    token: Token, r: Rules, skip: Token | None = None
) -> tuple[frozenset[str], frozenset[str]]:
    """The issue: nouns and names of the predicate's clause (its head clause's, for a
    complement), without generic words and without the predicate noun itself; and the
    "fuel tax" pairs that tell one tax from another."""
    clause = token
    while clause.dep_ not in _CLAUSES or _infinitive(clause):
        if clause.head is clause:
            break
        clause = clause.head
    words, modifiers = set(), set()
    for t in clause.subtree:
        if t.i == token.i or (skip is not None and t.i == skip.i):
            continue
        if t.pos_ not in ("NOUN", "PROPN") or not t.is_alpha:
            continue
        lemma = t.lemma_.lower()
        if lemma not in r.generic_terms and len(lemma) > 1:
            words.add(lemma)
            if t.dep_ in ("compound", "amod", "poss") and t.head.pos_ in ("NOUN", "PROPN"):
                modifiers.add(f"{lemma} {t.head.lemma_.lower()}")
    return frozenset(words), frozenset(modifiers)


# --------------------------------------------------------------------------- the alert gate


@dataclass(frozen=True, slots=True)
class Measured:
    """What `python -m extract.evaluate_positions --record` measured, for which rules."""

    version: str
    precision: float
    real_precision: float


def measured() -> Measured | None:
    """The recorded figures (`position_rules/positions.json`, "measured"), if any."""
    raw = json.loads(
        resources.files("extract").joinpath("position_rules", "positions.json").read_text("utf-8")
    ).get("measured")
    if not raw:
        return None
    return Measured(str(raw["version"]), float(raw["precision"]), float(raw["real_precision"]))


def alerts_allowed(figures: Measured | None = None, bar: float = ALERT_PRECISION_BAR) -> bool:
    """Whether followers may be DMed about position changes: only when these rules were
    measured (the recorded version is `POSITIONS_VERSION`) and precision is at least `bar`
    on the whole labelled set *and* on its real statements alone. Otherwise changes are
    shown in timelines only: a false alarm in a DM costs more trust than a miss."""
    figures = figures if figures is not None else measured()
    if figures is None or figures.version != POSITIONS_VERSION:
        return False
    return min(figures.precision, figures.real_precision) >= bar


# --------------------------------------------------------------------------- comparing


def same_issue(a: Stance, b: Stance, r: Rules | None = None) -> bool:
    """Two shared nouns, or one that is a third of all the nouns of both; never when a shared
    noun is told apart by its modifiers ("the fuel tax" / "the tobacco tax")."""
    r = r or rules()
    if a.subject and b.subject and a.subject != b.subject:
        return False  # "Rubio did not win any states" / "I have won ten"
    shared = a.terms & b.terms
    for head in shared:
        mods_a = {m for m in a.modifiers if m.endswith(" " + head)}
        mods_b = {m for m in b.modifiers if m.endswith(" " + head)}
        if mods_a and mods_b and not mods_a & mods_b:
            return False
        if _owner_only(head, a, b) or _owner_only(head, b, a):
            return False  # "Ryan's agenda" is not Ryan
    if len(shared) >= r.min_shared:
        return True
    return len(shared) == 1 and len(shared) / len(a.terms | b.terms) >= r.min_jaccard_if_one


def _owner_only(word: str, one: Stance, other: Stance) -> bool:
    """`word` only owns or qualifies the issue on one side ("Ryan's agenda"), whose head
    noun the other side lacks, while the other side is about `word` itself."""
    heads = {m.split(" ", 1)[1] for m in one.modifiers if m.startswith(word + " ")}
    owned_there = {m.split(" ", 1)[1] for m in other.modifiers if m.startswith(word + " ")}
    return bool(heads) and not owned_there and not heads & other.terms


def opposite(a: Stance, b: Stance) -> bool:
    """The same predicate at opposite polarities, said as a contrast: one word with and
    without a negation ("attend" / "not attend"), or a pair of antonyms neither negated
    ("support" / "oppose"). "Will not raise" and "will not cut" are compatible."""
    if a.predicate != b.predicate or a.polarity == b.polarity:
        return False
    return a.word == b.word or not (a.negated or b.negated)


def position_change(
    earlier: Sequence[Stance], later: Sequence[Stance], r: Rules | None = None
) -> Change | None:
    """The first predicate the later statement holds at the opposite polarity about the same
    issue, or None. Pure: stored stances compare without spaCy."""
    r = r or rules()
    for before in earlier:
        for after in later:
            if opposite(before, after) and same_issue(before, after, r):
                issue = tuple(sorted(before.terms & after.terms))
                return Change(before.predicate, before.polarity, after.polarity, issue)
    return None


def issue_terms(found: Iterable[Stance]) -> tuple[str, ...]:
    """A statement's issue words, for grouping a timeline: the nouns its stances are about."""
    return tuple(sorted({term for stance in found for term in stance.terms}))


def stances_json(found: Sequence[Stance]) -> str:
    return json.dumps([s.as_json() for s in found], separators=(",", ":"))


def stances_from_json(text: str | None) -> tuple[Stance, ...]:
    if not text:
        return ()
    return tuple(Stance.from_json(item) for item in json.loads(text))
