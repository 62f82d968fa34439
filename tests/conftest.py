"""Shared fixtures: a real, migrated database per test and the spaCy pipeline loaded once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from storage.engine import make_engine, migrate

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
REFERENCE = SAMPLES / "dawn-arf-2023.txt"


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    """A SQLite file database migrated exactly as `summit db upgrade` does."""
    engine = make_engine(f"sqlite:///{tmp_path / 'summit.db'}")
    migrate(engine)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def nlp():
    """The spaCy pipeline, loaded once for the whole run."""
    from extract import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def extractor(nlp):
    from extract import Extractor

    return Extractor(nlp)
