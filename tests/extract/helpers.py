"""Shared helpers for extraction tests: marked-up sentence tables, statement lookup, fields.

A table row is one sentence with its expected statement marked in place:
{speaker}, [content] and <cue>. `statement_case` turns it into the plain text and the
expected (speaker, content, cue); a row without a <cue> expects any cue ("").
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from extract.assemble import assemble_article
from extract.chunks import Chunk
from extract.model import Extraction, Statement
from extract.quotes import normalise

MARK = re.compile(r"\{(?P<speaker>[^{}]*)\}|\[(?P<content>[^\[\]]*)\]|<(?P<cue>[^<>]*)>")


def unmark(marked: str) -> tuple[str, dict[str, str]]:
    """The text without its marks, and each marked part by kind (speaker, content, cue)."""
    parts: dict[str, str] = {}

    def keep(match: re.Match[str]) -> str:
        kind = match.lastgroup
        assert kind not in parts, f"{kind} marked twice in {marked!r}"
        parts[kind] = match.group(kind)
        return parts[kind]

    return MARK.sub(keep, marked), parts


def statement_case(marked: str, speaker: str | None = None) -> tuple[str, str, str, str]:
    """(text, speaker, content, cue) from a sentence with {speaker}, [content] and <cue> marked.

    `speaker` is for a speaker not written in the sentence as such (resolved from earlier text).
    """
    text, parts = unmark(marked)
    assert ("speaker" in parts) != (speaker is not None), f"one speaker wanted for {marked!r}"
    return text, parts.get("speaker", speaker), parts["content"], parts.get("cue", "").lower()


def statement_where(result: Extraction, **fields: str) -> Statement:
    """The first statement whose fields equal `fields`; fails listing what was found instead."""
    found = [s for s in result.statements if all(getattr(s, k) == v for k, v in fields.items())]
    assert found, [(s.speaker, s.cue, s.content) for s in result.statements]
    return found[0]


def fields_of(obj: object, names) -> dict:
    """`obj`'s attributes named in `names`, as a dict to compare with the expected one."""
    return {name: getattr(obj, name) for name in names}


def run(doc: Doc) -> Extraction:
    """Assemble a one-paragraph article from a hand-built doc."""
    text = doc.text
    return assemble_article(text, normalise(text), [Chunk(0, len(text), 0, 0)], [doc])


def named_disputes(extractor, text: str) -> list[tuple[str, str, str | None]]:
    """(actor, class, target) of each dispute a reader would see in `text` (named actors)."""
    return [(d.actor, d.cue_class, d.target) for d in extractor.extract(text).disputes if d.named]


def said(extractor, text: str) -> list[tuple[str, str]]:
    """(speaker, content) of each statement extracted from `text`."""
    return [(s.speaker, s.content) for s in extractor.extract(text).statements]
