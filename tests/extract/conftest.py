"""Shared fixtures: the real model once per session, and a builder for hand-parsed Docs."""

from __future__ import annotations

import pytest
import spacy

from extract import Extractor, load_pipeline
from summit.errors import ExtractionError


@pytest.fixture(scope="session")
def nlp():
    """The installed English pipeline, loaded once; tests skip when none is installed."""
    try:
        return load_pipeline()
    except ExtractionError as exc:
        pytest.skip(str(exc))


@pytest.fixture(scope="session")
def extractor(nlp):
    """An Extractor on the session pipeline."""
    return Extractor(nlp)


@pytest.fixture(scope="session")
def blank_extractor():
    """An Extractor on a blank English pipeline (tokenizer only): fast, no parse."""
    return Extractor(spacy.blank("en"))
