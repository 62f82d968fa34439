"""Dispute rules 2.10: a group a party owns by standing with it ("Ardenia's closest partners")
is a party of its own, written as the article writes it, never its owner.

Names are invented (Ardenia: a state; Tomas Vell: a person). Sentences run through the model.
"""

from __future__ import annotations

THREAT_ON_PARTNERS = (
    "President Tomas Vell said he used some hardball tactics on Ardenia's closest partners "
    "behind the scenes of the weekend summit, threatening to cut them off from the huge "
    "Ardenian market if they don't lower their tariffs."
)


def test_a_threat_on_a_states_partners_targets_the_partners_not_the_state(extractor):
    """The partners Vell threatened are the target; Ardenia is on their side, not opposed."""
    found = extractor.extract(THREAT_ON_PARTNERS).disputes
    threats = [d for d in found if d.cue_class == "threaten"]
    assert [(d.actor, d.target) for d in threats] == [("Tomas Vell", "Ardenia's closest partners")]


def test_a_group_owned_by_a_state_acts_under_its_written_name(extractor):
    """ "Ardenia's biggest trading partners" keep their possessive as an actor's name."""
    text = (
        "Tomas Vell imposed steep tariffs on steel imports that infuriated Ardenia's biggest "
        "trading partners."
    )
    actors = [d.actor for d in extractor.extract(text).disputes]
    assert actors == ["Ardenia's biggest trading partners"]


def test_a_demand_made_of_ones_own_side_targets_the_party_it_is_to_act_against(extractor):
    """ "called on fellow Republicans to unendorse Ivo Dant": Dant is opposed, not the
    Republicans Brook counts as her own side."""
    text = "Senator Ada Brook called on fellow Republicans to unendorse Ivo Dant."
    found = [(d.actor, d.cue_class, d.target) for d in extractor.extract(text).disputes]
    assert found == [("Ada Brook", "demand", "Ivo Dant")]


def test_a_demand_of_our_allies_targets_the_state_they_are_to_isolate(extractor):
    """ "called on our allies to isolate Solvaria" → Solvaria; the issue is the act."""
    text = "Ada Brook called on our allies to isolate Solvaria."
    found = [(d.target, d.issue) for d in extractor.extract(text).disputes]
    assert found == [("Solvaria", "isolate Solvaria")]


def test_an_appeal_to_ones_own_side_with_nobody_to_act_against_is_no_dispute(extractor):
    """ "called on fellow Republicans to turn out and vote" opposes nobody."""
    text = "Ada Brook called on fellow Republicans to turn out and vote."
    assert extractor.extract(text).disputes == ()


def test_a_word_capitalised_only_by_opening_a_quotation_is_no_target(extractor):
    """'"Subpoenas are not optional," Dant said': subpoenas are nobody's name."""
    text = '"Subpoenas are not optional," panel Chairman Ivo Dant said after the hearing.'
    targets = [d.target for d in extractor.extract(text).disputes]
    assert "Subpoenas" not in targets


def test_misgivings_about_a_named_party_are_a_protest_against_it(extractor):
    """ "expressed misgivings about Ada Brook" → Dant protests against Brook."""
    text = "Ivo Dant, a senator from Kelvar, has expressed misgivings about Ada Brook."
    found = [(d.actor, d.cue_class, d.target) for d in extractor.extract(text).disputes]
    assert found == [("Ivo Dant", "protest", "Ada Brook")]


def test_concerns_about_a_situation_name_nobody_and_are_no_dispute(extractor):
    """ "voiced concerns about the weather" opposes no party."""
    assert extractor.extract("Ivo Dant voiced concerns about the weather in Kelvar.").disputes == ()


def test_a_critic_named_beside_the_word_is_the_actor(extractor):
    """ "Another critic, Ivo Dant, …" → Dant criticises."""
    text = 'Another critic, Ivo Dant, likened the rules to "burning the constitution".'
    assert [d.actor for d in extractor.extract(text).disputes] == ["Ivo Dant"]


def test_critics_including_a_named_senator_act_as_that_senator_without_his_state(extractor):
    """ "critics, including Senator Ivo Dant of Kelvar" → Ivo Dant, not "Ivo Dant of Kelvar"."""
    text = "The decision enraged critics, including Senator Ivo Dant of Kelvar."
    assert {d.actor for d in extractor.extract(text).disputes} == {"Ivo Dant"}


def test_a_plural_title_before_two_named_critics_is_dropped(extractor):
    """ "critics, including Senators Ivo Dant and Lena Varga" act as "Ivo Dant and Lena Varga"."""
    text = "The plan enraged critics, including Senators Ivo Dant and Lena Varga."
    assert {d.actor for d in extractor.extract(text).disputes} == {"Ivo Dant and Lena Varga"}


def test_a_relative_pronoun_doer_is_the_noun_it_stands_for(extractor):
    """ "the Kelvar Democratic machine that blocked …" → the machine, never "that"."""
    text = "Ivo Dant led the Kelvar Democratic machine that blocked the reforms of Ada Brook."
    found = [(d.actor, d.target) for d in extractor.extract(text).disputes]
    assert found == [("Kelvar Democratic machine", "Ada Brook")]


def test_who_after_two_coordinated_parties_stands_for_both(extractor):
    """ "both Democrats and Republicans, who have questioned …" → both, not the first alone."""
    text = (
        "The plan could answer both Democrats and Republicans, who have questioned Solvaria's "
        "reliance on Ardenian troops."
    )
    assert [d.actor for d in extractor.extract(text).disputes] == ["Democrats and Republicans"]


def test_a_label_the_speaker_gives_themself_is_no_dispute(extractor):
    """'"You think I am stupid, …," Brook said': her own, opposed to nobody."""
    text = '"You think I am stupid, I was not going to Kelvar," Ada Brook said.'
    assert extractor.extract(text).disputes == ()


def test_a_warning_about_the_warners_own_conduct_is_no_dispute(extractor):
    """ "cautioning the media that he was in no rush": nobody else's conduct, no party opposed."""
    text = (
        "Ivo Dant was lowering expectations for the talks, cautioning the media that he was in "
        "no rush to get a deal."
    )
    assert extractor.extract(text).disputes == ()


def test_a_warning_targets_the_party_whose_conduct_it_is_about_not_the_audience(extractor):
    """ "warned the media that Solvaria was massing troops" → against Solvaria."""
    text = "Ivo Dant warned the media that Solvaria was massing troops."
    found = [(d.actor, d.cue_class, d.target) for d in extractor.extract(text).disputes]
    assert found == [("Ivo Dant", "warn", "Solvaria")]


def test_a_warning_to_a_named_person_about_what_he_will_face_stays_against_him(extractor):
    """ "warned Ivo Dant that he would pay a price": Brook warns Dant."""
    text = "Ada Brook warned Ivo Dant that he would pay a price."
    warned = [(d.actor, d.target) for d in extractor.extract(text).disputes if d.cue == "warned"]
    assert warned == [("Ada Brook", "Ivo Dant")]


def test_who_after_a_description_set_beside_a_name_is_that_name(extractor):
    """ "Ivo Dant, a Kelvar Democrat who is a fierce critic of Ada Brook" → Dant, not "Kelvar
    Democrat"."""
    text = (
        "Senate leader Ivo Dant, a Kelvar Democrat who is a fierce critic of Ada Brook, said she "
        "did the right thing."
    )
    found = [(d.actor, d.target) for d in extractor.extract(text).disputes]
    assert found == [("Ivo Dant", "Ada Brook")]


def test_stressing_that_a_thing_will_not_work_is_no_denial(extractor):
    """ "stressed that military might alone will not end the threat": no party denies."""
    text = "Ivo Dant stressed that military might alone will not end the threat posed by the group."
    assert extractor.extract(text).disputes == ()


def test_insisting_that_one_never_did_it_is_still_a_denial(extractor):
    """ "Ardenia insisted it had never armed the rebels" → Ardenia denies."""
    found = extractor.extract("Ardenia insisted it had never armed the rebels.").disputes
    assert [(d.actor, d.cue_class) for d in found] == [("Ardenia", "deny")]


def test_an_insistence_that_something_is_so_demands_nothing(extractor):
    """ "his insistence that Ardenia is being victimized": a claim, not a demand."""
    text = (
        "Ivo Dant said the language was strong, referring to his insistence that Ardenia is "
        "being victimized by trade deficits."
    )
    assert extractor.extract(text).disputes == ()


def test_an_insistence_on_an_act_is_a_demand_whose_issue_is_the_act(extractor):
    """ "Ada Brook's insistence on lifting sanctions" → the issue is lifting sanctions; and
    "insistence that Solvaria withdraw" reads the clause."""
    text = (
        "The meeting ended abruptly because of Ada Brook's insistence on lifting sanctions "
        "without committing to disarmament."
    )
    (found,) = extractor.extract(text).disputes
    assert (found.actor, found.cue_class) == ("Ada Brook", "demand")
    assert found.issue == "lifting sanctions without committing to disarmament"
    text = "The talks ended over Ada Brook's insistence that Solvaria withdraw its troops first."
    (found,) = extractor.extract(text).disputes
    assert (found.target, found.issue) == ("Solvaria", "Solvaria withdraw its troops first")


def test_a_participle_set_off_by_commas_is_what_its_noun_suffered_not_the_subjects_act(extractor):
    """ "calling for Solvaria, ousted for its annexation of Kelvar, to be reinstated": Solvaria
    was ousted; Brook ousted nobody, least of all Kelvar."""
    text = (
        "Ada Brook injected fresh drama into the meeting, calling for Solvaria, ousted for its "
        "annexation of Kelvar, to be reinstated."
    )
    assert [d.cue for d in extractor.extract(text).disputes if d.cue_class == "reject"] == []


def test_a_partys_expulsion_is_done_to_it_not_by_it(extractor):
    """ "called for Solvaria's expulsion": Brook demands it; Solvaria expels nobody."""
    found = extractor.extract("Ada Brook called for Solvaria's expulsion.").disputes
    assert [(d.actor, d.cue_class, d.target) for d in found] == [
        ("Ada Brook", "demand", "Solvaria")
    ]
