"""Dispute rules 2.9: targets from the article when the sentence names none, on hand-built
Docs.

Names are invented (Ardenia, Solvaria: states; Ada Brook, Ivo Dant, Lena Varga: people).
Each test gives the example sentence it builds.
"""

from __future__ import annotations

from .test_dispute_rules import one_dispute

# "Ada Brook met Ivo Dant in Ardenia. Brook walked away."
WALKED_AWAY = """
    Ada      1  compound  PROPN  Ada      B-PERSON
    Brook    2  nsubj     PROPN  Brook    I-PERSON
    met      2  ROOT      VERB   meet     tag=VBD
    Ivo      4  compound  PROPN  Ivo      B-PERSON
    Dant     2  dobj      PROPN  Dant     I-PERSON
    in       2  prep      ADP    in
    Ardenia  5  pobj      PROPN  Ardenia  B-GPE
    .        2  punct     PUNCT  .
    Brook    9  nsubj     PROPN  Brook    B-PERSON
    walked   9  ROOT      VERB   walk     tag=VBD
    away     9  advmod    ADV    away
    .        9  punct     PUNCT  .
"""


def test_a_target_the_sentence_leaves_out_is_the_party_the_article_is_about():
    """ "Ada Brook met Ivo Dant in Ardenia. Brook walked away." → Brook rejects Dant (the
    party named before, not the place the meeting was held in)."""
    d = one_dispute(WALKED_AWAY)
    assert (d.actor, d.cue_class, d.target) == ("Ada Brook", "reject", "Ivo Dant")
