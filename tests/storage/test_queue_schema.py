"""procrastinate's schema comes and goes with migration 0015 (PostgreSQL only)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import procrastinate
import pytest
from procrastinate.schema import SchemaManager
from sqlalchemy import Engine, inspect, text

from storage.engine import downgrade, migrate
from tests.conftest import ROOT

MIGRATION = ROOT / "storage/migrations/versions/0015_procrastinate_schema.py"


@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)
def test_the_queue_schema_comes_with_migration_0015_and_goes_with_its_downgrade(engine):
    """Downgrading to 0014 drops procrastinate's tables, functions and types; upgrading
    again brings them back, and a job can be deferred."""
    downgrade(engine, "0014")
    assert queue_objects(engine) == (0, 0, 0)
    migrate(engine)
    tables, routines, types = queue_objects(engine)
    assert tables == 4 and routines > 10 and types == 3
    url = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    app = procrastinate.App(connector=procrastinate.SyncPsycopgConnector(conninfo=url))
    with app.open():
        assert app.configure_task("summit.probe").defer() > 0


@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)
def test_sqlite_has_no_queue_tables(engine):
    """Migration 0015 does nothing on SQLite: the embedded setup runs jobs in process."""
    assert not [name for name in inspect(engine).get_table_names() if "procrastinate" in name]


def test_the_kept_schema_includes_every_migration_procrastinate_ships():
    """Migration 0015 applies procrastinate 3.10.0's schema: an installed procrastinate with
    newer schema migrations needs a migration of ours that applies them first."""
    spec = importlib.util.spec_from_file_location("migration_0015", MIGRATION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    shipped = sorted(p.name for p in Path(SchemaManager.get_migrations_path()).glob("*.sql"))
    assert shipped[-1] == module.LAST_INCLUDED
    assert module.SCHEMA.is_file()


def queue_objects(engine: Engine) -> tuple[int, int, int]:
    """How many procrastinate tables, functions and types the database has."""
    with engine.connect() as connection:
        return tuple(
            connection.execute(text(query)).scalar_one()
            for query in (
                "SELECT count(*) FROM pg_tables WHERE tablename LIKE 'procrastinate%'",
                "SELECT count(*) FROM pg_proc WHERE proname LIKE 'procrastinate%'",
                "SELECT count(*) FROM pg_type WHERE typname IN ('procrastinate_job_status',"
                " 'procrastinate_job_event_type', 'procrastinate_job_to_defer_v1')",
            )
        )
