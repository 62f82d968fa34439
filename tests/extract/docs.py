"""Build spaCy Docs with a known parse, so rule tests test the rule, not the model."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.tokens import Doc
from spacy.vocab import Vocab


@cache
def english_vocab() -> Vocab:
    """An English vocab, so lexical attributes such as `lower_` are filled in."""
    return spacy.blank("en").vocab


NO_SPACE_BEFORE = {",", ".", ":", "'s"}


def make_doc(
    rows: list[tuple], ents: list[str] | None = None, spaces: list[bool] | None = None
) -> Doc:
    """Build a Doc with a known parse from (word, head, dep, pos, lemma) rows; heads absolute."""
    words = [r[0] for r in rows]
    if spaces is None:
        spaces = [
            i + 1 < len(words) and words[i + 1] not in NO_SPACE_BEFORE for i in range(len(words))
        ]
    return Doc(
        english_vocab(),
        words=words,
        spaces=spaces,
        heads=[r[1] for r in rows],
        deps=[r[2] for r in rows],
        pos=[r[3] for r in rows],
        lemmas=[r[4] for r in rows],
        ents=ents or ["O"] * len(words),
    )
