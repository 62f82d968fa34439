"""Rules added in extractor 1.1 on hand-built Docs: clauses, colon forms, aliases, disputes."""

from __future__ import annotations

import pytest

from extract.dispute_cues import match_verb
from extract.disputes import is_blocked
from extract.evaluate import actor_matches
from extract.speakers import SpeakerBook, person_names
from extract.statements import ccomp_rule, colon_rule, subject_of

from .docs import parsed_doc, span_texts
from .helpers import run


def test_split_ccomps_make_one_clause():
    """Two ccomps right of one cue, the later without a subject, are one reported clause."""
    # the parser's split: "pledged" and "arrived" both hang off "warned" as ccomp
    doc = parsed_doc("""
        Fifita     1  nsubj   PROPN  Fifita
        warned     1  ROOT    VERB   warn
        that       4  mark    SCONJ  that
        finance    4  nsubj   NOUN   finance
        pledged    1  ccomp   VERB   pledge
        at         4  prep    ADP    at
        meetings   5  pobj    NOUN   meeting
        had       10  aux     AUX    have
        not       10  neg     PART   not
        still     10  advmod  ADV    still
        arrived    1  ccomp   VERB   arrive
        .          1  punct   PUNCT  .
    """)
    assert span_texts(doc, ccomp_rule(doc[1])) == [
        "finance pledged at meetings had not still arrived"
    ]


def test_trailing_writer_clause_is_cut():
    """ "Rubio said X is Y, and he railed …": the report ends before ", and he"."""
    doc = parsed_doc("""
        Rubio      1  nsubj  PROPN  Rubio
        said       1  ROOT   VERB   say
        the        3  det    DET    the
        extremist  4  nsubj  NOUN   extremist
        is         1  ccomp  AUX    be
        Clinton    4  attr   PROPN  Clinton
        ,          4  punct  PUNCT  ,
        and        4  cc     CCONJ  and
        he         9  nsubj  PRON   he
        railed     4  conj   VERB   rail
        .          1  punct  PUNCT  .
    """)
    assert span_texts(doc, ccomp_rule(doc[1])) == ["the extremist is Clinton"]


def test_colon_form_gives_name_and_rest():
    """ "Ozols: Talks will resume in May." → Ozols said the rest of the paragraph."""
    doc = parsed_doc("""
        Ozols   0  ROOT   PROPN  Ozols
        :       0  punct  PUNCT  :
        Talks   4  nsubj  NOUN   talk
        will    4  aux    AUX    will
        resume  0  appos  VERB   resume
        in      4  prep   ADP    in
        May     5  pobj   PROPN  May
        .       0  punct  PUNCT  .
    """)
    (raw,) = colon_rule(doc)
    assert (
        raw.speaker.text == "Ozols" and doc.text[raw.start : raw.end] == "Talks will resume in May."
    )


def test_colon_label_is_no_speaker():
    """ "UPDATE: Talks will resume." is a live-blog label, not a statement."""
    doc = parsed_doc("""
        UPDATE  0  ROOT   PROPN  update
        :       0  punct  PUNCT  :
        Talks   4  nsubj  NOUN   talk
        will    4  aux    AUX    will
        resume  0  appos  VERB   resume
        .       0  punct  PUNCT  .
    """)
    assert colon_rule(doc) == []


def test_quoted_as_saying_finds_the_passive_subject():
    """ "The minister was quoted as saying …": the speaker is the passive subject."""
    doc = parsed_doc("""
        The       1  det        DET    the
        minister  3  nsubjpass  NOUN   minister
        was       3  auxpass    AUX    be
        quoted    3  ROOT       VERB   quote
        as        3  prep       ADP    as
        saying    4  pcomp      VERB   say
        talks     7  nsubj      NOUN   talk
        failed    5  ccomp      VERB   fail
        .         3  punct      PUNCT  .
    """)
    assert subject_of(doc[5]).text == "minister"


def test_surname_alias_matches_an_inner_name_word():
    """A word inside one multi-word name resolves to it; a surname keeps the usual rule."""
    book = SpeakerBook()
    book.add_name("Hoang Minh Chau")
    book.add_name("Hoang Minh")  # NER cut the name short in another paragraph
    assert book.canonical("Chau") == "Hoang Minh Chau"
    assert book.canonical("Minh") in ("Hoang Minh Chau", "Hoang Minh")
    book.add_name("Tran Van Thanh")
    assert book.canonical("Van") == "Tran Van Thanh"


def test_inner_alias_needs_a_unique_name():
    """Two names sharing an inner word leave that word unresolved."""
    book = SpeakerBook()
    book.add_name("Tran Van Thanh")
    book.add_name("Le Van Hung")
    assert book.canonical("Van") == "Van"


def test_noun_cue_after_light_verb():
    """ "levelled accusations against X" is an accusation carried by the noun."""
    doc = parsed_doc("""
        Solvaria     1  nsubj  PROPN  Solvaria
        levelled     1  ROOT   VERB   level
        accusations  1  dobj   NOUN   accusation
        against      2  prep   ADP    against
        diplomats    3  pobj   NOUN   diplomat
        .            1  punct  PUNCT  .
    """)
    (d,) = run(doc).disputes
    assert (d.actor, d.cue_class, d.cue) == ("Solvaria", "accuse", "accusations")


def test_noun_cue_needs_an_owner():
    """ "answered accusations" mentions accusations without making one."""
    doc = parsed_doc("""
        Ministry     1  nsubj  PROPN  Ministry
        answered     1  ROOT   VERB   answer
        accusations  1  dobj   NOUN   accusation
        .            1  punct  PUNCT  .
    """)
    assert run(doc).disputes == ()


def test_pledge_to_reject_is_blocked():
    """ "vowed to reject violence" is a pledge, not a rejection of anyone."""
    doc = parsed_doc("""
        Leaders   1  nsubj  NOUN   leader
        vowed     1  ROOT   VERB   vow
        to        3  aux    PART   to
        reject    1  xcomp  VERB   reject
        violence  3  dobj   NOUN   violence
        .         1  punct  PUNCT  .
    """)
    assert match_verb(doc[3]) is not None and is_blocked(doc[3])


def test_take_aim_at_matches_with_noun_particle():
    """ "took aim at the coalition": the noun "aim" completes the multi-word cue."""
    doc = parsed_doc("""
        Farouk     1  nsubj  PROPN  Farouk
        took       1  ROOT   VERB   take
        aim        1  dobj   NOUN   aim
        at         1  prep   ADP    at
        coalition  3  pobj   NOUN   coalition
        .          1  punct  PUNCT  .
    """)
    cue = match_verb(doc[1])
    assert cue is not None and (cue.cue_class, cue.particle, cue.prep) == ("criticise", "aim", "at")


def test_actor_match_on_last_name_or_main_noun():
    """The dispute scorer matches actors by last name or main noun, ignoring titles."""
    assert actor_matches("Sergei Lavrov", "Lavrov")
    assert actor_matches("the regional parliament", "Regional Parliament")
    assert actor_matches("president", "The president")
    assert actor_matches("foreign minister", "Solvaria foreign minister")
    assert not actor_matches("Ardenia", "Solvaria")
    assert not actor_matches("Lena Varga", "Foreign Minister")


@pytest.mark.parametrize(
    "headline",
    [
        "Obama Says African-American Museum Will Tell of 'Suffering and Delight.'",
        "Merkel Warns Europe Over Debt.",
    ],
)
def test_headline_verb_is_not_part_of_a_name(nlp, headline):
    """A title-case headline's reporting verb never joins a person's name ("Obama Says")."""
    names = person_names(list(nlp(headline).ents))
    assert not any(word in name for name in names for word in ("Says", "Warns"))
