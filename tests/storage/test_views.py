"""How a stored statement reads to a person: quotes quoted, reported speech after its cue."""

from __future__ import annotations

import pytest

from storage.views import reported_speech


@pytest.mark.parametrize(
    ("content", "cue", "kind", "shown"),
    [
        ("We will win", "said", "direct", "“We will win”"),
        ("a call to withdraw troops", "rejected", "indirect", "rejected a call to withdraw troops"),
        ("the talks had failed", "Said", "indirect", "said the talks had failed"),
        ("for stability in the region", "called", "mixed", "called for stability in the region"),
        ("the budget was balanced", "told", "indirect", "the budget was balanced"),
        ("talks would resume", "according to", "indirect", "talks would resume"),
        ("No deal today", ":", "indirect", "No deal today"),
        ("said nothing new", "said", "indirect", "said nothing new"),
    ],
)
def test_reported_speech_reads_as_what_was_said(content, cue, kind, shown):
    """A quote keeps its marks; an object or clause follows its cue unless the cue's next words
    are not the content ("told reporters", "according to", "X:")."""
    assert reported_speech(content, cue, kind) == shown


def test_rung_names_match_the_ladder_in_the_cue_patterns():
    """The words readers see for each rung are the ladder's own, for every class on it, and the
    default confidence threshold is the extractor's `show_at`."""
    import json

    from storage.reads import DISPUTE_MIN_CONFIDENCE
    from storage.views import RUNGS, rung_name
    from summit.settings import DEFAULT_DISPUTE_MIN_CONFIDENCE
    from tests.conftest import ROOT

    cues = json.loads((ROOT / "extract" / "patterns" / "dispute_cues.json").read_text())
    assert list(RUNGS) == cues["ladder_names"]
    assert all(rung_name(rung) for rung in cues["ladder"].values())
    assert rung_name(cues["ladder"]["threaten"]) == "threat"
    assert rung_name(0) == rung_name(len(RUNGS)) == ""
    show_at = cues["confidence"]["show_at"]
    assert DISPUTE_MIN_CONFIDENCE == DEFAULT_DISPUTE_MIN_CONFIDENCE == show_at
