"""Regressions from the digest review: disputes that read as noise, on our own sentences.

Each case reproduces the shape of one garbled line a reader saw in `summit digest --print`
("that (threatens)", "Donald Trump -> Emmanuel Macron (took aim at) over Tuesday", …).
"""

from __future__ import annotations

import pytest

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def named(extraction):
    return [d for d in extraction.disputes if d.named]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Disagreements over trade are a problem that threatens the alliance.",
            id="relative_pronoun_actor",
        ),
        pytest.param("Trade issues threatened to derail the summit.", id="thing_as_actor"),
        pytest.param("Iran was knocking on the door of a nuclear deal.", id="word_sense_knock"),
        pytest.param(
            "The United States hammered out the final language of the communique.",
            id="hammered_out_is_agreement",
        ),
    ],
)
def test_no_named_dispute_where_nobody_disputes_anyone(extractor, text):
    """A relative word, a thing or a word sense is never shown as a party to a dispute."""
    assert named(extractor.extract(text)) == []


def test_a_description_resolves_to_the_person_or_stays_unshown(extractor):
    """ "The US president accused Germany" names the president mentioned before, else no one."""
    text = (
        "President Donald Trump arrived in Brussels on Tuesday.\n\n"
        'The US president accused Germany of spending "a little over 1%" on defence.'
    )
    (d,) = named(extractor.extract(text))
    assert (d.actor, d.target, d.cue_class) == ("Donald Trump", "Germany", "accuse")
    bare = 'The US president accused Germany of spending "a little over 1%" on defence.'
    assert named(extractor.extract(bare)) == []
    assert [d.actor_type for d in extractor.extract(bare).disputes] == ["unresolved"]


def test_a_weekday_is_never_the_issue(extractor):
    """ "took aim at Macron on Tuesday" has no issue, not "Tuesday"; the cue keeps "aim"."""
    (d,) = named(extractor.extract("Donald Trump took aim at Emmanuel Macron on Tuesday."))
    assert (d.target, d.cue) == ("Emmanuel Macron", "took aim at")
    assert d.issue is None or not any(day in d.issue.lower() for day in WEEKDAYS)


def test_sanctions_are_never_the_target_of_a_condition(extractor):
    """ "warned that sanctions would not be lifted until North Korea …": aimed at North Korea."""
    text = "Washington warned that sanctions would not be lifted until North Korea disarms."
    (d,) = named(extractor.extract(text))
    assert (d.actor, d.target) == ("United States", "North Korea")
    assert d.issue is None or not d.issue.startswith("would")
