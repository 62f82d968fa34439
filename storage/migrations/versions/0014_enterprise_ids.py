"""enterprise ids: subscriptions and follows remember their workspace's Enterprise Grid org

The scheduler posts digests and follow-up DMs with no request to say which org a workspace
belongs to, and slack_sdk's installation store finds a Grid workspace's bot only with its
enterprise id: every Grid workspace was "not installed". Rows from before are given the org
of their workspace's stored bot, when that bot was installed inside one.

Revision ID: 0014
Revises: 0012
Create Date: 2026-12-09 10:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0014"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("subscription", "follow")


def upgrade() -> None:
    for name in TABLES:
        with op.batch_alter_table(name, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column(
                    "enterprise_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True
                )
            )
    bots = sa.table(
        "slack_bots",
        sa.column("enterprise_id", sa.String()),
        sa.column("team_id", sa.String()),
        sa.column("installed_at", sa.DateTime()),
    )
    for name in TABLES:
        table = sa.table(name, sa.column("team_id", sa.String()), sa.column("enterprise_id"))
        org_of_bot = (
            sa.select(bots.c.enterprise_id)
            .where(bots.c.team_id == table.c.team_id, bots.c.enterprise_id.is_not(None))
            .order_by(bots.c.installed_at.desc())
            .limit(1)
            .scalar_subquery()
        )
        op.execute(
            sa.update(table).where(table.c.enterprise_id.is_(None)).values(enterprise_id=org_of_bot)
        )


def downgrade() -> None:
    for name in TABLES:
        with op.batch_alter_table(name, schema=None) as batch_op:
            batch_op.drop_column("enterprise_id")
