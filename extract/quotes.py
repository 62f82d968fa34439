"""The quote-mark layer: find quotations in plain text without ever raising.

Works on strings only (no spaCy). Quote marks are normalised length-preservingly
so offsets stay valid; curly marks keep their direction, straight marks get one
from their neighbours; an unclosed quote at the end of a paragraph continues into
the next paragraph when that paragraph opens with a quote mark (newspaper style);
unpaired marks are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENERS = "“„‟«"
CLOSERS = "”»"
DOUBLE = OPENERS + CLOSERS + '"″'
SINGLE_OPEN = "‘‛‚"
SINGLE_CLOSE = "’"
_NORMALISE = str.maketrans(
    {**dict.fromkeys(DOUBLE, '"'), **dict.fromkeys(SINGLE_OPEN + SINGLE_CLOSE + "′", "'")}
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")
_DOUBLE_APOSTROPHE = re.compile(r"(?<!')''(?!')")
PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")


@dataclass(frozen=True, slots=True)
class Quotation:
    """One quotation: `start` is the opening mark, `end` is just past the closing mark.

    A multi-paragraph quotation has one piece per paragraph; `group` is shared by its
    pieces and `closed` is False when the piece ran to the end of its paragraph.
    """

    start: int
    end: int
    group: int
    closed: bool = True

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + 1, self.end - 1 if self.closed else self.end


def normalise(text: str) -> str:
    """Map every quote mark to `"` or `'` and control characters to spaces, keeping length.

    >>> normalise("“Yes,” he said. It’s ‘fine’.")
    '"Yes," he said. It\\'s \\'fine\\'.'
    """
    return _CONTROL.sub(" ", double_apostrophes(text).translate(_NORMALISE))


def double_apostrophes(text: str) -> str:
    """Two apostrophes used as a double quote mark (''Yes,'' he said: an old wire and
    archive style) become one `"` and a space, keeping length and the mark's side.

    >>> double_apostrophes("''Yes,'' he said.")
    ' "Yes,"  he said.'
    """
    if "''" not in text:
        return text
    return _DOUBLE_APOSTROPHE.sub(_one_mark, text)


def _one_mark(m: re.Match[str]) -> str:
    before = m.string[m.start() - 1] if m.start() else " "
    return ' "' if before.isspace() or before in "([{—–-/:" else '" '


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank paragraph; paragraphs are separated by blank lines."""
    spans, pos = [], 0
    for m in PARAGRAPH_BREAK.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def _direction(raw: str, i: int) -> str:
    """'open', 'close' or '?' for the double quote mark at raw[i]."""
    ch = raw[i]
    if ch in OPENERS:
        return "open"
    if ch in CLOSERS:
        return "close"
    before = raw[i - 1] if i > 0 else " "
    after = raw[i + 1] if i + 1 < len(raw) else " "
    if before.isdigit() and not after.isalnum():
        return "inch"  # 5" screen
    if (before.isspace() or before in "([{—–-/:") and not after.isspace():
        return "open"
    if after.isspace() or after in ".,;:!?)]}—–-" or not before.isspace():
        return "close"
    return "?"


def _single_quotes(raw: str, start: int, end: int) -> list[tuple[int, int]]:
    """Pairs of ‘single’ quotation marks that cannot be apostrophes, in raw[start:end]."""
    pairs, open_at = [], None
    for i in range(start, end):
        ch = raw[i]
        if ch not in "'‘’":
            continue
        before = raw[i - 1] if i > start else " "
        after = raw[i + 1] if i + 1 < end else " "
        if open_at is None:
            if ch != "’" and (before.isspace() or before in "([—–") and after.isalnum():
                open_at = i
        elif ch != "‘" and not before.isspace() and not after.isalnum():
            if before == "s" and after == " " and raw[i - 2 : i].isalpha():
                continue  # possessive plural (the ministers' talks) is ambiguous: keep looking
            pairs.append((open_at, i + 1))
            open_at = None
    return pairs


def find_quotations(raw: str, *, singles: bool = True) -> list[Quotation]:
    """All quotations in `raw` (original, not normalised, text), in text order.

    >>> [(q.start, q.end) for q in find_quotations('He said "no." Then "yes')]
    [(8, 13), (19, 23)]
    """
    raw = double_apostrophes(raw)
    paras = paragraphs(raw)
    quotes: list[Quotation] = []
    group = 0
    carry = False  # a quotation is open across a paragraph break
    for p_index, (p_start, p_end) in enumerate(paras):
        marks = [i for i in range(p_start, p_end) if raw[i] in DOUBLE]
        dirs = [_direction(raw, i) for i in marks]
        open_at: int | None = None
        if carry and not (dirs and dirs[0] == "open" and marks[0] == p_start):
            carry = False
        for i, d in zip(marks, dirs, strict=True):
            if d == "inch":
                continue
            if open_at is None:
                if d in ("open", "?"):
                    open_at = i
                    if not carry:
                        group += 1
                    carry = False
                continue
            if d == "open" and i > open_at + 1 and raw[i - 1].isspace():
                # two openers in a row: the first was never closed; keep the later one
                quotes.append(Quotation(open_at, i, group, closed=False))
                open_at, group = i, group + 1
                continue
            quotes.append(Quotation(open_at, i + 1, group))
            open_at = None
        if open_at is not None:
            quotes.append(Quotation(open_at, p_end, group, closed=False))
            nxt = paras[p_index + 1] if p_index + 1 < len(paras) else None
            carry = nxt is not None and raw[nxt[0]] in DOUBLE and _direction(raw, nxt[0]) != "close"
        if singles:
            inside = [(q.start, q.end) for q in quotes if q.start >= p_start]
            for s, e in _single_quotes(raw, p_start, p_end):
                if not any(a < e and s < b for a, b in inside) and e - s > 3:
                    group += 1
                    quotes.append(Quotation(s, e, group))
    quotes.sort(key=lambda q: q.start)
    return quotes
