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
