"""The reference article (samples/dawn-arf-2023.txt): speakers, pronouns and the dispute."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "dawn-arf-2023.txt"


@pytest.fixture(scope="module")
def result(extractor):
    """The extraction of the reference article as shipped (sidebar included)."""
    return extractor.extract(SAMPLE.read_text(encoding="utf-8"))


def speaker_of(result, fragment):
    found = [s for s in result.statements if fragment in s.content]
    assert found, f"no statement contains {fragment!r}"
    return found[0].speaker


def test_named_speakers(result):
    """Statements of Blinken, Lavrov, Borrell and Retno Marsudi carry their full names."""
    assert speaker_of(result, "shows no sign of changing direction") == "Antony Blinken"
    assert speaker_of(result, "didn’t hear anything") == "Antony Blinken"
    assert speaker_of(result, "rejected a call to withdraw troops") == "Josep Borrell"
    assert speaker_of(result, "war would not end until") == "Sergei Lavrov"
    assert speaker_of(result, "strengthen preventive diplomacy") == "Retno Marsudi"


def test_pronoun_quotes(result):
    """The "she said" quote is Retno Marsudi's; the "he said" North Korea quote is Blinken's."""
    assert speaker_of(result, "Sharpening rivalry continues") == "Retno Marsudi"
    assert speaker_of(result, "end North Korea’s unlawful weapons") == "Antony Blinken"


def test_wang_yi_is_a_person(result):
    """ "Wang had told Blinken …" is Wang Yi's statement, not an organisation's."""
    found = [s for s in result.statements if "rational and pragmatic" in s.content]
    assert found and found[0].speaker == "Wang Yi" and found[0].speaker_type == "person"


def test_lavrov_statements_are_his_only(result):
    """Nothing Lavrov said is attributed to anyone else, and he gets nobody else's words."""
    lavrov = [s for s in result.statements if s.speaker == "Sergei Lavrov"]
    assert lavrov and all("Lavrov" in s.sentence for s in lavrov)


def test_lavrov_borrell_dispute(result):
    """Lavrov rejected a call to withdraw troops: actor Lavrov, cue rejected, target Borrell."""
    (d,) = [d for d in result.disputes if d.cue == "rejected"]
    assert d.actor == "Sergei Lavrov" and d.target == "Josep Borrell"
    assert "withdraw troops from Ukraine" in d.issue
    assert d.evidence.startswith("Josep Borrell") and d.statement_index is not None
    assert "rejected" in result.statements[d.statement_index].content


def test_nothing_after_published_in(result):
    """No statement or dispute comes from the sidebar after "Published in Dawn"."""
    text = SAMPLE.read_text(encoding="utf-8")
    cut = text.index("Published in Dawn")
    assert all(s.end <= cut for s in result.statements)
    assert all(d.end <= cut for d in result.disputes)
