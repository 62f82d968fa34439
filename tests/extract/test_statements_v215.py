"""Statements 2.15, through the model: a block quote ("The governor added:" closing its
paragraph, then a paragraph without quotation marks) is the speaker's words.

Names are invented (Ada Brook, Tom Hale, Ardenia).
"""

from __future__ import annotations

from .helpers import said as _said


def test_the_paragraph_after_a_colon_cue_is_the_speaker_s_block_quote(extractor):
    """ "The governor added:" closing a paragraph → the next, unquoted paragraph is hers."""
    text = (
        "Governor Ada Brook spoke on the radio on Tuesday.\n\n"
        "The governor added:\n\n"
        "It is typical of Tom Hale. He knows nothing about the farms of Ardenia.\n\n"
        "The talks resume next week."
    )
    assert _said(extractor, text) == [
        ("Ada Brook", "It is typical of Tom Hale. He knows nothing about the farms of Ardenia.")
    ]


def test_a_colon_inside_a_paragraph_opens_no_block_quote(extractor):
    """ "She listed three things: …" runs on in its own paragraph; the next one is narrative."""
    text = (
        "Ada Brook said there were three problems: money, time and trust.\n\n"
        "It is typical of Tom Hale to wait for the vote."
    )
    assert [content for _, content in _said(extractor, text)] == [
        "there were three problems: money, time and trust"
    ]


def test_a_quoted_paragraph_after_a_colon_cue_stays_one_statement(extractor):
    """'Brook added:' then a quoted paragraph is read once, as the quotation it is."""
    text = (
        "Governor Ada Brook spoke on the radio on Tuesday.\n\nThe governor added:\n\n"
        '"It is typical of Tom Hale to wait for the vote."'
    )
    assert _said(extractor, text) == [
        ("Ada Brook", "It is typical of Tom Hale to wait for the vote.")
    ]
