"""Dispute rules 2.9: targets from the article when the sentence names none, on hand-built
Docs.

Names are invented (Ardenia, Solvaria: states; Ada Brook, Ivo Dant, Lena Varga: people).
Each test gives the example sentence it builds.
"""

from __future__ import annotations

from extract.disputes import _is_party_name

from .test_dispute_rules import disputes_in, no_dispute, one_dispute

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


def test_a_label_told_to_a_broadcaster_is_not_aimed_at_it():
    """'"This is troubling," Ada Brook told Radio Kelvar.' → Brook criticises, but not the
    radio station she spoke to: only words that address someone ("you") aim at the addressee."""
    d = one_dispute("""
        "          8   punct  PUNCT  "
        This       2   nsubj  PRON   this       tag=DT
        is         8   ccomp  AUX    be
        troubling  2   acomp  ADJ    troubling  tag=JJ
        ,          8   punct  PUNCT  ,
        "          8   punct  PUNCT  "
        Ada        7   compound  PROPN  Ada     B-PERSON
        Brook      8   nsubj  PROPN  Brook      I-PERSON
        told       8   ROOT   VERB   tell       tag=VBD
        Radio      10  compound  PROPN  Radio   B-ORG
        Kelvar     8   dobj   PROPN  Kelvar     I-ORG
        .          8   punct  PUNCT  .
    """)
    assert (d.actor, d.cue_class, d.target) == ("Ada Brook", "criticise", None)


def test_is_lying_in_someones_words_accuses_its_subject():
    """'"Ivo Dant is lying," Ada Brook said.' → Brook accuses Dant."""
    d = one_dispute("""
        "      9  punct  PUNCT  "
        Ivo    2  compound  PROPN  Ivo    B-PERSON
        Dant   4  nsubj  PROPN  Dant      I-PERSON
        is     4  aux    AUX    be
        lying  9  ccomp  VERB   lie       tag=VBG
        ,      9  punct  PUNCT  ,
        "      9  punct  PUNCT  "
        Ada    8  compound  PROPN  Ada    B-PERSON
        Brook  9  nsubj  PROPN  Brook     I-PERSON
        said   9  ROOT   VERB   say       tag=VBD
        .      9  punct  PUNCT  .
    """)
    assert (d.actor, d.cue_class, d.target) == ("Ada Brook", "accuse", "Ivo Dant")


def test_lying_said_of_a_thing_or_of_oneself_is_no_accusation():
    """'"The files were lying on the desk," Ada Brook said.' and '"I lied about it," Ada
    Brook said.' → nothing: a verdict verb accuses only a party other than the speaker."""
    no_dispute("""
        "      12  punct  PUNCT  "
        The    2   det    DET    the
        files  4   nsubj  NOUN   file     tag=NNS
        were   4   aux    AUX    be
        lying  12  ccomp  VERB   lie      tag=VBG
        on     4   prep   ADP    on
        the    7   det    DET    the
        desk   5   pobj   NOUN   desk
        ,      12  punct  PUNCT  ,
        "      12  punct  PUNCT  "
        Ada    11  compound  PROPN  Ada   B-PERSON
        Brook  12  nsubj  PROPN  Brook    I-PERSON
        said   12  ROOT   VERB   say      tag=VBD
        .      12  punct  PUNCT  .
    """)
    no_dispute("""
        "      9  punct  PUNCT  "
        I      2  nsubj  PRON   I        tag=PRP
        lied   9  ccomp  VERB   lie      tag=VBD
        about  2  prep   ADP    about
        it     3  pobj   PRON   it       tag=PRP
        ,      9  punct  PUNCT  ,
        "      9  punct  PUNCT  "
        Ada    8  compound  PROPN  Ada   B-PERSON
        Brook  9  nsubj  PROPN  Brook    I-PERSON
        said   9  ROOT   VERB   say      tag=VBD
        .      9  punct  PUNCT  .
    """)


def test_a_label_on_a_named_party_in_any_role_is_aimed_at_it():
    """'"Dishonest Ivo Dant left early," Ada Brook said.' → Brook criticises Dant, though
    Dant is the subject of another verb, not of the label."""
    d = one_dispute("""
        "          10  punct  PUNCT  "
        Dishonest  3   amod   ADJ    dishonest  tag=JJ
        Ivo        3   compound  PROPN  Ivo     B-PERSON
        Dant       4   nsubj  PROPN  Dant       I-PERSON
        left       10  ccomp  VERB   leave      tag=VBD
        early      4   advmod ADV    early
        ,          10  punct  PUNCT  ,
        "          10  punct  PUNCT  "
        Ada        9   compound  PROPN  Ada     B-PERSON
        Brook      10  nsubj  PROPN  Brook      I-PERSON
        said       10  ROOT   VERB   say        tag=VBD
        .          10  punct  PUNCT  .
    """)
    assert (d.actor, d.cue, d.cue_class, d.target) == (
        "Ada Brook",
        "Dishonest",
        "criticise",
        "Ivo Dant",
    )


def test_put_more_pressure_on_a_party_is_a_demand():
    """ "Ardenia put more pressure on Solvaria." → Ardenia demands of Solvaria ("*" in the
    phrase "put * pressure on" takes one word)."""
    d = one_dispute("""
        Ardenia   1  nsubj  PROPN  Ardenia   B-GPE
        put       1  ROOT   VERB   put       tag=VBD
        more      3  amod   ADJ    more
        pressure  1  dobj   NOUN   pressure
        on        1  prep   ADP    on
        Solvaria  4  pobj   PROPN  Solvaria  B-GPE
        .         1  punct  PUNCT  .
    """)
    assert (d.actor, d.cue_class, d.target) == ("Ardenia", "demand", "Solvaria")


def test_pressure_on_a_thing_is_no_demand():
    """ "Ardenia put more pressure on prices." → nothing: a demand phrase needs a party."""
    no_dispute("""
        Ardenia   1  nsubj  PROPN  Ardenia   B-GPE
        put       1  ROOT   VERB   put       tag=VBD
        more      3  amod   ADJ    more
        pressure  1  dobj   NOUN   pressure
        on        1  prep   ADP    on
        prices    4  pobj   NOUN   price     tag=NNS
        .         1  punct  PUNCT  .
    """)


def test_overlapping_phrases_of_one_class_are_one_cue():
    """'"Ivo Dant is lying to us," Ada Brook said.' → one accusation, though "be lying" and
    "lie to" both match."""
    d = one_dispute("""
        "      11  punct  PUNCT  "
        Ivo    2   compound  PROPN  Ivo    B-PERSON
        Dant   4   nsubj  PROPN  Dant      I-PERSON
        is     4   aux    AUX    be
        lying  11  ccomp  VERB   lie       tag=VBG
        to     4   prep   ADP    to
        us     5   pobj   PRON   we        tag=PRP
        ,      11  punct  PUNCT  ,
        "      11  punct  PUNCT  "
        Ada    10  compound  PROPN  Ada    B-PERSON
        Brook  11  nsubj  PROPN  Brook     I-PERSON
        said   11  ROOT   VERB   say       tag=VBD
        .      11  punct  PUNCT  .
    """)
    assert (d.actor, d.cue, d.cue_class, d.target) == (
        "Ada Brook",
        "is lying",
        "accuse",
        "Ivo Dant",
    )


def test_a_label_on_a_capitalised_deal_is_not_aimed_at_a_party_named_deals():
    """'"We will fix unfair Trade Deals," Ada Brook said.' → no party called "Deals" is
    criticised: a capitalised text or deal is no party."""
    found = disputes_in("""
        "       10  punct     PUNCT  "
        We      3   nsubj     PRON   we       tag=PRP
        will    3   aux       AUX    will
        fix     10  ccomp     VERB   fix
        unfair  6   amod      ADJ    unfair   tag=JJ
        Trade   6   compound  PROPN  Trade
        Deals   3   dobj      PROPN  Deals    tag=NNPS
        ,       10  punct     PUNCT  ,
        "       10  punct     PUNCT  "
        Brook   10  nsubj     PROPN  Brook    B-PERSON
        said    10  ROOT      VERB   say      tag=VBD
        .       10  punct     PUNCT  .
    """)
    assert all(d.target != "Deals" for d in found), [(d.cue, d.target) for d in found]


def test_an_event_is_never_a_party():
    """ "the Group of Seven meeting" is where parties met, so it is never a dispute's target;
    "the Group of Seven" is a party."""
    assert not _is_party_name("Group of Seven meeting")
    assert not _is_party_name("the Kelvar summit")
    assert _is_party_name("Group of Seven")


def test_a_label_frame_object_may_be_unnamed_people():
    """ "Ada Brook likened the migrants to a vicious plague." → Brook criticises the migrants:
    unnamed people count as the target of a label frame, as of a criticising verb."""
    d = one_dispute("""
        Ada       1  compound  PROPN  Ada       B-PERSON
        Brook     2  nsubj     PROPN  Brook     I-PERSON
        likened   2  ROOT      VERB   liken     tag=VBD
        the       4  det       DET    the
        migrants  2  dobj      NOUN   migrant   tag=NNS
        to        2  prep      ADP    to
        a         8  det       DET    a
        vicious   8  amod      ADJ    vicious   tag=JJ
        plague    5  pobj      NOUN   plague
        .         2  punct     PUNCT  .
    """)
    assert (d.actor, d.cue_class, d.target) == ("Ada Brook", "criticise", "migrants")


def test_the_last_adversary_counts_however_far_back(extractor):
    """A party that walks away six paragraphs after accusing Solvaria walks away from Solvaria,
    not from Teluria, the party mentioned most lately (real model)."""
    text = (
        "Ardenia accused Solvaria of smuggling arms across the border.\n\n"
        "The talks resumed in Kelvar on Tuesday.\n\n"
        "Teluria sent observers to the talks.\n\n"
        "The Teluria delegation said little.\n\n"
        "Teluria praised the hosts.\n\n"
        "By the evening Ardenia had walked away."
    )
    walked = [d for d in extractor.extract(text).disputes if d.cue == "walked away"]
    assert [(d.actor, d.target) for d in walked] == [("Ardenia", "Solvaria")]


def test_a_subject_hung_under_the_auxiliary_still_acts():
    """ "Ada Brook has pooh-poohed the plan." parsed with "Brook" under "has" → Brook acts."""
    d = one_dispute("""
        Ada     1  compound  PROPN  Ada     B-PERSON
        Brook   2  nsubj     PROPN  Brook   I-PERSON
        has     5  aux       AUX    have
        pooh    5  npadvmod  NOUN   pooh
        -       5  punct     PUNCT  -
        poohed  5  ROOT      VERB   pooh    tag=VBN
        the     7  det       DET    the
        plan    5  dobj      NOUN   plan
        .       5  punct     PUNCT  .
    """)
    assert (d.actor, d.cue_class) == ("Ada Brook", "criticise")


def test_a_name_parsed_as_a_modifier_of_the_verb_is_its_subject():
    """ "Brook bristles at Ivo Dant's remarks." parsed with "Brook" a compound of "bristles"
    → Brook protests against Dant."""
    d = one_dispute("""
        Brook     1  compound  PROPN  Brook    B-PERSON
        bristles  1  ROOT      VERB   bristle  tag=VBZ
        at        1  prep      ADP    at
        Ivo       4  compound  PROPN  Ivo      B-PERSON
        Dant      6  poss      PROPN  Dant     I-PERSON
        's        4  case      PART   's
        remarks   2  pobj      NOUN   remark   tag=NNS
        .         1  punct     PUNCT  .
    """)
    assert (d.actor, d.cue_class, d.target) == ("Brook", "protest", "Ivo Dant")


def test_disputes_of_one_sentence_come_in_reading_order():
    """ "Ardenia urged Solvaria to withdraw and criticised Teluria." → the demand, then the
    criticism (reading order, not the classes' alphabetical order)."""
    found = disputes_in("""
        Ardenia     1  nsubj  PROPN  Ardenia    B-GPE
        urged       1  ROOT   VERB   urge       tag=VBD
        Solvaria    1  dobj   PROPN  Solvaria   B-GPE
        to          4  aux    PART   to
        withdraw    1  xcomp  VERB   withdraw
        and         1  cc     CCONJ  and
        criticised  1  conj   VERB   criticise  tag=VBD
        Teluria     6  dobj   PROPN  Teluria    B-GPE
        .           1  punct  PUNCT  .
    """)
    assert [(d.cue_class, d.target) for d in found] == [
        ("demand", "Solvaria"),
        ("criticise", "Teluria"),
    ]


def test_a_name_the_speaker_calls_their_own_is_not_the_target():
    """'"It is outrageous to treat our Ardenia so," Brook said.' → Brook criticises, but not
    Ardenia: "our Ardenia" is the speaker's own side."""
    d = one_dispute("""
        "           12  punct  PUNCT  "
        It          2   nsubj  PRON   it          tag=PRP
        is          12  ccomp  AUX    be
        outrageous  2   acomp  ADJ    outrageous  tag=JJ
        to          5   aux    PART   to
        treat       3   xcomp  VERB   treat
        our         7   poss   PRON   our         tag=PRP$
        Ardenia     5   dobj   PROPN  Ardenia     B-GPE
        so          5   advmod ADV    so
        ,           12  punct  PUNCT  ,
        "           12  punct  PUNCT  "
        Brook       12  nsubj  PROPN  Brook       B-PERSON
        said        12  ROOT   VERB   say         tag=VBD
        .           12  punct  PUNCT  .
    """)
    assert (d.actor, d.cue_class, d.target) == ("Brook", "criticise", None)


def test_us_in_capitals_is_the_united_states():
    """'"The US wasted an opportunity," Ri said.' → Ri criticises the United States: "US" in
    capitals is the state, not the pronoun "us"."""
    d = one_dispute("""
        "            9  punct  PUNCT  "
        The          2  det    DET    the
        US           3  nsubj  PROPN  US           B-GPE
        wasted       9  ccomp  VERB   waste        tag=VBD
        an           5  det    DET    an
        opportunity  3  dobj   NOUN   opportunity
        ,            9  punct  PUNCT  ,
        "            9  punct  PUNCT  "
        Ri           9  nsubj  PROPN  Ri           B-PERSON
        said         9  ROOT   VERB   say          tag=VBD
        .            9  punct  PUNCT  .
    """)
    assert (d.actor, d.cue_class, d.target) == ("Ri", "criticise", "United States")


def test_his_with_no_known_antecedent_is_the_person_named_before_it(extractor):
    """ "… a special place in hell for Prime Minister Ivo Dant because of his decision to slam
    Ardenia …, Tom Hale said" → Dant criticises Ardenia: "his", which the speaker book cannot
    place, is the person named earlier in its sentence (real model)."""
    text = (
        "There is a special place in hell for Prime Minister Ivo Dant because of his decision "
        "to slam Ardenia at a press conference, the trade adviser Tom Hale said on Sunday."
    )
    slams = [d for d in extractor.extract(text).disputes if d.cue == "slam"]
    assert [(d.actor, d.target, d.named) for d in slams] == [("Ivo Dant", "Ardenia", True)]


def test_him_in_someones_quoted_words_is_not_the_speaker(extractor):
    """In Hale's quoted words "Brook starts blasting him", "him" is Dant, never Hale himself
    (who would say "me") (real model)."""
    text = (
        "Adviser Tom Hale was angry with Prime Minister Ada Brook on Sunday.\n\n"
        '"President Ivo Dant played that process in good faith," Hale said. "So I ask you: '
        'He gets up and leaves, and then Brook starts blasting him at a news conference?"'
    )
    blasts = [d for d in extractor.extract(text).disputes if d.cue == "blasting"]
    assert [(d.actor, d.target) for d in blasts] == [("Ada Brook", "Ivo Dant")]


def test_a_party_asked_to_act_is_no_mere_addressee():
    """ "Ardenia refused to give up its missiles while asking Solvaria to lift the
    sanctions." → the refusal targets Solvaria, the party asked to act (not an addressee to
    skip, as in "told reporters")."""
    found = disputes_in("""
        Ardenia    1   nsubj  PROPN  Ardenia   B-GPE
        refused    1   ROOT   VERB   refuse    tag=VBD
        to         3   aux    PART   to
        give       1   xcomp  VERB   give
        up         3   prt    ADP    up
        its        6   poss   PRON   its       tag=PRP$
        missiles   3   dobj   NOUN   missile   tag=NNS
        while      8   mark   SCONJ  while
        asking     1   advcl  VERB   ask       tag=VBG
        Solvaria   8   dobj   PROPN  Solvaria  B-GPE
        to         11  aux    PART   to
        lift       8   xcomp  VERB   lift
        the        13  det    DET    the
        sanctions  11  dobj   NOUN   sanction  tag=NNS
        .          1   punct  PUNCT  .
    """)
    refusal = [d for d in found if d.cue_class == "reject"]
    assert [(d.actor, d.target) for d in refusal] == [("Ardenia", "Solvaria")]


def test_the_state_whose_goods_a_measure_hits_is_a_party():
    """ "Ardenia is retaliating with tariffs on Solvaria exports." → Ardenia threatens
    Solvaria: a name modifying the goods a measure falls on is no mere setting."""
    d = one_dispute("""
        Ardenia      2  nsubj     PROPN  Ardenia    B-GPE
        is           2  aux       AUX    be
        retaliating  2  ROOT      VERB   retaliate  tag=VBG
        with         2  prep      ADP    with
        tariffs      3  pobj      NOUN   tariff     tag=NNS
        on           4  prep      ADP    on
        Solvaria     7  compound  PROPN  Solvaria   B-GPE
        exports      5  pobj      NOUN   export     tag=NNS
        .            2  punct     PUNCT  .
    """)
    assert (d.actor, d.cue_class, d.target) == ("Ardenia", "threaten", "Solvaria")


def test_a_state_leading_a_coalition_is_a_setting():
    """ "Ardenia rejected calls for an inquiry into a Solvaria-led coalition." → a rejection
    with no target: who leads the coalition is no party to the call."""
    d = one_dispute("""
        Ardenia    1   nsubj     PROPN  Ardenia    B-GPE
        rejected   1   ROOT      VERB   reject     tag=VBD
        calls      1   dobj      NOUN   call       tag=NNS
        for        2   prep      ADP    for
        an         5   det       DET    an
        inquiry    3   pobj      NOUN   inquiry
        into       5   prep      ADP    into
        a          11  det       DET    a
        Solvaria   10  npadvmod  PROPN  Solvaria   B-NORP
        -          10  punct     PUNCT  -
        led        11  amod      VERB   lead       tag=VBN
        coalition  6   pobj      NOUN   coalition
        .          1   punct     PUNCT  .
    """)
    assert (d.actor, d.cue_class, d.target) == ("Ardenia", "reject", None)


def test_a_list_of_labels_is_one_criticism():
    """'"These are reckless, dangerous actions," Ada Brook said.' → one criticism, recorded
    at the first label of the list."""
    found = disputes_in("""
        "          11  punct  PUNCT  "
        These      2   nsubj  PRON   these      tag=DT
        are        11  ccomp  AUX    be
        reckless   6   amod   ADJ    reckless   tag=JJ
        ,          6   punct  PUNCT  ,
        dangerous  6   amod   ADJ    dangerous  tag=JJ
        actions    2   attr   NOUN   action     tag=NNS
        ,          11  punct  PUNCT  ,
        "          11  punct  PUNCT  "
        Ada        10  compound  PROPN  Ada     B-PERSON
        Brook      11  nsubj  PROPN  Brook      I-PERSON
        said       11  ROOT   VERB   say        tag=VBD
        .          11  punct  PUNCT  .
    """)
    assert [(d.actor, d.cue, d.cue_class) for d in found] == [
        ("Ada Brook", "reckless", "criticise")
    ]


def test_a_label_inside_a_demand_is_part_of_it():
    """'"Solvaria must stop its reckless raids," Ada Brook said.' → one demand of Solvaria;
    "reckless" describes what is demanded, not a second dispute."""
    found = disputes_in("""
        "         11  punct  PUNCT  "
        Solvaria  3   nsubj  PROPN  Solvaria  B-GPE
        must      3   aux    AUX    must
        stop      11  ccomp  VERB   stop
        its       6   poss   PRON   its       tag=PRP$
        reckless  6   amod   ADJ    reckless  tag=JJ
        raids     3   dobj   NOUN   raid      tag=NNS
        ,         11  punct  PUNCT  ,
        "         11  punct  PUNCT  "
        Ada       10  compound  PROPN  Ada    B-PERSON
        Brook     11  nsubj  PROPN  Brook     I-PERSON
        said      11  ROOT   VERB   say       tag=VBD
        .         11  punct  PUNCT  .
    """)
    assert [(d.actor, d.cue_class, d.target) for d in found] == [
        ("Ada Brook", "demand", "Solvaria")
    ]


def test_a_cue_right_after_an_avoiding_word_is_blocked_however_parsed():
    """ "Ada Brook avoids condemning Solvaria." parsed (as headlines often are) with "avoids"
    as a noun in the subject → nothing: the act is avoided."""
    no_dispute("""
        Ada         2  compound  PROPN  Ada       B-PERSON
        Brook       2  compound  PROPN  Brook     I-PERSON
        avoids      3  nsubj     NOUN   avoid     tag=NNS
        condemning  3  ROOT      VERB   condemn   tag=VBG
        Solvaria    3  dobj      PROPN  Solvaria  B-GPE
        .           3  punct     PUNCT  .
    """)


def test_insisting_on_a_forecast_is_no_demand():
    """ "Ardenia insisted the talks would continue." → nothing: "would" makes the clause a
    forecast, not the subjunctive of a demand ("insisted that Solvaria withdraw")."""
    no_dispute("""
        Ardenia   1  nsubj  PROPN  Ardenia   B-GPE
        insisted  1  ROOT   VERB   insist    tag=VBD
        the       3  det    DET    the
        talks     5  nsubj  NOUN   talk      tag=NNS
        would     5  aux    AUX    would     tag=MD
        continue  1  ccomp  VERB   continue  tag=VB
        .         1  punct  PUNCT  .
    """)


def test_a_label_listed_after_a_verdict_is_the_same_accusation():
    """'"Ivo Dant is a con man and a cheat," Ada Brook said.' → one accusation, at "con man"."""
    found = disputes_in("""
        "      14  punct     PUNCT  "
        Ivo    2   compound  PROPN  Ivo    B-PERSON
        Dant   3   nsubj     PROPN  Dant   I-PERSON
        is     14  ccomp     AUX    be
        a      6   det       DET    a
        con    6   compound  NOUN   con
        man    3   attr      NOUN   man
        and    6   cc        CCONJ  and
        a      9   det       DET    a
        cheat  6   conj      NOUN   cheat
        ,      14  punct     PUNCT  ,
        "      14  punct     PUNCT  "
        Ada    13  compound  PROPN  Ada    B-PERSON
        Brook  14  nsubj     PROPN  Brook  I-PERSON
        said   14  ROOT      VERB   say    tag=VBD
        .      14  punct     PUNCT  .
    """)
    assert [(d.actor, d.cue, d.cue_class, d.target) for d in found] == [
        ("Ada Brook", "con man", "accuse", "Ivo Dant")
    ]
