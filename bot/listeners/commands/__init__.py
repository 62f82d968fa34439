"""The slash commands' listeners: each acknowledges, calls its command's home in
`bot/commands/` and responds."""

from __future__ import annotations

from slack_bolt import App

from bot.listeners.commands import digest, disputes, who_said
from bot.listeners.needs import ListenerNeeds


def register(app: App, needs: ListenerNeeds) -> None:
    who_said.register(app, engine=needs.engine, run_later=needs.run_later)
    disputes.register(
        app, engine=needs.engine, min_confidence=needs.min_confidence, run_later=needs.run_later
    )
    digest.register(
        app,
        engine=needs.engine,
        post_digest_now=needs.post_digest_now,
        subscribe_policy=needs.subscribe_policy,
        workspace_max_feeds=needs.workspace_max_feeds,
    )
