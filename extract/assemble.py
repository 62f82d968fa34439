"""Article-level assembly: merge paragraph candidates, link quotations, resolve speakers.

Input is one article's parsed chunks; output is the frozen `Extraction`. Pure
functions of their inputs (no I/O, no model loading).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from extract.chunks import Chunk
from extract.disputes import find_disputes
from extract.letters import letter_voices
from extract.model import Extraction, Statement
from extract.patterns import first_name_genders
from extract.quotes import Quotation, find_quotations
from extract.speakers import (
    CLAUSE_SUBJECT_WEIGHT,
    INTRO_WEIGHT,
    OBJECT_WEIGHT,
    OTHER_WEIGHT,
    PRONOUN_GENDER,
    SPEAKER_WEIGHT,
    SUBJECT_WEIGHT,
    ResolvedSpeaker,
    SpeakerBook,
    entity_name,
    is_title,
    own_clause,
    person_names,
    preceding_role,
    read_mention,
)
from extract.statements import (
    RawStatement,
    colon_speaker,
    dash_speaker,
    doc_text,
    paragraph_statements,
)

MIN_FLOATING_WORDS = 4
MAX_FLOAT_PARAGRAPHS = 2
_PAREN_FIRST = re.compile(r"\(([A-Z][a-z]+)\)\s+([A-Z][a-zA-Z'\-]+)")
_HONORIFIC = re.compile(r"\b(Mr|Mrs|Ms|Miss)\.?\s+([A-Z][a-zA-Z'\-]+)")
_GAP = re.compile(r"^[\s,.;:!?—–\-]*$")
_NAME_DEPS = frozenset({"nsubj", "nsubjpass", "appos", "pobj", "dobj", "ROOT"})
_LEAD_IN = re.compile(r"^[^.!?\"]{0,60}$")


@dataclass(slots=True)
class _Candidate:
    """A statement on its way to becoming a `Statement` (global character offsets)."""

    speaker: Token | None
    cue: str
    start: int
    end: int
    kind: str
    para: int
    pos: int
    sentence: tuple[int, int]
    floating: bool = False
    resolved: ResolvedSpeaker | None = None


@dataclass(slots=True)
class _Group:
    """The pieces of one (possibly multi-paragraph) quotation."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    used: bool = False


def _groups(quotations: list[Quotation]) -> list[_Group]:
    by_id: dict[int, list[Quotation]] = {}
    for q in quotations:
        by_id.setdefault(q.group, []).append(q)
    out = []
    for pieces in by_id.values():
        first, last = pieces[0], pieces[-1]
        out.append(_Group(first.start, last.end, first.inner[0], last.inner[1]))
    return sorted(out, key=lambda g: g.start)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \n\t,;:-—–\"'":
        start += 1
    while end > start and text[end - 1] in " \n\t,;:-—–\"'":
        end -= 1
    return start, end


def _learn_names(book: SpeakerBook, norm: str, chunks: list[Chunk], docs: list[Doc]) -> None:
    """Fill the article's name table: PERSON entities, "(Sergei) Lavrov", honorific genders."""
    for chunk, doc in zip(chunks, docs, strict=True):
        if not chunk.headline:
            for name in person_names(list(doc.ents)):
                book.add_name(name)
            for ent in doc.ents:
                one = ent.label_ == "PERSON" and len(name := entity_name(ent).split()) == 1
                if one and any(is_title(t) for t in doc[max(0, ent.start - 1) : ent.end]):
                    book.add_surname(name[0])  # "President Vann", "Mr. Vann"
            for tok in doc:
                if tok.pos_ == "PROPN" and tok.dep_ in _NAME_DEPS and _named_person(tok):
                    book.add_mention_name(tok)
                    m = read_mention(tok)
                    if m.kind == "person":
                        role = m.role if _may_have_role(tok) else None
                        book.note_role(m.name, role, chunk.start + tok.idx)
    for m in _PAREN_FIRST.finditer(norm):
        book.add_name(f"{m.group(1)} {m.group(2)}")
    for m in _HONORIFIC.finditer(norm):
        gender = "m" if m.group(1) == "Mr" else "f"
        for full in [n for n in book.full_names if n.split()[-1] == m.group(2)]:
            book.genders.setdefault(full, gender)


def _vote_name(book: SpeakerBook, name: str) -> str:
    """The full name a gender vote goes to; "" for a surname that two people share ("Trump"
    with Donald and Ivanka Trump in the article)."""
    if " " not in name:
        word = name.lower()
        fulls = [f for f in book.by_word.get(word, ()) if f.lower().split()[-1] == word]
        if len(fulls) > 1:
            return ""
    return book.canonical(name)


_GENDER_WORD = re.compile(r"\b(?:he|him|his|himself|she|her|hers|herself)\b", re.IGNORECASE)


def _learn_genders(
    book: SpeakerBook, chunks: list[Chunk], docs: list[Doc], index: _GroupIndex
) -> None:
    """Genders from the article's own pronouns: a "he"/"his" (or "she"/"her") outside quotation
    marks in the clause of the one named person before it in its sentence, its subject, is a
    vote for that person ("Ada Brook said her talks …" → Ada Brook is "she"). Votes cast by
    the full name outrank votes by a surname, which a relative may share; a two-to-one
    majority decides, and an honorific ("Mr. Dant") already seen wins over votes."""
    votes: dict[str, list[int]] = {}  # name → [male, female, male by full name, female …]
    for chunk, doc in zip(chunks, docs, strict=True):
        if chunk.headline or not doc.has_annotation("DEP"):
            continue
        text = doc_text(doc)
        pronouns = [m.start() for m in _GENDER_WORD.finditer(text)]
        if not pronouns:
            continue
        person_ends = {e.end - 1: e for e in doc.ents if e.label_ == "PERSON"}
        done = -1
        for char in pronouns:
            sent = doc.char_span(char, char + 1, alignment_mode="expand")
            if sent is None or sent.start <= done:
                continue
            sent = sent[0].sent
            done = sent.end - 1
            _vote_sentence(book, sent, chunk.start, index, person_ends, votes)
    for name, tally in votes.items():
        male, female = (tally[2], tally[3]) if tally[2] + tally[3] else (tally[0], tally[1])
        if max(male, female) >= 2 * min(male, female):
            book.genders.setdefault(name, "m" if male > female else "f")


def _first_name_genders(book: SpeakerBook) -> None:
    """A person the article gave no gender (no "Mr."/"Mrs.", no pronoun votes) takes the one
    their first name almost always has ("Claire McCaskill" → "she", "David Gorski" → "he";
    `patterns/first_names.json`); names that are rarely first names ("Kim Jong Un") get none."""
    guesses = first_name_genders()
    for name in book.full_names:
        words = name.split()
        if len(words) > 1 and name not in book.genders and words[0] in guesses:
            book.genders[name] = guesses[words[0]]


def _vote_sentence(
    book: SpeakerBook,
    sent: Span,
    off: int,
    index: _GroupIndex,
    person_ends: dict[int, Span],
    votes: dict[str, list[int]],
) -> None:
    """The gender votes of one sentence (see `_learn_genders`)."""
    names: list[tuple[str, Token, bool]] = []
    for tok in sent:
        if _inside(off + tok.idx, index):
            continue
        gender = PRONOUN_GENDER.get(tok.lower_)
        if gender and len({n for n, _, _ in names}) == 1:
            name, head, full = names[0]
            if name and head.dep_ in _SUBJECT_DEPS and head.head.is_ancestor(tok):
                tally = votes.setdefault(name, [0, 0, 0, 0])
                tally[(gender == "f") + 2 * full] += 1
        if gender:
            continue
        found = _name_at(book, tok, person_ends)
        if found is not None:
            head = tok.head if tok.dep_ == "appos" else tok
            names.append((found, head, " " in found and tok.ent_type_ == "PERSON"))


def _name_at(book: SpeakerBook, tok: Token, person_ends: dict[int, Span]) -> str | None:
    """The person a token ends the name of, for gender votes: the last token of a PERSON
    entity (`person_ends`: entities by their last token), or a known surname the tagger did
    not call a person ("Wells Fargo CEO John Stumpf"); "" when the name is ambiguous; None
    for any other token."""
    if tok.ent_type_ == "PERSON":
        ent = person_ends.get(tok.i)
        if ent is None:
            return None  # not the entity's last token
        name = entity_name(ent)
        return _vote_name(book, name) if name else None
    if tok.pos_ == "PROPN" and tok.dep_ != "compound" and book.is_person_name(tok.text):
        return _vote_name(book, tok.text)
    return None


def _learn_titles(
    book: SpeakerBook, chunks: list[Chunk], docs: list[Doc], index: _GroupIndex
) -> None:
    """Note everyone named with a role outside quotations ("called on President Obama"), so a
    later "the president said" finds them even if they had not spoken yet."""
    for chunk, doc in zip(chunks, docs, strict=True):
        if chunk.headline or not doc.has_annotation("DEP"):
            continue
        for tok in doc:
            if tok.ent_type_ != "PERSON" or tok.pos_ != "PROPN" or tok.dep_ not in _NAME_DEPS:
                continue
            pos = chunk.start + tok.idx
            if _inside(pos, index) or not _may_have_role(tok):
                continue
            m = read_mention(tok)
            if m.kind == "person" and m.role:
                book.note_titled(book.canonical(m.name, m.gender), m.role, pos, chunk.paragraph)
        for ent in doc.ents:
            # "between President Ada Brook and …": a title the parse did not hang on the name
            pos = chunk.start + ent.start_char
            if ent.label_ != "PERSON" or _inside(pos, index):
                continue
            role = preceding_role(ent)
            name = entity_name(ent)
            if role and name:
                book.note_titled(book.canonical(name), role, pos, chunk.paragraph)


def _may_have_role(tok: Token) -> bool:
    """A cheap test before reading a mention: a title on its left or an apposition."""
    return any(is_title(t) for t in tok.lefts) or any(c.dep_ == "appos" for c in tok.rights)


def _named_person(tok: Token) -> bool:
    """A PERSON token, or a name head whose first names NER tagged ("Hoang Minh" Chau)."""
    return tok.ent_type_ == "PERSON" or any(
        c.ent_type_ == "PERSON" and c.dep_ == "compound" for c in tok.lefts
    )


class _GroupIndex:
    """Quotation groups sorted by start, for logarithmic lookups (they never overlap)."""

    def __init__(self, groups: list[_Group]) -> None:
        self.groups = groups
        self.starts = [g.start for g in groups]

    def containing(self, pos: int) -> _Group | None:
        i = bisect_right(self.starts, pos - 1) - 1
        if i >= 0 and self.groups[i].start < pos < self.groups[i].end:
            return self.groups[i]
        return None

    def overlapping(self, start: int, end: int) -> list[_Group]:
        i = max(0, bisect_right(self.starts, start) - 1)
        out = []
        while i < len(self.groups) and self.groups[i].start < end:
            if self.groups[i].end > start:
                out.append(self.groups[i])
            i += 1
        return out


def _inside(pos: int, index: _GroupIndex) -> bool:
    return index.containing(pos) is not None


_Mentioned = tuple[Token, int, int, int]  # a person mention: head, position, paragraph, weight
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


_MAIN_CLAUSE_DEPS = frozenset({"ROOT", "conj", "ccomp", "parataxis"})


def _subject_weight(tok: Token) -> int:
    """A main clause's subject outweighs the subject of an adverbial or relative clause."""
    verb = tok.head
    while verb.dep_ == "conj" and verb.head != verb:
        verb = verb.head
    return SUBJECT_WEIGHT if verb.dep_ in _MAIN_CLAUSE_DEPS else CLAUSE_SUBJECT_WEIGHT


def _capitalised_noun(tok: Token) -> bool:
    """A capitalised word the tagger took for a common noun ("Trump has also commented …"
    tagged as the noun "trump"): a subject `_resolve` keeps only if it is a person's name
    the article gave."""
    return tok.pos_ == "NOUN" and tok.text[:1].isupper() and not tok.text.isupper()


def _person_mentions(doc: Doc) -> list[tuple[Token, int]]:
    """The heads of person mentions in a paragraph with their salience for pronouns: named
    and pronoun subjects ("Ada Brook met …", "she met …"), names in apposition to a subject
    ("the premier, Ivo Dant, said"), objects, and every other PERSON entity ("all but Ivo
    Dant")."""
    out: dict[int, tuple[Token, int]] = {}
    for tok in doc:
        if tok.dep_ in _SUBJECT_DEPS and (
            tok.ent_type_ == "PERSON"
            or tok.pos_ == "PROPN"
            or tok.lower_ in PRONOUN_GENDER
            or _capitalised_noun(tok)
        ):
            out[tok.i] = (tok, _subject_weight(tok))
    for ent in doc.ents:
        root = ent.root
        if ent.label_ != "PERSON" or root.i in out or root.tag_ == "POS":
            continue
        if root.dep_ == "appos" and root.head.dep_ in _SUBJECT_DEPS:
            weight = _subject_weight(root.head)
        elif root.dep_ in ("dobj", "dative"):
            weight = OBJECT_WEIGHT
        else:
            weight = OTHER_WEIGHT
        out[root.i] = (root, weight)
    return [out[i] for i in sorted(out)]


def _collect(
    norm: str, chunks: list[Chunk], docs: list[Doc], groups: _GroupIndex
) -> tuple[list[_Candidate], list[_Mentioned]]:
    """Statement candidates and person mentions (for pronouns) of the whole article."""
    cands: list[_Candidate] = []
    subjects: list[_Mentioned] = []
    for chunk, doc in zip(chunks, docs, strict=True):
        if chunk.headline or not doc.has_annotation("DEP"):
            continue
        off = chunk.start
        for tok, weight in _person_mentions(doc):
            if not _inside(off + tok.idx, groups):
                subjects.append((tok, off + tok.idx, chunk.paragraph, weight))
        for raw in paragraph_statements(doc):
            cand = _candidate(raw, doc, chunk, groups)
            if cand is not None:
                cands.append(cand)
    return cands, subjects


def _candidate(raw: RawStatement, doc: Doc, chunk: Chunk, groups: _GroupIndex) -> _Candidate | None:
    off = chunk.start
    spk = raw.speaker
    if spk is None or off + spk.idx < chunk.body_start:
        return None  # no speaker, or the "speaker" is a dateline such as "WASHINGTON (AP)"
    if _inside(off + spk.idx, groups):
        return None
    if raw.cue_i >= 0 and _inside(off + doc[raw.cue_i].idx, groups):
        return None  # speech reported inside a quotation belongs to the quoted speaker
    anchor = doc[raw.cue_i] if raw.cue_i >= 0 else spk
    sent: Span = anchor.sent
    start, end = (off + raw.start, off + raw.end) if raw.start >= 0 else (-1, -1)
    return _Candidate(
        spk,
        raw.cue,
        start,
        end,
        raw.kind,
        chunk.paragraph,
        off + spk.left_edge.idx,
        (off + sent.start_char, off + sent.end_char),
    )


def _link_quotations(
    norm: str, cands: list[_Candidate], index: _GroupIndex, chunks: list[Chunk]
) -> None:
    """Widen contents to whole quotations, mark direct/mixed, attach bare cues to quotes
    (or to the block quote in the next paragraph)."""
    for cand in cands:
        if cand.start < 0:
            continue
        for g in index.overlapping(cand.start, cand.end):
            if g.inner_start - 1 <= cand.start and cand.end <= g.inner_end + 1:
                cand.start, cand.end = _trimmed(norm, g.inner_start, g.inner_end)
                cand.kind = "direct"
            elif cand.kind != "direct":
                cand.kind = "mixed"
                if cand.start < g.start and cand.end < g.end:
                    # agreed to "strengthen preventive diplomacy." keeps its mark; a quotation
                    # opened inside the content runs on to its close ('including, "Mr. Trump,
                    # do you …? … the fraud that he is."'): all of it is the speaker's
                    cand.end = g.end
            g.used = True
    for cand in cands:
        if cand.start >= 0 or cand.speaker is None:
            continue
        for g in index.overlapping(cand.sentence[0] - 400, cand.sentence[1] + 400):
            if g.used:
                continue
            gap = norm[g.end : cand.pos]
            inverted = bool(cand.cue) and _GAP.match(gap.replace(cand.cue, " ", 1))
            before = g.end <= cand.pos and (_GAP.match(gap) or inverted) and "\n" not in gap
            lead = norm[cand.sentence[0] : g.start] if cand.sentence[0] <= g.start else ""
            after = (
                g.start >= cand.pos
                and g.start - cand.pos < 120
                and _LEAD_IN.match(norm[cand.pos : g.start])
                and (":" in lead or "," in lead[-3:] or lead.rstrip().endswith(("said", "says")))
            )
            if before or after:
                cand.start, cand.end = _trimmed(norm, g.inner_start, g.inner_end)
                cand.kind, g.used = "direct", True
                break
        block = _block_quote(norm, cand, chunks, index) if cand.start < 0 else None
        if block is not None:
            cand.start, cand.end = block
            cand.kind = "direct"
    cands[:] = [c for c in cands if c.start >= 0]


def _block_quote(
    norm: str, cand: _Candidate, chunks: list[Chunk], index: _GroupIndex
) -> tuple[int, int] | None:
    """ "The governor added:" ending its paragraph, then a paragraph with no quotation
    marks: a block quote whose indentation the page lost, the speaker's own words."""
    if not norm[cand.sentence[0] : cand.sentence[1]].rstrip().endswith(":"):
        return None
    here = next((c for c in chunks if c.start <= cand.pos < c.end), None)
    if here is None or norm[cand.sentence[1] : here.end].strip():
        return None  # "three problems: money, time and trust" runs on in its own paragraph
    block = [c for c in chunks if c.paragraph == here.paragraph + 1 and not c.headline]
    if not block or index.overlapping(block[0].start, block[-1].end):
        return None  # a quoted paragraph is linked as the quotation it is
    start, end = _trimmed(norm, block[0].start, block[-1].end)
    return (start, end) if len(norm[start:end].split()) >= MIN_FLOATING_WORDS else None


def _floating(
    norm: str, groups: list[_Group], chunks: list[Chunk], docs: list[Doc]
) -> list[_Candidate]:
    """Quotations with no cue of their own that start a sentence (they inherit a speaker)."""
    out = []
    chunk_starts = [c.start for c in chunks]
    for g in groups:
        if g.used:
            continue
        s, e = _trimmed(norm, g.inner_start, g.inner_end)
        if len(norm[s:e].split()) < MIN_FLOATING_WORDS:
            continue  # scare quotes and titles
        ci = bisect_right(chunk_starts, g.start) - 1
        chunk = chunks[ci] if ci >= 0 and g.start < chunks[ci].end else None
        if chunk is None or chunk.headline:
            continue
        lead = norm[chunk.start : g.start].rstrip()
        line = norm[chunk.start : g.start].rsplit("\n", 1)[-1].rstrip()
        if line and not line.endswith((".", "!", "?", ":", '"', "'")):
            continue  # mid-sentence quotation without a cue: a scare quote or a title
        speaker_tok, cue = None, ""
        if lead.endswith(":"):
            speaker_tok, cue = colon_speaker(docs[ci], g.start - chunk.start), ":"
        elif g.end < chunk.end:
            speaker_tok, cue = dash_speaker(docs[ci], g.end - chunk.start), "―"
        out.append(
            _Candidate(
                speaker_tok,
                cue if speaker_tok is not None else "",
                s,
                e,
                "direct",
                chunk.paragraph,
                g.start,
                (g.start, g.end),
                floating=speaker_tok is None,
            )
        )
        g.used = True
    return out


def _resolve(
    cands: list[_Candidate], subjects: list[_Mentioned], book: SpeakerBook, reported: _Spans
) -> None:
    """Resolve speakers in text order: names → canonical, pronouns/descriptions → antecedents.

    A speaker inside someone else's reported content ("Brook said Dant had called for
    talks") is remembered as an ordinary mention, not as a speaker."""
    events: list[tuple[int, int, object]] = [(m[1], 0, m) for m in subjects]
    events += [(c.pos, 1, c) for c in cands]
    events.sort(key=lambda e: (e[0], e[1]))
    seen: set[str] = set()
    last: _Candidate | None = None
    for pos, kind, item in events:
        if kind == 0:
            tok, _, para, weight = item  # type: ignore[misc]
            m = read_mention(tok)
            if m.kind == "pronoun":  # "He met Dant. He said …": the chain goes on
                name = book.resolve_pronoun(m.gender, pos, para, own_clause(tok, pos))
                if name:
                    book.remember(name, "person", None, pos, para, weight)
                continue
            named = tok.ent_type_ == "PERSON" and m.kind == "person"
            if named or (" " not in m.name and book.is_person_name(m.name)):
                name = book.canonical(m.name, m.gender)
                if weight < INTRO_WEIGHT and m.role and name not in seen:
                    weight = INTRO_WEIGHT  # "all but Ivo Dant, the new premier"
                seen.add(name)
                book.remember(name, "person", m.role, pos, para, weight)
            continue
        cand: _Candidate = item  # type: ignore[assignment]
        if cand.floating:
            if last is not None and last.resolved and cand.para - last.para <= MAX_FLOAT_PARAGRAPHS:
                cand.resolved = last.resolved
                last = cand
            continue
        assert cand.speaker is not None
        cand.resolved = book.resolve(cand.speaker, cand.pos, cand.para)
        speaker, stype, role = cand.resolved.name, cand.resolved.kind, cand.resolved.role
        if stype != "unresolved":
            seen.add(speaker)
            inner = reported.inside(pos, besides=(cand.start, cand.end))
            weight = OTHER_WEIGHT if inner else SPEAKER_WEIGHT
            book.remember(speaker, stype, role, pos, cand.para, weight)
        last = cand


def assemble_article(text: str, norm: str, chunks: list[Chunk], docs: list[Doc]) -> Extraction:
    """Build the article's `Extraction` from its parsed chunks."""
    groups = _groups(find_quotations(text))
    index = _GroupIndex(groups)
    book = SpeakerBook()
    book.sentence_starts = _sentence_starts(chunks, docs, index)
    _learn_names(book, norm, chunks, docs)
    _learn_genders(book, chunks, docs, index)
    _first_name_genders(book)
    _learn_titles(book, chunks, docs, index)
    cands, subjects = _collect(norm, chunks, docs, index)
    _link_quotations(norm, cands, index, chunks)
    cands += _floating(norm, groups, chunks, docs)
    reported = _reported_spans(cands)
    _resolve(cands, _outside_reported(subjects, reported), book, reported)
    statements = _statements(text, cands)
    voices = statements + letter_voices(text, chunks, docs)  # reported words, then letters'
    disputes = find_disputes(text, chunks, docs, voices, book)
    roles = {s.speaker: s.role for s in statements if s.role and s.speaker_type == "person"}
    status = "ok"
    return Extraction(status, tuple(statements), tuple(disputes), roles=roles)


class _Spans:
    """Character spans of reported content, asked "is this position inside one?"."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self.spans = sorted(set(spans))
        self.starts = [start for start, _ in self.spans]
        self.reach: list[int] = []  # the furthest end among spans[0..i]
        for _, end in self.spans:
            self.reach.append(max(end, self.reach[-1] if self.reach else end))

    def inside(self, pos: int, *, besides: tuple[int, int] | None = None) -> bool:
        """True when `pos` lies in a span (other than `besides`)."""
        i = bisect_right(self.starts, pos) - 1
        while i >= 0 and self.reach[i] > pos:
            start, end = self.spans[i]
            if start <= pos < end and (start, end) != besides:
                return True
            i -= 1
        return False


def _sentence_starts(chunks: list[Chunk], docs: list[Doc], index: _GroupIndex) -> list[int]:
    """Where the article's body sentences start (global characters), in order; the later
    sentences of one quotation do not count ("'A. B. C,' he said" is one sentence back)."""
    return [
        chunk.start + sent.start_char
        for chunk, doc in zip(chunks, docs, strict=True)
        if not chunk.headline and doc.has_annotation("DEP")
        for sent in doc.sents
        if not _inside(chunk.start + sent.start_char, index)
    ]


def _reported_spans(cands: list[_Candidate]) -> _Spans:
    """What the candidates report others to have said."""
    return _Spans((c.start, c.end) for c in cands if c.end > c.start)


def _outside_reported(subjects: list[_Mentioned], reported: _Spans) -> list[_Mentioned]:
    """The subjects that are not inside what someone is reported to have said: in "McLenney
    said Clinton doesn't show …", a later "she said" is McLenney, not Clinton."""
    return [subject for subject in subjects if not reported.inside(subject[1])]


def _statements(text: str, cands: list[_Candidate]) -> list[Statement]:
    seen: set[tuple[int, int]] = set()
    out = []
    reported = _Spans((c.start, c.end) for c in cands if c.end > c.start and c.resolved)
    for c in sorted(cands, key=lambda c: (c.start, -c.end)):
        if c.resolved is None or c.end <= c.start or (c.start, c.end) in seen:
            continue
        if reported.inside(c.pos, besides=(c.start, c.end)):
            # "Borrell said Lavrov had rejected a call": Borrell's account, already his
            # statement; the speaker inside it never said anything we can quote
            continue
        seen.add((c.start, c.end))
        speaker, stype, role, mention = (
            c.resolved.name,
            c.resolved.kind,
            c.resolved.role,
            c.resolved.mention,
        )
        out.append(
            Statement(
                speaker=speaker,
                content=text[c.start : c.end],
                cue=c.cue,
                kind=c.kind,
                start=c.start,
                end=c.end,
                role=role,
                speaker_type=stype,  # type: ignore[arg-type]
                speaker_mention=mention,
                sentence=text[c.sentence[0] : c.sentence[1]],
            )
        )
    return out
