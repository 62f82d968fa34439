"""`app_uninstalled` / `tokens_revoked`: forget the workspace's tokens and its data.

Its digest jobs disappear at the scheduler's next sync, which rebuilds from the
subscriptions table.
"""

from __future__ import annotations

import logging

from slack_bolt import App, BoltContext
from sqlalchemy import Engine
from sqlmodel import Session

from storage.workspaces import delete_workspace_data

log = logging.getLogger(__name__)


def register(app: App, *, engine: Engine) -> None:
    @app.event("app_uninstalled")
    def uninstalled(context: BoltContext, body: dict) -> None:
        team_id = context.team_id or body.get("team_id")
        if app.installation_store is not None:
            app.installation_store.delete_all(enterprise_id=context.enterprise_id, team_id=team_id)
        forget_workspace(engine, team_id)

    @app.event("tokens_revoked")
    def tokens_revoked(event: dict, context: BoltContext, body: dict) -> None:
        team_id = context.team_id or body.get("team_id")
        tokens = event.get("tokens") or {}
        store = app.installation_store
        if store is not None:
            for user_id in tokens.get("oauth") or ():
                store.delete_installation(
                    enterprise_id=context.enterprise_id, team_id=team_id, user_id=user_id
                )
            if tokens.get("bot"):
                store.delete_bot(enterprise_id=context.enterprise_id, team_id=team_id)
        if tokens.get("bot"):  # without its bot token the app can do nothing there
            forget_workspace(engine, team_id)


def forget_workspace(engine: Engine, team_id: str | None) -> None:
    if not team_id:
        return
    with Session(engine) as session:
        counts = delete_workspace_data(session=session, team_id=team_id)
        session.commit()
    log.info("workspace %s removed: %s", team_id, counts)
