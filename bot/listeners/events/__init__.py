"""Events API listeners: DMs, @mentions, the App Home tab, link previews, uninstalls."""

from __future__ import annotations

from slack_bolt import App
from sqlalchemy import Engine

from bot.listeners.events import home, links, mentions, messages, uninstall


def register(app: App, *, engine: Engine, min_confidence: float, run_later) -> None:
    messages.register(app, engine=engine, min_confidence=min_confidence)
    mentions.register(app, engine=engine, min_confidence=min_confidence)
    home.register(app, engine=engine)
    links.register(app, run_later=run_later)
    uninstall.register(app, engine=engine)
