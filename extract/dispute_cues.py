"""Where a sentence carries a dispute cue, read off the parse: verbs, nouns, labels, phrases.

The words are data (`patterns/dispute_cues.json`); this module only decides which token
carries a cue and drops the word senses that are no dispute ("hammered out a deal",
"attack helicopters", "charged into the room"). Who the parties are is `disputes.py`'s job.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Literal

from spacy.tokens import Span, Token

from extract.patterns import DisputeCue, dispute_patterns
from extract.speakers import is_title, read_mention

CueKind = Literal["verb", "noun", "label", "verdict", "phrase", "modal", "feeling"]
VERB_POS = frozenset({"VERB", "AUX"})
NOMINAL_POS = frozenset({"NOUN", "PROPN"})
LABEL_POS = frozenset({"ADJ", "NOUN", "VERB", "PROPN"})
AGENT_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
MODAL_VERBS = frozenset({"need", "have"})  # "X needs to …", "X has to …"
ADDRESS_MODALS = frozenset({"should", "must"})  # "You should resign" (not "you have to walk")


@dataclass(frozen=True, slots=True)
class CueHit:
    """One cue occurrence: the token that carries it, its class and what kind of cue it is."""

    tok: Token
    cue_class: str
    kind: CueKind
    text: str
    verb: DisputeCue | None = None
    first: int = -1  # the first and last token index of a phrase cue
    last: int = -1
    aim: Token | None = None  # whom the cue names as its target, where the cue itself says


def children_with(tok: Token, deps: frozenset[str] | tuple[str, ...]) -> list[Token]:
    """The token's children whose dependency label is one of `deps`."""
    return [c for c in tok.children if c.dep_ in deps]


def match_verb(tok: Token) -> DisputeCue | None:
    """The verb cue a token carries, with its particle and preposition if the cue needs them.

    "Russia slammed the sanctions." → slam; "He hit out at critics." → hit out at;
    "They walked away from the talks." → walk away from; "He hit the ball." → None.
    """
    if tok.pos_ not in VERB_POS:
        return None
    kids = {c.lower_ for c in tok.children if c.dep_ in ("prt", "prep", "advmod", "dobj", "advcl")}
    # "backed out of": the parser may hang "of" under "out"
    kids |= {
        g.lower_
        for c in tok.children
        if c.dep_ in ("prt", "prep", "advmod")
        for g in c.children
        if g.dep_ == "prep"
    }
    for cue in dispute_patterns().cues.get(tok.lemma_.lower(), ()):
        if cue.particle and cue.particle not in kids:
            continue
        if cue.prep and cue.prep not in kids:
            continue
        return cue
    return None


def prep_object(tok: Token, preps: frozenset[str] | set[str]) -> Token | None:
    """The object of a preposition (or particle, agent, dative) of `tok` that is one of
    `preps`: "criticism from Ardenia" with {"from"} → Ardenia."""
    for c in tok.children:
        if c.dep_ in ("prep", "agent", "prt", "dative") and c.lower_ in preps:
            return next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
    return None


def cue_prep_object(verb: Token, cue: DisputeCue) -> Token | None:
    """The object of a verb cue's own preposition: "walked away from the talks" → talks;
    "backed out of the deal" → deal, wherever the parser hung "of" (on the verb or under
    "out"). None for a cue without a preposition."""
    if not cue.prep:
        return None
    found = prep_object(verb, {cue.prep})
    if found is None and cue.particle:
        particle = next((c for c in verb.children if c.lower_ == cue.particle), None)
        found = prep_object(particle, {cue.prep}) if particle is not None else None
    return found


def _military(tok: Token | None) -> bool:
    if tok is None:
        return False
    pats = dispute_patterns()
    return any(t.lemma_.lower() in pats.military_nouns for t in (tok, *tok.children))


def _person_like(tok: Token | None) -> bool:
    """A person (name, title, pronoun) rather than a state or an army."""
    if tok is None:
        return False
    if tok.ent_type_ == "PERSON" or tok.lower_ in ("he", "she", "i", "you", "him", "her"):
        return True
    if tok.lower_ == "one":  # "attacked one of its critics"
        of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        pats = dispute_patterns()
        return pobj is not None and pobj.lemma_.lower() in pats.agent_nouns | pats.group_nouns
    return (tok.pos_ == "PROPN" and tok.ent_type_ == "") or is_title(tok)  # "the senator"


def _general_ill(noun: Token) -> bool:
    """An ill opposed in general ("gun violence", "terrorism"), owned by no party: no
    possessor, no party-named modifier ("Russian aggression" is not listed anyway) and no "by",
    "of", "against" or "from" phrase."""
    if noun.lemma_.lower() not in dispute_patterns().scourge_nouns:
        return False
    owned = any(
        c.dep_ == "poss" or (c.dep_ in ("compound", "amod") and c.ent_type_ in AGENT_ENTS)
        for c in noun.children
    )
    aimed = any(
        c.dep_ == "prep" and c.lower_ in ("by", "of", "against", "from") for c in noun.children
    )
    return not (owned or aimed)


def _verb_sense_ok(tok: Token, cue: DisputeCue) -> bool:
    """Drop senses that are no dispute.

    "hammered out a deal", "pressed on with the visit" (a particle the cue does not have);
    "charged into the room" (no object); "troops attacked the town" (violence, not words).
    """
    pats = dispute_patterns()
    lemma = tok.lemma_.lower()
    prts = [c.lower_ for c in tok.children if c.dep_ == "prt"]
    if any(p in pats.phrasal_senses and p != cue.particle for p in prts):
        return False
    obj = next(iter(children_with(tok, ("dobj", "nsubjpass"))), None)
    if lemma in pats.verb_needs_object and not cue.particle:
        has_clause = any(c.dep_ in ("ccomp", "xcomp") for c in tok.children)
        if obj is None and not has_clause and not children_with(tok, ("dative",)):
            return False
    if obj is not None and (obj.lower_ in pats.not_objects or obj.lemma_ in pats.not_objects):
        return False
    if cue.cue_class in ("criticise", "reject") and obj is not None and _general_ill(obj):
        return False  # "opposes gun violence", "condemned terrorism": no party opposed
    if cue.cue_class == "demand" and obj is not None and obj.lemma_.lower() in pats.appeal_objects:
        return False  # "called for calm", "urged dialogue": an appeal, nobody opposed
    act = next(iter(children_with(tok, ("xcomp",))), None)
    if cue.cue_class == "demand" and act is not None and act.lemma_.lower() in pats.encouraged_acts:
        return False  # "urged Cruz to run", "pressed her to stay on": support, not a demand
    if lemma in pats.risk_verbs and children_with(tok, ("xcomp",)) and _a_thing_risks(tok):
        return False  # "the measure … threatens to overshadow the summit": a risk, no threat
    if lemma in pats.reciprocal and _military(next(iter(children_with(tok, ("nsubj",))), None)):
        return False  # "police and protesters clashed": a fight, not a dispute
    if lemma in pats.person_only and not cue.particle:
        subj = next(iter(children_with(tok, ("nsubj", "agent"))), None)
        if subj is not None and subj.dep_ == "agent":
            subj = next(iter(children_with(subj, ("pobj",))), None)
        if _military(subj) or (_military(obj) and not _person_like(subj)):
            return False  # "gunmen attacked officers"; a named person attacking them speaks
        if not (_person_like(subj) or _person_like(obj)):
            return False
    return True


def _a_thing_risks(verb: Token) -> bool:
    """The one that "threatens to …" is a thing, not a party: a singular common noun no entity,
    title or party word covers ("the tumult", "a measure", "the president's willingness")."""
    doer = next(iter(children_with(verb, ("nsubj",))), None)
    if doer is None and verb.dep_ == "acl":
        doer = verb.head  # "a measure … threaten to overshadow", however the parser hangs it
    if doer is None or doer.pos_ != "NOUN" or doer.tag_ != "NN" or doer.ent_type_:
        return False
    pats = dispute_patterns()
    if is_title(doer) or doer.lemma_.lower() in pats.group_nouns | pats.agent_nouns:
        return False
    return read_mention(doer).kind == "unnamed"


def _demands_action(tok: Token) -> bool:
    """ "insisted that Solvaria withdraw / must withdraw" (a demand), not "insisted it had";
    for a noun, its "that" clause ("his insistence that the U.S. is a victim" is none)."""
    clause = next(iter(children_with(tok, ("ccomp", "acl"))), None)
    if clause is None:
        return False
    pats = dispute_patterns()
    modal = pats.modal_demands
    auxes = [c.lower_ for c in clause.children if c.dep_ in ("aux", "auxpass")]
    if any(a in pats.hypothetical_aux and a not in modal for a in auxes):
        return False  # "insisted negotiations would continue": a forecast, not a demand
    return clause.tag_ == "VB" or any(
        c.dep_ in ("aux", "auxpass") and (c.lower_ in modal or c.tag_ == "VB")
        for c in clause.children
    )


def _insisted_denial(tok: Token) -> CueHit | None:
    """ "insisted it had never …", "maintains it has not armed rebels": a denial."""
    pats = dispute_patterns()
    if tok.pos_ not in VERB_POS or tok.lemma_.lower() not in pats.denial_frames:
        return None
    clause = next(iter(children_with(tok, ("ccomp",))), None)
    near = [] if clause is None else [clause, *clause.children]  # the parser may hang "not" low
    if not any(c.dep_ == "neg" or c.lower_ == "never" for n in near for c in n.children):
        return None
    doer = next(iter(children_with(clause, ("nsubj", "nsubjpass"))), None)
    if doer is None or not (doer.pos_ in ("PRON", "PROPN") or doer.ent_type_ in AGENT_ENTS):
        return None  # "stressed that military might alone won't end the threat": no one denies
    return CueHit(tok, "deny", "verb", tok.text)


def _has_needed(tok: Token, needs: frozenset[str]) -> bool:
    """ "asked Solvaria to hand over" (xcomp), "pressed for a vote", "charged that" / "charged
    X with": the sense that is a dispute; "asked Reyes about", "asked X to explain", "charged
    consumers a price" are not."""
    for c in tok.children:
        if c.dep_ in needs and c.lemma_.lower() not in dispute_patterns().talk_verbs:
            return True
        if c.dep_ in ("prep", "prt") and c.lower_ in needs:
            return True
    return False


def _not_until(tok: Token) -> CueHit | None:
    """ "would not end until Teluria pays" (a threat), "will not be lifted until X acts" (a
    refusal): a condition put to someone, said by the speaker."""
    if tok.pos_ not in VERB_POS:
        return None
    neg = next((c for c in tok.children if c.dep_ == "neg"), None)
    until = next((c for c in tok.children if c.lower_ == "until" or _has_mark(c, "until")), None)
    if neg is None or until is None:
        return None
    cls = "threaten" if tok.lemma_.lower() in dispute_patterns().until_threats else "reject"
    clause = until if until.lower_ != "until" else next(iter(children_with(until, ("pobj",))), None)
    if until.lower_ == "until" and (clause is None or _time_word(clause)):
        return None  # "has not acted, until recently": a time, no condition
    aim = next(iter(children_with(clause, ("nsubj",))), clause) if clause is not None else None
    return CueHit(tok, cls, "verdict", f"{neg.text} {tok.text} … until", aim=aim)


def _time_word(tok: Token) -> bool:
    return tok.ent_type_ in ("DATE", "TIME") or tok.lemma_.lower() in dispute_patterns().time_words


def _refusal_of_act(tok: Token) -> bool:
    """ "refused to cooperate" is a rejection; "declined to comment" or "refused to condemn"
    (a dispute avoided) is not."""
    pats = dispute_patterns()
    clause = next(iter(children_with(tok, ("xcomp",))), None)
    if clause is None:
        return True
    objects = [c for c in clause.children if c.dep_ == "dobj"]
    if any(o.lemma_.lower() in pats.noun_cues for o in objects):
        return False  # "refused to assign blame"
    if clause.lemma_.lower() in pats.talk_verbs:  # "to disclose her records", not "to comment"
        return withholds(tok) and bool(objects)
    avoided = match_verb(clause)  # "refused to condemn", "refused to rule out": no rejection
    # "refused to walk away from its nuclear programme": holding on against whoever asked
    return avoided is None or avoided.cue_class == "demand" or _giving_up(clause, avoided)


def withholds(verb: Token) -> bool:
    """ "refused to disclose / reveal / share / make public …" (`withheld_acts`): keeping back
    what was asked for."""
    clause = next(iter(children_with(verb, ("xcomp",))), None)
    if verb.lemma_.lower() != "refuse" or clause is None:
        return False
    act = clause.lemma_.lower()
    if act == "make" and any(c.lower_ == "public" for c in clause.subtree):
        act = "make public"  # "refuses to make public his tax returns"
    return act in dispute_patterns().withheld_acts


def _giving_up(clause: Token, cue: DisputeCue) -> bool:
    """Walking away from, withdrawing from or pulling out of one's own thing ("its nuclear
    programme", "his troops"): refusing that is holding on, not avoiding a rejection."""
    if cue.cue_class != "reject" or not cue.particle:
        return False
    held = cue_prep_object(clause, cue)
    return held is not None and any(c.dep_ == "poss" for c in held.children)


def _verb_hits(tok: Token) -> CueHit | None:
    cue = match_verb(tok)
    if cue is None or (tok.dep_ == "amod" and tok.tag_ == "VBN") or not _verb_sense_ok(tok, cue):
        return None  # "the disputed region" describes, it does not dispute
    lemma = tok.lemma_.lower()
    if lemma in dispute_patterns().subjunctive_lemmas and not _demands_action(tok):
        return None
    if lemma in dispute_patterns().negating_heads and not _refusal_of_act(tok):
        return None
    needs = dispute_patterns().verb_needs.get(lemma)
    if needs is not None and not _has_needed(tok, needs):
        return None
    words = [tok.text] + [
        c.text
        for c in tok.children
        if c.lower_ in (cue.particle, cue.prep) and c.dep_ in ("prt", "prep", "advmod", "dobj")
    ]  # "took aim at": the noun "aim" is part of the cue
    return CueHit(tok, cue.cue_class, "verb", " ".join(words), verb=cue)


def _negations(verb: Token) -> list[Token]:
    """The negations on a verb or its auxiliaries ("never will accept": the negation sits on
    "will")."""
    auxes = children_with(verb, ("aux",))
    return [c for w in (verb, *auxes) for c in w.children if c.dep_ == "neg" or c.lower_ == "never"]


def _negated_reject(tok: Token) -> CueHit | None:
    """ "do not support", "will not accept", "never will accept", "never recognised": a
    rejection."""
    pats = dispute_patterns()
    if tok.pos_ not in VERB_POS or tok.lemma_.lower() not in pats.negated_reject:
        return None
    negs = _negations(tok)
    neg = negs[0] if negs else None
    objs = children_with(tok, ("dobj", "ccomp", "xcomp"))
    if neg is not None and not objs and tok.lemma_.lower() in pats.negated_reject_alone:
        return CueHit(tok, "reject", "verb", f"{neg.text} {tok.text}")  # "has not conceded"
    if neg is None or not objs or any(o.ent_type_ == "PERSON" for o in objs):
        return None  # "did not support Mr. Trump" is a vote, not a rejection
    return CueHit(tok, "reject", "verb", f"{neg.text} {tok.text}")


CONDITION_MARKS = frozenset({"if", "unless"})
FUTURE_AUX = frozenset({"will", "would", "'ll", "wo"})


OFFER_VERBS = frozenset({"offer", "propose", "invite", "suggest"})
DECLINING = frozenset({"decline", "refuse"})


def _declined_offer(tok: Token) -> CueHit | None:
    """ "his attorney offered a closed session, but Chaffetz declined": a refusal with no
    object of its own rejects the offer made earlier in its sentence, and its maker."""
    if tok.pos_ not in VERB_POS or tok.lemma_.lower() not in DECLINING:
        return None
    if children_with(tok, ("dobj", "xcomp", "ccomp", "prep")):
        return None  # "declined to comment", "declined the offer": the usual readings
    for earlier in tok.sent[: tok.i - tok.sent.start]:
        if earlier.pos_ in VERB_POS and earlier.lemma_.lower() in OFFER_VERBS:
            maker = next(iter(children_with(earlier, ("nsubj",))), None)
            if maker is not None and maker.pos_ != "PRON":
                return CueHit(tok, "reject", "verb", tok.text, aim=maker)
    return None


def _conditional_threat(tok: Token) -> CueHit | None:
    """A punishing act promised on a party's conduct: "he'll tear up the treaty if the
    Europeans don't shape up", "would take further measures if North Korea conducted
    another test" → a threat against the party of the "if" clause (`threat_acts`: a verb,
    or a verb and the particle or object that makes it punishing)."""
    pats = dispute_patterns()
    if tok.pos_ not in VERB_POS or tok.lemma_.lower() not in pats.threat_acts:
        return None
    if not any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in tok.children):
        return None
    kids = {c.lemma_.lower() for c in tok.children if c.dep_ in ("prt", "dobj")}
    words = pats.threat_acts.get(tok.lemma_.lower(), frozenset())
    if words and not kids & words:
        return None  # "take a walk", "tear the page": no punishing act
    for clause in children_with(tok, ("advcl",)):
        if not any(c.lower_ in CONDITION_MARKS for c in clause.children):
            continue
        subj = next(iter(children_with(clause, ("nsubj",))), None)
        if subj is not None and (subj.ent_type_ in AGENT_ENTS or subj.pos_ == "PROPN"):
            return CueHit(tok, "threaten", "verb", f"{tok.text} … if", aim=subj)
    return None


def _withheld_defence(tok: Token) -> CueHit | None:
    """ "would not come to the defense of X", "will not defend X": protection withheld from
    a party, a threat (`withheld_defence`: the verbs, and the nouns of "come to the … of")."""
    pats = dispute_patterns()
    if tok.pos_ not in VERB_POS or tok.lemma_.lower() not in pats.withheld_defence:
        return None
    negs = _negations(tok)
    if not negs:
        return None
    aim = next(iter(children_with(tok, ("dobj",))), None)  # "will not defend Ardenia"
    if aim is not None and aim.ent_type_ not in AGENT_ENTS:
        aim = None  # "cannot defend his own record": a thing, no party left unprotected
    for prep in children_with(tok, ("prep",)):  # "come to the defense of other members"
        noun = next(iter(children_with(prep, ("pobj",))), None)
        if noun is not None and noun.lemma_.lower() in pats.withheld_defence:
            aim = prep_object(noun, {"of"})
    if aim is None or not (aim.ent_type_ in AGENT_ENTS or aim.pos_ == "NOUN"):
        return None  # "will not come to the meeting": no one's protection
    return CueHit(tok, "threaten", "verb", f"{negs[0].text} {tok.text}", aim=aim)


PREDICATES = frozenset({"acomp", "attr", "ROOT", "ccomp", "xcomp", "conj"})
POINTING_SUBJECTS = frozenset({"this", "that", "it", "these", "those", "he", "she", "they", "you"})
NEGATIONS = frozenset({"not", "n't", "never"})
SPEAKER_OWN = frozenset({"my", "our"})
SPEAKER_SIDE = frozenset({"i", "we"})


def _negated_virtue(tok: Token) -> CueHit | None:
    """A virtue denied to a party or its act, in someone's words: a criticism.

    "This just isn't right." / "The approach is simply not working." / "Ardenia would not be
    a credible partner." → criticise; "I am not ready", "The weather is not fair" → nothing.
    """
    pats = dispute_patterns()
    if tok.lemma_.lower() not in pats.negated_virtues and tok.lower_ not in pats.negated_virtues:
        return None
    if tok.pos_ in VERB_POS:
        if any(c.dep_ in ("prep", "dobj", "prt") for c in tok.children):
            return None  # "had not worked on the case": labour, not success
        clause = tok  # "is not working"
    elif tok.pos_ == "ADJ" and tok.dep_ in PREDICATES:
        clause = tok.head  # "isn't right"
    elif tok.dep_ == "amod" and tok.head.dep_ == "attr":
        clause = tok.head.head  # "not a credible partner"
    elif tok.pos_ == "NOUN" and tok.dep_ == "attr":
        if any(c.dep_ == "amod" and c.lemma_.lower() in pats.negated_virtues for c in tok.children):
            return None  # "a credible partner": one cue, the adjective's
        clause = tok.head  # "is not our ally"
    else:
        return None
    neg = next((c for c in clause.children if c.dep_ == "neg" or c.lower_ == "never"), None)
    if neg is None or neg.lower_.replace("\u2019", "'") not in NEGATIONS:
        return None
    subj = next(iter(children_with(clause, ("nsubj", "nsubjpass"))), None)
    if subj is None or not _evaluable(subj):
        return None
    return CueHit(tok, "criticise", "verdict", f"{neg.text} {tok.text}")


def _evaluable(subj: Token) -> bool:
    """A party, its act or a pointing word ("this", "he") — never the speaker ("I", "we"), a
    situation ("the weather") or a time."""
    pats = dispute_patterns()
    lemma = subj.lemma_.lower()
    if subj.lower_ in POINTING_SUBJECTS or subj.ent_type_ in AGENT_ENTS or subj.pos_ == "PROPN":
        return True
    if lemma in pats.situation_nouns or lemma in pats.time_words:
        return False
    owners = [c for c in subj.children if c.dep_ == "poss"]
    if any(c.lower_ in SPEAKER_OWN for c in owners):
        return False  # "our approach has not worked": the speaker's own
    pointed = any(c.dep_ == "det" and c.lower_ in POINTING_SUBJECTS for c in subj.children)
    return lemma in pats.evaluated_acts or bool(owners) or pointed  # "this arrangement"


def _noun_hit(tok: Token) -> CueHit | None:
    """A cue noun that is no modifier of another noun ("attack helicopters", "threat level")."""
    pats = dispute_patterns()
    if tok.pos_ not in NOMINAL_POS:
        return None
    if tok.dep_ == "compound" and not (tok.lemma_.lower() == "critic" and tok.head.pos_ == "PROPN"):
        return None  # "attack helicopters"; but "Trump critic Mark Cuban" is a critic
    cls = pats.noun_cues.get(tok.lemma_.lower())
    if cls is None:
        return None
    if tok.lemma_.lower() in pats.person_only and (_military(tok) or _at_a_place(tok)):
        return None  # "terror attacks", "the Paris attacks": violence, not words
    if _role_in_a_contest(tok):
        return None  # "Clinton's Democratic opponent": a rival, not an act of opposing
    if _danger(tok):
        return None  # "in response to the al Qaeda threat": a danger, no words of threat
    if any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children):
        return None
    needs = pats.verb_needs.get(tok.lemma_.lower())
    if needs is not None and not _has_needed(tok, needs):
        return None  # "his insistence that the U.S. is a victim" demands nothing
    if cls == "protest" and filed(tok):
        cls = "accuse"  # "a civil complaint filed by the SEC": a charge in court
    that = any(c.dep_ in ("ccomp", "acl") and _has_mark(c, "that") for c in tok.children)
    if that and cls == "demand" and not _demands_action(tok):
        return None  # "his insistence that the U.S. is being victimized": a claim
    return CueHit(tok, cls, "noun", tok.text)


def filed(noun: Token) -> bool:
    """A complaint filed ("filed a complaint", "a complaint filed by X", and the complaints
    listed with one) is a legal charge; a complaint voiced or lodged stays a protest."""
    first = noun.head if noun.dep_ == "conj" else noun
    filing = dispute_patterns().filing_verbs
    if first.dep_ == "dobj" and first.head.lemma_.lower() in filing:
        return True
    return any(c.dep_ == "acl" and c.lemma_.lower() in filing for c in first.children)


AIMING_PREPS = frozenset({"to", "against", "on", "of"})


def _danger(noun: Token) -> bool:
    """A singular "threat" that nobody owns by a possessive, aims at nobody and was issued by
    nobody ("the al Qaeda threat", "the threat from the north") is a danger, not a threat made:
    "Putin's threat to Estonia", "threats against Ardenia", "issued a threat" stay threats."""
    pats = dispute_patterns()
    if noun.lemma_.lower() not in pats.danger_nouns or noun.tag_ != "NN":
        return False
    if any(
        c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in AIMING_PREPS) for c in noun.children
    ):
        return False
    return not (noun.dep_ == "dobj" and noun.head.lemma_.lower() in pats.light_verbs)


def _harsh_voice(tok: Token) -> CueHit | None:
    """A statement, tweet or speech the writer calls scathing ("in yet another scathing tweet
    directed at Canada"): a criticism by whoever voiced it; a long tweet is none."""
    pats = dispute_patterns()
    if tok.pos_ not in NOMINAL_POS or tok.lemma_.lower() not in pats.voicing_nouns:
        return None
    harsh = next(
        (c for c in tok.children if c.dep_ == "amod" and c.lower_ in pats.harsh_voices), None
    )
    return CueHit(tok, "criticise", "noun", f"{harsh.text} {tok.text}") if harsh else None


def _at_a_place(noun: Token) -> bool:
    """A noun named after a place ("the Paris attacks"): an event there, nobody's words."""
    return any(c.dep_ == "compound" and c.ent_type_ in PLACE_ENTS for c in noun.children)


PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})


def _role_in_a_contest(noun: Token) -> bool:
    """One party's "opponent" or "rival" in a race, unless opposing a thing ("an opponent
    of the treaty"); plural "his opponents" stay the people who oppose him."""
    if noun.tag_ != "NN" or noun.lemma_.lower() not in dispute_patterns().role_nouns:
        return False
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    opposed = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    return opposed is None or opposed.ent_type_ in AGENT_ENTS


def _has_mark(clause: Token, word: str) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == word for c in clause.children)


def _label_hit(tok: Token) -> CueHit | None:
    """An evaluative word ("dishonest", "a disgrace") or denial word ("false", "nonsense")."""
    pats = dispute_patterns()
    cls = pats.labels.get(tok.lower_)
    if cls is None and tok.pos_ == "NOUN":
        cls = pats.labels.get(tok.lemma_.lower())  # "liars", but not "worse" → "bad"
    if cls is None or tok.pos_ not in LABEL_POS:
        return None
    if tok.dep_ == "conj" and _label_hit(tok.head) is not None:
        return None  # "reckless, provocative, dangerous" is one label
    if tok.dep_ == "amod" and _label_hit(tok.head) is not None:
        return None  # "a disgusting fraud" is one label
    if tok.dep_ == "compound" or (tok.i > 0 and tok.nbor(-1).text == "-"):
        return None  # "low-lying"
    if tok.pos_ == "VERB" and any(c.dep_ in ("prt", "auxpass") for c in tok.children):
        return None  # "it should be broken up"
    return CueHit(tok, cls, "label", tok.text)


@cache
def _phrases_by_first_word() -> dict[str, tuple[tuple[tuple[str, ...], str, CueKind], ...]]:
    """Act phrases and verdict phrases, indexed by their first word for one pass per sentence."""
    pats = dispute_patterns()
    index: dict[str, list[tuple[tuple[str, ...], str, CueKind]]] = {}
    for table, kind in ((pats.phrases, "phrase"), (pats.verdicts, "verdict")):
        for phrase, cls in table.items():
            index.setdefault(phrase[0], []).append((phrase, cls, kind))
    return {word: tuple(entries) for word, entries in index.items()}


def _phrase_hits(sent: Span, forms: list[tuple[str, str]]) -> list[CueHit]:
    """Act phrases ("at odds with": the subject acts) and verdicts ("a waste of time", "was
    behind": said of the subject, so the speaker or the "called X …" subject acts).

    A phrase word matches a token's form or lemma; "*" matches any one word; quotation marks
    inside a phrase are skipped ('"resolutely opposed" to the test')."""
    index = _phrases_by_first_word()
    words = [(i, form) for i, form in enumerate(forms) if not sent[i].is_quote]
    out = []
    for n, (i, (lower, lemma)) in enumerate(words):
        for phrase, cls, kind in index.get(lower, ()) + index.get(lemma, ()) * (lemma != lower):
            window = words[n : n + len(phrase)]
            if len(window) == len(phrase) and all(
                w == "*" or w in form for w, (_, form) in zip(phrase, window, strict=True)
            ):
                span = sent[i : window[-1][0] + 1]
                if any(h.cue_class == cls and h.last >= span.start for h in out):
                    continue  # "is lying to": one cue, though "be lying" and "lie to" both match
                if _interrupting(span.root):
                    continue  # "cutting off a reporter who asked …": no threat
                hit = CueHit(span.root, cls, kind, span.text, first=span.start, last=span.end - 1)
                out.append(hit)
    return out


def _interrupting(verb: Token) -> bool:
    """ "cut off a reporter", "cut off the questioner": stopping someone talking."""
    obj = next(iter(children_with(verb, ("dobj",))), None)
    return obj is not None and obj.lemma_.lower() in dispute_patterns().interrupted


def _feeling_hit(tok: Token) -> CueHit | None:
    """ "tariffs that infuriated Solvaria", "Solvaria was angered by …": whoever is angered
    criticises whoever angered them; "an angered crowd" (a modifier) is no act."""
    if tok.pos_ not in VERB_POS or tok.lemma_.lower() not in dispute_patterns().experiencer_verbs:
        return None
    if tok.dep_ == "amod":
        return None
    return CueHit(tok, "criticise", "feeling", tok.text)


def _modal_hit(tok: Token) -> CueHit | None:
    """ "X should resign", "X must stop", "X needs to tell the truth": a demand of X."""
    pats = dispute_patterns()
    if tok.pos_ not in VERB_POS:
        return None
    modal = next(
        (c for c in tok.children if c.dep_ == "aux" and c.lower_ in pats.modal_demands), None
    )
    if modal is None and tok.dep_ == "xcomp" and tok.head.lemma_.lower() in MODAL_VERBS:
        modal = tok.head
        if not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
            return None
    if modal is None:
        return None
    holder = tok if modal != tok.head else tok.head
    subj = next(iter(children_with(holder, ("nsubj", "nsubjpass"))), None)
    named = subj is not None and (subj.ent_type_ in AGENT_ENTS or subj.pos_ == "PROPN")
    named = named and subj.ent_type_ != "LOC"  # "Europe must defend itself": a region
    addressed = subj is not None and subj.lower_ == "you" and modal.lower_ in ADDRESS_MODALS
    if subj is None or not (named or addressed):
        return None  # "you have to walk" is a maxim; "You should resign" a demand
    if any(t.lower_ in SPEAKER_SIDE for t in (subj, *subj.conjuncts)):
        return None  # "you and I should unite behind …": an appeal to one's own side
    return CueHit(tok, "demand", "modal", f"{modal.text} {tok.text}")


@cache
def _trigger_words() -> frozenset[str]:
    """Every form or lemma that can start a verb, noun or label cue (a cheap first filter)."""
    pats = dispute_patterns()
    return frozenset(
        set(pats.cues)
        | set(pats.noun_cues)
        | set(pats.labels)
        | pats.negated_reject
        | pats.denial_frames
        | pats.experiencer_verbs
        | pats.negated_virtues
        | pats.withheld_defence
        | set(pats.threat_acts)
    )


def _verb_cue(tok: Token, until: bool, modal: bool, addressed: bool) -> CueHit | None:
    hit = _verb_hits(tok) or _negated_reject(tok) or _insisted_denial(tok) or _feeling_hit(tok)
    hit = hit or _withheld_defence(tok) or _conditional_threat(tok) or _declined_offer(tok)
    if hit is None and until:
        hit = _not_until(tok)
    if hit is None and modal:
        hit = _modal_hit(tok)
    if hit is None and addressed:
        hit = _imperative_hit(tok)
    return hit


SENTENCE_OPENERS = frozenset({"so", "now", "please", "and", "just"})
ORDER_DEPS = frozenset({"ROOT", "xcomp", "ccomp", "parataxis"})


def _imperative_hit(tok: Token) -> CueHit | None:
    """ "Take down your tariffs or we will more than match you!": an order opening a sentence,
    about something of the one addressed ("your"), is a demand of them (counted, like a modal
    demand, only in someone's words)."""
    if tok.tag_ != "VB" or tok.dep_ not in ORDER_DEPS or children_with(tok, ("nsubj", "aux")):
        return None
    start = tok.sent.start
    if tok.dep_ != "ROOT":  # '… he added, "Take down your tariffs …"': the quotation's start
        quotes = [t for t in tok.sent if t.is_quote and t.i < tok.i]
        start = quotes[-1].i + 1 if quotes else tok.i + 1
    opener = next(
        (
            t
            for t in tok.doc[start : tok.i + 1]
            if not (t.is_punct or t.is_quote or t.lower_ in SENTENCE_OPENERS)
        ),
        None,
    )
    obj = next(iter(children_with(tok, ("dobj",))), None)
    if opener != tok or obj is None or not any(c.lower_ == "your" for c in obj.children):
        return None
    particle = " ".join(c.text for c in tok.children if c.dep_ == "prt")
    return CueHit(tok, "demand", "modal", f"{tok.text} {particle}".strip())


def _stance_against(tok: Token) -> CueHit | None:
    """ "she was totally against the war", "we are against any deal": being against a thing
    rejects it. Not "up against" a rival, nor an "against" that hangs on anything but a plain
    copula with a subject ("voted against", "the case against him")."""
    if tok.lower_ != "against" or tok.dep_ != "prep" or not children_with(tok, ("pobj",)):
        return None
    be = tok.head
    if be.lemma_.lower() != "be" or not children_with(be, ("nsubj",)):
        return None
    if any(c.lower_ == "up" for c in (*be.children, *tok.children)):
        return None
    return CueHit(tok, "reject", "phrase", tok.text, first=tok.i, last=tok.i)


def find_cues(sent: Span) -> list[CueHit]:
    """Every cue occurrence in a sentence, in text order (a phrase hides the words it covers)."""
    tokens = list(sent)
    forms = [(t.lower_.replace("\u2019", "'"), t.lemma_.lower()) for t in tokens]
    phrases = _phrase_hits(sent, forms)
    covered = {i for h in phrases for i in range(h.first, h.last + 1)}
    hits: list[CueHit] = list(phrases)
    triggers = _trigger_words()
    lowers = {lower for lower, _ in forms}
    until = "until" in lowers
    modal = bool(lowers & (dispute_patterns().modal_demands | MODAL_VERBS))
    addressed = "your" in lowers
    for tok, (lower, lemma) in zip(tokens, forms, strict=True):
        if tok.i in covered:
            continue
        if lower == "against":
            stance = _stance_against(tok)
            hits += [stance] if stance is not None else []
            continue
        harsh = _harsh_voice(tok)
        if harsh is not None:
            hits.append(harsh)
            continue
        if not (until or modal or addressed) and lemma not in triggers and lower not in triggers:
            continue
        hit = _verb_cue(tok, until, modal, addressed) if tok.pos_ in VERB_POS else None
        if hit is None and tok.pos_ in NOMINAL_POS:
            hit = _noun_hit(tok)
        if hit is None:
            hit = _label_hit(tok)
        if hit is None:
            hit = _negated_virtue(tok)
        if hit is not None:
            hits.append(hit)
    return sorted(hits, key=lambda h: h.tok.i)
