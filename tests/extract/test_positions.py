"""Position changes (`extract.positions`): the flip rules on hand-built parses, the alert gate,
and a few sentences of our own through the real model.

Names are invented (Ardenia, Solvaria: states). Each parse gives its sentence.
"""

from __future__ import annotations

import json

import pytest

from extract.evaluate_positions import CHANGE, PAIRS_PATH, load_pairs, score_pairs
from extract.positions import (
    ALERT_PRECISION_BAR,
    POSITIONS_VERSION,
    Measured,
    alerts_allowed,
    asserts_position,
    position_change,
    stances,
    stances_from_json,
    stances_json,
    statement_stances,
)

from .docs import parsed_doc

# "Ardenia will attend the talks ."
ATTEND = """
    Ardenia  2  nsubj  PROPN  Ardenia
    will     2  aux    AUX    will
    attend   2  ROOT   VERB   attend
    the      4  det    DET    the
    talks    2  dobj   NOUN   talk
    .        2  punct  PUNCT  .
"""
# "Ardenia will not attend the talks ."
NOT_ATTEND = """
    Ardenia  3  nsubj  PROPN  Ardenia
    will     3  aux    AUX    will
    not      3  neg    PART   not
    attend   3  ROOT   VERB   attend
    the      5  det    DET    the
    talks    3  dobj   NOUN   talk
    .        3  punct  PUNCT  .
"""
# "Ardenia could attend the talks ."
COULD_ATTEND = ATTEND.replace("will     2  aux    AUX    will", "could    2  aux    AUX    could")
# "Ardenia will not attend the fishing conference ."
NOT_ATTEND_OTHER = """
    Ardenia     3  nsubj     PROPN  Ardenia
    will        3  aux       AUX    will
    not         3  neg       PART   not
    attend      3  ROOT      VERB   attend
    the         6  det       DET    the
    fishing     6  compound  NOUN   fishing
    conference  3  dobj      NOUN   conference
    .           3  punct     PUNCT  .
"""
# "Ardenia supports the ceasefire plan ."
SUPPORTS = """
    Ardenia    1  nsubj     PROPN  Ardenia
    supports   1  ROOT      VERB   support
    the        4  det       DET    the
    ceasefire  4  compound  NOUN   ceasefire
    plan       1  dobj      NOUN   plan
    .          1  punct     PUNCT  .
"""
OPPOSES = SUPPORTS.replace(
    "supports   1  ROOT      VERB   support", "opposes    1  ROOT      VERB   oppose"
)
# "There will be no deal on grain ."
NO_DEAL = """
    There  2  expl   PRON   there
    will   2  aux    AUX    will
    be     2  ROOT   AUX    be
    no     4  det    DET    no
    deal   2  attr   NOUN   deal
    on     4  prep   ADP    on
    grain  5  pobj   NOUN   grain
    .      2  punct  PUNCT  .
"""
# "A deal on grain is close ."
DEAL_CLOSE = """
    A      1  det     DET    a
    deal   4  nsubj   NOUN   deal
    on     1  prep    ADP    on
    grain  2  pobj    NOUN   grain
    is     4  ROOT    AUX    be
    close  4  acomp   ADJ    close
    .      4  punct   PUNCT  .
"""
# "Solvaria will not raise the fuel tax ." / "… will not cut the fuel tax ."
NOT_RAISE = """
    Solvaria  3  nsubj     PROPN  Solvaria
    will      3  aux       AUX    will
    not       3  neg       PART   not
    raise     3  ROOT      VERB   raise
    the       6  det       DET    the
    fuel      6  compound  NOUN   fuel
    tax       3  dobj      NOUN   tax
    .         3  punct     PUNCT  .
"""
NOT_CUT = NOT_RAISE.replace(
    "raise     3  ROOT      VERB   raise", "cut       3  ROOT      VERB   cut"
)
# "Solvaria will raise the tobacco tax ."
RAISE_OTHER_TAX = """
    Solvaria  2  nsubj     PROPN  Solvaria
    will      2  aux       AUX    will
    raise     2  ROOT      VERB   raise
    the       5  det       DET    the
    tobacco   5  compound  NOUN   tobacco
    tax       2  dobj      NOUN   tax
    .         2  punct     PUNCT  .
"""
# "Ardenia is not ready to support the plan ."
NOT_READY_TO_SUPPORT = """
    Ardenia  1  nsubj  PROPN  Ardenia
    is       1  ROOT   AUX    be
    not      1  neg    PART   not
    ready    1  acomp  ADJ    ready
    to       5  aux    PART   to
    support  3  xcomp  VERB   support
    the      7  det    DET    the
    plan     5  dobj   NOUN   plan
    .        1  punct  PUNCT  .
"""
# "Ardenia refused to back the plan ."
REFUSED_TO_BACK = """
    Ardenia  1  nsubj  PROPN  Ardenia
    refused  1  ROOT   VERB   refuse
    to       3  aux    PART   to
    back     1  xcomp  VERB   back
    the      5  det    DET    the
    plan     3  dobj   NOUN   plan
    .        1  punct  PUNCT  .
"""
# "Will Ardenia attend the talks ?"
QUESTION = """
    Will     2  aux    AUX    will
    Ardenia  2  nsubj  PROPN  Ardenia
    attend   2  ROOT   VERB   attend
    the      4  det    DET    the
    talks    2  dobj   NOUN   talk
    ?        2  punct  PUNCT  ?
"""


def held(table: str):
    return stances(parsed_doc(table))


def flagged(earlier: str, later: str):
    return position_change(held(earlier), held(later))


def test_will_attend_then_will_not_attend_is_a_possible_change():
    """ "will attend" / "will not attend" the same talks: attend +1 → -1 about the talks."""
    change = flagged(ATTEND, NOT_ATTEND)
    assert change is not None
    assert (change.predicate, change.earlier, change.later) == ("attend", 1, -1)
    assert change.issue == ("ardenia", "talk")


def test_supports_then_opposes_reads_the_antonym_as_its_pair_negated():
    """ "supports" / "opposes" the ceasefire plan: one predicate, support, at +1 and -1."""
    change = flagged(SUPPORTS, OPPOSES)
    assert change is not None and change.predicate == "support"


def test_no_deal_then_a_deal_is_close_is_a_possible_change():
    """ "There will be no deal on grain" / "A deal on grain is close": the deal is held, -1 then
    +1 (closeness is not itself a position)."""
    assert [(s.predicate, s.polarity) for s in held(NO_DEAL)] == [("deal", -1)]
    assert ("deal", 1) in [(s.predicate, s.polarity) for s in held(DEAL_CLOSE)]
    assert flagged(NO_DEAL, DEAL_CLOSE).issue == ("grain",)


def test_the_same_position_in_the_same_words_is_no_change():
    """Saying it twice is no change of position."""
    assert flagged(NOT_ATTEND, NOT_ATTEND) is None and flagged(SUPPORTS, SUPPORTS) is None


def test_a_hedged_statement_holds_no_position():
    """ "could attend" and a question hold nothing, so nothing can flip against them."""
    assert held(COULD_ATTEND) == () and held(QUESTION) == ()
    assert flagged(COULD_ATTEND, NOT_ATTEND) is None


def test_negated_antonyms_are_compatible_not_opposite():
    """ "will not raise" / "will not cut" the fuel tax: neither up nor down, no change."""
    assert flagged(NOT_RAISE, NOT_CUT) is None


def test_the_same_predicate_about_another_issue_is_no_change():
    """Attending the talks and not the fishing conference; not raising one tax and raising
    another: the nouns differ, or the shared noun is told apart by its modifier."""
    assert flagged(ATTEND, NOT_ATTEND_OTHER) is None
    assert flagged(NOT_RAISE, RAISE_OTHER_TAX) is None


def test_negation_reaches_a_complement_and_a_refusal_flips_it():
    """ "is not ready to support" and "refused to back" hold support at -1, so each is a
    change after "supports" and none after "opposes"."""
    for table in (NOT_READY_TO_SUPPORT, REFUSED_TO_BACK):
        assert ("support", -1) in [(s.predicate, s.polarity) for s in held(table)]
        assert flagged(SUPPORTS, table) is not None
        assert flagged(OPPOSES, table) is None


def test_stances_survive_storage_as_json():
    """What `jobs.positions` stores reads back as the same stances."""
    found = held(SUPPORTS) + held(NOT_RAISE)
    assert stances_from_json(stances_json(found)) == found
    assert json.loads(stances_json(found))[0]["p"] == "support"


def test_an_evaluative_cue_reports_no_position_of_the_speaker():
    """ "accused [Clinton of dragging her feet]" holds no position on dragging feet;
    "pressing his attack [that …]" is saying, and so is "said"."""
    assert not asserts_position("accused") and not asserts_position("has called for")
    assert asserts_position("said") and asserts_position("now pressing his attack")
    assert statement_stances(parsed_doc(SUPPORTS), "accused") == ()
    assert statement_stances(parsed_doc(SUPPORTS), "said") == held(SUPPORTS)


# --------------------------------------------------------------------------- the alert gate


def test_alerts_are_allowed_only_at_the_bar_on_all_pairs_and_on_real_statements():
    """The gate opens at precision ≥ 0.85 on the labelled set *and* on its real statements
    alone; just below either, it stays shut."""
    assert ALERT_PRECISION_BAR == 0.85
    assert alerts_allowed(Measured(POSITIONS_VERSION, 0.85, 0.9))
    assert not alerts_allowed(Measured(POSITIONS_VERSION, 0.849, 0.9))
    assert not alerts_allowed(Measured(POSITIONS_VERSION, 0.95, 0.4))


def test_rules_that_were_not_measured_never_alert():
    """Figures recorded for other rules (another version) keep the gate shut."""
    assert not alerts_allowed(Measured("0.9", 1.0, 1.0))


def test_the_recorded_figures_keep_alerts_off_while_real_precision_is_below_the_bar():
    """The figures `--record` stored for these rules: real-statement precision is under 0.85,
    so changes are shown in timelines only (the README gives the figures)."""
    from extract.positions import measured

    figures = measured()
    assert figures is not None and figures.version == POSITIONS_VERSION
    assert alerts_allowed() == (min(figures.precision, figures.real_precision) >= 0.85)
    assert not alerts_allowed()


# --------------------------------------------------------------------------- the labelled set


def test_the_labelled_set_is_60_pairs_or_more_half_of_them_traps_without_copied_text():
    """evaluation/positions.jsonl: ≥ 60 pairs, at least half traps, and pairs from the shared
    quotes-dev data carry only references (article id and quote id), never its text."""
    rows = [json.loads(line) for line in PAIRS_PATH.read_text("utf-8").splitlines()]
    assert len(rows) >= 60
    assert sum(row["label"] != CHANGE for row in rows) * 2 >= len(rows)
    assert {row["label"] for row in rows} == {CHANGE, "same-position", "other-issue"}
    for row in rows:
        for side in (row["earlier"], row["later"]):
            if row["source"] == "own":
                assert side["text"] and "ref" not in side
            else:
                assert set(side) == {"ref"} and set(side["ref"]) == {"article", "quote"}


@pytest.mark.slow
def test_our_own_pairs_score_without_the_shared_data(nlp, tmp_path):
    """Without the quotes file the referenced pairs are skipped and counted, and our own
    pairs are scored: every one of our traps stays unflagged."""
    pairs, skipped = load_pairs(PAIRS_PATH, tmp_path / "absent.jsonl")
    assert skipped > 0 and all(pair.source == "own" for pair in pairs)
    scores = score_pairs(nlp, pairs, skipped)
    assert scores.fp == 0 and scores.tp >= 20


@pytest.mark.slow
@pytest.mark.parametrize(
    ("earlier", "later", "change"),
    [
        ("Lavrov said Russia will attend the Geneva talks.",
         "Russia will not attend the Geneva talks, Lavrov said.", True),
        ("There will be no deal on grain exports this year.",
         "A deal on grain exports is close.", True),
        ("Ardenia opposes the new border treaty.", "Ardenia supports the new border treaty.", True),
        ("We cannot accept the draft communique.", "We reject the draft communique.", False),
        ("Ardenia might attend the Geneva talks.", "Ardenia will not attend the Geneva talks.",
         False),
        ("Russia will attend the Geneva talks.", "Russia will not attend the fishing summit.",
         False),
    ],
)  # fmt: skip
def test_sentences_of_our_own_through_the_model(nlp, earlier, later, change):
    """A few sentences through the real model: flips flagged, rewordings, hedges and other
    issues not."""
    found = position_change(stances(nlp(earlier)), stances(nlp(later)))
    assert (found is not None) == change
