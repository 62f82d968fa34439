"""dispute actor_type, escalation and confidence: hide unresolved and doubtful disputes, rank
the rest

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05 09:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The escalation ladder as it stood at this revision (extract/patterns/dispute_cues.json):
# disputes stored before it get their class's rung instead of the bottom one.
LADDER = {
    "criticise": 1,
    "protest": 1,
    "dismiss": 1,
    "accuse": 2,
    "blame": 2,
    "deny": 2,
    "reject": 3,
    "demand": 4,
    "warn": 5,
    "threaten": 6,
}


def upgrade() -> None:
    # Rows stored before this revision came from named actors and were all shown: they keep
    # being shown (person, full confidence).
    with op.batch_alter_table("dispute", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("actor_type", sa.String(length=32), server_default="person", nullable=False)
        )
        batch_op.add_column(
            sa.Column("escalation", sa.Integer(), server_default="1", nullable=False)
        )
        batch_op.add_column(
            sa.Column("confidence", sa.Float(), server_default="1.0", nullable=False)
        )
    dispute = sa.table("dispute", sa.column("cue_class", sa.String), sa.column("escalation"))
    for cue_class, rung in LADDER.items():
        if rung != 1:
            op.execute(
                dispute.update().where(dispute.c.cue_class == cue_class).values(escalation=rung)
            )


def downgrade() -> None:
    with op.batch_alter_table("dispute", schema=None) as batch_op:
        batch_op.drop_column("confidence")
        batch_op.drop_column("escalation")
        batch_op.drop_column("actor_type")
