"""Engine, sessions and migrations. Nothing connects until a function is called."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlmodel import create_engine

from summit.errors import StorageError

MIGRATIONS = Path(__file__).parent / "migrations"
_LOCK_KEY = 7_307_2023  # any fixed number: the advisory lock that serialises migrations


def make_engine(url: str, *, echo: bool = False) -> Engine:
    """Create an engine for `url`; a SQLite file's folder is created on demand.

    SQLite gets WAL mode, foreign keys and a busy timeout so a scheduler and a
    web process can share one file; PostgreSQL gets pre-ping so a restarted
    server does not surface as a failed request, and sessions in UTC without JIT.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:" and not database.startswith("file:"):
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url, echo=echo, connect_args={"check_same_thread": False, "timeout": 30}
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "savepoint", _sqlite_savepoint)
        return engine
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    engine = create_engine(parsed, echo=echo, pool_pre_ping=True)
    if parsed.get_backend_name() == "postgresql":
        event.listen(engine, "connect", _postgres_session)
    return engine


JIT_SINCE = 110000  # PostgreSQL 11 has the `jit` setting


def _postgres_session(dbapi_connection, _record) -> None:
    """Sessions run in UTC, as everything is stored: times come back in UTC, as SQLite's do.
    They run without JIT compilation: our queries are short, and a correlated subquery's cost
    estimate (the brief's novelty check) made PostgreSQL spend 0.65 s compiling a query that
    runs in 0.3 s (`bench/bench_brief.py --database postgresql`)."""
    autocommit = dbapi_connection.autocommit
    dbapi_connection.autocommit = True
    dbapi_connection.execute("SET TIME ZONE 'UTC'")
    if dbapi_connection.info.server_version >= JIT_SINCE:
        dbapi_connection.execute("SET jit = off")
    dbapi_connection.autocommit = autocommit


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_savepoint(connection, name) -> None:
    """pysqlite emits no BEGIN before a SAVEPOINT: outside a transaction SQLite then treats
    the SAVEPOINT as the transaction itself and RELEASE commits it — half a unit of work
    (an article without its statements) could be committed. Open the transaction first."""
    dbapi_connection = connection.connection.dbapi_connection
    if not dbapi_connection.in_transaction:
        dbapi_connection.execute("BEGIN")


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """What autogenerate compares: not slack_sdk's OAuth tables (slack_bots,
    slack_installations, slack_oauth_states), which migration 0011 creates as slack_sdk
    defines them and its installation and state stores own, nor procrastinate's job queue
    tables (migration 0015, PostgreSQL only), which procrastinate owns."""
    return not (
        type_ == "table"
        and reflected
        and compare_to is None
        and name.startswith(("slack_", "procrastinate_"))
    )


def alembic_config(engine: Engine):
    """An Alembic config bound to `engine` (no alembic.ini needed)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def migrate(engine: Engine, revision: str = "head") -> None:
    """Apply migrations up to `revision`, as `summit db upgrade` does."""
    from alembic import command

    _migrations(engine, lambda config: command.upgrade(config, revision))


def downgrade(engine: Engine, revision: str) -> None:
    """Undo migrations down to `revision` (tests of data migrations, and operators)."""
    from alembic import command

    _migrations(engine, lambda config: command.downgrade(config, revision))


def _migrations(engine: Engine, step) -> None:
    """Run `step(config)` in one transaction: on PostgreSQL under an advisory lock (replicas
    starting together take turns; the others then find nothing to do); on SQLite with
    references off (batch migrations copy tables other rows point at, and SQLite can switch
    references off only outside a transaction), checked before the commit."""
    config = alembic_config(engine)
    try:
        with engine.connect() as connection:
            raw = connection.connection.dbapi_connection
            sqlite = connection.dialect.name == "sqlite"
            if sqlite:
                raw.execute("PRAGMA foreign_keys=OFF")
            try:
                with connection.begin():
                    if connection.dialect.name == "postgresql":
                        connection.execute(
                            text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY}
                        )
                    config.attributes["connection"] = connection
                    step(config)
                    if sqlite and (broken := raw.execute("PRAGMA foreign_key_check").fetchall()):
                        raise StorageError(f"migrating left broken references: {broken[:5]}")
            finally:
                if sqlite:
                    raw.execute("PRAGMA foreign_keys=ON")
    except StorageError:
        raise
    except Exception as exc:  # connection refused, permissions, a broken URL
        raise StorageError(f"could not migrate the database: {_describe(exc)}") from exc


def pending_upgrade(engine: Engine) -> bool:
    """True when the database is behind the newest migration (or empty)."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config(engine)).get_current_head()
    with engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
    return current != head


def table_names(engine: Engine) -> list[str]:
    return sorted(inspect(engine).get_table_names())


def _describe(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
