"""Who acts, with a known parse (extractor 2.11): a verb joined to a passive one never takes
its "by" agent; an act phrase in quotation marks is done by its own subject. Names are
invented."""

from __future__ import annotations

from extract.dispute_cues import find_cues
from extract.disputes import _syntactic_actor
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
    """A verb joined to a passive one never takes the passive's "by" agent as its subject."""
    doc = parsed_doc(PUSHED_AND_CALLED)
    subject = subject_of(doc[11])
    assert subject is None or subject.text != "Solvaria"  # not who did the pushing


def test_a_passive_cue_still_names_its_own_agent():
    """A passive cue itself still names its own "by" agent."""
    doc = parsed_doc(PUSHED_AND_CALLED)
    assert subject_of(doc[6]).text == "Solvaria"  # "pushed around by Solvaria"


# '"He decided to up the ante and put more pressure on Solvaria ."' inside quotation marks
PRESSURE_IN_QUOTE = """
“ 2 punct PUNCT “
He 2 nsubj PRON he
decided 2 ROOT VERB decide tag=VBD
to 4 aux PART to
up 2 xcomp VERB up
the 6 det DET the
ante 4 dobj NOUN ante
and 2 cc CCONJ and
put 2 conj VERB put tag=VBD
more 10 amod ADJ more
pressure 8 dobj NOUN pressure
on 8 prep ADP on
Solvaria 11 pobj PROPN Solvaria B-GPE
. 2 punct PUNCT .
” 2 punct PUNCT ”
"""


def test_an_act_phrase_in_quotation_marks_is_done_by_its_own_subject_not_the_speaker():
    """'"He … put more pressure on Solvaria"': "He" acts, whoever is quoted saying it."""
    doc = parsed_doc(PRESSURE_IN_QUOTE)
    (hit,) = [h for h in find_cues(doc[:]) if h.cue_class == "demand"]
    assert hit.kind == "phrase" and _syntactic_actor(hit).text == "He"
