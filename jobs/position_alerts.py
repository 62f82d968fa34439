"""Position-change DMs: a follower of a speaker is told, once, when a new statement of theirs
holds the opposite of an earlier one on the same issue (`jobs.positions` finds them).

Only when the gate allows (`extract.positions.alerts_allowed`: the rules' measured precision
is at least 0.85); below it, changes are shown in timelines only, and `summit.wiring` never
calls this. Each change is its own DM, claimed before it is sent like the follow-up DMs
(`jobs.alerts`): the Alert row's batch is "position:<change id>", so two schedulers or a retry
never send it twice, a refused send is retried by the next run and a lost answer is never
repeated. A change is news for `storage.positions.ALERT_RECENT` after its later statement, and
only changes found after the follow began are sent.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable
from datetime import datetime

from slack_sdk import WebClient
from slack_sdk.models.blocks import Block, ContextBlock, MarkdownTextObject
from sqlalchemy import Engine
from sqlmodel import Session

from bot.render import Message, message
from bot.render_timeline import change_blocks
from jobs.alerts import send_claimed_dm
from storage.claims import claim_alert
from storage.positions import (
    PositionChangeView,
    alert_batch_name,
    followers_with_position_changes,
    position_changes_for_follower,
)
from storage.reads import Follower
from storage.scope import workspace_scope
from storage.times import as_utc, utcnow

log = logging.getLogger(__name__)

ClientFor = Callable[[str], WebClient | None]


def send_position_alerts(
    *, engine: Engine, client_for: ClientFor, now: datetime | None = None
) -> Counter[str]:
    """DM every follower each new possible change of position by speakers they follow;
    returns the outcomes counted ("sent", "already-claimed", "failed", …)."""
    now = as_utc(now) or utcnow()
    with Session(engine) as session:
        followers = followers_with_position_changes(session=session, now=now)
    outcomes: Counter[str] = Counter()
    for follower in followers:
        client = client_for(follower.team_id)
        if client is None:
            outcomes["not-installed"] += 1
            continue
        with Session(engine) as session:
            changes = position_changes_for_follower(
                session=session,
                team_id=follower.team_id,
                user_id=follower.user_id,
                now=now,
                scope=workspace_scope(session=session, team_id=follower.team_id),
            )
        for change in changes:
            outcomes[send_position_alert(follower, change, engine, client, now=now)] += 1
    if outcomes:
        log.info("position-change DMs: %s", dict(outcomes))
    return outcomes


def send_position_alert(
    follower: Follower,
    change: PositionChangeView,
    engine: Engine,
    client: WebClient,
    *,
    now: datetime,
) -> str:
    """Claim, send and record one change's DM to one follower."""
    with Session(engine) as session:
        claim = claim_alert(
            session=session,
            team_id=follower.team_id,
            user_id=follower.user_id,
            batch=alert_batch_name(change),
            now=now,
        )
        session.commit()
        if claim is None:
            return "already-claimed"
        claim_id, lease = claim.id, claim.lease_until
    return send_claimed_dm(
        engine,
        client,
        team_id=follower.team_id,
        user_id=follower.user_id,
        claim_id=claim_id,
        lease=lease,
        now=now,
        reply=position_alert_message(change),
        what="position-change DM",
    )


def position_alert_message(change: PositionChangeView) -> Message:
    """The DM: the change with both quotes side by side, and how to see the whole timeline."""
    blocks: list[Block] = [
        *change_blocks(change),
        ContextBlock(
            elements=[
                MarkdownTextObject(
                    text="You follow this speaker. See everything they said with "
                    "`/who-said NAME timeline`; stop these with `unfollow NAME`."
                )
            ]
        ),
    ]
    plain = f"Possible change of position by {change.speaker} on {', '.join(change.issue)}"
    return message(plain, blocks)
