"""Dispute rules 2.11 on hand-built Docs with a known parse, one pattern at a time.

Tables as in `test_dispute_rules.py` (word head dep pos lemma [entity] [tag=T], heads
absolute), with the parses the small model gives such sentences. Names are invented.
"""

from __future__ import annotations

from .test_dispute_rules import brief, disputes_in, no_dispute, one_dispute


def test_a_stance_hung_on_the_auxiliary_is_its_subjects():
    """ "Ada Brook is opposed to the treaty", with "Brook" under "is": Brook rejects the treaty."""
    d = one_dispute("""
        Ada      1  compound  PROPN  Ada      B-PERSON
        Brook    2  nsubj     PROPN  Brook    I-PERSON
        is       3  auxpass   AUX    be
        opposed  3  ROOT      VERB   oppose   tag=VBN
        to       3  prep      ADP    to
        the      6  det       DET    the
        treaty   4  pobj      NOUN   treaty
        .        3  punct     PUNCT  .
    """)
    assert (d.actor, d.cue, d.cue_class, d.issue) == (
        "Ada Brook",
        "opposed to",
        "reject",
        "the treaty",
    )


def test_pressure_from_a_party_is_its_demand_of_the_one_under_it():
    """ "Ada Brook has been under pressure from Ardenia to drop the tariffs" → Ardenia → Brook."""
    d = one_dispute("""
        Ada       1   compound  PROPN  Ada       B-PERSON
        Brook     3   nsubj     PROPN  Brook     I-PERSON
        has       3   aux       AUX    have
        been      3   ROOT      AUX    be
        under     3   prep      ADP    under
        pressure  4   pobj      NOUN   pressure
        from      5   prep      ADP    from
        Ardenia   6   pobj      PROPN  Ardenia   B-GPE
        to        9   aux       PART   to
        drop      5   acl       VERB   drop      tag=VB
        the       11  det       DET    the
        tariffs   9   dobj      NOUN   tariff    tag=NNS
        .         3   punct     PUNCT  .
    """)
    assert (d.actor, d.cue_class, d.target, d.issue) == (
        "Ardenia",
        "demand",
        "Ada Brook",
        "drop the tariffs",
    )


def test_a_partys_statement_as_subject_is_the_partys_act():
    """ "Ardenia's statement accused Solvaria of stalling" → Ardenia."""
    d = one_dispute("""
        Ardenia    2  poss   PROPN  Ardenia    B-GPE
        's         0  case   PART   's
        statement  3  nsubj  NOUN   statement
        accused    3  ROOT   VERB   accuse
        Solvaria   3  dobj   PROPN  Solvaria   B-GPE
        of         3  prep   ADP    of
        stalling   5  pcomp  VERB   stall      tag=VBG
        .          3  punct  PUNCT  .
    """)
    assert (d.actor, d.cue_class, d.target) == ("Ardenia", "accuse", "Solvaria")


def test_a_rival_in_a_race_is_no_dispute_an_opponent_of_a_thing_is():
    """A rival in a race is no dispute; an opponent of a thing rejects it."""
    no_dispute("""
        Ada       1  compound  PROPN  Ada       B-PERSON
        Brook     3  poss      PROPN  Brook     I-PERSON
        's        1  case      PART   's
        opponent  9  nsubj     NOUN   opponent  tag=NN
        ,         3  punct     PUNCT  ,
        Ivo       6  compound  PROPN  Ivo       B-PERSON
        Dant      3  appos     PROPN  Dant      I-PERSON
        ,         3  punct     PUNCT  ,
        also      9  advmod    ADV    also
        praised   9  ROOT      VERB   praise
        the       11 det       DET    the
        plan      9  dobj      NOUN   plan
        .         9  punct     PUNCT  .
    """)
    d = one_dispute("""
        Ada       1  compound  PROPN  Ada       B-PERSON
        Brook     2  nsubj     PROPN  Brook     I-PERSON
        is        2  ROOT      AUX    be
        an        4  det       DET    an
        opponent  2  attr      NOUN   opponent  tag=NN
        of        4  prep      ADP    of
        the       7  det       DET    the
        treaty    5  pobj      NOUN   treaty
        .         2  punct     PUNCT  .
    """)
    assert (d.actor, d.cue_class) == ("Ada Brook", "reject")


def test_urging_a_party_to_stay_is_support_to_drop_its_tariffs_a_demand():
    """Urging a party to stay is support; urging it to drop its tariffs is a demand."""
    no_dispute("""
        Ardenia   1  nsubj  PROPN  Ardenia   B-GPE
        urged     1  ROOT   VERB   urge
        Solvaria  1  dobj   PROPN  Solvaria  B-GPE
        to        4  aux    PART   to
        stay      1  xcomp  VERB   stay      tag=VB
        in        4  prep   ADP    in
        the       7  det    DET    the
        alliance  5  pobj   NOUN   alliance
        .         1  punct  PUNCT  .
    """)
    d = one_dispute("""
        Ardenia   1  nsubj  PROPN  Ardenia   B-GPE
        urged     1  ROOT   VERB   urge
        Solvaria  1  dobj   PROPN  Solvaria  B-GPE
        to        4  aux    PART   to
        drop      1  xcomp  VERB   drop      tag=VB
        its       6  poss   PRON   its       tag=PRP$
        tariffs   4  dobj   NOUN   tariff    tag=NNS
        .         1  punct  PUNCT  .
    """)
    assert (d.actor, d.cue_class, d.target) == ("Ardenia", "demand", "Solvaria")


def test_concern_about_a_partys_health_is_care_about_its_build_up_a_protest():
    """Concern about a party's health is care; about its build-up, a protest."""
    no_dispute("""
        Ardenia   1  nsubj  PROPN  Ardenia   B-GPE
        voiced    1  ROOT   VERB   voice
        concern   1  dobj   NOUN   concern
        about     2  prep   ADP    about
        Ada       5  compound PROPN Ada      B-PERSON
        Brook     7  poss   PROPN  Brook     I-PERSON
        's        5  case   PART   's
        health    3  pobj   NOUN   health
        .         1  punct  PUNCT  .
    """)
    d = one_dispute("""
        Ardenia   1  nsubj  PROPN  Ardenia   B-GPE
        voiced    1  ROOT   VERB   voice
        concern   1  dobj   NOUN   concern
        about     2  prep   ADP    about
        Solvaria  6  poss   PROPN  Solvaria  B-GPE
        's        4  case   PART   's
        build-up  3  pobj   NOUN   build-up
        .         1  punct  PUNCT  .
    """)
    assert (d.actor, d.cue_class, d.target) == ("Ardenia", "protest", "Solvaria")


def test_refusing_to_disclose_records_rejects_refusing_to_comment_does_not():
    """Refusing to disclose records is a rejection; refusing to comment is not."""
    d = one_dispute("""
        Ada       1  compound  PROPN  Ada       B-PERSON
        Brook     2  nsubj     PROPN  Brook     I-PERSON
        refused   2  ROOT      VERB   refuse    tag=VBD
        to        4  aux       PART   to
        disclose  2  xcomp     VERB   disclose  tag=VB
        her       6  poss      PRON   her       tag=PRP$
        records   4  dobj      NOUN   record    tag=NNS
        .         2  punct     PUNCT  .
    """)
    assert (d.actor, d.cue_class, d.issue) == ("Ada Brook", "reject", "disclose her records")
    no_dispute("""
        Ada       1  compound  PROPN  Ada       B-PERSON
        Brook     2  nsubj     PROPN  Brook     I-PERSON
        refused   2  ROOT      VERB   refuse    tag=VBD
        to        4  aux       PART   to
        comment   2  xcomp     VERB   comment   tag=VB
        .         2  punct     PUNCT  .
    """)


def test_terror_attacks_and_attacks_named_after_a_place_are_no_criticism():
    """Terror attacks and attacks named after a place are no criticism."""
    for modifier, entity in (("terror", "O"), ("Kelvar", "B-GPE")):
        found = disputes_in(f"""
            the      2  det       DET    the
            {modifier} 2 compound {"NOUN" if entity == "O" else "PROPN"} {modifier.lower()} {entity}
            attacks  3  nsubj     NOUN   attack    tag=NNS
            shocked  3  ROOT      VERB   shock
            Ardenia  3  dobj      PROPN  Ardenia   B-GPE
            .        3  punct     PUNCT  .
        """)
        assert [d for d in found if d.cue == "attacks"] == [], brief(found)


def test_the_party_named_before_a_gerund_walks_away():
    """ "Ardenia will react to Ada Brook walking away from the talks" → Brook rejects."""
    d = one_dispute("""
        Ardenia  2   nsubj     PROPN  Ardenia  B-GPE
        will     2   aux       AUX    will     tag=MD
        react    2   ROOT      VERB   react    tag=VB
        to       2   prep      ADP    to
        Ada      5   compound  PROPN  Ada      B-PERSON
        Brook    3   pobj      PROPN  Brook    I-PERSON
        walking  2   advcl     VERB   walk     tag=VBG
        away     6   advmod    ADV    away
        from     7   prep      ADP    from
        the      10  det       DET    the
        talks    8   pobj      NOUN   talk     tag=NNS
        .        2   punct     PUNCT  .
    """)
    assert (d.actor, d.cue_class) == ("Ada Brook", "reject")


def test_an_indefinite_party_is_nobody_named():
    """ "talk of a Republican challenging Ada Brook": no named actor, nothing shown."""
    found = disputes_in("""
        Talk         1  nsubj     NOUN   talk
        grew         1  ROOT      VERB   grow
        of           1  prep      ADP    of
        a            4  det       DET    a
        Republican   2  pobj      PROPN  Republican  B-NORP
        challenging  4  acl       VERB   challenge   tag=VBG
        Ada          7  compound  PROPN  Ada         B-PERSON
        Brook        5  dobj      PROPN  Brook       I-PERSON
        .            1  punct     PUNCT  .
    """)
    assert [d for d in found if d.named] == [], brief(found)


def test_you_and_i_should_is_no_demand():
    """'"You and I should unite behind Ivo Dant," Ada Brook said.' appeals to her own side."""
    no_dispute("""
        "       11 punct     PUNCT  "
        You     5  nsubj     PRON   you
        and     1  cc        CCONJ  and
        I       1  conj      PRON   I
        should  5  aux       AUX    should  tag=MD
        unite   11 ccomp     VERB   unite   tag=VB
        behind  5  prep      ADP    behind
        Ivo     8  compound  PROPN  Ivo     B-PERSON
        Dant    6  pobj      PROPN  Dant    I-PERSON
        ,       11 punct     PUNCT  ,
        "       11 punct     PUNCT  "
        said    11 ROOT      VERB   say
        Ada     13 compound  PROPN  Ada     B-PERSON
        Brook   11 nsubj     PROPN  Brook   I-PERSON
        .       11 punct     PUNCT  .
    """)


def test_one_of_the_members_who_voted_against_is_the_subject_of_the_copula():
    """ "Ada Brook was one of three members who voted against the bill" → Brook rejects it."""
    d = one_dispute("""
        Ada      1  compound  PROPN  Ada      B-PERSON
        Brook    2  nsubj     PROPN  Brook    I-PERSON
        was      2  ROOT      AUX    be
        one      2  attr      NUM    one
        of       3  prep      ADP    of
        three    6  nummod    NUM    three
        members  4  pobj      NOUN   member   tag=NNS
        who      8  nsubj     PRON   who
        voted    6  relcl     VERB   vote     tag=VBD
        against  8  prep      ADP    against
        the      11 det       DET    the
        bill     9  pobj      NOUN   bill
        .        2  punct     PUNCT  .
    """)
    assert (d.actor, d.cue, d.cue_class, d.issue) == (
        "Ada Brook",
        "voted against",
        "reject",
        "the bill",
    )


def test_potus_resolves_to_the_us_president_named_before():
    """'US President Ada Brook spoke. "Potus must resign," Ivo Dant said.' → target Brook."""
    d = one_dispute("""
        US         1   compound  PROPN  US         B-GPE
        President  3   compound  PROPN  President
        Ada        3   compound  PROPN  Ada        B-PERSON
        Brook      4   nsubj     PROPN  Brook      I-PERSON
        spoke      4   ROOT      VERB   speak      tag=VBD
        .          4   punct     PUNCT  .
        "          14  punct     PUNCT  "
        Potus      9   nsubj     PROPN  Potus
        must       9   aux       AUX    must       tag=MD
        resign     14  ccomp     VERB   resign     tag=VB
        ,          14  punct     PUNCT  ,
        "          14  punct     PUNCT  "
        Ivo        13  compound  PROPN  Ivo        B-PERSON
        Dant       14  nsubj     PROPN  Dant       I-PERSON
        said       14  ROOT      VERB   say        tag=VBD
        .          14  punct     PUNCT  .
    """)
    assert (d.actor, d.cue_class, d.target) == ("Ivo Dant", "demand", "Ada Brook")


def test_the_two_sides_are_the_two_states_named_before():
    """ "Ardenia and Solvaria met . The two sides clashed ." → Ardenia against Solvaria."""
    d = one_dispute("""
        Ardenia   3  nsubj  PROPN  Ardenia   B-GPE
        and       0  cc     CCONJ  and
        Solvaria  0  conj   PROPN  Solvaria  B-GPE
        met       3  ROOT   VERB   meet      tag=VBD
        .         3  punct  PUNCT  .
        The       7  det    DET    the
        two       7  nummod NUM    two
        sides     8  nsubj  NOUN   side      tag=NNS
        clashed   8  ROOT   VERB   clash     tag=VBD
        .         8  punct  PUNCT  .
    """)
    assert (d.actor, d.cue_class, d.target) == ("Ardenia", "criticise", "Solvaria")
