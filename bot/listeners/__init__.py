"""Every listener type registers itself here; command strings appear only in these
modules and in manifest.json (a test keeps the two in step)."""

from __future__ import annotations

from slack_bolt import App
from sqlalchemy import Engine

from bot.listeners import actions, commands, events
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
    """`min_confidence`: the least confidence of a dispute shown (DISPUTE_MIN_CONFIDENCE);
    `post_digest_now`: hands `/digest now` to the job runner, `run_later` other one-off work
    (`/disputes map`, timelines); `subscribe_policy`: who may
    subscribe a channel and edit its feeds (SUBSCRIBE_POLICY); `workspace_max_feeds`: the
    distinct feeds a workspace's channels may follow in all (WORKSPACE_MAX_FEEDS)."""
    commands.register(
        app,
        engine=engine,
        min_confidence=min_confidence,
        post_digest_now=post_digest_now,
        run_later=run_later,
        subscribe_policy=subscribe_policy,
        workspace_max_feeds=workspace_max_feeds,
    )
    actions.register(app, engine=engine, min_confidence=min_confidence, run_later=run_later)
    events.register(app, engine=engine, min_confidence=min_confidence)
