"""Speakers 2.12, through the model: a person's surname that the tagger reads as a common noun
("Price has also commented …", the noun "price") is still that person when the article named
them, so the next "he told …" is theirs.

Names are invented (Tom Price, Ivo Dant).
"""

from __future__ import annotations

TEXT = (
    "Senator Tom Price spoke in Ohio on Monday.\n\n"
    "Ivo Dant was arrested on Friday after his car came to a stop near the border. Video "
    "shows him with his hands in the air.\n\n"
    "He was released on Saturday after he paid a fine. Dant said he would appeal.\n\n"
    "Price has also commented on Dant's arrest.\n\n"
    'On Wednesday, he told a crowd in Cleveland that he was "troubled" by the arrest.\n'
)


def test_a_surname_tagged_as_a_common_noun_is_still_the_subject_a_pronoun_follows(extractor):
    """ "Price has also commented …. On Wednesday, he told a crowd …" → Tom Price told it."""
    told = [s.speaker for s in extractor.extract(TEXT).statements if s.cue == "told"]
    assert told == ["Tom Price"]


def test_a_capitalised_common_noun_subject_is_no_person_unless_the_article_named_one(extractor):
    """ "Inflation has also risen …. he told" is never "Inflation": the word names nobody."""
    text = TEXT.replace("Price has also commented on Dant's arrest.", "Inflation has also risen.")
    told = [s.speaker for s in extractor.extract(text).statements if s.cue == "told"]
    assert "Inflation" not in told


def test_an_outlet_dateline_is_no_part_of_the_speaker_s_role(extractor):
    """ "Washington (CNN) President Ada Brook said …": her role is "President", not
    "Washington CNN President"."""
    text = 'Washington (CNN) President Ada Brook said on Saturday that "the talks are over."'
    assert extractor.extract(text).roles == {"Ada Brook": "President"}
