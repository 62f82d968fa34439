"""Extraction fixtures; the real model (`nlp`, `extractor`) comes from tests/conftest.py."""

from __future__ import annotations

import pytest
import spacy

from extract import Extractor


@pytest.fixture(scope="session")
def blank_extractor():
    """An Extractor on a blank English pipeline (tokenizer only): fast, no parse."""
    return Extractor(spacy.blank("en"))
