"""statement stances and position changes: what each statement holds, and where a speaker's
later statement holds the opposite of an earlier one (speaker timelines, issue 13)

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07 07:10:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "statementstance",
        sa.Column("statement_id", sa.Integer(), nullable=False),
        sa.Column("speaker_id", sa.Integer(), nullable=False),
        sa.Column("stances", sa.Text(), nullable=False),
        sa.Column("issue", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
        sa.Column("version", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.PrimaryKeyConstraint("statement_id"),
    )
    op.create_index("ix_statementstance_speaker_id", "statementstance", ["speaker_id"])
    op.create_table(
        "positionchange",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("speaker_id", sa.Integer(), nullable=False),
        sa.Column("earlier_id", sa.Integer(), nullable=False),
        sa.Column("later_id", sa.Integer(), nullable=False),
        sa.Column("predicate", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("issue", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
        sa.Column("found_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("earlier_id", "later_id", name="uq_positionchange_pair"),
    )
    for column in ("speaker_id", "earlier_id", "later_id", "found_at"):
        op.create_index(f"ix_positionchange_{column}", "positionchange", [column])


def downgrade() -> None:
    for column in ("speaker_id", "earlier_id", "later_id", "found_at"):
        op.drop_index(f"ix_positionchange_{column}", table_name="positionchange")
    op.drop_table("positionchange")
    op.drop_index("ix_statementstance_speaker_id", table_name="statementstance")
    op.drop_table("statementstance")
