"""Dispute rules: who rejects, denies, accuses, blames, criticises, warns, demands, protests.

Cues come from `patterns/dispute_cues.json` (CAMEO-style classes): verbs ("rejected",
"hit out at"), nouns after a light verb ("lodged a protest with") and dismissive
predicates inside reported speech ("said the claims were baseless"). The rules run on
the same parse as the statement rules; a dispute inside a statement's content is linked
to it.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from extract.chunks import Chunk
from extract.model import Dispute, Statement
from extract.patterns import DisputeCue, dispute_patterns
from extract.speakers import SpeakerBook, clean_name, name_core, read_mention
from extract.statements import is_cue, subject_of

OWNER_CLASSES = frozenset({"reject", "deny", "dismiss"})
ISSUE_PREPS = frozenset({"of", "for", "over", "about", "on", "against"})
AGENTIVE = frozenset({"person", "organisation", "description", "pronoun"})
NOUN_TARGET_PREPS = frozenset({"against", "to", "with", "at", "on"})
DEFINITE = frozenset({"the", "this", "that", "these", "those"})


@dataclass(slots=True)
class _Accuser:
    """The actor of the most recent accuse-class dispute (for "rejected the accusation")."""

    name: str | None = None
    para: int = -10


def match_cue(tok: Token) -> DisputeCue | None:
    """The dispute cue a verb token carries, checking particles ("hit out at", "rule out").

    "Russia slammed the sanctions." → slam/criticise; "He hit out at critics." → hit out at;
    "She took aim at the coalition." → take aim at; "He hit the ball." → None.
    """
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    kids = {c.lower_ for c in tok.children if c.dep_ in ("prt", "prep", "advmod", "dobj")}
    for cue in dispute_patterns().cues.get(tok.lemma_.lower(), ()):
        if cue.particle and cue.particle not in kids:
            continue
        if cue.prep and cue.prep not in kids:
            continue
        return cue
    return None


def match_noun_cue(tok: Token) -> DisputeCue | None:
    """A dispute noun as the object of a light verb, which then carries the act.

    "Solvaria levelled accusations against Ardenian diplomats." → accuse;
    "Ardenia lodged a formal protest with Solvaria." → protest;
    "The ministry has yet to respond to the accusations." → None (no light verb).
    """
    if tok.dep_ != "dobj" or tok.pos_ != "NOUN":
        return None
    pats = dispute_patterns()
    cue_class = pats.noun_cues.get(tok.lemma_.lower())
    if cue_class is None or tok.head.lemma_.lower() not in pats.light_verbs:
        return None
    return DisputeCue(tok.lemma_.lower(), cue_class)


def is_blocked(tok: Token) -> bool:
    """Negated, avoided, expected or hypothetical cues are not disputes.

    "He did not criticise Iran." / "She refused to condemn the attack." /
    "The plan could be rejected if …" / "is expected to reject" / "No delegate criticised" →
    blocked.
    """
    pats = dispute_patterns()
    if any(c.dep_ == "neg" or c.lower_ == "never" for c in tok.children):
        return True
    if any(
        c.dep_ in ("aux", "auxpass") and c.lower_ in pats.hypothetical_aux for c in tok.children
    ):
        return True
    heads = pats.negating_heads | pats.unreal_heads
    node, steps = tok, 0
    while node.head is not node and steps < 3:
        if any(c.dep_ == "mark" and c.lower_ in pats.hypothetical_marks for c in node.children):
            return True
        if node.dep_ in ("xcomp", "pcomp", "pobj", "prep") and node.head.lemma_.lower() in heads:
            return True
        if node.dep_ not in ("xcomp", "pcomp", "pobj", "prep", "conj"):
            break
        node, steps = node.head, steps + 1
    return False


def _negative_subject(subj: Token) -> bool:
    """ "No delegate criticised …", "Nobody blamed …": nobody did it."""
    pats = dispute_patterns()
    if subj.lower_ in pats.negative_subjects:
        return True
    return any(c.dep_ == "det" and c.lower_ == "no" for c in subj.children)


def _object(tok: Token) -> Token | None:
    for c in tok.children:
        if c.dep_ in ("dobj", "nsubjpass"):
            return c
    return None


def _prep_object(tok: Token, preps: frozenset[str] | set[str]) -> Token | None:
    for c in tok.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in preps:
            return next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
    return None


def _agentive(tok: Token) -> bool:
    """A person, organisation, place or pronoun (something that can be a party)."""
    if tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return True
    return read_mention(tok).kind in AGENTIVE


def owner_of(noun: Token, *, of: bool = False) -> Token | None:
    """Whose proposal, claim or act a noun is.

    "Ardenia's proposal" → Ardenia; "a call by the EU" → EU; "calls from leaders" → leaders;
    "the test carried out by Norland" → Norland; with `of`: "the resignation of the minister".
    """
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None:
        owner = _prep_object(noun, {"by", "from"})
    if owner is None:
        for acl in (c for c in noun.children if c.dep_ == "acl"):
            owner = _prep_object(acl, {"by"})
            if owner is not None:
                break
    if owner is None and of:
        owner = _prep_object(noun, {"of"})
    if owner is not None and owner.tag_ == "PRP$":
        return owner if owner.lower_ in ("his", "her", "their") else None
    return owner


def _text(tokens: list[Token]) -> str:
    toks = sorted(tokens, key=lambda t: t.i)
    return "".join(t.text_with_ws for t in toks).strip(" ,.;:\"'")


def _issue(tok: Token, obj: Token | None, cue: DisputeCue) -> str | None:
    """What the dispute is about: of/for/over object, the rejected call's aim, or the clause."""
    pobj = _prep_object(tok, ISSUE_PREPS - ({cue.prep} if cue.prep else set()))
    if pobj is not None and cue.cue_class in ("accuse", "blame", "criticise", "warn"):
        return _text(list(pobj.subtree))
    if obj is not None and cue.cue_class in OWNER_CLASSES:
        aims = [c for c in obj.children if c.dep_ in ("acl", "relcl", "prep") and c.i > obj.i]
        if aims and obj.lemma_.lower() in dispute_patterns().proposal_nouns:
            toks = [
                t for a in aims for t in a.subtree if not (t.dep_ == "aux" and t.lower_ == "to")
            ]
            return _text(toks)
        return _text(list(obj.subtree))
    ccomp = next((c for c in tok.children if c.dep_ == "ccomp"), None)
    if ccomp is not None:
        return _text(list(ccomp.subtree))
    if pobj is not None:
        return _text(list(pobj.subtree))
    return None


def _party(tok: Token | None) -> Token | None:
    """The party behind a target phrase: itself when agentive, else its owner."""
    if tok is None:
        return None
    if _agentive(tok):
        return tok
    owner = owner_of(tok)
    return owner if owner is not None else tok


def _target_token(tok: Token, obj: Token | None, cue: DisputeCue) -> Token | None:
    """Whom a verb cue is aimed at.

    "accused Solvaria of …" → Solvaria; "rejected Ardenia's proposal" → Ardenia;
    "blamed the collapse on Solvaria" → Solvaria; "demanded that Solvaria withdraw" → Solvaria;
    "threatened to expel Ardenian diplomats" → diplomats.
    """
    pats = dispute_patterns()
    cls = cue.cue_class
    if cue.prep:
        return _party(_prep_object(tok, {cue.prep}))
    if cue.particle and obj is None:
        # "scoffed at Ardenia's demands": the particle is a preposition with the target
        found = _prep_object(tok, {cue.particle})
        if found is not None:
            return _party(found)
    if cls == "blame":
        on = _prep_object(tok, {"on"})
        if on is not None:
            return _party(on)
    if cls == "demand":
        ccomp = next((c for c in tok.children if c.dep_ == "ccomp"), None)
        subj = subject_of(ccomp) if ccomp is not None else None
        if subj is not None and _agentive(subj):
            return subj
        source = _prep_object(tok, {"from", "of"})
        if source is not None:
            return source
        return owner_of(obj, of=True) if obj is not None else None
    if obj is None:
        if cls == "protest":
            return _party(_prep_object(tok, {"against", "from", "to", "with"}))
        if cls == "warn":
            xcomp = next((c for c in tok.children if c.dep_ == "xcomp"), None)
            victim = _object(xcomp) if xcomp is not None else None
            return victim if victim is not None and _agentive(victim) else None
        return None
    if obj.lower_ in pats.not_targets or _text(list(obj.subtree)).lower() in pats.not_targets:
        return owner_of(obj) if cls in OWNER_CLASSES else None
    if cls in OWNER_CLASSES:
        owner = owner_of(obj)
        if owner is None and cls == "dismiss" and _agentive(obj):
            owner = obj
        return owner
    return _party(obj)


def _noun_target(noun: Token) -> Token | None:
    """ "accusations against X", "a warning to X", "criticism of X's build-up" → X."""
    for host in (noun, noun.head):
        found = _prep_object(host, NOUN_TARGET_PREPS)
        if found is not None:
            return _party(found)
    of = _prep_object(noun, {"of"})
    if of is not None and (_agentive(of) or owner_of(of) is not None):
        return _party(of)
    return None


def _statement_for(pos: int, statements: list[Statement]) -> int | None:
    for i, s in enumerate(statements):
        if s.start <= pos < s.end:
            return i
    return None


def find_disputes(
    text: str,
    chunks: list[Chunk],
    docs: list[Doc],
    statements: list[Statement],
    book: SpeakerBook,
) -> list[Dispute]:
    """Disputes in every body sentence of an article (narrative and reported)."""
    out: list[Dispute] = []
    accuser = _Accuser()
    for chunk, doc in zip(chunks, docs, strict=True):
        if chunk.headline or not doc.has_annotation("DEP"):
            continue
        ctx = _Context(text, chunk.start, chunk.paragraph, statements, book, accuser)
        for tok in doc:
            dispute = _dispute_at(tok, ctx)
            if dispute is not None:
                out.append(dispute)
                if dispute.cue_class == "accuse":
                    accuser.name, accuser.para = dispute.actor, chunk.paragraph
    return out


@dataclass(slots=True)
class _Context:
    """What a rule needs beyond the token: article text, offsets and the speaker book."""

    text: str
    off: int
    para: int
    statements: list[Statement]
    book: SpeakerBook
    accuser: _Accuser


def _resolve(tok: Token | None, ctx: _Context) -> str | None:
    if tok is None:
        return None
    name, kind, _, _ = ctx.book.resolve(tok, ctx.off + tok.idx, ctx.para)
    if kind == "unnamed":
        # "the delegation of stalling the communique" → "delegation": the tail is the issue
        name = clean_name([t for t in name_core(tok) if t.dep_ != "det"]) or name
    return name if kind != "unresolved" and name else None


def _dispute_at(tok: Token, ctx: _Context) -> Dispute | None:
    cue = match_cue(tok)
    if cue is not None:
        return _verb_dispute(tok, cue, ctx)
    cue = match_noun_cue(tok)
    if cue is not None:
        return _noun_dispute(tok, cue, ctx)
    if tok.lemma_.lower() in dispute_patterns().dismissive_predicates:
        return _reported_dismissal(tok, ctx)
    return None


def _actor(verb: Token, ctx: _Context) -> str | None:
    if is_blocked(verb):
        return None
    subj = subject_of(verb)
    if subj is None or subj.lower_ in ("it", "there") or _negative_subject(subj):
        return None
    return _resolve(subj, ctx)


def _verb_dispute(tok: Token, cue: DisputeCue, ctx: _Context) -> Dispute | None:
    pats = dispute_patterns()
    actor = _actor(tok, ctx)
    if actor is None:
        return None
    obj = _object(tok)
    if obj is not None and obj.lemma_.lower() in pats.not_objects:
        return None  # "denied entry to journalists"
    if cue.cue_class in ("reject", "deny") and obj is None and cue.particle is None:
        clause = any(c.dep_ in ("ccomp", "xcomp") for c in tok.children)
        if cue.cue_class == "reject" or not clause:
            return None  # "Russia denied." / "refused to go": nothing rejected
    index = _statement_for(ctx.off + tok.idx, ctx.statements)
    target = _resolve(_target_token(tok, obj, cue), ctx)
    if target is None and obj is not None and cue.cue_class in OWNER_CLASSES:
        target = _implied_owner(obj, actor, index, ctx)
    if target is None and cue.cue_class in pats.needs_target:
        claimed = obj is not None and obj.lemma_.lower() in pats.claim_nouns
        if not claimed and tok.lemma_.lower() not in pats.no_target_lemmas:
            return None
    return _dispute(tok, cue, actor, target, _issue(tok, obj, cue), index, ctx)


def _implied_owner(obj: Token, actor: str, index: int | None, ctx: _Context) -> str | None:
    """The unnamed owner of a rejected call or accusation, from the context.

    "Borrell said Lavrov rejected a call …" → Borrell (the reporter of the call);
    "X accused Y of … . Y rejected the accusation." → X (the latest accuser).
    """
    pats = dispute_patterns()
    lemma = obj.lemma_.lower()
    if lemma in pats.accusation_nouns and any(c.lower_ in DEFINITE for c in obj.children):
        acc = ctx.accuser
        if acc.name and acc.name != actor and ctx.para - acc.para <= 1:
            return acc.name
    if lemma in pats.proposal_nouns and index is not None:
        st = ctx.statements[index]
        if st.speaker != actor and st.speaker_type in ("person", "organisation"):
            return st.speaker
    return None


def _noun_dispute(noun: Token, cue: DisputeCue, ctx: _Context) -> Dispute | None:
    """A dispute carried by "levelled accusations against X" / "issued a warning to X"."""
    verb = noun.head
    actor = _actor(verb, ctx)
    if actor is None:
        return None
    target = _resolve(_noun_target(noun), ctx)
    if target is None and cue.cue_class in dispute_patterns().needs_target:
        return None
    of = _prep_object(noun, {"of", "over", "about"}) or _prep_object(verb, {"over", "about"})
    issue = _text(list(of.subtree)) if of is not None else None
    index = _statement_for(ctx.off + noun.idx, ctx.statements)
    return _dispute(noun, cue, actor, target, issue, index, ctx)


def _reported_dismissal(pred: Token, ctx: _Context) -> Dispute | None:
    """A speaker calling someone's claims baseless, inside reported or quoted speech.

    "Wendt said Solvaria's claims were baseless." → Wendt dismisses, target Solvaria;
    '"These accusations are absurd," said Petrenko.' → Petrenko dismisses.
    """
    pats = dispute_patterns()
    if pred.dep_ not in ("acomp", "attr"):
        return None
    copula = pred.head
    claim = next((c for c in copula.children if c.dep_ == "nsubj"), None)
    if claim is None or claim.lemma_.lower() not in pats.claim_nouns:
        return None
    if copula.dep_ != "ccomp" or not is_cue(copula.head) or is_blocked(copula):
        return None
    actor = _actor(copula.head, ctx)
    if actor is None:
        return None
    target = _resolve(owner_of(claim), ctx)
    index = _statement_for(ctx.off + pred.idx, ctx.statements)
    cue = DisputeCue(pred.lemma_.lower(), "dismiss")
    return _dispute(pred, cue, actor, target, _text(list(claim.subtree)), index, ctx)


def _dispute(
    tok: Token,
    cue: DisputeCue,
    actor: str,
    target: str | None,
    issue: str | None,
    index: int | None,
    ctx: _Context,
) -> Dispute | None:
    if target == actor:
        return None
    sent = tok.sent
    s_start, s_end = ctx.off + sent.start_char, ctx.off + sent.end_char
    return Dispute(
        actor=actor,
        cue=_cue_text(tok, cue),
        cue_class=cue.cue_class,
        evidence=ctx.text[s_start:s_end].strip(),
        start=s_start,
        end=s_end,
        target=target,
        issue=issue,
        statement_index=index,
    )


def _cue_text(tok: Token, cue: DisputeCue) -> str:
    words = [tok.text]
    for c in tok.children:
        if c.lower_ in (cue.particle, cue.prep) and c.dep_ in ("prt", "prep", "advmod", "dobj"):
            words.append(c.text)
    return " ".join(words)
