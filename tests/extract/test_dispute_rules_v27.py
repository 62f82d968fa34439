"""Dispute rules 2.7: causes of missed disputes found by error analysis, on hand-built Docs.

Names are invented (Ardenia, Solvaria: states; Ada Brook, Ivo Dant: people). Each test gives
the example sentence it builds.
"""

from __future__ import annotations

from .test_dispute_rules import one_dispute


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
