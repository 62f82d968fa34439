"""The Enterprise Grid org of a workspace, as its subscriptions and follows keep it."""

from __future__ import annotations

from datetime import UTC, datetime

from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlmodel import Session, select

from storage.articles import ensure_speaker
from storage.engine import alembic_config, downgrade, migrate
from storage.follows import follow_speaker
from storage.models import Follow, Subscription
from storage.subscriptions import subscribe_channel
from storage.workspaces import enterprise_of

GRID_TEAM, PLAIN_TEAM, ORG = "T0GRIDWS01", "T0PLAINWS1", "E0GRIDORG1"


def subscribe(session: Session, team_id: str, enterprise_id: str | None = None) -> None:
    subscribe_channel(
        session=session,
        team_id=team_id,
        channel_id="C0DESK0001",
        digest_time="07:30",
        timezone="UTC",
        enterprise_id=enterprise_id,
    )


def test_a_workspace_is_in_the_org_its_subscriptions_or_follows_were_made_in(engine):
    """The org comes from a subscription or a follow; a workspace outside Grid has none."""
    with Session(engine) as session:
        speaker = ensure_speaker(session=session, name="Sergei Lavrov", kind="person")
        follow_speaker(
            session=session,
            team_id=GRID_TEAM,
            user_id="U1",
            speaker_id=speaker.id,
            alerted_through=0,
            enterprise_id=ORG,
        )
        subscribe(session, PLAIN_TEAM)
        session.commit()
        assert enterprise_of(session=session, team_id=GRID_TEAM) == ORG
        assert enterprise_of(session=session, team_id=PLAIN_TEAM) is None
        subscribe(session, PLAIN_TEAM, enterprise_id=ORG)  # the workspace joined an org
        subscribe(session, PLAIN_TEAM)  # a later change that does not say keeps it
        assert enterprise_of(session=session, team_id=PLAIN_TEAM) == ORG


def test_migration_gives_existing_rows_the_org_of_their_workspaces_bot(engine):
    """Subscriptions and follows stored before the enterprise ids take the org of their
    workspace's installed bot; other workspaces' stay outside Grid; downgrading drops it."""
    with Session(engine) as session:
        speaker = ensure_speaker(session=session, name="Sergei Lavrov", kind="person")
        for team in (GRID_TEAM, PLAIN_TEAM):
            subscribe(session, team)
            follow_speaker(
                session=session, team_id=team, user_id="U1", speaker_id=speaker.id,
                alerted_through=0,
            )  # fmt: skip
        session.commit()
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO slack_bots (client_id, app_id, enterprise_id, team_id, bot_token,"
                " is_enterprise_install, installed_at)"
                " VALUES ('1.2', 'A1', :org, :team, 'xoxb-1', false, :at)"
            ),
            {"org": ORG, "team": GRID_TEAM, "at": datetime(2026, 12, 1, tzinfo=UTC)},
        )
    script = ScriptDirectory.from_config(alembic_config(engine))
    before = script.get_revision("0014").down_revision
    downgrade(engine, before)
    with engine.connect() as connection:
        columns = connection.execute(text("SELECT * FROM subscription")).keys()
    assert "enterprise_id" not in columns
    migrate(engine)
    with Session(engine) as session:
        for table in (Subscription, Follow):
            rows = session.exec(select(table.team_id, table.enterprise_id)).all()
            assert sorted(map(tuple, rows)) == [(GRID_TEAM, ORG), (PLAIN_TEAM, None)]
