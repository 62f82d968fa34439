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
