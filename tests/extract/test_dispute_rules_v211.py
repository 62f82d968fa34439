"""Dispute rules 2.11: stances held by a subject ("is opposed to"), pressure from a party,
criticism or pressure a party comes under, and a party acting through its statement or tweet.

Names are invented (Ada Brook, Ivo Dant: people; Ardenia, Solvaria: states). Sentences run
through the model.
"""

from __future__ import annotations

from .helpers import named_disputes as _found


def test_a_subject_opposed_to_something_rejects_it_and_the_issue_is_what_it_opposes(extractor):
    """ "Brook is opposed to the treaty" is Brook's rejection, issue "the treaty"."""
    found = extractor.extract("Ada Brook is opposed to the treaty.").disputes
    assert [(d.actor, d.cue_class, d.issue) for d in found] == [
        ("Ada Brook", "reject", "the treaty")
    ]


def test_a_party_opposed_to_a_deal_with_another_opposes_that_party(extractor):
    """ "Ardenia remains firmly opposed to any deal with Solvaria" → Ardenia against Solvaria."""
    text = "Ardenia remains firmly opposed to any deal with Solvaria."
    assert _found(extractor, text) == [("Ardenia", "reject", "Solvaria")]


def test_the_holder_of_a_stance_in_a_relative_clause_is_its_subject_not_the_relative(extractor):
    """ "exercises with Solvaria, which Brook is opposed to": Brook opposes; "which" is the
    object, so the exercises (or Solvaria) never hold the stance."""
    text = (
        "Dant wants joint exercises with Solvaria, which Ada Brook is opposed to because of "
        "the cost."
    )
    assert [a for a, _, _ in _found(extractor, text)] == ["Ada Brook"]


def test_pressure_from_a_party_is_its_demand_of_the_one_under_pressure(extractor):
    """ "Dant has been under pressure from Ardenia to drop the tariffs" → Ardenia demands of
    Dant."""
    text = "Ivo Dant has been under pressure from Ardenia to drop the tariffs."
    found = extractor.extract(text).disputes
    assert [(d.actor, d.cue_class, d.target, d.issue) for d in found] == [
        ("Ardenia", "demand", "Ivo Dant", "drop the tariffs")
    ]


def test_pressure_from_things_is_no_party_demanding_anything(extractor):
    """ "Prices have been under pressure from rising costs": nobody is named as acting."""
    assert _found(extractor, "Prices have been under pressure from rising costs.") == []


def test_a_party_that_came_under_criticism_from_another_is_its_target(extractor):
    """ "Brook came under criticism from Ardenia" → Ardenia criticises Brook."""
    text = "Ada Brook came under criticism from Ardenia over the budget."
    assert _found(extractor, text) == [("Ardenia", "criticise", "Ada Brook")]


def test_a_partys_statement_that_accuses_is_the_partys_accusation(extractor):
    """ "Ardenia's statement accused Solvaria" → Ardenia, not "Ardenia statement"."""
    text = "Ardenia's statement accused Solvaria of stalling the talks."
    assert _found(extractor, text) == [("Ardenia", "accuse", "Solvaria")]


def test_a_persons_tweet_mocking_someone_is_that_persons_mockery(extractor):
    """A person's tweet mocking someone is that person's mockery."""
    text = "Ivo Dant's tweet was really mocking Ada Brook."
    assert _found(extractor, text) == [("Ivo Dant", "criticise", "Ada Brook")]


def test_our_statement_in_someones_words_is_the_speakers(extractor):
    """'"Our statement criticised Solvaria," Brook said' → Brook."""
    text = '"Our statement criticised Solvaria," Ada Brook said.'
    assert _found(extractor, text) == [("Ada Brook", "criticise", "Solvaria")]


def test_a_statement_that_did_not_criticise_is_no_dispute(extractor):
    """A statement that did not criticise is no dispute."""
    text = "Ardenia's statement did not criticise Solvaria."
    assert _found(extractor, text) == []


# --------------------------------------------------------------------------- guards (2.11)


def test_terror_attacks_and_attacks_named_after_a_place_are_violence_not_words(extractor):
    """ "the Kelvar terror attacks", "Ardenian militant-linked attacks" name nobody's criticism."""
    text = (
        "Ada Brook said the Kelvar terror attacks showed the danger. Ivo Dant spoke of "
        "militant-linked attacks and mass shootings in Kelvar."
    )
    assert [d.cue for d in extractor.extract(text).disputes] == []


def test_a_partys_attacks_on_another_are_still_criticism(extractor):
    """A party's attacks on another are still criticism."""
    text = "Ivo Dant's attacks on Ada Brook continued on Monday."
    assert _found(extractor, text) == [("Ivo Dant", "criticise", "Ada Brook")]


def test_a_rival_in_a_race_is_a_role_not_an_act_of_opposing(extractor):
    """ "Brook's Democratic opponent, Ivo Dant, praised the plan": no dispute."""
    text = "Ada Brook's Democratic opponent, Senator Ivo Dant, also praised the plan."
    assert _found(extractor, text) == []


def test_an_opponent_of_a_measure_still_rejects_it(extractor):
    """An opponent of a measure still rejects it, with the measure as the issue."""
    found = extractor.extract("Ada Brook is a fierce opponent of the treaty.").disputes
    assert [(d.actor, d.cue_class, d.issue) for d in found] == [
        ("Ada Brook", "reject", "the treaty")
    ]


def test_you_and_i_should_is_an_appeal_to_the_speakers_own_side(extractor):
    """ "You and I should …" is an appeal to the speaker's own side, no demand."""
    text = '"You and I should unite behind Ivo Dant," Ada Brook said.'
    assert _found(extractor, text) == []


def test_urging_someone_to_run_or_stay_is_support_not_a_demand(extractor):
    """Urging someone to run or to stay is support, not a demand."""
    text = (
        '"That is why I urged Ivo Dant to run for president," Ada Brook said. '
        "Ardenia pressed Solvaria to stay in the alliance."
    )
    assert _found(extractor, text) == []


def test_urging_a_party_to_drop_its_tariffs_is_still_a_demand(extractor):
    """Urging a party to drop its tariffs is still a demand."""
    text = "Ardenia urged Solvaria to drop its tariffs."
    assert _found(extractor, text) == [("Ardenia", "demand", "Solvaria")]


def test_worry_about_a_partys_health_is_care_not_a_protest(extractor):
    """Worry about a party's health is care, not a protest."""
    text = "Voters are worried about Ada Brook's health, Ivo Dant said."
    assert _found(extractor, text) == []


def test_concern_about_a_partys_conduct_is_still_a_protest(extractor):
    """Concern about a party's conduct is still a protest against it."""
    text = "Ardenia voiced concern about Solvaria's troop build-up."
    assert _found(extractor, text) == [("Ardenia", "protest", "Solvaria")]


def test_urging_a_resisting_party_to_join_something_is_still_a_demand(extractor):
    """Urging a resisting party to join something is still a demand."""
    text = "Ada Brook urged Republicans to join the ranks of climate change believers."
    assert _found(extractor, text) == [("Ada Brook", "demand", "Republicans")]


def test_refusing_to_disclose_what_is_asked_for_is_a_rejection(extractor):
    """Refusing to disclose what is asked for is a rejection."""
    found = extractor.extract("Ada Brook has steadfastly refused to disclose her medical records.")
    assert [(d.actor, d.cue_class, d.issue) for d in found.disputes] == [
        ("Ada Brook", "reject", "disclose her medical records")
    ]


def test_refusing_to_discuss_or_comment_is_no_comment_not_a_rejection(extractor):
    """Refusing to discuss or to comment is no-comment, not a rejection."""
    text = (
        "Ada Brook refuses to discuss potential appointees. Ivo Dant refused to comment. "
        "Ardenia declined to disclose the amount."
    )
    assert _found(extractor, text) == []


def test_a_target_is_named_without_the_pm_title_or_where_she_is_from(extractor):
    """'"PM Ada Brook of Ardenia acted so meek"' → Ada Brook."""
    text = 'Ivo Dant said, "PM Ada Brook of Ardenia acted so meek and mild during our meetings."'
    assert [d.target for d in extractor.extract(text).disputes] == ["Ada Brook"]


def test_the_party_named_before_a_gerund_does_its_act(extractor):
    """ "react to the president walking away from the talks" → the president (Brook) walked
    away, not Ardenia."""
    text = (
        "President Ada Brook said the talks in Kelvar were over. It is unclear how Ardenia will "
        "react to the president walking away from the talks."
    )
    assert [(d.actor, d.cue_class) for d in extractor.extract(text).disputes] == [
        ("Ada Brook", "reject")
    ]


def test_an_indefinite_party_doing_an_act_is_nobody_named(extractor):
    """An indefinite party doing an act is nobody named."""
    text = (
        "Ada Brook faces a reelection fight, and talk had been mounting about a Republican "
        "challenging her in the primary."
    )
    assert _found(extractor, text) == []


def test_a_party_put_in_a_group_by_a_copula_does_what_the_group_does(extractor):
    """ "Brook was among the lawmakers who condemned Solvaria" → Brook condemned Solvaria."""
    text = (
        "Ada Brook was among the lawmakers who condemned Solvaria. Ivo Dant is the only "
        "senator who has criticised Ardenia."
    )
    assert _found(extractor, text) == [
        ("Ada Brook", "criticise", "Solvaria"),
        ("Ivo Dant", "criticise", "Ardenia"),
    ]


def test_a_law_named_in_a_rejection_is_no_party(extractor):
    """ "voted against the Justice for Victims of Trafficking Act": the Act is no target."""
    text = (
        "Ada Brook was one of three members who voted against the rosy-sounding Justice for "
        "Victims of Trafficking Act of 2015."
    )
    found = extractor.extract(text).disputes
    assert [(d.actor, d.cue_class, d.target) for d in found] == [("Ada Brook", "reject", None)]


def test_potus_is_the_us_president_named_before(extractor):
    """ "Potus should not be tweeting" → a demand of the US president the article named."""
    text = (
        'US President Ada Brook spoke in Kelvar. "Potus should not be tweeting about the '
        'hearing," Ivo Dant said.'
    )
    found = [(d.cue_class, d.target) for d in extractor.extract(text).disputes]
    assert ("demand", "Ada Brook") in found


def test_the_two_sides_are_the_last_two_states_named(extractor):
    """ "the two sides disagreed" after talks of Ardenia and Solvaria → Ardenia against
    Solvaria (reciprocal: the first named acts)."""
    text = (
        "Ardenia and Solvaria met in Kelvar on Thursday. In a stunning outcome, the two sides "
        "disagreed over what led to the breakdown."
    )
    assert _found(extractor, text) == [("Ardenia", "criticise", "Solvaria")]


def test_the_two_sides_with_one_state_named_are_nobody_named(extractor):
    """With only Ardenia named before, "the two sides" stays unresolved and is not shown."""
    text = "Ardenia hosted the talks. The two sides disagreed over the breakdown."
    assert _found(extractor, text) == []
