"""Speaker mentions → canonical speakers: names, roles, aliases, pronouns, descriptions.

`read_mention` turns the head token of a speaker phrase into a `Mention` (name and role
split); `SpeakerBook` holds one article's people and organisations and resolves surnames,
honorifics, pronouns and definite descriptions to the fullest name in the article.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

from spacy.tokens import Span, Token

from extract.patterns import (
    capitals,
    description_roles,
    place_spellings,
    speech_verbs,
    title_abbreviations,
    title_words,
)

MentionKind = Literal["person", "organisation", "unnamed", "pronoun", "description"]

MALE = frozenset({"he", "him", "his", "himself"})
FEMALE = frozenset({"she", "her", "hers", "herself"})
PRONOUN_GENDER = {w: "m" for w in MALE} | {w: "f" for w in FEMALE}
PLURAL = frozenset({"they", "them", "we", "us"})
OTHER_PRONOUNS = frozenset({"i", "me", "you", "it", "there", "this", "that", "one"})
PRONOUNS = MALE | FEMALE | PLURAL | OTHER_PRONOUNS
RELATIVES = frozenset({"who", "which", "that", "whom"})
MALE_HONORIFICS = frozenset({"mr", "mr.", "mister", "sir", "lord", "king", "prince"})
FEMALE_HONORIFICS = frozenset(
    {"mrs", "mrs.", "ms", "ms.", "miss", "dame", "lady", "queen", "princess", "madam"}
)
ORG_HEADS = frozenset(
    """ministry department government office agency administration commission committee
    council company firm newspaper paper network channel magazine website outlet campaign
    party embassy kremlin house palace court police army military bank union group
    organisation organization cabinet parliament senate congress board team club foundation
    institute association coalition alliance bloc league caucus federation bureau
    authority""".split()
)
ROLE_GLUE = frozenset({"of", "the", "for", "and", "former", "then", "acting"})
NEAR_PARAGRAPHS = 4  # how far back a description ("the senator") looks for a person
AHEAD_PARAGRAPHS = 2  # how far ahead a headline's or lede's description looks for the name
ORG_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC"})
HONORIFICS = frozenset(w.rstrip(".") for w in MALE_HONORIFICS | FEMALE_HONORIFICS)
_LEFT_DEPS = frozenset({"compound", "nmod", "amod", "det", "poss", "nummod", "punct", "flat"})


@dataclass(frozen=True, slots=True)
class Mention:
    """A speaker phrase read off the parse, before article-level resolution."""

    kind: MentionKind
    name: str
    text: str
    start: int
    role: str | None = None
    gender: str | None = None
    head_lemma: str = ""


@dataclass(frozen=True, slots=True)
class ResolvedSpeaker:
    """Who a speaker phrase turned out to be, in its article (`SpeakerBook.resolve`)."""

    name: str  # the speaker's full name, or the phrase itself when unresolved or unnamed
    kind: str  # "person", "organisation", "unresolved" (a pronoun) or "unnamed" (a description)
    role: str | None  # what the article calls them ("Foreign Minister")
    mention: str  # the words that named them here ("he", "the minister", "Lavrov")


def is_title(tok: Token) -> bool:
    """ "Senator", "Sen.", and the plural of a group's shared title ("Senators X and Y")."""
    words = title_words()
    if tok.lower_ in words or tok.lower_.rstrip(".") in words:
        return True
    return tok.tag_ in ("NNS", "NNPS") and tok.lower_.removesuffix("s") in words


def _gender(tokens: list[Token]) -> str | None:
    for t in tokens:
        if t.lower_ in MALE_HONORIFICS:
            return "m"
        if t.lower_ in FEMALE_HONORIFICS:
            return "f"
    return None


def _clean(tokens: list[Token]) -> str:
    """Join tokens with their original spacing, minus brackets and possessive markers.

    "Solvaria 's foreign minister" → "Solvaria foreign minister" (the space survives).
    """
    parts: list[str] = []
    for t in tokens:
        if t.text in "()[]" or t.tag_ == "POS" or t.text == "'s":
            if parts and t.whitespace_ and not parts[-1].endswith(" "):
                parts[-1] += " "
            continue
        parts.append(t.text_with_ws)
    return "".join(parts).strip(" ,;:-—–\"'")


def relative_antecedent(tok: Token) -> Token:
    """The noun a relative pronoun stands for ("Lavrov, who said …" → Lavrov)."""
    if tok.lower_ in RELATIVES and tok.head.dep_ == "relcl":
        return tok.head.head
    return tok


def _name_core(head: Token) -> list[Token]:
    """The head with its left modifiers (titles, first names, compounds), in order.

    "US Secretary of State Antony Blinken" → all six tokens;
    "Foreign Minister (Sergei) Lavrov" → all five;
    "Josep Borrell, the EU foreign policy chief," → "Josep Borrell".
    """
    toks: list[Token] = []
    for child in head.lefts:
        if child.dep_ in _LEFT_DEPS or child.dep_ in ("prep", "pobj"):
            toks.extend(child.subtree)
    toks.append(head)
    # a name split by the parser: "Sergei" hanging right of a title is still left of head
    return sorted({t.i: t for t in toks if t.text not in ","}.values(), key=lambda t: t.i)


name_core = _name_core
clean_name = _clean


def _name_hyphen(tok: Token) -> bool:
    """A hyphen inside a name, with no space on either side ("Kim Jong-un", "Moon Jae-in")."""
    doc = tok.doc
    return (
        tok.text == "-"
        and not tok.whitespace_
        and 0 < tok.i < len(doc) - 1
        and not doc[tok.i - 1].whitespace_
        and doc[tok.i - 1].text[:1].isupper()
    )


def _hyphen_tail(tok: Token) -> list[Token]:
    """The rest of a hyphenated name the parser split off after `tok` ("Jae" "-" "in")."""
    doc = tok.doc
    if tok.whitespace_ or tok.i + 2 >= len(doc):
        return []
    dash, rest = doc[tok.i + 1], doc[tok.i + 2]
    if dash.text != "-" or dash.whitespace_ or not rest.is_alpha or len(rest) > 4:
        return []
    return [dash, rest]


def _person_tokens(core: list[Token]) -> list[Token]:
    """The trailing run of proper-name tokens in `core`, without titles; a hyphenated given
    name stays whole ("Kim Jong-un", not "Kim Jong"), and a title word inside a person's name
    is part of it ("Charlie King", not "Charlie")."""
    run: list[Token] = []
    for t in reversed(core):
        if t.text in "()":
            continue
        inside_name = t.ent_type_ == "PERSON" and t.ent_iob_ == "I"  # "Charlie King"
        if (
            (t.pos_ == "PROPN" and (not is_title(t) or inside_name))
            or (run and t.ent_type_ == "PERSON")
            or (run and _name_hyphen(t))
        ):
            run.insert(0, t)
        elif run:
            break
    return run


def read_mention(head: Token) -> Mention:
    """Read a speaker phrase from its head token.

    "US Secretary of State Antony Blinken" → person "Antony Blinken", role "US Secretary of State";
    "a spokeswoman for X, Jane Doe" → person "Jane Doe", role "spokeswoman for X";
    "the Chinese foreign ministry" → organisation; "sources" → unnamed; "he" → pronoun.
    """
    head = relative_antecedent(head)
    doc = head.doc
    start = doc[head.left_edge.i].idx if head.dep_ != "pobj" else head.idx
    lower = head.lower_
    if lower in PRONOUNS or head.tag_ == "PRP":
        gender = "m" if lower in MALE else "f" if lower in FEMALE else None
        return Mention("pronoun", lower, head.text, head.idx, gender=gender, head_lemma=lower)
    core = _name_core(head)
    start = core[0].idx
    text = _clean(core)
    lemma = head.lemma_.lower()
    if lower in ORG_HEADS or (lemma in ORG_HEADS and head.ent_type_ != "PERSON"):
        return _organisation_or_description(head, core, text, start)
    if head.pos_ == "PROPN" or head.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        if head.ent_type_ in ORG_LABELS and head.ent_iob_ != "" and not _looks_person(head):
            name = _clean([t for t in core if t.dep_ not in ("det", "poss") or t is head])
            return Mention("organisation", name, text, start, head_lemma=head.lemma_.lower())
        person = _person_tokens(core)
        if person:
            person += _hyphen_tail(person[-1])
            role_toks = [t for t in core if t.i < person[0].i and t.dep_ != "det"]
            cut = [i for i, t in enumerate(role_toks) if t.dep_ == "cc" or t.lower_ == "and"]
            role_toks = role_toks[cut[-1] + 1 :] if cut else role_toks  # "Trump and Secretary …"
            role = _clean(role_toks) or _appos_role(head)
            return Mention(
                "person",
                _clean(person),
                text,
                start,
                role=role or None,
                gender=_gender(core),
                head_lemma=head.lemma_.lower(),
            )
    # a common noun: an apposed name wins ("a spokeswoman for X, Jane Doe")
    for child in head.rights:
        if child.dep_ == "appos":
            named = [t for t in child.subtree if t.ent_type_ == "PERSON"]
            if named:
                pcore = _name_core(child)
                person = _person_tokens(pcore) or named
                role_toks = [t for t in head.subtree if t.i < child.left_edge.i and t.dep_ != "det"]
                return Mention(
                    "person",
                    _clean(person),
                    text,
                    start,
                    role=_clean(role_toks) or None,
                    gender=_gender(pcore),
                    head_lemma=head.lemma_.lower(),
                )
    det = next((t.lower_ for t in head.lefts if t.dep_ == "det"), "")
    if det in ("the", "this", "that") and (lower in title_words() or lemma in title_words()):
        return Mention("description", text, text, start, head_lemma=lemma)
    return Mention("unnamed", _unnamed_text(head, core), text, start, head_lemma=lemma)


def _organisation_or_description(head: Token, core: list[Token], text: str, start: int) -> Mention:
    """ "the Chinese foreign ministry" → organisation; bare "the ministry" → description."""
    lemma = head.lemma_.lower()
    modifiers = [t for t in core if t.dep_ not in ("det", "poss", "punct") and t is not head]
    if modifiers:
        owners = [c for c in head.children if c.dep_ == "poss" and c.pos_ == "PROPN"]
        kept = {t.i for o in owners for t in o.subtree}  # "Ada Brook campaign", not "Ada …"
        name = _clean([t for t in core if t.i in kept or t.dep_ not in ("det", "poss")])
        return Mention("organisation", name, text, start, head_lemma=lemma)
    return Mention("description", text, text, start, head_lemma=lemma)


def _unnamed_text(head: Token, core: list[Token]) -> str:
    """An unnamed source with its prepositional tail: "a spokeswoman for the airline"."""
    toks = list(core)
    for child in head.rights:
        if child.dep_ == "prep":
            toks.extend(child.subtree)
    return _clean(sorted(toks, key=lambda t: t.i))


def _appos_role(head: Token) -> str:
    """The role in an apposition after a name ("Josep Borrell, the EU foreign policy chief")."""
    for child in head.rights:
        if child.dep_ == "appos" and child.pos_ in ("NOUN", "PROPN"):
            return _clean([t for t in child.subtree if t.dep_ != "det" or t.i != child.left_edge.i])
    return ""


def own_clause(tok: Token, pos: int) -> tuple[int, int]:
    """The characters (global, `pos` being `tok`'s) of the clause a subject pronoun governs:
    no name in it can be the pronoun ("After meeting Dant, he said …" is not Dant)."""
    if tok.dep_ not in ("nsubj", "nsubjpass") or tok.head == tok:
        return (0, 0)
    verb, off = tok.head, pos - tok.idx
    return off + verb.left_edge.idx, off + verb.right_edge.idx + len(verb.right_edge)


def group_members(tok: Token) -> list[Token]:
    """The coordinated names of a speaker phrase, in order: "Ada Brook and Ivo Dant" → the
    heads Brook, Dant; a single name or a pronoun → just `tok`."""
    if tok.pos_ != "PROPN" or tok.dep_ == "conj":
        return [tok]
    members = [tok] + [c for c in tok.conjuncts if c.i > tok.i and c.pos_ == "PROPN"]
    return sorted(members, key=lambda t: t.i)


def _entity(tok: Token) -> Span | None:
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end:
            return ent
    return None


def _looks_person(tok: Token) -> bool:
    """A PROPN preceded by a person title or first-name PERSON token, or followed by a
    person's role in apposition ("Sung-Yoon Lee, a Korea expert"), despite an ORG label."""
    if any(
        t.lower_ in MALE_HONORIFICS or t.lower_ in FEMALE_HONORIFICS or t.ent_type_ == "PERSON"
        for t in tok.lefts
    ):
        return True
    appos = next((c for c in tok.rights if c.dep_ == "appos"), None)
    return appos is not None and appos.pos_ == "NOUN" and is_title(appos)


MAX_ROLE_WORDS = 6


def preceding_role(ent: Span) -> str | None:
    """The title run written right before a person entity, whatever the parse says:
    "between President Ada Brook and …" → "President"; "North Korean leader Ivo Dant" →
    "North Korean leader"; "the summit's host Ivo Dant" → None (no title word)."""
    doc = ent.doc
    i = ent.start - 1
    toks: list[Token] = []
    while i >= 0 and len(toks) < MAX_ROLE_WORDS:
        t = doc[i]
        capital = t.text[:1].isupper() and t.ent_type_ != "PERSON" and t.pos_ in ("PROPN", "ADJ")
        if is_title(t) or capital or (t.lower_ == "of" and toks and is_title(toks[0])):
            toks.insert(0, t)
            i -= 1
            continue
        break
    while toks and toks[0].lower_ == "of":
        toks.pop(0)
    if not any(is_title(t) and t.lower_.rstrip(".") not in HONORIFICS for t in toks):
        return None
    return _clean(toks) or None


def entity_name(ent: Span) -> str:
    """A person entity's name without titles, a split hyphenated name made whole."""
    toks = [t for t in ent if not is_title(t) and t.text not in "()" and t.tag_ != "POS"]
    if toks and toks[-1].i == ent.end - 1:
        toks += _hyphen_tail(toks[-1])
    return _clean(toks)


NOT_IN_NAMES = frozenset({"of", "and", "to", "for", "with", "&"})  # words joining two names


def person_names(doc_ents: list[Span]) -> list[str]:
    """Full person names (two or more words) among entities, titles and possessives removed."""
    names = []
    for ent in doc_ents:
        if ent.label_ != "PERSON":
            continue
        toks = [t for t in ent if not is_title(t) and t.text not in "()" and t.tag_ != "POS"]
        joint = next((i for i, t in enumerate(toks) if t.lower_ in NOT_IN_NAMES), len(toks))
        toks = [t for t in toks[:joint] if t.text[:1].isupper()]  # "Trump of Macron": two
        cut = next((i for i, t in enumerate(toks) if _reporting_word(t)), len(toks))
        toks = toks[:cut]  # a headline's "Obama Says", "Merkel Warns Europe"
        if toks and toks[-1].i == ent.end - 1:
            toks += _hyphen_tail(toks[-1])  # "Moon Jae" + "-in"
        if len(toks) >= 2 and all(
            t.is_alpha or t.text.endswith(".") or "-" in t.text for t in toks
        ):
            names.append(_clean(toks))
    return names


def _reporting_word(tok: Token) -> bool:
    """A reporting verb, however tagged: "Says" and "Warns" in title-case headlines."""
    verbs = speech_verbs()
    word = tok.lower_
    return tok.lemma_.lower() in verbs or word in verbs or (word[-1:] == "s" and word[:-1] in verbs)


def _role_words(role: str | None) -> set[str]:
    """A role's words as descriptions name them: "Sen." → "senator"."""
    abbreviations = title_abbreviations()
    words = (role or "").lower().split()
    return {abbreviations.get(w, w) for w in words}


def capital_state(name: str) -> str | None:
    """The state a speaker name stands for when it is exactly a capital ("Pyongyang" →
    "North Korea"); None for anything else ("Moscow officials", "Ada Brook")."""
    return capitals().get(name.strip())


@cache
def _place_aliases() -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern for every other spelling of a place or nationality, and the first spelling
    each stands for ("american" → "us"); longer spellings first ("north korean" before
    "north korea")."""
    canonical = {
        alias: group[0] for group in place_spellings() for alias in group[1:] if alias != group[0]
    }
    spellings = sorted(canonical, key=len, reverse=True)
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(a) for a in spellings) + r")\b")
    return pattern, canonical


def _normal_words(text: str) -> str:
    """Lower-case words without abbreviation dots, places spelled one way: "U.S." → "us"."""
    abbreviations = title_abbreviations()
    words = [abbreviations.get(w, w).rstrip(".") for w in text.lower().replace(",", " ").split()]
    pattern, canonical = _place_aliases()
    return pattern.sub(lambda m: canonical[m.group(0)], " ".join(words))


def place_words(text: str) -> frozenset[str]:
    """The capitalised non-title words of a role or description, places spelled one way:
    "North Korean leader" → {"north", "korean"}; "U.S. Secretary of State" → {"us"}."""
    kept = [
        w
        for w in text.replace(",", " ").split()
        if w[:1].isupper() and w.lower() not in title_words() and w.lower() not in ("of", "the")
    ]
    return frozenset(_normal_words(" ".join(kept)).split())


def _compatible(roles: set[str], others: set[str]) -> bool:
    """Titles that can name one person: a shared word, or a word of one that describes the
    other ("former Mexico leader" and "former Mexican president": a leader may be a
    president); "president" and "first lady" cannot."""
    words = {w for role in roles for w in role.split()} - ROLE_GLUE
    return any(
        words & (set(other.split()) - ROLE_GLUE)
        or any(role_fit(w, frozenset(), other) for w in words)
        for other in others
    )


def _bare_role(role: str | None) -> str | None:
    """A role that is one title word, places aside ("President", "U.S. President" →
    "president"; "Vice President" → None)."""
    if not role:
        return None
    words = _normal_words(role).split()
    rest = [w for w in words if w not in place_words(role)]
    return rest[0] if len(rest) == 1 else None


def role_fit(head_lemma: str, places: frozenset[str], role: str | None) -> int:
    """How well a description ("the [US] president") fits a person's role: 0 not at all,
    1 the role fits but names no place, 2 the role fits and names the description's places.

    ("diplomat", {}, "Secretary of State") → 2; ("leader", {"us"}, "President") → 1;
    ("leader", {"north", "korean"}, "South Korean President") → 0.
    """
    if not role:
        return 0
    text = f" {_normal_words(role)} "
    phrases = description_roles().get(head_lemma, (head_lemma,))
    if not any(f" {p} " in text or f" {p}s " in text for p in phrases):
        return 0
    role_places = place_words(role)
    if not places or places <= role_places:
        return 2
    return 0 if role_places else 1


# Salience of a person mention for pronouns (after Lappin & Leass): what the mention is in its
# sentence; a mention's weight halves with every sentence between it and the pronoun.
SPEAKER_WEIGHT = 150  # the speaker of a statement ("Ada Brook said", "…, she said")
SUBJECT_WEIGHT = 80  # the subject of a main clause, or a name in apposition to one
CLAUSE_SUBJECT_WEIGHT = 50  # the subject of a subordinate clause ("while Dant spoke, …")
INTRO_WEIGHT = 60  # a person introduced anywhere with a role ("all but Ivo Dant, the premier")
OBJECT_WEIGHT = 30  # a direct or indirect object
OTHER_WEIGHT = 10  # anything else: after a preposition, a possessive
RECENCY_WEIGHT = 100  # every mention's share for being there at all
PRONOUN_PARAGRAPHS = 2  # how many paragraphs back a pronoun looks


@dataclass(slots=True)
class _Known:
    name: str
    kind: str
    role: str | None
    gender: str | None
    pos: int
    para: int
    weight: int = SPEAKER_WEIGHT


@dataclass(slots=True)
class SpeakerBook:
    """One article's people and organisations, for alias and anaphora resolution."""

    full_names: dict[str, int] = field(default_factory=dict)
    genders: dict[str, str] = field(default_factory=dict)
    roles: dict[str, str] = field(default_factory=dict)
    history: list[_Known] = field(default_factory=list)
    by_word: dict[str, set[str]] = field(default_factory=dict)
    positions: list[int] = field(default_factory=list)
    titled: list[_Known] = field(default_factory=list)  # people named with a role, anywhere
    mention_roles: dict[str, set[str]] = field(default_factory=dict)  # name as written: titles
    first_written: dict[str, int] = field(default_factory=dict)  # name as written: position
    groups: set[str] = field(default_factory=set)  # "Ada Brook and Ivo Dant": never a "he"
    sentence_starts: list[int] = field(default_factory=list)  # article sentences, for salience
    surnames: set[str] = field(default_factory=set)  # one-word person names ("Vann")

    def add_name(self, name: str, gender: str | None = None) -> None:
        """Record a full name seen in the article ("Sergei Lavrov")."""
        self.full_names[name] = self.full_names.get(name, 0) + 1
        for w in set(name.lower().split()):
            self.by_word.setdefault(w, set()).add(name)
        if gender:
            self.genders.setdefault(name, gender)

    def note_role(self, name: str, role: str | None, pos: int) -> None:
        """Where a name was first written, and the titles it was written with ("President
        Trump" → Trump: President); honorifics ("Mr.", "Mrs.") are no title."""
        self.first_written.setdefault(name, pos)
        written = (role or "").lower().split()
        words = [w for w in written if w.rstrip(".") not in HONORIFICS]
        titled = any(w in title_words() or w.rstrip(".") in title_words() for w in written)
        if titled and words:  # a title, not a headline fragment ("Graham: Trump's rhetoric")
            self.mention_roles.setdefault(name, set()).add(" ".join(words))

    def _other_person(self, surname: str, full: str) -> bool:
        """A bare surname introduced with a title before a full name that comes later with
        another title is someone else: "President Trump … first lady Melania Trump … Trump
        said" are two people (a full name written first still owns its bare surname)."""
        mine, theirs = self.mention_roles.get(surname), self.mention_roles.get(full)
        if not mine or not theirs:
            return False
        first = self.first_written
        if first.get(surname, 1 << 60) > first.get(full, -1):
            return False
        return not (_compatible(mine, theirs) or _compatible(theirs, mine))

    def canonical(self, name: str, gender: str | None = None) -> str:
        """The fullest article form of a person name: "Lavrov" → "Sergei Lavrov"."""
        words = name.split()
        if not words:
            return name
        if name in self.full_names and len(words) > 1:
            return name
        last = words[-1].lower()
        first = words[0].lower() if len(words) > 1 else None
        if len(words) == 1:
            inner = self._only_inner_match(last)
            if inner:
                return inner
        best, best_key = None, None
        candidates = sorted(self.by_word.get(last, ()))
        # first-seen order, needed only to choose between several candidates
        order = {known: i for i, known in enumerate(self.full_names)} if len(candidates) > 1 else {}
        for full in candidates:
            count = self.full_names[full]
            fw = full.lower().split()
            if len(fw) <= len(words) and full != name:
                continue
            if fw[-1] != last and not (len(words) == 1 and fw[0] == last):
                continue
            if first and fw[0] != first and not full.lower().endswith(name.lower()):
                continue
            g = self.genders.get(full)
            if gender and g and g != gender:
                continue
            if len(words) == 1 and self._other_person(name, full):
                continue
            # the person introduced first is the one a bare surname means ("President Donald
            # Trump … Melania Trump … Trump said" is Donald Trump)
            key = (fw[-1] == last, count, -order.get(full, 0))
            if best_key is None or key > best_key:
                best, best_key = full, key
        if best is not None:  # "Kim Jong-un" over a cut "Kim Jong"
            longer = [f for f in self.by_word.get(last, ()) if f.startswith(best) and f != best]
            best = max(longer, key=len, default=best)
        return best or name

    def _only_inner_match(self, word: str) -> str | None:
        """The one full name with `word` in it when no name starts or ends with it.

        "Hoang Minh Chau" for "Minh"; None when two names share the word or when a
        name begins or ends with it (the ordinary surname rule decides those).
        """
        fulls = [f for f in self.by_word.get(word, ()) if len(f.split()) > 1]
        if any(f.lower().split()[0] == word or f.lower().split()[-1] == word for f in fulls):
            return None
        longest = [f for f in fulls if not any(f != g and f in g for g in fulls)]
        return longest[0] if len(longest) == 1 else None

    def is_person_name(self, name: str) -> bool:
        """True when `name`'s last word is the surname of a full name in the article."""
        words = name.lower().split()
        if not words:
            return False
        if len(words) == 1:
            return words[0] in self.by_word or words[0] in self.surnames
        return any(f.lower().split()[-1] == words[-1] for f in self.by_word.get(words[-1], ()))

    def add_surname(self, name: str) -> None:
        """Record a one-word person name with no full form in the article ("President Vann"
        → "vann"), so that "Vann said" is a person even where NER calls it an organisation."""
        if " " not in name and name[:1].isupper():
            self.surnames.add(name.lower())

    def add_mention_name(self, head: Token) -> None:
        """Record the full person name read off a parsed mention, when NER cut it short.

        "Deputy Foreign Minister Hoang Minh Chau" (NER: "Hoang Minh") → "Hoang Minh Chau".
        """
        m = read_mention(head)
        words = m.name.split()
        new = m.kind == "person" and m.name not in self.full_names
        if new and 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words):
            self.add_name(m.name, m.gender)

    def remember(
        self,
        name: str,
        kind: str,
        role: str | None,
        pos: int,
        para: int,
        weight: int = SPEAKER_WEIGHT,
    ) -> None:
        """Note a resolved speaker or subject at text position `pos` in paragraph `para`;
        `weight` is its salience for a later pronoun (a speaker's by default)."""
        if name in self.groups:
            kind = "group"  # a list of speakers is no antecedent for "he" or "the senator"
        if role and kind == "person":
            self.roles.setdefault(name, role)
        i = bisect_left(self.positions, pos + 1)
        self.positions.insert(i, pos)
        known = _Known(name, kind, role, self.genders.get(name), pos, para, weight)
        self.history.insert(i, known)

    def note_titled(self, name: str, role: str, pos: int, para: int) -> None:
        """Note a person named with a role outside any statement ("called on President
        Obama"), for later descriptions ("the president said") but not for pronouns."""
        self.titled.append(_Known(name, "person", role, self.genders.get(name), pos, para))

    def recent_people(self, pos: int, para: int, count: int) -> list[str]:
        """The last `count` different people mentioned before `pos` in this or the
        PRONOUN_PARAGRAPHS previous paragraphs, nearest first ("The two have bristled …")."""
        found: list[str] = []
        for known in self._before(pos):
            if para - known.para > PRONOUN_PARAGRAPHS or len(found) == count:
                break
            if known.kind == "person" and known.name not in found:
                found.append(known.name)
        return found

    def first_seen(self, name: str) -> int:
        """Where the article first mentions a remembered name (its text position)."""
        return min((k.pos for k in self.history if k.name == name), default=1 << 60)

    def _before(self, pos: int, limit: int = 10_000) -> Iterator[_Known]:
        """History entries before `pos`, nearest first (history is appended in text order)."""
        end = bisect_left(self.positions, pos)
        for j in range(end - 1, max(-1, end - 1 - limit), -1):
            yield self.history[j]

    def _sentence(self, pos: int) -> int:
        return bisect_right(self.sentence_starts, pos) - 1

    def resolve_pronoun(
        self,
        gender: str | None,
        pos: int,
        para: int,
        clause: tuple[int, int] = (0, 0),
        exclude: frozenset[str] = frozenset(),
    ) -> str | None:
        """The most salient earlier person of compatible gender in this or the
        PRONOUN_PARAGRAPHS previous paragraphs. A person scores their best mention: its weight
        (speaker, subject, introduction, object, other) plus RECENCY_WEIGHT, halved for every
        sentence back; so "all but Ivo Dant, the new premier. 'We agree,' he said" is Dant, not
        the speaker two sentences up. Without sentence bounds, the nearest such person. Names
        inside `clause`, the pronoun's own clause, are never it ("On Twitter, he said"), nor
        are the names in `exclude` ("Dant blasted him" is not Dant)."""
        scores: dict[str, float] = {}
        here = self._sentence(pos)
        for known in self._before(pos):
            if para - known.para > PRONOUN_PARAGRAPHS:
                break
            if known.kind != "person" or known.name in exclude:
                continue
            g = self.genders.get(known.name)
            if (gender and g and g != gender) or clause[0] <= known.pos < clause[1]:
                continue
            if not self.sentence_starts:
                return known.name
            back = max(0, here - self._sentence(known.pos))
            share = (known.weight + RECENCY_WEIGHT) / (1 << min(back, 30))
            scores[known.name] = max(scores.get(known.name, 0.0), share)
        if not scores:
            return None
        return max(scores, key=scores.__getitem__)  # ties: the nearest (first seen)

    def resolve_they(self, pos: int, para: int) -> _Known | None:
        """The body or group a "they" stands for: the nearest earlier speaker or subject in
        this or the PRONOUN_PARAGRAPHS previous paragraphs that is an organisation or a list
        of people ("The Security Council … 'We will act,' they said"); one person never is,
        and unnamed plural speakers nearer ("officials said … they said") keep it unnamed."""
        for known in self._before(pos):
            if para - known.para > PRONOUN_PARAGRAPHS:
                return None
            if known.kind in ("organisation", "group"):
                return known
            if known.kind == "unnamed" and known.name.lower().endswith("s"):
                return None
        return None

    def resolve_description(
        self,
        head_lemma: str,
        pos: int,
        para: int,
        *,
        plural: bool = False,
        places: frozenset[str] = frozenset(),
    ) -> _Known | None:
        """The person a description ("the top diplomat", "the US president") stands for: the
        nearest earlier speaker or subject whose role fits (see `role_fit`; a role naming the
        description's places beats one naming none), else anyone named with a fitting role in
        this or the previous NEAR_PARAGRAPHS paragraphs; or the nearest organisation whose name
        has `head_lemma`; or, when it comes first, an unnamed speaker with the same head noun
        ("a South Korean diplomat … the diplomat"). A plural description ("the senators") is
        never one person."""
        wanted = {head_lemma, head_lemma + "s"}
        weak: _Known | None = None
        for known in self._before(pos, limit=200):
            if known.weight < CLAUSE_SUBJECT_WEIGHT:
                continue  # a mere mention ("all but Ivo Dant"): `titled` has those with roles
            if known.kind == "person" and not plural and para - known.para <= NEAR_PARAGRAPHS:
                fit = role_fit(head_lemma, places, known.role or self.roles.get(known.name))
                if fit == 2:
                    return known
                if fit and weak is None:
                    weak = known
            elif known.kind == "organisation" and wanted & set(known.name.lower().split()):
                return weak or known
            elif (
                known.kind == "unnamed"
                and weak is None
                and para - known.para <= NEAR_PARAGRAPHS
                and known.name.lower().split()[-1:] in ([head_lemma], [head_lemma + "s"])
            ):
                return known  # "A South Korean diplomat said … the diplomat said": the same one
        if plural:
            return None
        titled = [
            (fit, k.pos, k)
            for k in self.titled
            if k.pos < pos
            and para - k.para <= NEAR_PARAGRAPHS
            and (fit := role_fit(head_lemma, places, k.role))
        ]
        best = max(titled, key=lambda x: (x[0], x[1]), default=None)
        if best is not None and (best[0] == 2 or weak is None):
            return best[2]
        return weak

    def only_holder(self, title: str, pos: int) -> _Known | None:
        """The one person named before `pos`, however far back, whose role is that bare title
        (with a place at most): "President Ada Brook" … six paragraphs on … "the president".
        None when two people could be meant, or the role says more ("Vice President",
        "former President", "Republican presidential nominee")."""
        people = [k for k in (*self.titled, *self.history) if k.kind == "person" and k.pos < pos]
        holders = {
            k.name: k for k in people if _bare_role(k.role or self.roles.get(k.name)) == title
        }
        return next(iter(holders.values())) if len(holders) == 1 else None

    def resolve_ahead(
        self, head_lemma: str, pos: int, para: int, *, places: frozenset[str] = frozenset()
    ) -> _Known | None:
        """The person a description introduces before naming them: the nearest person named
        with a fitting role after `pos`, within AHEAD_PARAGRAPHS paragraphs, the best fit
        first ("Lawmaker urges retaliation" / "Rep. Ada Brook … said" → Ada Brook)."""
        ahead = [
            (-fit, k.pos, k)
            for k in self.titled
            if k.pos > pos
            and k.para - para <= AHEAD_PARAGRAPHS
            and (fit := role_fit(head_lemma, places, k.role))
        ]
        return min(ahead, key=lambda x: (x[0], x[1]))[2] if ahead else None

    def resolve(self, tok: Token, pos: int, para: int) -> ResolvedSpeaker:
        """Who the speaker head token at `pos` is;
        a capital standing for its state speaks as the state ("Moscow said" → Russia)."""
        members = group_members(tok)
        if len(members) > 1:
            group = self._resolve_group(members, pos, para)
            if group is not None:
                return group
        return self._resolve_one(tok, pos, para)

    def resolve_alone(self, tok: Token, pos: int, para: int) -> ResolvedSpeaker:
        """`resolve` for the first of a list only ("Ardenia" of "Ardenia and Solvaria")."""
        return self._resolve_one(tok, pos, para)

    def _resolve_one(self, tok: Token, pos: int, para: int) -> ResolvedSpeaker:
        """`resolve` for one speaker (no list)."""
        found = self._resolve_mention(tok, pos, para)
        state = capital_state(found.name)
        if state and found.kind != "unresolved" and not self.is_person_name(found.name):
            return ResolvedSpeaker(state, "organisation", None, found.mention)
        return found

    def _resolve_group(self, members: list[Token], pos: int, para: int) -> ResolvedSpeaker | None:
        """ "Ada Brook and Ivo Dant said" → "Ada Brook and Ivo Dant", a person: each
        member resolved, the list kept; None unless every member is a named person or
        organisation."""
        names: list[str] = []
        kinds = set()
        for member in members:
            found = self._resolve_one(member, pos, para)
            if found.kind not in ("person", "organisation"):
                return None
            if found.name not in names:
                names.append(found.name)
            kinds.add(found.kind)
        if len(names) < 2:
            return None
        joined = ", ".join(names[:-1]) + " and " + names[-1]
        self.groups.add(joined)
        doc = members[0].doc
        mention = doc[members[0].left_edge.i : members[-1].i + 1].text
        kind = "person" if kinds == {"person"} else "organisation"
        return ResolvedSpeaker(joined, kind, None, mention)

    def _resolve_mention(self, tok: Token, pos: int, para: int) -> ResolvedSpeaker:
        m = read_mention(tok)
        if m.kind == "pronoun":
            if m.gender:
                name = self.resolve_pronoun(m.gender, pos, para, own_clause(tok, pos))
                if name:
                    return ResolvedSpeaker(name, "person", self.roles.get(name), m.text)
            plural = self.resolve_they(pos, para) if m.name == "they" else None
            if plural is not None:
                return ResolvedSpeaker(plural.name, plural.kind, None, m.text)
            return ResolvedSpeaker(m.text, "unresolved", None, m.text)
        if m.kind == "description":
            found = self.resolve_description(
                m.head_lemma,
                pos,
                para,
                plural=tok.tag_ in ("NNS", "NNPS"),
                places=place_words(clean_name([t for t in name_core(tok) if t != tok])),
            )
            if found is None and all(t == tok or t.dep_ == "det" for t in name_core(tok)):
                found = self.only_holder(m.head_lemma, pos)  # "the president", far from the name
            if found:
                role = self.roles.get(found.name) or found.role
                return ResolvedSpeaker(found.name, found.kind, role, m.text)
            return ResolvedSpeaker(m.name, "unnamed", None, m.text)
        if m.kind == "organisation":
            if len(m.name.split()) == 1 and self.is_person_name(m.name):
                name = self.canonical(m.name)
                return ResolvedSpeaker(name, "person", self.roles.get(name), m.text)
            return ResolvedSpeaker(m.name, "organisation", None, m.text)
        if m.kind == "person":
            name = self.canonical(m.name, m.gender)
            if (
                len(name.split()) == 1
                and not self.is_person_name(name)
                and tok.ent_type_ in ORG_LABELS
            ):
                return ResolvedSpeaker(name, "organisation", None, m.text)
            return ResolvedSpeaker(name, "person", m.role or self.roles.get(name), m.text)
        if " " not in m.name and m.name[:1].isupper() and self.is_person_name(m.name):
            name = self.canonical(m.name)  # a surname the tagger read as a noun: "TAPPER:"
            return ResolvedSpeaker(name, "person", self.roles.get(name), m.text)
        return ResolvedSpeaker(m.name, "unnamed", None, m.text)
