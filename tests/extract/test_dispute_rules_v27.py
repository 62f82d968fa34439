"""Dispute rules 2.7: causes of missed disputes found by error analysis, on hand-built Docs.

Names are invented (Ardenia, Solvaria: states; Ada Brook, Ivo Dant: people). Each test gives
the example sentence it builds.
"""

from __future__ import annotations

from .test_dispute_rules import no_dispute, one_dispute


def test_a_pronoun_subject_of_an_act_phrase_is_resolved():
    """ "Ada Brook arrived in 2010. She voted against the Solvaria treaty." → Brook rejects it:
    "she" is a party like any subject (only "this", "that", "it" … point at no party)."""
    d = one_dispute("""
        Ada       1  compound  PROPN  Ada       B-PERSON
        Brook     2  nsubj     PROPN  Brook     I-PERSON
        arrived   2  ROOT      VERB   arrive    tag=VBD
        in        2  prep      ADP    in
        2010      3  pobj      NUM    2010      B-DATE
        .         2  punct     PUNCT  .
        She       7  nsubj     PRON   she       tag=PRP
        voted     7  ROOT      VERB   vote      tag=VBD
        against   7  prep      ADP    against
        the       11 det       DET    the
        Solvaria  11 compound  PROPN  Solvaria  B-GPE
        treaty    8  pobj      NOUN   treaty
        .         7  punct     PUNCT  .
    """)
    assert (d.actor, d.cue_class) == ("Ada Brook", "reject")


# '"This just isn't right," Ada Brook said.'
NOT_RIGHT = """
    "      10  punct     PUNCT  "
    This   3   nsubj     PRON   this
    just   3   advmod    ADV    just
    is     10  ccomp     AUX    be
    n't    3   neg       PART   not
    right  3   acomp     ADJ    right
    ,      10  punct     PUNCT  ,
    "      10  punct     PUNCT  "
    Ada    9   compound  PROPN  Ada    B-PERSON
    Brook  10  nsubj     PROPN  Brook  I-PERSON
    said   10  ROOT      VERB   say
    .      10  punct     PUNCT  .
"""


def test_a_virtue_denied_in_someones_words_is_a_criticism():
    """'"This just isn't right," Ada Brook said.' → Brook criticises (GUIDE: a negation that
    carries the dispute stays positive)."""
    d = one_dispute(NOT_RIGHT)
    assert (d.actor, d.cue_class, d.cue) == ("Ada Brook", "criticise", "n't right")


def test_a_virtue_denied_to_a_named_party_targets_it():
    """'"Ardenia would not be a credible partner," Brook said.' → Brook criticises Ardenia,
    one record (the adjective's, not also the noun's)."""
    d = one_dispute("""
        "         11  punct     PUNCT  "
        Ardenia   4   nsubj     PROPN  Ardenia   B-GPE
        would     4   aux       AUX    would
        not       4   neg       PART   not
        be        11  ccomp     AUX    be
        a         7   det       DET    a
        credible  7   amod      ADJ    credible
        partner   4   attr      NOUN   partner
        ,         11  punct     PUNCT  ,
        "         11  punct     PUNCT  "
        Brook     11  nsubj     PROPN  Brook     B-PERSON
        said      11  ROOT      VERB   say
        .         11  punct     PUNCT  .
    """)
    assert (d.actor, d.cue_class, d.target) == ("Brook", "criticise", "Ardenia")


def test_a_virtue_denied_to_the_speaker_a_situation_or_work_is_nothing():
    """'"I am not fair," Brook said.', '"Our approach has not worked," Brook said.', '"She
    had not worked on the case," Brook said.' and the narrative "The plan is not right." →
    nothing: the speaker's own, labour, or nobody's words."""
    no_dispute("""
        "      8  punct  PUNCT  "
        I      2  nsubj  PRON   I
        am     8  ccomp  AUX    be
        not    2  neg    PART   not
        fair   2  acomp  ADJ    fair
        ,      8  punct  PUNCT  ,
        "      8  punct  PUNCT  "
        Brook  8  nsubj  PROPN  Brook  B-PERSON
        said   8  ROOT   VERB   say
        .      8  punct  PUNCT  .
    """)
    no_dispute("""
        "         9  punct  PUNCT  "
        Our       2  poss   PRON   our       tag=PRP$
        approach  5  nsubj  NOUN   approach
        has       5  aux    AUX    have
        not       5  neg    PART   not
        worked    9  ccomp  VERB   work      tag=VBN
        ,         9  punct  PUNCT  ,
        "         9  punct  PUNCT  "
        Brook     9  nsubj  PROPN  Brook     B-PERSON
        said      9  ROOT   VERB   say
        .         9  punct  PUNCT  .
    """)
    no_dispute("""
        "       11 punct  PUNCT  "
        She     4  nsubj  PRON   she       tag=PRP
        had     4  aux    AUX    have
        not     4  neg    PART   not
        worked  11 ccomp  VERB   work      tag=VBN
        on      4  prep   ADP    on
        the     7  det    DET    the
        case    5  pobj   NOUN   case
        ,       11 punct  PUNCT  ,
        "       11 punct  PUNCT  "
        Brook   11 nsubj  PROPN  Brook     B-PERSON
        said    11 ROOT   VERB   say
        .       11 punct  PUNCT  .
    """)
    no_dispute("""
        The    1  det    DET    the
        plan   2  nsubj  NOUN   plan
        is     2  ROOT   AUX    be
        not    2  neg    PART   not
        right  2  acomp  ADJ    right
        .      2  punct  PUNCT  .
    """)
