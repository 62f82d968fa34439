"""Dispute rules 2.9.1: two parties joined by a hyphen in a reciprocal act ("Ardenia-Solvaria
sparring") are the first named against the second, not one party called "Ardenia-Solvaria".

Names are invented (Ardenia, Solvaria: states). Each test gives the example sentence it builds.
"""

from __future__ import annotations

from .test_dispute_rules import one_dispute


def test_a_hyphenated_pair_sparring_is_the_first_named_against_the_second():
    """ "Ardenia-Solvaria sparring marred the forum." → Ardenia criticises Solvaria (a
    reciprocal act), never a party named "Ardenia-Solvaria" or the forum."""
    d = one_dispute("""
        Ardenia   2  compound  PROPN  Ardenia   B-GPE
        -         2  punct     PUNCT  -
        Solvaria  3  nsubj     PROPN  Solvaria  B-GPE
        sparring  4  csubj     VERB   spar
        marred    4  ROOT      VERB   mar       tag=VBD
        the       6  det       DET    the
        forum     4  dobj      NOUN   forum
        .         4  punct     PUNCT  .
    """)
    assert (d.actor, d.cue_class, d.target) == ("Ardenia", "criticise", "Solvaria")


def test_a_hyphenated_pair_on_a_reciprocal_noun_is_the_same_pair():
    """ "The Ardenia-Solvaria feud deepened." → Ardenia against Solvaria."""
    d = one_dispute("""
        The       4  det       DET    the
        Ardenia   3  compound  PROPN  Ardenia   B-GPE
        -         3  punct     PUNCT  -
        Solvaria  4  compound  PROPN  Solvaria  B-GPE
        feud      5  nsubj     NOUN   feud
        deepened  5  ROOT      VERB   deepen    tag=VBD
        .         5  punct     PUNCT  .
    """)
    assert (d.actor, d.cue_class, d.target) == ("Ardenia", "criticise", "Solvaria")
