"""Keyword filters for a channel's digest: words, "quoted phrases", -exclusions and OR.

The syntax (what `/digest subscribe` stores, and what `str(KeywordFilter)` writes back):

* A *term* is a word (``Lavrov``, ``G7``, ``U.S.``, ``Jong-un``) or a phrase in double
  quotes (``"North Korea"``; straight or curly quotes).
* Terms separated by spaces must **all** appear (in the statement, its speaker or its
  article's title, not necessarily together): ``Lavrov Blinken`` keeps what mentions both.
  All, not any: `/digest subscribe ASEAN Regional Forum` has always stored the summit's
  name as one keyword, which must not turn into "anything that says regional".
* ``OR`` (in capitals), ``|``, a comma or a semicolon separates **alternatives**; an item
  is kept when one alternative matches: ``Lavrov OR Blinken`` and ``Lavrov, Blinken`` keep
  what mentions either. Spaces bind tighter than OR: ``Kim summit OR Lavrov`` is
  (Kim and summit) or Lavrov. ``AND`` in capitals is allowed and changes nothing.
* ``-word`` or ``-"a phrase"`` **excludes**: an item that mentions it is dropped, whichever
  alternative it sits next to. ``Lavrov OR Blinken -sanctions`` keeps what mentions
  Lavrov or Blinken but not sanctions; ``-sanctions`` alone keeps everything else.
* An empty filter keeps everything.

Matching is case-insensitive and by whole words: ``US`` does not match "Russia" or
"discuss", ``G7`` matches "G7's", ``Korea`` matches "North-Korea" and "Korea.", and a
phrase matches across any run of whitespace (line breaks too). A hyphen in a term also
matches a space or another dash (``Kim Jong-un`` finds "Kim Jong Un"); an apostrophe
matches either apostrophe. Dotted abbreviations match with or without their dots
(``U.S.`` finds "US" and "U.S"). One exception to case-insensitivity: a single word of
2–5 letters typed in capitals (``US``, ``UN``, ``EU``, ``NATO``) is an acronym and also
matches its dotted spelling and any capitalisation except all lower case, so ``US`` finds
"U.S." and "US" but not the pronoun "us", and ``UN`` does not match "Kim Jong-un" (it
does match "Kim Jong Un"; type ``un`` for a case-blind match). Text is compared after
NFKC normalisation (full-width letters, ligatures), so "ＵＳ" is "US". In scripts written
without spaces (Chinese, Japanese, Thai…) a term matches inside a longer run of letters.

Comma-separated lists stored before this syntax existed ("Lavrov,North Korea") read as
alternatives, each a term or an all-of group: ``North Korea`` means both words.

Bad input never raises: control characters count as spaces, invisible format characters
are dropped, an unclosed quote runs to the end of the text, a lone ``-`` or ``OR`` is
ignored, punctuation at the edges of a word is dropped (``(Lavrov),`` is ``Lavrov``), and
the text, each term and the number of terms are capped.

>>> f = parse_filter('Lavrov OR "North Korea" -sanctions')
>>> f.matches("Lavrov's remarks in Jakarta"), f.matches("north  korea talks"), f.matches("US")
(True, True, False)
>>> f.matches("Lavrov on sanctions")
False
>>> str(f)
'Lavrov OR "North Korea" -sanctions'
>>> us = parse_filter("US")
>>> us.matches("the U.S. said"), us.matches("Russia"), us.matches("discuss"), us.matches("help us")
(True, False, False, False)
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import regex

MAX_TEXT = 1000  # the stored column's size; longer input is cut before parsing
MAX_TERM = 100  # characters per term
MAX_TERMS = 50  # terms per filter, exclusions included; later ones are dropped

_QUOTES = frozenset('"“”„‟«»＂')
_SEPARATORS = frozenset(",;|")
_MINUS = frozenset("-−–—")
_HYPHENS = "-‐‑‒–"
_APOSTROPHES = "'‘’ʼ"
_HYPHEN_CLASS = "[\\-\u2010\u2011\u2012\u2013\\s]"
_APOSTROPHE_CLASS = "['\u2018\u2019\u02bc]"
_ZERO_WIDTH_SPACE = "\u200b"
_BETWEEN_TEXTS = "\n\x00\n"
# Invisible characters that often sit inside words in scraped text (soft hyphen, zero-width
# joiners, bidi marks, byte-order mark); matching reads the text without them.
_INVISIBLE: dict[int, str | None] = dict.fromkeys(
    map(ord, "\u00ad\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\ufeff")
)
_INVISIBLE[ord(_ZERO_WIDTH_SPACE)] = " "
# Scripts written without spaces between words: no word boundary is required there.
_UNSPACED = (
    (0x0E00, 0x0EFF),  # Thai, Lao
    (0x1000, 0x109F),  # Myanmar
    (0x1780, 0x17FF),  # Khmer
    (0x3040, 0x30FF),  # Hiragana, Katakana
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0x20000, 0x2FA1F),  # CJK extensions B–F and supplement
)
# What `_is_word_char` calls a word character, for the regex engine: a term matches whole words.
_WORD_CHAR = r"[_\p{L}\p{M}\p{N}]"
_DOTTED = re.compile(r"^(?:[^\W\d_]\.)+[^\W\d_]?\.?$")


@dataclass(frozen=True, slots=True)
class KeywordFilter:
    """A parsed filter: any one of `alternatives` (each a tuple of terms that must all
    appear) and none of `exclusions`. Terms keep the user's spelling; a term with a space
    is a phrase. Build one with `parse_filter`; `str()` gives it back in canonical syntax."""

    alternatives: tuple[tuple[str, ...], ...] = ()
    exclusions: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        """True when the filter keeps everything (no terms at all)."""
        return not self.alternatives and not self.exclusions

    def matches(self, *texts: str | None) -> bool:
        """True when one alternative has all its terms somewhere in `texts` (each term may
        be in a different text; a phrase must be within one) and no exclusion is in any.
        None and empty texts are skipped; an empty filter matches everything."""
        if self.empty:
            return True
        # One haystack: the separator is no word character and no space, so a word ends at it
        # and a phrase never runs across it.
        prepared = _Text(_BETWEEN_TEXTS.join(t for t in texts if t))
        if any(_found(term, prepared) for term in self.exclusions):
            return False
        if not self.alternatives:
            return True
        return any(
            all(_found(term, prepared) for term in alternative) for alternative in self.alternatives
        )

    def matches_each(self, *columns: Sequence[str | None]) -> list[bool]:
        """`matches` for every row of these columns at once (row i is `columns[0][i]`,
        `columns[1][i]`, …): each term is searched for once in each column's distinct texts
        (a day's brief filters 200,000 statements), not row by row."""
        rows = len(columns[0]) if columns else 0
        if self.empty:
            return [True] * rows
        read = [_Column(texts) for texts in columns]

        def found(term: str) -> np.ndarray:
            hits = np.zeros(rows, dtype=bool)
            for column in read:
                hits |= column.rows_with(term)
            return hits

        kept = np.zeros(rows, dtype=bool) if self.alternatives else np.ones(rows, dtype=bool)
        for alternative in self.alternatives:
            every = found(alternative[0])
            for term in alternative[1:]:
                every &= found(term)
            kept |= every
        for term in self.exclusions:
            kept &= ~found(term)
        return kept.tolist()

    def __str__(self) -> str:
        positive = " OR ".join(" ".join(map(_render, alt)) for alt in self.alternatives)
        negative = " ".join("-" + _render(term) for term in self.exclusions)
        return " ".join(part for part in (positive, negative) if part)


EVERYTHING = KeywordFilter()


def parse_filter(text: str) -> KeywordFilter:
    """Read the filter syntax (see the module docstring); never raises.

    >>> parse_filter('Lavrov Blinken, -"free trade" OR G7')
    KeywordFilter(alternatives=(('Lavrov', 'Blinken'), ('G7',)), exclusions=('free trade',))
    >>> parse_filter('"unclosed -quote').alternatives
    (('unclosed -quote',),)
    """
    alternatives: list[tuple[str, ...]] = []
    current: list[str] = []
    exclusions: list[str] = []
    budget = MAX_TERMS
    for kind, value in _tokens(_clean(text)):
        if kind == "or":
            if current:
                alternatives.append(tuple(current))
            current = []
            continue
        term = _term(value)
        if not term or budget <= 0:
            continue
        target = exclusions if kind == "not" else current
        if term not in target:
            target.append(term)
            budget -= 1
    if current:
        alternatives.append(tuple(current))
    return KeywordFilter(tuple(dict.fromkeys(alternatives)), tuple(exclusions))


def filter_from_keywords(keywords: Iterable[str]) -> KeywordFilter:
    """One filter from a stored keyword list (`SubscriptionView.keywords`): each item is
    parsed on its own (so an unclosed quote stays inside its item) and the items are
    alternatives; every item's exclusions apply to the whole filter.

    >>> str(filter_from_keywords(["Lavrov", "North Korea", "-sanctions"]))
    'Lavrov OR North Korea -sanctions'
    """
    alternatives: list[tuple[str, ...]] = []
    exclusions: list[str] = []
    for item in keywords:
        part = parse_filter(item)
        alternatives.extend(part.alternatives)
        exclusions.extend(part.exclusions)
    terms = sum(map(len, alternatives))
    return KeywordFilter(
        tuple(dict.fromkeys(alternatives)),
        tuple(dict.fromkeys(exclusions))[: max(MAX_TERMS - terms, 0)],
    )


def as_filter(keywords: KeywordFilter | str | Iterable[str]) -> KeywordFilter:
    """A filter from whatever a caller holds: a filter, filter text, or a stored list."""
    if isinstance(keywords, KeywordFilter):
        return keywords
    if isinstance(keywords, str):
        return parse_filter(keywords)
    return filter_from_keywords(keywords)


# ------------------------------------------------------------------------------ parsing


def _clean(text: str) -> str:
    """NFKC; control characters become spaces, invisible format characters go."""
    text = unicodedata.normalize("NFKC", (text or "")[:MAX_TEXT])
    out = []
    for ch in text:
        category = unicodedata.category(ch)
        if category == "Cc" or ch == _ZERO_WIDTH_SPACE:
            out.append(" ")
        elif category not in ("Cf", "Cs"):
            out.append(ch)
    return "".join(out)


def _tokens(text: str) -> Iterable[tuple[str, str]]:
    """("or", ""), ("term", text) or ("not", text), in order."""
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        if ch in _SEPARATORS:
            yield "or", ""
            i += 1
            continue
        negated = ch in _MINUS and i + 1 < n and not _ends_token(text[i + 1])
        if negated:
            i += 1
        if text[i] in _QUOTES:
            end = next((j for j in range(i + 1, n) if text[j] in _QUOTES), n)
            yield ("not" if negated else "term"), text[i + 1 : end]
            i = end + 1
            continue
        end = i
        while end < n and not _ends_token(text[end]):
            end += 1
        word = "".join(c for c in text[i:end] if c not in _QUOTES)
        i = end
        if not negated and word == "OR":
            yield "or", ""
        elif negated or word != "AND":
            yield ("not" if negated else "term"), word


def _ends_token(ch: str) -> bool:
    return ch.isspace() or ch in _SEPARATORS


def _term(value: str) -> str:
    """A term in normal form: whitespace collapsed, edge punctuation dropped, capped."""
    term = _strip_end(_strip_start(" ".join(value.split())))
    if len(term) > MAX_TERM:
        term = _strip_end(term[:MAX_TERM])
    return term


def _strip_start(word: str) -> str:
    i = 0
    while i < len(word) and not _is_word_char(word[i]):
        i += 1
    return word[i:]


def _strip_end(word: str) -> str:
    end = len(word)
    while end and not _is_word_char(word[end - 1]):
        end -= 1
    if 0 < end < len(word) and word[end] == "." and "." in word[:end].split()[-1]:
        end += 1  # an abbreviation keeps its last dot: "U.S."
    return word[:end]


def _render(term: str) -> str:
    plain = (
        term not in ("OR", "AND")
        and not any(ch.isspace() or ch in _SEPARATORS for ch in term)
        and term[:1] not in _MINUS
    )
    return term if plain else f'"{term}"'


# ------------------------------------------------------------------------------ matching


class _Text:
    """One text, normalised once: `plain` (NFKC) for acronyms, `folded` for the rest."""

    __slots__ = ("folded", "plain")

    def __init__(self, text: str) -> None:
        if text.isascii():  # nothing to normalise, and case-folding is lower-casing
            self.plain, self.folded = text, text.lower()
            return
        self.plain = unicodedata.normalize("NFKC", text.translate(_INVISIBLE))
        self.folded = self.plain.casefold()


class _Column:
    """One text of many rows (each statement's content, say), its distinct values read as
    one `_Text` between separators (a word ends at one and no term's match runs across
    one), so that a term is searched for once in the regex engine."""

    __slots__ = ("codes", "folded", "folded_starts", "plain", "plain_starts")

    def __init__(self, texts: Sequence[str | None]) -> None:
        distinct = list(dict.fromkeys(texts))
        if len(distinct) == len(texts):
            self.codes = np.arange(len(texts))
        else:
            index = {text: i for i, text in enumerate(distinct)}
            self.codes = np.fromiter(map(index.__getitem__, texts), np.intp, len(texts))
        plain = [t or "" for t in distinct]
        self.plain, self.plain_starts = _segments(plain)
        if self.plain.isascii():  # as `_Text`: nothing to normalise, folding is lower-casing
            self.folded, self.folded_starts = self.plain.lower(), self.plain_starts
            return
        read = [_Text(t) for t in plain]
        self.plain, self.plain_starts = _segments([t.plain for t in read])
        self.folded, self.folded_starts = _segments([t.folded for t in read])

    def rows_with(self, term: str) -> np.ndarray:
        """Per row, whether `term` is found in its text (as `_found` finds it)."""
        pattern = _pattern(term)
        if pattern.acronym:  # a match counts only when it holds a capital
            haystack, starts = self.plain, self.plain_starts
            positions = [m.start() for m in pattern.regex.finditer(haystack) if _capitalised(m)]
        else:
            haystack, starts = self.folded, self.folded_starts
            positions = [m.start() for m in pattern.regex.finditer(haystack)]
        values = np.zeros(len(starts), dtype=bool)
        values[np.searchsorted(starts, positions, side="right") - 1] = True
        return values[self.codes]


def _segments(texts: list[str]) -> tuple[str, np.ndarray]:
    """The texts joined by separators, and where each starts."""
    lengths = np.fromiter(map(len, texts), np.intp, len(texts)) + len(_BETWEEN_TEXTS)
    starts = np.zeros(len(texts), dtype=np.intp)
    np.cumsum(lengths[:-1], out=starts[1:])
    return _BETWEEN_TEXTS.join(texts), starts


@dataclass(frozen=True, slots=True)
class _Pattern:
    regex: regex.Pattern[str]  # a whole word or phrase: word boundaries included
    acronym: bool  # search `plain`, and the match must hold a capital letter


def _found(term: str, text: _Text) -> bool:
    pattern = _pattern(term)
    if not pattern.acronym:
        return pattern.regex.search(text.folded) is not None
    position = 0
    while match := pattern.regex.search(text.plain, position):
        if _capitalised(match):
            return True
        position = match.start() + 1
    return False


def _capitalised(match: regex.Match[str]) -> bool:
    return any(ch.isupper() for ch in match.group())


@lru_cache(maxsize=2048)
def _pattern(term: str) -> _Pattern:
    words = unicodedata.normalize("NFKC", term).split()
    if not words:
        return _Pattern(regex.compile(r"(?!)"), acronym=False)
    acronym = len(words) == 1 and _is_acronym(words[0])
    if not acronym:
        words = [w.casefold() for w in words]
    body = r"\s+".join(_word_regex(w) for w in words)
    before = "" if _unspaced(words[0][0]) else f"(?<!{_WORD_CHAR})"
    after = "" if _unspaced(words[-1][-1]) else f"(?!{_WORD_CHAR})"
    return _Pattern(
        regex=regex.compile(before + body + after, regex.IGNORECASE if acronym else 0),
        acronym=acronym,
    )


def _is_acronym(word: str) -> bool:
    letters = word.replace(".", "") if _DOTTED.match(word) else word
    return 2 <= len(letters) <= 5 and letters.isalpha() and letters.isupper()


def _word_regex(word: str) -> str:
    letters = word.replace(".", "") if _DOTTED.match(word) else None
    if letters is None and word.isalpha() and word.isupper() and 2 <= len(word) <= 5:
        letters = word
    if letters is not None and len(letters) >= 2:
        # Possessive dots: the boundary after the word must not be met by leaving one out
        # ("U.S.A." is not "U.S" followed by a dot).
        return r"\.?+".join(map(re.escape, letters)) + r"\.?+"
    pieces = []
    for ch in word:
        if ch in _HYPHENS:
            pieces.append(_HYPHEN_CLASS)
        elif ch in _APOSTROPHES:
            pieces.append(_APOSTROPHE_CLASS)
        else:
            pieces.append(re.escape(ch))
    return "".join(pieces)


def _is_word_char(ch: str) -> bool:
    return ch == "_" or unicodedata.category(ch)[0] in "LMN"


def _unspaced(ch: str) -> bool:
    code = ord(ch)
    return any(low <= code <= high for low, high in _UNSPACED)
