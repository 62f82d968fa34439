from __future__ import annotations

from slack_bolt import App
from sqlalchemy import Engine

from bot.listeners.actions import disputes, follow, who_said


def register(app: App, *, engine: Engine, min_confidence: float) -> None:
    who_said.register(app, engine=engine)
    disputes.register(app, engine=engine, min_confidence=min_confidence)
    follow.register(app, engine=engine)
