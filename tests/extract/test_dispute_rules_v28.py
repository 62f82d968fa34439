"""Dispute rules 2.8: actors from context (pronouns, control, chains, appositions, the body
a party was expelled from), on hand-built Docs.

Names are invented (Ardenia, Solvaria, Norland: states; Ada Brook, Ivo Dant: people; "The
Times": a newspaper). Each test gives the example sentence it builds.
"""

from __future__ import annotations

from .test_dispute_rules import disputes_in, no_dispute, one_dispute

# "The Times endorsed Ada Brook. It attacked Ivo Dant."
TIMES_ATTACKED = """
    The       1  det       DET    the
    Times     2  nsubj     PROPN  Times     B-ORG
    endorsed  2  ROOT      VERB   endorse   tag=VBD
    Ada       4  compound  PROPN  Ada       B-PERSON
    Brook     2  dobj      PROPN  Brook     I-PERSON
    .         2  punct     PUNCT  .
    It        7  nsubj     PRON   it        tag=PRP
    attacked  7  ROOT      VERB   attack    tag=VBD
    Ivo       9  compound  PROPN  Ivo       B-PERSON
    Dant      7  dobj      PROPN  Dant      I-PERSON
    .         7  punct     PUNCT  .
"""


def test_it_as_the_doer_of_an_act_is_the_organisation_before_it():
    """ "The Times endorsed Ada Brook. It attacked Ivo Dant." → the Times criticises Dant."""
    d = one_dispute(TIMES_ATTACKED)
    assert (d.actor, d.cue_class, d.target, d.named) == ("Times", "criticise", "Ivo Dant", True)


def test_it_never_stands_for_a_person():
    """ "Ivo Dant arrived. It attacked Solvaria." → nothing: "it" is no person, and no
    organisation or state came before it."""
    no_dispute("""
        Ivo       1  compound  PROPN  Ivo       B-PERSON
        Dant      2  nsubj     PROPN  Dant      I-PERSON
        arrived   2  ROOT      VERB   arrive    tag=VBD
        .         2  punct     PUNCT  .
        It        5  nsubj     PRON   it        tag=PRP
        attacked  5  ROOT      VERB   attack    tag=VBD
        Solvaria  5  dobj      PROPN  Solvaria  B-GPE
        .         5  punct     PUNCT  .
    """)


def test_they_is_the_plural_owner_earlier_in_the_paragraph():
    """ "Nordic states' work was mixed. They criticised Ivo Dant." → the Nordic states."""
    d = one_dispute("""
        Nordic      1  amod      ADJ    nordic     B-NORP  tag=JJ
        states      3  poss      NOUN   state      tag=NNS
        '           1  case      PART   '
        work        4  nsubj     NOUN   work
        was         4  ROOT      AUX    be
        mixed       4  acomp     ADJ    mixed
        .           4  punct     PUNCT  .
        They        8  nsubj     PRON   they       tag=PRP
        criticised  8  ROOT      VERB   criticise  tag=VBD
        Ivo         10 compound  PROPN  Ivo        B-PERSON
        Dant        8  dobj      PROPN  Dant       I-PERSON
        .           8  punct     PUNCT  .
    """)
    assert (d.actor, d.cue_class, d.target) == ("Nordic states", "criticise", "Ivo Dant")


def test_the_object_of_a_causing_verb_does_the_act():
    """ "That prompted Ada Brook to fire back at Ivo Dant." → Brook criticises Dant (object
    control), not "That"."""
    d = one_dispute("""
        That      1  nsubj     PRON   that      tag=DT
        prompted  1  ROOT      VERB   prompt    tag=VBD
        Ada       3  compound  PROPN  Ada       B-PERSON
        Brook     1  dobj      PROPN  Brook     I-PERSON
        to        5  aux       PART   to
        fire      1  xcomp     VERB   fire      tag=VB
        back      5  prt       ADP    back
        at        5  prep      ADP    at
        Ivo       9  compound  PROPN  Ivo       B-PERSON
        Dant      7  pobj      PROPN  Dant      I-PERSON
        .         1  punct     PUNCT  .
    """)
    assert (d.actor, d.cue_class, d.target) == ("Ada Brook", "criticise", "Ivo Dant")


# "Brook offered a site but refused to give up arms, while asking Solvaria to lift its
# sanctions."
OFFERED_REFUSED_ASKING = """
    Brook      1  nsubj     PROPN  Brook      B-PERSON
    offered    1  ROOT      VERB   offer      tag=VBD
    a          3  det       DET    a
    site       1  dobj      NOUN   site
    but        1  cc        CCONJ  but
    refused    1  conj      VERB   refuse     tag=VBD
    to         7  aux       PART   to
    give       5  xcomp     VERB   give       tag=VB
    up         7  prt       ADP    up
    arms       7  dobj      NOUN   arm        tag=NNS
    ,          7  punct     PUNCT  ,
    while      12 mark      SCONJ  while
    asking     7  advcl     VERB   ask        tag=VBG
    Solvaria   12 dobj      PROPN  Solvaria   B-GPE
    to         15 aux       PART   to
    lift       12 xcomp     VERB   lift       tag=VB
    its        17 poss      PRON   its        tag=PRP$
    sanctions  15 dobj      NOUN   sanction   tag=NNS
    .          1  punct     PUNCT  .
"""


def test_a_participle_far_down_a_chain_takes_the_clauses_subject():
    """ "Brook offered a site but refused to give up arms, while asking Solvaria to lift its
    sanctions." → Brook demands of Solvaria: the subject is four arcs up, and a "while"
    clause is an act of its own, not what the refusal is about."""
    demands = [d for d in disputes_in(OFFERED_REFUSED_ASKING) if d.cue_class == "demand"]
    assert [(d.actor, d.cue, d.target) for d in demands] == [("Brook", "asking", "Solvaria")]


def test_a_relative_clause_of_an_apposition_acts_for_the_name():
    """ "Norland, a small state that threatened Solvaria, joined the talks." → Norland
    threatens Solvaria (not the unnamed "small state")."""
    d = one_dispute("""
        Norland     9  nsubj     PROPN  Norland    B-GPE
        ,           0  punct     PUNCT  ,
        a           4  det       DET    a
        small       4  amod      ADJ    small
        state       0  appos     NOUN   state
        that        6  nsubj     PRON   that       tag=WDT
        threatened  4  relcl     VERB   threaten   tag=VBD
        Solvaria    6  dobj      PROPN  Solvaria   B-GPE
        ,           0  punct     PUNCT  ,
        joined      9  ROOT      VERB   join       tag=VBD
        the         11 det       DET    the
        talks       9  dobj      NOUN   talk       tag=NNS
        .           9  punct     PUNCT  .
    """)
    assert (d.actor, d.cue_class, d.target, d.named) == ("Norland", "threaten", "Solvaria", True)


GROUP_MET = """
    The        1  det       DET    the
    Group      4  nsubj     PROPN  Group      B-ORG
    of         1  prep      ADP    of         I-ORG
    Seven      2  pobj      NUM    seven      I-ORG
    met        4  ROOT      VERB   meet       tag=VBD
    in         4  prep      ADP    in
    May        5  pobj      PROPN  May        B-DATE
    .          4  punct     PUNCT  .
"""
OUSTED_FROM_THE_GROUP = """
    Ardenia    {a}  nsubjpass  PROPN  Ardenia    B-GPE
    was        {a}  auxpass    AUX    be
    ousted     {a}  ROOT       VERB   oust       tag=VBN
    from       {a}  prep       ADP    from
    the        {g}  det        DET    the
    group      {f}  pobj       NOUN   group      tag=NN
    in         {a}  prep       ADP    in
    2014       {i}  pobj       NUM    2014       B-DATE
    .          {a}  punct      PUNCT  .
"""


def _ousted(offset: int) -> str:
    a = offset + 2
    return OUSTED_FROM_THE_GROUP.format(a=a, f=a + 1, g=a + 3, i=a + 4)


def test_a_party_expelled_from_a_named_body_is_rejected_by_it():
    """ "The Group of Seven met in May. Ardenia was ousted from the group in 2014." → the G7
    rejects Ardenia: an agentless expulsion names its actor as the body left, and "the
    group" is the body named before with that word in its name."""
    d = one_dispute(GROUP_MET.rstrip() + _ousted(8))
    assert (d.actor, d.cue_class, d.target, d.named) == ("G7", "reject", "Ardenia", True)


def test_an_expulsion_from_an_unnamed_group_names_nobody():
    """ "Ardenia was ousted from the group in 2014." with no group named before → no named
    actor (stored unresolved, never shown)."""
    assert all(not d.named for d in disputes_in(_ousted(0)))


def test_steering_clear_of_a_criticism_avoids_it():
    """ "The Times is steering clear of criticising Ivo Dant." → nothing (an avoided act)."""
    no_dispute("""
        The          1  det       DET    the
        Times        3  nsubj     PROPN  Times      B-ORG
        is           3  aux       AUX    be
        steering     3  ROOT      VERB   steer      tag=VBG
        clear        3  advmod    ADV    clear
        of           3  prep      ADP    of
        criticising  5  pcomp     VERB   criticise  tag=VBG
        Ivo          8  compound  PROPN  Ivo        B-PERSON
        Dant         6  dobj      PROPN  Dant       I-PERSON
        .            3  punct     PUNCT  .
    """)


def test_an_organisation_owned_by_a_person_keeps_the_whole_name():
    """ "Ada Brook's campaign denounced Ivo Dant." → "Ada Brook campaign" (regression: the
    owner's surname was dropped with the possessive, leaving "Ada campaign")."""
    d = one_dispute("""
        Ada        1  compound  PROPN  Ada        B-PERSON
        Brook      3  poss      PROPN  Brook      I-PERSON
        's         1  case      PART   's         tag=POS
        campaign   4  nsubj     NOUN   campaign
        denounced  4  ROOT      VERB   denounce   tag=VBD
        Ivo        6  compound  PROPN  Ivo        B-PERSON
        Dant       4  dobj      PROPN  Dant       I-PERSON
        .          4  punct     PUNCT  .
    """)
    assert (d.actor, d.target) == ("Ada Brook campaign", "Ivo Dant")
