"""claim leases: digest and follow-up DM claims are alive until `lease_until`

A digest left "posting" by a process that died stayed so forever, and an alert claimed by one
was never retaken. Claims now carry a lease; rows still in flight at the upgrade get the
10 minutes from their claim that the old rule ("claimed for longer than 10 minutes is
abandoned") gave them.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-08 09:00:00.000000
"""

from collections.abc import Sequence
from datetime import timedelta

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

IN_FLIGHT = {"digestpost": ("claimed", "posting"), "alert": ("claimed",)}
OLD_STALE_CLAIM = timedelta(minutes=10)


def upgrade() -> None:
    for name, statuses in IN_FLIGHT.items():
        with op.batch_alter_table(name, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("lease_until", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True)
            )
        table = sa.table(
            name,
            sa.column("id", sa.Integer()),
            sa.column("status", sa.String()),
            sa.column("claimed_at", sqlmodel.sql.sqltypes.UTCDateTime()),
            sa.column("lease_until", sqlmodel.sql.sqltypes.UTCDateTime()),
        )
        bind = op.get_bind()
        rows = bind.execute(
            sa.select(table.c.id, table.c.claimed_at).where(table.c.status.in_(statuses))
        ).all()
        for row_id, claimed_at in rows:
            bind.execute(
                sa.update(table)
                .where(table.c.id == row_id)
                .values(lease_until=claimed_at + OLD_STALE_CLAIM)
            )


def downgrade() -> None:
    for name in IN_FLIGHT:
        with op.batch_alter_table(name, schema=None) as batch_op:
            batch_op.drop_column("lease_until")
