"""Seen events get a status: "handling" while a listener works on one, "handled" after.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28 04:20:01.676685
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("seenevent", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "status",
                sqlmodel.sql.sqltypes.AutoString(length=16),
                server_default="handled",
                nullable=False,
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("seenevent", schema=None) as batch_op:
        batch_op.drop_column("status")
