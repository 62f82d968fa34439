"""Speaker rules 2.8 on hand-built Docs: who said a quotation. Names are invented."""

from __future__ import annotations

from extract.speakers import person_names

from .docs import make_doc
from .helpers import run
from .test_dispute_rules import doc_of

# '"We will sign," Ada Brook said. "Ardenia wants a photo op. No matter what anyone says, that
# is not a serious plan," said Ivo Dant.' (the last clause hangs under "says", so "said" has
# no content of its own, as the model parses it)
QUOTE_THEN_SAID_X = """
    "        8  punct     PUNCT  "
    We       3  nsubj     PRON   we
    will     3  aux       AUX    will
    sign     8  ccomp     VERB   sign
    ,        8  punct     PUNCT  ,
    "        8  punct     PUNCT  "
    Ada      7  compound  PROPN  Ada      B-PERSON
    Brook    8  nsubj     PROPN  Brook    I-PERSON
    said     8  ROOT      VERB   say
    .        8  punct     PUNCT  .
    "        12 punct     PUNCT  "
    Ardenia  12 nsubj     PROPN  Ardenia  B-GPE
    wants    12 ROOT      VERB   want
    a        15 det       DET    a
    photo    15 compound  NOUN   photo
    op       12 dobj      NOUN   op
    .        12 punct     PUNCT  .
    No       18 neg       ADV    no
    matter   31 advmod    ADV    matter
    what     21 dobj      PRON   what
    anyone   21 nsubj     PRON   anyone
    says     18 ccomp     VERB   say
    ,        21 punct     PUNCT  ,
    that     24 nsubj     PRON   that
    is       21 ccomp     AUX    be
    not      24 neg       PART   not
    a        28 det       DET    a
    serious  28 amod      ADJ    serious
    plan     24 attr      NOUN   plan
    ,        31 punct     PUNCT  ,
    "        31 punct     PUNCT  "
    said     31 ROOT      VERB   say
    Ivo      33 compound  PROPN  Ivo      B-PERSON
    Dant     31 nsubj     PROPN  Dant     I-PERSON
    .        31 punct     PUNCT  .
"""


def test_a_quotation_of_several_sentences_belongs_to_the_said_x_after_it():
    """'"Ardenia wants a photo op. … that is not a serious plan," said Ivo Dant.' after a quote
    by Ada Brook → Dant's words, all of them (regression: the inverted "said X" after a
    multi-sentence quotation was dropped and the quotation inherited Brook as a floating
    quote)."""
    statements = run(doc_of(QUOTE_THEN_SAID_X)).statements
    quoted = [s for s in statements if "photo op" in s.content]
    assert [(s.speaker, s.kind) for s in quoted] == [("Ivo Dant", "direct")]
    assert "serious plan" in quoted[0].content


def test_a_person_entity_joined_by_of_is_no_one_name():
    """NER's "Kuro of Vell" ("… especially Kuro of Vell") is two people, not a full name
    "Kuro Vell" that a later "Kuro" would be read as (regression: "Trump Macron")."""
    doc = make_doc(
        [
            ("especially", 1, "advmod", "ADV", "especially"),
            ("Kuro", 1, "ROOT", "PROPN", "Kuro"),
            ("of", 1, "prep", "ADP", "of"),
            ("Vell", 2, "pobj", "PROPN", "Vell"),
            (".", 1, "punct", "PUNCT", "."),
        ],
        ents=["O", "B-PERSON", "I-PERSON", "I-PERSON", "O"],
    )
    assert person_names(list(doc.ents)) == []
