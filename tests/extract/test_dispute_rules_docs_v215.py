"""Dispute rules 2.15 on hand-built Docs with a known parse, one new pattern each.

Tables are read as in `test_dispute_rules.py` (word head dep pos lemma [entity] [tag=T], heads
absolute). Names are invented: Ada Brook (a person).
"""

from __future__ import annotations

from .test_dispute_rules import disputes_in, no_dispute, one_dispute

# '"We will defeat this vicious regime," Ada Brook said.' with the object noun swapped in
DEFEAT_THIS = """
    "        3   punct  PUNCT  "
    We       3   nsubj  PRON   we
    will     3   aux    AUX    will
    defeat   11  ccomp  VERB   defeat
    this     6   det    DET    this
    {label}  6   amod   ADJ    {label}
    {noun}   3   dobj   NOUN   {noun}
    ,        3   punct  PUNCT  ,
    "        11  punct  PUNCT  "
    Ada      10  compound  PROPN  Ada    B-PERSON
    Brook    11  nsubj  PROPN  Brook  I-PERSON
    said     11  ROOT   VERB   say
    .        11  punct  PUNCT  .
"""


def test_a_label_on_a_party_pointed_at_is_the_speaker_s_criticism_of_it():
    """'"We will defeat this vicious regime," Brook said' → Brook criticises (the label is
    said of the regime itself, whatever the verb does to it)."""
    d = one_dispute(DEFEAT_THIS.format(label="vicious", noun="regime"))
    assert (d.actor, d.cue, d.cue_class) == ("Ada Brook", "vicious", "criticise")


def test_a_label_on_a_thing_pointed_at_is_no_criticism():
    """'"We will defeat this vicious disease," Brook said': a disease is no party."""
    no_dispute(DEFEAT_THIS.format(label="vicious", noun="disease"))


def test_a_label_on_a_party_pointed_at_counts_where_the_verb_has_no_subject():
    """'"We must act to crush this vicious regime," Brook said': the verb "crush" has no
    subject of its own, yet the label is said of the regime → Brook criticises."""
    d = one_dispute("""
        "        3   punct     PUNCT  "
        We       3   nsubj     PRON   we
        must     3   aux       AUX    must
        act      13  ccomp     VERB   act
        to       5   aux       PART   to
        crush    3   advcl     VERB   crush
        this     8   det       DET    this
        vicious  8   amod      ADJ    vicious
        regime   5   dobj      NOUN   regime
        ,        3   punct     PUNCT  ,
        "        13  punct     PUNCT  "
        Ada      12  compound  PROPN  Ada    B-PERSON
        Brook    13  nsubj     PROPN  Brook  I-PERSON
        said     13  ROOT      VERB   say
        .        13  punct     PUNCT  .
    """)
    assert (d.actor, d.cue, d.cue_class) == ("Ada Brook", "vicious", "criticise")


def _with_attacks(verb: str, lemma: str, *, passive: bool) -> str:
    """ "Ada Brook responded with attacks on Solvaria." with the verb and its voice swapped in."""
    v = 3 if passive else 2
    rows = [
        "Ada       1  compound  PROPN  Ada  B-PERSON",
        f"Brook     {v}  {'nsubjpass' if passive else 'nsubj'}  PROPN  Brook  I-PERSON",
        *(["was  3  auxpass  AUX  be"] if passive else []),
        f"{verb}    {v}  ROOT   VERB   {lemma}  tag=VBN",
        f"with      {v}  prep   ADP    with",
        f"attacks   {v + 1}  pobj   NOUN   attack",
        f"on        {v + 2}  prep   ADP    on",
        f"Solvaria  {v + 3}  pobj   PROPN  Solvaria  B-GPE",
        f".         {v}  punct  PUNCT  .",
    ]
    return "\n".join(rows)


def test_a_cue_noun_a_subject_acts_with_is_the_subject_s_act():
    """ "Ada Brook responded with attacks on Solvaria" → Brook criticises Solvaria."""
    d = one_dispute(_with_attacks("responded", "respond", passive=False))
    assert (d.actor, d.cue_class, d.target) == ("Ada Brook", "criticise", "Solvaria")


def test_a_cue_noun_a_subject_is_met_with_is_not_the_subject_s():
    """ "Ada Brook was met with attacks on Solvaria": Brook received them; nobody named
    made them."""
    assert [d.actor for d in disputes_in(_with_attacks("met", "meet", passive=True))] == []


def test_a_headline_verb_tagged_as_a_noun_still_has_its_subject():
    """ "Ardenia, others vow consequences": the tagger calls "vow" a noun but the parser gives
    it subjects, so Ardenia threatens."""
    d = one_dispute("""
        Ardenia       3  nsubj  PROPN  Ardenia  B-GPE
        ,             3  punct  PUNCT  ,
        others        3  nsubj  NOUN   other
        vow           3  ROOT   NOUN   vow
        consequences  3  dobj   NOUN   consequence
        .             3  punct  PUNCT  .
    """)
    assert (d.actor, d.cue_class) == ("Ardenia", "threaten")


def test_protection_withheld_from_a_named_party_is_a_threat():
    """ "Hale would not come to the defense of Ardenia" → Hale threatens Ardenia."""
    d = one_dispute("""
        Tom       1   compound  PROPN  Tom      B-PERSON
        Hale      5   nsubj     PROPN  Hale     I-PERSON
        would     5   aux       AUX    would
        not       5   neg       PART   not
        automatically 5 advmod  ADV    automatically
        come      5   ROOT      VERB   come
        to        5   prep      ADP    to
        the       8   det       DET    the
        defense   6   pobj      NOUN   defense
        of        8   prep      ADP    of
        Ardenia   9   pobj      PROPN  Ardenia  B-GPE
        .         5   punct     PUNCT  .
    """)
    assert (d.actor, d.cue_class, d.target) == ("Tom Hale", "threaten", "Ardenia")


def test_a_punishing_act_on_condition_of_a_party_s_conduct_is_a_threat():
    """ "Hale will tear up the treaty if Ardenia does not pay" → Hale threatens Ardenia."""
    d = one_dispute("""
        Tom       1   compound  PROPN  Tom      B-PERSON
        Hale      3   nsubj     PROPN  Hale     I-PERSON
        will      3   aux       AUX    will
        tear      3   ROOT      VERB   tear
        up        3   prt       ADP    up
        the       6   det       DET    the
        treaty    3   dobj      NOUN   treaty
        if        11  mark      SCONJ  if
        Ardenia   11  nsubj     PROPN  Ardenia  B-GPE
        does      11  aux       AUX    do
        not       11  neg       PART   not
        pay       3   advcl     VERB   pay
        .         3   punct     PUNCT  .
    """)
    assert (d.actor, d.cue_class, d.target) == ("Tom Hale", "threaten", "Ardenia")


def test_a_refusal_after_an_offer_in_its_sentence_rejects_the_offer_s_maker():
    """ "Brook offered talks, but Hale declined" → Hale rejects Brook."""
    d = one_dispute("""
        Ada       1   compound  PROPN  Ada       B-PERSON
        Brook     2   nsubj     PROPN  Brook     I-PERSON
        offered   2   ROOT      VERB   offer
        talks     2   dobj      NOUN   talk
        ,         2   punct     PUNCT  ,
        but       2   cc        CCONJ  but
        Tom       7   compound  PROPN  Tom       B-PERSON
        Hale      8   nsubj     PROPN  Hale      I-PERSON
        declined  2   conj      VERB   decline
        .         2   punct     PUNCT  .
    """)
    assert (d.actor, d.cue_class, d.target) == ("Tom Hale", "reject", "Ada Brook")


def test_a_participle_on_a_letter_s_recipients_is_the_letter_s():
    """ "Brook sent a letter to the leaders opposing Hale's plan" → Brook rejects."""
    d = one_dispute("""
        Ada       1   compound  PROPN  Ada       B-PERSON
        Brook     2   nsubj     PROPN  Brook     I-PERSON
        sent      2   ROOT      VERB   send
        a         4   det       DET    a
        letter    2   dobj      NOUN   letter
        to        2   prep      ADP    to
        the       7   det       DET    the
        leaders   5   pobj      NOUN   leader
        opposing  7   acl       VERB   oppose    tag=VBG
        Tom       10  compound  PROPN  Tom       B-PERSON
        Hale      12  poss      PROPN  Hale      I-PERSON
        's        10  case      PART   's
        plan      8   dobj      NOUN   plan
        .         2   punct     PUNCT  .
    """)
    assert (d.actor, d.cue_class, d.target) == ("Ada Brook", "reject", "Tom Hale")


def test_a_party_s_campaign_of_a_cue_noun_is_the_party_s():
    """ "Solvaria's campaign of threats against Ardenia continued" → Solvaria threatens."""
    d = one_dispute("""
        Solvaria  2   poss      PROPN  Solvaria  B-GPE
        's        0   case      PART   's
        campaign  7   nsubj     NOUN   campaign
        of        2   prep      ADP    of
        threats   3   pobj      NOUN   threat
        against   4   prep      ADP    against
        Ardenia   5   pobj      PROPN  Ardenia   B-GPE
        continued 7   ROOT      VERB   continue
        .         7   punct     PUNCT  .
    """)
    assert (d.actor, d.cue_class, d.target) == ("Solvaria", "threaten", "Ardenia")


def test_a_frame_matches_its_written_form_when_the_lemma_is_misread():
    """ "Factcheck rated Hale's claims as false" with "rated" lemmatised "rat" → a denial."""
    d = one_dispute("""
        Factcheck 1   nsubj     PROPN  Factcheck B-ORG
        rated     1   ROOT      VERB   rat
        Tom       3   compound  PROPN  Tom       B-PERSON
        Hale      5   poss      PROPN  Hale      I-PERSON
        's        3   case      PART   's
        claims    1   dobj      NOUN   claim
        as        1   prep      ADP    as
        false     6   amod      ADJ    false
        .         1   punct     PUNCT  .
    """)
    assert (d.actor, d.cue_class) == ("Factcheck", "deny")


def test_giving_up_one_s_own_plan_rejects_nobody():
    """ "Ardenia scrapped its own plan" → no dispute."""
    no_dispute("""
        Ardenia   1   nsubj     PROPN  Ardenia   B-GPE
        scrapped  1   ROOT      VERB   scrap
        its       4   poss      PRON   its
        own       4   amod      ADJ    own
        plan      1   dobj      NOUN   plan
        .         1   punct     PUNCT  .
    """)


def test_opponents_of_an_act_get_no_party_from_the_sentence():
    """ "Ardenia, an opponent of taking in migrants, noted Solvaria's exit" → Ardenia rejects,
    with no target (not Solvaria)."""
    found = disputes_in("""
        Ardenia   6   nsubj     PROPN  Ardenia   B-GPE
        ,         0   punct     PUNCT  ,
        an        3   det       DET    an
        opponent  0   appos     NOUN   opponent
        of        3   prep      ADP    of
        taking    4   pcomp     VERB   take
        noted     6   ROOT      VERB   note
        Solvaria  9   poss      PROPN  Solvaria  B-GPE
        's        7   case      PART   's
        exit      6   dobj      NOUN   exit
        .         6   punct     PUNCT  .
    """)
    assert [(d.actor, d.cue_class, d.target) for d in found] == [("Ardenia", "reject", None)]


def test_a_demand_takes_the_party_its_actor_criticised_earlier_in_the_sentence():
    """ "Brook condemned Solvaria and called for sanctions" → the demand is of Solvaria."""
    found = disputes_in("""
        Ada        1   compound  PROPN  Ada        B-PERSON
        Brook      2   nsubj     PROPN  Brook      I-PERSON
        condemned  2   ROOT      VERB   condemn
        Solvaria   2   dobj      PROPN  Solvaria   B-GPE
        and        2   cc        CCONJ  and
        called     2   conj      VERB   call
        for        5   prep      ADP    for
        higher     8   amod      ADJ    high
        tariffs    6   pobj      NOUN   tariff
        .          2   punct     PUNCT  .
    """)
    assert [(d.cue_class, d.target) for d in found] == [
        ("criticise", "Solvaria"),
        ("demand", "Solvaria"),
    ]


def test_a_court_named_before_its_ruling_in_the_cue_s_phrase_is_opposed():
    """ "Brook's resistance to the Supreme Court ruling" → Brook rejects the court's ruling;
    the court, a compound on "ruling", is the party opposed."""
    d = one_dispute("""
        Ada         1   compound  PROPN  Ada        B-PERSON
        Brook       3   poss      PROPN  Brook      I-PERSON
        's          1   case      PART   's
        resistance  9   nsubj     NOUN   resistance
        to          3   prep      ADP    to
        the         8   det       DET    the        B-ORG
        Supreme     7   compound  PROPN  Supreme    I-ORG
        Court       8   compound  PROPN  Court      I-ORG
        ruling      4   pobj      NOUN   ruling
        lasted      9   ROOT      VERB   last
        .           9   punct     PUNCT  .
    """)
    assert (d.actor, d.cue_class, d.target) == ("Ada Brook", "reject", "Supreme Court")
