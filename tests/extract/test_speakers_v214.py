"""Speakers 2.14: a state and its nationality adjective are one place in roles and
descriptions (descriptions.json "places")."""

from __future__ import annotations

from extract.speakers import place_words, role_fit


def test_a_state_s_description_fits_a_role_named_with_its_nationality_adjective():
    """ "North Korea's top diplomat" fits "North Korean Foreign Minister" (fit 2)."""
    assert role_fit("diplomat", place_words("North Korea"), "North Korean Foreign Minister") == 2


def test_another_state_s_role_still_does_not_fit():
    """ "Russia's top diplomat" never fits "Chinese Foreign Minister"."""
    assert role_fit("diplomat", place_words("Russia"), "Chinese Foreign Minister") == 0
