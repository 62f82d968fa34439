"""Dispute rules 2.0 on hand-built Docs with a known parse, one pattern family at a time.

Each table is one short article (word head dep pos lemma [entity] [tag=T], heads absolute);
`run` assembles it, so statements (quote + "X said") and the speaker book are as in a real
article. Names are invented: Ardenia, Solvaria, Teluria (states), Ada Brook, Ivo Dant,
Navarro, Shelby (people).
"""

from __future__ import annotations

import pytest

from extract.dispute_cues import find_cues, match_verb
from extract.disputes import MAX_ISSUE_WORDS, full_party_name
from extract.headlines import inflections, is_title_case, lower_case_words, sentence_case
from extract.model import Dispute

from .docs import parsed_doc, quote_spaces
from .helpers import run


def doc_of(table: str):
    """A Doc from a parse table, straight quotation marks spaced as in print."""
    words = [line.split()[0] for line in table.strip().splitlines()]
    doc = parsed_doc(table, quote_spaces(words))
    roots = [t.i for t in doc if t.head.i == t.i]
    assert roots == [t.i for t in doc if t.dep_ == "ROOT"], f"ROOTs must head themselves: {roots}"
    return doc


def disputes_in(table: str) -> tuple[Dispute, ...]:
    return run(doc_of(table)).disputes


def brief(disputes) -> list[tuple]:
    return [(d.actor, d.cue, d.cue_class, d.target, d.issue) for d in disputes]


def one_dispute(table: str) -> Dispute:
    found = disputes_in(table)
    assert len(found) == 1, brief(found)
    return found[0]


def no_dispute(table: str) -> None:
    found = disputes_in(table)
    assert found == (), brief(found)


# "Ardenia's criticism of Solvaria hardened.", shared by the tests that read it two ways
CRITICISM_OF_SOLVARIA = """
    Ardenia    2  poss   PROPN  Ardenia    B-GPE
    's         0  case   PART   's
    criticism  5  nsubj  NOUN   criticism
    of         2  prep   ADP    of
    Solvaria   3  pobj   PROPN  Solvaria   B-GPE
    hardened   5  ROOT   VERB   harden
    .          5  punct  PUNCT  .
"""

# "Ada Brook called Ivo Dant dishonest.", shared by the tests that read it two ways
CALLED_DANT_DISHONEST = """
    Ada        1  compound  PROPN  Ada        B-PERSON
    Brook      2  nsubj     PROPN  Brook      I-PERSON
    called     2  ROOT      VERB   call
    Ivo        4  compound  PROPN  Ivo        B-PERSON
    Dant       2  dobj      PROPN  Dant       I-PERSON
    dishonest  2  oprd      ADJ    dishonest
    .          2  punct     PUNCT  .
"""

# "Ardenia is at odds with Solvaria.", shared by the tests that read it two ways
AT_ODDS = """
    Ardenia   1  nsubj  PROPN  Ardenia   B-GPE
    is        1  ROOT   AUX    be
    at        1  prep   ADP    at
    odds      2  pobj   NOUN   odds
    with      3  prep   ADP    with
    Solvaria  4  pobj   PROPN  Solvaria  B-GPE
    .         1  punct  PUNCT  .
"""

# "Ardenia asked Solvaria to hand over the files.", shared by the tests that read it two ways
ASKED_TO_HAND_OVER = """
    Ardenia   1  nsubj  PROPN  Ardenia   B-GPE
    asked     1  ROOT   VERB   ask
    Solvaria  1  dobj   PROPN  Solvaria  B-GPE
    to        4  aux    PART   to
    hand      1  xcomp  VERB   hand      tag=VB
    over      4  prt    ADP    over
    the       7  det    DET    the
    files     4  dobj   NOUN   file      tag=NNS
    .         1  punct  PUNCT  .
"""


# --------------------------------------------------------------------------- 1. verb senses


def test_particle_cue_takes_its_particle_and_preposition():
    """ "lashed out at X" is a criticism of X; "backed out of" matches with "of" under "out"."""
    d = one_dispute("""
        Ardenia   1  nsubj  PROPN  Ardenia   B-GPE
        lashed    1  ROOT   VERB   lash
        out       1  prt    ADP    out
        at        1  prep   ADP    at
        Solvaria  3  pobj   PROPN  Solvaria  B-GPE
        .         1  punct  PUNCT  .
    """)
    assert (d.actor, d.cue, d.cue_class, d.target) == (
        "Ardenia",
        "lashed out at",
        "criticise",
        "Solvaria",
    )
    backed = doc_of("""
        Norland     1  nsubj  PROPN  Norland  B-GPE
        backed      1  ROOT   VERB   back
        out         1  prt    ADP    out
        of          2  prep   ADP    of
        the         5  det    DET    the
        communique  3  pobj   NOUN   communique
        .           1  punct  PUNCT  .
    """)
    cue = match_verb(backed[1])
    assert cue is not None and (cue.cue_class, cue.particle, cue.prep) == ("reject", "out", "of")
    (d,) = run(backed).disputes
    assert (d.actor, d.cue_class, d.target) == ("Norland", "reject", None)


def test_backed_out_of_targets_the_owner():
    """ "backed out of Ardenia's communique" (of under out) → target the owner, Ardenia."""
    d = one_dispute("""
        Norland     1  nsubj  PROPN  Norland     B-GPE
        backed      1  ROOT   VERB   back
        out         1  prt    ADP    out
        of          2  prep   ADP    of
        Ardenia     6  poss   PROPN  Ardenia     B-GPE
        's          4  case   PART   's
        communique  3  pobj   NOUN   communique
        .           1  punct  PUNCT  .
    """)
    assert (d.actor, d.cue_class, d.target) == ("Norland", "reject", "Ardenia")


def test_particle_the_cue_lacks_is_another_sense():
    """ "hammered out a deal" carries the verb "hammer" but a particle it lacks: no dispute."""
    doc = doc_of("""
        Negotiators  1  nsubj  NOUN   negotiator  tag=NNS
        hammered     1  ROOT   VERB   hammer
        out          1  prt    ADP    out
        a            4  det    DET    a
        deal         1  dobj   NOUN   deal
        .            1  punct  PUNCT  .
    """)
    assert match_verb(doc[1]) is not None
    assert run(doc).disputes == ()


def test_verb_that_needs_an_object():
    """ "charged into the room" (no object) is no dispute; "charged X with espionage" is."""
    no_dispute("""
        Protesters  1  nsubj  NOUN   protester  tag=NNS
        charged     1  ROOT   VERB   charge
        into        1  prep   ADP    into
        the         4  det    DET    the
        room        2  pobj   NOUN   room
        .           1  punct  PUNCT  .
    """)
    d = one_dispute("""
        Ardenia    1  nsubj  PROPN  Ardenia    B-GPE
        charged    1  ROOT   VERB   charge
        Solvaria   1  dobj   PROPN  Solvaria   B-GPE
        with       1  prep   ADP    with
        espionage  3  pobj   NOUN   espionage
        .          1  punct  PUNCT  .
    """)
    assert (d.actor, d.cue_class, d.target) == ("Ardenia", "accuse", "Solvaria")


def test_person_only_verb_needs_a_person():
    """ "Troops attacked the town" is violence, no dispute; "Senator Brook attacked Dant" is."""
    no_dispute("""
        Troops    1  nsubj  NOUN   troop   tag=NNS
        attacked  1  ROOT   VERB   attack
        the       3  det    DET    the
        town      1  dobj   NOUN   town
        .         1  punct  PUNCT  .
    """)
    d = one_dispute("""
        Senator   2  compound  PROPN  Senator
        Ada       2  compound  PROPN  Ada      B-PERSON
        Brook     3  nsubj     PROPN  Brook    I-PERSON
        attacked  3  ROOT      VERB   attack
        Ivo       5  compound  PROPN  Ivo      B-PERSON
        Dant      3  dobj      PROPN  Dant     I-PERSON
        .         3  punct     PUNCT  .
    """)
    assert (d.actor, d.cue_class, d.target) == ("Ada Brook", "criticise", "Ivo Dant")


def test_person_only_verb_accepts_titled_people():
    """ "The senator attacked the governor" is a dispute (unresolved actor), not violence."""
    d = one_dispute("""
        The       1  det    DET    the
        senator   2  nsubj  NOUN   senator
        attacked  2  ROOT   VERB   attack
        the       4  det    DET    the
        governor  2  dobj   NOUN   governor
        .         2  punct  PUNCT  .
    """)
    assert (d.cue_class, d.actor_type) == ("criticise", "unresolved")


# --------------------------------------------------------------------------- 2. passives


def test_passive_takes_the_agent_as_actor():
    """ "The plan was rejected by the council" → actor council; without an agent no dispute."""
    d = one_dispute("""
        The       1  det        DET    the
        plan      3  nsubjpass  NOUN   plan
        was       3  auxpass    AUX    be
        rejected  3  ROOT       VERB   reject
        by        3  agent      ADP    by
        the       6  det        DET    the
        council   4  pobj       NOUN   council
        .         3  punct      PUNCT  .
    """)
    assert (d.actor, d.cue_class, d.issue) == ("council", "reject", "The plan")
    no_dispute("""
        The        1  det        DET    the
        summit     3  nsubjpass  NOUN   summit
        was        3  auxpass    AUX    be
        cancelled  3  ROOT       VERB   cancel
        .          3  punct      PUNCT  .
    """)


# --------------------------------------------------------------------------- 3. noun cues


@pytest.mark.parametrize(
    ("table", "actor", "target", "cue_class"),
    [
        pytest.param(
            CRITICISM_OF_SOLVARIA,
            "Ardenia",
            "Solvaria",
            "criticise",
            id="possessive",
        ),
        pytest.param(
            """
            The        1  det    DET    the
            criticism  5  nsubj  NOUN   criticism
            from       1  prep   ADP    from
            Ardenia    2  pobj   PROPN  Ardenia   B-GPE
            has        5  aux    AUX    have
            grown      5  ROOT   VERB   grow
            .          5  punct  PUNCT  .
            """,
            "Ardenia",
            None,
            "criticise",
            id="from_owner",
        ),
        pytest.param(
            """
            Solvaria     1  nsubj  PROPN  Solvaria    B-GPE
            levelled     1  ROOT   VERB   level
            accusations  1  dobj   NOUN   accusation  tag=NNS
            against      2  prep   ADP    against
            Ardenia      3  pobj   PROPN  Ardenia     B-GPE
            .            1  punct  PUNCT  .
            """,
            "Solvaria",
            "Ardenia",
            "accuse",
            id="light_verb_subject",
        ),
        pytest.param(
            """
            NATO          1  nsubj  PROPN  NATO          B-ORG
            voiced        1  ROOT   VERB   voice
            its           3  poss   PRON   its           tag=PRP$
            condemnation  1  dobj   NOUN   condemnation
            of            3  prep   ADP    of
            Teluria       4  pobj   PROPN  Teluria       B-GPE
            .             1  punct  PUNCT  .
            """,
            "NATO",
            "Teluria",
            "criticise",
            id="its_after_light_verb_is_the_subject",
        ),
        pytest.param(
            """
            Kremlin  1  compound  PROPN  Kremlin  B-ORG
            threats  4  nsubj     NOUN   threat   tag=NNS
            against  1  prep      ADP    against
            Ardenia  2  pobj      PROPN  Ardenia  B-GPE
            grew     4  ROOT      VERB   grow
            .        4  punct     PUNCT  .
            """,
            "Russia",  # "the Kremlin" stands for Russia (party_aliases.json 1.2)
            "Ardenia",
            "threaten",
            id="compound_owner",
        ),
        pytest.param(
            """
            Ardenia    1  nsubj  PROPN  Ardenia   B-GPE
            faced      1  ROOT   VERB   face
            criticism  1  dobj   NOUN   criticism
            from       2  prep   ADP    from
            Solvaria   3  pobj   PROPN  Solvaria  B-GPE
            .          1  punct  PUNCT  .
            """,
            "Solvaria",
            "Ardenia",
            "criticise",
            id="received_criticism_targets_the_subject",
        ),
        pytest.param(
            """
            Ada      1  compound  PROPN  Ada     B-PERSON
            Brook    9  nsubj     PROPN  Brook   I-PERSON
            ,        1  punct     PUNCT  ,
            a        4  det       DET    a
            critic   1  appos     NOUN   critic
            of       4  prep      ADP    of
            Ivo      7  compound  PROPN  Ivo     B-PERSON
            Dant     5  pobj      PROPN  Dant    I-PERSON
            ,        1  punct     PUNCT  ,
            arrived  9  ROOT      VERB   arrive
            .        9  punct     PUNCT  .
            """,
            "Ada Brook",
            "Ivo Dant",
            "criticise",
            id="critic_in_apposition",
        ),
        pytest.param(
            """
            Dant     1  compound  PROPN  Dant    B-PERSON
            critic   3  compound  NOUN   critic
            Ada      3  compound  PROPN  Ada     B-PERSON
            Brook    4  nsubj     PROPN  Brook   I-PERSON
            arrived  4  ROOT      VERB   arrive
            .        4  punct     PUNCT  .
            """,
            "Ada Brook",
            "Dant",
            "criticise",
            id="critic_as_compound",
        ),
    ],
)
def test_noun_cue_actor_is_its_owner(table, actor, target, cue_class):
    """A cue noun's actor is its owner: possessive, "from X", light verb, compound, critic."""
    d = one_dispute(table)
    assert (d.actor, d.target, d.cue_class) == (actor, target, cue_class)


def test_compound_owner_kremlin_is_named():
    """ "Kremlin threats against Ardenia" are made by a named party (shown, not unresolved)."""
    d = one_dispute("""
        Kremlin  1  compound  PROPN  Kremlin  B-ORG
        threats  4  nsubj     NOUN   threat   O  tag=NNS
        against  1  prep      ADP    against
        Ardenia  2  pobj      PROPN  Ardenia  B-GPE
        grew     4  ROOT      VERB   grow
        .        4  punct     PUNCT  .
    """)
    assert d.named


def test_noun_cue_without_owner_is_no_dispute():
    """ "Criticism has grown" and "Ardenia faced criticism" name nobody who criticises."""
    no_dispute("""
        Criticism  2  nsubj  NOUN  criticism
        has        2  aux    AUX   have
        grown      2  ROOT   VERB  grow
        .          2  punct  PUNCT .
    """)
    no_dispute("""
        Ardenia    1  nsubj  PROPN  Ardenia  B-GPE
        faced      1  ROOT   VERB   face
        criticism  1  dobj   NOUN   criticism
        .          1  punct  PUNCT  .
    """)


# --------------------------------------------------------------------------- 4. labels


def test_label_in_a_statement_is_the_speakers():
    """'"Dant is dishonest," Ada Brook said.' → actor the speaker, target the copula subject."""
    d = one_dispute("""
        "          8  punct     PUNCT  "
        Dant       2  nsubj     PROPN  Dant       B-PERSON
        is         8  ccomp     AUX    be
        dishonest  2  acomp     ADJ    dishonest
        ,          8  punct     PUNCT  ,
        "          8  punct     PUNCT  "
        Ada        7  compound  PROPN  Ada        B-PERSON
        Brook      8  nsubj     PROPN  Brook      I-PERSON
        said       8  ROOT      VERB   say
        .          8  punct     PUNCT  .
    """)
    assert (d.actor, d.target, d.cue, d.cue_class) == (
        "Ada Brook",
        "Dant",
        "dishonest",
        "criticise",
    )
    assert d.statement_index == 0


def test_label_outside_a_statement_is_the_writers():
    """ "Dant is dishonest." in the narrative is the journalist's word: no dispute."""
    no_dispute("""
        Dant       1  nsubj  PROPN  Dant  B-PERSON
        is         1  ROOT   AUX    be
        dishonest  1  acomp  ADJ    dishonest
        .          1  punct  PUNCT  .
    """)


@pytest.mark.parametrize(
    ("table", "target"),
    [
        pytest.param(
            CALLED_DANT_DISHONEST,
            "Ivo Dant",
            id="called_x_y",
        ),
        pytest.param(
            """
            Ada        1  compound  PROPN  Ada        B-PERSON
            Brook      2  nsubj     PROPN  Brook      I-PERSON
            described  2  ROOT      VERB   describe
            Solvaria   5  poss      PROPN  Solvaria   B-GPE
            's         3  case      PART   's
            plan       2  dobj      NOUN   plan
            as         2  prep      ADP    as
            reckless   6  pobj      ADJ    reckless
            .          2  punct     PUNCT  .
            """,
            "Solvaria",
            id="described_x_as_y",
        ),
    ],
)
def test_label_frame_gives_the_frame_subject(table, target):
    """ "Brook called Dant dishonest" / "described Solvaria's plan as reckless" → actor Brook."""
    found = disputes_in(table)
    assert [(d.actor, d.target, d.cue_class) for d in found] == [("Ada Brook", target, "criticise")]


@pytest.mark.parametrize(
    "table",
    [
        pytest.param(
            """
            "          10 punct     PUNCT  "
            It         2  nsubj     PRON   it
            is         10 ccomp     AUX    be
            a          5  det       DET    a
            dangerous  5  amod      ADJ    dangerous
            time       2  attr      NOUN   time
            ,          10 punct     PUNCT  ,
            "          10 punct     PUNCT  "
            Ada        9  compound  PROPN  Ada        B-PERSON
            Brook      10 nsubj     PROPN  Brook      I-PERSON
            said       10 ROOT      VERB   say
            .          10 punct     PUNCT  .
            """,
            id="a_dangerous_time",
        ),
        pytest.param(
            """
            "          9  punct     PUNCT  "
            The        2  det       DET    the
            facts      3  nsubj     NOUN   fact       tag=NNS
            were       9  ccomp     AUX    be
            unclear    3  acomp     ADJ    unclear
            ,          9  punct     PUNCT  ,
            "          9  punct     PUNCT  "
            Ada        8  compound  PROPN  Ada        B-PERSON
            Brook      9  nsubj     PROPN  Brook      I-PERSON
            said       9  ROOT      VERB   say
            .          9  punct     PUNCT  .
            """,
            id="the_facts_were_unclear",
        ),
        pytest.param(
            """
            "          9  punct     PUNCT  "
            That       2  nsubj     PRON   that
            is         9  ccomp     AUX    be
            not        2  neg       PART   not
            unfair     2  acomp     ADJ    unfair
            ,          9  punct     PUNCT  ,
            "          9  punct     PUNCT  "
            Ada        8  compound  PROPN  Ada        B-PERSON
            Brook      9  nsubj     PROPN  Brook      I-PERSON
            said       9  ROOT      VERB   say
            .          9  punct     PUNCT  .
            """,
            id="is_not_unfair",
        ),
    ],
)
def test_label_on_a_situation_or_negated_is_no_dispute(table):
    """A label on a situation ("a dangerous time", "facts unclear") or negated: none."""
    no_dispute(table)


def test_negated_label_on_an_attribute_is_no_dispute():
    """'"It is not a bad idea," Ada Brook said.' denies the label: no dispute."""
    no_dispute("""
        "          11 punct     PUNCT  "
        It         2  nsubj     PRON   it
        is         11 ccomp     AUX    be
        not        2  neg       PART   not
        a          6  det       DET    a
        bad        6  amod      ADJ    bad
        idea       2  attr      NOUN   idea
        ,          11 punct     PUNCT  ,
        "          11 punct     PUNCT  "
        Ada        10 compound  PROPN  Ada        B-PERSON
        Brook      11 nsubj     PROPN  Brook      I-PERSON
        said       11 ROOT      VERB   say
        .          11 punct     PUNCT  .
    """)


def test_label_framed_by_a_cue_verb_is_the_verbs_record():
    """ "Ardenia condemned Solvaria's test as provocative" → one criticism, the verb's."""
    d = one_dispute("""
        Ardenia      1  nsubj  PROPN  Ardenia   B-GPE
        condemned    1  ROOT   VERB   condemn
        Solvaria     4  poss   PROPN  Solvaria  B-GPE
        's           2  case   PART   's
        test         1  dobj   NOUN   test
        as           1  prep   ADP    as
        provocative  5  pobj   ADJ    provocative
        .            1  punct  PUNCT  .
    """)
    assert (d.actor, d.cue, d.cue_class, d.target) == (
        "Ardenia",
        "condemned",
        "criticise",
        "Solvaria",
    )


# --------------------------------------------------------------------------- 5. verdicts, acts


@pytest.mark.parametrize(
    ("table", "cue_class", "target"),
    [
        pytest.param(
            """
            "      12  punct     PUNCT  "
            The    2   det       DET    the
            talks  3   nsubj     NOUN   talk   tag=NNS
            are    12  ccomp     AUX    be
            a      5   det       DET    a
            waste  3   attr      NOUN   waste
            of     5   prep      ADP    of
            time   6   pobj      NOUN   time
            ,      12  punct     PUNCT  ,
            "      12  punct     PUNCT  "
            Ada    11  compound  PROPN  Ada    B-PERSON
            Brook  12  nsubj     PROPN  Brook  I-PERSON
            said   12  ROOT      VERB   say
            .      12  punct     PUNCT  .
            """,
            "dismiss",
            None,
            id="a_waste_of_time",
        ),
        pytest.param(
            """
            "         10  punct     PUNCT  "
            Solvaria  2   nsubj     PROPN  Solvaria  B-GPE
            was       10  ccomp     AUX    be
            behind    2   prep      ADP    behind
            the       5   det       DET    the
            leak      3   pobj      NOUN   leak
            ,         10  punct     PUNCT  ,
            "         10  punct     PUNCT  "
            Ada       9   compound  PROPN  Ada       B-PERSON
            Brook     10  nsubj     PROPN  Brook     I-PERSON
            said      10  ROOT      VERB   say
            .         10  punct     PUNCT  .
            """,
            "blame",
            "Solvaria",
            id="was_behind",
        ),
        pytest.param(
            """
            "        12  punct     PUNCT  "
            Ardenia  3   poss      PROPN  Ardenia  B-GPE
            's       1   case      PART   's
            offer    4   nsubj     NOUN   offer
            is       12  ccomp     AUX    be
            not      4   neg       PART   not
            good     4   acomp     ADJ    good
            enough   6   advmod    ADV    enough
            ,        12  punct     PUNCT  ,
            "        12  punct     PUNCT  "
            Ada      11  compound  PROPN  Ada      B-PERSON
            Brook    12  nsubj     PROPN  Brook    I-PERSON
            said     12  ROOT      VERB   say
            .        12  punct     PUNCT  .
            """,
            "reject",
            "Ardenia",
            id="not_good_enough",
        ),
    ],
)
def test_verdict_phrase_is_the_speakers(table, cue_class, target):
    """A verdict ("a waste of time", "was behind", "not good enough") in Brook's words: Brook's."""
    d = one_dispute(table)
    assert (d.actor, d.cue_class, d.target) == ("Ada Brook", cue_class, target)


def test_act_phrase_is_the_subjects():
    """ "Ardenia is at odds with Solvaria", "Ardenia voted against the resolution": Ardenia acts."""
    d = one_dispute(AT_ODDS)
    assert (d.actor, d.cue, d.cue_class) == ("Ardenia", "at odds with", "criticise")
    d = one_dispute("""
        Ardenia     1  nsubj  PROPN  Ardenia  B-GPE
        voted       1  ROOT   VERB   vote
        against     1  prep   ADP    against
        the         4  det    DET    the
        resolution  2  pobj   NOUN   resolution
        .           1  punct  PUNCT  .
    """)
    assert (d.actor, d.cue, d.cue_class) == ("Ardenia", "voted against", "reject")


def test_at_odds_with_targets_the_other_party():
    """ "Ardenia is at odds with Solvaria" → target Solvaria (the party after "with")."""
    d = one_dispute(AT_ODDS)
    assert (d.actor, d.target) == ("Ardenia", "Solvaria")


# --------------------------------------------------------------------------- 6. modal demands


def test_modal_demand_in_a_statement():
    """'"Teluria must stop …," Navarro said.' is a demand of Teluria; as narrative, none."""
    d = one_dispute("""
        "        9  punct  PUNCT  "
        Teluria  3  nsubj  PROPN  Teluria   B-GPE
        must     3  aux    AUX    must      tag=MD
        stop     9  ccomp  VERB   stop      tag=VB
        the      5  det    DET    the
        tests    3  dobj   NOUN   test      tag=NNS
        ,        9  punct  PUNCT  ,
        "        9  punct  PUNCT  "
        Navarro  9  nsubj  PROPN  Navarro   B-PERSON
        said     9  ROOT   VERB   say
        .        9  punct  PUNCT  .
    """)
    assert (d.actor, d.target, d.cue, d.cue_class) == ("Navarro", "Teluria", "must stop", "demand")
    assert d.issue == "stop the tests"
    no_dispute("""
        Teluria  2  nsubj  PROPN  Teluria  B-GPE
        must     2  aux    AUX    must     tag=MD
        stop     2  ROOT   VERB   stop     tag=VB
        the      4  det    DET    the
        tests    2  dobj   NOUN   test     tag=NNS
        .        2  punct  PUNCT  .
    """)


def test_you_should_is_a_demand_of_the_addressee():
    """'"You should resign," Ada Brook said.' is Brook's demand, with no named target."""
    d = one_dispute("""
        "       8  punct     PUNCT  "
        You     3  nsubj     PRON   you
        should  3  aux       AUX    should  tag=MD
        resign  8  ccomp     VERB   resign  tag=VB
        ,       8  punct     PUNCT  ,
        "       8  punct     PUNCT  "
        Ada     7  compound  PROPN  Ada     B-PERSON
        Brook   8  nsubj     PROPN  Brook   I-PERSON
        said    8  ROOT      VERB   say
        .       8  punct     PUNCT  .
    """)
    assert (d.actor, d.target, d.cue_class, d.issue) == ("Ada Brook", None, "demand", "resign")


# --------------------------------------------------------------------------- 7. negated cues


def test_negated_acceptance_is_a_rejection():
    """ "Ardenia did not accept the plan" is a rejection by Ardenia."""
    d = one_dispute("""
        Ardenia  3  nsubj  PROPN  Ardenia  B-GPE
        did      3  aux    AUX    do
        not      3  neg    PART   not
        accept   3  ROOT   VERB   accept
        the      5  det    DET    the
        plan     3  dobj   NOUN   plan
        .        3  punct  PUNCT  .
    """)
    assert (d.actor, d.cue, d.cue_class) == ("Ardenia", "not accept", "reject")


@pytest.mark.parametrize(
    ("aux", "aux_lemma", "verb"),
    [("will", "will", "accept"), ("does", "do", "support")],
)
def test_negated_reject_phrase_is_a_rejection(aux, aux_lemma, verb):
    """ "Ardenia will not accept / does not support the plan" is a rejection by Ardenia."""
    d = one_dispute(f"""
        Ardenia  3  nsubj  PROPN  Ardenia  B-GPE
        {aux}    3  aux    AUX    {aux_lemma}
        not      3  neg    PART   not
        {verb}   3  ROOT   VERB   {verb}
        the      5  det    DET    the
        plan     3  dobj   NOUN   plan
        .        3  punct  PUNCT  .
    """)
    assert (d.actor, d.cue_class) == ("Ardenia", "reject")


def test_not_supporting_a_person_is_no_rejection():
    """Never supporting a plan rejects it; not supporting Mr. Dant (a person) is no dispute."""
    d = one_dispute("""
        Ardenia    2  nsubj  PROPN  Ardenia  B-GPE
        never      2  neg    ADV    never
        supported  2  ROOT   VERB   support
        the        4  det    DET    the
        plan       2  dobj   NOUN   plan
        .          2  punct  PUNCT  .
    """)
    assert (d.actor, d.cue, d.cue_class) == ("Ardenia", "never supported", "reject")
    no_dispute("""
        Ardenia    2  nsubj     PROPN  Ardenia  B-GPE
        never      2  neg       ADV    never
        supported  2  ROOT      VERB   support
        Mr.        4  compound  PROPN  Mr.
        Dant       2  dobj      PROPN  Dant     B-PERSON
        .          2  punct     PUNCT  .
    """)
    no_dispute("""
        Ardenia  3  nsubj     PROPN  Ardenia  B-GPE
        did      3  aux       AUX    do
        not      3  neg       PART   not
        support  3  ROOT      VERB   support
        Mr.      5  compound  PROPN  Mr.
        Dant     3  dobj      PROPN  Dant     B-PERSON
        .        3  punct     PUNCT  .
    """)


def test_insisted_never_is_a_denial():
    """ "insisted it had never armed …" is a denial; "insisted that X withdraw" a demand."""
    d = one_dispute("""
        Solvaria  1  nsubj  PROPN  Solvaria  B-GPE
        insisted  1  ROOT   VERB   insist
        it        5  nsubj  PRON   it        tag=PRP
        had       5  aux    AUX    have      tag=VBD
        never     5  neg    ADV    never
        armed     1  ccomp  VERB   arm       tag=VBN
        the       7  det    DET    the
        rebels    5  dobj   NOUN   rebel     tag=NNS
        .         1  punct  PUNCT  .
    """)
    assert (d.actor, d.cue, d.cue_class) == ("Solvaria", "insisted", "deny")
    d = one_dispute("""
        Solvaria  1  nsubj  PROPN  Solvaria  B-GPE
        insisted  1  ROOT   VERB   insist
        that      4  mark   SCONJ  that
        Ardenia   4  nsubj  PROPN  Ardenia   B-GPE
        withdraw  1  ccomp  VERB   withdraw  tag=VB
        .         1  punct  PUNCT  .
    """)
    assert (d.actor, d.cue_class, d.target) == ("Solvaria", "demand", "Ardenia")


def test_not_until_is_the_speakers_threat():
    """'"The blockade would not end until Teluria pays," Navarro said.' → Navarro threatens."""
    d = one_dispute("""
        "         12  punct  PUNCT  "
        The       2   det    DET    the
        blockade  5   nsubj  NOUN   blockade
        would     5   aux    AUX    would     tag=MD
        not       5   neg    PART   not
        end       12  ccomp  VERB   end       tag=VB
        until     8   mark   SCONJ  until
        Teluria   8   nsubj  PROPN  Teluria   B-GPE
        pays      5   advcl  VERB   pay       tag=VBZ
        ,         12  punct  PUNCT  ,
        "         12  punct  PUNCT  "
        Navarro   12  nsubj  PROPN  Navarro   B-PERSON
        said      12  ROOT   VERB   say
        .         12  punct  PUNCT  .
    """)
    assert (d.actor, d.cue_class) == ("Navarro", "threaten")


def test_not_lifted_until_is_a_refusal():
    """'"The sanctions will not be lifted until Teluria acts," Navarro said.' → a refusal."""
    d = one_dispute("""
        "          13  punct      PUNCT  "
        The        2   det        DET    the
        sanctions  6   nsubjpass  NOUN   sanction  tag=NNS
        will       6   aux        AUX    will      tag=MD
        not        6   neg        PART   not
        be         6   auxpass    AUX    be        tag=VB
        lifted     13  ccomp      VERB   lift      tag=VBN
        until      9   mark       SCONJ  until
        Teluria    9   nsubj      PROPN  Teluria   B-GPE
        acts       6   advcl      VERB   act       tag=VBZ
        ,          13  punct      PUNCT  ,
        "          13  punct      PUNCT  "
        Navarro    13  nsubj      PROPN  Navarro   B-PERSON
        said       13  ROOT       VERB   say
        .          13  punct      PUNCT  .
    """)
    assert (d.actor, d.cue_class) == ("Navarro", "reject")


# --------------------------------------------------------------------------- 8. refusals


@pytest.mark.parametrize(
    ("verb", "lemma", "xcomp", "obj", "rejects"),
    [
        pytest.param("refused", "refuse", "cooperate", None, True, id="refused_to_cooperate"),
        pytest.param("declined", "decline", "comment", None, False, id="declined_to_comment"),
        pytest.param("refused", "refuse", "condemn", "attack", False, id="refused_to_condemn"),
        pytest.param("refused", "refuse", "assign", "blame", False, id="refused_to_assign_blame"),
    ],
)
def test_refusal_is_a_rejection_unless_of_words_or_a_dispute(verb, lemma, xcomp, obj, rejects):
    """ "refused to cooperate" rejects; refusing to comment, condemn or assign blame: none."""
    table = f"""
        Ardenia  1  nsubj  PROPN  Ardenia  B-GPE
        {verb}   1  ROOT   VERB   {lemma}
        to       3  aux    PART   to
        {xcomp}  1  xcomp  VERB   {xcomp}
    """
    if obj:
        table += f"{obj}  3  dobj  NOUN  {obj}\n"
    doc = doc_of(table + ".  1  punct  PUNCT  .\n")
    assert match_verb(doc[1]) is not None
    found = run(doc).disputes
    assert [(d.actor, d.cue, d.cue_class) for d in found] == (
        [("Ardenia", verb, "reject")] if rejects else []
    )


# --------------------------------------------------------------------------- 9. demands


def test_demand_of_a_named_party_to_act():
    """ "Ardenia asked Solvaria to hand over the files" is a demand of Solvaria."""
    d = one_dispute(ASKED_TO_HAND_OVER)
    assert (d.actor, d.cue, d.cue_class, d.target) == ("Ardenia", "asked", "demand", "Solvaria")


@pytest.mark.parametrize(
    "table",
    [
        pytest.param(
            """
            Ardenia   1  nsubj  PROPN  Ardenia   B-GPE
            asked     1  ROOT   VERB   ask
            Solvaria  1  dobj   PROPN  Solvaria  B-GPE
            about     1  prep   ADP    about
            the       5  det    DET    the
            files     3  pobj   NOUN   file      tag=NNS
            .         1  punct  PUNCT  .
            """,
            id="asked_x_about",
        ),
        pytest.param(
            """
            Ardenia   1  nsubj  PROPN  Ardenia   B-GPE
            asked     1  ROOT   VERB   ask
            Solvaria  1  dobj   PROPN  Solvaria  B-GPE
            to        4  aux    PART   to
            explain   1  xcomp  VERB   explain   tag=VB
            the       6  det    DET    the
            delay     4  dobj   NOUN   delay
            .         1  punct  PUNCT  .
            """,
            id="asked_x_to_explain",
        ),
        pytest.param(
            """
            Ardenia  1  nsubj  PROPN  Ardenia  B-GPE
            called   1  ROOT   VERB   call
            for      1  prep   ADP    for
            calm     2  pobj   NOUN   calm
            .        1  punct  PUNCT  .
            """,
            id="called_for_calm",
        ),
        pytest.param(
            """
            Ada     1  compound  PROPN  Ada     B-PERSON
            Brook   2  nsubj     PROPN  Brook   I-PERSON
            urged   2  ROOT      VERB   urge
            voters  2  dobj      NOUN   voter   tag=NNS
            to      5  aux       PART   to
            turn    2  xcomp     VERB   turn    tag=VB
            out     5  prt       ADP    out
            .       2  punct     PUNCT  .
            """,
            id="urged_voters_to_turn_out",
        ),
    ],
)
def test_question_or_appeal_is_no_demand(table):
    """Questions ("asked X about / to explain") and appeals ("for calm") are no demands."""
    doc = doc_of(table)
    root = next(t for t in doc if t.dep_ == "ROOT")
    assert match_verb(root).cue_class == "demand"
    assert run(doc).disputes == ()


def test_call_for_action_against_a_party_targets_it():
    """ "Ardenia called for sanctions against Solvaria" → a demand with target Solvaria."""
    d = one_dispute("""
        Ardenia    1  nsubj  PROPN  Ardenia   B-GPE
        called     1  ROOT   VERB   call
        for        1  prep   ADP    for
        sanctions  2  pobj   NOUN   sanction  tag=NNS
        against    3  prep   ADP    against
        Solvaria   4  pobj   PROPN  Solvaria  B-GPE
        .          1  punct  PUNCT  .
    """)
    assert (d.actor, d.cue_class, d.target) == ("Ardenia", "demand", "Solvaria")


# --------------------------------------------------------------------------- 10. nesting


def test_cue_inside_a_rejected_call_is_one_record():
    """ "Ardenia rejected a call by the EU to boycott the summit" → one rejection, target EU."""
    doc = doc_of("""
        Ardenia   1   nsubj  PROPN  Ardenia  B-GPE
        rejected  1   ROOT   VERB   reject
        a         3   det    DET    a
        call      1   dobj   NOUN   call
        by        3   prep   ADP    by
        the       6   det    DET    the
        EU        4   pobj   PROPN  EU       B-ORG
        to        8   aux    PART   to
        boycott   3   acl    VERB   boycott  tag=VB
        the       10  det    DET    the
        summit    8   dobj   NOUN   summit
        .         1   punct  PUNCT  .
    """)
    assert [h.tok.text for h in find_cues(doc[:])] == ["rejected", "boycott"]
    (d,) = run(doc).disputes
    assert (d.actor, d.cue, d.cue_class, d.target) == (
        "Ardenia",
        "rejected",
        "reject",
        "European Union",
    )


def test_owned_accusation_inside_a_denial_is_its_own_record():
    """ "denied the allegations made by the Herald": a denial, and the Herald's accusation of
    the denier (the sentence's other named party), in reading order."""
    found = disputes_in("""
        Ardenia      1  nsubj  PROPN  Ardenia     B-GPE
        denied       1  ROOT   VERB   deny
        the          3  det    DET    the
        allegations  1  dobj   NOUN   allegation  tag=NNS
        made         3  acl    VERB   make        tag=VBN
        by           4  agent  ADP    by
        the          7  det    DET    the
        Herald       5  pobj   PROPN  Herald      B-ORG
        .            1  punct  PUNCT  .
    """)
    assert [(d.actor, d.cue_class, d.target) for d in found] == [
        ("Ardenia", "deny", "Herald"),
        ("Herald", "accuse", "Ardenia"),
    ]


# --------------------------------------------------------------------------- 11. blocking


@pytest.mark.parametrize(
    ("table", "cue_class"),
    [
        pytest.param(
            """
            Ardenia  3  nsubj  PROPN  Ardenia  B-GPE
            did      3  aux    AUX    do
            not      3  neg    PART   not
            reject   3  ROOT   VERB   reject
            the      5  det    DET    the
            plan     3  dobj   NOUN   plan
            .        3  punct  PUNCT  .
            """,
            "reject",
            id="negated",
        ),
        pytest.param(
            """
            Ardenia  2  nsubj  PROPN  Ardenia  B-GPE
            could    2  aux    AUX    could    tag=MD
            reject   2  ROOT   VERB   reject   tag=VB
            the      4  det    DET    the
            plan     2  dobj   NOUN   plan
            .        2  punct  PUNCT  .
            """,
            "reject",
            id="hypothetical_aux",
        ),
        pytest.param(
            """
            Ardenia   2  nsubjpass  PROPN  Ardenia  B-GPE
            is        2  auxpass    AUX    be
            expected  2  ROOT       VERB   expect   tag=VBN
            to        4  aux        PART   to
            reject    2  xcomp      VERB   reject   tag=VB
            the       6  det        DET    the
            plan      4  dobj       NOUN   plan
            .         2  punct      PUNCT  .
            """,
            "reject",
            id="is_expected_to",
        ),
        pytest.param(
            """
            Ardenia  1  nsubj  PROPN  Ardenia  B-GPE
            vowed    1  ROOT   VERB   vow
            to       3  aux    PART   to
            reject   1  xcomp  VERB   reject   tag=VB
            the      5  det    DET    the
            plan     3  dobj   NOUN   plan
            .        1  punct  PUNCT  .
            """,
            "reject",
            id="vowed_to",
        ),
        pytest.param(
            """
            If       2  mark   SCONJ  if
            Ardenia  2  nsubj  PROPN  Ardenia  B-GPE
            rejects  8  advcl  VERB   reject   tag=VBZ
            the      4  det    DET    the
            plan     2  dobj   NOUN   plan
            ,        8  punct  PUNCT  ,
            talks    8  nsubj  NOUN   talk     tag=NNS
            will     8  aux    AUX    will     tag=MD
            fail     8  ROOT   VERB   fail     tag=VB
            .        8  punct  PUNCT  .
            """,
            "reject",
            id="if_clause",
        ),
        pytest.param(
            """
            Ada     1  compound  PROPN  Ada     B-PERSON
            Brook   4  nsubj     PROPN  Brook   I-PERSON
            could   4  aux       AUX    could   tag=MD
            not     4  neg       PART   not
            bear    4  ROOT      VERB   bear    tag=VB
            to      6  aux       PART   to
            insult  4  xcomp     VERB   insult  tag=VB
            Dant    6  dobj      PROPN  Dant    B-PERSON
            .       4  punct     PUNCT  .
            """,
            "criticise",
            id="could_not_bear_to",
        ),
        pytest.param(
            """
            Farouk    2  poss       PROPN  Farouk  B-PERSON
            's        0  case       PART   's
            attack    7  nsubjpass  NOUN   attack
            on        2  prep       ADP    on
            the       5  det        DET    the
            budget    3  pobj       NOUN   budget
            is        7  auxpass    AUX    be
            expected  7  ROOT       VERB   expect  tag=VBN
            .         7  punct      PUNCT  .
            """,
            "criticise",
            id="noun_subject_of_unreal_verb",
        ),
        pytest.param(
            """
            Neither     1  det    DET    neither
            delegation  2  nsubj  NOUN   delegation
            rejected    2  ROOT   VERB   reject
            the         4  det    DET    the
            plan        2  dobj   NOUN   plan
            .           2  punct  PUNCT  .
            """,
            "reject",
            id="negative_subject",
        ),
    ],
)
def test_blocked_cue_is_no_dispute(table, cue_class):
    """A negated, hypothetical, unreal, conditional or nobody's cue is no dispute."""
    doc = doc_of(table)
    assert cue_class in [h.cue_class for h in find_cues(doc[:])]
    assert run(doc).disputes == ()


# --------------------------------------------------------------------------- 12. actors

# '"We reject Ardenia's plan," Navarro said.' — a first-person cue in a quote
WE_REJECT_QUOTED = """
    "        9  punct  PUNCT  "
    We       2  nsubj  PRON   we        tag=PRP
    reject   9  ccomp  VERB   reject    tag=VBP
    Ardenia  5  poss   PROPN  Ardenia   B-GPE
    's       3  case   PART   's
    plan     2  dobj   NOUN   plan
    ,        9  punct  PUNCT  ,
    "        9  punct  PUNCT  "
    Navarro  9  nsubj  PROPN  Navarro   B-PERSON
    said     9  ROOT   VERB   say
    .        9  punct  PUNCT  .
"""


def test_first_person_in_a_quote_is_the_speaker():
    """'"We reject Ardenia's plan," Navarro said.' → actor Navarro, target Ardenia."""
    d = one_dispute(WE_REJECT_QUOTED)
    assert (d.actor, d.target, d.cue_class, d.statement_index) == (
        "Navarro",
        "Ardenia",
        "reject",
        0,
    )


def test_he_in_a_quote_is_never_its_own_speaker():
    """A quoted "he" is never the quote's own speaker, but may be an earlier person."""
    no_dispute("""
        Shelby     1   nsubj  PROPN  Shelby     B-PERSON
        arrived    1   ROOT   VERB   arrive
        .          1   punct  PUNCT  .
        "          11  punct  PUNCT  "
        He         5   nsubj  PRON   he         O  tag=PRP
        refused    11  ccomp  VERB   refuse     O  tag=VBD
        to         7   aux    PART   to
        cooperate  5   xcomp  VERB   cooperate  O  tag=VB
        ,          11  punct  PUNCT  ,
        "          11  punct  PUNCT  "
        Shelby     11  nsubj  PROPN  Shelby     B-PERSON
        said       11  ROOT   VERB   say
        .          11  punct  PUNCT  .
    """)
    d = one_dispute("""
        Ivo        1   compound  PROPN  Ivo        B-PERSON
        Dant       2   nsubj     PROPN  Dant       I-PERSON
        arrived    2   ROOT      VERB   arrive
        .          2   punct     PUNCT  .
        "          12  punct     PUNCT  "
        He         6   nsubj     PRON   he         O  tag=PRP
        refused    12  ccomp     VERB   refuse     O  tag=VBD
        to         8   aux       PART   to
        cooperate  6   xcomp     VERB   cooperate  O  tag=VB
        ,          12  punct     PUNCT  ,
        "          12  punct     PUNCT  "
        Shelby     12  nsubj     PROPN  Shelby     B-PERSON
        said       12  ROOT      VERB   say
        .          12  punct     PUNCT  .
    """)
    assert (d.actor, d.cue_class, d.statement_index) == ("Ivo Dant", "reject", 0)


def test_they_is_the_nearest_plural_subject():
    """ "They" is the nearest plural subject before it in its paragraph (since 2.8 not only
    the previous sentence: a person in between is no "they")."""
    d = one_dispute("""
        Solvarian  1   amod   ADJ    Solvarian  B-NORP
        officials  2   nsubj  NOUN   official   O  tag=NNS
        arrived    2   ROOT   VERB   arrive
        .          2   punct  PUNCT  .
        Ardenian   5   amod   ADJ    Ardenian   B-NORP
        delegates  6   nsubj  NOUN   delegate   O  tag=NNS
        met        6   ROOT   VERB   meet
        Dant       6   dobj   PROPN  Dant       B-PERSON
        .          6   punct  PUNCT  .
        They       10  nsubj  PRON   they       O  tag=PRP
        rejected   10  ROOT   VERB   reject
        the        12  det    DET    the
        plan       10  dobj   NOUN   plan
        .          10  punct  PUNCT  .
    """)
    assert (d.actor, d.actor_type, d.cue_class) == ("Ardenian delegates", "organisation", "reject")
    # two sentences back, with only a person in between: still the delegates
    d = one_dispute("""
        Ardenian   1   amod   ADJ    Ardenian   B-NORP
        delegates  2   nsubj  NOUN   delegate   O  tag=NNS
        arrived    2   ROOT   VERB   arrive
        .          2   punct  PUNCT  .
        Dant       5   nsubj  PROPN  Dant       B-PERSON
        arrived    5   ROOT   VERB   arrive
        .          5   punct  PUNCT  .
        They       8   nsubj  PRON   they       O  tag=PRP
        rejected   8   ROOT   VERB   reject
        the        10  det    DET    the
        plan       8   dobj   NOUN   plan
        .          8   punct  PUNCT  .
    """)
    assert d.actor == "Ardenian delegates"


def test_unnamed_actor_is_kept_unresolved():
    """ "Officials rejected the plan" is kept with actor_type "unresolved", never named."""
    d = one_dispute("""
        Officials  1  nsubj  NOUN   official  O  tag=NNS
        rejected   1  ROOT   VERB   reject
        the        3  det    DET    the
        plan       1  dobj   NOUN   plan
        .          1  punct  PUNCT  .
    """)
    assert (d.actor, d.actor_type, d.named, d.cue_class) == (
        "Officials",
        "unresolved",
        False,
        "reject",
    )


# --------------------------------------------------------------------------- 13. targets, issues


def test_a_time_is_never_the_issue_or_the_target():
    """ "criticised Solvaria over Tuesday" has no issue; "lashed out on Tuesday" no target."""
    d = one_dispute("""
        Ardenia     1  nsubj  PROPN  Ardenia   B-GPE
        criticised  1  ROOT   VERB   criticise
        Solvaria    1  dobj   PROPN  Solvaria  B-GPE
        over        1  prep   ADP    over
        Tuesday     3  pobj   PROPN  Tuesday   B-DATE
        .           1  punct  PUNCT  .
    """)
    assert (d.actor, d.target, d.issue) == ("Ardenia", "Solvaria", None)
    d = one_dispute("""
        Ardenia  1  nsubj  PROPN  Ardenia  B-GPE
        lashed   1  ROOT   VERB   lash
        out      1  prt    ADP    out
        on       1  prep   ADP    on
        Tuesday  3  pobj   PROPN  Tuesday  B-DATE
        .        1  punct  PUNCT  .
    """)
    assert (d.actor, d.cue_class, d.target, d.issue) == ("Ardenia", "criticise", None, None)


@pytest.mark.parametrize(
    ("table", "issue"),
    [
        pytest.param(
            ASKED_TO_HAND_OVER,
            "hand over the files",
            id="asked_x_to_hand_over",
        ),
        pytest.param(
            CRITICISM_OF_SOLVARIA,
            None,
            id="criticism_of_x",
        ),
    ],
)
def test_the_target_is_not_the_issue(table, issue):
    """The target is never repeated as the issue ("asked Solvaria to hand over the files")."""
    d = one_dispute(table)
    assert (d.target, d.issue) == ("Solvaria", issue)


def test_party_aliases_give_the_full_name():
    """ "the U.S." and "the US side" are the United States, as actor and by name."""
    assert full_party_name("the U.S.") == "United States"
    assert full_party_name("US side") == "United States"
    assert full_party_name("EU") == "European Union"
    assert full_party_name("Ardenia") == "Ardenia"
    d = one_dispute("""
        The         1  det    DET    the
        U.S.        2  nsubj  PROPN  U.S.       B-GPE
        criticised  2  ROOT   VERB   criticise
        Ardenia     2  dobj   PROPN  Ardenia    B-GPE
        .           2  punct  PUNCT  .
    """)
    assert (d.actor, d.target) == ("United States", "Ardenia")
    d = one_dispute("""
        The       2  det       DET    the
        US        2  compound  PROPN  US       B-GPE
        side      3  nsubj     NOUN   side
        rejected  3  ROOT      VERB   reject
        Ardenia   6  poss      PROPN  Ardenia  B-GPE
        's        4  case      PART   's
        plan      3  dobj      NOUN   plan
        .         3  punct     PUNCT  .
    """)
    assert (d.actor, d.actor_type, d.target) == ("United States", "organisation", "Ardenia")


def test_issue_is_capped():
    """An accusation's issue longer than MAX_ISSUE_WORDS words is cut there and ends in "…"."""
    d = one_dispute("""
        Ardenia   1   nsubj  PROPN  Ardenia   B-GPE
        accused   1   ROOT   VERB   accuse
        Solvaria  1   dobj   PROPN  Solvaria  B-GPE
        of        1   prep   ADP    of
        shelling  3   pobj   NOUN   shelling
        the       6   det    DET    the
        villages  4   dobj   NOUN   village   O  tag=NNS
        ,         6   punct  PUNCT  ,
        the       9   det    DET    the
        farms     6   conj   NOUN   farm      O  tag=NNS
        ,         9   punct  PUNCT  ,
        the       12  det    DET    the
        schools   9   conj   NOUN   school    O  tag=NNS
        ,         12  punct  PUNCT  ,
        the       15  det    DET    the
        roads     12  conj   NOUN   road      O  tag=NNS
        ,         15  punct  PUNCT  ,
        the       18  det    DET    the
        bridges   15  conj   NOUN   bridge    O  tag=NNS
        and       18  cc     CCONJ  and
        the       21  det    DET    the
        clinics   18  conj   NOUN   clinic    O  tag=NNS
        near      21  prep   ADP    near
        the       24  det    DET    the
        river     22  pobj   NOUN   river
        .         1   punct  PUNCT  .
    """)
    assert d.issue is not None and len(d.issue.split()) == MAX_ISSUE_WORDS + 1
    assert d.issue == (
        "shelling the villages, the farms, the schools, the roads, the bridges and the clinics …"
    )


# --------------------------------------------------------------------------- 14. ranking


ARDENIA_VERB_SOLVARIA = """
    Ardenia   1  nsubj  PROPN  Ardenia   B-GPE
    {verb}    1  ROOT   VERB   {lemma}
    Solvaria  1  dobj   PROPN  Solvaria  B-GPE
    .         1  punct  PUNCT  .
"""


def test_threat_ranks_above_criticism():
    """ "Ardenia threatened Solvaria" sits higher on the escalation ladder than "criticised"."""
    threat = one_dispute(ARDENIA_VERB_SOLVARIA.format(verb="threatened", lemma="threaten"))
    criticism = one_dispute(ARDENIA_VERB_SOLVARIA.format(verb="criticised", lemma="criticise"))
    assert (threat.cue_class, criticism.cue_class) == ("threaten", "criticise")
    assert threat.escalation > criticism.escalation


def test_label_is_trusted_less_than_a_verb():
    """A label ("called Dant dishonest") has lower confidence than a verb ("criticised Dant")."""
    label = one_dispute(CALLED_DANT_DISHONEST)
    verb = one_dispute("""
        Ada         1  compound  PROPN  Ada        B-PERSON
        Brook       2  nsubj     PROPN  Brook      I-PERSON
        criticised  2  ROOT      VERB   criticise
        Ivo         4  compound  PROPN  Ivo        B-PERSON
        Dant        2  dobj      PROPN  Dant       I-PERSON
        .           2  punct     PUNCT  .
    """)
    assert (label.actor, label.target) == (verb.actor, verb.target) == ("Ada Brook", "Ivo Dant")
    assert label.confidence < verb.confidence


def test_actor_from_the_statement_lowers_confidence():
    """An actor taken from the statement's speaker ('"We reject …," Navarro said') lowers it."""
    quoted = one_dispute(WE_REJECT_QUOTED)
    narrated = one_dispute("""
        Navarro   1  nsubj  PROPN  Navarro  B-PERSON
        rejected  1  ROOT   VERB   reject
        Ardenia   4  poss   PROPN  Ardenia  B-GPE
        's        2  case   PART   's
        plan      1  dobj   NOUN   plan
        .         1  punct  PUNCT  .
    """)
    assert (quoted.actor, quoted.target) == (narrated.actor, narrated.target)
    assert quoted.confidence < narrated.confidence


# --------------------------------------------------------------------------- 15. headlines


def test_title_case_headline_is_recognised():
    """Most longer words capitalised is title case; a sentence-case or short headline is not."""
    assert is_title_case("Ardenia Rejects Peace Plan From Solvaria")
    assert not is_title_case("Ardenia rejects peace plan from Solvaria")
    assert not is_title_case("Talks End")


def test_sentence_case_lowers_cue_and_body_words_but_not_names():
    """sentence_case keeps the length, lowers cue, function and body-lowercase words, not names."""
    headline = "Varga Blasts Kestria Over Dam Project"
    known = lower_case_words("Engineers said the dam would flood the valley.")
    out = sentence_case(headline, known)
    assert out == "Varga blasts Kestria over dam Project"
    assert len(out) == len(headline)
    # the first word and acronyms stay as they are; a name the body capitalises too
    assert sentence_case("Slams From NATO Hit Kestria Hard", known) == (
        "Slams from NATO hit Kestria Hard"
    )
    assert {"slammed", "slamming", "slams"} <= inflections("slam")


# "Ada Brook rejected the deal that Solvaria offered.", read with and without the offerer
REJECTED_OFFERED_DEAL = """
    Ada       1  compound  PROPN  Ada       B-PERSON
    Brook     2  nsubj     PROPN  Brook     I-PERSON
    rejected  2  ROOT      VERB   reject
    the       4  det       DET    the
    deal      2  dobj      NOUN   deal
    that      7  dobj      PRON   that      O  tag=WDT
    {party}   7  nsubj     PROPN  {party}   {ent}
    offered   4  relcl     VERB   offer
    .         2  punct     PUNCT  .
"""


def test_a_named_party_inside_the_cues_phrase_is_the_target():
    """ "rejected the deal that Solvaria offered" → Solvaria, though no owner is marked."""
    d = one_dispute(REJECTED_OFFERED_DEAL.format(party="Solvaria", ent="B-GPE"))
    assert (d.actor, d.target) == ("Ada Brook", "Solvaria")


def test_a_place_a_nationality_or_an_event_is_never_the_fallback_target():
    """ "in Teluria", "on Ardenian soil", "the Teluria Summit" describe; they oppose nobody."""
    place = one_dispute("""
        Ada       1  compound  PROPN  Ada       B-PERSON
        Brook     2  nsubj     PROPN  Brook     I-PERSON
        rejected  2  ROOT      VERB   reject
        the       4  det       DET    the
        deal      2  dobj      NOUN   deal
        in        2  prep      ADP    in
        Teluria   5  pobj      PROPN  Teluria   B-GPE
        .         2  punct     PUNCT  .
    """)
    nationality = one_dispute("""
        Ada       1  compound  PROPN  Ada       B-PERSON
        Brook     2  nsubj     PROPN  Brook     I-PERSON
        rejected  2  ROOT      VERB   reject
        the       4  det       DET    the
        deal      2  dobj      NOUN   deal
        on        2  prep      ADP    on
        Ardenian  7  amod      ADJ    ardenian  B-NORP  tag=JJ
        soil      5  pobj      NOUN   soil
        .         2  punct     PUNCT  .
    """)
    event = one_dispute("""
        Ada       1  compound  PROPN  Ada       B-PERSON
        Brook     2  nsubj     PROPN  Brook     I-PERSON
        rejected  2  ROOT      VERB   reject
        the       4  det       DET    the
        deal      2  dobj      NOUN   deal
        before    2  prep      ADP    before
        the       8  det       DET    the
        Teluria   8  compound  PROPN  Teluria   B-ORG
        Summit    5  pobj      PROPN  summit    I-ORG
        .         2  punct     PUNCT  .
    """)
    assert [d.target for d in (place, nationality, event)] == [None, None, None]


def test_whom_the_words_were_told_to_is_never_the_fallback_target():
    """ "Ada Brook told Teluria Radio she rejected the deal" opposes no one named."""
    d = one_dispute("""
        Ada       1  compound  PROPN  Ada       B-PERSON
        Brook     2  nsubj     PROPN  Brook     I-PERSON
        told      2  ROOT      VERB   tell
        Teluria   4  compound  PROPN  Teluria   B-ORG
        Radio     2  dobj      PROPN  Radio     I-ORG
        she       6  nsubj     PRON   she       O  tag=PRP
        rejected  2  ccomp     VERB   reject
        the       8  det       DET    the
        deal      6  dobj      NOUN   deal
        .         2  punct     PUNCT  .
    """)
    assert (d.actor, d.target) == ("Ada Brook", None)


def test_group_of_seven_is_the_g7():
    """ "Group of Seven" and "G-7" name the G7 wherever a party is named."""
    assert full_party_name("Group of Seven") == "G7"
    assert full_party_name("the G-7") == "G7"
    assert full_party_name("Group of 20") == "G20"


def test_it_in_what_a_state_said_is_that_state():
    """ "Teluria said it rejected the plan" → Teluria rejected (never "it", never nobody)."""
    d = one_dispute("""
        Teluria   1  nsubj  PROPN  Teluria   B-GPE
        said      1  ROOT   VERB   say
        it        3  nsubj  PRON   it        O  tag=PRP
        rejected  1  ccomp  VERB   reject
        the       5  det    DET    the
        plan      3  dobj   NOUN   plan
        .         1  punct  PUNCT  .
    """)
    assert (d.actor, d.cue_class) == ("Teluria", "reject")


def test_a_phrase_cue_reads_through_quotation_marks():
    """'Teluria said it was "opposed" to Ardenia's plan' is the phrase "opposed to"."""
    d = one_dispute("""
        Teluria  1   nsubj  PROPN  Teluria  B-GPE
        said     1   ROOT   VERB   say
        it       3   nsubj  PRON   it       O  tag=PRP
        was      1   ccomp  AUX    be
        "        5   punct  PUNCT  "
        opposed  3   acomp  ADJ    opposed
        "        5   punct  PUNCT  "
        to       5   prep   ADP    to
        Ardenia  10  poss   PROPN  Ardenia  B-GPE
        's       8   case   PART   's
        plan     7   pobj   NOUN   plan
        .        1   punct  PUNCT  .
    """)
    assert (d.actor, d.cue_class, d.target) == ("Teluria", "reject", "Ardenia")


TROUBLED_BY = """
    Ada        1  compound  PROPN  Ada        B-PERSON
    Brook      2  nsubj     PROPN  Brook      I-PERSON
    was        2  ROOT      AUX    be
    troubled   2  acomp     ADJ    troubled
    by         3  prep      ADP    by
    {object}
    .          2  punct     PUNCT  .
"""


def test_concern_about_a_situation_is_no_dispute_but_about_a_party_is():
    """ "troubled by the situation" opposes nobody; "troubled by Solvaria" is a protest."""
    no_dispute(
        TROUBLED_BY.format(
            object="the        6  det  DET  the\n    situation  4  pobj  NOUN  situation"
        )
    )
    d = one_dispute(TROUBLED_BY.format(object="Solvaria   4  pobj  PROPN  Solvaria  B-GPE"))
    assert (d.actor, d.cue_class, d.target) == ("Ada Brook", "protest", "Solvaria")
