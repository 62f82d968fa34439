"""statement and dispute found_at, article updated_at index: digest windows that see edits

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-28 07:20:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("statement", "dispute")


def upgrade() -> None:
    # Added nullable, filled with the first ingest of their articles, then made required.
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("found_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True)
            )
        op.execute(
            f"UPDATE {table} SET found_at = (SELECT article.ingested_at FROM article"
            f" WHERE article.id = {table}.article_id)"
        )
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column(
                "found_at", existing_type=sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False
            )
            batch_op.create_index(f"ix_{table}_found_at", ["found_at"], unique=False)
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.create_index("ix_article_updated_at", ["updated_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.drop_index("ix_article_updated_at")
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(f"ix_{table}_found_at")
            batch_op.drop_column("found_at")
