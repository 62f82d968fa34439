from __future__ import annotations

from slack_bolt import App
from sqlalchemy import Engine

from bot.listeners.commands import digest, disputes, who_said
from jobs.digest_now import PostLater
from jobs.map_post import RunLater
from summit.settings import DEFAULT_SUBSCRIBE_POLICY


def register(
    app: App,
    *,
    engine: Engine,
    min_confidence: float,
    post_digest_now: PostLater,
    run_later: RunLater,
    subscribe_policy: str = DEFAULT_SUBSCRIBE_POLICY,
    workspace_max_feeds: int | None = None,
) -> None:
    who_said.register(app, engine=engine, run_later=run_later)
    disputes.register(app, engine=engine, min_confidence=min_confidence, run_later=run_later)
    digest.register(
        app,
        engine=engine,
        post_digest_now=post_digest_now,
        subscribe_policy=subscribe_policy,
        workspace_max_feeds=workspace_max_feeds,
    )
