"""Signed letters: a reader's letter or post, its signer's name on a line of its own after it.

Letters pages ("LETTERS.", "TWITTER.", then paragraphs each closed by "Ada Brook." and
"Henderson, Nev." or "@handle.") are the signers' own words. They are no quotation, so they
never become statements (`/who-said` lists what was *reported* said); they are the voice the
dispute rules read their evaluative words in, as they read a speaker's quoted words.

A signature is a paragraph that is only a name (proper nouns, the first and last capitalised) or a
social-media handle, right after a paragraph of prose, whose surname the next paragraph does
not pick up (a profile's heading, "Ada Brook." then "Brook, a nurse, …", introduces what
follows instead of signing what came before). A name counts when a place line follows it
("Henderson, Nev.") or the parser reads it as a person; the article needs two signatures, or
one with its place line. A letter is the run of prose paragraphs before its signature, back to
the title, a heading ("LETTERS."), a place line or the previous signature.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from extract.chunks import Chunk
from extract.model import Statement

_HANDLE = re.compile(r"@\w{2,30}\.?")
MIN_PROSE_WORDS = 4  # the paragraph a signature closes is prose, not another heading
MAX_NAME_WORDS = 5
MAX_PLACE_WORDS = 4
MAX_TITLE_WORDS = 15  # a first paragraph shorter than this is the article's title


@dataclass(frozen=True, slots=True)
class _Paragraph:
    start: int
    end: int
    doc: Doc | None  # the parse, when the paragraph is one chunk
    headline: bool


def _paragraphs(chunks: list[Chunk], docs: list[Doc]) -> list[_Paragraph]:
    out: list[_Paragraph] = []
    by_index: dict[int, list[tuple[Chunk, Doc]]] = {}
    for chunk, doc in zip(chunks, docs, strict=True):
        by_index.setdefault(chunk.paragraph, []).append((chunk, doc))
    for parts in by_index.values():
        first, last = parts[0][0], parts[-1][0]
        doc = parts[0][1] if len(parts) == 1 else None
        out.append(_Paragraph(first.start, last.end, doc, first.headline))
    return out


def _signer(para: _Paragraph, text: str) -> tuple[str, bool] | None:
    """The name a paragraph consists of ("Ada Brook.", "@ada_b.") and whether it is surely a
    signature (a handle, or a PERSON entity), else None."""
    line = text[para.start : para.end].strip()
    if _HANDLE.fullmatch(line):
        return line.rstrip("."), True
    doc = para.doc
    if doc is None or para.headline or line.isupper():
        return None
    words = [t for t in doc if not t.is_punct]
    if not 2 <= len(words) <= MAX_NAME_WORDS:
        return None
    if not all(t.pos_ == "PROPN" for t in words) or not (
        words[0].text[:1].isupper() and words[-1].text[:1].isupper()
    ):
        return None  # "Mary Ann de Vries." keeps its particle
    person = [e for e in doc.ents if e.label_ == "PERSON"]
    whole = len(person) == 1 and not {t.i for t in words} - set(
        range(person[0].start, person[0].end)
    )
    return line.rstrip(".").strip(), whole


def _prose(para: _Paragraph, text: str) -> bool:
    return len(text[para.start : para.end].split()) >= MIN_PROSE_WORDS


def _place_line(para: _Paragraph, text: str) -> bool:
    line = text[para.start : para.end].strip()
    return line.endswith(".") and len(line.split()) <= MAX_PLACE_WORDS and line[:1].isupper()


def _title(index: int, para: _Paragraph, text: str) -> bool:
    return index == 0 and len(text[para.start : para.end].split()) < MAX_TITLE_WORDS


def _in_body(index: int, para: _Paragraph, text: str) -> bool:
    """Prose that is neither the title nor another signature."""
    return _prose(para, text) and not _title(index, para, text) and _signer(para, text) is None


def letter_voices(text: str, chunks: list[Chunk], docs: list[Doc]) -> list[Statement]:
    """Each signed letter's prose as its signer's words, in reading order."""
    paras = _paragraphs(chunks, docs)
    signed: list[tuple[int, str]] = []
    sure = 0
    for i, para in enumerate(paras):
        if i == 0 or not _prose(paras[i - 1], text) or _title(i - 1, paras[i - 1], text):
            continue
        found = _signer(para, text)
        if found is None:
            continue
        name, person = found
        after = text[paras[i + 1].start : paras[i + 1].end] if i + 1 < len(paras) else ""
        if not name.startswith("@") and name.split()[-1] in after:
            continue  # a heading: what follows is about the person
        placed = i + 1 < len(paras) and _place_line(paras[i + 1], text)
        if placed or person:
            signed.append((i, name))
            sure += placed
    if len(signed) < 2 and not sure:
        return []
    voices: list[Statement] = []
    for i, name in signed:
        first = i
        while first > 0 and _in_body(first - 1, paras[first - 1], text):
            first -= 1
        if first < i:
            start, end = paras[first].start, paras[i - 1].end
            voices.append(
                Statement(name, text[start:end], "signed", "direct", start, end, None, "person")
            )
    return voices
