"""Dispute rules 2.15, through the model.

Names are invented (Ada Brook, Tom Hale: people; Ardenia, Solvaria: states).
"""

from __future__ import annotations

from .helpers import named_disputes as _found


def test_a_label_on_the_party_pointed_at_criticises_the_party_the_article_is_about(extractor):
    """ "We will defeat this vicious regime," after Solvaria's shelling → Brook criticises
    Solvaria (the regime is not named here; the article's party is)."""
    text = (
        "Solvaria's army shelled the border town of Kell on Monday.\n\n"
        '"We will defeat this vicious regime," Ada Brook said.'
    )
    assert _found(extractor, text) == [("Ada Brook", "criticise", "Solvaria")]


def test_a_label_on_what_the_speaker_s_side_acts_on_criticises_nobody(extractor):
    """ "We will defeat this vicious disease," Brook said: the speaker's own act on a thing."""
    text = '"We will defeat this vicious disease," Ada Brook said.'
    assert _found(extractor, text) == []


def test_the_british_spelling_of_an_acronym_is_the_acronym(extractor):
    """ "Nato criticised Solvaria" → NATO, one party with "NATO" elsewhere in a digest."""
    assert _found(extractor, "Nato criticised Solvaria on Monday.") == [
        ("NATO", "criticise", "Solvaria")
    ]


def test_a_party_s_campaign_of_threats_is_the_party_s_threat(extractor):
    """ "Solvaria's campaign of threats against Ardenia" → Solvaria threatens Ardenia."""
    text = "Solvaria's campaign of threats against Ardenia went on for a year."
    assert _found(extractor, text) == [("Solvaria", "threaten", "Ardenia")]


def test_a_party_s_account_of_threats_is_no_threat_of_theirs(extractor):
    """ "Ada Brook's account of the threats against Ardenia" reports threats nobody named made."""
    text = "Ada Brook's account of the threats against Ardenia went on for an hour."
    assert _found(extractor, text) == []


def test_resistance_to_a_court_s_ruling_opposes_the_court(extractor):
    """ "Brook's strategy of resistance to the Supreme Court ruling" → Brook rejects, and the
    court, named before its ruling, is the party opposed (not "the")."""
    text = (
        "Ada Brook's strategy of massive resistance to the Supreme Court ruling on schools "
        "lasted a decade."
    )
    assert _found(extractor, text) == [("Ada Brook", "reject", "Supreme Court")]
