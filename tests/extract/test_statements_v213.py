"""Statements 2.13, through the model: a quotation that opens inside someone's reported words
and runs on for several sentences is theirs to its close.

Names are invented (Ada Brook, Peter Vogt).
"""

from __future__ import annotations


def _said(extractor, text: str) -> list[tuple[str, str]]:
    return [(s.speaker, s.content) for s in extractor.extract(text).statements]


def test_a_quotation_opened_in_the_content_runs_to_its_close(extractor):
    """'Brook said, listing questions, including, "Mr. Vogt, why …? Why …? You misled …"':
    all three quoted sentences are Brook's words, in one statement."""
    text = (
        'Ada Brook said the plan had failed, listing a few questions, including, "Mr. Vogt, '
        "why did you sign it? Why did you hide it for a year? You misled the whole "
        'parliament."'
    )
    found = _said(extractor, text)
    assert len(found) == 1
    speaker, content = found[0]
    assert speaker == "Ada Brook" and content.endswith('You misled the whole parliament."')
