"""Disputes: who rejects, denies, accuses, blames, criticises, demands of, warns or threatens whom.

`dispute_cues.find_cues` finds the cue words of a sentence (verbs, nouns, evaluative labels,
denial formulas, phrases, "X should …" demands). For each cue this module decides:

* whether it is an act at all (negated, hypothetical, planned or avoided cues are not);
* the **actor**: the cue's subject (or passive agent, or the owner of a cue noun: "X's
  criticism", "criticism from X", "X voiced concern"), resolved by the same `SpeakerBook`
  as speakers; where the cue sits in someone's statement and has no named subject of its
  own ("'This is a disgrace,' Farouk said"), the statement's speaker. An actor that is no
  named person, organisation or state makes the dispute `unresolved` (stored, never shown).
  Context fills in what the sentence leaves out: "it"/"they" as a doer are the organisation,
  state or plural party named before them in the paragraph; "prompted X to …" makes X the
  doer; a participle far down a chain ("…, while asking X to …") takes its clause's subject;
  "a small state that threatened …" in apposition to a name is that name; an agentless
  expulsion ("was ousted from the group") is the act of the body left, and "the group" is
  the organisation named before with that word in its name; "the two" and "both leaders"
  are the last two people named (a reciprocal act: the first named against the second);
* the **target**: the opposed party (object, "at/against/on/with X", the owner of the
  rejected thing, the one called names), never a date, a pronoun or a relative word, never
  the label itself, the actor's or speaker's own place or body ("Ivo Dant, director of the
  Kelvar Institute") nor the one a label defends ("unfair to X"); where the syntax names
  none, or only "it"/"that", the named party the sentence puts within reach (never one the
  speaker calls their own, "our U.S. Reps"); where the sentence names none either, the
  actor's last adversary in the article, else the party the article has been about (named
  mentions, each counting less with every paragraph back; places and addressees left out);
  never a meeting or summit ("the Group of Seven meeting");
* the **issue**: what is disputed, a short phrase, never a time adverbial;
* its rung on the escalation ladder and a confidence.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Doc, Token

from extract.chunks import Chunk
from extract.dispute_cues import (
    AGENT_ENTS,
    NEGATIONS,
    SPEAKER_OWN,
    SPEAKER_SIDE,
    VERB_POS,
    CueHit,
    children_with,
    cue_prep_object,
    filed,
    find_cues,
    match_verb,
    prep_object,
    withholds,
)
from extract.headlines import inflections
from extract.model import Dispute, Statement
from extract.patterns import description_acronyms, dispute_patterns, party_aliases
from extract.speakers import (
    AHEAD_PARAGRAPHS,
    PRONOUN_PARAGRAPHS,
    Mention,
    SpeakerBook,
    capital_state,
    clean_name,
    name_core,
    own_clause,
    place_words,
    read_mention,
    relative_antecedent,
)
from extract.statements import FINITE_TAGS, is_cue, subject_of

OWNER_CLASSES = frozenset({"reject", "deny", "dismiss"})
OF_OWNER_CLASSES = frozenset({"protest", "demand"})  # "the objections of the ministry"
ISSUE_PREPS = frozenset({"of", "for", "over", "about", "on", "against", "to"})
TARGET_PREPS = frozenset({"against", "at", "on", "with", "to", "toward", "towards"})
FIRST_PERSON = frozenset({"i", "we", "me", "us", "you"})
NAMED = frozenset({"person", "organisation"})
NOT_PARTY_ENTS = frozenset(
    {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "EVENT"}
)
RELATIVE = frozenset({"who", "whom", "which", "that", "what", "whose"})
MAX_ISSUE_WORDS = 14


@dataclass(slots=True)
class _Memory:
    """What earlier sentences of an article tell later ones: the latest accuser (for "rejected
    the accusation"), each speaker's latest adversary (for "That is a betrayal.") and the
    organisations named so far (for "the group")."""

    accuser: str | None = None
    accuser_para: int = -10
    targets: dict[str, tuple[str, int]] = field(default_factory=dict)
    bodies: list[str] = field(default_factory=list)  # organisations named so far, in order
    ahead: list[tuple[int, str]] = field(default_factory=list)  # (paragraph, body) of the lede
    pairs: dict[str, tuple[str, str]] = field(default_factory=dict)  # "the two" → who
    mentions: list[tuple[Token, int, int]] = field(default_factory=list)  # (name, offset, para)
    addressed: dict[str, tuple[_Party, int]] = field(default_factory=dict)  # "told X": X, para
    last: tuple[Dispute, int] | None = None  # the latest named dispute and its paragraph
    body_subject: tuple[_Party, int] | None = None  # the latest organisation or state subject
    in_sentence: dict[str, str] = field(default_factory=dict)  # actor → target, this sentence


@dataclass(slots=True)
class _Context:
    """What a rule needs beyond the token: article text, offsets and the speaker book."""

    text: str
    off: int
    para: int
    statements: list[Statement]
    book: SpeakerBook
    memory: _Memory


@dataclass(frozen=True, slots=True)
class _Party:
    name: str
    kind: str


# --------------------------------------------------------------------------- guards


def is_blocked(tok: Token, *, future_ok: bool = False) -> bool:
    """Negated, avoided, expected or hypothetical cues are not disputes.

    "He did not criticise Iran." / "She refused to condemn the attack." /
    "The plan could be rejected if …" / "is expected to reject" → blocked. With `future_ok`
    (a threat's consequence: "or we will stop trading with you") "will" does not block.
    """
    pats = dispute_patterns()
    if _negated_or_unreal(tok, future_ok=future_ok):
        return True
    heads = pats.negating_heads | pats.unreal_heads
    if any(_hypothetical_mark(c) for c in tok.children):
        return True  # "If Ardenia attacks …" parsed as the sentence's root
    node, steps = tok, 0
    while node.head != node and steps < 3:
        if any(_hypothetical_mark(c) for c in node.children):
            return True
        if node.dep_ in ("xcomp", "pcomp", "pobj", "prep", "acomp") and (
            node.head.lemma_.lower() in heads
        ):
            return True
        if node.dep_ == "xcomp" and _negated_or_unreal(node.head, future_ok=_goes_on(node.head)):
            return True  # "could not bear to insult", "did not want to attack"
        if node.dep_ in ("acl", "relcl") and _negative_subject(node.head):
            return True  # "there is no way to exclude", "no plan to attack"
        if node.dep_ == "relcl" or node.dep_ not in (
            "xcomp",
            "pcomp",
            "pobj",
            "prep",
            "conj",
            "acomp",
        ):
            break
        node, steps = node.head, steps + 1
    return False


def _hypothetical_mark(tok: Token) -> bool:
    """ "if", "unless", "as though" mark an unreal clause; a concessive "though" ("Though she
    condemned the test, …") does not."""
    if tok.dep_ != "mark":
        return False
    marks = dispute_patterns().hypothetical_marks
    before = tok.doc[tok.i - 1].lower_ if tok.i > 0 else ""
    return tok.lower_ in marks or f"{before} {tok.lower_}" in marks


FUTURE_AUX = frozenset({"will", "'ll", "\u2019ll", "shall"})


def _negated_or_unreal(verb: Token, *, future_ok: bool = False) -> bool:
    """ "did not …", "never …", "could …", "would …": the verb itself is no act. A "would"
    of habit ("professors would sometimes dismiss her proposals") tells what happened."""
    pats = dispute_patterns()
    habitual = any(c.dep_ == "advmod" and c.lower_ in pats.habit_adverbs for c in verb.children)
    return any(
        c.dep_ == "neg"
        or c.lower_ == "never"
        or (
            c.dep_ in ("aux", "auxpass")
            and c.lower_ in pats.hypothetical_aux
            and not (future_ok and c.lower_ in FUTURE_AUX)
            and not (habitual and c.lower_ == "would")
        )
        for c in verb.children
    )


def _negated_label(tok: Token) -> bool:
    """ "not a bad idea", "is not unfair": the label is denied, so nothing is criticised."""
    node, steps = tok, 0
    while steps < 3:
        if any(c.dep_ == "neg" or c.lower_ in ("never", "not", "n't") for c in node.children):
            return True
        if any(c.lower_ in ("more", "less") and _negated(c) for c in node.children):
            return True  # "no more biased than any other outlet"
        if node.dep_ not in ("attr", "acomp", "amod", "oprd") or node.head == node:
            return False
        node, steps = node.head, steps + 1  # "It is not a bad idea": "not" hangs on "is"
    return False


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def _negative_subject(subj: Token) -> bool:
    """ "No delegate criticised …", "Nobody blamed …": nobody did it."""
    negative = dispute_patterns().negative_subjects
    if subj.lower_ in negative:
        return True
    return any(c.dep_ == "det" and c.lower_ in negative for c in subj.children)


# --------------------------------------------------------------------------- parties


def _prep_object_within(tok: Token, preps: frozenset[str] | set[str]) -> Token | None:
    """ "its delivery of warships to Russia" → Russia, wherever the parser hung "to"."""
    for node in tok.subtree:
        found = prep_object(node, preps)
        if found is not None and _agentive(found):
            return found
    return prep_object(tok, preps)


def _agentive(tok: Token) -> bool:
    """A person, organisation, state or pronoun (something that can be a party)."""
    if tok.ent_type_ in AGENT_ENTS:
        return True
    return read_mention(tok).kind in ("person", "organisation", "description", "pronoun")


def owner_of(noun: Token, *, of: bool = False) -> Token | None:
    """Whose proposal, claim or act a noun is.

    "Ardenia's proposal" → Ardenia; "a call by the EU" → EU; "calls from leaders" → leaders;
    "the test carried out by Norland" → Norland; with `of`: "the resignation of the minister".
    """
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None:
        owner = prep_object(noun, {"by", "from"})
    if owner is None:
        for acl in (c for c in noun.children if c.dep_ == "acl"):
            owner = prep_object(acl, {"by"})
            if owner is not None:
                break
    if owner is None and of:
        owner = prep_object(noun, {"of"})
    if owner is None:  # "the Rhunish peace proposal"
        owner = next((c for c in noun.children if c.dep_ == "amod" and c.ent_type_ == "NORP"), None)
    if owner is None and _document(noun):  # "the G7 communique", "the Kremlin plan"
        owner = next((c for c in noun.children if c.dep_ == "compound" and _owning_name(c)), None)
    return _usable_owner(owner)


OWNING_ENTS = frozenset({"ORG", "PERSON", "NORP", "GPE"})


def _owning_name(tok: Token) -> bool:
    """A body, person or state a text is named after ("the G7 communique", "the Iran deal");
    a capital is where it was signed ("the Paris accord"), not who owns it."""
    return tok.pos_ == "PROPN" and tok.ent_type_ in OWNING_ENTS and not capital_state(tok.text)


USABLE_POSSESSIVES = frozenset({"his", "her", "their", "its"})


def _usable_owner(owner: Token | None) -> Token | None:
    """An owner that can name a party: not "my", "our" or "your" (the speaker's own)."""
    if owner is not None and owner.tag_ == "PRP$" and owner.lower_ not in USABLE_POSSESSIVES:
        return None
    return owner


def _party_token(tok: Token | None) -> Token | None:
    """The party behind a phrase: itself when agentive, else its owner ("Ardenia's plan")."""
    if tok is None or _is_time(tok):
        return None  # "on Friday" is no party
    if tok.lower_ == "one" and tok.pos_ == "NUM":
        return _apposed_name(tok)  # "attacked one of its critics, Ivo Dant" → Dant
    if _document(tok):
        return owner_of(tok, of=True)
    if _agentive(tok):
        return tok
    if _named_group(tok):
        return tok  # "the Baltic delegation"
    return owner_of(tok, of=tok.lemma_.lower() in dispute_patterns().proposal_nouns)


PEOPLE_TARGET_CLASSES = frozenset({"criticise", "accuse", "blame", "protest", "dismiss"})


def _opposed(tok: Token | None, cls: str) -> Token | None:
    """A criticism's target may be unnamed people ("lashed out at longtime allies"); an appeal's
    may not ("called on citizens to reflect" opposes nobody)."""
    party = _party_token(tok)
    if party is None and tok is not None and cls in PEOPLE_TARGET_CLASSES and _people(tok):
        return tok
    return party


def _document(tok: Token) -> bool:
    """A text, deal or plan ("the Communique", "the Paris accord"): its owner is the party."""
    return tok.lemma_.lower() in dispute_patterns().proposal_nouns | dispute_patterns().documents


def _resolve(tok: Token | None, ctx: _Context) -> _Party | None:
    """A party's canonical name and kind; None for dates, relatives and unknown pronouns."""
    if tok is None:
        return None
    if tok.ent_type_ in NOT_PARTY_ENTS:
        if not _known_surname(tok, ctx):
            return None
        return _Party(ctx.book.canonical(tok.text), "person")  # "Last week Olsen": a date to NER
    if tok.lower_ in FIRST_PERSON and not _first_person(tok):
        return _Party(full_party_name(tok.text), "organisation")  # "the US", not "us"
    relative_subject = tok.lower_ in RELATIVE and tok.dep_ in ("nsubj", "nsubjpass")
    if tok.lower_ in dispute_patterns().not_targets and not relative_subject:
        return None
    acronym = description_acronyms().get(tok.lower_)
    if acronym is not None:  # "Potus should not be tweeting" → the US president named before
        head, places = acronym
        known = ctx.book.resolve_description(head, ctx.off + tok.idx, ctx.para, places=places)
        return _Party(known.name, known.kind) if known is not None else None
    found = ctx.book.resolve(tok, ctx.off + tok.idx, ctx.para)
    name, kind = found.name, found.kind
    if kind == "unresolved" or not name or name.lower() in RELATIVE:
        return None
    if kind == "unnamed" or (kind == "person" and not ctx.book.is_person_name(name)):
        ahead = _named_ahead(tok, ctx)  # "Lawmaker urges …" / "Rep. Ada Brook said …"
        if ahead is not None:
            return ahead
        if kind == "person" and _capital_by_position(tok):
            return None  # '"Subpoenas are not optional"': a common noun, nobody's name
    body = _named_body(tok, ctx) if kind == "unnamed" or not _has_proper_word(name) else None
    if body is not None:
        return body  # "the Group of Seven … the group" → G7
    if kind == "unnamed" and _relation_owner(tok) is not None:
        return _owned_group(tok)  # "America's biggest trading partners", as written
    if kind == "unnamed":
        # "the delegation of stalling …" → "delegation": the tail is the issue, not the party
        name = clean_name([t for t in name_core(tok) if t.dep_ != "det"]) or name
        if _named_group(tok) or tok.pos_ == "PROPN":
            kind = "organisation"  # "Central European leaders", "Republicans", "the West"
        elif (body := _body_of_members(tok)) is not None:
            name, kind = f"{name} of {body}", "organisation"  # "members of Congress"
    if kind == "organisation" and _indefinite(tok):
        kind = "unnamed"  # "a Republican challenging her": one of many, nobody named
    named = name if kind == "person" else _with_of_name(tok, name)  # not "Brook of Ardenia"
    return _Party(full_party_name(named), kind)


def _known_surname(tok: Token, ctx: _Context) -> bool:
    """A name the article has given a person, even where NER swallowed it into a date ("Last
    week Olsen appeared to blame …")."""
    return tok.pos_ == "PROPN" and tok.text[:1].isupper() and ctx.book.is_person_name(tok.text)


OPENERS = frozenset({"(", ":", "—", "–", "-"})


def _indefinite(tok: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children)


def _capital_by_position(tok: Token) -> bool:
    """A plural-looking word no entity covers ("Subpoenas", "Tariffs"), capitalised only
    because it opens its sentence or quotation: a common noun the tagger took for a name. A
    name no entity covers keeps its standing ("Teluria must stop …")."""
    if tok.ent_type_ or tok.pos_ != "PROPN" or not tok.lower_.endswith("s"):
        return False
    if tok.i == tok.sent.start:
        return True
    before = tok.doc[tok.i - 1]
    return before.is_quote or before.text in OPENERS


def _named_body(tok: Token, ctx: _Context) -> _Party | None:
    """The organisation a "the group" / "the elite group" stands for: the latest one named
    earlier in the article with that head noun, or a synonym of it (`body_synonyms`: "the
    panel" → "… Committee"), in its name ("the Group of Seven"); in the headline and lede,
    where a body is described before it is named ("House panel votes to …", "A House panel
    voted …"), the first one the next paragraphs name, with the description's name words
    ("House"). A plural, a name or another determiner stands for no named body."""
    det = next((c.lower_ for c in tok.children if c.dep_ == "det"), None)
    lede = ctx.para <= LEDE_PARAGRAPHS and det in (None, "a", "the")
    if (det != "the" and not lede) or tok.tag_ != "NN" or not _group_noun(tok):
        return None
    lemma = tok.lemma_.lower()
    words = {lemma, *dispute_patterns().body_synonyms.get(lemma, ())}
    marks = {c.lower_ for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN"}
    before = reversed(ctx.memory.bodies) if det == "the" else ()
    after = (
        (n for para, n in ctx.memory.ahead if para - ctx.para <= AHEAD_PARAGRAPHS) if lede else ()
    )
    for name in (*before, *after):
        named = set(name.lower().split())
        if words & named and marks <= named:  # "a House panel" → the House … Committee
            return _Party(full_party_name(name), "organisation")
    return None


def _remember_bodies(sent, ctx: _Context) -> None:
    """Organisations a sentence names, for a later "the group"."""
    ctx.memory.bodies.extend(_bodies_named(sent))


def _bodies_named(sent) -> list[str]:
    """Organisations a sentence names, in order: multi-word ORG entities, and proper names
    headed by a body noun that NER missed ("the Group of Seven")."""
    names = []
    for ent in sent.ents:
        if ent.label_ == "ORG" and len(ent) > 1:
            end = ent.end + (ent[-1].lower_ == "of" and ent.end < len(ent.doc))  # "Group of" 7
            names.append((ent.start, ent.doc[ent.start : end].text))
    for tok in sent:
        if tok.pos_ == "PROPN" and _group_noun(tok) and not tok.ent_type_:
            core = [t for t in name_core(tok) if t.dep_ != "det"]
            names.append((tok.i, _with_of_name(tok, clean_name(core))))
    return [name.removeprefix("the ").removeprefix("The ") for _, name in sorted(names)]


LEDE_PARAGRAPHS = 2  # the headline and lede, where a party is described before being named
SOMEONE = frozenset({"a", "an", "another", "one", "some", "any", "each", "every", "no"})


def _named_ahead(tok: Token, ctx: _Context) -> _Party | None:
    """A description no one named before fits, that the next paragraphs name: "Lawmaker
    urges retaliation" in a headline, "Teluria's top diplomat challenged …" anywhere (2.14;
    before, only in the headline and lede) → the person next introduced with a fitting role
    ("Teluria's Foreign Minister Ivo Dant"). Never "a senior official" (someone left
    unnamed) or a plural."""
    if tok.tag_ in ("NNS", "NNPS") or tok.pos_ == "PRON":
        return None
    if any(c.dep_ in ("det", "nummod") and c.lower_ in SOMEONE for c in tok.children):
        return None
    places = place_words(clean_name([t for t in name_core(tok) if t != tok]))
    found = ctx.book.resolve_ahead(tok.lemma_.lower(), ctx.off + tok.idx, ctx.para, places=places)
    return _Party(found.name, "person") if found is not None else None


def _with_of_name(tok: Token, name: str) -> str:
    """ "the Group of 7", "the Organization of American States": keep the "of" part."""
    of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if pobj is None or tok.pos_ != "PROPN" or pobj.pos_ not in ("PROPN", "NUM"):
        return name
    if tok.ent_type_ == "PERSON":
        return name  # "Senator Ivo Dant of Kelvar": where he is from, not his name
    tail = "".join(t.text_with_ws for t in of.subtree).strip()
    return name if tail in name else f"{name} {tail}"


def full_party_name(name: str) -> str:
    """ "the U.S." / "US side" → "United States"; other names as they are."""
    core = name.removeprefix("the ").removeprefix("The ").removesuffix(" side")
    return party_aliases().get(core, name)


MODIFIERS = ("amod", "compound", "nmod")


def _body_of_members(tok: Token) -> str | None:
    """The named body a plural group belongs to: "members of Congress" → "Congress",
    "leaders of the Ardenian Senate" → "the Ardenian Senate"; None for "members of her own
    party" or a singular ("a member of Congress" is one person nobody named)."""
    if tok.tag_ != "NNS":
        return None
    body = prep_object(tok, {"of"})
    if body is None or not (body.pos_ == "PROPN" or body.ent_type_ in AGENT_ENTS):
        return None
    return "".join(t.text_with_ws for t in body.subtree).strip()


def _named_group(tok: Token) -> bool:
    """A group of people named by a proper word: "Democrats", "Baltic leaders"."""
    groups = dispute_patterns().group_nouns
    if tok.tag_ not in ("NNS", "NNPS") and tok.lemma_.lower() not in groups:
        return False  # "the Clinton contingency plan" is no group
    group = {tok.lemma_.lower(), tok.lower_} & groups
    deps = ("amod", "compound", "nmod", "poss") if group else MODIFIERS
    core = [tok, *(c for c in tok.children if c.dep_ in deps)]  # "America's allies"
    return any(t.pos_ == "PROPN" or t.ent_type_ in AGENT_ENTS for t in core)


def _statement_at(pos: int, statements: list[Statement]) -> int | None:
    for i, s in enumerate(statements):
        if s.start <= pos < s.end:
            return i
    return None


def _speaker(index: int | None, ctx: _Context) -> _Party | None:
    if index is None:
        return None
    st = ctx.statements[index]
    if st.speaker_type not in NAMED:
        return None
    return _Party(st.speaker, st.speaker_type)


def _governing_verb(tok: Token) -> Token | None:
    """The nearest verb above a word ("is at odds with" → is; "a disgrace" → is)."""
    node, steps = tok, 0
    while steps < 4:
        if node.pos_ in VERB_POS:
            return node
        if node.head == node:  # a headline's verb tagged as a noun but given subjects
            return node if children_with(node, ("nsubj",)) else None  # ("Obama, others vow …")
        node, steps = node.head, steps + 1
    return None


# --------------------------------------------------------------------------- actors


NOBODY = "nobody"


def _syntactic_actor(hit: CueHit) -> Token | str | None:
    """Who carries out the cue, read off the parse: a token, None when the parse names
    nobody, or NOBODY when the sentence says there is no actor to look for ("was cancelled",
    "a vote condemning X" names the vote, not the speaker)."""
    tok = hit.tok
    if hit.kind == "modal":
        return None  # "X should resign" is the speaker's demand of X
    if hit.kind == "feeling":
        felt = next(iter(children_with(tok, ("nsubjpass", "dobj"))), None)
        groups = dispute_patterns().group_nouns
        ok = felt is not None and (_agentive(felt) or {felt.lemma_.lower(), felt.lower_} & groups)
        return felt if ok else NOBODY  # "infuriated Solvaria"; "frustrated the talks": nobody
    if hit.kind == "verb":
        if children_with(tok, ("nsubjpass", "auxpass")):
            agent = next(iter(children_with(tok, ("agent",))), None)
            pobj = next(iter(children_with(agent, ("pobj",))), None) if agent is not None else None
            return pobj if pobj is not None else _body_left(tok) or NOBODY
        reduced = _reduced_passive(tok)
        base = tok
        while base.dep_ == "conj" and base.head != base and base.head.pos_ in VERB_POS:
            base = base.head  # "a paper welcoming the plans … and calling for bases": the paper's
        if base is not tok and base.dep_ == "acl" and tok.tag_ == "VBG":
            head = owner_of(base.head) or _author_of(base.head) or _party_token(base.head)
            return head if head is not None else NOBODY
        if reduced or (tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN")):
            if reduced or tok.tag_ == "VBN":  # "Russia, ousted for …": Russia suffered it
                agent = next(iter(children_with(tok, ("agent",))), None)
                pobj = (
                    next(iter(children_with(agent, ("pobj",))), None) if agent is not None else None
                )
                return pobj if pobj is not None else NOBODY
            letter = _sent_to(tok.head)  # "sent a letter to Senate leaders opposing …"
            if letter is not None:
                author = _author_of(letter)
                return author if author is not None else NOBODY
            head = owner_of(tok.head) or _party_token(tok.head)  # "Trump's decision to quit"
            head = head if head is not None else _author_of(tok.head)
            return head if head is not None else NOBODY
        return _passive_holder(tok) or _act_subject(tok)
    if hit.kind == "noun":
        owner = _noun_actor(tok)
        if owner is None and tok.dep_ not in PREDICATE_DEPS:
            return NOBODY  # "criticism has grown", "rejected the accusation": nobody here
        return owner  # None or "I"/"we": the speaker, when in someone's words
    if hit.kind in ("label", "verdict"):
        frame = _label_frame(tok, verdict=hit.kind == "verdict")
        return subject_of(frame) if frame is not None else None
    verb = _governing_verb(tok)  # "Ardenia is at odds with Solvaria"
    subj = subject_of(verb) if verb is not None else None
    if subj is None and verb is not None and hit.first <= verb.i <= hit.last:
        subj = _stative_subject(verb)  # "Brook is opposed to the treaty": a stance, not a passive
    if subj is None and verb is not None:
        subj = _misparsed_subject(verb)
    if subj is not None and subj.lower_ in RELATIVE:
        return subj  # "one of three members who voted against": read through the antecedent
    return subj if subj is not None and _agentive(subj) and subj.lower_ not in NOT_ACTING else None


def _sent_to(recipient: Token) -> Token | None:
    """The letter or statement sent "to" this noun ("sent a letter to Senate leaders
    opposing …": the parser hangs the letter's participle on its recipients)."""
    if recipient.dep_ != "pobj" or recipient.head.lower_ != "to":
        return None
    verb = recipient.head.head
    text = next(iter(children_with(verb, ("dobj",))), None) if verb.pos_ in VERB_POS else None
    voicing = dispute_patterns().voicing_nouns
    return text if text is not None and text.lemma_.lower() in voicing else None


def _author_of(text: Token) -> Token | None:
    """Who put out a statement, letter or resolution that a verb describes: the subject of
    the verb whose object it is ("the council passed a resolution condemning Solvaria", "they
    sent a letter opposing the bill", "it issued a paper calling for bases" → the council,
    they, it); None when the text is nobody's object ("a vote condemning X was held")."""
    if text.pos_ != "NOUN" or text.lemma_.lower() not in dispute_patterns().voicing_nouns:
        return None
    node = text
    while node.dep_ == "conj" and node.head != node:
        node = node.head  # "passed resolutions and a vote condemning …"
    if node.dep_ != "dobj" or node.head.pos_ not in VERB_POS:
        return None
    author = _act_subject(node.head)
    return author if author is not None and _agentive(author) else None


def _stative_subject(verb: Token) -> Token | None:
    """The subject of a participle that states a stance ("is opposed to", "was dead set
    against"), parsed as a passive with no agent: the holder of the stance."""
    if children_with(verb, ("agent",)):
        return None
    held = children_with(verb, ("nsubjpass",))
    for aux in children_with(verb, ("aux", "auxpass")):
        held += children_with(aux, ("nsubj", "nsubjpass"))  # the parser may hang it on "is"
    held = [t for t in held if t.lower_ not in RELATIVE] or held  # "…, which X is opposed to"
    return next(iter(held), None)


def _reduced_passive(verb: Token) -> bool:
    """ "…, calling for Solvaria, ousted for its annexation of Kelvar, to be …": a past
    participle set off without an auxiliary or subject of its own, which the parser hung as an
    adverbial clause, is passive (Solvaria was ousted), not the main subject's act."""
    own = {c.dep_ for c in verb.children}
    return (
        verb.dep_ == "advcl"
        and verb.tag_ in ("VBN", "VBD")  # the tagger may read "ousted" as a past tense
        and not own & {"aux", "auxpass", "nsubj", "nsubjpass", "dobj", "mark"}
        and verb.doc[verb.i - 1].text == ","
    )


def _body_left(verb: Token) -> Token | None:
    """The body a party was expelled from, which expelled it: "Russia was ousted from the
    group", "Ardenia was kicked out of the alliance" → the group, the alliance."""
    if verb.lemma_.lower() not in dispute_patterns().expelling_verbs:
        return None
    hosts = [verb, *(c for c in verb.children if c.lower_ == "out")]  # "kicked out of"
    for host in hosts:
        body = prep_object(host, {"from", "of"})
        if body is not None and (_definite_group(body) if _group_noun(body) else _agentive(body)):
            return body
    return None


def _group_noun(tok: Token) -> bool:
    return tok.lemma_.lower() in dispute_patterns().group_nouns


def _definite_group(tok: Token) -> bool:
    """ "the group", "the council" (a body named before, perhaps); "a regional group" is
    someone unnamed."""
    return _group_noun(tok) and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)


def _act_subject(verb: Token) -> Token | None:
    """Who does a verb's act: its controller, its subject, or the subject of the clause a
    chain of participles and conjuncts hangs from.

    "That prompted the president to fire back" → the president (`causing_verbs`);
    "He offered a site but refused to give up more, while asking Ardenia to …" → He.
    """
    first = verb
    while first.dep_ == "conj" and first.head != first:
        first = first.head  # "led Teluria to recall its envoy and condemn …"
    head = first.head
    if first.dep_ == "xcomp" and head.lemma_.lower() in dispute_patterns().causing_verbs:
        controller = next(iter(children_with(head, ("dobj",))), None)
        if controller is not None:
            return controller
    subj = _gerund_subject(verb) or _prepositional_gerund_doer(verb) or subject_of(verb)
    if subj is not None and subj.lower_ in RELATIVE:
        # "the reasons that Trump refuses to …": "that" parsed as a second subject
        subj = next((c for c in children_with(verb, ("nsubj",)) if c.i > subj.i), subj)
    node, steps = verb, 0
    while subj is None and node.dep_ in CHAIN_DEPS and node.head != node and steps < 3:
        node, steps = node.head, steps + 1
        subj = subject_of(node)
    return subj if subj is not None else _misparsed_subject(verb)


MISPARSED_SUBJECT_DEPS = frozenset({"compound", "npadvmod", "nmod", "dep"})
PREDICATE_NOUN_DEPS = frozenset({"pobj", "attr", "acomp"})  # "at the forefront of …"
SUBJECT_DEPS = ("nsubj", "nsubjpass")


def _prepositional_gerund_doer(verb: Token) -> Token | None:
    """Who does a gerund that is a preposition's object and has no subject of its own.

    On a verb with an object, the object does it ("held Pagliano in contempt for refusing to
    testify", "criticised Brook for attacking Dant", "accused Ardenia of shelling …"); on a
    passive, its subject ("Brook was criticised by Dant for attacking …": Brook); otherwise the
    clause's subject ("Democrats have been at the forefront of questioning the decisions",
    "Ardenia responded by expelling the envoy"). A gerund hanging from a subject or object
    noun ("his campaign of attacking …") is left to that noun's owner."""
    if verb.tag_ != "VBG" or verb.dep_ != "pcomp" or children_with(verb, SUBJECT_DEPS):
        return None  # "with the White House scratching the ceremony": its own subject
    prep, node, steps = verb.head, verb.head.head, 0
    while node.pos_ not in VERB_POS and steps < 3:
        if node.dep_ not in PREDICATE_NOUN_DEPS and node.pos_ != "ADP":
            return None
        prep, node, steps = node, node.head, steps + 1
    if node.pos_ not in VERB_POS:
        return None
    held = next(iter(children_with(node, ("nsubjpass",))), None)
    if held is not None:
        return held
    obj = next(iter(children_with(node, ("dobj",))), None)
    if obj is not None and prep.head == node and prep.pos_ == "ADP":
        return obj if _agentive(obj) else None
    return next(iter(children_with(node, ("nsubj",))), None)


def _gerund_subject(verb: Token) -> Token | None:
    """The party named right before a gerund that has no subject of its own: "react to the
    president walking away from the table" → the president, however the parser hangs it."""
    if verb.tag_ != "VBG" or verb.i == 0 or verb.dep_ not in ("advcl", "acl", "pcomp", "dep"):
        return None
    before = verb.doc[verb.i - 1]
    while before.dep_ == "compound" and before.head.i < verb.i:
        before = before.head
    if before.pos_ not in ("NOUN", "PROPN") or before.head == verb:
        return None
    return before if before.dep_ in ("pobj", "dobj") and _agentive(before) else None


def _misparsed_subject(verb: Token) -> Token | None:
    """A subject the parser hung elsewhere: under the auxiliary ("Trump has pooh-poohed …"
    with "Trump" under "has") or as a modifier of the verb itself ("Scott bristles at …" with
    "Scott" a compound of "bristles"). Only a name before the verb counts."""
    for kid in verb.children:
        if kid.i > verb.i:
            break
        if kid.dep_ == "aux":
            found = next((c for c in kid.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if found is not None:
                return found
        if kid.dep_ in MISPARSED_SUBJECT_DEPS and kid.pos_ == "PROPN" and _agentive(kid):
            return kid
    return _name_before(verb) if verb.dep_ == "ROOT" and verb.tag_ in FINITE_TAGS else None


def _name_before(verb: Token) -> Token | None:
    """A finite main verb the parser left with no subject, right after a name it hung
    elsewhere ("… to sue Saudi Arabia, Democratic nominee Hillary Clinton apparently disagrees
    with her former boss", "Clinton" made an apposition of "Arabia"): that name."""
    before = verb.doc[verb.i - 1] if verb.i > verb.sent.start else None
    while before is not None and before.pos_ == "ADV" and before.i > verb.sent.start:
        before = verb.doc[before.i - 1]
    if before is None or before.pos_ != "PROPN" or before.ent_type_ not in AGENT_ENTS:
        return None
    return before if before.dep_ not in ("pobj", "compound") and _agentive(before) else None


CHAIN_DEPS = frozenset({"advcl", "xcomp", "conj"})


def _in_quote(tok: Token) -> bool:
    """The token stands between quotation marks in its sentence (or the sentence opens one)."""
    marks = [t for t in tok.sent if t.is_quote and t.i < tok.i]
    return len(marks) % 2 == 1 or (not marks and tok.sent[0].is_quote)


def _passive_holder(tok: Token) -> Token | None:
    """ "Moscow was focused on blaming Washington", "was determined to block": the subject of
    the passive-form verb the cue hangs under (the speaker layer only climbs active ones)."""
    node, steps = tok, 0
    while steps < 3 and node.dep_ in ("xcomp", "pcomp", "prep") and node.head != node:
        node, steps = node.head, steps + 1
        if any(c.dep_ in ("nsubj", "csubj") for c in node.children):
            return None
        holder = next((c for c in node.children if c.dep_ == "nsubjpass"), None)
        if holder is not None:
            return holder
    return None


def _noun_actor(noun: Token) -> Token | None:
    """ "X's criticism", "criticism from X", "X voiced concern", "X, a critic of Y"."""
    pats = dispute_patterns()
    cls = pats.noun_cues.get(noun.lemma_.lower())
    if noun.dep_ == "compound":
        return noun.head  # "Trump critic Mark Cuban"
    if _owned_agent_noun(noun):
        return _named_agent(noun)  # "its critics, Ivo Dant" → Dant; "his opponents" → nobody
    if noun.lemma_.lower() in pats.patient_nouns:
        return prep_object(noun, {"by"})  # "Solvaria's expulsion by the council" → council
    if noun.lemma_.lower() in pats.agent_nouns and noun.dep_ != "appos":
        named = _named_agent(noun)  # "Another critic, Ivo Dant, …", "critics, including Dant"
        if named is not None:
            return named
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None:  # "Kremlin threats", "Trump's"
        owner = next(
            (c for c in noun.children if c.dep_ in OWNING_MODIFIERS and c.ent_type_ in AGENT_ENTS),
            None,
        )
    if owner is None and cls in pats.noun_owner_by_from:
        owner = owner_of(noun)
    if owner is None and _received(noun):
        return None  # "Russia faced harsh criticism": Russia is the target
    if owner is not None and owner.tag_ == "PRP$" and _light_verb(noun) is not None:
        owner = None  # "the council voiced its condemnation": the council
    if owner is not None:
        return _usable_owner(owner)
    if cls in OF_OWNER_CLASSES:
        of = prep_object(noun, {"of"})
        if of is not None and _agentive(of):
            return of
    if noun.dep_ == "appos":
        return noun.head  # "Ada Brook, a fierce critic of the plan"
    host = _partitive_host(noun)  # "leaders who have been some of the most strident opponents"
    if host.dep_ == "attr" and host.head.pos_ in VERB_POS:
        return subject_of(host.head)  # "Brook is a fierce critic of the plan"
    if noun.dep_ in ("dobj", "pobj"):
        verb = noun.head if noun.dep_ == "dobj" else noun.head.head
        if noun.dep_ == "dobj" and verb.lemma_.lower() in pats.light_verbs:
            return subject_of(verb)  # "levelled accusations", "voiced concern"
        if noun.dep_ == "pobj" and noun.head.lower_ == "in":
            while verb.pos_ not in VERB_POS and verb.dep_ in ("dobj", "pobj", "prep"):
                verb = verb.head  # "singled out tariffs in a scathing tweet": the parse hangs
            if verb.pos_ in VERB_POS:  # "in" on the object
                return subject_of(verb)  # "walked out in protest"
        if noun.dep_ == "pobj" and noun.head.lower_ == "with" and _acting_with(verb):
            return subject_of(verb)  # "seized on the bill as a weapon, with attacks that …"
        method_owner = _method_owner(noun.head.head) if noun.head.lower_ == "of" else None
        if noun.dep_ == "pobj" and method_owner is not None:
            return _usable_owner(method_owner)
        if noun.dep_ == "pobj" and noun.head.lower_ == "as" and verb.lemma_.lower() in USING_VERBS:
            return subject_of(verb)  # "Putin has used his invasions as a threat to NATO"
        resorting = verb.lemma_.lower() in pats.resorting_verbs and noun.head.lower_ == "to"
        if noun.dep_ == "pobj" and resorting:  # "resorted to threats", "is reduced to insults"
            return subject_of(verb) or next(iter(children_with(verb, ("nsubjpass",))), None)
    if noun.dep_ == "conj" and noun.head.dep_ in ("dobj", "pobj"):
        return _noun_actor(noun.head)  # "reduced to taunts and insults": as the first does
    return None


def _acting_with(verb: Token) -> bool:
    """A verb whose subject acts "with" the noun ("hit back with threats", "responded with
    criticism of Solvaria"); not one that the subject receives it with ("was met with
    criticism", "greeted the plan with disdain" is the greeter's, but "was greeted with" not)."""
    if verb.pos_ not in VERB_POS or children_with(verb, ("nsubjpass", "auxpass")):
        return False
    return verb.lemma_.lower() not in dispute_patterns().receiving_verbs


def _method_owner(head: Token) -> Token | None:
    """Who owns a method noun (`method_nouns`) whose "of" names the cue: "Byrd's strategy
    of massive resistance" → Byrd, "Ardenia's campaign of threats" → Ardenia."""
    if head.lemma_.lower() not in dispute_patterns().method_nouns:
        return None
    return next((c for c in head.children if c.dep_ == "poss"), None)


def _partitive_host(noun: Token) -> Token:
    """ "one of the fiercest critics", "some of the most strident opponents": the "one" or
    "some" that stands in the sentence for the noun; else the noun itself."""
    of = noun.head
    if noun.dep_ == "pobj" and of.lower_ == "of" and of.head.lower_ in PARTITIVES:
        return of.head
    return noun


USING_VERBS = frozenset({"use", "utilize", "utilise", "employ", "wield"})
OWNING_MODIFIERS = frozenset({"compound", "nmod"})  # "Kremlin threats", "Kremlin verbal threats"


def _owned_agent_noun(noun: Token) -> bool:
    """ "his critics", "Ardenia's opponents": the owner is the one opposed, not the opponent."""
    lemma = noun.lemma_.lower()
    return lemma in dispute_patterns().agent_nouns and any(c.dep_ == "poss" for c in noun.children)


def _named_agent(noun: Token) -> Token | None:
    """Who the critics or opponents are, where the sentence names them: "its critics, Ivo
    Dant", "one of its critics, Ivo Dant", "Ivo Dant, one of its critics"."""
    hosts = [noun]
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ in ("NUM", "PRON"):
        hosts.append(noun.head.head)  # "one of its critics"
    for host in hosts:
        if host.dep_ == "appos":
            return host.head
    member = prep_object(noun, MEMBER_PREPS)  # "critics, including Senator Ivo Dant"
    if member is None:
        such = next((c for c in noun.children if c.lower_ == "such"), None)
        member = prep_object(such, {"as"}) if such is not None else None
    if member is not None and (member.ent_type_ in AGENT_ENTS or member.pos_ == "PROPN"):
        return member
    return _apposed_name(hosts[-1])


LOOSE_APPOSITION = frozenset({"appos", "npadvmod", "dep"})


def _apposed_name(tok: Token) -> Token | None:
    """The name set beside a phrase by a comma: "one of its critics, Ivo Dant" → Dant, as an
    apposition or where the parser hung the name elsewhere; never the subject of what follows
    ("its critics, Dant said")."""
    named = next((c for c in tok.children if c.dep_ == "appos" and _agentive(c)), None)
    if named is not None:
        return named
    edge = tok.right_edge.i
    doc = tok.doc
    if edge + 2 >= len(doc) or doc[edge + 1].text != ",":
        return None
    name = doc[edge + 2]  # "…, Senator Tom Hale": climb from the title to the name's head
    while name.dep_ == "compound" and name.head.i > name.i:
        name = name.head
    if name.ent_type_ not in AGENT_ENTS or name.dep_ not in LOOSE_APPOSITION:
        return None
    return name


def _light_verb(noun: Token) -> Token | None:
    verb = noun.head
    if noun.dep_ == "dobj" and verb.lemma_.lower() in dispute_patterns().light_verbs:
        return verb
    return None


def _received(noun: Token) -> bool:
    """The noun is what its verb's subject receives ("faced criticism", "drew condemnation",
    "pressed on despite objections")."""
    if noun.dep_ == "pobj" and noun.head.lower_ in ("under", "despite"):
        return True  # "came under criticism", "went ahead despite warnings from Ardenia"
    return noun.dep_ == "dobj" and noun.head.lemma_.lower() in dispute_patterns().receiving_verbs


@cache
def _frame_forms(verdict: bool) -> frozenset[str]:
    """Every regular form of the label frames, for frames the lemmatiser misreads."""
    pats = dispute_patterns()
    frames = pats.label_frames | pats.verdict_frames if verdict else pats.label_frames
    return frozenset(form for frame in frames for form in inflections(frame))


def _label_frame(tok: Token, *, verdict: bool = False) -> Token | None:
    """The "called X Y" / "described X as Y" verb a label hangs off, if any; for a verdict
    phrase also "held X in contempt" (`verdict_frames`)."""
    pats = dispute_patterns()
    frames = pats.label_frames | pats.verdict_frames if verdict else pats.label_frames
    node, steps = tok, 0
    while node.head != node and steps < 4:
        node, steps = node.head, steps + 1
        if node.pos_ in VERB_POS:
            if node.lemma_.lower() in frames or node.lower_ in _frame_forms(verdict):
                return node  # "rated … as false": the lemmatiser reads "rated" as "rat"
            if node.dep_ not in ("acl", "xcomp"):
                return None  # "called X's decision to close the port 'absurd'" climbs on
    return None


def _first_person(tok: Token) -> bool:
    """I, we, us, you — but not "US", the state written in capitals."""
    return tok.lower_ in FIRST_PERSON and not (len(tok.text) > 1 and tok.text.isupper())


def _actor(hit: CueHit, index: int | None, ctx: _Context) -> tuple[_Party | None, bool]:
    """(actor, from the statement's speaker?) or (None, False) when nobody acts."""
    subj = _syntactic_actor(hit)
    if isinstance(subj, str):
        return None, False
    speaker = _speaker(index, ctx)
    if subj is not None:
        subj = _reporter_of(subj) or subj
        voiced = _voice_owner(subj)  # "Brook's tweet mocked Dant" → Brook
        if voiced is not None and voiced.lower_ in SPEAKER_OWN:
            return (speaker, True) if speaker is not None else (None, False)  # "our statement"
        subj = voiced or subj
        if subj.lower_ in RELATIVE:
            ante = relative_antecedent(subj)  # "the machine that blocked …" → the machine
            named_host = ante.dep_ == "appos" and ante.head.ent_type_ == "PERSON"
            subj = ante.head if named_host else ante  # "Schumer, a Democrat who …" → Schumer
            subj = _member_of(subj) or subj  # "Brook was one of the senators who …" → Brook
        pronoun = subj.lower_
        if pronoun in GROUP_PRONOUNS and (pronoun != "it" or hit.kind in ACT_KINDS):
            subj = _group_antecedent(subj) or subj  # "it is a disgrace": "it" is what is judged
        if subj.lower_ == "it" and subj.dep_ == "nsubj" and hit.kind in ACT_KINDS:
            body = _body_subject_before(ctx)  # "The Times endorsed Clinton: … Meanwhile, it
            if body is not None:  # attacked Trump" across a quoted paragraph
                return body, False
        if subj.lower_ in ("it", "there", "this") or _negative_subject(subj):
            return None, False
        if subj.lower_ == "you" and hit.kind == "verb":
            return _spoken_to(hit.tok, index, ctx), False  # '"You blamed them," Brook told Dant'
        pair = _pair(subj, ctx)
        if pair is not None:
            return pair, False
        if not _first_person(subj):
            party = _resolve(subj, ctx)
            if party is not None and party.kind == "person" and subj.lower_ in GENDERED:
                party = _same_sentence_person(subj, party, ctx) or party
            if party is not None and pronoun == "it" and party.kind == "person":
                return None, False  # "it" never stands for a person
            if party is None and subj.lower_ in PERSON_PRONOUNS:
                party = _person_before(subj, ctx)  # "Trudeau … because of his decision to …"
            bound = _bound_owner(subj, ctx)
            party = bound if bound is not None else party
            if party is None or party.kind not in NAMED or not _has_proper_word(party.name):
                party = _named_member(subj, ctx) or _apposition_host(subj, ctx) or party
            if party is not None and _announced_refusal(hit, subj, party, index, ctx):
                return speaker, True  # '"The US will not endorse the communique," Trump said'
            quoted_other = subj.pos_ == "PRON" and _in_quote(subj)
            if party is not None and quoted_other and speaker is not None and speaker == party:
                return None, False  # '"He refused," Shelby said': not Shelby
            if party is not None:
                return party, False
            if read_mention(subj).kind != "pronoun":
                return _unresolved(subj), False
    if speaker is not None and (subj is None or _first_person(subj) or hit.kind != "verb"):
        return speaker, True
    return None, False


def _announced_refusal(
    hit: CueHit, subj: Token, party: _Party, index: int | None, ctx: _Context
) -> bool:
    """A refusal a person announces for a state in their own words ("the United States does
    not, and never will, accept …", "said the US will not endorse the communique"): a leader
    or minister speaks for their state, so the speaker refuses, as the speaker of "we will
    not accept" does."""
    negated = (hit.kind == "verb" and hit.verb is None) or (
        hit.kind == "phrase" and hit.tok.doc[hit.first].lower_ in NEGATIONS
    )
    if hit.cue_class != "reject" or not negated or index is None or not _state(subj):
        return False
    speaker = _speaker(index, ctx)
    inside = _statement_at(ctx.off + subj.idx, ctx.statements) == index
    return (
        inside and speaker is not None and speaker.kind == "person" and party.name != speaker.name
    )


DEMONSTRATIVES = frozenset({"this", "that", "these", "those"})


def _pointed_at(noun: Token) -> bool:
    """The noun has a demonstrative ("that criticism", "this regime", "this scam")."""
    return any(c.dep_ == "det" and c.lower_ in DEMONSTRATIVES for c in noun.children)


def _dispute_referred_to(hit: CueHit, ctx: _Context) -> Dispute | None:
    """The dispute a cue noun with a demonstrative and no owner points back to: "Obama has
    been under pressure from members of Congress … That criticism increased …" → the
    members' dispute, in this paragraph or the one before."""
    tok = hit.tok
    if hit.kind != "noun" or ctx.memory.last is None or _noun_actor(tok) is not None:
        return None  # "The Times made these same allegations": the Times's own
    if not _pointed_at(tok):
        return None
    earlier, para = ctx.memory.last
    return earlier if ctx.para - para <= 1 else None


def _for_welfare(hit: CueHit) -> bool:
    """The concern is about someone's health, safety or life ("worried about her health",
    "Worried About Clinton's Health Issues")."""
    heads = [hit.tok] + ([hit.tok.doc[hit.last]] if hit.last >= 0 else [])
    welfare = dispute_patterns().welfare_nouns
    preps = (p for head in heads for p in children_with(head, ("prep",)))
    objects = [o for p in preps for o in children_with(p, ("pobj",))]
    words = objects + [
        c for o in objects if not o.ent_type_ for c in o.children if c.dep_ == "compound"
    ]  # not "the UN Security Council", a name
    return any(w.lemma_.lower() in welfare or w.lower_ in welfare for w in words)  # "Health Issues"


TITLE_LINKS = frozenset({"for", "of", "the", "and", "on", "to", "-"})


def _in_document_title(tok: Token) -> bool:
    """A capitalised word that opens a document's title ("Justice for Victims of Trafficking
    Act", "Paris Climate Accord"): the title names a text, not a party."""
    if not tok.text[:1].isupper():
        return False
    pats = dispute_patterns()
    documents = pats.documents | pats.title_words  # "… Act", a law's title
    for nxt in tok.doc[tok.i + 1 : min(len(tok.doc), tok.i + 8)]:
        if nxt.text[:1].isupper() and nxt.lower_ in documents:
            return True
        if not (nxt.text[:1].isupper() or nxt.lower_ in TITLE_LINKS):
            return False
    return False


def _member_of(group: Token) -> Token | None:
    """The party a copula puts in a group: "Brook was one of three members who …", "Brook
    was among the lawmakers who …", "Brook is the only senator who …" → Brook."""
    prep = group.head if group.dep_ == "pobj" else None
    if prep is not None and prep.lower_ == "among":
        return _copula_holder(prep.head) if prep.dep_ == "prep" else None  # "was among …"
    if prep is not None and prep.lower_ == "of":
        group = prep.head  # "one of three members"
    return _copula_holder(group.head) if group.dep_ == "attr" else None


def _copula_holder(verb: Token) -> Token | None:
    if verb.lemma_.lower() != "be":
        return None
    holder = next(iter(children_with(verb, ("nsubj",))), None)
    return holder if holder is not None and _agentive(holder) else None


def _voice_owner(subj: Token) -> Token | None:
    """The party whose statement, tweet or decision is the subject of a cue ("Ardenia's
    statement accused Solvaria" → Ardenia); None for anything else."""
    if subj.pos_ != "NOUN" or subj.lemma_.lower() not in dispute_patterns().voicing_nouns:
        return None
    owner = next((c for c in subj.children if c.dep_ == "poss"), None)
    if owner is not None and owner.lower_ in SPEAKER_OWN:
        return owner  # "our statement": the speaker's own voice
    owner = _usable_owner(owner)
    return owner if owner is not None and _agentive(owner) else None


def _apposition_host(subj: Token, ctx: _Context) -> _Party | None:
    """ "Ardenia, a small state that has threatened Solvaria …" → Ardenia: a description set
    beside a name by apposition stands for that name, through a relative pronoun too."""
    described = relative_antecedent(subj)
    if described.dep_ != "appos" or described.pos_ == "PROPN":
        return None
    party = _resolve(described.head, ctx)
    return party if party is not None and party.kind in NAMED else None


GENDERED = {"he": "m", "she": "f"}


def _same_sentence_person(pron: Token, found: _Party, ctx: _Context) -> _Party | None:
    """A person named earlier in the pronoun's own sentence whose gender the article gives
    and the pronoun's matches, when the book's choice has no known gender: "Christie
    described Hillary Clinton as a disgrace after she attacked …" → Clinton (a name inside
    someone's reported words is no antecedent for the book)."""
    want = GENDERED[pron.lower_]
    if ctx.book.genders.get(found.name) == want:
        return None
    for name, mention in reversed(_people_named_before(pron, ctx, outside_clause=True)):
        # "Ms. Varga": the honorific says it too
        if name != found.name and (ctx.book.genders.get(name) or mention.gender) == want:
            return _Party(name, "person")
    return None


PERSON_PRONOUNS = {"he": "m", "his": "m", "him": "m", "she": "f", "her": "f"}


BINDING_DEPS = frozenset({"pobj", "prep", "dobj", "compound", "conj"})


def _bound_owner(pron: Token, ctx: _Context) -> _Party | None:
    """ "his"/"her" on a noun of its own clause whose subject is a person named or described
    there is that subject: "the president follows through on his veto threat" → whoever
    "the president" is (unresolved when the article never says), not a person the sentences
    before named."""
    if pron.lower_ not in ("his", "her") or pron.dep_ != "poss":
        return None
    node, steps = pron.head, 0
    while node.pos_ not in VERB_POS and node.dep_ in BINDING_DEPS and steps < 4:
        node, steps = node.head, steps + 1
    subj = next(iter(children_with(node, ("nsubj",))), None) if node.pos_ in VERB_POS else None
    if subj is None or subj.i > pron.i or subj.pos_ == "PRON" or subj.tag_ in ("NNS", "NNPS"):
        return None  # "… because of his decision …, Tom Hale said": Hale comes after
    party = _resolve(subj, ctx)
    if party is None or party.kind not in ("person", "unnamed"):
        return _unresolved(subj) if party is None else None
    gender = ctx.book.genders.get(party.name)
    return party if gender in (None, PERSON_PRONOUNS[pron.lower_]) else None


def _gendered_name_before(pron: Token, others: set[str], ctx: _Context) -> _Party | None:
    """The one person named earlier in the pronoun's sentence, outside its clause and not
    among `others`, whom the article gives the pronoun's gender: the nearer antecedent than
    anyone the sentences before named."""
    want = PERSON_PRONOUNS[pron.lower_]
    people = _people_named_before(pron, ctx, outside_clause=True)
    found = list(
        dict.fromkeys(
            name for name, _ in people if name not in others and ctx.book.genders.get(name) == want
        )
    )
    return _Party(found[0], "person") if len(found) == 1 else None


def _person_before(pron: Token, ctx: _Context) -> _Party | None:
    """The nearest person named earlier in the pronoun's own sentence, of a gender that does
    not clash, when the speaker book knows no antecedent: "a special place in hell for Justin
    Trudeau because of his decision to slam the U.S." → Trudeau."""
    want = PERSON_PRONOUNS[pron.lower_]
    for name, mention in reversed(_people_named_before(pron, ctx)):
        gender = ctx.book.genders.get(name) or mention.gender
        if gender in (None, want) and _has_proper_word(name):
            return _Party(name, "person")
    return None


def _people_named_before(
    pron: Token, ctx: _Context, *, outside_clause: bool = False
) -> list[tuple[str, Mention]]:
    """Each person named earlier in the pronoun's sentence, in reading order, as (the book's
    full name, the mention as written); with `outside_clause`, none inside the pronoun's own
    clause ("On Twitter, he said" is not about a name in that clause)."""
    clause = own_clause(pron, ctx.off + pron.idx) if outside_clause else (0, 0)
    people = []
    for tok in pron.sent[: pron.i - pron.sent.start]:
        if clause[0] <= ctx.off + tok.idx < clause[1]:
            continue
        described = tok.ent_type_ == "" and tok.pos_ == "NOUN" and tok.dep_ in DESCRIBED_DEPS
        if described and read_mention(tok).kind == "description":
            found = ctx.book.resolve(tok, ctx.off + tok.idx, ctx.para)  # "the president's own
            if found.kind == "person":  # party … against him" → whoever the president is
                people.append((found.name, read_mention(tok)))
            continue
        if tok.ent_type_ != "PERSON" or (tok.dep_ == "compound" and tok.head.ent_type_ == "PERSON"):
            continue  # the head of each person's name only
        mention = read_mention(tok)
        people.append((ctx.book.canonical(mention.name), mention))
    return people


DESCRIBED_DEPS = frozenset({"poss", "nsubj", "nsubjpass", "dobj", "pobj"})


PAIR_WORDS = frozenset({"two", "both"})  # "The two have bristled", "both candidates"
NOT_PEOPLE = frozenset({"side", "country", "nation", "state", "government", "party"})


def _pair(subj: Token, ctx: _Context) -> _Party | None:
    """ "The two have bristled over trade", "both candidates alleged fraud" → the last two
    people named before ("Ada Brook and Ivo Dant"); "the two sides", "both countries" → the
    last two states named (none when fewer than two were)."""
    words = {subj.lower_} | {c.lower_ for c in subj.children if c.dep_ in ("nummod", "det")}
    if "both" not in words and not {"the", "two"} <= words:
        return None  # "two speechwriters" are someone unnamed
    if subj.lemma_.lower() in STATE_PAIRS:
        return _state_pair(ctx)  # "the two sides disagreed" → the last two states named
    if subj.lower_ not in PAIR_WORDS and (subj.tag_ != "NNS" or subj.lemma_.lower() in NOT_PEOPLE):
        return None
    people = ctx.book.recent_people(ctx.off + subj.idx, ctx.para, 2)
    if len(people) < 2:
        return None
    first, second = sorted(people, key=lambda name: ctx.book.first_seen(name))
    joined = f"{first} and {second}"
    ctx.book.groups.add(joined)  # never a later "he"
    ctx.memory.pairs[joined] = (first, second)
    return _Party(joined, "person")


STATE_PAIRS = frozenset({"side", "country", "nation"})


def _state_pair(ctx: _Context) -> _Party | None:
    """The last two states named in this or the previous PRONOUN_PARAGRAPHS paragraphs, in
    the order the article first named them ("the two sides" after talks of the United States
    and North Korea); None unless exactly two stand out."""
    found: list[str] = []
    for tok, off, para in reversed(ctx.memory.mentions):
        if ctx.para - para > PRONOUN_PARAGRAPHS or len(found) == 2:
            break
        if tok.ent_type_ != "GPE":
            continue
        name = full_party_name(ctx.book.resolve_alone(tok, off + tok.idx, para).name)
        if name and _proper_name(name) and name not in found:
            found.append(name)
    if len(found) < 2:
        return None
    first, second = reversed(found)
    joined = f"{first} and {second}"
    ctx.memory.pairs[joined] = (first, second)
    return _Party(joined, "organisation")


MEMBER_PREPS = frozenset({"including", "like", "among"})


def _named_member(group: Token, ctx: _Context) -> _Party | None:
    """ "Critics of the plan, including Senator Dant, urged …" → Dant: the named member of an
    unnamed group is the party readers can be shown ("like", "such as", "among them" alike)."""
    for prep in (c for c in group.children if c.dep_ == "prep"):
        such_as = prep.lower_ == "as" and any(g.lower_ == "such" for g in prep.children)
        if prep.lower_ not in MEMBER_PREPS and not such_as:
            continue
        member = next((g for g in prep.children if g.dep_ == "pobj"), None)
        party = _resolve(member, ctx) if member is not None else None
        if party is not None and party.kind in NAMED:
            return party
    return None


GROUP_PRONOUNS = frozenset({"they", "their", "them", "it", "its"})
ACT_KINDS = frozenset({"verb", "phrase"})  # the cue is something its subject did


def _reporter_of(pron: Token) -> Token | None:
    """ "Teluria said it was opposed … and warned Ardenia" → Teluria: "it" as the subject of
    what a state or body said is that state or body (never a person, never a situation)."""
    if pron.lower_ != "it" or pron.dep_ != "nsubj":
        return None
    clause = pron.head
    while clause.dep_ == "conj" and clause.head != clause:
        clause = clause.head
    if clause.dep_ != "ccomp" or not is_cue(clause.head):
        return None
    reporter = subject_of(clause.head)
    if reporter is None or reporter.pos_ == "PRON" or not _agentive(reporter):
        return None
    return reporter if read_mention(reporter).kind == "organisation" else None


def _group_antecedent(pron: Token) -> Token | None:
    """The group, organisation or state a "they"/"it" stands for: the nearest subject or
    owner before it in its paragraph that is plural ("they") or an organisation or state
    ("it"); people never are ("he" and "she" have the speaker book).

    "Top lawmakers said …, as they bristled at …" → lawmakers;
    "The Times endorsed Clinton. It attacked Trump …" → The Times;
    "Allied countries' work was mixed. For Norland, they criticised its premier" → countries.
    """
    plural = pron.lower_ in ("they", "their", "them")
    for tok in reversed(pron.doc[: pron.i]):
        if tok.dep_ not in ANTECEDENT_DEPS or tok.pos_ == "PRON" or tok.tag_ == "PRP$":
            continue
        if tok.dep_ == "poss" and tok.head.i >= pron.i:
            continue  # "its own plan": the pronoun's own phrase
        if plural and (tok.tag_ in ("NNS", "NNPS") or any(c.dep_ == "cc" for c in tok.children)):
            return tok
        if plural or tok.ent_type_ == "PERSON":
            continue
        if tok.ent_type_ == "ORG" or _state(tok) or read_mention(tok).kind == "organisation":
            return tok  # "Ardenia … its critics", "The ministry … It rejected …"
    return None


ANTECEDENT_DEPS = frozenset({"nsubj", "nsubjpass", "poss"})


def _state(tok: Token) -> bool:
    return tok.ent_type_ == "GPE"


def _unresolved(tok: Token) -> _Party:
    return _Party(read_mention(tok).text, "unresolved")


# --------------------------------------------------------------------------- targets


def _verb_target(hit: CueHit) -> Token | None:
    """Whom a verb cue is aimed at; a demand made of one's own side ("called on fellow
    Republicans to drop Ivo Dant") is aimed at the party the demanded act is done to."""
    if hit.cue_class == "demand":
        addressee = _addressee_of(hit)
        if addressee is not None and _own_side(addressee):
            return _acted_on(hit.tok, addressee)
    aimed = _aimed_at(hit)
    if aimed is None and hit.cue_class in OWNER_CLASSES:
        return _refused_reactor(hit.tok)
    return aimed


def _refused_reactor(verb: Token) -> Token | None:
    """Whom a refusal answers when a party reacts to it: "the panel held Olsen in contempt
    for refusing to testify" → the panel (it asked; Olsen refused it)."""
    doer = _prepositional_gerund_doer(verb)
    if doer is None or doer.dep_ != "dobj":
        return None
    reactor = subject_of(doer.head)  # "voted to hold Olsen …": the panel that voted
    return reactor if reactor is not None and _agentive(reactor) else None


def _addressee_of(hit: CueHit) -> Token | None:
    """Whom a demand is made of: "called on X", "urged X"."""
    if hit.verb is not None and hit.verb.particle:
        return prep_object(hit.tok, {hit.verb.particle})
    return next(iter(children_with(hit.tok, ("dobj", "dative"))), None)


OWN_SIDE_WORDS = frozenset({"fellow"})
ACT_CLAUSES = frozenset({"xcomp", "ccomp", "advcl", "relcl"})


def _own_side(tok: Token) -> bool:
    """ "fellow Republicans", "our allies", "my colleagues": the speaker's own side."""
    fellow = any(c.dep_ == "amod" and c.lower_ in OWN_SIDE_WORDS for c in tok.children)
    return fellow or _speakers_own(tok)


def _acted_on(verb: Token, addressee: Token) -> Token | None:
    """The party a demanded act is done to: "… to unendorse Ivo Dant" → Dant."""
    for host in (verb, addressee):
        for clause in children_with(host, ACT_CLAUSES):
            obj = next(iter(children_with(clause, ("dobj",))), None)
            party = _party_token(obj) if obj is not None else None
            if party is not None and _agentive(party):
                return party
    return None


def _aimed_at(hit: CueHit) -> Token | None:
    """Whom a verb cue's syntax points at.

    "accused Solvaria of …" → Solvaria; "rejected Ardenia's proposal" → Ardenia;
    "blamed the collapse on Solvaria" → Solvaria; "urged Solvaria to withdraw" → Solvaria;
    "hit out at Ardenia" → Ardenia; "walked away from the talks with Norland" → Norland.
    """
    tok, cue = hit.tok, hit.verb
    cls = hit.cue_class
    if children_with(tok, ("nsubjpass",)):
        return _party_token(children_with(tok, ("nsubjpass",))[0])
    if cue is not None and cue.prep:
        return _opposed(cue_prep_object(tok, cue), cls)
    if cue is not None and cue.particle:
        found = prep_object(tok, {cue.particle})
        if found is not None:  # "called for sanctions against Solvaria" → Solvaria
            return _opposed(found, cls) or _party_token(prep_object(found, TARGET_PREPS))
    obj = next(iter(children_with(tok, ("dobj",))), None)
    if tok.lemma_.lower() in dispute_patterns().reciprocal:
        other = prep_object(tok, {"with", "against"})  # "sparred with X"
        return _party_token(other if other is not None else _co_subject(tok))
    if cls == "blame":
        on = prep_object(tok, {"on"})
        if on is not None:
            return _party_token(on)
    if cls == "warn":
        conduct = _warned_conduct(tok)
        named = conduct is not None and conduct.pos_ != "PRON"
        if named and (_agentive(conduct) or _named_group(conduct)):
            return conduct  # "warned the media that Solvaria was massing troops" → Solvaria
    if cls in ("demand", "warn", "threaten"):
        for dep in ("dobj", "dative"):
            kid = next(iter(children_with(tok, (dep,))), None)
            if kid is not None and (_agentive(kid) or (cls == "warn" and _people(kid))):
                return kid  # "urged Solvaria", "warned the rebels"
        clause = next(iter(children_with(tok, ("ccomp", "xcomp"))), None)
        subj = subject_of(clause) if clause is not None else None
        if subj is not None and subj != subject_of(tok):
            party = _party_token(subj)  # "warned that Britain's exit would …" → Britain
            if party is not None and (_agentive(party) or _named_group(party)):
                return party
        aim = prep_object(tok, {"from", "of", "on", "against", "to"})
        if aim is not None:
            return _party_token(aim)
        if obj is not None and cls == "demand":
            return owner_of(obj, of=True) or _party_token(prep_object(obj, TARGET_PREPS))
        return None
    if obj is None:
        found = _party_token(prep_object(tok, TARGET_PREPS))
        clause = next(iter(children_with(tok, ("ccomp",))), None)
        if found is None and clause is not None and cls in ("protest", "accuse", "blame"):
            subj = subject_of(clause)  # "complained that Lakeland's boats had entered"
            found = _party_token(subj) if subj is not None else None
        if found is None and cls in OWNER_CLASSES:
            found = _owner_of_refused(tok)  # "refused to follow her commands" → her
        return found
    if cls in OWNER_CLASSES:
        owner = owner_of(obj, of=_document(obj))
        if owner is None and _agentive(obj) and not _document(obj):
            owner = obj
        if owner is None or owner.tag_ == "PRP$":
            # "suspended its delivery of warships to Russia" → Russia
            to = _prep_object_within(obj, {"to", "with", "for"}) or prep_object(tok, {"to"})
            return _party_token(to) or owner
        return owner
    return _opposed(obj, cls)


def _counterpart_of(tok: Token | None) -> bool:
    """A possessive on a noun for another person of the owner's ("her former boss", "his
    predecessor"): the one opposed is that person, not the owner."""
    if tok is None or tok.tag_ != "PRP$" or tok.dep_ != "poss":
        return False
    return tok.head.lemma_.lower() in dispute_patterns().counterpart_nouns


def _owner_of_refused(verb: Token) -> Token | None:
    """Whose thing a refused act takes: "refused to accept Solvaria's offer" → Solvaria, "he
    refused to follow her commands" → her; nobody for "refused to comment", nor for one's own
    thing ("he refused to give up his arsenal", "Kim, who declined to dismantle his …")."""
    act = next(iter(children_with(verb, ("xcomp",))), None)
    thing = next(iter(children_with(act, ("dobj",))), None) if act is not None else None
    owner = owner_of(thing) if thing is not None else None
    if owner is None or owner.tag_ != "PRP$":
        return owner
    subj = subject_of(verb)
    mine, theirs = PERSON_PRONOUNS.get(owner.lower_), subj and PERSON_PRONOUNS.get(subj.lower_)
    return owner if mine and theirs and mine != theirs else None


def _warned_conduct(verb: Token) -> Token | None:
    """Whose conduct a warning is about: the party doing what the "that" clause says."""
    clause = next(iter(children_with(verb, ("ccomp",))), None)
    subj = subject_of(clause) if clause is not None else None
    if subj is None or subj == subject_of(verb):
        return None
    return _party_token(subj)


HYPHENS = ("-", "–", "—")
# entity label -> party kind, for the two names of a hyphenated pair
PAIR_ENTS = {
    "GPE": "organisation",
    "ORG": "organisation",
    "NORP": "organisation",
    "PERSON": "person",
}


def _hyphenated_pair(tok: Token) -> tuple[_Party, _Party] | None:
    """Two named parties joined by a hyphen as the subject of a reciprocal verb ("US-China
    sparring marred …") or on a reciprocal noun ("the Ardenia-Solvaria feud"): the first
    named against the second, as for "Ardenia and Solvaria clashed". None otherwise."""
    holder = subject_of(tok) if tok.pos_ in ("VERB", "AUX") else tok
    if holder is None:
        return None
    second = holder if holder.pos_ == "PROPN" else None
    if second is None:
        second = next((c for c in holder.children if c.dep_ == "compound"), None)
    if second is None or second.i < 2 or second.doc[second.i - 1].text not in HYPHENS:
        return None
    first = second.doc[second.i - 2]
    if first.head != second or first.dep_ != "compound":
        return None
    kinds = [PAIR_ENTS.get(t.ent_type_) for t in (first, second)]
    if None in kinds or first.lower_ == second.lower_:
        return None
    return (
        _Party(full_party_name(first.text), kinds[0]),
        _Party(full_party_name(second.text), kinds[1]),
    )


def _co_subject(verb: Token) -> Token | None:
    """ "Ardenia and Solvaria clashed": the second of coordinated subjects, the first one's
    opponent in a reciprocal act."""
    subj = subject_of(verb)
    if subj is None or subj.pos_ != "PROPN":
        return None
    return next((c for c in subj.conjuncts if c.i > subj.i), None)


def _anger_source(tok: Token) -> Token | None:
    """What angered someone: the passive agent ("angered by X") or the subject, read through
    a relative pronoun ("tariffs that infuriated Solvaria" → tariffs)."""
    agent = next(iter(children_with(tok, ("agent",))), None)
    if agent is not None:
        return next(iter(children_with(agent, ("pobj",))), None)
    if children_with(tok, ("nsubjpass",)):
        return None
    source = subject_of(tok)
    if source is not None and source.lower_ in RELATIVE and source.dep_ == "nsubj":
        source = relative_antecedent(source)
    return source


def _doer_of(act: Token | None) -> Token | None:
    """Who did an act named as the object of their verb ("Ardenia imposed tariffs" →
    Ardenia, for the tariffs)."""
    if act is not None and act.dep_ == "pobj" and act.head.head.pos_ in ("NOUN", "PROPN"):
        act = act.head.head  # "tariffs on imports that infuriated …": the tariffs
    if act is None or act.dep_ != "dobj" or act.head.pos_ not in VERB_POS:
        return None
    doer = subject_of(act.head)
    return _party_token(doer) if doer is not None else None


def _people(tok: Token) -> bool:
    """A noun for people ("the rebels", "delegates"), an addressee even when unnamed."""
    return (
        tok.pos_ == "NOUN"
        and tok.tag_ == "NNS"
        and tok.lemma_.lower() not in (dispute_patterns().not_objects)
    )


def _noun_target(noun: Token) -> Token | None:
    """ "accusations against X", "a warning to X", "criticism of X's build-up" → X;
    "X faced criticism" → X; "Trump critic Mark Cuban" → Trump."""
    if noun.dep_ == "compound":
        return next((c for c in noun.children if c.dep_ == "compound"), None)
    if _owned_agent_noun(noun):
        return next(c for c in noun.children if c.dep_ == "poss")  # "its critics" → its
    if noun.lemma_.lower() in dispute_patterns().patient_nouns:
        patient = next((c for c in noun.children if c.dep_ == "poss"), None)
        return patient if patient is not None else prep_object(noun, {"of"})
    if _received(noun):
        verb = noun.head.head if noun.dep_ == "pobj" else noun.head
        return next(iter(children_with(verb, ("nsubj",))), None)
    if filed(noun):  # "filed a complaint with the board against X": the board is the forum
        against = prep_object(noun, {"against"}) or prep_object(noun.head, {"against"})
        return _party_token(against)
    cls = dispute_patterns().noun_cues.get(noun.lemma_.lower())
    preps = TARGET_PREPS | {"over"} | ({"about"} if cls == "protest" else set())
    for host in (noun, noun.head, *children_with(noun, ("acl",))):  # "a tweet directed at X"
        found = prep_object(host, preps)  # "misgivings about Ada Brook": a concern's party
        if found is not None and _party_token(found) is not None:
            return _party_token(found)
    of = prep_object(noun, {"of"})
    if of is not None and cls not in OF_OWNER_CLASSES:
        return _party_token(of)
    return None


def _party_owner(noun: Token) -> Token | None:
    """The party a noun belongs to ("Ardenia's claims", "his tariffs"), if one owns it."""
    owner = _usable_owner(next((c for c in noun.children if c.dep_ == "poss"), None))
    return owner if owner is not None and _agentive(owner) else None


def _label_target(tok: Token, *, verdict: bool = False) -> Token | None:
    """Who is called names: "called Trudeau dishonest" → Trudeau; "He is a liar" → He;
    "Ardenia's false claims" → Ardenia."""
    owner = _party_owner(tok.head if tok.dep_ == "amod" else tok)
    if owner is not None:
        return owner
    if tok.dep_ == "amod" and _named_party_word(tok.head):
        return tok.head  # "dishonest Trudeau" → Trudeau
    frame = _label_frame(tok, verdict=verdict)
    if frame is not None:
        obj = next(iter(children_with(frame, ("dobj",))), None)
        if obj is None:  # "likened Tomas Reyl to …" with the name misparsed as a clause
            obj = next((c for c in frame.children if _misparsed_object(c, tok)), None)
        if obj is not None:
            return _opposed(obj, "criticise")  # "likened the refugees to …": people count
    verb = _governing_verb(tok)
    if verb is not None:
        subj = next(iter(children_with(verb, ("nsubj", "nsubjpass"))), None)
        if subj is not None and not _first_person(subj):
            return _party_token(subj)
    return None


def _misparsed_object(kid: Token, label: Token) -> bool:
    """A bare name right after a label frame, before the label, hung as a clause or dep."""
    return kid.dep_ in ("ccomp", "dep", "npadvmod") and kid.pos_ == "PROPN" and kid.i < label.i


def _target(hit: CueHit) -> Token | None:
    if hit.aim is not None:
        return _party_token(hit.aim)
    if hit.kind == "phrase":  # "at odds with Solvaria", "voted against the bill"
        last = hit.tok.doc[hit.last]
        pobj = next((c for c in last.children if c.dep_ == "pobj"), None)
        if pobj is None and last.pos_ in ("NOUN", "PROPN"):
            pobj = prep_object(last, TARGET_PREPS)  # "a frosty relationship with Solvaria"
        if pobj is not None:
            return _party_token(pobj)
    if hit.kind == "verdict":  # "a special place in hell for X"
        aimed = prep_object(hit.tok, {"for", "against"})
        if aimed is not None and _party_token(aimed) is not None:
            return _party_token(aimed)
    if hit.kind == "verb":
        return _verb_target(hit)
    if hit.kind == "feeling":
        return _party_token(_anger_source(hit.tok)) or _doer_of(_anger_source(hit.tok))
    if hit.kind == "noun":
        return _noun_target(hit.tok)
    if hit.kind == "modal":
        holder = hit.tok if hit.tok.dep_ != "xcomp" else hit.tok.head
        subj = next(iter(children_with(holder, ("nsubj", "nsubjpass"))), None)
        if subj is not None and subj.dep_ == "nsubjpass" and subj.lower_ != "you":
            return None  # "Solvaria should be readmitted": a demand of whoever would do it
        return subj
    return _label_target(hit.tok, verdict=hit.kind == "verdict")


# --------------------------------------------------------------------------- issues


def _text(tokens: list[Token]) -> str:
    toks = sorted(tokens, key=lambda t: t.i)
    text = "".join(t.text_with_ws for t in toks).strip(" ,.;:\"'\u201c\u201d\u2018\u2019")
    words = text.split()
    if len(words) > MAX_ISSUE_WORDS:
        text = " ".join(words[:MAX_ISSUE_WORDS]) + " …"
    return text


def _is_time(tok: Token) -> bool:
    pats = dispute_patterns()
    return tok.ent_type_ in ("DATE", "TIME") or tok.lemma_.lower() in pats.time_words


def _phrase(tok: Token | None) -> str | None:
    if tok is not None and tok.lower_ in RELATIVE:
        tok = relative_antecedent(tok)  # "the meddling, which Trump denounced" → the meddling
        if tok.lower_ in RELATIVE:
            return None
        return _text([t for t in tok.subtree if t.dep_ != "relcl" and t.i <= tok.i]) or None
    if tok is None or _is_time(tok):
        return None
    toks = [t for t in tok.subtree if not (t.dep_ in ("aux", "mark") and t.i == tok.left_edge.i)]
    return _text(toks) or None


def _issue(hit: CueHit, target: Token | None) -> str | None:
    """What is disputed: the accusation's content, the thing rejected or demanded."""
    tok, cls = hit.tok, hit.cue_class
    if hit.kind == "phrase" and target is None:
        last = tok.doc[hit.last]  # "opposed to the treaty": what the closing preposition names
        pobj = next(iter(children_with(last, ("pobj",))), None) if last.dep_ == "prep" else None
        if pobj is not None and not _agentive(pobj) and not _is_time(pobj):
            return _phrase(pobj)
    if hit.kind in ("label", "verdict", "phrase"):
        return _text(list(target.subtree)) if target is not None and not _agentive(target) else None
    if hit.kind == "modal":  # "take down your tariffs", not the "or we will …" joined to it
        own = [c for c in tok.children if c.dep_ == "conj" and children_with(c, ("nsubj",))]
        joined = {t.i for c in own for t in c.subtree} | {
            c.i for c in tok.children if c.dep_ == "cc" and own and c.i < own[0].i
        }
        kept = [t for t in tok.subtree if t.dep_ != "nsubj" and t.i >= tok.i and t.i not in joined]
        return _text(kept)
    if hit.kind == "feeling":
        source = _anger_source(tok)
        return _phrase(source) if source is not None and not _agentive(source) else None
    skip = {hit.verb.prep} if hit.verb is not None and hit.verb.prep else set()
    demanded = hit.kind == "noun" and cls == "demand"  # "insistence on lifting sanctions"
    for prep in ("of", "for", "over", "about", *(("on",) if demanded else ())):
        if prep in skip:
            continue
        pobj = prep_object(tok, {prep})
        if pobj is not None and pobj != target and not _is_time(pobj):
            if prep == "on" and _agentive(pobj):
                continue  # "pressure on Solvaria": the party, not the issue
            return _phrase(pobj)
    obj = next(iter(children_with(tok, ("dobj", "nsubjpass"))), None)
    if obj is not None and hit.verb is not None and obj.lower_ == hit.verb.particle:
        obj = None  # "took aim at": "aim" belongs to the cue
    owned = cls in OWNER_CLASSES | {"demand"}
    if hit.kind == "verb" and obj is not None and owned and obj != target and not _own_side(obj):
        return _phrase(obj)  # not "urged her fellow senators …": they are asked, not opposed
    clauses = ("ccomp", "xcomp", "acl") if hit.kind == "noun" else ("ccomp", "xcomp")
    clause = next(
        (c for c in children_with(tok, clauses) if not (c.dep_ == "acl" and c.tag_ == "VBN")),
        None,
    )  # "insistence that X withdraw"; not "a complaint filed by the SEC"
    if clause is not None:
        return _phrase(clause)
    if obj is not None and obj != target and not _agentive(obj):
        return _phrase(obj)
    return None


# --------------------------------------------------------------------------- assembly


def find_disputes(
    text: str,
    chunks: list[Chunk],
    docs: list[Doc],
    statements: list[Statement],
    book: SpeakerBook,
) -> list[Dispute]:
    """Disputes in every body sentence of an article (narrative and reported)."""
    out: dict[tuple[int, str, str], Dispute] = {}  # one record per cue occurrence
    at: dict[tuple[int, str, str], int] = {}  # where its cue is
    memory = _Memory()
    memory.ahead = [
        (chunk.paragraph, name)
        for chunk, doc in zip(chunks, docs, strict=True)
        if chunk.paragraph <= LEDE_PARAGRAPHS + AHEAD_PARAGRAPHS and doc.has_annotation("DEP")
        for sent in doc.sents
        for name in _bodies_named(sent)
    ]
    for chunk, doc in zip(chunks, docs, strict=True):
        if not doc.has_annotation("DEP"):
            continue
        ctx = _Context(text, chunk.start, chunk.paragraph, statements, book, memory)
        for sent in doc.sents:
            _remember_subjects(sent, ctx)
            found = _sentence_disputes(sent, ctx)
            _remember_bodies(sent, ctx)
            _remember_mentions(sent, ctx)
            _remember_addressed(sent, ctx)
            heads = {h.tok.i for h, d in found if d is not None and h.kind != "label"}
            labels = {h.tok.i for h, d in found if d is not None and h.kind in ("label", "verdict")}
            for hit, dispute in found:
                if dispute is None:
                    continue
                if hit.kind == "label" and _listed_label(hit.tok, labels):
                    continue  # "reckless, provocative, dangerous": one criticism, the first's
                accusing = dispute.cue_class == "accuse"  # "give back what you took while
                # this scam was going on": the demand and the accusation are two records
                if (
                    hit.kind == "label"
                    and not accusing
                    and _in_demanded(hit.tok, dispute.actor, found)
                ):
                    continue  # "insisted that Pyongyang stop its dangerous escapades
                if hit.kind == "label" and _said_in_criticism(dispute, found):
                    continue  # 'attacked Brook, saying "she is unstable"': one criticism
                own = hit.kind == "noun" and owner_of(hit.tok) is not None
                if not own and _nested(hit.tok, heads):
                    continue  # the content of another dispute; "their criticism" stays
                key = (dispute.start, dispute.actor, dispute.cue)
                if key not in out or out[key].confidence < dispute.confidence:
                    out[key] = dispute
                    at[key] = chunk.start + hit.tok.idx
                if dispute.named and dispute.cue_class == "accuse":
                    memory.accuser, memory.accuser_para = dispute.actor, chunk.paragraph
                if dispute.named and dispute.target:
                    memory.targets[dispute.actor] = (dispute.target, chunk.paragraph)
                if dispute.named:
                    memory.last = (dispute, chunk.paragraph)
    order = sorted(out, key=lambda k: (k[0], at[k], out[k].cue_class))
    return [out[k] for k in order]  # in reading order, cue by cue


def _sentence_disputes(sent, ctx: _Context) -> list[tuple[CueHit, Dispute | None]]:
    """Each cue of the sentence with its dispute (or None), read in text order so that a
    demand can take the named party its actor criticised earlier in the same sentence
    ("called X's behaviour outrageous and called for the pay to be clawed back")."""
    hits = find_cues(sent)
    ctx.memory.in_sentence = {}
    found: dict[int, Dispute | None] = {}
    for n in sorted(range(len(hits)), key=lambda n: hits[n].tok.i):
        dispute = _dispute_at(hits[n], ctx)
        found[n] = dispute
        criticised = dispute is not None and dispute.named and dispute.cue_class == "criticise"
        if criticised and dispute.target and _has_proper_word(dispute.target):
            ctx.memory.in_sentence.setdefault(dispute.actor, dispute.target)
    return [(hit, found[n]) for n, hit in enumerate(hits)]


DEMANDING = frozenset({"demand", "warn", "threaten"})


def _said_in_criticism(label: Dispute, found: list) -> bool:
    """A label the actor of a criticism verb or noun in the same sentence uses of the same
    target, or of nobody named, is that criticism's wording, not a second one: "Brook
    attacked Dant, saying he is 'unstable'"."""
    return any(
        d is not None
        and h.kind not in ("label", "verdict")
        and d.cue_class == label.cue_class == "criticise"
        and d.actor == label.actor
        and label.target in (d.target, None)
        for h, d in found
    )


def _in_demanded(tok: Token, actor: str, found: list) -> bool:
    """A label inside what the same actor demands or warns of is part of that demand, not
    a criticism of its own ("insisted that Pyongyang stop its dangerous escapades")."""
    demands = {
        h.tok.i for h, d in found if d is not None and d.actor == actor and d.cue_class in DEMANDING
    }
    return any(a.i in demands for a in tok.ancestors)


def _listed_label(tok: Token, labels: set[int]) -> bool:
    """A label listed after an earlier one ("called it reckless and dangerous", "its
    "reckless, provocative" actions"): one criticism, recorded at the first."""
    node, steps = tok, 0
    while node.dep_ in ("conj", "appos", "amod") and node.head != node and steps < 4:
        node, steps = node.head, steps + 1
        if node.i in labels and node.i < tok.i:
            return True
    if any(t.i in labels and t.i < tok.i for t in tok.conjuncts):
        return True
    siblings = tok.head.children if tok.dep_ == "amod" else ()
    return any(t.dep_ == "amod" and t.i in labels and t.i < tok.i for t in siblings)


NESTING_DEPS = frozenset(
    {
        "xcomp",
        "ccomp",
        "acl",
        "relcl",
        "pcomp",
        "pobj",
        "prep",
        "dobj",
        "conj",
        "advcl",
        "nsubjpass",
    }
)


TIME_MARKS = frozenset({"while", "when", "after", "before", "as"})


def _nested(tok: Token, heads: set[int]) -> bool:
    """The cue is what another cue is about ("rejected a call to withdraw", "denied the
    allegations", "accused X of attacking Y"): one dispute, the outer one's."""
    node, steps = tok, 0
    while node.head != node and steps < 5 and node.dep_ in NESTING_DEPS:
        if node.dep_ == "conj" and node.head.i in heads:
            return False  # "blasted and mocked": two acts
        if node.dep_ == "advcl" and any(c.lower_ in TIME_MARKS for c in node.children):
            return False  # "refused to give it up while asking Ardenia to …": two acts
        node, steps = node.head, steps + 1
        if node.i in heads:
            return True
    return False


def _remember_subjects(sent, ctx: _Context) -> None:
    """Named people who are subjects here, so that a later "he" or "she" in the narrative
    finds them (the speaker layer only remembers people who spoke); and the organisation or
    state last named as a subject, for an "it" whose paragraph names none."""
    for tok in sent:
        body = tok.ent_type_ == "ORG" or _state(tok) or _named_body_word(tok)
        if tok.dep_ in ("nsubj", "nsubjpass") and body:
            party = _resolve(tok, ctx)
            if party is not None and party.kind == "organisation":
                ctx.memory.body_subject = (party, ctx.para)
        if tok.dep_ in ("nsubj", "nsubjpass", "poss") and tok.ent_type_ == "PERSON":
            pos = ctx.off + tok.idx
            found = ctx.book.resolve(tok, pos, ctx.para)
            name, kind, role = found.name, found.kind, found.role
            if kind == "person":
                ctx.book.remember(name, kind, role, pos, ctx.para)


def _named_body_word(tok: Token) -> bool:
    """A body's name the tagger gave no entity: a capitalised group noun ending a name
    ("the Central and East European Coalition")."""
    return tok.pos_ == "PROPN" and tok.text[:1].isupper() and _group_noun(tok)


def _body_subject_before(ctx: _Context) -> _Party | None:
    """The organisation or state last named as a subject, up to BODY_PARAGRAPHS back."""
    found = ctx.memory.body_subject
    if found is None or ctx.para - found[1] > BODY_PARAGRAPHS:
        return None
    return found[0]


BODY_PARAGRAPHS = 2


def _after_avoiding_word(tok: Token) -> bool:
    """The word just before a verb cue (or before its "to") avoids or plans the act, however
    the parser hung it: "Trump avoids condemning …" in a headline parsed as a name."""
    pats = dispute_patterns()
    before = tok.i - 1
    if before >= tok.sent.start and tok.doc[before].lower_ == "to":
        before -= 1
    if before < tok.sent.start:
        return False
    word = tok.doc[before]
    forms = {word.lemma_.lower(), word.lower_, word.lower_.removesuffix("s")}
    return bool(forms & (pats.negating_heads | pats.unreal_heads))


def _blocked(hit: CueHit) -> bool:
    tok = hit.tok
    if hit.kind == "verb" and hit.verb is not None and _after_avoiding_word(tok):
        return True
    if hit.kind in ("label", "verdict", "phrase"):
        if hit.kind == "label" and _negated_label(tok):
            return True
        verb = _governing_verb(tok)
        if verb is None:
            return False
        if hit.kind == "phrase" and tok.doc[hit.first].lower_ in NEGATIONS:
            return any(_hypothetical_mark(c) for c in verb.children)  # "would not sign on to"
        if hit.kind == "label" and _said_of_anyone(verb):
            return True  # "something you would be a fool not to prepare for"
        if _label_frame(tok, verdict=hit.kind == "verdict") is not None or hit.kind == "phrase":
            threat = hit.kind == "phrase" and hit.cue_class == "threaten"
            return is_blocked(verb, future_ok=threat)  # "would be up in arms"; "we will stop …"
        return any(_hypothetical_mark(c) for c in verb.children)
    if hit.kind == "modal":
        return False
    if hit.kind == "verb" and hit.verb is None:
        return False  # "will not accept", "insisted it never": the negation is the dispute
    if hit.kind == "noun":
        verb = _governing_verb(tok)
        unreal = verb is not None and verb.lemma_.lower() in dispute_patterns().unreal_heads
        if unreal and tok.dep_ in ("nsubj", "nsubjpass"):
            return True  # "Farouk's attack on the budget is expected"
        if any(c.dep_ == "poss" for c in tok.children):
            return False  # "if he follows through on his veto threat": the threat was made
        return verb is not None and is_blocked(verb, future_ok=_goes_on(verb))
    return is_blocked(tok)


def _goes_on(verb: Token) -> bool:
    """ "will continue its attacks", "will keep pressing": an act under way, not a plan."""
    return verb.lemma_.lower() in dispute_patterns().continuing_heads


GENERIC_SUBJECTS = frozenset({"you", "one"})
UNREAL_MODALS = frozenset({"would", "could", "might"})


def _said_of_anyone(verb: Token) -> bool:
    """A label in a hypothetical about a generic "you" or "one" ("you would be a fool to …")
    judges nobody in particular."""
    subj = next(iter(children_with(verb, ("nsubj",))), None)
    modal = any(c.dep_ == "aux" and c.lower_ in UNREAL_MODALS for c in verb.children)
    return modal and subj is not None and subj.lower_ in GENERIC_SUBJECTS


CLAIM_PREPS = frozenset({"at", "over", "about"})  # "bristled at the suggestion that …"
PARTITIVES = frozenset({"one", "some", "many", "most", "each", "any", "all"})
# a label after these says what their subject is: "smacked of hypocrisy", "amounts to
# blackmail", "plagued by fraud", "rife with corruption"
LIKENING_VERBS = frozenset(
    {
        "smack",
        "reek",
        "amount",
        "border",
        "verge",
        "resemble",
        "sound",
        "plague",
        "riddle",
        "rife",
        "mire",
        "taint",
    }
)
PREDICATE_DEPS = frozenset({"attr", "acomp", "oprd", "ROOT", "appos", "ccomp", "xcomp"})
POINTING = frozenset({"this", "that", "it", "these", "those", "he", "she", "they", "you"})
NOT_ACTING = frozenset({"this", "that", "it", "these", "those", "you"})  # a phrase subject


def _frame_object_ok(frame: Token) -> bool:
    obj = next(iter(children_with(frame, ("dobj", "nsubjpass"))), None)
    return obj is None or obj.lemma_.lower() not in dispute_patterns().situation_nouns


def _label_aims_at_party(tok: Token) -> bool:
    """A label said of a party or its act ("She's a disgrace", "those comments are
    insulting", "Trump is a disgusting fraud"), not of a situation ("a dangerous time",
    "the pollution became so bad")."""
    if tok.dep_ == "amod" and tok.head.lower_ == "as":
        return True  # "recognised as intolerable", however the parser hangs it
    if tok.dep_ == "amod" and (_named_party_word(tok.head) or _pointed_party(tok.head)):
        return True  # "what weak, dishonest Trudeau did", "this vicious regime": whatever its role
    if _pointed_wrong(tok):
        return True  # "while this scam was going on", "the gravity of this violation"
    node = tok.head if tok.dep_ == "amod" else tok
    while node.dep_ == "conj" and node.head != node:
        node = node.head
    if node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.lower_ in PARTITIVES:
        node = node.head.head  # "that was one of the worst miscalculations": the "one" is it
    if node.dep_ == "pobj" and node.head.lower_ == "as":
        return True  # "should be recognised as intolerable"
    if node.dep_ == "pobj" and node.head.head.lemma_.lower() in LIKENING_VERBS:
        return True  # "the claim smacked of hypocrisy", "amounts to blackmail"
    if _party_owner(tok.head if tok.dep_ == "amod" else tok) is not None:
        return True  # "acted on Ardenia's false claims", "his exaggerations": said of Ardenia
    if tok.dep_ == "amod" and not _evaluated(tok.head):
        return False  # "a dangerous time", "a terrible situation"
    verb = node if node.dep_ == "ROOT" else node.head
    subj = next(iter(children_with(verb, ("nsubj", "nsubjpass", "csubj"))), None)
    if (
        subj is None
        and verb.dep_ == "xcomp"
        and verb.lemma_ == "be"
        and node.dep_ in PREDICATE_DEPS
    ):
        verb = verb.head  # "it needs to be intolerable", "this seems to be reckless"
        subj = next(iter(children_with(verb, ("nsubj", "nsubjpass", "csubj"))), None)
    if node.dep_ == "dobj":  # "the program sent a terrible message", "he started this silliness"
        if subj is not None and subj.lower_ in SPEAKER_SIDE:
            return False  # "we will defeat this vicious disease": nobody's act is judged
        return subj is not None and (_evaluated(subj) or subj.lower_ in POINTING)
    if node.dep_ not in PREDICATE_DEPS:
        return False
    if subj is None:
        return node.dep_ == "ROOT"
    if subj.lower_ in SPEAKER_SIDE:
        return False  # "You think I'm stupid": the speaker's own, opposed to nobody
    situation = subj.lemma_.lower() in dispute_patterns().situation_nouns
    return not (_is_time(subj) or situation)  # "the facts were still unclear"


ACT_VERDICT_CLASSES = frozenset({"accuse", "criticise"})


def _verdict_on_a_party(hit: CueHit) -> bool:
    """A verdict that is a verb ("is lying", "wasted an opportunity", "discriminates
    against") accuses its subject, so the subject must be a party other than the speaker or
    a party's act (`evaluated_acts`): '"Dant is lying," Brook said' and "the plan
    discriminates against fathers" yes; "the papers were lying on the desk" and "I lied
    about it" (an admission) no; nor "I have no idea", a phrase said of the speaker."""
    tok = hit.tok
    listed = hit.first >= 0  # a phrase of `verdict_phrases`, not a negated virtue
    if not listed or hit.cue_class not in ACT_VERDICT_CLASSES:
        return True
    if tok.pos_ != "VERB":  # "I have no idea what they need": the speaker's own admission
        verb = _governing_verb(tok)
        subj = next(iter(children_with(verb, ("nsubj",))), None) if verb is not None else None
        return subj is None or not _first_person(subj)
    subj = subject_of(tok)
    if subj is None or _first_person(subj):
        return False
    act = subj.lemma_.lower() in dispute_patterns().evaluated_acts  # "the plan discriminates"
    return _agentive(subj) or act


def _named_party_word(tok: Token) -> bool:
    """A proper name of a party ("Trudeau", "Ardenia"), not a common noun."""
    if tok.pos_ != "PROPN" or not _agentive(tok):
        return False
    plural = tok.lower_[:-1] if tok.tag_ == "NNPS" else tok.lower_
    return plural not in dispute_patterns().documents  # not "unfair Trade Deals"


def _pointed_wrong(tok: Token) -> bool:
    """An accusation noun pointed at ("this scam", "that cover-up", "this violation"): a
    wrong someone did, whatever the sentence does with it."""
    if tok.pos_ != "NOUN" or dispute_patterns().labels.get(tok.lower_) != "accuse":
        return False
    return _pointed_at(tok)


def _pointed_party(noun: Token) -> bool:
    """A party pointed at ("this regime", "that dreadful organization"): a body or person
    noun under a demonstrative, the one the words are about."""
    if not _pointed_at(noun):
        return False
    return _group_noun(noun) or read_mention(noun).kind in ("person", "description")


def _evaluated(noun: Token) -> bool:
    """A party, or a party's act ("the decision", "those comments", "Ardenia's tariffs")."""
    if _agentive(noun) or noun.lemma_.lower() in dispute_patterns().evaluated_acts:
        return True
    return any(c.dep_ == "poss" or c.lower_ in POINTING for c in noun.children)


def _dispute_at(hit: CueHit, ctx: _Context) -> Dispute | None:
    pats = dispute_patterns()
    tok = hit.tok
    pos = ctx.off + tok.idx
    index = _statement_at(pos, ctx.statements)
    if _blocked(hit):
        return None
    frame = _label_frame(tok, verdict=hit.kind == "verdict")
    framed = frame is not None
    if framed and hit.kind == "label" and not _frame_object_ok(frame):
        return None  # "described the incident as regrettable": no party, no act
    if hit.kind == "label" and framed and match_verb(frame) is not None:
        return None  # "condemned the test as provocative": one criticism, the verb's
    if hit.kind in ("label", "verdict", "modal") and index is None and not framed:
        return None  # labels, denial formulas and modal demands count only as someone's words
    if hit.kind == "label" and not framed and not _label_aims_at_party(tok):
        return None
    if hit.kind == "label" and tok.pos_ == "VERB" and children_with(tok, ("dobj",)):
        return None  # "one of the things worrying them": a verb with an object, no label
    if hit.kind == "verdict" and not _verdict_on_a_party(hit):
        return None
    if hit.kind == "verdict" and not framed and _in_an_adjunct(hit):
        return None  # "not cutting a poor deal for the sake of a photo op": said of nothing
    if tok.lemma_.lower() in pats.reciprocal and _our_own_differences(tok):
        return None  # '"Sometimes we disagree, but we always speak," Macron said
    if hit.kind == "verb" and hit.cue_class == "warn" and _warns_of_self(tok, ctx):
        return None  # "cautioning the media that he was in no rush": his own conduct
    joined = _hyphenated_pair(tok) if tok.lemma_.lower() in pats.reciprocal else None
    if joined is not None:  # "US-China sparring": the first named against the second
        first, second = joined
        return _dispute(hit, first, False, second, _issue(hit, None), index, ctx)
    earlier = _dispute_referred_to(hit, ctx)
    if earlier is not None:  # "… under pressure from Congress. That criticism grew …"
        actor, target = _Party(earlier.actor, earlier.actor_type), earlier.target
        target_party = _Party(target, "organisation") if target else None
        return _dispute(hit, actor, False, target_party, _issue(hit, None), index, ctx)
    actor, via_statement = _actor(hit, index, ctx)
    if actor is None:
        return None
    pair = ctx.memory.pairs.get(actor.name)
    if pair is not None and tok.lemma_.lower() in pats.reciprocal:
        actor = _Party(pair[0], "person")  # "The two have clashed": one record, first named
        return _dispute(hit, actor, False, _Party(pair[1], "person"), _issue(hit, None), index, ctx)
    target_tok = _target(hit)
    if target_tok is not None and _within_cue(target_tok, hit):
        target_tok = None  # 'Calls Ada Brook "A Disgrace"': the label is no party
    titled = target_tok is not None and _in_document_title(target_tok)  # "… Trafficking Act"
    target = _resolve(target_tok, ctx) if target_tok is not None and not titled else None
    if target is not None and _object_pronoun(target_tok):
        others = {actor.name}
        speaker = _speaker(index, ctx)
        if speaker is not None and (
            _in_quote(target_tok) or ctx.statements[index].kind == "direct"
        ):
            others.add(speaker.name)  # '"… Trudeau starts blasting him," Kudlow said'
        if target.name in others:
            target = _pronoun_other_than(target_tok, others, ctx)
    if target is not None and target.kind == "person" and target_tok.lower_ in PERSON_PRONOUNS:
        # "Shelby said he refused to follow her commands": the woman named in the sentence
        named_here = _gendered_name_before(target_tok, {actor.name}, ctx)
        target = named_here or target
    unnamed = target is None or target.kind not in NAMED
    owned_by = target_tok is not None and target_tok.lower_ in ("its", "their")
    if unnamed and owned_by:
        owner = _group_antecedent(target_tok)  # "its critics", "their claims"
        target = _resolve(owner, ctx) if owner is not None else target
    own = target_tok is not None and target_tok.tag_ == "PRP$" and frame is not None
    if hit.kind == "label" and own and target is not None and target.name == actor.name:
        return None  # "called her vote a mistake": an admission, nobody opposed
    if target is not None and target_tok is not None and _co_subject(hit.tok) == target_tok:
        actor = _first_of_pair(target_tok, actor, ctx)
    if target is not None and target.name == actor.name and _counterpart_of(target_tok):
        target = _sentence_party(hit, actor, index, ctx)  # "disagrees with her former boss"
    if target is not None and (target.name == actor.name or target.kind == "unresolved"):
        target = None
    if target is not None and not _is_party_name(target.name):
        target = None  # "the Group of Seven meeting": look further for the party
    if target is None:
        target = _implied_target(hit, actor, index, ctx)
    if target is None and hit.aim is None and (via_statement or hit.kind in SPOKEN_KINDS):
        spoken_to = _spoken_to(tok, index, ctx) if _second_person(tok.sent) else None
        target = spoken_to or _adversary(actor, ctx)
    lemma = tok.lemma_.lower()
    needs_party = target is None and lemma in pats.needs_target_lemmas
    needs_party = needs_party and hit.kind in ("verb", "noun")
    # what a verb that needs a party rejects instead: a deal, bill or plan ("China resisted
    # such agreements"), or a meeting, summit or ceremony ("scratching a signing ceremony")
    acted_on = next(iter(children_with(tok, ("dobj",))), None) if hit.kind == "verb" else None
    on_text = needs_party and acted_on is not None and _document(acted_on)
    on_event = needs_party and acted_on is not None and _event(acted_on)
    if needs_party and not (on_text or on_event):
        return None
    self_owned = acted_on is not None and any(c.lower_ == "own" for c in acted_on.children)
    if self_owned and hit.cue_class == "reject":
        return None  # "since he suspended his own campaign": nobody else's plan or meeting
    if hit.cue_class == "protest" and _for_welfare(hit):
        return None  # "worried about Brook's health": care for her, not a protest
    pointing = target_tok is not None and target_tok.lower_ in THINGS_POINTED_AT
    # '"I'm very troubled by that," he said' of an act told before: its doer is looked for
    # below, as for a judged "it" or "that"
    troubled_by_that = pointing and hit.cue_class == "protest" and index is not None
    needy = hit.kind == "phrase" and hit.cue_class in ("protest", "demand")
    if target is None and needy and not troubled_by_that:
        return None  # "troubled by the situation", "pressure on prices": a party is needed
    # '"You should resign"' and an order with no subject ("Take down your tariffs") address
    # someone: the later fall-backs find whom
    ordered = hit.kind == "modal" and not children_with(tok, ("nsubj", "nsubjpass", "aux"))
    claimed = _at_a_claim(tok)  # "bristles at the suggestion …": no party is looked for
    addressed = ordered or (
        hit.kind == "modal" and target_tok is not None and target_tok.lower_ == "you"
    )
    if target is None and hit.kind == "verb" and hit.cue_class == "demand" and not claimed:
        earlier = ctx.memory.in_sentence.get(actor.name)  # "called X's conduct outrageous
        target = _Party(earlier, "organisation") if earlier else None  # and called for …"
    if (
        target is None
        and hit.kind in ("verb", "noun", "modal")
        and hit.cue_class in pats.needs_target
        and not addressed
        and not claimed
        and lemma not in pats.no_target_lemmas
    ):
        return None
    judged = pointing and (hit.kind in ACT_KINDS or hit.cue_class in JUDGING)
    court = hit.kind == "noun" and filed(tok)  # who else the sentence names is no defendant
    a_law = titled or (target_tok is not None and _document(target_tok))  # "voted against
    a_law = a_law or _opposing_an_act(hit)  # the … Act", "opponents of taking in migrants"
    if target is None and (target_tok is None or judged) and not (on_text or court or a_law):
        target = _sentence_party(hit, actor, index, ctx)  # "it was demoralizing to work for X"
    if target is None and not (withholds(tok) or claimed or on_text or a_law):
        target = _last_adversary(actor, ctx) or _salient_party(actor, ctx)
    issue = _phrase(acted_on) if on_event else _issue(hit, target_tok)
    return _dispute(hit, actor, via_statement, target, issue, index, ctx)


def _opposing_an_act(hit: CueHit) -> bool:
    """ "the most strident opponents of taking in migrants": a critic or opponent of an act
    (a gerund) opposes the act, and no party is guessed for it."""
    if hit.kind != "noun" or hit.tok.lemma_.lower() not in dispute_patterns().agent_nouns:
        return False
    of = prep_object(hit.tok, {"of"})
    return of is not None and of.pos_ == "VERB"


def _event(tok: Token) -> bool:
    """A meeting, summit, talks or ceremony (`event_nouns`, as lemma or as written)."""
    events = dispute_patterns().event_nouns
    return tok.lemma_.lower() in events or tok.lower_ in events


def _in_an_adjunct(hit: CueHit) -> bool:
    """A verdict noun phrase that is the object of a preposition other than "as" ("for the
    sake of a photo op"): no party is said to be it."""
    root = hit.tok
    return root.pos_ == "NOUN" and root.dep_ == "pobj" and root.head.lower_ != "as"


def _our_own_differences(verb: Token) -> bool:
    """A reciprocal verb ("disagree", "clash") whose subject is "we" and that names no one
    on the other side: the speaker describes a partnership's differences, no dispute."""
    subj = next(iter(children_with(verb, ("nsubj",))), None)
    if subj is None or subj.lower_ != "we":
        return False
    return prep_object(verb, {"with", "against"}) is None


def _at_a_claim(verb: Token) -> bool:
    """The cue's object is a claim nobody named owns ("dismissed the report", "bristles at the
    suggestion he won't be ready"): a dispute without a party, so none is looked for."""
    obj = next(iter(children_with(verb, ("dobj",))), None)
    obj = obj if obj is not None else prep_object(verb, CLAIM_PREPS)
    return obj is not None and obj.lemma_.lower() in dispute_patterns().claim_nouns


def _warns_of_self(verb: Token, ctx: _Context) -> bool:
    """A warning whose "that" clause is about the one warning ("cautioning the media that he
    was in no rush", "warned that we would not wait"): no other party's conduct."""
    conduct = _warned_conduct(verb)
    if conduct is None or conduct.pos_ != "PRON":
        return False
    if conduct.lower_ in SPEAKER_SIDE:
        return True
    warner = subject_of(verb)
    warned = next(iter(children_with(verb, ("dobj", "dative"))), None)
    if warned is not None and (warned.ent_type_ == "PERSON" or warned.pos_ in ("PRON", "PROPN")):
        return False  # "warned Ivo Dant that he would pay": he is likelier the one warned
    if warner is None or conduct.lower_ not in GENDERED:
        return False
    found, own = _resolve(conduct, ctx), _resolve(warner, ctx)
    return found is not None and own is not None and found.name == own.name


def _within_cue(tok: Token, hit: CueHit) -> bool:
    first = hit.first if hit.first >= 0 else hit.tok.i
    return tok.i == hit.tok.i or first <= tok.i <= hit.last


def _first_of_pair(other: Token, actor: _Party, ctx: _Context) -> _Party:
    """ "Ardenia and Solvaria clashed" → Ardenia acts against Solvaria, not the pair."""
    first = other.head
    found = ctx.book.resolve_alone(first, ctx.off + first.idx, ctx.para)
    name, kind = found.name, found.kind
    if kind not in NAMED or name == actor.name:
        return actor
    return _Party(full_party_name(name), kind)


THINGS_POINTED_AT = frozenset({"it", "this", "that", "these", "those", "what"})
JUDGING = frozenset({"criticise", "protest", "dismiss"})  # "that is not true": a claim's subject
OBJECT_PRONOUNS = frozenset({"him", "her", "them"})


def _object_pronoun(tok: Token | None) -> bool:
    """A personal pronoun as an object ("blasted him"), not a possessive ("her plan")."""
    return tok is not None and tok.lower_ in OBJECT_PRONOUNS and tok.tag_ != "PRP$"


def _pronoun_other_than(tok: Token, others: set[str], ctx: _Context) -> _Party | None:
    """ "Brook blasted him": an object pronoun never stands for its own clause's subject (a
    reflexive would), nor in someone's quoted words for the speaker (who would say "me"), so
    it is the most salient earlier person other than those."""
    pos = ctx.off + tok.idx
    name = ctx.book.resolve_pronoun(
        read_mention(tok).gender,
        pos,
        ctx.para,
        own_clause(tok, pos),
        exclude=frozenset(others),
    )
    return _Party(name, "person") if name else None


def _sentence_party(hit: CueHit, actor: _Party, index: int | None, ctx: _Context) -> _Party | None:
    """The named party a sentence puts within the cue's reach when its syntax names none:
    first one inside the cue's own phrase ("condemned North Korea's latest test" → North
    Korea), then the other named party nearest the cue ("Trump said the deal Kim offered
    wasn't good enough" → Kim). The actor, the statement's speaker and whom the words were
    told to are never it."""
    sent = hit.tok.sent
    excluded = {actor.name}
    speaker = _speaker(index, ctx)
    if speaker is not None:
        excluded.add(speaker.name)
    reporter = _reporting_subject(hit.tok, ctx)
    if reporter is not None:
        excluded.add(reporter.name)  # "Christie described Clinton as … after she blamed …"
    inside = {t.i for t in hit.tok.subtree}
    doer = _syntactic_actor(hit)
    own = {t.i for t in doer.subtree} if isinstance(doer, Token) else set()
    found: list[tuple[int, int, _Party]] = []
    for ent in sent.ents:
        root = _ent_head(ent)
        setting = _setting(root) and not (root.i in inside and _owned_act(root))
        if ent.label_ not in AGENT_ENTS or _told_to(root) or setting or root.i in own:
            continue  # "America's partners" never oppose America; "in Hanoi" is a place
        if root.lemma_.lower() in dispute_patterns().event_nouns or _document(root):
            continue  # "the Group of Seven meeting", "the Communique" are no party
        if _in_document_title(ent[0]):
            continue  # "the Justice for Victims of Trafficking Act" is a law, no party
        if _speakers_own(root):
            continue  # "I have instructed our U.S. Reps": the speaker's side
        if _describes(root, excluded):
            continue  # "Ivo Dant, director of the Arms Council": Dant's own body
        if _addressed_by(root, hit):
            continue  # "unfair to Ada Brook", "a dog whistle to all Americans": not opposed
        group = _group_owned_by(root)
        party = _owned_group(group) if group is not None else _resolve(root, ctx)
        if party is None or party.kind not in NAMED or party.name in excluded:
            continue
        if not _is_party_name(party.name):
            continue  # "the weekend's Group of Seven meeting"
        if _name_words(party.name) & _name_words(actor.name):
            continue
        found.append((root.i not in inside, abs(root.i - hit.tok.i), party))
    return min(found, key=lambda f: (f[0], f[1]))[2] if found else None


def _addressed_by(tok: Token, hit: CueHit) -> bool:
    """A name in a "to"/"for" phrase on the cue, or on the verb that says the cue of its
    subject ("unfair to Ada Brook", "it's a dog whistle to all Americans, especially …"):
    whom the act wrongs or speaks to, not whom it opposes."""
    while tok.dep_ in ("conj", "appos") and tok.head != tok:
        tok = tok.head
    if tok.dep_ != "pobj" or tok.head.lower_ not in ("to", "for"):
        return False
    attached = tok.head.head
    return attached == hit.tok or (attached == hit.tok.head and hit.tok.dep_ in PREDICATE_DEPS)


def _ent_head(ent) -> Token:
    """An entity's head word; "the Supreme Court ruling" with "the" hung on "ruling" is
    still headed by "Court", never by "the"."""
    if ent.root.pos_ != "DET" or len(ent) == 1:
        return ent.root
    return next((t for t in reversed(ent) if t.pos_ != "DET"), ent.root)


def _group_owned_by(tok: Token) -> Token | None:
    """The group a name owns ("America's top allies", "Ardenia's partners"): the party meant,
    never the owner itself, who stands with that group."""
    return tok.head if tok.dep_ == "poss" and _relation_owner(tok.head) == tok else None


def _relation_owner(noun: Token) -> Token | None:
    """The named party that owns a group standing with it: "Ardenia" in "Ardenia's allies"."""
    if not {noun.lemma_.lower(), noun.lower_} & dispute_patterns().relation_nouns:
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    named = owner is not None and (owner.pos_ == "PROPN" or owner.ent_type_ in AGENT_ENTS)
    return owner if named else None


def _owned_group(group: Token) -> _Party:
    """ "America's top allies" as written: its owner's name and the words before the noun."""
    words = [t for t in group.subtree if t.i <= group.i and t.dep_ != "det"]
    return _Party(_text(words), "organisation")


SPEAKERS_OWN = frozenset({"my", "our"})


def _speakers_own(tok: Token) -> bool:
    """A name inside a phrase the speaker calls their own ("our U.S. Reps", "my Republican
    friends"): the speaker's side, never their opponent."""
    node, steps = tok, 0
    while steps < 3:
        if any(c.dep_ == "poss" and c.lower_ in SPEAKERS_OWN for c in node.children):
            return True
        if node.dep_ not in ("compound", "amod", "nmod") or node.head == node:
            return False
        node, steps = node.head, steps + 1
    return False


DESCRIBING_DEPS = frozenset({"prep", "pobj", "compound", "amod", "nmod", "poss", "npadvmod"})


def _describes(tok: Token, names: set[str]) -> bool:
    """The name sits in an apposition describing one of `names` (the actor or speaker):
    "Ada Brook, Democrat of Norland", "Ivo Dant, a Kelvar lawyer", "Lena Varga, the head
    of the Arms Council" — their place or body, never their opponent."""
    words = {w.lower() for name in names for w in name.split()}
    node, steps = tok, 0
    while steps < 6 and node.head != node:
        if node.dep_ == "appos" or (node.dep_ == "compound" and node.head.lower_ in words):
            return node.head.lower_ in words  # "Senate Minority Leader Chuck Ames" too
        if node.dep_ not in DESCRIBING_DEPS:
            return False
        node, steps = node.head, steps + 1
    return False


def _reporting_subject(tok: Token, ctx: _Context) -> _Party | None:
    """Who reports or judges the clause a cue sits in: the subject of the nearest speech verb
    or label frame above it, never the cue's own opponent."""
    frames = dispute_patterns().label_frames
    node, steps = tok, 0
    while node.head != node and steps < 6:
        child, node, steps = node, node.head, steps + 1
        reporting = is_cue(node) or node.lemma_.lower() in frames
        if node.pos_ in VERB_POS and reporting and child.dep_ != "conj":
            who = subject_of(node)  # "…, but Pyongyang challenged …" is no report of Pompeo's
            party = _resolve(who, ctx) if who is not None else None
            return party if party is not None and party.kind == "person" else None
    return None


def _told_to(tok: Token) -> bool:
    """The addressee or medium of a speech verb ("told Capital Download", "said on CNN", "told
    the British network ITV")."""
    if tok.dep_ in ("appos", "poss"):
        tok = tok.head  # "the network ITV", "CNN's morning show": beside what was told
    before = tok.doc[tok.i - 1] if tok.i > tok.sent.start else None
    medium = before is not None and before.lemma_.lower() in dispute_patterns().media_nouns
    if medium and _told_to(before):
        return True  # "told the British network ITV Thursday", however parsed
    head = tok.head.head if tok.dep_ == "pobj" else tok.head
    if any(c.dep_ == "xcomp" for c in head.children):
        return False  # "asking the U.S. to drop its sanctions": asked to act, a party
    return tok.dep_ in ("dobj", "dative", "pobj") and head.lemma_.lower() in SPEECH_HEADS


SPEECH_HEADS = frozenset({"tell", "say", "write", "tweet", "ask", "add"})
PLACE_PREPS = frozenset({"in", "at", "from", "outside", "near", "inside", "across", "into"})


def _setting(tok: Token) -> bool:
    """A name that only describes something else: a place ("in Tulsa, Oklahoma"), a
    nationality ("the Afghan president") or a modifier ("the EB-5 program")."""
    place = tok.head if tok.dep_ in ("appos", "conj") else tok
    if place.dep_ == "pobj" and place.head.lower_ in PLACE_PREPS:
        return True
    if tok.dep_ == "amod" or tok.tag_ == "JJ":
        return True
    if tok.dep_ == "npadvmod" and tok.head.tag_ == "VBN" and tok.head.dep_ == "amod":
        return True  # "a Saudi-led coalition", "US-backed forces": who leads, not who is opposed
    if tok.dep_ in ("compound", "nmod") and _hit_by(tok.head):
        return False  # "tariffs on U.S. exports": the state whose goods are hit
    return tok.dep_ in ("compound", "nmod") and not _agentive(tok.head)


def _owned_act(tok: Token) -> bool:
    """A named body or person written before its own ruling or decision ("resistance to the
    Supreme Court ruling", `ruling_nouns`), not a name that only sorts a thing ("the EB-5
    program")."""
    ruling = tok.head.lemma_.lower() in dispute_patterns().ruling_nouns
    return ruling and tok.dep_ == "compound" and tok.ent_type_ in ("ORG", "PERSON")


def _hit_by(noun: Token) -> bool:
    """The thing a measure falls on: "tariffs on U.S. exports", "sanctions against Kelvar
    banks" (the object of "on"/"against" under a noun)."""
    prep = noun.head
    return (
        noun.dep_ == "pobj"
        and prep.lower_ in ("on", "against")
        and prep.head.pos_ in ("NOUN", "PROPN")
    )


def _name_words(name: str) -> set[str]:
    return {w.lower() for w in name.replace("-", " ").split() if w[:1].isupper()}


SPOKEN_KINDS = frozenset({"label", "verdict", "modal"})
ADDRESSING = frozenset({"tell", "say", "ask", "warn", "write", "scold", "urge"})


def _addressee(tok: Token, ctx: _Context) -> _Party | None:
    """Whom the words were said to: '"You should resign," Warren told Stumpf' → Stumpf."""
    return next((party for _, party in _addressings(tok.sent, ctx)), None)


def _addressings(sent, ctx: _Context) -> Iterator[tuple[Token, _Party]]:
    """(speech verb, named party it addresses) in a sentence: "Warren told Stumpf" → Stumpf."""
    for verb in sent:
        if verb.lemma_.lower() not in ADDRESSING or verb.pos_ != "VERB":
            continue
        for kid in verb.children:
            if kid.dep_ in ("dobj", "dative") and _agentive(kid) and kid.pos_ != "PRON":
                if _programme(kid):
                    continue  # "told MSNBC's "Morning Joe"": a show, nobody addressed
                party = _resolve(kid, ctx)
                if party is not None and party.kind in NAMED:
                    yield verb, party


def _programme(tok: Token) -> bool:
    """A title in quotation marks or owned by an outlet ("MSNBC's "Morning Joe"")."""
    first = tok.left_edge.i
    titled = tok.doc[first].is_quote or (first > 0 and tok.doc[first - 1].is_quote)
    owned = any(c.dep_ == "poss" and c.ent_type_ == "ORG" for c in tok.children)
    return titled or owned


def _spoken_to(tok: Token, index: int | None, ctx: _Context) -> _Party | None:
    """Whom a "you" means: the party this sentence addresses, else, in a statement, the one its
    speaker last addressed by name a few paragraphs back ("Brook told Vogt … '"You went on
    television to blame the workers," she added' → Vogt)."""
    found = _addressee(tok, ctx)
    speaker = _speaker(index, ctx) if found is None else None
    if speaker is None:
        return found
    party, para = ctx.memory.addressed.get(speaker.name, (None, -10))
    return party if ctx.para - para <= ADVERSARY_PARAGRAPHS else None


def _remember_addressed(sent, ctx: _Context) -> None:
    """Who told whom by name in this sentence, for a later "you" in the teller's words."""
    for verb, party in _addressings(sent, ctx):
        teller = next(iter(children_with(verb, ("nsubj",))), None)
        told = _resolve(teller, ctx) if teller is not None else None
        named = told is not None and told.kind in NAMED and told.name != party.name
        if named and party.kind == "person":  # a person, not "told CNN"
            ctx.memory.addressed[told.name] = (party, ctx.para)


SECOND_PERSON = frozenset({"you", "your", "yours", "yourself", "yourselves"})


def _second_person(sent) -> bool:
    """Words that address someone ("You should resign"); a label said *to* a newspaper or a
    broadcaster ('"This is troubling," Brook told Radio Kelvar') is not aimed at it."""
    return any(t.lower_ in SECOND_PERSON for t in sent)


ADVERSARY_PARAGRAPHS = 3
SALIENCE_DECAY = 0.7  # a mention's weight per paragraph back


def _remember_mentions(sent, ctx: _Context) -> None:
    """Names of people, bodies and states, for the party an article's dispute is about."""
    for ent in sent.ents:
        root = ent.root
        if ent.label_ in ("PERSON", "ORG", "GPE") and not (_setting(root) or _told_to(root)):
            ctx.memory.mentions.append((root, ctx.off, ctx.para))  # not "in Hanoi", "told CNN"


def _last_adversary(actor: _Party, ctx: _Context) -> _Party | None:
    """Whom the actor last disputed with anywhere earlier in the article."""
    last = ctx.memory.targets.get(actor.name)
    if last is None or last[0] == actor.name:
        return None
    person = ctx.book.is_person_name(last[0]) and " and " not in last[0]
    return _Party(last[0], "person" if person else "organisation")


def _salient_party(actor: _Party, ctx: _Context) -> _Party | None:
    """The named party the article has been about, other than the actor: "Trump walked away"
    in a story about his talks with Kim → Kim. Mentions count less with each paragraph back."""
    scores: dict[str, float] = {}
    kinds: dict[str, str] = {}
    words = _name_words(actor.name)
    for tok, off, para in ctx.memory.mentions:
        found = ctx.book.resolve_alone(tok, off + tok.idx, para)  # each of "A and B"
        name, kind = full_party_name(found.name), found.kind
        if kind not in NAMED or name == actor.name or _name_words(name) & words:
            continue
        if not _proper_name(name) or not _is_party_name(name):
            continue  # "With two months to goTrump": a headline run into the name
        scores[name] = scores.get(name, 0.0) + SALIENCE_DECAY ** (ctx.para - para)
        kinds[name] = kind
    if not scores:
        return None
    best = max(scores, key=lambda n: scores[n])
    return _Party(best, kinds[best])


def _adversary(actor: _Party, ctx: _Context) -> _Party | None:
    """The party this actor last disputed with, in this or the previous paragraph, or the
    person they last disputed with up to ADVERSARY_PARAGRAPHS back: a speaker who goes on
    ("That is a betrayal.", "It's gutless leadership," Warren said) still means them."""
    last = ctx.memory.targets.get(actor.name)
    if last is None or last[0] == actor.name:
        return None
    near = ctx.para - last[1] <= 1
    person = ctx.book.is_person_name(last[0]) and " and " not in last[0]
    if not near and not (person and ctx.para - last[1] <= ADVERSARY_PARAGRAPHS):
        return None
    return _Party(last[0], "person" if person else "organisation")


def _implied_target(hit: CueHit, actor: _Party, index: int | None, ctx: _Context) -> _Party | None:
    """The unnamed owner of a rejected call or accusation, from the context.

    "Borrell said Lavrov rejected a call …" → Borrell (the reporter of the call);
    "X accused Y of … . Y rejected the accusation." → X (the latest accuser).
    """
    if hit.kind != "verb" or hit.cue_class not in OWNER_CLASSES:
        return None
    obj = next(iter(children_with(hit.tok, ("dobj",))), None)
    if obj is None:
        return None
    pats = dispute_patterns()
    lemma = obj.lemma_.lower()
    if lemma in pats.accusation_nouns and any(c.dep_ == "det" for c in obj.children):
        mem = ctx.memory
        if mem.accuser and mem.accuser != actor.name and ctx.para - mem.accuser_para <= 1:
            return _Party(mem.accuser, "person")
    if lemma in pats.proposal_nouns and index is not None:
        speaker = _speaker(index, ctx)
        if speaker is not None and speaker.name != actor.name:
            return speaker
    return None


PRONOUN_WORDS = frozenset(
    "i me my we us our you your he him his she her it its they them their".split()
)


def _has_proper_word(name: str) -> bool:
    """A name, not a description: some word starts with a capital ("relatively new terrorist
    group" is no named party; "Democratic-controlled House" is)."""
    return any(word[:1].isupper() for word in name.split())


NAME_LINKS = frozenset({"of", "and", "the", "for", "de", "al", "bin", "van", "von"})


def _proper_name(name: str) -> bool:
    """Every word of a name is capitalised or a linking word ("Group of Seven")."""
    words = name.split()
    return bool(words) and all(w[:1].isupper() or w in NAME_LINKS for w in words)


def _is_party_name(name: str) -> bool:
    """A target readers can use: never a pronoun, a relative word, a date or an event
    ("the Group of Seven meeting" is where parties met, not one of them)."""
    lower = name.lower().strip()
    if lower.split()[-1:] and lower.split()[-1] in dispute_patterns().event_nouns:
        return False
    return bool(lower) and lower not in PRONOUN_WORDS and lower not in RELATIVE


def _confidence(hit: CueHit, via_statement: bool, target: _Party | None) -> float:
    conf = dispute_patterns().confidence
    score = {
        "verb": conf.verb,
        "phrase": conf.phrase,
        "noun": conf.noun,
        "label": conf.label,
        "verdict": conf.phrase,
        "modal": conf.modal,
        "feeling": conf.phrase,
    }[hit.kind]
    if via_statement:
        score += conf.actor_from_statement
    if target is not None:
        score += conf.named_target
    return round(max(0.0, min(1.0, score)), 2)


def _dispute(
    hit: CueHit,
    actor: _Party,
    via_statement: bool,
    target: _Party | None,
    issue: str | None,
    index: int | None,
    ctx: _Context,
) -> Dispute:
    sent = hit.tok.sent
    s_start, s_end = ctx.off + sent.start_char, ctx.off + sent.end_char
    named = actor.kind in NAMED and _has_proper_word(actor.name)
    if target is not None and not _is_party_name(target.name):
        target = None
    return Dispute(
        actor=actor.name,
        cue=hit.text,
        cue_class=hit.cue_class,
        evidence=ctx.text[s_start:s_end].strip(),
        start=s_start,
        end=s_end,
        target=target.name if target is not None else None,
        issue=issue or None,
        statement_index=index,
        actor_type=actor.kind if named else "unresolved",  # type: ignore[arg-type]
        escalation=dispute_patterns().ladder.get(hit.cue_class, 1),
        confidence=_confidence(hit, via_statement, target),
    )
