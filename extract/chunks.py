"""Split article text into parse-sized chunks with their offsets (pure string code)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.patterns import article_end_patterns, credit_line_patterns
from extract.quotes import paragraphs

_SENTENCE_END = re.compile(r"[.!?][\"')\]]*\s+")
_DATELINE = re.compile(
    r"^[A-Z][A-Z.'\- ]{2,40}(?:,\s*[A-Z][A-Za-z.]+)?\s*(?:\([A-Za-z .&]+\))?\s*(?:[—–:]|--|-\s)\s*"
)
# "Washington (CNN) President …": a place and a wire service or broadcaster in brackets open
# the paragraph with no dash after them. Only these outlets, so "McCain (R) said" keeps its name.
_OUTLET_DATELINE = re.compile(
    r"^[A-Z][A-Za-z.'\-]+(?: [A-Z][A-Za-z.'\-]+){0,2}(?:,\s*[A-Z][A-Za-z.]+)?\s*"
    r"\((?:AP|AFP|Reuters|CNN|CNN Business|CNBC|Bloomberg|UPI|dpa|Xinhua|Yonhap|Kyodo|TASS"
    r"|Interfax|BBC|NPR|Al Jazeera)\)\s+"
)
HEADLINE_MAX_WORDS = 25


@dataclass(frozen=True, slots=True)
class Chunk:
    """A piece of one paragraph: text[start:end], never longer than the parser allows."""

    start: int
    end: int
    paragraph: int
    body_start: int  # first character after a dateline such as "WASHINGTON (AP) —"
    headline: bool = False


def dateline_end(text: str) -> int:
    """Length of a leading dateline ("JAKARTA:", "WASHINGTON (AP) —", "Washington (CNN)"),
    else 0.

    >>> dateline_end("WASHINGTON (AP) — The talks failed.")
    18
    """
    m = _DATELINE.match(text) or _OUTLET_DATELINE.match(text)
    return m.end() if m else 0


def _is_headline(text: str) -> bool:
    words = text.split()
    return len(words) <= HEADLINE_MAX_WORDS and not re.search(r"[.!?\"'”’)]$", text)


def _split(text: str, start: int, end: int, limit: int) -> list[tuple[int, int]]:
    """Cut text[start:end] into pieces of at most `limit` chars at sentence ends or spaces."""
    pieces = []
    while end - start > limit:
        window = text[start : start + limit]
        cut = 0
        for m in _SENTENCE_END.finditer(window, limit // 2):
            cut = m.end()
        if not cut:
            cut = window.rfind(" ", limit // 2) + 1
        if cut <= 0:
            cut = limit
        pieces.append((start, start + cut))
        start += cut
    pieces.append((start, end))
    return pieces


def article_chunks(text: str, *, limit: int) -> list[Chunk]:
    """Paragraph chunks of an article, without credit lines and trailing page furniture.

    The first paragraph is flagged as a headline when it is short and unpunctuated.
    """
    chunks: list[Chunk] = []
    for index, (p_start, p_end) in enumerate(paragraphs(text)):
        para = text[p_start:p_end]
        if any(p.search(para) for p in article_end_patterns()):
            break
        if any(p.search(para) for p in credit_line_patterns()):
            continue
        headline = index == 0 and _is_headline(para)
        body = p_start + dateline_end(para)
        # A dash dateline ("WASHINGTON --", "(AP) —") is left out of the parse, where it
        # would become the subject; "WORD:" stays, as it may be a transcript's speaker label.
        start = body if ":" not in text[p_start:body] else p_start
        for s, e in _split(text, start, p_end, limit):
            chunks.append(Chunk(s, e, index, max(s, body) if s == start else s, headline))
    return chunks
