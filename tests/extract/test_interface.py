"""The public interface: exports, pipeline loading, prediction lines for the scorer."""

from __future__ import annotations

import json

import pytest

import extract
from extract.evaluate import prediction_line, write_predictions
from extract.model import Extraction, Statement
from extract.pipeline import load_pipeline
from summit.errors import ExtractionError


def test_exports():
    """The package re-exports the extractor, the loader, the version and the model classes."""
    for name in (
        "Extractor",
        "load_pipeline",
        "EXTRACTOR_VERSION",
        "Statement",
        "Dispute",
        "Extraction",
    ):
        assert hasattr(extract, name)


def test_unknown_model_raises_extraction_error():
    """Loading a model that is not installed raises ExtractionError with its name."""
    with pytest.raises(ExtractionError, match="no_such_model"):
        load_pipeline("no_such_model_xyz")


def test_prediction_line_format():
    """A prediction line has id and quotes with speaker, content and content_spans."""
    st = Statement("Ann Lee", "it failed", "said", "indirect", 14, 23)
    line = prediction_line("a1", Extraction("ok", (st,)))
    assert line["id"] == "a1"
    assert line["quotes"][0]["content_spans"] == [[14, 23]]
    assert line["quotes"][0]["speaker"] == "Ann Lee"


@pytest.mark.slow
def test_write_predictions_round_trip(extractor, tmp_path):
    """write_predictions reads gold JSONL and writes one line per article with valid spans."""
    text = "Ann Lee said the budget had been cut by a third."
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "x1", "text": text, "quotes": []}) + "\n")
    pred = tmp_path / "pred.jsonl"
    assert write_predictions(extractor, gold, pred) == 1
    (line,) = [json.loads(x) for x in pred.read_text().splitlines()]
    (q,) = line["quotes"]
    s, e = q["content_spans"][0]
    assert text[s:e] == q["content"] == "the budget had been cut by a third"
