"""Speakers 2.15: a description far from the name it stands for ("the president", six
paragraphs after "President Ada Brook") is the one person the article gave that role.

Names are invented (Ada Brook, Tom Hale, Ardenia).
"""

from __future__ import annotations

from extract.speakers import read_mention

from .helpers import named_disputes as _named_disputes
from .helpers import said as _said

FILLER = "The talks in the capital went on for a second day without any agreement.\n\n"


def test_a_description_far_from_the_name_is_the_article_s_only_holder_of_the_role(extractor):
    """ "the president said" six paragraphs after "President Ada Brook" is Brook."""
    text = (
        "President Ada Brook arrived in the capital on Monday for the talks.\n\n"
        + FILLER * 6
        + '"We will not sign this deal," the president said.'
    )
    assert _said(extractor, text) == [("Ada Brook", "We will not sign this deal")]


def test_a_description_two_people_could_hold_stays_unresolved(extractor):
    """With President Ada Brook and President Tom Hale named, a far "the president" is nobody."""
    text = (
        "President Ada Brook met President Tom Hale in the capital on Monday.\n\n"
        + FILLER * 6
        + '"We will not sign this deal," the president said.'
    )
    assert [speaker for speaker, _ in _said(extractor, text)] == ["the president"]


def test_a_far_description_names_a_dispute_s_actor(extractor):
    """ "the president renewed his veto threat" far below "President Ada Brook" is Brook's
    threat."""
    text = (
        "President Ada Brook criticised the Ardenia bill on Monday.\n\n"
        + FILLER * 6
        + "On Friday the president renewed his veto threat against Congress."
    )
    actors = {actor for actor, cls, _ in _named_disputes(extractor, text) if cls == "threaten"}
    assert actors == {"Ada Brook"}


def test_a_common_verb_in_a_title_case_headline_is_no_part_of_a_name(extractor):
    """ "Ada Brook Goes After Tom Hale As …" names Ada Brook, never "Ada Brook Goes"."""
    text = (
        "Ada Brook Goes After Tom Hale As The New Frontrunner.\n\n"
        '"He has no plan for the border," Brook said on Monday.'
    )
    assert _said(extractor, text) == [("Ada Brook", "He has no plan for the border")]


def test_they_after_a_body_that_spoke_is_that_body(extractor):
    """ "The Ardenian Council said …" then '"…," they said' → the council."""
    text = (
        "The Ardenian Council said on Monday that it would act soon.\n\n"
        '"Solvaria must stop the raids at once," they said.'
    )
    assert [speaker for speaker, _ in _said(extractor, text)] == ["Ardenian Council"] * 2


def test_they_after_unnamed_officials_stays_unnamed(extractor):
    """ "Officials said …" then '"…," they said' → nobody named (officials are nearer)."""
    text = (
        "The Ardenian Council met on Monday. Officials said the talks were over.\n\n"
        '"We tried everything we could," they said.'
    )
    assert [speaker for speaker, _ in _said(extractor, text)][-1] == "they"


def test_they_after_one_person_is_not_that_person(extractor):
    """ "Ada Brook said …" then '"…," they said' → not Brook (one person is no "they")."""
    text = (
        'Ada Brook spoke on Monday. "We will act soon," Brook said.\n\n'
        '"We tried everything we could," they said.'
    )
    assert [speaker for speaker, _ in _said(extractor, text)] == ["Ada Brook", "they"]


def test_a_capitalised_coalition_is_an_organisation_not_a_person(nlp):
    """ "the Central and East European Coalition" is a body (ORG_HEADS), never a person
    called "East European Coalition"."""
    doc = nlp("The Central and East European Coalition wants to keep its policy.")
    head = next(t for t in doc if t.text == "Coalition")
    assert read_mention(head).kind == "organisation"
