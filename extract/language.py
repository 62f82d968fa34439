"""A cheap, dependency-free English check on function words.

Real language identification is not needed here: the pipeline is English-only,
and we only have to tell English prose from other languages well enough to skip
the rest with a status. Function words are the most reliable signal in short
texts (the idea behind stop-word language guessers such as NLTK's classic
recipe); proper nouns and numbers are ignored because they are shared.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

# The most frequent English function words; none is a common word in German,
# French, Spanish, Portuguese or Italian prose.
_ENGLISH = frozenset(
    """the of and to in is that for it was on with as he she by at from his her
    they this be are were been has have had not but which their will would said
    an or who its also after than about more over into there we our when what""".split()
)

MIN_WORDS = 20
MIN_ENGLISH_SHARE = 0.15


def english_share(text: str, *, sample_chars: int = 20_000) -> float:
    """Share of lower-case words in the first `sample_chars` that are English function words."""
    words = [w for w in _WORD.findall(text[:sample_chars]) if w.islower()]
    if not words:
        return 0.0
    return sum(w in _ENGLISH for w in words) / len(words)


def detect_language(text: str) -> str | None:
    """Return "en" for English prose, "other" for other prose, None when too short to tell.

    >>> detect_language("The minister said on Friday that the talks had been useful " * 3)
    'en'
    """
    words = [w for w in _WORD.findall(text[:20_000]) if w.islower()]
    if len(words) < MIN_WORDS:
        return None
    return "en" if english_share(text) >= MIN_ENGLISH_SHARE else "other"
