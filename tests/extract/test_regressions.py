"""Regression tests for bugs seen in the demo, on our own sentences of the same shape."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.evaluate import score_disputes

pytestmark = pytest.mark.slow

EVALUATION = Path(__file__).resolve().parents[2] / "evaluation"


def test_surname_resolves_to_name_cut_short_by_ner(extractor):
    """ "Chau criticised …" and "Ms. Chau later said …" resolve to "Hoang Minh Chau"."""
    text = (
        "Vietnamese Deputy Foreign Minister Hoang Minh Chau said farmers in the delta "
        "were losing their harvest.\n\n"
        "Chau criticised the river commission for failing to publish release data, and said "
        "Hanoi would press for a binding rule.\n\n"
        "Ms. Chau later said patience in the delta was running out."
    )
    result = extractor.extract(text)
    assert {s.speaker for s in result.statements} == {"Hoang Minh Chau"}
    assert [d.actor for d in result.disputes] == ["Hoang Minh Chau"]


def test_warned_that_clause_is_one_statement(extractor):
    """A reported clause with a participle inside is one statement, not two."""
    text = (
        "Samoan Deputy Prime Minister Tala Mauga warned that aid promised at earlier "
        "summits had still not reached the islands."
    )
    (st,) = extractor.extract(text).statements
    assert st.content == "aid promised at earlier summits had still not reached the islands"


@pytest.mark.parametrize(
    "text",
    [
        "Minister Ana Lopes said the council had agreed to “deepen maritime cooperation”.",
        "Minister Ana Lopes said the council had agreed to “deepen maritime cooperation.”",
    ],
)
def test_mixed_quote_keeps_its_closing_mark(extractor, text):
    """Mixed content ending in a quotation keeps the closing mark and equals its slice."""
    (st,) = extractor.extract(text).statements
    assert st.kind == "mixed" and st.content.endswith("”")
    assert st.content == text[st.start : st.end]


def test_rejected_accusation_targets_the_accuser(extractor):
    """ "rejected the accusation" targets the actor of the accusation just before."""
    text = (
        "Karin Olsen accused the Baltic delegation of stalling the final communique.\n\n"
        "The head of that delegation, Juris Ozols, rejected the accusation."
    )
    disputes = extractor.extract(text).disputes
    assert [(d.actor, d.cue_class, d.target) for d in disputes] == [
        ("Karin Olsen", "accuse", "Baltic delegation"),
        ("Juris Ozols", "reject", "Karin Olsen"),
    ]


def test_rejected_accusation_without_accuser_has_no_target(extractor):
    """With no accusation reported before, "rejected the accusation" has no target."""
    (d,) = extractor.extract("Juris Ozols rejected the accusation.").disputes
    assert d.cue_class == "reject" and d.target is None


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        (
            "The minister was quoted as saying that the border would remain closed.",
            "The minister",
            "the border would remain closed",
        ),
        (
            "The ministry issued a statement saying that the ambassador had been recalled.",
            "The ministry",
            "the ambassador had been recalled",
        ),
        (
            "Rubens Tal said the real obstacle was the budget, and he left the room.",
            "Rubens Tal",
            "the real obstacle was the budget",
        ),
        (
            "Ozols: Talks with the delegation will resume in May.",
            "Ozols",
            "Talks with the delegation will resume in May.",
        ),
    ],
)
def test_indirect_speech_shapes(extractor, text, speaker, content):
    """Passive attribution, statement nouns, trailing writer clauses and colon forms."""
    found = {(s.speaker, s.content) for s in extractor.extract(text).statements}
    assert (speaker, content) in found


def test_dispute_evaluation_scores(extractor):
    """Our annotated dispute set scores high with no trap false positives."""
    scores = score_disputes(extractor, EVALUATION / "disputes.jsonl")
    assert scores.items >= 80 and scores.traps >= 30
    assert scores.precision >= 0.9 and scores.recall >= 0.85
    assert scores.trap_false_positives == 0


def test_a_bare_surname_means_the_person_introduced_first(extractor):
    """ "President Ilse Brandt … Marta Brandt … President Brandt said" is Ilse, not the longer
    name mentioned second."""
    text = (
        "President Ilse Brandt met Marta Brandt at the airport on Friday.\n\n"
        'Later, President Brandt said the talks "will go on until we have a deal."'
    )
    speakers = {s.speaker for s in extractor.extract(text).statements}
    assert speakers == {"Ilse Brandt"}
