"""Dispute rules 2.12, through the model: a demand written in the passive and addressed to someone
("You should be investigated") is a demand of the one addressed, as the active one is;
"Solvaria should be readmitted" is no demand against Solvaria.

Names are invented (Ada Brook, Peter Olsen: people; Solvaria: a state).
"""

from __future__ import annotations

from .helpers import named_disputes as _found


def test_a_passive_demand_addressed_to_you_is_a_demand_of_the_addressee(extractor):
    """'"You should be investigated," Brook told Olsen' → Brook demands, of Olsen."""
    text = '"You should be investigated for this," Ada Brook told Peter Olsen on Monday.'
    assert _found(extractor, text) == [("Ada Brook", "demand", "Peter Olsen")]


def test_a_passive_demand_to_readmit_a_party_is_not_against_that_party(extractor):
    """'"Solvaria should be readmitted to the group"': a demand for Solvaria, not against it,
    so Solvaria is never its target."""
    text = '"Solvaria should be readmitted to the group," Ada Brook said on Monday.'
    assert all(target != "Solvaria" for _, _, target in _found(extractor, text))


def test_a_passive_wish_about_an_unnamed_thing_is_no_demand(extractor):
    """'"The talks should be held in spring," Brook said' names no party: nothing."""
    text = '"The talks should be held in the spring," Ada Brook said on Monday.'
    assert _found(extractor, text) == []


def test_a_gerund_after_for_is_done_by_the_object_of_the_verb(extractor):
    """ "held Olsen in contempt for refusing to testify": Olsen refused, and refused
    the parliament that reacts, not the other way round."""
    text = (
        "The Ardenian parliament held Peter Olsen in contempt on Monday for refusing to "
        "cooperate with its inquiry."
    )
    refusals = [(a, t) for a, c, t in _found(extractor, text) if c == "reject"]
    assert refusals == [("Peter Olsen", "Ardenian parliament")]


def test_a_gerund_in_the_predicate_is_done_by_the_clause_subject(extractor):
    """ "Ada Brook has been at the forefront of criticising Olsen" → Brook criticises Olsen."""
    text = "Ada Brook has been at the forefront of criticising Peter Olsen over the tariffs."
    assert ("Ada Brook", "criticise", "Peter Olsen") in _found(extractor, text)


def test_refusing_to_disclose_one_s_own_records_targets_nobody_not_named(extractor):
    """ "Olsen refused to disclose his medical records" after a sentence about his rival
    Brook: no one asked in this sentence, so Brook is not made its target."""
    text = (
        "Ada Brook attacked Peter Olsen over the tariffs on Monday. "
        "Olsen has steadfastly refused to disclose his medical records."
    )
    refusals = [(a, t) for a, c, t in _found(extractor, text) if c == "reject"]
    assert refusals == [("Peter Olsen", None)]


def test_a_named_person_attacking_police_officers_criticises_them(extractor):
    """ "Ada Brook attacked police officers over the raids" is words, not violence."""
    text = "Ada Brook attacked police officers nationwide over the raids on Monday."
    assert [(a, c) for a, c, _ in _found(extractor, text)] == [("Ada Brook", "criticise")]


def test_gunmen_attacking_police_officers_is_violence_not_a_dispute(extractor):
    """ "Gunmen attacked police officers in the capital" stays no dispute."""
    text = "Gunmen attacked police officers in the capital of Ardenia on Monday."
    assert _found(extractor, text) == []


def test_holding_a_party_in_contempt_is_the_holder_s_accusation(extractor):
    """ "The parliament voted to hold Olsen in contempt" → the parliament accuses Olsen."""
    text = "The Ardenian parliament voted on Monday to hold Peter Olsen in contempt."
    assert _found(extractor, text) == [("Ardenian parliament", "accuse", "Peter Olsen")]


def test_holding_a_tough_meeting_judges_nobody(extractor):
    """ "Brook held a tough meeting with Olsen": "hold" frames verdicts, never labels."""
    text = "Ada Brook held a tough meeting with Peter Olsen on Monday."
    assert _found(extractor, text) == []


def test_a_reject_phrase_written_with_its_negation_is_found_however_it_is_announced(extractor):
    """ "Ardenia would not sign on to the communique" (reported): the refusal is the dispute,
    as "will not accept" is; the phrase's own "not" never blocks it."""
    text = "Ada Brook announced that Ardenia would not sign on to the communique after all."
    assert [(a, c) for a, c, _ in _found(extractor, text)] == [("Ardenia", "reject")]


def test_a_reject_phrase_under_if_stays_hypothetical(extractor):
    """ "If Ardenia does not sign on to the deal, …" is a condition, not a refusal."""
    text = "If Ardenia does not sign on to the deal, the talks will end, Ada Brook said."
    assert _found(extractor, text) == []


def test_a_label_inside_one_of_the_worst_is_said_of_the_subject(extractor):
    """'"That was one of the worst miscalculations in modern history," Brook said' after
    Olsen's tariff → Brook criticises: "one of …" is the label's subject complement."""
    text = (
        "Peter Olsen imposed the tariff on Monday. "
        '"That was one of the worst miscalculations in modern history," Ada Brook said.'
    )
    assert [(a, c) for a, c, _ in _found(extractor, text)] == [("Ada Brook", "criticise")]


def test_a_gerund_with_its_own_subject_is_done_by_that_subject(extractor):
    """ "None of that happened, with Ardenia cancelling the summit" → Ardenia, never "none"."""
    text = "None of that happened, with Ardenia cancelling the summit with Solvaria on Monday."
    assert [(a, c) for a, c, _ in _found(extractor, text)] == [("Ardenia", "reject")]


def test_bristling_at_a_suggestion_is_a_protest_with_no_party_opposed(extractor):
    """ "Hale bristles at the suggestion he won't be ready" → Hale protests; nobody named made
    the suggestion, so no earlier party is its target."""
    text = (
        "Ada Brook leads Tom Hale in the polls. "
        "Hale bristles at the suggestion he won't be ready for the job."
    )
    protests = [(a, t) for a, c, t in _found(extractor, text) if c == "protest"]
    assert protests == [("Tom Hale", None)]


def test_opposing_an_ill_in_general_opposes_nobody(extractor):
    """ "Brook says she opposes gun violence" names no party opposed: nothing, not even an
    earlier rival as target."""
    text = (
        "Ada Brook is running against Peter Olsen. "
        "Brook says she opposes gun violence but that new laws won't help prevent it."
    )
    assert [(a, c) for a, c, _ in _found(extractor, text) if c == "reject"] == []


def test_condemning_violence_by_a_party_still_opposes_that_party(extractor):
    """ "Brook condemned the violence by Ardenia" → Brook criticises Ardenia."""
    text = "Ada Brook condemned the violence by Ardenia on Monday."
    assert _found(extractor, text) == [("Ada Brook", "criticise", "Ardenia")]


def test_an_order_about_the_addressee_s_things_is_a_demand_of_them(extractor):
    """'Hale added, "Take down your tariffs or we will more than match you!"' → Hale demands
    (issue: the order, not the threat joined to it) and threatens."""
    text = (
        'Tom Hale wrote to Peter Olsen on Friday. Hale added, "Take down your tariffs and '
        'barriers or we will more than match you!"'
    )
    found = {(d.actor, d.cue_class, d.issue) for d in extractor.extract(text).disputes}
    assert ("Tom Hale", "demand", "Take down your tariffs and barriers") in found
    assert any(a == "Tom Hale" and c == "threaten" for a, c, _ in found)


def test_an_order_about_nothing_of_the_addressee_is_no_demand(extractor):
    """'"Look at the facts," Brook said' orders nothing of anyone's: no dispute."""
    text = 'Ada Brook met Peter Olsen on Friday. "Look at the facts," Brook said.'
    assert _found(extractor, text) == []


def test_refusing_to_give_up_one_s_own_programme_is_a_rejection(extractor):
    """ "Ardenia refused to walk away from its nuclear programme" → Ardenia rejects (what it
    was asked to give up)."""
    text = "Solvaria met Ardenia in Tarn. Ardenia refused to walk away from its nuclear programme."
    assert [(a, c) for a, c, _ in _found(extractor, text)] == [("Ardenia", "reject")]


def test_refusing_to_walk_away_from_talks_rejects_nothing(extractor):
    """ "Ardenia refused to walk away from the talks" keeps talking: no dispute."""
    text = "Solvaria met Ardenia in Tarn. Ardenia refused to walk away from the talks."
    assert _found(extractor, text) == []


def test_a_main_verb_left_without_subject_takes_the_name_right_before_it(extractor):
    """ "…, Democratic nominee Ada Brook apparently disagrees with her former boss", the name
    parsed as an apposition of the state before it: Brook disagrees."""
    text = (
        "As President Peter Olsen appears set to veto legislation that would allow families to "
        "sue Ardenia, Democratic nominee Ada Brook apparently disagrees with her former boss."
    )
    assert ("Ada Brook", "criticise", "Peter Olsen") in _found(extractor, text)
