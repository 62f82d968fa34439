"""the brief: stories, statement clusters, article origin and channel feeds

Article.story_id pointed at the article a syndicated copy duplicates; it becomes copy_of_id,
and story_id now names the news event (a Story shared by several outlets' articles).
Articles stored before this revision came from the operator's feeds and files: they stay
visible to every workspace (origin "operator").

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 01:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_DATETIME = sqlmodel.sql.sqltypes.UTCDateTime()


def upgrade() -> None:
    op.create_table(
        "story",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=1000), nullable=False),
        sa.Column("summit", sa.String(length=300), nullable=True),
        sa.Column("first_published", UTC_DATETIME, nullable=False),
        sa.Column("last_published", UTC_DATETIME, nullable=False),
        sa.Column("articles", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("story", schema=None) as batch_op:
        batch_op.create_index("ix_story_last_published", ["last_published"], unique=False)
    op.create_table(
        "statementcluster",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("speaker_id", sa.Integer(), nullable=False),
        sa.Column("first_at", UTC_DATETIME, nullable=False),
        sa.Column("statements", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["speaker_id"], ["speaker.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("statementcluster", schema=None) as batch_op:
        batch_op.create_index("ix_statementcluster_speaker_id", ["speaker_id"], unique=False)
    op.create_table(
        "articlefeed",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("feed_url", sa.String(length=2000), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["article.id"]),
        sa.PrimaryKeyConstraint("article_id", "feed_url"),
    )
    with op.batch_alter_table("articlefeed", schema=None) as batch_op:
        batch_op.create_index("ix_articlefeed_feed_url", ["feed_url"], unique=False)
    # Plain ALTERs, not a batch: on SQLite a batch would copy the article table, which the
    # statement and dispute rows reference (foreign keys are on).
    op.drop_index("ix_article_story_id", table_name="article")
    op.execute("ALTER TABLE article RENAME COLUMN story_id TO copy_of_id")
    op.create_index("ix_article_copy_of_id", "article", ["copy_of_id"], unique=False)
    _add_reference("article", "story_id", "story", "fk_article_story_id_story")
    op.add_column("article", sa.Column("story_vector", sa.Text(), nullable=True))
    op.add_column(
        "article",
        sa.Column("origin", sa.String(length=16), server_default="operator", nullable=False),
    )
    op.create_index("ix_article_story_id", "article", ["story_id"], unique=False)
    _add_reference(
        "statement", "cluster_id", "statementcluster", "fk_statement_cluster_id_statementcluster"
    )
    op.create_index("ix_statement_cluster_id", "statement", ["cluster_id"], unique=False)


def _add_reference(table: str, column: str, target: str, name: str) -> None:
    """A nullable integer column referencing `target.id`; SQLite takes the reference inline."""
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"ALTER TABLE {table} ADD COLUMN {column} INTEGER REFERENCES {target} (id)")
        return
    op.add_column(table, sa.Column(column, sa.Integer(), nullable=True))
    op.create_foreign_key(name, table, target, [column], ["id"])


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        # The batches below copy tables that other rows reference (same ids after the copy);
        # SQLite runs DDL outside a transaction here, so references are off until the end.
        op.execute("PRAGMA foreign_keys = OFF")
    op.drop_index("ix_statement_cluster_id", table_name="statement")
    op.drop_index("ix_article_story_id", table_name="article")
    op.drop_index("ix_article_copy_of_id", table_name="article")
    with op.batch_alter_table("statement", schema=None) as batch_op:
        batch_op.drop_column("cluster_id")
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.drop_column("origin")
        batch_op.drop_column("story_vector")
        batch_op.drop_column("story_id")
    op.execute("ALTER TABLE article RENAME COLUMN copy_of_id TO story_id")
    op.create_index("ix_article_story_id", "article", ["story_id"], unique=False)
    op.drop_table("articlefeed")
    op.drop_table("statementcluster")
    op.drop_table("story")
    if sqlite:
        op.execute("PRAGMA foreign_keys = ON")
