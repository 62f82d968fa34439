from __future__ import annotations

from slack_bolt import App
from sqlalchemy import Engine

from bot.listeners.actions import corrections, disputes, follow, timeline, who_said


def register(app: App, *, engine: Engine, min_confidence: float, run_later) -> None:
    who_said.register(app, engine=engine)
    timeline.register(app, run_later=run_later)
    disputes.register(app, engine=engine, min_confidence=min_confidence)
    follow.register(app, engine=engine)
    corrections.register(app, engine=engine)
