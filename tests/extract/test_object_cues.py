"""Evaluative object cues and the neighbour-subject fallback (extractor 1.2)."""

from __future__ import annotations

import pytest

from extract.patterns import object_cues
from extract.statements import neighbour_subject, object_rule

from .docs import make_doc


def _praise_doc():
    # "Ann Lee praised the mayor for his calm ."
    return make_doc(
        [
            ("Ann", 1, "compound", "PROPN", "Ann"),
            ("Lee", 2, "nsubj", "PROPN", "Lee"),
            ("praised", 2, "ROOT", "VERB", "praise"),
            ("the", 4, "det", "DET", "the"),
            ("mayor", 2, "dobj", "NOUN", "mayor"),
            ("for", 2, "prep", "ADP", "for"),
            ("his", 7, "poss", "PRON", "his"),
            ("calm", 5, "pobj", "NOUN", "calm"),
            (".", 2, "punct", "PUNCT", "."),
        ]
    )


def test_object_with_for_phrase():
    """ "praised X for Y" reports the object with its for-phrase."""
    doc = _praise_doc()
    assert [doc.text[s:e] for s, e in object_rule(doc[2])] == ["the mayor for his calm"]


def test_preposition_frame():
    """ "referred to X" reports the object of "to" only."""
    doc = make_doc(
        [
            ("She", 1, "nsubj", "PRON", "she"),
            ("referred", 1, "ROOT", "VERB", "refer"),
            ("to", 1, "prep", "ADP", "to"),
            ("the", 5, "det", "DET", "the"),
            ("old", 5, "amod", "ADJ", "old"),
            ("treaty", 2, "pobj", "NOUN", "treaty"),
            (".", 1, "punct", "PUNCT", "."),
        ]
    )
    assert [doc.text[s:e] for s, e in object_rule(doc[1])] == ["the old treaty"]


def test_plain_speech_verb_is_not_an_object_cue():
    """ "said the word" is left to the clause rules (say is not in object_cues.txt)."""
    doc = make_doc(
        [
            ("He", 1, "nsubj", "PRON", "he"),
            ("said", 1, "ROOT", "VERB", "say"),
            ("the", 3, "det", "DET", "the"),
            ("word", 1, "dobj", "NOUN", "word"),
        ]
    )
    assert object_rule(doc[1]) == []
    assert "say" not in object_cues() and object_cues()["refer"] == "to"


def test_neighbour_subject_after_misparsed_apposition():
    """A name hung as apposition right before a subjectless "said" becomes its speaker."""
    doc = make_doc(
        [
            ("For", 3, "prep", "ADP", "for"),
            ("Ann", 0, "pobj", "PROPN", "Ann"),
            (",", 1, "punct", "PUNCT", ","),
            ("Bob", 1, "appos", "PROPN", "Bob"),
            ("said", 4, "ROOT", "VERB", "say"),
            ("it", 6, "nsubj", "PRON", "it"),
            ("rained", 4, "ccomp", "VERB", "rain"),
        ]
    )
    doc[4].tag_ = "VBD"
    assert neighbour_subject(doc[4]).text == "Bob"
    doc[4].tag_ = "VBG"  # "saying" is no finite cue: no fallback
    assert neighbour_subject(doc[4]) is None


OBJECT_STATEMENTS = [
    (
        "Senator Ada Brooks criticized the governor for closing the river port.",
        "Ada Brooks",
        "the governor for closing the river port",
        "criticized",
    ),
    (
        "The union accused the airline of hiding its safety reports.",
        "union",
        "the airline of hiding its safety reports",
        "accused",
    ),
    (
        "Mayor Ken Osei praised the volunteers who cleared the flooded streets.",
        "Ken Osei",
        "the volunteers who cleared the flooded streets",
        "praised",
    ),
    (
        "Lena Park defended the new tax on sugary drinks at a town hall.",
        "Lena Park",
        "the new tax on sugary drinks",
        "defended",
    ),
    (
        "Raul Ortega referred to the border agreement signed in the spring.",
        "Raul Ortega",
        "the border agreement signed in the spring",
        "referred",
    ),
    (
        "Nina Vogel called the ruling a “dark day for the courts.”",
        "Nina Vogel",
        "the ruling a “dark day for the courts.”",
        "called",
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "speaker", "content", "cue"), OBJECT_STATEMENTS)
def test_object_cue_table(extractor, text, speaker, content, cue):
    """Evaluative cues report their object, with the right speaker and cue."""
    found = [s for s in extractor.extract(text).statements if s.content == content]
    assert found, [(s.speaker, s.content) for s in extractor.extract(text).statements]
    assert speaker in found[0].speaker and found[0].cue == cue


@pytest.mark.slow
def test_negated_object_cue_is_no_statement(extractor):
    """ "did not criticize the plan" reports nothing."""
    assert extractor.extract("Omar Haddad did not criticize the new plan.").statements == ()


@pytest.mark.slow
def test_long_fronted_adverbial_keeps_speaker(extractor):
    """A speaker after a long fronted clause with another name keeps the mixed report."""
    text = (
        "While on the campaign trail for his sister Nora Quill, former governor Sam Quill "
        "said his sister was ready to lead because “the state is in trouble.”"
    )
    found = [s for s in extractor.extract(text).statements if s.cue == "said"]
    assert found and found[0].speaker.endswith("Quill") and found[0].kind == "mixed"
