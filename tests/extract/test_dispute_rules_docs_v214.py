"""Dispute rules 2.14 on hand-built Docs with a known parse, one new pattern each.

Tables are read as in `test_dispute_rules.py` (word head dep pos lemma [entity] [tag=T], heads
absolute). Names are invented: Ardenia, Solvaria (states), Ada Brook (a person).
"""

from __future__ import annotations

from .test_dispute_rules import disputes_in, no_dispute, one_dispute


def test_a_letter_opposing_a_plan_is_its_sender_s_rejection():
    """ "Ada Brook sent a letter opposing Solvaria's plan" → Brook rejects, whatever the
    letter's own role."""
    d = one_dispute("""
        Ada       1  compound  PROPN  Ada       B-PERSON
        Brook     2  nsubj     PROPN  Brook     I-PERSON
        sent      2  ROOT      VERB   send
        a         4  det       DET    a
        letter    2  dobj      NOUN   letter
        opposing  4  acl       VERB   oppose    tag=VBG
        Solvaria  8  poss      PROPN  Solvaria  B-GPE
        's        6  case      PART   's
        plan      5  dobj      NOUN   plan
        .         2  punct     PUNCT  .
    """)
    assert (d.actor, d.cue_class, d.target) == ("Ada Brook", "reject", "Solvaria")


def test_a_letter_that_is_nobody_s_object_names_no_sender():
    """ "A letter opposing Solvaria's plan circulated": the letter's author is unknown."""
    no_dispute("""
        A           1  det    DET    a
        letter      6  nsubj  NOUN   letter
        opposing    1  acl    VERB   oppose     tag=VBG
        Solvaria    5  poss   PROPN  Solvaria   B-GPE
        's          3  case   PART   's
        plan        2  dobj   NOUN   plan
        circulated  6  ROOT   VERB   circulate  tag=VBD
        .           6  punct  PUNCT  .
    """)


def test_a_label_beside_a_criticism_verb_of_the_same_target_is_not_counted_twice():
    """ "Ada Brook attacked Solvaria, calling it reckless": one criticism, the verb's."""
    d = one_dispute("""
        Ada       1  compound  PROPN  Ada       B-PERSON
        Brook     2  nsubj     PROPN  Brook     I-PERSON
        attacked  2  ROOT      VERB   attack    tag=VBD
        Solvaria  2  dobj      PROPN  Solvaria  B-GPE
        ,         2  punct     PUNCT  ,
        calling   2  advcl     VERB   call      tag=VBG
        it        5  dobj      PRON   it
        reckless  5  oprd      ADJ    reckless
        .         2  punct     PUNCT  .
    """)
    assert (d.actor, d.cue, d.target) == ("Ada Brook", "attacked", "Solvaria")


def test_vetoing_a_bill_no_party_owns_rejects_the_bill():
    """ "Ardenia vetoed the bill": a rejection whose issue is the bill, with no target."""
    d = one_dispute("""
        Ardenia  1  nsubj  PROPN  Ardenia  B-GPE
        vetoed   1  ROOT   VERB   veto     tag=VBD
        the      3  det    DET    the
        bill     1  dobj   NOUN   bill
        .        1  punct  PUNCT  .
    """)
    assert (d.actor, d.cue_class, d.target, d.issue) == ("Ardenia", "reject", None, "the bill")


def test_vetoing_a_thing_that_is_no_text_or_party_rejects_nothing():
    """ "Ardenia vetoed the idea": "veto" needs a party or a text as what it rejects."""
    no_dispute("""
        Ardenia  1  nsubj  PROPN  Ardenia  B-GPE
        vetoed   1  ROOT   VERB   veto     tag=VBD
        the      3  det    DET    the
        idea     1  dobj   NOUN   idea
        .        1  punct  PUNCT  .
    """)


def test_an_owned_threat_inside_an_if_clause_is_still_a_threat_and_his_is_the_subject():
    """ "If Hale drops his threat against Ardenia": the threat exists, and it is Hale's."""
    d = one_dispute("""
        If       2  mark      SCONJ  if
        Hale     2  nsubj     PROPN  Hale     B-PERSON
        drops    2  ROOT      VERB   drop     tag=VBZ
        his      4  poss      PRON   his      tag=PRP$
        threat   2  dobj      NOUN   threat
        against  4  prep      ADP    against
        Ardenia  5  pobj      PROPN  Ardenia  B-GPE
        .        2  punct     PUNCT  .
    """)
    assert (d.actor, d.cue_class, d.target) == ("Hale", "threaten", "Ardenia")


def test_an_if_clause_the_parser_made_the_root_is_still_hypothetical():
    """ "If Ardenia makes threats against Solvaria" parsed with "makes" as the root: the
    threats are only supposed, no act."""
    no_dispute("""
        If        2  mark   SCONJ  if
        Ardenia   2  nsubj  PROPN  Ardenia   B-GPE
        makes     2  ROOT   VERB   make      tag=VBZ
        threats   2  dobj   NOUN   threat
        against   3  prep   ADP    against
        Solvaria  4  pobj   PROPN  Solvaria  B-GPE
        .         2  punct  PUNCT  .
    """)


def test_the_panel_is_the_committee_named_before():
    """ "The Ardenian Ethics Committee met. The panel accused Brook": the panel is the
    committee (`body_synonyms`)."""
    found = disputes_in("""
        The        3  det       DET    the
        Ardenian   3  compound  PROPN  Ardenian   B-ORG
        Ethics     3  compound  PROPN  Ethics     I-ORG
        Committee  4  nsubj     PROPN  Committee  I-ORG
        met        4  ROOT      VERB   meet       tag=VBD
        .          4  punct     PUNCT  .
        The        7  det       DET    the
        panel      8  nsubj     NOUN   panel      tag=NN
        accused    8  ROOT      VERB   accuse     tag=VBD
        Ada        10 compound  PROPN  Ada        B-PERSON
        Brook      8  dobj      PROPN  Brook      I-PERSON
        .          8  punct     PUNCT  .
    """)
    assert [(d.actor, d.cue_class, d.target) for d in found] == [
        ("Ardenian Ethics Committee", "accuse", "Ada Brook")
    ]


def test_a_complaint_filed_by_a_party_is_its_accusation_and_filed_by_is_no_issue():
    """ "A complaint filed by Ardenia says Ada Brook lied": Ardenia accuses; "filed by
    Ardenia" describes the complaint and is not what is disputed."""
    found = disputes_in("""
        A          1  det    DET    a
        complaint  5  nsubj  NOUN   complaint
        filed      1  acl    VERB   file      tag=VBN
        by         2  agent  ADP    by
        Ardenia    3  pobj   PROPN  Ardenia   B-GPE
        says       5  ROOT   VERB   say       tag=VBZ
        Ada        7  compound  PROPN  Ada    B-PERSON
        Brook      8  nsubj  PROPN  Brook     I-PERSON
        lied       5  ccomp  VERB   lie       tag=VBD
        .          5  punct  PUNCT  .
    """)
    assert [(d.actor, d.cue_class, d.issue) for d in found if d.cue == "complaint"] == [
        ("Ardenia", "accuse", None)
    ]


def test_will_not_endorse_said_of_a_state_by_a_named_speaker_is_the_speaker_s_refusal():
    """ "Brook said Ardenia will not endorse the communique" → Brook rejects."""
    d = one_dispute("""
        Ada         1  compound  PROPN  Ada         B-PERSON
        Brook       2  nsubj     PROPN  Brook       I-PERSON
        said        2  ROOT      VERB   say         tag=VBD
        Ardenia     6  nsubj     PROPN  Ardenia     B-GPE
        will        6  aux       AUX    will
        not         6  neg       PART   not
        endorse     2  ccomp     VERB   endorse     tag=VB
        the         8  det       DET    the
        communique  6  dobj      NOUN   communique
        .           2  punct     PUNCT  .
    """)
    assert (d.actor, d.cue_class) == ("Ada Brook", "reject")


def test_this_criticism_is_the_dispute_the_sentence_before_told():
    """ "Ardenia criticised Solvaria. This criticism grew." → two records, both Ardenia's
    against Solvaria (the second through "This")."""
    found = disputes_in("""
        Ardenia     1  nsubj  PROPN  Ardenia    B-GPE
        criticised  1  ROOT   VERB   criticise  tag=VBD
        Solvaria    1  dobj   PROPN  Solvaria   B-GPE
        .           1  punct  PUNCT  .
        This        5  det    DET    this
        criticism   6  nsubj  NOUN   criticism
        grew        6  ROOT   VERB   grow       tag=VBD
        .           6  punct  PUNCT  .
    """)
    assert [(d.actor, d.cue, d.target) for d in found] == [
        ("Ardenia", "criticised", "Solvaria"),
        ("Ardenia", "criticism", "Solvaria"),
    ]


def test_suspending_the_talks_rejects_them():
    """ "Ardenia suspended the talks": the talks are called off, a rejection."""
    d = one_dispute("""
        Ardenia    1  nsubj  PROPN  Ardenia  B-GPE
        suspended  1  ROOT   VERB   suspend  tag=VBD
        the        3  det    DET    the
        talks      1  dobj   NOUN   talk     tag=NNS
        .          1  punct  PUNCT  .
    """)
    assert (d.actor, d.cue_class, d.issue) == ("Ardenia", "reject", "the talks")


def test_a_label_under_seems_to_be_is_said_of_the_subject():
    """'"Solvaria seems to be reckless," Brook said' → Brook criticises Solvaria."""
    d = one_dispute("""
        "         2  punct  PUNCT  "
        Solvaria  2  nsubj  PROPN  Solvaria  B-GPE
        seems     9  ccomp  VERB   seem      tag=VBZ
        to        4  aux    PART   to
        be        2  xcomp  AUX    be
        reckless  4  acomp  ADJ    reckless
        ,         9  punct  PUNCT  ,
        "         9  punct  PUNCT  "
        Brook     9  nsubj  PROPN  Brook     B-PERSON
        said      9  ROOT   VERB   say       tag=VBD
        .         9  punct  PUNCT  .
    """)
    assert (d.actor, d.cue_class, d.target) == ("Brook", "criticise", "Solvaria")


def test_a_modal_demand_of_a_region_is_no_demand():
    """'"Europe must pay," Brook said': "Europe" (LOC) is a region, not a party asked."""
    no_dispute("""
        "       2  punct  PUNCT  "
        Europe  3  nsubj  PROPN  Europe  B-LOC
        must    3  aux    AUX    must
        pay     7  ccomp  VERB   pay     tag=VB
        ,       7  punct  PUNCT  ,
        "       7  punct  PUNCT  "
        Brook   7  nsubj  PROPN  Brook   B-PERSON
        said    7  ROOT   VERB   say     tag=VBD
        .       7  punct  PUNCT  .
    """)


def test_resisting_the_temptation_to_reply_to_a_party_rejects_nobody():
    """ "Solvaria resisted the temptation to reply to Ardenia": an urge held back."""
    no_dispute("""
        Solvaria    1  nsubj  PROPN  Solvaria    B-GPE
        resisted    1  ROOT   VERB   resist      tag=VBD
        the         3  det    DET    the
        temptation  1  dobj   NOUN   temptation
        to          5  aux    PART   to
        reply       3  acl    VERB   reply       tag=VB
        to          5  prep   ADP    to
        Ardenia     6  pobj   PROPN  Ardenia     B-GPE
        .           1  punct  PUNCT  .
    """)


def test_some_of_the_critics_after_a_copula_are_its_subject():
    """ "Ardenia is one of the critics of Solvaria" → Ardenia criticises Solvaria."""
    d = one_dispute("""
        Ardenia   1  nsubj  PROPN  Ardenia   B-GPE
        is        1  ROOT   AUX    be
        one       1  attr   NUM    one
        of        2  prep   ADP    of
        the       5  det    DET    the
        critics   3  pobj   NOUN   critic    tag=NNS
        of        5  prep   ADP    of
        Solvaria  6  pobj   PROPN  Solvaria  B-GPE
        .         1  punct  PUNCT  .
    """)
    assert (d.actor, d.cue_class, d.target) == ("Ardenia", "criticise", "Solvaria")


def test_joined_cue_nouns_after_resorted_to_are_the_subject_s():
    """ "Ardenia resorted to threats and insults": the insults are Ardenia's too."""
    found = disputes_in("""
        Ardenia   1  nsubj  PROPN  Ardenia   B-GPE
        resorted  1  ROOT   VERB   resort    tag=VBD
        to        1  prep   ADP    to
        jokes     2  pobj   NOUN   joke      tag=NNS
        and       3  cc     CCONJ  and
        insults   3  conj   NOUN   insult    tag=NNS
        .         1  punct  PUNCT  .
    """)
    assert [(d.actor, d.cue) for d in found] == [("Ardenia", "insults")]


def test_we_disagree_with_no_one_named_is_no_dispute():
    """'"We disagree," Brook said': the speaker's side and its partner, no one opposed."""
    no_dispute("""
        "         2  punct  PUNCT  "
        We        2  nsubj  PRON   we
        disagree  6  ccomp  VERB   disagree  tag=VBP
        ,         6  punct  PUNCT  ,
        "         6  punct  PUNCT  "
        Brook     6  nsubj  PROPN  Brook     B-PERSON
        said      6  ROOT   VERB   say       tag=VBD
        .         6  punct  PUNCT  .
    """)


def test_a_verdict_after_for_the_sake_of_judges_nobody():
    """'"He acted for the sake of a photo op," Brook said': no party is called a photo op."""
    no_dispute("""
        "        2  punct  PUNCT  "
        He       2  nsubj  PRON   he
        acted    10 ccomp  VERB   act       tag=VBD
        for      2  prep   ADP    for
        a        6  det       DET   a
        photo    6  compound  NOUN  photo
        op       3  pobj      NOUN  op
        ,        10 punct  PUNCT  ,
        "        10 punct  PUNCT  "
        Brook    10 nsubj  PROPN  Brook     B-PERSON
        said     10 ROOT   VERB   say       tag=VBD
        .        10 punct  PUNCT  .
    """)


def test_a_threat_after_used_as_is_the_subject_s():
    """ "Ardenia used the troops as a threat to Solvaria" → Ardenia threatens Solvaria."""
    d = one_dispute("""
        Ardenia   1  nsubj  PROPN  Ardenia   B-GPE
        used      1  ROOT   VERB   use       tag=VBD
        the       3  det    DET    the
        troops    1  dobj   NOUN   troop     tag=NNS
        as        1  prep   ADP    as
        a         6  det    DET    a
        threat    4  pobj   NOUN   threat
        to        6  prep   ADP    to
        Solvaria  7  pobj   PROPN  Solvaria  B-GPE
        .         1  punct  PUNCT  .
    """)
    assert (d.actor, d.cue_class, d.target) == ("Ardenia", "threaten", "Solvaria")


def test_concern_about_someone_s_health_issues_is_care():
    """ "Ardenia voiced concern about Brook's health issues": care, no protest."""
    no_dispute("""
        Ardenia  1  nsubj     PROPN  Ardenia  B-GPE
        voiced   1  ROOT      VERB   voice    tag=VBD
        concern  1  dobj      NOUN   concern
        about    2  prep      ADP    about
        Brook    7  poss      PROPN  Brook    B-PERSON
        's       4  case      PART   's
        health   7  compound  NOUN   health
        issues   3  pobj      NOUN   issue    tag=NNS
        .        1  punct     PUNCT  .
    """)
