"""Dispute rules 2.13 on hand-built Docs with a known parse, one new pattern each.

Tables are read as in `test_dispute_rules.py` (word head dep pos lemma [entity] [tag=T], heads
absolute). Names are invented: Ardenia, Solvaria (states), Ada Brook, Ivo Dant, Peter Vogt
(people); "Kremlin" and "Congress" stand for bodies any article may name.
"""

from __future__ import annotations

from .test_dispute_rules import brief, disputes_in, no_dispute, one_dispute


def _who(table: str) -> tuple[str, str, str | None]:
    d = one_dispute(table)
    return d.actor, d.cue_class, d.target


def test_never_on_the_auxiliary_rejects():
    """ "Ardenia will never accept Solvaria's claim": "never" hangs on "will", and rejects."""
    assert _who("""
        Ardenia   3  nsubj  PROPN  Ardenia   B-GPE
        will      3  aux    AUX    will
        never     1  neg    ADV    never
        accept    3  ROOT   VERB   accept
        Solvaria  6  poss   PROPN  Solvaria  B-GPE
        's        4  case   PART   's
        claim     3  dobj   NOUN   claim
        .         3  punct  PUNCT  .
    """) == ("Ardenia", "reject", "Solvaria")


def test_being_against_a_thing_rejects_it():
    """ "Ada Brook was against the plan" → Brook rejects the plan."""
    d = one_dispute("""
        Ada      1  compound  PROPN  Ada      B-PERSON
        Brook    2  nsubj     PROPN  Brook    I-PERSON
        was      2  ROOT      AUX    be
        against  2  prep      ADP    against
        the      5  det       DET    the
        plan     3  pobj      NOUN   plan
        .        2  punct     PUNCT  .
    """)
    assert (d.actor, d.cue_class, d.issue) == ("Ada Brook", "reject", "the plan")


def test_up_against_a_rival_is_no_rejection():
    """ "Ada Brook was up against Ivo Dant": "up against" is a contest, nothing rejected."""
    no_dispute("""
        Ada      1  compound  PROPN  Ada      B-PERSON
        Brook    2  nsubj     PROPN  Brook    I-PERSON
        was      2  ROOT      AUX    be
        up       2  advmod    ADV    up
        against  2  prep      ADP    against
        Ivo      6  compound  PROPN  Ivo      B-PERSON
        Dant     4  pobj      PROPN  Dant     I-PERSON
        .        2  punct     PUNCT  .
    """)


def test_attacks_that_will_continue_are_under_way():
    """ "Ardenia will continue its attacks on Solvaria" → Ardenia criticises Solvaria."""
    assert _who("""
        Ardenia   2  nsubj  PROPN  Ardenia   B-GPE
        will      2  aux    AUX    will
        continue  2  ROOT   VERB   continue
        its       4  poss   PRON   its
        attacks   2  dobj   NOUN   attack    tag=NNS
        on        4  prep   ADP    on
        Solvaria  5  pobj   PROPN  Solvaria  B-GPE
        .         2  punct  PUNCT  .
    """) == ("Ardenia", "criticise", "Solvaria")


def test_resorting_to_threats_makes_them():
    """ "Ada Brook resorted to threats against Solvaria" → Brook threatens Solvaria."""
    assert _who("""
        Ada       1  compound  PROPN  Ada       B-PERSON
        Brook     2  nsubj     PROPN  Brook     I-PERSON
        resorted  2  ROOT      VERB   resort
        to        2  prep      ADP    to
        threats   3  pobj      NOUN   threat    tag=NNS
        against   4  prep      ADP    against
        Solvaria  5  pobj      PROPN  Solvaria  B-GPE
        .         2  punct     PUNCT  .
    """) == ("Ada Brook", "threaten", "Solvaria")


def test_an_owner_parsed_as_a_nominal_modifier_owns_the_cue_noun():
    """ "Kremlin verbal threats against Ardenia grew": the Kremlin (Russia) threatens."""
    assert _who("""
        Kremlin  2  nmod   PROPN  Kremlin  B-ORG
        verbal   2  amod   ADJ    verbal
        threats  5  nsubj  NOUN   threat   tag=NNS
        against  2  prep   ADP    against
        Ardenia  3  pobj   PROPN  Ardenia  B-GPE
        grew     5  ROOT   VERB   grow
        .        5  punct  PUNCT  .
    """) == ("Russia", "threaten", "Ardenia")


def test_a_would_of_habit_is_an_act():
    """ "Ivo Dant would often attack Ada Brook" → Dant criticises Brook."""
    assert _who("""
        Ivo     1  compound  PROPN  Ivo     B-PERSON
        Dant    4  nsubj     PROPN  Dant    I-PERSON
        would   4  aux       AUX    would
        often   4  advmod    ADV    often
        attack  4  ROOT      VERB   attack
        Ada     6  compound  PROPN  Ada     B-PERSON
        Brook   4  dobj      PROPN  Brook   I-PERSON
        .       4  punct     PUNCT  .
    """) == ("Ivo Dant", "criticise", "Ada Brook")


def test_a_plain_would_stays_unreal():
    """ "Ivo Dant would attack Ada Brook" (no habit word) is hypothetical: nothing."""
    no_dispute("""
        Ivo     1  compound  PROPN  Ivo     B-PERSON
        Dant    3  nsubj     PROPN  Dant    I-PERSON
        would   3  aux       AUX    would
        attack  3  ROOT      VERB   attack
        Ada     5  compound  PROPN  Ada     B-PERSON
        Brook   3  dobj      PROPN  Brook   I-PERSON
        .       3  punct     PUNCT  .
    """)


def test_members_of_a_named_body_are_a_named_group():
    """ "The members of Congress criticised Ada Brook" → "members of Congress", shown."""
    d = one_dispute("""
        The         1  det       DET    the
        members     4  nsubj     NOUN   member      tag=NNS
        of          1  prep      ADP    of
        Congress    2  pobj      PROPN  Congress    B-ORG
        criticised  4  ROOT      VERB   criticise
        Ada         6  compound  PROPN  Ada         B-PERSON
        Brook       4  dobj      PROPN  Brook       I-PERSON
        .           4  punct     PUNCT  .
    """)
    assert (d.actor, d.target, d.named) == ("members of Congress", "Ada Brook", True)


def test_warnings_from_a_party_received_despite():
    """ "Ardenia signed the deal despite warnings from Solvaria" → Solvaria warns Ardenia."""
    assert _who("""
        Ardenia   1  nsubj  PROPN  Ardenia   B-GPE
        signed    1  ROOT   VERB   sign
        the       3  det    DET    the
        deal      1  dobj   NOUN   deal
        despite   1  prep   ADP    despite
        warnings  4  pobj   NOUN   warning   tag=NNS
        from      5  prep   ADP    from
        Solvaria  6  pobj   PROPN  Solvaria  B-GPE
        .         1  punct  PUNCT  .
    """) == ("Solvaria", "warn", "Ardenia")


def test_a_promised_veto_rejects():
    """ "Ada Brook promised a veto of Solvaria's bill" → Brook rejects Solvaria's bill."""
    assert _who("""
        Ada       1  compound  PROPN  Ada       B-PERSON
        Brook     2  nsubj     PROPN  Brook     I-PERSON
        promised  2  ROOT      VERB   promise
        a         4  det       DET    a
        veto      2  dobj      NOUN   veto
        of        4  prep      ADP    of
        Solvaria  8  poss      PROPN  Solvaria  B-GPE
        's        6  case      PART   's
        bill      5  pobj      NOUN   bill
        .         2  punct     PUNCT  .
    """) == ("Ada Brook", "reject", "Solvaria")


def test_a_surname_tagged_as_a_date_is_still_the_person():
    """ "Peter Vogt spoke. Vogt appeared to blame Ada Brook." with "Vogt" tagged DATE → Peter
    Vogt blames Brook, a named actor."""
    found = disputes_in("""
        Peter     1  compound  PROPN  Peter     B-PERSON
        Vogt      2  nsubj     PROPN  Vogt      I-PERSON
        spoke     2  ROOT      VERB   speak
        .         2  punct     PUNCT  .
        Vogt      5  nsubj     PROPN  Vogt      B-DATE
        appeared  5  ROOT      VERB   appear
        to        7  aux       PART   to
        blame     5  xcomp     VERB   blame
        Ada       9  compound  PROPN  Ada       B-PERSON
        Brook     7  dobj      PROPN  Brook     I-PERSON
        .         5  punct     PUNCT  .
    """)
    assert [(d.actor, d.cue_class, d.named) for d in found] == [("Peter Vogt", "blame", True)], (
        brief(found)
    )


def test_a_refused_act_s_thing_names_its_owner():
    """ "Ada Brook refused to accept Solvaria's offer" → Brook rejects Solvaria."""
    assert _who("""
        Ada       1  compound  PROPN  Ada       B-PERSON
        Brook     2  nsubj     PROPN  Brook     I-PERSON
        refused   2  ROOT      VERB   refuse
        to        4  aux       PART   to
        accept    2  xcomp     VERB   accept
        Solvaria  7  poss      PROPN  Solvaria  B-GPE
        's        5  case      PART   's
        offer     4  dobj      NOUN   offer
        .         2  punct     PUNCT  .
    """) == ("Ada Brook", "reject", "Solvaria")


def test_the_refuser_s_own_thing_names_nobody():
    """ "Ivo Dant said he refused to give up his arsenal": his own, so no owner is taken as
    the target (and he is not his own target)."""
    found = disputes_in("""
        Ivo       1  compound  PROPN  Ivo       B-PERSON
        Dant      2  nsubj     PROPN  Dant      I-PERSON
        said      2  ROOT      VERB   say
        he        4  nsubj     PRON   he        tag=PRP
        refused   2  ccomp     VERB   refuse
        to        6  aux       PART   to
        give      4  xcomp     VERB   give
        up        6  prt       ADP    up
        his       9  poss      PRON   his       tag=PRP$
        arsenal   6  dobj      NOUN   arsenal
        .         2  punct     PUNCT  .
    """)
    assert [(d.actor, d.target) for d in found if d.cue_class == "reject"] == [
        ("Ivo Dant", None)
    ], brief(found)


DANGER = """
    NATO      1  nsubj     PROPN  NATO      B-ORG
    acted     1  ROOT      VERB   act
    after     1  prep      ADP    after
    the       5  det       DET    the
    Solvaria  5  compound  PROPN  Solvaria  B-GPE
    threat    2  pobj      NOUN   threat    tag=NN
    {to}
    .         1  punct     PUNCT  .
"""


def test_a_named_threat_with_no_one_threatened_is_a_danger():
    """ "NATO acted after the Solvaria threat": a danger Solvaria poses, no words of threat."""
    no_dispute(DANGER.replace("    {to}\n", ""))


def test_a_threat_to_a_party_stays_a_threat():
    """ "NATO acted after the Solvaria threat to Ardenia" → Solvaria threatens Ardenia."""
    to = "to        5  prep      ADP    to\n    Ardenia   6  pobj      PROPN  Ardenia   B-GPE"
    assert _who(DANGER.replace("{to}", to)) == ("Solvaria", "threaten", "Ardenia")


def test_a_that_parsed_as_a_second_subject_gives_way_to_the_name():
    """ "the reasons that Ada Brook refuses to sign …" parsed with "that" and "Brook" both
    subjects of "refuses": Brook refuses, not "the reasons"."""
    found = disputes_in("""
        One       0  ROOT      NUM    one
        of        0  prep      ADP    of
        the       3  det       DET    the
        reasons   1  pobj      NOUN   reason    tag=NNS
        that      7  nsubj     PRON   that      tag=WDT
        Ada       6  compound  PROPN  Ada       B-PERSON
        Brook     7  nsubj     PROPN  Brook     I-PERSON
        refuses   3  relcl     VERB   refuse
        to        9  aux       PART   to
        sign      7  xcomp     VERB   sign
        Solvaria  12 poss      PROPN  Solvaria  B-GPE
        's        10 case      PART   's
        treaty    9  dobj      NOUN   treaty
        .         0  punct     PUNCT  .
    """)
    assert [(d.actor, d.cue_class, d.target) for d in found] == [
        ("Ada Brook", "reject", "Solvaria")
    ], brief(found)


def test_a_scathing_tweet_hung_on_the_object_is_the_subject_s_criticism():
    """ "Ada Brook singled out tariffs in a scathing tweet directed at Solvaria", with "in"
    parsed on "tariffs" → Brook criticises Solvaria."""
    assert _who("""
        Ada       1  compound  PROPN  Ada       B-PERSON
        Brook     2  nsubj     PROPN  Brook     I-PERSON
        singled   2  ROOT      VERB   single
        out       2  prt       ADP    out
        tariffs   2  dobj      NOUN   tariff    tag=NNS
        in        4  prep      ADP    in
        a         8  det       DET    a
        scathing  8  amod      ADJ    scathing
        tweet     5  pobj      NOUN   tweet     tag=NN
        directed  8  acl       VERB   direct
        at        9  prep      ADP    at
        Solvaria  10 pobj      PROPN  Solvaria  B-GPE
        .         2  punct     PUNCT  .
    """) == ("Ada Brook", "criticise", "Solvaria")
