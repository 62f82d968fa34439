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
TAG = "tag="


def make_doc(
    rows: list[tuple],
    ents: list[str] | None = None,
    spaces: list[bool] | None = None,
    tags: list[str | None] | None = None,
) -> Doc:
    """Build a Doc with a known parse from (word, head, dep, pos, lemma) rows; heads absolute.

    `tags` gives fine-grained tags (`tag_`: NNS, VBN, PRP$ …) by token, None or "" where a
    token has none; a row may also carry its tag as a sixth item.
    """
    words = [r[0] for r in rows]
    if spaces is None:
        spaces = [
            i + 1 < len(words) and words[i + 1] not in NO_SPACE_BEFORE for i in range(len(words))
        ]
    if tags is None:
        tags = [r[5] if len(r) > 5 else None for r in rows]
    doc = Doc(
        english_vocab(),
        words=words,
        spaces=spaces,
        heads=[r[1] for r in rows],
        deps=[r[2] for r in rows],
        pos=[r[3] for r in rows],
        lemmas=[r[4] for r in rows],
        ents=ents or ["O"] * len(words),
    )
    for tok, tag in zip(doc, tags, strict=True):
        if tag:
            tok.tag_ = tag
    return doc


def parsed_doc(table: str, spaces: list[bool] | None = None) -> Doc:
    """Build a Doc from a parse table, one token a line: word head dep pos lemma [entity] [tag=T].

    Heads are absolute token indices (0 is the first token); the entity tag (B-PERSON, …)
    is optional and "O" when left out; a trailing `tag=NNS` column sets the fine-grained tag
    (`tag_`), empty when left out. Spaces follow `make_doc` unless given.
    """
    rows, ents, tags = [], [], []
    for line in table.strip().splitlines():
        word, head, dep, pos, lemma, *rest = line.split()
        tag = rest.pop()[len(TAG) :] if rest and rest[-1].startswith(TAG) else None
        assert len(rest) <= 1, f"too many columns in {line!r}"
        rows.append((word, int(head), dep, pos, lemma))
        ents.append(rest[0] if rest else "O")
        tags.append(tag)
    return make_doc(rows, ents, spaces, tags)


def span_texts(doc: Doc, spans: list[tuple[int, int]]) -> list[str]:
    """The text of each (start, end) character span of `doc`."""
    return [doc.text[start:end] for start, end in spans]


def quote_spaces(words: list[str]) -> list[bool]:
    """Spaces for words with straight quotation marks: none inside an opening mark or before
    a closing one, else as `make_doc` ('"We will win," Ann said.')."""
    spaces, inside = [], False
    for i, word in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else None
        if word == '"':
            inside = not inside
        opening = word == '"' and inside
        closing_next = nxt == '"' and inside
        spaces.append(
            nxt is not None and not opening and not closing_next and nxt not in NO_SPACE_BEFORE
        )
    return spaces
