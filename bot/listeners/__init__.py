"""Every listener type registers itself here; command strings appear only in these
modules and in manifest.json (a test keeps the two in step)."""

from __future__ import annotations

from slack_bolt import App
from sqlalchemy import Engine

from bot.listeners import actions, commands, events


def register(app: App, *, engine: Engine) -> None:
    commands.register(app, engine=engine)
    actions.register(app, engine=engine)
    events.register(app, engine=engine)
