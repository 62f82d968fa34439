"""procrastinate schema: the job queue's tables, types and functions (PostgreSQL only)

On PostgreSQL, ingest, digests, follow-up DMs and purges run as procrastinate jobs
(`jobs/queue.py`), with the database as the broker. Its schema is applied here, under the
same migration lock as ours, so replicas starting together never race to create it, and
`summit db upgrade` is the one step an operator runs. SQLite has no queue: nothing happens.

The schema is procrastinate 3.10.0's, kept beside the migrations (procrastinate-3.10.0.sql)
so that this revision always builds the same thing, whichever 3.x is installed. A later
procrastinate that ships schema migrations past `LAST_INCLUDED` needs a revision of ours
that applies them (`procrastinate schema --migrations-path` lists them); a test fails until
it exists.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07 06:30:00.000000
"""

from collections.abc import Sequence
from pathlib import Path

from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCHEMA = Path(__file__).resolve().parents[1] / "procrastinate-3.10.0.sql"
# The newest of procrastinate's own migrations that the schema above already contains.
LAST_INCLUDED = "03.04.00_50_post_add_retry_failed_job_procedure.sql"

TABLES = (
    "procrastinate_events",
    "procrastinate_periodic_defers",
    "procrastinate_jobs",
    "procrastinate_workers",
)
TYPES = (
    "procrastinate_job_to_defer_v1",
    "procrastinate_job_event_type",
    "procrastinate_job_status",
)
# Every function and procedure named procrastinate_*, whatever its arguments.
DROP_ROUTINES = r"""
DO $$
DECLARE routine record;
BEGIN
    FOR routine IN
        SELECT p.oid::regprocedure AS signature
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = current_schema() AND p.proname LIKE 'procrastinate\_%'
    LOOP
        EXECUTE 'DROP ROUTINE IF EXISTS ' || routine.signature || ' CASCADE';
    END LOOP;
END;
$$;
"""


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    # Many statements in one string: psycopg sends a query without parameters as it is.
    _driver().execute(SCHEMA.read_text(encoding="utf-8"))


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    driver = _driver()
    driver.execute(f"DROP TABLE IF EXISTS {', '.join(TABLES)} CASCADE")
    driver.execute(DROP_ROUTINES)
    driver.execute(f"DROP TYPE IF EXISTS {', '.join(TYPES)} CASCADE")


def _driver():
    """The psycopg connection under Alembic's, inside the same (locked) transaction."""
    return op.get_bind().connection.dbapi_connection
