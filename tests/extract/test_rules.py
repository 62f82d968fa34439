"""Statement, speaker and dispute rules on hand-built Docs with a known parse."""

from __future__ import annotations

import pytest

from extract.dispute_cues import match_verb
from extract.disputes import is_blocked
from extract.speakers import read_mention
from extract.statements import paragraph_statements, subject_of

from .docs import parsed_doc
from .helpers import fields_of, run


def test_ccomp_of_cue_is_the_content():
    """X said CLAUSE: the ccomp subtree is the content, the nsubj the speaker."""
    doc = parsed_doc("""
        Lavrov  1  nsubj  PROPN  Lavrov  B-PERSON
        said    1  ROOT   VERB   say
        the     3  det    DET    the
        talks   4  nsubj  NOUN   talk
        failed  1  ccomp  VERB   fail
        .       1  punct  PUNCT  .
    """)
    (raw,) = paragraph_statements(doc)
    assert raw.speaker.text == "Lavrov" and doc.text[raw.start : raw.end] == "the talks failed"


@pytest.mark.parametrize(
    ("table", "spaces", "fields"),
    [
        pytest.param(
            """
            "     8  punct     PUNCT  "
            We    3  nsubj     PRON   we
            will  3  aux       AUX    will
            win   8  ccomp     VERB   win
            ,     8  punct     PUNCT  ,
            "     8  punct     PUNCT  "
            Ann   7  compound  PROPN  Ann  B-PERSON
            Lee   8  nsubj     PROPN  Lee  I-PERSON
            said  8  ROOT      VERB   say
            .     8  punct     PUNCT  .
            """,
            [False, True, True, False, False, True, True, True, False, False],
            {"speaker": "Ann Lee", "content": "We will win", "kind": "direct", "cue": "said"},
            id="quote_then_speaker_is_direct",
        ),
        pytest.param(
            """
            According  7  prep   VERB   accord
            to         0  prep   ADP    to
            the        3  det    DET    the
            ministry   1  pobj   NOUN   ministry
            ,          7  punct  PUNCT  ,
            the        6  det    DET    the
            talks      7  nsubj  NOUN   talk
            failed     7  ROOT   VERB   fail
            .          7  punct  PUNCT  .
            """,
            None,
            {
                "cue": "according to",
                "content": "the talks failed.",
                "speaker": "the ministry",
                "speaker_type": "unnamed",
            },
            id="according_to_gives_source_and_clause",
        ),
        pytest.param(
            """
            Ann     1  compound  PROPN  Ann    B-PERSON
            Lee     2  nsubj     PROPN  Lee    I-PERSON
            spoke   2  ROOT      VERB   speak
            .       2  punct     PUNCT  .
            She     5  nsubj     PRON   she
            said    5  ROOT      VERB   say
            the     7  det       DET    the
            plan    8  nsubj     NOUN   plan
            failed  5  ccomp     VERB   fail
            .       5  punct     PUNCT  .
            """,
            None,
            {"speaker": "Ann Lee", "speaker_mention": "She"},
            id="pronoun_resolves_to_previous_person_subject",
        ),
        pytest.param(
            """
            He      1  nsubj  PRON   he
            said    1  ROOT   VERB   say
            the     3  det    DET    the
            plan    4  nsubj  NOUN   plan
            failed  1  ccomp  VERB   fail
            .       1  punct  PUNCT  .
            """,
            None,
            {"speaker": "He", "speaker_type": "unresolved"},
            id="unresolved_pronoun_is_marked",
        ),
    ],
)
def test_paragraph_gives_one_statement(table, spaces, fields):
    """Quote-then-speaker is direct; "according to X" names X; she/he resolve or stay unresolved."""
    (st,) = run(parsed_doc(table, spaces)).statements
    assert fields_of(st, fields) == fields


def test_negated_cue_is_not_a_statement():
    """ "Lavrov did not say the talks failed." reports no statement."""
    doc = parsed_doc("""
        Lavrov  3  nsubj  PROPN  Lavrov
        did     3  aux    AUX    do
        not     3  neg    PART   not
        say     3  ROOT   VERB   say
        the     5  det    DET    the
        talks   6  nsubj  NOUN   talk
        failed  3  ccomp  VERB   fail
        .       3  punct  PUNCT  .
    """)
    assert paragraph_statements(doc) == []


@pytest.mark.parametrize(
    ("table", "fields"),
    [
        pytest.param(
            """
            US         1  nmod      PROPN  US         B-GPE
            Secretary  5  nmod      PROPN  Secretary
            of         1  prep      ADP    of
            State      2  pobj      PROPN  State      B-ORG
            Antony     5  compound  PROPN  Antony     B-PERSON
            Blinken    6  nsubj     PROPN  Blinken    I-PERSON
            said       6  ROOT      VERB   say
            """,
            {"kind": "person", "name": "Antony Blinken", "role": "US Secretary of State"},
            id="title_is_split_into_role",
        ),
        pytest.param(
            """
            Foreign   1  compound  PROPN  Foreign
            Minister  5  nmod      PROPN  Minister
            (         5  punct     PUNCT  (
            Sergei    5  nmod      PROPN  Sergei    B-PERSON
            )         5  punct     PUNCT  )
            Lavrov    6  nsubj     PROPN  Lavrov
            said      6  ROOT      VERB   say
            """,
            {"name": "Sergei Lavrov", "role": "Foreign Minister"},
            id="parenthesised_first_name_is_part_of_the_name",
        ),
    ],
)
def test_mention_splits_name_and_role(table, fields):
    """A title before a name becomes the role; a parenthesised first name joins the name."""
    assert fields_of(read_mention(parsed_doc(table)[5]), fields) == fields


def test_subject_climbs_from_adding():
    """ "Blinken said …, adding that …": the subject of "adding" is Blinken."""
    doc = parsed_doc("""
        Blinken  1  nsubj   PROPN  Blinken
        said     1  ROOT    VERB   say
        so       1  advmod  ADV    so
        ,        1  punct   PUNCT  ,
        adding   1  advcl   VERB   add
        that     8  mark    SCONJ  that
        talks    8  nsubj   NOUN   talk
        had      8  aux     AUX    have
        failed   4  ccomp   VERB   fail
    """)
    assert subject_of(doc[4]).text == "Blinken"


def test_accuse_gives_actor_target_issue():
    """ "Russia accused Ukraine of shelling." → actor Russia, target Ukraine, issue shelling."""
    doc = parsed_doc("""
        Russia    1  nsubj  PROPN  Russia    B-GPE
        accused   1  ROOT   VERB   accuse
        Ukraine   1  dobj   PROPN  Ukraine   B-GPE
        of        1  prep   ADP    of
        shelling  3  pobj   NOUN   shelling
        .         1  punct  PUNCT  .
    """)
    (d,) = run(doc).disputes
    assert (d.actor, d.target, d.cue_class, d.issue) == ("Russia", "Ukraine", "accuse", "shelling")
    assert d.evidence == "Russia accused Ukraine of shelling."


@pytest.mark.parametrize(
    ("table", "cue_class"),
    [
        pytest.param(
            """
            Russia   3  nsubj  PROPN  Russia   B-GPE
            did      3  aux    AUX    do
            not      3  neg    PART   not
            accuse   3  ROOT   VERB   accuse
            Ukraine  3  dobj   PROPN  Ukraine  B-GPE
            .        3  punct  PUNCT  .
            """,
            "accuse",
            id="negated_dispute_is_blocked",
        ),
        pytest.param(
            """
            She      1  nsubj  PRON  she
            refused  1  ROOT   VERB  refuse
            to       3  aux    PART  to
            condemn  1  xcomp  VERB  condemn
            the      5  det    DET   the
            attack   3  dobj   NOUN  attack
            """,
            "criticise",
            id="refused_to_condemn_is_blocked",
        ),
    ],
)
def test_blocked_cue_is_no_dispute(table, cue_class):
    """ "did not accuse" and "refused to condemn" match a cue that is blocked: no dispute."""
    doc = parsed_doc(table)
    assert match_verb(doc[3]).cue_class == cue_class and is_blocked(doc[3])
    assert run(doc).disputes == ()


def test_multiword_cue_needs_its_particles():
    """ "hit out at" is a cue only with "out" and "at"; a bare "hit" is not."""
    doc = parsed_doc("""
        China  1  nsubj  PROPN  China  B-GPE
        hit    1  ROOT   VERB   hit
        out    1  prt    ADP    out
        at     1  prep   ADP    at
        Japan  3  pobj   PROPN  Japan  B-GPE
    """)
    assert match_verb(doc[1]).cue_class == "criticise"
    (d,) = run(doc).disputes
    assert (d.actor, d.target, d.cue) == ("China", "Japan", "hit out at")
    bare = parsed_doc("""
        He     1  nsubj  PRON  he
        hit    1  ROOT   VERB  hit
        balls  1  dobj   NOUN  ball
    """)
    assert match_verb(bare[1]) is None


def test_clause_hung_off_said_as_object_is_the_content():
    """ "said [many of the critics failed]" misparsed as an object is still the report;
    an object without a finite verb ("said a prayer") is not."""
    doc = parsed_doc("""
        Lee     1  nsubj  PROPN  Lee     B-PERSON
        said    1  ROOT   VERB   say
        many    1  dobj   ADJ    many
        of      2  prep   ADP    of
        the     5  det    DET    the
        critics 3  pobj   NOUN   critic
        failed  5  relcl  VERB   fail
        .       1  punct  PUNCT  .
    """)
    doc[6].tag_ = "VBD"
    (raw,) = paragraph_statements(doc)
    assert doc.text[raw.start : raw.end] == "many of the critics failed"
    prayer = parsed_doc("""
        Lee     1  nsubj  PROPN  Lee     B-PERSON
        said    1  ROOT   VERB   say
        a       3  det    DET    a
        prayer  1  dobj   NOUN   prayer
        .       1  punct  PUNCT  .
    """)
    assert all(raw.start < 0 for raw in paragraph_statements(prayer))
