"""Title-case headlines, put in sentence case so the parser reads them as sentences.

"Varga Blasts Kestria Over Dam Project" parses as one long name; "Varga blasts Kestria over
dam project" parses as subject, verb, object. A word is lowered when the article's own body
writes it in lower case (it is no name there), when it is a form of a reporting or dispute
word, or when it is a function word. The result has
the same length as the input, so every character offset still points into the article.
"""

from __future__ import annotations

import re
from functools import cache

from extract.patterns import dispute_patterns, speech_verbs

_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*")
TITLE_SHARE = 0.7
MIN_WORDS = 4
FUNCTION_WORDS = frozenset(
    """a an the and or but nor of to in on at by for from with over as into onto after before
    about against amid among between during under without than that this is are was were be
    been will would can could may might must should not no it its his her their our your
    says said say tells told""".split()
)
# the commonest verbs of headline English ("Brook Goes After Hale", "Hale Gets Backing"),
# which no body text need write in lower case for the tagger to misread them as names
HEADLINE_VERBS = frozenset(
    """go goes going went get gets got make makes made take takes took come comes came give
    gives gave put puts see sees saw want wants keep keeps kept has have had does do did""".split()
)


def inflections(lemma: str) -> set[str]:
    """Regular English forms of a verb or noun: slam → slams, slammed, slamming."""
    forms = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "d", lemma + "ing"}
    if lemma.endswith("e"):
        forms |= {lemma[:-1] + "ing"}
    if lemma.endswith("y"):
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if len(lemma) > 2 and lemma[-1] not in "aeiouwxy" and lemma[-2] in "aeiou":
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}  # slammed, slamming
    return forms


@cache
def cue_words() -> frozenset[str]:
    """Every form of a reporting or dispute word, lowered in headlines ("Slams", "Says")."""
    pats = dispute_patterns()
    words: set[str] = set()
    for lemma in set(pats.cues) | set(pats.noun_cues) | speech_verbs():
        words |= inflections(lemma)
    for cues in pats.cues.values():
        words |= {w for c in cues for w in (c.particle, c.prep) if w}
    return frozenset(words | set(pats.labels))


def is_title_case(text: str) -> bool:
    """Most longer words start with a capital ("Ardenia Rejects Peace Plan")."""
    words = [w for w in _WORD.findall(text) if len(w) > 3]
    if len(words) < MIN_WORDS:
        return False
    capitals = sum(w[0].isupper() for w in words)
    return capitals / len(words) >= TITLE_SHARE


def lower_case_words(text: str) -> frozenset[str]:
    """Every word the text writes in lower case somewhere (no name in this article)."""
    return frozenset(w for w in _WORD.findall(text) if w.islower())


def sentence_case(headline: str, known_lower: frozenset[str]) -> str:
    """Lower the first letter of each title-cased word that is no name (a function word, a
    form of a reporting or dispute word, or a word of `known_lower`); same length.

    >>> sentence_case("Varga Blasts Kestria Over Dam Project", frozenset({"blasts", "dam"}))
    'Varga blasts Kestria over dam Project'
    """
    out = list(headline)
    first = True
    for m in _WORD.finditer(headline):
        word = m.group()
        lower = word.lower()
        titled = not first and word[0].isupper() and not word.isupper()
        plain = lower in FUNCTION_WORDS or lower in HEADLINE_VERBS or lower in known_lower
        if titled and (plain or lower in cue_words()):
            out[m.start()] = word[0].lower()
        first = False
    return "".join(out)
