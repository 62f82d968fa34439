"""Dispute rules 2.3: structures real news uses that 2.2 missed, on hand-built Docs.

Names are invented (Ardenia, Solvaria, Teluria, Norland: states; Ada Brook, Ivo Dant, Lena
Varga: people). Each test gives the example sentence it builds.
"""

from __future__ import annotations

from extract.dispute_cues import find_cues

from .test_dispute_rules import disputes_in, doc_of, no_dispute, one_dispute


def test_a_verdict_with_a_contraction_matches_the_split_tokens():
    """ "I didn't do anything wrong," Brook said: "did" + "n't" match the entry "didn't …"."""
    table = """
        "         11  punct     PUNCT  "
        I         4   nsubj     PRON   I
        did       4   aux       AUX    do
        n't       4   neg       PART   not
        do        11  ccomp     VERB   do
        anything  4   dobj      PRON   anything
        wrong     5   amod      ADJ    wrong
        ,         11  punct     PUNCT  ,
        "         11  punct     PUNCT  "
        Ada       10  compound  PROPN  Ada    B-PERSON
        Brook     11  nsubj     PROPN  Brook  I-PERSON
        said      11  ROOT      VERB   say
        .         11  punct     PUNCT  .
    """
    hits = find_cues(doc_of(table)[:])
    assert [(h.text.replace(" ", ""), h.cue_class) for h in hits] == [
        ("didn'tdoanythingwrong", "deny")
    ]
    d = one_dispute(table)
    assert (d.actor, d.cue_class) == ("Ada Brook", "deny")


def test_a_concessive_though_clause_is_an_act():
    """ "Though Ardenia condemned Solvaria, the talks continued." → Ardenia condemned Solvaria;
    "Ardenia spoke as though Solvaria condemned Teluria." → nothing (as though: unreal)."""
    d = one_dispute("""
        Though     2  mark   SCONJ  though
        Ardenia    2  nsubj  PROPN  Ardenia   B-GPE
        condemned  7  advcl  VERB   condemn
        Solvaria   2  dobj   PROPN  Solvaria  B-GPE
        ,          7  punct  PUNCT  ,
        the        6  det    DET    the
        talks      7  nsubj  NOUN   talk      tag=NNS
        continued  7  ROOT   VERB   continue
        .          7  punct  PUNCT  .
    """)
    assert (d.actor, d.target, d.cue_class) == ("Ardenia", "Solvaria", "criticise")
    no_dispute("""
        Ardenia    1  nsubj  PROPN  Ardenia   B-GPE
        spoke      1  ROOT   VERB   speak
        as         5  mark   SCONJ  as
        though     5  mark   SCONJ  though
        Solvaria   5  nsubj  PROPN  Solvaria  B-GPE
        condemned  1  advcl  VERB   condemn
        Teluria    5  dobj   PROPN  Teluria   B-GPE
        .          1  punct  PUNCT  .
    """)


def test_an_object_pronoun_is_never_the_subject():
    """ "Ivo Dant met Ada Brook. Brook blasted him." → Brook blasted Dant ("him" is not Brook,
    however salient she is)."""
    d = one_dispute("""
        Ivo      1  compound  PROPN  Ivo      B-PERSON
        Dant     2  nsubj     PROPN  Dant     I-PERSON
        met      2  ROOT      VERB   meet
        Ada      4  compound  PROPN  Ada      B-PERSON
        Brook    2  dobj      PROPN  Brook    I-PERSON
        .        2  punct     PUNCT  .
        Brook    7  nsubj     PROPN  Brook    B-PERSON
        blasted  7  ROOT      VERB   blast    tag=VBD
        him      7  dobj      PRON   he       tag=PRP
        .        7  punct     PUNCT  .
    """)
    assert (d.actor, d.cue_class, d.target) == ("Ada Brook", "criticise", "Ivo Dant")


# '"We acted on Ardenia's false claims," Ada Brook said.'
ON_FALSE_CLAIMS = """
    "        12  punct     PUNCT  "
    We       2   nsubj     PRON   we
    acted    12  ccomp     VERB   act
    on       2   prep      ADP    on
    Ardenia  7   poss      PROPN  Ardenia  B-GPE
    's       4   case      PART   's
    false    7   amod      ADJ    false
    claims   3   pobj      NOUN   claim    tag=NNS
    ,        12  punct     PUNCT  ,
    "        12  punct     PUNCT  "
    Ada      11  compound  PROPN  Ada      B-PERSON
    Brook    12  nsubj     PROPN  Brook    I-PERSON
    said     12  ROOT      VERB   say
    .        12  punct     PUNCT  .
"""


def test_a_label_on_a_partys_own_act_aims_at_that_party():
    """'"We acted on Ardenia's false claims," Ada Brook said.' → Brook denies Ardenia's claims,
    wherever the owned noun stands; "acted on the false claims" (nobody's) stays nothing."""
    d = one_dispute(ON_FALSE_CLAIMS)
    assert (d.actor, d.cue_class, d.target) == ("Ada Brook", "deny", "Ardenia")


def test_a_label_on_an_unowned_noun_in_a_prepositional_phrase_is_nothing():
    """'"We acted on the false claims," Ada Brook said.': no party is called anything."""
    no_dispute("""
        "       11  punct     PUNCT  "
        We      2   nsubj     PRON   we
        acted   11  ccomp     VERB   act
        on      2   prep      ADP    on
        the     6   det       DET    the
        false   6   amod      ADJ    false
        claims  3   pobj      NOUN   claim    tag=NNS
        ,       11  punct     PUNCT  ,
        "       11  punct     PUNCT  "
        Ada     10  compound  PROPN  Ada      B-PERSON
        Brook   11  nsubj     PROPN  Brook    I-PERSON
        said    11  ROOT      VERB   say
        .       11  punct     PUNCT  .
    """)


def test_a_bodys_communique_is_owned_by_the_body_and_never_a_party():
    """ "Ardenia rejected the G7 communique." → target G7 (the body the text is named after);
    "Ardenia rejected the Communique." → no target (a text is no party)."""
    d = one_dispute("""
        Ardenia     1  nsubj     PROPN  Ardenia     B-GPE
        rejected    1  ROOT      VERB   reject      tag=VBD
        the         4  det       DET    the
        G7          4  compound  PROPN  G7          B-ORG
        communique  1  dobj      NOUN   communique
        .           1  punct     PUNCT  .
    """)
    assert (d.actor, d.cue_class, d.target) == ("Ardenia", "reject", "G7")
    d = one_dispute("""
        Ardenia     1  nsubj     PROPN  Ardenia     B-GPE
        rejected    1  ROOT      VERB   reject      tag=VBD
        the         3  det       DET    the
        Communique  1  dobj      PROPN  Communique  B-ORG
        .           1  punct     PUNCT  .
    """)
    assert (d.actor, d.cue_class, d.target) == ("Ardenia", "reject", None)


def test_a_text_named_after_a_capital_is_not_the_capitals():
    """ "Ardenia rejected the Paris accord." → no target (Paris is where it was signed)."""
    d = one_dispute("""
        Ardenia   1  nsubj     PROPN  Ardenia  B-GPE
        rejected  1  ROOT      VERB   reject   tag=VBD
        the       4  det       DET    the
        Paris     4  compound  PROPN  Paris    B-GPE
        accord    1  dobj      NOUN   accord
        .         1  punct     PUNCT  .
    """)
    assert (d.actor, d.target) == ("Ardenia", None)


def test_coordinated_parties_of_a_reciprocal_verb_oppose_each_other():
    """ "Ardenia and Solvaria clashed over fishing rights." → one record: Ardenia → Solvaria
    (the first-named party acts, as the annotation guide counts reciprocal conflict)."""
    d = one_dispute("""
        Ardenia   3  nsubj  PROPN  Ardenia   B-GPE
        and       0  cc     CCONJ  and
        Solvaria  0  conj   PROPN  Solvaria  B-GPE
        clashed   3  ROOT   VERB   clash     tag=VBD
        over      3  prep   ADP    over
        fishing   6  compound  NOUN  fishing
        rights    4  pobj   NOUN   right     tag=NNS
        .         3  punct  PUNCT  .
    """)
    assert (d.actor, d.cue_class, d.target, d.issue) == (
        "Ardenia",
        "criticise",
        "Solvaria",
        "fishing rights",
    )


def test_unnamed_actors_including_a_named_one_are_that_one():
    """ "Critics of the plan, including Senator Ivo Dant, have urged Solvaria to withdraw." →
    Ivo Dant urged Solvaria (the named member stands for the group); "Critics have urged
    Solvaria to withdraw." stays unresolved."""
    table = """
        Critics    11  nsubj     NOUN   critic    tag=NNS
        of         0   prep      ADP    of
        the        3   det       DET    the
        plan       1   pobj      NOUN   plan
        ,          0   punct     PUNCT  ,
        including  0   prep      VERB   include   tag=VBG
        Senator    8   compound  PROPN  Senator
        Ivo        8   compound  PROPN  Ivo       B-PERSON
        Dant       5   pobj      PROPN  Dant      I-PERSON
        ,          11  punct     PUNCT  ,
        have       11  aux       AUX    have
        urged      11  ROOT      VERB   urge      tag=VBN
        Solvaria   11  dobj      PROPN  Solvaria  B-GPE
        to         14  aux       PART   to
        withdraw   11  xcomp     VERB   withdraw  tag=VB
        .          11  punct     PUNCT  .
    """
    d = one_dispute(table)
    assert (d.actor, d.cue_class, d.target, d.named) == ("Ivo Dant", "demand", "Solvaria", True)
    (d,) = disputes_in("""
        Critics   2  nsubj  NOUN   critic    tag=NNS
        have      2  aux    AUX    have
        urged     2  ROOT   VERB   urge      tag=VBN
        Solvaria  2  dobj   PROPN  Solvaria  B-GPE
        to        5  aux    PART   to
        withdraw  2  xcomp  VERB   withdraw  tag=VB
        .         2  punct  PUNCT  .
    """)
    assert (d.actor, d.named) == ("Critics", False)


def test_a_reciprocal_verb_of_police_or_troops_is_a_fight():
    """ "Police and protesters clashed outside the venue." → nothing (violence, not words)."""
    no_dispute("""
        Police      3  nsubj  NOUN   police     tag=NNS
        and         0  cc     CCONJ  and
        protesters  0  conj   NOUN   protester  tag=NNS
        clashed     3  ROOT   VERB   clash      tag=VBD
        outside     3  prep   ADP    outside
        the         6  det    DET    the
        venue       4  pobj   NOUN   venue
        .           3  punct  PUNCT  .
    """)


def _named(extraction) -> list[tuple]:
    return [(d.actor, d.cue_class, d.target) for d in extraction.disputes if d.named]


def test_a_headline_description_is_the_person_the_lede_names(extractor):
    """ "Lawmaker urges retaliation on Solvaria" / "Rep. Ada Brook … called on …" → the
    headline's lawmaker is Ada Brook, named in the next paragraph."""
    text = (
        "Lawmaker urges retaliation on Solvaria\n\n"
        "Rep. Ada Brook, the top Democrat on the intelligence committee, called on the "
        "president to retaliate against Solvaria."
    )
    assert ("Ada Brook", "demand", "Solvaria") in _named(extractor.extract(text))


def test_someone_left_unnamed_is_never_the_person_named_next(extractor):
    """ "A senior official criticised Solvaria." / "Senator Ada Brook said …": the official
    stays unnamed (an indefinite description introduces nobody we know)."""
    text = (
        "A senior official criticised Solvaria on Monday.\n\n"
        "Senator Ada Brook said the talks would go on."
    )
    assert _named(extractor.extract(text)) == []


def test_a_party_angered_by_anothers_act_criticises_it():
    """ "Ardenia imposed tariffs that infuriated Solvaria." → Solvaria criticises Ardenia
    (the one angered objects to whoever did the angering act)."""
    d = one_dispute("""
        Ardenia     1  nsubj  PROPN  Ardenia     B-GPE
        imposed     1  ROOT   VERB   impose      tag=VBD
        tariffs     1  dobj   NOUN   tariff      tag=NNS
        that        4  nsubj  PRON   that        tag=WDT
        infuriated  2  relcl  VERB   infuriate   tag=VBD
        Solvaria    4  dobj   PROPN  Solvaria    B-GPE
        .           1  punct  PUNCT  .
    """)
    assert (d.actor, d.cue_class, d.target) == ("Solvaria", "criticise", "Ardenia")


def test_a_party_angered_in_the_passive_criticises_the_agent():
    """ "Solvaria was angered by Ardenia's decision." → Solvaria criticises Ardenia."""
    d = one_dispute("""
        Solvaria  2  nsubjpass  PROPN  Solvaria  B-GPE
        was       2  auxpass    AUX    be
        angered   2  ROOT       VERB   anger     tag=VBN
        by        2  agent      ADP    by
        Ardenia   6  poss       PROPN  Ardenia   B-GPE
        's        4  case       PART   's
        decision  3  pobj       NOUN   decision
        .         2  punct      PUNCT  .
    """)
    assert (d.actor, d.cue_class, d.target) == ("Solvaria", "criticise", "Ardenia")


def test_anger_without_a_party_to_feel_it_is_nothing():
    """ "The storm frustrated the talks." → nothing: talks feel nothing."""
    no_dispute("""
        The         1  det    DET    the
        storm       2  nsubj  NOUN   storm
        frustrated  2  ROOT   VERB   frustrate  tag=VBD
        the         4  det    DET    the
        talks       2  dobj   NOUN   talk       tag=NNS
        .           2  punct  PUNCT  .
    """)


# --------------------------------------------------------------------------- precision (2.5)


def test_no_way_to_exclude_is_no_rejection():
    """ "There is no way to exclude Solvaria." → nothing (a cue under "no way" is denied,
    however the parser hangs it on "way")."""
    no_dispute("""
        There     1  expl   PRON   there
        is        1  ROOT   VERB   be
        no        3  det    DET    no
        way       1  attr   NOUN   way
        to        5  aux    PART   to
        exclude   3  relcl  VERB   exclude  tag=VB
        Solvaria  5  dobj   PROPN  Solvaria  B-GPE
        .         1  punct  PUNCT  .
    """)


def test_until_recently_is_no_condition():
    """'"He has not acted, until recently," Ada Brook said.' → nothing: "until recently" is a
    time, not a condition put to anyone."""
    no_dispute("""
        "         12  punct     PUNCT  "
        He        4   nsubj     PRON   he
        has       4   aux       AUX    have
        not       4   neg       PART   not
        acted     12  ccomp     VERB   act       tag=VBN
        ,         4   punct     PUNCT  ,
        until     4   prep      ADP    until
        recently  6   advmod    ADV    recently
        ,         12  punct     PUNCT  ,
        "         12  punct     PUNCT  "
        Ada       11  compound  PROPN  Ada       B-PERSON
        Brook     12  nsubj     PROPN  Brook     I-PERSON
        said      12  ROOT      VERB   say
        .         12  punct     PUNCT  .
    """)


def test_a_label_on_ones_own_act_is_no_dispute():
    """ "Ada Brook called her vote a mistake." → nothing: an admission, nobody opposed."""
    no_dispute("""
        Ada      1  compound  PROPN  Ada      B-PERSON
        Brook    2  nsubj     PROPN  Brook    I-PERSON
        called   2  ROOT      VERB   call     tag=VBD
        her      4  poss      PRON   her      tag=PRP$
        vote     2  dobj      NOUN   vote
        a        6  det       DET    a
        mistake  2  oprd      NOUN   mistake
        .        2  punct     PUNCT  .
    """)


def test_a_partys_critics_oppose_that_party():
    """ "Ardenia attacked one of its critics, Ivo Dant." has two disputes: Ardenia attacked
    Dant, and Dant (the critic) criticises Ardenia — never Ardenia criticising Dant."""
    found = disputes_in("""
        Ardenia   1  nsubj  PROPN  Ardenia  B-GPE
        attacked  1  ROOT   VERB   attack   tag=VBD
        one       1  dobj   NUM    one
        of        2  prep   ADP    of
        its       5  poss   PRON   its      tag=PRP$
        critics   3  pobj   NOUN   critic   tag=NNS
        ,         2  punct  PUNCT  ,
        Ivo       8  compound  PROPN  Ivo   B-PERSON
        Dant      2  appos  PROPN  Dant     I-PERSON
        .         1  punct  PUNCT  .
    """)
    pairs = {(d.actor, d.cue, d.target) for d in found if d.named}
    assert ("Ardenia", "critics", "Ivo Dant") not in pairs
    assert ("Ivo Dant", "critics", "Ardenia") in pairs


def test_you_as_the_subject_of_a_cue_is_the_addressee():
    """'"You went on television to blame the workers," Ada Brook told Ivo Dant.' → Dant blamed
    the workers (Brook says so), not Brook."""
    found = disputes_in("""
        "           13  punct     PUNCT  "
        You         2   nsubj     PRON   you
        went        13  ccomp     VERB   go        tag=VBD
        on          2   prep      ADP    on
        television  3   pobj      NOUN   television
        to          6   aux       PART   to
        blame       2   advcl     VERB   blame     tag=VB
        the         8   det       DET    the
        workers     6   dobj      NOUN   worker    tag=NNS
        ,           13  punct     PUNCT  ,
        "           13  punct     PUNCT  "
        Ada         12  compound  PROPN  Ada       B-PERSON
        Brook       13  nsubj     PROPN  Brook     I-PERSON
        told        13  ROOT      VERB   tell      tag=VBD
        Ivo         15  compound  PROPN  Ivo       B-PERSON
        Dant        13  dobj      PROPN  Dant      I-PERSON
        .           13  punct     PUNCT  .
    """)
    blame = [(d.actor, d.cue_class) for d in found if d.cue_class == "blame"]
    assert blame == [("Ivo Dant", "blame")]


def test_suspending_its_delivery_to_a_state_targets_that_state():
    """ "Ardenia suspended its delivery of warships to Solvaria." → target Solvaria, wherever
    the parser hangs "to Solvaria"."""
    d = one_dispute("""
        Ardenia    1  nsubj  PROPN  Ardenia    B-GPE
        suspended  1  ROOT   VERB   suspend    tag=VBD
        its        3  poss   PRON   its        tag=PRP$
        delivery   1  dobj   NOUN   delivery
        of         3  prep   ADP    of
        warships   4  pobj   NOUN   warship    tag=NNS
        to         5  prep   ADP    to
        Solvaria   6  pobj   PROPN  Solvaria   B-GPE
        .          1  punct  PUNCT  .
    """)
    assert (d.actor, d.cue_class, d.target) == ("Ardenia", "reject", "Solvaria")


def test_attacking_one_of_its_critics_is_attacking_a_person():
    """ "Ardenia attacked one of its critics, Senator Tom Hale." → Ardenia attacked Hale (words
    against a person, not troops against a town), with the name the parser hung elsewhere."""
    found = disputes_in("""
        Ardenia   1   nsubj     PROPN  Ardenia  B-GPE
        attacked  1   ROOT      VERB   attack   tag=VBD
        one       1   dobj      NUM    one
        of        2   prep      ADP    of
        its       5   poss      PRON   its      tag=PRP$
        critics   3   pobj      NOUN   critic   tag=NNS
        ,         1   punct     PUNCT  ,
        Senator   9   compound  PROPN  Senator
        Tom       9   compound  PROPN  Tom      B-PERSON
        Hale      1   npadvmod  PROPN  Hale     I-PERSON
        .         1   punct     PUNCT  .
    """)
    pairs = {(d.actor, d.cue_class, d.target) for d in found if d.named}
    assert pairs == {("Ardenia", "criticise", "Tom Hale"), ("Tom Hale", "criticise", "Ardenia")}


def test_a_threat_is_said_in_the_future():
    """'"Lower your duties or we will stop trading with you," Ada Brook told Solvaria.' → a
    threat (the future is what a threat is); "we would stop trading" stays nothing."""
    table = """
        "         15  punct     PUNCT  "
        Lower     15  ccomp     VERB   lower     tag=VB
        your      3   poss      PRON   your      tag=PRP$
        duties    1   dobj      NOUN   duty      tag=NNS
        or        1   cc        CCONJ  or
        we        7   nsubj     PRON   we
        will      7   aux       AUX    will      tag=MD
        stop      1   conj      VERB   stop      tag=VB
        trading   7   xcomp     VERB   trade     tag=VBG
        with      8   prep      ADP    with
        you       9   pobj      PRON   you
        ,         15  punct     PUNCT  ,
        "         15  punct     PUNCT  "
        Ada       14  compound  PROPN  Ada       B-PERSON
        Brook     15  nsubj     PROPN  Brook     I-PERSON
        told      15  ROOT      VERB   tell      tag=VBD
        Solvaria  15  dobj      PROPN  Solvaria  B-GPE
        .         15  punct     PUNCT  .
    """
    found = [(d.actor, d.cue_class, d.target) for d in disputes_in(table)]
    assert ("Ada Brook", "threaten", "Solvaria") in found
    would = table.replace(
        "will      7   aux       AUX    will", "would     7   aux       AUX    would"
    )
    assert "threaten" not in [d.cue_class for d in disputes_in(would)]
