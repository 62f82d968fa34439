"""Evaluative object cues and the neighbour-subject fallback (extractor 1.2)."""

from __future__ import annotations

import pytest

from extract.patterns import object_cues
from extract.statements import neighbour_subject, object_rule

from .docs import parsed_doc, span_texts
from .helpers import statement_case, statement_where


@pytest.mark.parametrize(
    ("table", "cue", "objects"),
    [
        pytest.param(
            """
            Ann      1  compound  PROPN  Ann
            Lee      2  nsubj     PROPN  Lee
            praised  2  ROOT      VERB   praise
            the      4  det       DET    the
            mayor    2  dobj      NOUN   mayor
            for      2  prep      ADP    for
            his      7  poss      PRON   his
            calm     5  pobj      NOUN   calm
            .        2  punct     PUNCT  .
            """,
            2,
            ["the mayor for his calm"],
            id="object_with_for_phrase",
        ),
        pytest.param(
            """
            She       1  nsubj  PRON   she
            referred  1  ROOT   VERB   refer
            to        1  prep   ADP    to
            the       5  det    DET    the
            old       5  amod   ADJ    old
            treaty    2  pobj   NOUN   treaty
            .         1  punct  PUNCT  .
            """,
            1,
            ["the old treaty"],
            id="preposition_frame",
        ),
    ],
)
def test_object_rule_reports_the_object(table, cue, objects):
    """ "praised X for Y" reports X with its for-phrase; "referred to X" the object of "to" only."""
    doc = parsed_doc(table)
    assert span_texts(doc, object_rule(doc[cue])) == objects


def test_plain_speech_verb_is_not_an_object_cue():
    """ "said the word" is left to the clause rules (say is not in object_cues.txt)."""
    doc = parsed_doc("""
        He    1  nsubj  PRON  he
        said  1  ROOT   VERB  say
        the   3  det    DET   the
        word  1  dobj   NOUN  word
    """)
    assert object_rule(doc[1]) == []
    assert "say" not in object_cues() and object_cues()["refer"] == "to"


def test_neighbour_subject_after_misparsed_apposition():
    """A name hung as apposition right before a subjectless "said" becomes its speaker."""
    doc = parsed_doc("""
        For     3  prep   ADP    for
        Ann     0  pobj   PROPN  Ann
        ,       1  punct  PUNCT  ,
        Bob     1  appos  PROPN  Bob
        said    4  ROOT   VERB   say
        it      6  nsubj  PRON   it
        rained  4  ccomp  VERB   rain
    """)
    doc[4].tag_ = "VBD"
    assert neighbour_subject(doc[4]).text == "Bob"
    doc[4].tag_ = "VBG"  # "saying" is no finite cue: no fallback
    assert neighbour_subject(doc[4]) is None


# Each sentence marks the {speaker} (part of the statement's), the [content] and the <cue>.
OBJECT_STATEMENTS = [
    statement_case(marked)
    for marked in (
        "Senator {Ada Brooks} <criticized> [the governor for closing the river port].",
        "The {union} <accused> [the airline of hiding its safety reports].",
        "Mayor {Ken Osei} <praised> [the volunteers who cleared the flooded streets].",
        "{Lena Park} <defended> [the new tax on sugary drinks] at a town hall.",
        "{Raul Ortega} <referred> to [the border agreement signed in the spring].",
        "{Nina Vogel} <called> [the ruling a “dark day for the courts.”]",
        "{Sara Bello} <cited> [the release of political prisoners as progress].",
        "{Tom Hale} <noted> [the risks of the plan].",
        "{Ann Lee} <acknowledged> [the problem] on Monday.",
        "{Ray Stone} <pledged> [to cut taxes for small farms].",
    )
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "speaker", "content", "cue"), OBJECT_STATEMENTS)
def test_object_cue_table(extractor, text, speaker, content, cue):
    """Evaluative cues report their object, with the right speaker and cue."""
    st = statement_where(extractor.extract(text), content=content)
    assert speaker in st.speaker and st.cue == cue


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
    st = statement_where(extractor.extract(text), cue="said")
    assert st.speaker.endswith("Quill") and st.kind == "mixed"
