"""Normalised lookup keys for speaker names, shared by writes and queries."""

from __future__ import annotations

import re
import unicodedata

_POSSESSIVE = re.compile(r"['’]s?$")
_NOT_NAME = re.compile(r"[^\w\s-]")
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def name_key(name: str) -> str:
    """Fold case, accents, punctuation and possessives: "Lavrov’s" and "lavrov" meet.

    >>> name_key("  Sergéi  LAVROV's ")
    'sergei lavrov'
    """
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).casefold()
    words = []
    for word in folded.split():
        word = _NOT_NAME.sub("", _POSSESSIVE.sub("", word)).strip("-")
        if word:
            words.append(word)
    return " ".join(words)


def alias_keys(name: str, kind: str) -> set[str]:
    """Keys a speaker can be found by: the full name and, for people, the family name.

    The family name is the last word in most Western names but the first in Chinese,
    Korean, Vietnamese or Hungarian ones ("Wang Yi" is Mr. Wang), and nothing in a
    name says which, so both ends are indexed; a query that hits several people gets
    a choice rather than a guess.
    """
    key = name_key(name)
    if not key:
        return set()
    keys = {key}
    words = [w for w in key.split() if w not in _SUFFIXES]
    if kind == "person" and len(words) >= 2:
        keys.update((words[0], words[-1]))
    return keys
