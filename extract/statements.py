"""Statement rules on one parsed paragraph: who said what, by dependency patterns.

Every rule is a small function from a parsed sentence (or a cue token) to raw
candidates with doc-local character offsets; the extractor resolves speakers
and merges the candidates of a whole article.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from extract.patterns import (
    colon_labels,
    dispute_patterns,
    object_cues,
    speech_nouns,
    speech_verbs,
)
from extract.speakers import RELATIVES

SUBJECTS = frozenset({"nsubj"})  # a clausal subject ("giving up arms would …") speaks for no one
CLIMB_DEPS = frozenset({"advcl", "xcomp", "conj", "dep", "pcomp", "prep"})
APPEAL_LEMMAS = frozenset(
    """urge call ask demand implore plead beg request recommend propose advise order instruct
    appeal describe""".split()
)
QUOTED_LEMMAS = frozenset({"quote", "cite"})
MESSAGE_NOUNS = frozenset(
    "statement letter message post tweet release note communique communiqué video".split()
)
TRIM = " \t\n,;:-—–\"'()"
MIN_CONTENT_WORDS = 2


@dataclass(slots=True)
class RawStatement:
    """A candidate statement in one doc (offsets are doc-local characters)."""

    speaker: Token | None
    cue: str
    start: int
    end: int
    rule: str
    cue_i: int = -1
    kind: str = "indirect"


def is_cue(tok: Token) -> bool:
    """A reporting verb by lemma ("said", "warns", "told"), not a noun ("the call")."""
    return tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in speech_verbs()


def speech_noun(tok: Token) -> Token | None:
    """The noun that makes "make" a reporting verb ("made the case that …"), or None."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() != "make":
        return None
    noun = next((c for c in tok.children if c.dep_ == "dobj"), None)
    return noun if noun is not None and noun.lemma_.lower() in speech_nouns() else None


def is_object_cue(tok: Token) -> bool:
    """An evaluative verb whose object is what was said ("praised the plan", "accused X of Y")."""
    return tok.pos_ == "VERB" and tok.lemma_.lower() in object_cues()


def is_negated(tok: Token) -> bool:
    """ "did not say", "never said", "refused to say", "refrained from attacking": nothing was
    said."""
    if any(c.dep_ == "neg" or c.lower_ == "never" for c in tok.children):
        return True
    heads = dispute_patterns().negating_heads
    node = tok  # "refused to say" (xcomp), "refrained from attacking" (pcomp of a prep)
    for _ in range(2):
        if node.dep_ not in ("xcomp", "pcomp", "prep") or node.head == node:
            return False
        if node.head.lemma_.lower() in heads:
            return True
        node = node.head
    return False


def subject_of(cue: Token) -> Token | None:
    """The subject of a cue, climbing from "adding"/"and said" to the governing verb.

    "Blinken said …, adding that …" → Blinken (for "adding");
    "He smiled and said …" → He (for "said");
    "Lavrov, who said …" → who (read as Lavrov by the speaker layer);
    "State media quoted the spokesman as saying …" → spokesman (the person quoted).
    """
    inverted = _inverted_subject(cue)
    if inverted is not None:
        return inverted
    tok, steps = cue, 0
    while steps < 3:
        passive_ok = tok is not cue and tok.lemma_ in QUOTED_LEMMAS
        for child in tok.children:
            if child.dep_ in SUBJECTS or (passive_ok and child.dep_ == "nsubjpass"):
                return child
            if child.dep_ == "agent" and tok is cue:  # a passive head's agent is not shared
                pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj
        if (
            tok.dep_ == "pcomp"
            and tok.head.lower_ == "as"
            and tok.head.head.lemma_ in QUOTED_LEMMAS
        ):
            quoted = next((c for c in tok.head.head.children if c.dep_ == "dobj"), None)
            if quoted is not None:
                return quoted  # "agencies quoted the spokesman as saying …" → the spokesman
            tok, steps = tok.head.head, steps + 1  # "X was quoted as saying …"
            continue
        if tok.dep_ in CLIMB_DEPS and tok.head != tok:
            tok, steps = tok.head, steps + 1
            continue
        if tok.dep_ == "acl" and tok.head.lemma_ in MESSAGE_NOUNS and tok.head.dep_ == "dobj":
            tok, steps = tok.head.head, steps + 1  # "X issued a statement saying …"
            continue
        return None
    return None


ADDRESSING_LEMMAS = frozenset(
    "tell ask inform notify remind warn urge assure brief email text message".split()
)


def _inverted_subject(cue: Token) -> Token | None:
    """The speaker of a quotation-first inversion that the parser read as an object:
    '"…," read one' → one. Only with the reported clause before the cue and no subject."""
    if cue.lemma_ in ADDRESSING_LEMMAS or any(c.dep_ in SUBJECTS for c in cue.children):
        return None  # '"…," told reporters': the object is whom it was told to
    if not any(c.dep_ == "ccomp" and c.i < cue.i for c in cue.children):
        return None
    return next((c for c in cue.children if c.dep_ == "dobj" and c.i > cue.i), None)


FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
ASSERT_LEMMAS = frozenset(
    "maintain insist argue claim assert contend acknowledge admit add note warn".split()
)
NEIGHBOUR_SUBJECT_DEPS = frozenset({"appos", "conj", "npadvmod", "dobj", "compound"})


def neighbour_subject(cue: Token) -> Token | None:
    """A name right before a subjectless finite cue that the parser hung elsewhere.

    "While campaigning for his wife Ann Lee, former mayor Bob Lee said …" (Bob Lee as an
    apposition of Ann Lee) → Bob Lee; "Ann Lee, a lawyer, Bob Lee said" → Bob Lee;
    "In 2010 the board said …" keeps its real subject (this fallback is not consulted).
    """
    if cue.tag_ not in FINITE_TAGS or cue.i == 0 or cue.dep_ not in ("ROOT", "ccomp"):
        return None
    prev = cue.doc[cue.i - 1]
    if prev.pos_ != "PROPN" or prev.dep_ not in NEIGHBOUR_SUBJECT_DEPS:
        return None
    while prev.dep_ == "compound" and prev.head.i < cue.i:
        prev = prev.head
    return prev if prev.i == cue.i - 1 else None


def char_span(tokens: Iterable[Token]) -> tuple[int, int] | None:
    """(start, end) characters of a token run, trimmed of quote marks and edge punctuation."""
    toks = sorted(tokens, key=lambda t: t.i)
    if not toks:
        return None
    text = doc_text(toks[0].doc)
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
    while start < end and text[start] in TRIM:
        start += 1
    while end > start and text[end - 1] in TRIM:
        end -= 1
    # a partial quotation at an edge keeps both of its marks: said it was "a disgrace",
    # also past punctuation inside the quote: agreed to "strengthen diplomacy."
    if text.count('"', start, end) % 2:
        close = end
        while close < len(text) and close - end < 3 and text[close] in ".,;:!?":
            close += 1
        if close < len(text) and text[close] == '"':
            end = close + 1
        elif start > 0 and text[start - 1] == '"':
            start -= 1
    # "said that X": the complementiser is not part of what was said
    if text[start:end].lower().startswith("that ") and toks[0].dep_ == "mark":
        start += 5
    return (start, end) if end > start else None


def _words(doc: Doc, start: int, end: int) -> int:
    return len(doc_text(doc)[start:end].split())


def doc_text(doc: Doc) -> str:
    """`doc.text`, built once per doc (spaCy joins every token's text on each access)."""
    text = doc.user_data.get("summit_text")
    if text is None:
        text = doc.user_data["summit_text"] = doc.text
    return text


def _own_subject(tok: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in tok.children)


def _clause_end(head: Token) -> int:
    """Token index just past a reported clause, before a trailing clause of the writer's.

    "Rubio said the extremist is Clinton, and he railed against …" → ends after "Clinton";
    "Clinton says the mails were personal, but for Republicans, it is …" → after "personal";
    "said prices rose and that wages fell" keeps both (the "that" continues the report).
    """
    doc, end = head.doc, head.right_edge.i + 1
    for c in head.children:
        if c.i <= head.i or c.dep_ not in ("conj", "parataxis") or not _own_subject(c):
            continue
        if any(g.dep_ == "mark" for g in c.children):
            continue
        j = c.left_edge.i - 1
        while j > head.i and (doc[j].dep_ == "cc" or doc[j].is_punct):
            j -= 1
        gap = doc[j + 1 : c.left_edge.i]
        if any(t.text == "," or t.lower_ == "but" for t in gap):
            end = min(end, j + 1)
    return end


NAMING_LEMMAS = frozenset({"call", "term", "dub", "describe", "label", "brand", "name"})
CONCESSIVE_MARKS = frozenset({"though", "although", "whereas"})


def _others_wording(tok: Token) -> bool:
    """A relative clause reporting someone else's words: "which Moscow calls a special
    operation", "what critics describe as a purge" (a cue with its own named subject)."""
    if not (tok.lemma_.lower() in NAMING_LEMMAS or is_cue(tok)):
        return False
    if tok.doc[tok.left_edge.i].lower_ not in ("which", "what", "whom"):
        return False
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    return subj is not None and subj.pos_ in ("PROPN", "NOUN")  # not "what he called …"


def _tail_start(head: Token, end: int) -> int:
    """Where a writer's tail of a reported clause starts (else `end`): a trailing relative
    clause quoting someone else's wording ("…on the war, which Moscow calls a 'special
    operation'") or a trailing concessive clause with a subject of its own after a comma
    (", though he added that …", ", although no meetings have been set": the writer's
    context, not more of the report)."""
    doc = head.doc
    for tok in head.subtree:
        if tok.i <= head.i or tok.i >= end:
            continue
        start = tok.left_edge.i
        trailing = all(t.is_punct for t in doc[tok.right_edge.i + 1 : end])
        if not trailing or start <= head.i:
            continue
        concessive = tok.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in CONCESSIVE_MARKS for c in tok.children
        )
        if (concessive and _own_subject(tok) and doc[start - 1].text == ",") or _others_wording(
            tok
        ):
            return start
    return end


def _clause_tokens(head: Token) -> list[Token]:
    end = _tail_start(head, _clause_end(head))
    return [t for t in head.subtree if t.i < end]


def _subject_as_object(cue: Token, clause: Token) -> list[Token]:
    """The subject of a subjectless reported clause that the parser made the cue's object
    ("maintained [the relationship] is better" → "the relationship")."""
    lemma = cue.lemma_.lower()
    if _own_subject(clause) or (lemma != "say" and lemma not in ASSERT_LEMMAS):
        return []
    obj = next((c for c in cue.rights if c.dep_ == "dobj" and c.pos_ != "PRON"), None)
    if obj is None or obj.right_edge.i + 1 != clause.left_edge.i:
        return []
    return list(obj.subtree)


def ccomp_rule(cue: Token) -> list[tuple[int, int]]:
    """Reported clauses of a cue.

    "Borrell said Lavrov had rejected a call." → "Lavrov had rejected a call";
    "The minister told reporters that talks failed." → "talks failed";
    "'We will win,' she said." → "We will win";
    "warned that finance pledged at meetings had not arrived" → one clause, even when the
    parser hangs "had not arrived" off the cue as a second ccomp.
    """
    spans = []
    right: list[Token] = []
    for child in cue.children:
        if child.dep_ == "ccomp" or (
            child.dep_ == "xcomp" and child.i > cue.i and cue.lemma_ == "say"
        ):
            if child.i < cue.i:
                span = char_span(child.subtree)
                if span:
                    spans.append(span)
            elif not right or not _own_subject(child):
                right.extend(_clause_tokens(child) + _subject_as_object(cue, child))
            # a later ccomp with its own subject (", however that number has dropped")
            # is the writer's comment, not part of the report
    if right:
        span = char_span(cue.doc[min(right).i : max(right).i + 1])
        if span:
            spans.append(span)
    return sorted(spans)


def noun_clause_rule(noun: Token) -> list[tuple[int, int]]:
    """The clause a speech noun carries: "the case that this was a few bad apples"."""
    clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp") and c.i > noun.i), None)
    if clause is None or not any(c.dep_ in SUBJECTS for c in clause.children):
        return []
    span = char_span(_clause_tokens(clause))
    return [span] if span else []


def object_clause_rule(cue: Token) -> list[tuple[int, int]]:
    """A reported clause the parser hung off "said" as its object.

    "Brunner said many of the examples critics cite failed to note the gains." (parsed
    as "said [many …]") → "many of the examples critics cite failed to note the gains".
    Only when the object carries a finite verb, so "said a prayer" reports nothing. A verb
    of assertion whose object is followed by a subjectless finite verb the parser hung off
    the cue is read the same way: "Venn maintained the relationship is better than ever" →
    "the relationship is better than ever".
    """
    lemma = cue.lemma_.lower()
    if lemma != "say" and lemma not in ASSERT_LEMMAS:
        return []
    obj = next((c for c in cue.rights if c.dep_ == "dobj"), None)
    if obj is None or obj.pos_ == "PRON":
        return []
    verb = next(
        (
            c
            for c in cue.rights
            if c.i == obj.right_edge.i + 1
            and c.dep_ in ("advcl", "ccomp")
            and c.tag_ in FINITE_TAGS
            and not _own_subject(c)
        ),
        None,
    )
    if verb is not None:
        span = char_span(cue.doc[obj.left_edge.i : _clause_end(verb)])
        return [span] if span else []
    if lemma != "say":
        return []
    if not any(t.tag_ in FINITE_TAGS or t.tag_ == "MD" for t in obj.subtree if t.i > obj.i):
        return []
    span = char_span(cue.doc[obj.left_edge.i : _clause_end(obj)])
    return [span] if span else []


def appeal_rule(cue: Token) -> list[tuple[int, int]]:
    """What a speaker urged or called for.

    "Blinken called for stability in the Indo-Pacific." → "stability in the Indo-Pacific";
    "She urged Congress to pass the bill." → "Congress to pass the bill";
    "He described the talks as candid." → "the talks as candid".
    """
    if cue.lemma_.lower() not in APPEAL_LEMMAS:
        return []
    rights = [
        c for c in cue.rights if c.dep_ in ("dobj", "xcomp", "prep", "oprd", "dative", "ccomp")
    ]
    if not rights:
        return []
    if cue.lemma_.lower() == "call" and not any(
        c.dep_ in ("oprd", "xcomp") or c.lower_ in ("for", "on") for c in rights
    ):
        return []
    toks = [t for c in rights for t in c.subtree]
    span = char_span(toks)
    return [span] if span else []


OBJECT_DEPS = frozenset({"dobj", "oprd", "dative"})
OBJECT_PREPS = frozenset({"for", "of", "as", "over", "about"})


def object_rule(cue: Token) -> list[tuple[int, int]]:
    """The object of an evaluative cue, with its for/of/as phrase (see object_cues.txt).

    "She praised the mayor for his calm." → "the mayor for his calm";
    "The union accused the board of hiding losses." → "the board of hiding losses";
    "He referred to the old treaty." → "the old treaty"; "They declined to comment." →
    "to comment"; "the probe, which he denounced as a witch hunt" → "a witch hunt".
    """
    frame = object_cues().get(cue.lemma_.lower())
    if frame is None:
        return []
    if frame == "xcomp":
        parts = [c for c in cue.rights if c.dep_ == "xcomp"]
    elif frame:
        preps = [c for c in cue.rights if c.dep_ == "prep" and c.lower_ == frame]
        parts = [g for p in preps[:1] for g in p.children if g.dep_ == "pobj"]
    else:
        parts = [c for c in cue.rights if c.dep_ in OBJECT_DEPS]
        if parts:
            parts += [
                c
                for c in cue.rights
                if c.dep_ in ("xcomp", "ccomp") or (c.dep_ == "prep" and c.lower_ in OBJECT_PREPS)
            ]
        elif any(c.dep_ == "dobj" and c.lower_ in RELATIVES for c in cue.lefts):
            # "…, which Brook denounced as a witch hunt" → "a witch hunt"
            parts = [g for c in cue.rights if c.lower_ == "as" for g in c.children]
    if not parts or (len(parts) == 1 and parts[0].tag_ == "PRP" and not list(parts[0].children)):
        return []  # 'scolded him: "…"': "him" reports nothing; the quotation may follow
    toks = [t for c in parts for t in c.subtree]
    span = char_span(cue.doc[min(toks).i : max(toks).i + 1])
    return [span] if span else []


def parenthetical_rule(cue: Token) -> list[tuple[int, int]]:
    """A clause before a trailing ", X said" that the parser did not hang off the cue.

    "Russia shows no sign of change, Blinken said." (said as parataxis or ccomp of "shows");
    "The deal is off, the ministry said on Friday."
    """
    head = cue.head
    if cue.dep_ not in ("parataxis", "ccomp", "advcl", "conj") or head is cue:
        return []
    if head.i > cue.i:
        # "In his state, Christie said, offenders are sent to treatment." → what follows
        if cue.dep_ != "parataxis" or cue.i + 1 >= len(cue.doc) or cue.nbor().text != ",":
            return []
        sent = cue.sent
        toks = [t for t in head.subtree if sent.start <= t.i < sent.end]
        before = [t for t in toks if t.i < cue.left_edge.i and not t.is_punct]
        if len(before) < 2:  # "In his state, Christie said, offenders are …": what follows
            toks = [t for t in toks if t.i > cue.right_edge.i]
        # else "The ceasefire, officials say, is holding.": the sentence, attribution included
        toks = [t for t in toks if not (t.is_punct and t.i == sent.end - 1)]
        span = char_span(toks) if toks else None
        return [span] if span else []
    subj = subject_of(cue)
    first = min([cue.i] + ([subj.left_edge.i] if subj is not None else []))
    sent = cue.sent
    toks = [t for t in head.subtree if t.i < first and t.i >= sent.start]
    if not toks:
        return []
    if not (toks[-1].is_punct or toks[-1].is_quote):
        return []  # "CLAUSE, X said" needs the comma (or quote mark) before the speaker
    span = char_span(toks)
    return [span] if span else []


def as_rule(cue: Token) -> list[tuple[int, int]]:
    """ "As X reported, CLAUSE" and "CLAUSE, as X said": the main clause is what X reported.

    "As the agency reported, the talks had stalled." → "the talks had stalled";
    "The border will reopen, as the minister said on Monday." → "The border will reopen".
    A cue with its own object or clause ("as he said goodbye") reports nothing here.
    """
    head = cue.head
    if cue.dep_ != "advcl" or head is cue or head.i < cue.sent.start:
        return []
    if not any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children):
        return []
    if any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in cue.children):
        return []
    sent = cue.sent
    edge = (cue.left_edge.i, cue.right_edge.i)
    toks = [
        t for t in head.subtree if sent.start <= t.i < sent.end and not edge[0] <= t.i <= edge[1]
    ]
    toks = [t for t in toks if not (t.is_punct and t.i in (sent.end - 1, edge[1] + 1))]
    side = (
        [t for t in toks if t.i > edge[1]] if cue.i < head.i else [t for t in toks if t.i < edge[0]]
    )
    span = char_span(side) if side else None
    return [span] if span else []


def according_to_rule(sent: Span) -> list[RawStatement]:
    """ "According to X, CLAUSE" and "CLAUSE, according to X" → X reports CLAUSE.

    "According to the ministry, the talks failed." → ministry: "the talks failed";
    "He had no plans to travel, according to his spokesperson." → spokesperson.
    """
    out = []
    for tok in sent:
        if tok.lower_ != "according" or tok.i + 1 >= sent.end or sent.doc[tok.i + 1].lower_ != "to":
            continue
        to = sent.doc[tok.i + 1]
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if pobj is None:
            pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
        if pobj is None:
            continue
        pobj = _message_author(pobj) or pobj
        pp_start = tok.i
        pp_end = max(t.i for t in (list(to.subtree) + list(tok.subtree))) + 1
        before = [t for t in sent if t.i < pp_start]
        after = [t for t in sent if t.i >= pp_end]
        side = after if len(after) > len(before) else before
        span = char_span(side)
        if span:
            out.append(RawStatement(pobj, "according to", span[0], span[1], "according", tok.i))
    return out


SPOKEN_NOUNS = MESSAGE_NOUNS | frozenset("speech interview remarks address testimony".split())


def _message_author(noun: Token) -> Token | None:
    """Who gave the speech or wrote the letter a report is sourced to: "according to a speech
    Clinton delivered" → Clinton (the relative clause's subject)."""
    if noun.lemma_.lower() not in SPOKEN_NOUNS:
        return None
    for clause in noun.children:
        if clause.dep_ in ("relcl", "acl"):
            subj = next((c for c in clause.children if c.dep_ == "nsubj"), None)
            if subj is not None and subj.lower_ not in ("that", "which", "who"):
                return subj
    return None


SAID_THINGS = frozenset({"everything", "nothing", "anything", "something"})


def _what_was_said(subj: Token) -> bool:
    """ "Everything Trump says is a lie", "Nothing the minister said was true": the sentence
    judges what someone said (a relative clause the parser took for the main one), it does
    not report it."""
    first = subj.left_edge
    said = subj.head  # "Nothing the minister said was true": "said" hangs off "Nothing"
    return (first != subj and first.lower_ in SAID_THINGS) or (
        said.dep_ == "relcl" and said.head.lower_ in SAID_THINGS
    )


def cue_statements(sent: Span) -> list[RawStatement]:
    """All statements anchored on reporting verbs in one sentence."""
    out = []
    for tok in sent:
        light = speech_noun(tok)
        if not (is_cue(tok) or is_object_cue(tok) or light is not None) or is_negated(tok):
            continue
        subj = subject_of(tok) or neighbour_subject(tok)
        if subj is None or subj.lower_ in ("it", "there") or _what_was_said(subj):
            continue
        spans = ccomp_rule(tok)
        rule = "ccomp"
        if not spans and light is not None:
            spans = noun_clause_rule(light)  # "made the case that this was a few bad apples"
        if light is not None and not spans:
            continue  # "made the point" alone reports nothing
        if not spans:
            spans, rule = object_clause_rule(tok), "ccomp"
        if not spans:
            spans, rule = appeal_rule(tok), "appeal"
        if not spans:
            spans, rule = object_rule(tok), "object"
        if not spans:
            spans, rule = as_rule(tok), "parenthetical"
        if not spans:
            spans, rule = parenthetical_rule(tok), "parenthetical"
        for s, e in spans:
            out.append(RawStatement(subj, tok.text, s, e, rule, tok.i))
        if not spans:
            # a cue without content: may introduce or close an adjacent quotation
            out.append(RawStatement(subj, tok.text, -1, -1, "bare", tok.i))
    return out


def colon_speaker(doc: Doc, quote_start: int) -> Token | None:
    """`X: "…"` — a name right before a colon that opens a quotation.

    'Lavrov: "We will not retreat."' → Lavrov.
    """
    prev = [t for t in doc if t.idx + len(t) <= quote_start]
    if len(prev) < 2 or prev[-1].text != ":":
        return None
    cand = prev[-2]
    if cand.pos_ == "PROPN" or cand.ent_type_ in ("PERSON", "ORG"):
        return cand
    return None


DASHES = "―—–"
MAX_DASH_NAME = 6


def dash_speaker(doc: Doc, quote_end: int) -> Token | None:
    """`"…" ― X` — a name right after a dash that closes a quotation, ending its line or
    sentence (collected comments, epigraphs): '"We will not retreat." ― Ada Brook' → Brook."""
    after = [t for t in doc if t.idx >= quote_end and not t.is_space]
    if len(after) < 2 or after[0].text not in DASHES:
        return None
    name: list[Token] = []
    for t in after[1 : MAX_DASH_NAME + 2]:
        if t.text == "." or _line_ends(t):
            if _name_like(t):
                name.append(t)
            break
        if not (_name_like(t) or t.text in _NAME_GLUE):
            return None
        name.append(t)
    else:
        if len(after) > MAX_DASH_NAME + 2:
            return None  # a long run: a sentence after a dash, not a name
    names = [t for t in name if _name_like(t) and t.is_alpha]
    if not names or not names[0].text[:1].isupper():
        return None
    return names[-1]


def _line_ends(tok: Token) -> bool:
    """The text after `tok` starts a new line (or the document ends)."""
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return nxt is None or "\n" in tok.whitespace_ or (nxt.is_space and "\n" in nxt.text)


MAX_COLON_NAME = 5
_NAME_GLUE = frozenset({"'s", "’s", ".", "-", "of"})


def _name_like(tok: Token) -> bool:
    """A capitalised word the tagger may have called a noun ("Lavrov", "TAPPER")."""
    return tok.pos_ == "PROPN" or bool(tok.ent_type_) or (tok.is_alpha and tok.text[:1].isupper())


def colon_rule(doc: Doc) -> list[RawStatement]:
    """A paragraph that opens with a name and a colon: the rest is what the name said.

    "Lavrov: West must stop arming Kyiv." → Lavrov; "TAPPER: Do you think …" (transcripts);
    "UPDATE: talks resume" and "12:25 p.m.: …" → nothing (labels and times are no speakers).
    """
    colon = next((t for t in doc[: MAX_COLON_NAME + 1] if t.text == ":"), None)
    if colon is None or colon.i == 0 or colon.i + 3 > len(doc):
        return []
    name = doc[: colon.i]
    if not name[0].text[:1].isupper() or any(t.lower_ in colon_labels() for t in name):
        return []
    if not all(_name_like(t) or t.text in _NAME_GLUE for t in name):
        return []
    head = name[-1]
    if not (_name_like(head) and head.is_alpha):
        return []
    span = char_span(doc[colon.i + 1 :])
    if span is None:
        return []
    return [RawStatement(head, ":", span[0], span[1], "colon", colon.i)]


def paragraph_statements(doc: Doc) -> list[RawStatement]:
    """Run every sentence-level rule over one parsed paragraph."""
    out: list[RawStatement] = colon_rule(doc)
    for sent in doc.sents:
        out.extend(cue_statements(sent))
        out.extend(according_to_rule(sent))
    return [s for s in out if s.start < 0 or _words(doc, s.start, s.end) >= MIN_CONTENT_WORDS]


def is_relative(tok: Token) -> bool:
    """True for a relative pronoun subject ("who said")."""
    return tok.lower_ in RELATIVES
