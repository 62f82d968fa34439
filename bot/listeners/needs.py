"""What the listeners need from the app that registers them."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from jobs.digest_now import PostLater
from jobs.map_post import RunLater
from summit.settings import DEFAULT_SUBSCRIBE_POLICY


@dataclass(frozen=True, slots=True)
class ListenerNeeds:
    """`min_confidence`: the least confidence of a dispute shown (DISPUTE_MIN_CONFIDENCE);
    `post_digest_now` hands `/digest now` to the job runner, `run_later` other one-off work
    (`/disputes map`, timelines); `subscribe_policy`: who may subscribe a channel and edit its
    feeds (SUBSCRIBE_POLICY); `workspace_max_feeds`: the distinct feeds a workspace's
    channels may follow in all (WORKSPACE_MAX_FEEDS)."""

    engine: Engine
    min_confidence: float
    post_digest_now: PostLater
    run_later: RunLater
    subscribe_policy: str = DEFAULT_SUBSCRIBE_POLICY
    workspace_max_feeds: int | None = None
