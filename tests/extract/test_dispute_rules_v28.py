"""Dispute rules 2.8: actors from context (pronouns, control, chains, appositions, the body
a party was expelled from), on hand-built Docs.

Names are invented (Ardenia, Solvaria, Norland: states; Ada Brook, Ivo Dant: people; "The
Times": a newspaper). Each test gives the example sentence it builds.
"""

from __future__ import annotations

from extract.assemble import assemble_article
from extract.chunks import Chunk
from extract.quotes import normalise

from .test_dispute_rules import disputes_in, doc_of, no_dispute, one_dispute

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


# --------------------------------------------------------------------------- targets


def test_the_speakers_own_place_or_body_is_never_the_target():
    """'"The plan is a disgrace," said Ada Brook, Democrat of Norland.' → no target: Norland
    describes Brook (an apposition of the speaker), it is not her opponent."""
    d = one_dispute("""
        "         8  punct     PUNCT  "
        The       2  det       DET    the
        plan      3  nsubj     NOUN   plan
        is        8  ccomp     AUX    be
        a         5  det       DET    a
        disgrace  3  attr      NOUN   disgrace
        ,         8  punct     PUNCT  ,
        "         8  punct     PUNCT  "
        said      8  ROOT      VERB   say
        Ada       10 compound  PROPN  Ada       B-PERSON
        Brook     8  nsubj     PROPN  Brook     I-PERSON
        ,         10 punct     PUNCT  ,
        Democrat  10 appos     PROPN  democrat  B-NORP
        of        12 prep      ADP    of
        Norland   13 pobj      PROPN  Norland   B-GPE
        .         8  punct     PUNCT  .
    """)
    assert (d.actor, d.cue_class, d.target) == ("Ada Brook", "criticise", None)


def test_the_label_itself_is_never_the_target():
    """ "Ada Brook calls Ivo Dant a Disgrace" parsed with the label as the object → Dant,
    not "Disgrace" (regression: title-case headlines named the label as the party)."""
    d = one_dispute("""
        Ada       1  compound  PROPN  Ada       B-PERSON
        Brook     2  nsubj     PROPN  Brook     I-PERSON
        calls     2  ROOT      VERB   call      tag=VBZ
        Ivo       4  compound  PROPN  Ivo       B-PERSON
        Dant      2  dative    PROPN  Dant      I-PERSON
        a         6  det       DET    a
        Disgrace  2  dobj      PROPN  disgrace  tag=NNP
        .         2  punct     PUNCT  .
    """)
    assert (d.actor, d.cue_class, d.target) == ("Ada Brook", "criticise", "Ivo Dant")


def test_a_relationship_phrase_targets_the_party_it_is_with():
    """ "Ada Brook has had a frosty relationship with Ivo Dant." → Dant ("with" hangs on the
    phrase's noun, not after the phrase)."""
    d = one_dispute("""
        Ada           1  compound  PROPN  Ada           B-PERSON
        Brook         3  nsubj     PROPN  Brook         I-PERSON
        has           3  aux       AUX    have
        had           3  ROOT      VERB   have          tag=VBN
        a             6  det       DET    a
        frosty        6  amod      ADJ    frosty
        relationship  3  dobj      NOUN   relationship
        with          6  prep      ADP    with
        Ivo           9  compound  PROPN  Ivo           B-PERSON
        Dant          7  pobj      PROPN  Dant          I-PERSON
        .             3  punct     PUNCT  .
    """)
    assert (d.actor, d.target) == ("Ada Brook", "Ivo Dant")


def test_a_label_said_of_it_looks_for_the_party_in_the_sentence():
    """'"It was demoralizing to work for Ivo Dant," Ada Brook said.' → Brook criticises
    Dant: "it" names no party, so the sentence's named party is the target."""
    d = one_dispute("""
        "             13 punct     PUNCT  "
        It            2  nsubj     PRON   it            tag=PRP
        was           13 ccomp     AUX    be
        demoralizing  2  acomp     ADJ    demoralizing
        to            5  aux       PART   to
        work          2  xcomp     VERB   work
        for           5  prep      ADP    for
        Ivo           8  compound  PROPN  Ivo           B-PERSON
        Dant          6  pobj      PROPN  Dant          I-PERSON
        ,             13 punct     PUNCT  ,
        "             13 punct     PUNCT  "
        Ada           12 compound  PROPN  Ada           B-PERSON
        Brook         13 nsubj     PROPN  Brook         I-PERSON
        said          13 ROOT      VERB   say
        .             13 punct     PUNCT  .
    """)
    assert (d.actor, d.cue_class, d.target) == ("Ada Brook", "criticise", "Ivo Dant")


def test_the_one_wronged_is_not_the_target():
    """'"It is unfair to Ivo Dant," Ada Brook said.' → no target: "unfair to X" defends X."""
    d = one_dispute("""
        "       11 punct     PUNCT  "
        It      2  nsubj     PRON   it      tag=PRP
        is      11 ccomp     AUX    be
        unfair  2  acomp     ADJ    unfair
        to      3  prep      ADP    to
        Ivo     6  compound  PROPN  Ivo     B-PERSON
        Dant    4  pobj      PROPN  Dant    I-PERSON
        ,       11 punct     PUNCT  ,
        "       11 punct     PUNCT  "
        Ada     10 compound  PROPN  Ada     B-PERSON
        Brook   11 nsubj     PROPN  Brook   I-PERSON
        said    11 ROOT      VERB   say
        .       11 punct     PUNCT  .
    """)
    assert (d.actor, d.target) == ("Ada Brook", None)


# --------------------------------------------------------------------------- pairs

MET = """
    Ada      1  compound  PROPN  Ada      B-PERSON
    Brook    2  nsubj     PROPN  Brook    I-PERSON
    met      2  ROOT      VERB   meet     tag=VBD
    Ivo      4  compound  PROPN  Ivo      B-PERSON
    Dant     2  dobj      PROPN  Dant     I-PERSON
    .        2  punct     PUNCT  .
"""


def test_the_two_who_clash_are_the_last_two_people_named():
    """ "Ada Brook met Ivo Dant. The two clashed." → one reciprocal record, the first named
    acting against the second."""
    d = one_dispute(
        MET.rstrip()
        + """
        The      7  det       DET    the
        two      8  nsubj     NUM    two      tag=CD
        clashed  8  ROOT      VERB   clash    tag=VBD
        .        8  punct     PUNCT  .
    """
    )
    assert (d.actor, d.cue_class, d.target) == ("Ada Brook", "criticise", "Ivo Dant")


def test_both_leaders_act_together():
    """ "Ada Brook met Ivo Dant. Both leaders condemned Solvaria." → the pair condemns."""
    d = one_dispute(
        MET.rstrip()
        + """
        Both       7  det       DET    both
        leaders    8  nsubj     NOUN   leader     tag=NNS
        condemned  8  ROOT      VERB   condemn    tag=VBD
        Solvaria   8  dobj      PROPN  Solvaria   B-GPE
        .          8  punct     PUNCT  .
    """
    )
    assert (d.actor, d.target, d.named) == ("Ada Brook and Ivo Dant", "Solvaria", True)


def test_two_unnamed_people_are_no_pair():
    """ "Ada Brook met Ivo Dant. Two delegates condemned Solvaria." → the delegates are
    someone unnamed (no "the", no "both"), never Brook and Dant."""
    found = disputes_in(
        MET.rstrip()
        + """
        Two        7  nummod    NUM    two        tag=CD
        delegates  8  nsubj     NOUN   delegate   tag=NNS
        condemned  8  ROOT      VERB   condemn    tag=VBD
        Solvaria   8  dobj      PROPN  Solvaria   B-GPE
        .          8  punct     PUNCT  .
    """
    )
    assert all(not d.named for d in found)


# --------------------------------------------------------------------------- liken

# "Ada Brook likened Ivo Dant to a reckless gambler.", the name hung as a clause (as the model
# parses it)
LIKENED = """
    Ada       1  compound  PROPN  Ada       B-PERSON
    Brook     2  nsubj     PROPN  Brook     I-PERSON
    likened   2  ROOT      VERB   liken     tag=VBD
    Ivo       4  compound  PROPN  Ivo       B-PERSON
    Dant      2  ccomp     PROPN  Dant      I-PERSON
    to        2  prep      ADP    to
    a         8  det       DET    a
    reckless  8  amod      ADJ    reckless
    gambler   5  pobj      NOUN   gambler
    .         2  punct     PUNCT  .
"""


def test_likening_a_party_to_a_pejorative_label_criticises_it():
    """ "Ada Brook likened Ivo Dant to a reckless gambler." → Brook criticises Dant: "liken X
    to" frames a label as "call X Y" does, and the name misparsed as a clause is still X."""
    d = one_dispute(LIKENED)
    assert (d.actor, d.cue, d.cue_class, d.target) == (
        "Ada Brook",
        "reckless",
        "criticise",
        "Ivo Dant",
    )


def test_likening_without_a_label_is_nothing():
    """ "Ada Brook likened the talks to a long march." → nothing (no pejorative word)."""
    no_dispute("""
        Ada      1  compound  PROPN  Ada      B-PERSON
        Brook    2  nsubj     PROPN  Brook    I-PERSON
        likened  2  ROOT      VERB   liken    tag=VBD
        the      4  det       DET    the
        talks    2  dobj      NOUN   talk     tag=NNS
        to       2  prep      ADP    to
        a        8  det       DET    a
        long     8  amod      ADJ    long
        march    5  pobj      NOUN   march
        .        2  punct     PUNCT  .
    """)


# --------------------------------------------------------------------------- adversary

TOLD_TO_RESIGN = """
    "       8  punct     PUNCT  "
    You     3  nsubj     PRON   you
    should  3  aux       AUX    should
    resign  8  ccomp     VERB   resign
    ,       8  punct     PUNCT  ,
    "       8  punct     PUNCT  "
    Ada     7  compound  PROPN  Ada     B-PERSON
    Brook   8  nsubj     PROPN  Brook   I-PERSON
    told    8  ROOT      VERB   tell
    Ivo     10 compound  PROPN  Ivo     B-PERSON
    Dant    8  dobj      PROPN  Dant    I-PERSON
    .       8  punct     PUNCT  .
"""
FILLER = """
    The      1  det    DET    the
    hearing  2  nsubj  NOUN   hearing
    went     2  ROOT   VERB   go
    on       2  prt    ADP    on
    .        2  punct  PUNCT  .
"""
IT_IS_GUTLESS = """
    "        7  punct   PUNCT  "
    It       2  nsubj   PRON   it       tag=PRP
    is       7  ccomp   AUX    be
    gutless  2  acomp   ADJ    gutless
    ,        7  punct   PUNCT  ,
    "        7  punct   PUNCT  "
    Brook    7  nsubj   PROPN  Brook    B-PERSON
    said     7  ROOT    VERB   say
    .        7  punct   PUNCT  .
"""


def _article(*tables: str):
    """Paragraphs from parse tables, assembled as one article."""
    docs = [doc_of(table) for table in tables]
    text = "\n\n".join(doc.text for doc in docs)
    chunks, start = [], 0
    for para, doc in enumerate(docs):
        chunks.append(Chunk(start, start + len(doc.text), para, start))
        start += len(doc.text) + 2
    return assemble_article(text, normalise(text), chunks, docs)


def test_a_speaker_who_goes_on_still_means_the_person_they_addressed():
    """'"You should resign," Ada Brook told Ivo Dant.' then two other paragraphs, then '"It
    is gutless," Brook said.' → Brook criticises Dant: the person a speaker last disputed
    with stays their adversary for three paragraphs (a body or a thing only for one)."""
    found = _article(TOLD_TO_RESIGN, FILLER, FILLER, IT_IS_GUTLESS).disputes
    gutless = [d for d in found if d.cue == "gutless"]
    assert [(d.actor, d.target) for d in gutless] == [("Ada Brook", "Ivo Dant")]


# --------------------------------------------------------------------------- pronouns

# "Ada Brook met her voters. Ivo Dant described Ms. Ada Brook as a disgrace after she blamed
# the riots on bias." (the first sentence makes Brook a "she")
DESCRIBED_AFTER_SHE = """
    Ada        1  compound  PROPN  Ada        B-PERSON
    Brook      2  nsubj     PROPN  Brook      I-PERSON
    met        2  ROOT      VERB   meet       tag=VBD
    her        4  poss      PRON   her        tag=PRP$
    voters     2  dobj      NOUN   voter      tag=NNS
    .          2  punct     PUNCT  .
    Ivo        7  compound  PROPN  Ivo        B-PERSON
    Dant       8  nsubj     PROPN  Dant       I-PERSON
    described  8  ROOT      VERB   describe   tag=VBD
    Ms.        11 compound  PROPN  Ms.
    Ada        11 compound  PROPN  Ada        B-PERSON
    Brook      8  dobj      PROPN  Brook      I-PERSON
    as         8  prep      ADP    as
    a          14 det       DET    a
    disgrace   12 pobj      NOUN   disgrace
    after      17 mark      SCONJ  after
    she        17 nsubj     PRON   she        tag=PRP
    blamed     8  advcl     VERB   blame      tag=VBD
    the        19 det       DET    the
    riots      17 dobj      NOUN   riot       tag=NNS
    on         17 prep      ADP    on
    bias       20 pobj      NOUN   bias
    .          8  punct     PUNCT  .
"""


def test_she_is_the_woman_named_in_her_own_sentence():
    """ "… Ivo Dant described Ms. Ada Brook as a disgrace after she blamed the riots on bias."
    → Brook blames (a "she" by her own pronoun), not Dant, whose gender the article never
    gives (a name in Dant's report is no antecedent for the speaker book); and
    Dant, who reports and judges it, is not whom she blames."""
    blamed = [d for d in disputes_in(DESCRIBED_AFTER_SHE) if d.cue == "blamed"]
    assert [(d.actor, d.target) for d in blamed] == [("Ada Brook", None)]
