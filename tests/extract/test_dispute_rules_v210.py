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
