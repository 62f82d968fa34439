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


def parsed_doc(table: str, spaces: list[bool] | None = None) -> Doc:
    """Build a Doc from a parse table, one token a line: word head dep pos lemma [entity].

    Heads are absolute token indices (0 is the first token); the entity tag (B-PERSON, …)
    is optional and "O" when left out. Spaces follow `make_doc` unless given.
    """
    rows, ents = [], []
    for line in table.strip().splitlines():
        word, head, dep, pos, lemma, *entity = line.split()
        assert len(entity) <= 1, f"too many columns in {line!r}"
        rows.append((word, int(head), dep, pos, lemma))
        ents.append(entity[0] if entity else "O")
    return make_doc(rows, ents, spaces)


def span_texts(doc: Doc, spans: list[tuple[int, int]]) -> list[str]:
    """The text of each (start, end) character span of `doc`."""
    return [doc.text[start:end] for start, end in spans]
