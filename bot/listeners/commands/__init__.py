from __future__ import annotations

from slack_bolt import App
from sqlalchemy import Engine

from bot.listeners.commands import digest, disputes, who_said


def register(app: App, *, engine: Engine) -> None:
    who_said.register(app, engine=engine)
    disputes.register(app, engine=engine)
    digest.register(app, engine=engine)
