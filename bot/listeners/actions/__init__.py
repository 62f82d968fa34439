from __future__ import annotations

from slack_bolt import App
from sqlalchemy import Engine

from bot.listeners.actions import disputes, follow, who_said


def register(app: App, *, engine: Engine) -> None:
    who_said.register(app, engine=engine)
    disputes.register(app, engine=engine)
    follow.register(app, engine=engine)
