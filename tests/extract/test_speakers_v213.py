"""Speakers 2.13, through the model: a first name that almost only one gender bears tells
whom "she" or "he" can be when the article gives no "Mr."/"Mrs." and no pronoun of its own;
a name rarely given first ("Kim Jong Un") tells nothing.

Names are invented (Ada Brook, Peter Vogt, Tom Hale) or, for the rare first name, common.
"""

from __future__ import annotations

from .helpers import said as _said


def test_she_after_a_man_and_a_woman_is_the_woman(extractor):
    """ "Peter Vogt met Ada Brook … She said …" → Ada Brook, whose first name is a woman's."""
    text = "Peter Vogt met Ada Brook on Monday in the capital. She said the talks had failed."
    assert _said(extractor, text) == [("Ada Brook", "the talks had failed")]


def test_he_after_a_man_and_a_woman_is_the_man(extractor):
    """ "Ada Brook met Peter Vogt … He said …" → Peter Vogt."""
    text = "Ada Brook met Peter Vogt on Monday in the capital. He said the talks had failed."
    assert _said(extractor, text) == [("Peter Vogt", "the talks had failed")]


def test_a_name_rarely_given_first_tells_no_gender(extractor):
    """ "Kim" opens "Kim Jong Un" as a family name: no gender is read from it, so "he" can
    still be Kim Jong Un."""
    text = (
        "Ada Brook greeted Kim Jong Un at the airport on Monday. He said the talks would be long."
    )
    assert _said(extractor, text) == [("Kim Jong Un", "the talks would be long")]


def test_a_refusal_of_her_orders_opposes_her(extractor):
    """ "Brook said he refused to follow her commands" → Hale refuses, and refuses Brook, the
    woman named in the sentence (not the woman the article was about before)."""
    text = (
        "Mayor Jane Doyle praised the officers on Friday. Video shows Tom Hale with his hands "
        "up before he was shot, but Ada Brook said he refused to follow her commands."
    )
    refusals = [
        (d.actor, d.target) for d in extractor.extract(text).disputes if d.cue_class == "reject"
    ]
    assert refusals == [("Tom Hale", "Ada Brook")]
