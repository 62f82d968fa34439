"""Real-news dispute annotations kept as references (offsets, names, classes), never as text.

The articles here are invented (Ardenia, Solvaria, Ada Brook); the shipped reference file is
checked for shape only, since the articles it points at are not ours to copy.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import pytest

from extract.evaluate_references import (
    AnnotationError,
    DisputeReference,
    gold_record,
    main,
    make_references,
    read_references,
)

REFS_PATH = Path(__file__).resolve().parents[2] / "evaluation" / "disputes-real-refs.jsonl"
TEXT = (
    "Ardenia held talks on Monday. Ada Brook accused Solvaria of stalling the talks. "
    "She did not criticise the host."
)
EVIDENCE = "Ada Brook accused Solvaria of stalling the talks."


def _record(**changes) -> dict:
    record = {
        "id": "a1",
        "actor": "Ada Brook",
        "target": "Solvaria",
        "cue": "accused",
        "cue_class": "accuse",
        "issue": "stalling the talks",
        "evidence": EVIDENCE,
        "start": TEXT.find(EVIDENCE),
        "negated_trap": False,
    }
    return record | changes


def test_a_reference_keeps_offsets_and_decisions_and_no_words_of_the_article():
    """A reference keeps offsets and the annotator's decisions, and no words of the article."""
    (ref,) = make_references([_record()], {"a1": TEXT})
    kept = json.dumps(ref.__class__.__annotations__) + repr(ref)
    assert (ref.actor, ref.target, ref.cue_class) == ("Ada Brook", "Solvaria", "accuse")
    assert "stalling" not in kept and "accused" not in kept
    assert TEXT[ref.start : ref.end] == EVIDENCE and TEXT[ref.cue_start : ref.cue_end] == "accused"


def test_a_reference_rebuilds_the_scorer_record_from_the_article():
    """A reference and its article rebuild the record in the review scorer's format."""
    (ref,) = make_references([_record()], {"a1": TEXT})
    rebuilt = gold_record(ref, TEXT)
    assert rebuilt == _record(issue=None)


def test_an_evidence_that_is_not_at_its_offset_is_refused():
    """An evidence sentence that is not at its offset is refused."""
    with pytest.raises(AnnotationError, match="evidence"):
        make_references([_record(start=3)], {"a1": TEXT})


def test_a_cue_missing_from_its_evidence_is_refused():
    """A cue missing from its evidence is refused."""
    with pytest.raises(AnnotationError, match="cue"):
        make_references([_record(cue="condemned")], {"a1": TEXT})


def test_offsets_past_the_end_of_a_changed_article_are_refused():
    """Offsets past the end of a changed article are refused."""
    ref = DisputeReference("a1", 30, 400, 40, 47, "Ada Brook", None, "accuse", False)
    with pytest.raises(AnnotationError, match="offsets"):
        gold_record(ref, TEXT)


def test_the_command_writes_gold_and_only_the_annotated_articles(tmp_path):
    """`gold` writes the scorer-format records and only the annotated articles."""
    texts = tmp_path / "texts.jsonl"
    other = {"id": "b2", "text": "Solvaria praised the weather."}
    texts.write_text(
        json.dumps({"id": "a1", "text": TEXT}) + "\n" + json.dumps(other) + "\n", "utf-8"
    )
    annotated = tmp_path / "annotated.jsonl"
    trap = _record(
        cue="criticise",
        cue_class="criticize",
        evidence="She did not criticise the host.",
        start=TEXT.find("She did"),
        negated_trap=True,
    )
    annotated.write_text("".join(json.dumps(r) + "\n" for r in (trap, _record())), "utf-8")
    refs, gold, articles = (tmp_path / n for n in ("refs.jsonl", "gold.jsonl", "art.jsonl"))
    assert main(["make", str(annotated), str(texts), str(refs)]) == 0
    assert main(["gold", str(refs), str(texts), str(gold), str(articles)]) == 0
    rows = [json.loads(line) for line in gold.read_text("utf-8").splitlines()]
    cues = [(r["cue"], r["negated_trap"]) for r in rows]
    assert cues == [("accused", False), ("criticise", True)]
    assert [json.loads(line)["id"] for line in articles.read_text("utf-8").splitlines()] == ["a1"]


def test_the_command_says_which_article_is_missing_instead_of_failing(tmp_path, capsys):
    """`gold` names an article missing from the text file and exits 2, with no traceback."""
    refs = tmp_path / "refs.jsonl"
    ref = DisputeReference("gone", 0, 5, 0, 3, "Ada Brook", None, "accuse", False)
    refs.write_text(json.dumps(asdict(ref)) + "\n", "utf-8")
    texts = tmp_path / "texts.jsonl"
    texts.write_text(json.dumps({"id": "a1", "text": TEXT}) + "\n", "utf-8")
    code = main(["gold", str(refs), str(texts), str(tmp_path / "g"), str(tmp_path / "a")])
    assert code == 2 and "gone" in capsys.readouterr().err


def test_the_shipped_references_are_well_formed_and_hold_no_text():
    """evaluation/disputes-real-refs.jsonl: every field is an offset, a name or a decision."""
    refs = read_references(REFS_PATH)
    assert len(refs) >= 100
    assert {r.cue_class for r in refs} <= {
        "criticize", "accuse", "blame", "deny", "dismiss",
        "reject", "demand", "warn", "threaten", "protest",
    }  # fmt: skip
    for r in refs:
        assert r.id.startswith("polnear-train/")
        assert 0 <= r.start <= r.cue_start < r.cue_end <= r.end
        assert r.end - r.start < 2_000 and len(r.actor) < 120
