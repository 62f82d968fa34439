"""Every listener type registers itself here; command strings appear only in these
modules and in manifest.json (a test keeps the two in step)."""

from __future__ import annotations

from slack_bolt import App

from bot.listeners import actions, commands, events, shortcuts
from bot.listeners.needs import ListenerNeeds


def register(app: App, needs: ListenerNeeds) -> None:
    """Register every listener with what it needs."""
    commands.register(app, needs)
    actions.register(
        app, engine=needs.engine, min_confidence=needs.min_confidence, run_later=needs.run_later
    )
    events.register(
        app, engine=needs.engine, min_confidence=needs.min_confidence, run_later=needs.run_later
    )
    shortcuts.register(app, run_later=needs.run_later)
