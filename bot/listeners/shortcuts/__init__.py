"""Shortcuts: "Who's quoted here?" on any message."""

from __future__ import annotations

from slack_bolt import App

from bot.listeners.shortcuts import quoted_here


def register(app: App, *, run_later) -> None:
    quoted_here.register(app, run_later=run_later)
