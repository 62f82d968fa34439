"""Dispute rules: who rejects, denies, accuses, blames, criticises, warns, demands, protests.

Cues come from `patterns/dispute_cues.json` (CAMEO-style classes). The rules run on the
same parse as the statement rules; a dispute inside a statement's content is linked to it.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from extract.chunks import Chunk
from extract.model import Dispute, Statement
from extract.patterns import DisputeCue, dispute_patterns
from extract.speakers import SpeakerBook, read_mention
from extract.statements import subject_of

TARGET_CLASSES = frozenset({"accuse", "blame", "criticise", "warn", "demand", "protest", "dismiss"})
OWNER_CLASSES = frozenset({"reject", "deny", "dismiss"})
ISSUE_PREPS = frozenset({"of", "for", "over", "about", "on", "against"})


def match_cue(tok: Token) -> DisputeCue | None:
    """The dispute cue a verb token carries, checking particles ("hit out at", "rule out").

    "Russia slammed the sanctions." → slam/criticise; "He hit out at critics." → hit out at;
    "He hit the ball." → None (bare "hit" is not a cue).
    """
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    kids = {c.lower_ for c in tok.children if c.dep_ in ("prt", "prep", "advmod")}
    for cue in dispute_patterns().cues.get(tok.lemma_.lower(), ()):
        if cue.particle and cue.particle not in kids:
            continue
        if cue.prep and cue.prep not in kids:
            continue
        return cue
    return None


def is_blocked(tok: Token) -> bool:
    """Negated, avoided or hypothetical cues are not disputes.

    "He did not criticise Iran." / "She refused to condemn the attack." /
    "The plan could be rejected if …" / "would not threaten anyone" → blocked.
    """
    pats = dispute_patterns()
    if any(c.dep_ == "neg" or c.lower_ == "never" for c in tok.children):
        return True
    if any(
        c.dep_ in ("aux", "auxpass") and c.lower_ in pats.hypothetical_aux for c in tok.children
    ):
        return True
    node, steps = tok, 0
    while node.head is not node and steps < 3:
        if any(c.dep_ == "mark" and c.lower_ in pats.hypothetical_marks for c in node.children):
            return True
        if node.dep_ in ("xcomp", "pcomp", "pobj", "prep") and (
            node.head.lemma_.lower() in pats.negating_heads
        ):
            return True
        if node.dep_ not in ("xcomp", "pcomp", "pobj", "prep", "conj"):
            break
        node, steps = node.head, steps + 1
    return False


def _object(tok: Token) -> Token | None:
    for c in tok.children:
        if c.dep_ in ("dobj", "nsubjpass"):
            return c
    return None


def _prep_object(tok: Token, preps: frozenset[str] | set[str]) -> Token | None:
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in preps:
            return next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
    return None


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


def _target_token(tok: Token, obj: Token | None, cue: DisputeCue) -> Token | None:
    pats = dispute_patterns()
    if cue.prep:
        return _prep_object(tok, {cue.prep})
    if obj is None:
        if cue.cue_class in ("protest", "demand"):
            return _prep_object(tok, {"against", "from", "to"})
        if cue.cue_class == "warn":
            return None
        return None
    if cue.cue_class in OWNER_CLASSES:
        owner = next((c for c in obj.children if c.dep_ == "poss"), None)
        if owner is None:
            owner = _prep_object(obj, {"by", "from"})
        if (
            owner is None
            and cue.cue_class == "dismiss"
            and read_mention(obj).kind in ("person", "organisation", "description")
        ):
            owner = obj
        return owner
    if obj.lower_ in pats.not_targets or _text(list(obj.subtree)).lower() in pats.not_targets:
        return None
    return obj


def _statement_for(pos: int, sent_start: int, statements: list[Statement]) -> int | None:
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
    for chunk, doc in zip(chunks, docs, strict=True):
        if chunk.headline or not doc.has_annotation("DEP"):
            continue
        off = chunk.start
        for tok in doc:
            dispute = _dispute_at(tok, off, chunk.paragraph, text, statements, book)
            if dispute is not None:
                out.append(dispute)
    return out


def _dispute_at(
    tok: Token, off: int, para: int, text: str, statements: list[Statement], book: SpeakerBook
) -> Dispute | None:
    cue = match_cue(tok)
    if cue is None or is_blocked(tok):
        return None
    actor_tok = subject_of(tok)
    if actor_tok is None or actor_tok.lower_ in ("it", "there"):
        return None
    obj = _object(tok)
    if cue.cue_class in ("reject", "deny") and obj is None and cue.particle is None:
        return None  # "Russia denied." / "refused to go": nothing rejected
    actor, actor_type, _, _ = book.resolve(actor_tok, off + actor_tok.idx, para)
    if actor_type == "unresolved":
        return None
    sent = tok.sent
    s_start, s_end = off + sent.start_char, off + sent.end_char
    index = _statement_for(off + tok.idx, s_start, statements)
    target_tok = _target_token(tok, obj, cue)
    target = None
    if target_tok is not None:
        name, ttype, _, _ = book.resolve(target_tok, off + target_tok.idx, para)
        target = name if ttype != "unresolved" else None
    elif (
        obj is not None
        and cue.cue_class in OWNER_CLASSES
        and obj.lemma_.lower() in dispute_patterns().proposal_nouns
        and index is not None
        and statements[index].speaker != actor
        and statements[index].speaker_type in ("person", "organisation")
    ):
        target = statements[index].speaker  # "Borrell said Lavrov rejected a call …": his call
    if target is None and cue.cue_class in dispute_patterns().needs_target:
        return None
    if target == actor:
        return None
    return Dispute(
        actor=actor,
        cue=_cue_text(tok, cue),
        cue_class=cue.cue_class,
        evidence=text[s_start:s_end].strip(),
        start=s_start,
        end=s_end,
        target=target,
        issue=_issue(tok, obj, cue),
        statement_index=index,
    )


def _cue_text(tok: Token, cue: DisputeCue) -> str:
    words = [tok.text]
    for c in tok.children:
        if c.lower_ in (cue.particle, cue.prep) and c.dep_ in ("prt", "prep", "advmod"):
            words.append(c.text)
    return " ".join(words)
