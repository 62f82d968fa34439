"""reader corrections: a workspace's "wrong speaker", "not a statement" and "not a dispute"
(issue 13, part 4)

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-07 09:20:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "correction",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("user_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("item_kind", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("action", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("speaker_id", sa.Integer(), nullable=True),
        sa.Column("speaker_name", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
        sa.Column("cue", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("pattern", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("team_id", "item_kind", "item_id", name="uq_correction_item"),
    )
    op.create_index("ix_correction_team_id", "correction", ["team_id"])
    op.create_index("ix_correction_created_at", "correction", ["created_at"])


def downgrade() -> None:
    op.drop_index("ix_correction_created_at", table_name="correction")
    op.drop_index("ix_correction_team_id", table_name="correction")
    op.drop_table("correction")
