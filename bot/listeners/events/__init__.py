"""Events API listeners: DMs, @mentions, the App Home tab, uninstalls."""

from __future__ import annotations

from slack_bolt import App
from sqlalchemy import Engine

from bot.listeners.events import home, mentions, messages, uninstall


def register(app: App, *, engine: Engine) -> None:
    messages.register(app, engine=engine)
    mentions.register(app, engine=engine)
    home.register(app, engine=engine)
    uninstall.register(app, engine=engine)
