"""Shared fixtures: a real, migrated database per test and the spaCy pipeline loaded once."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from storage.engine import make_engine, migrate

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
REFERENCE = SAMPLES / "dawn-arf-2023.txt"


POSTGRES_URL = os.environ.get("TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")


@lru_cache(maxsize=1)
def postgres_reachable() -> bool:
    try:
        with psycopg.connect(POSTGRES_URL, connect_timeout=2):
            return True
    except psycopg.Error:
        return False


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    """A SQLite file migrated once per test process exactly as `summit db upgrade` does; each
    test gets a copy (migrating takes half a second, copying a millisecond)."""
    path = tmp_path_factory.mktemp("template") / "summit.db"
    engine = make_engine(f"sqlite:///{path}")
    migrate(engine)
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def postgres_template() -> Iterator[str | None]:
    """A PostgreSQL database migrated once per test process; each test gets a database made
    from it (`CREATE DATABASE … TEMPLATE`: 0.2 s instead of a second of migrations)."""
    if not postgres_reachable():
        yield None
        return
    name = f"summit_template_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(POSTGRES_URL, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    engine = make_engine(_database(POSTGRES_URL, name))
    try:
        migrate(engine)
    finally:
        engine.dispose()
    yield name
    with psycopg.connect(POSTGRES_URL, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request, tmp_path: Path) -> Iterator[Engine]:
    """A real database migrated exactly as `summit db upgrade` does (a copy of a migrated
    template): a SQLite file, and PostgreSQL (a database of its own per test) when it is
    reachable or TEST_DATABASE_URL is set."""
    if request.param == "sqlite":
        path = tmp_path / "summit.db"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        engine = make_engine(f"sqlite:///{path}")
        yield engine
        engine.dispose()
        return
    if not postgres_reachable():
        if os.environ.get("TEST_DATABASE_URL"):
            pytest.fail("TEST_DATABASE_URL is set but PostgreSQL is not reachable")
        pytest.skip("PostgreSQL is not reachable")
    template = request.getfixturevalue("postgres_template")
    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(POSTGRES_URL, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    engine = make_engine(_database(POSTGRES_URL, name))
    try:
        yield engine
    finally:
        engine.dispose()
        with psycopg.connect(POSTGRES_URL, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _database(url: str, name: str) -> str:
    """`url` pointing at database `name`."""
    return make_url(url).set(database=name).render_as_string(hide_password=False)


def _with_search_path(url: str, schema: str) -> str:
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}options=-csearch_path%3D{schema}"


@pytest.fixture(scope="session")
def nlp():
    """The spaCy pipeline, loaded once for the whole run."""
    from extract import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def extractor(nlp):
    from extract import Extractor

    return Extractor(nlp)
