"""Statements 2.13, through the model: a quotation that opens inside someone's reported words
and runs on for several sentences is theirs to its close.

Names are invented (Ada Brook, Peter Vogt).
"""

from __future__ import annotations

from .helpers import said as _said


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


def test_words_a_sign_or_message_read_are_not_the_previous_speaker_s(extractor):
    """'Radio Kelvar reported six planes wrote messages. "Ada Brook is disgusting," read
    one.' → the words are the message's, unnamed, not Radio Kelvar's; no dispute of the radio
    station's is shown."""
    text = (
        "On Friday, Radio Kelvar reported that six planes wrote messages in the sky. "
        '"Ardenia is great! Ada Brook is disgusting," read one.'
    )
    extraction = extractor.extract(text)
    quoted = [s for s in extraction.statements if "disgusting" in s.content]
    assert [s.speaker for s in quoted] == ["one"]
    assert [d.actor for d in extraction.disputes if d.named] == []


def test_whom_words_were_told_to_never_speaks_them(extractor):
    """'"We will win," told reporters' (no subject) does not make the reporters speak."""
    found = _said(extractor, 'Ada Brook smiled. "We will win the vote," told reporters.')
    assert all(speaker != "reporters" for speaker, _ in found)


def test_a_quotation_after_a_colon_belongs_to_who_scolded_him(extractor):
    """'Senator Ada Brook scolded him: "…"' → the quotation is Brook's, not the previous
    speaker's: "him" is whom she scolded, no content of its own."""
    text = (
        "Peter Vogt, a surgeon, said the pills worked. "
        'Senator Ada Brook scolded him: "The evidence is against you on this."'
    )
    quoted = [speaker for speaker, content in _said(extractor, text) if "evidence" in content]
    assert quoted == ["Ada Brook"]
