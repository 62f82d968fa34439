"""subject_of with a known parse: verbs joined to a passive one share its subject, never its
"by" agent (extractor 2.11). Names are invented."""

from __future__ import annotations

from extract.statements import subject_of
from tests.extract.docs import parsed_doc

# "Dant said Ardenia will not be pushed around by Solvaria and called the tariffs unjust ."
# with "called" hung on "pushed" as a conjunct, as the small model parses such sentences.
PUSHED_AND_CALLED = """
Dant 1 nsubj PROPN Dant B-PERSON
said 1 ROOT VERB say
Ardenia 6 nsubjpass PROPN Ardenia B-GPE
will 6 aux AUX will
not 6 neg PART not
be 6 auxpass AUX be
pushed 1 ccomp VERB push tag=VBN
around 6 prt ADP around
by 6 agent ADP by
Solvaria 8 pobj PROPN Solvaria B-GPE
and 6 cc CCONJ and
called 6 conj VERB call tag=VBD
the 13 det DET the
tariffs 11 dobj NOUN tariff
unjust 11 oprd ADJ unjust
. 1 punct PUNCT .
"""


def test_a_verb_joined_to_a_passive_never_takes_the_passives_agent_as_subject():
    doc = parsed_doc(PUSHED_AND_CALLED)
    subject = subject_of(doc[11])
    assert subject is None or subject.text != "Solvaria"  # not who did the pushing


def test_a_passive_cue_still_names_its_own_agent():
    doc = parsed_doc(PUSHED_AND_CALLED)
    assert subject_of(doc[6]).text == "Solvaria"  # "pushed around by Solvaria"
