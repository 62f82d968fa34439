"""Follow-up DMs: after an ingest, each follower gets ONE DM with every new statement by the
speakers they follow, exactly once.

The batch is named by the newest statement it covers, and the unique (team, user, batch)
Alert row is claimed before anything is sent, so two schedulers (or a retry) never send
the same DM twice. A refused send releases the claim for the next run; a successful one
advances each follow's `alerted_through`, in the same transaction that records the send. A
send whose answer was lost (a timeout) is recorded as "uncertain" and never repeated.

Claims are leased (`storage.claims.ALERT_LEASE`). A worker that dies before asking Slack to
send leaves a "claimed" batch, retaken by the first run after the lease; one that dies after
asking leaves "sending", which becomes "uncertain" and counts as told, like a lost answer:
a follower may miss one DM (the statements are in the channel digests and /who-said), but
never gets the same one twice.

A DM carries only what the follower's workspace may see (`storage.scope.workspace_scope`):
a statement that only another workspace's channel feed brought is left out of it.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from slack_sdk import WebClient
from sqlalchemy import Engine
from sqlmodel import Session

from bot.outcomes import answer_lost, why
from bot.render import Message
from bot.render_home import alert_message
from storage.claims import claim_alert, finish_alert, flag_lapsed_alerts, mark_alert_sending
from storage.follows import advance_follows
from storage.reads import Follower, followers_with_news, new_statements_for_follower
from storage.scope import workspace_scope
from storage.times import as_utc, utcnow
from storage.views import StatementView

log = logging.getLogger(__name__)

ClientFor = Callable[[str], WebClient | None]


@dataclass(frozen=True, slots=True)
class AlertRun:
    """How one run went, per outcome: sent, already-claimed, failed, uncertain, not-installed."""

    outcomes: tuple[tuple[Follower, str], ...] = ()

    @property
    def counts(self) -> dict[str, int]:
        return dict(Counter(outcome for _, outcome in self.outcomes))


def send_alerts(*, engine: Engine, client_for: ClientFor, now: datetime | None = None) -> AlertRun:
    """Send every follower with news their one batched DM; safe to run anywhere, any time.

    First, batches whose sender died while sending (their lease ran out) become uncertain.
    """
    now = as_utc(now) or utcnow()
    with Session(engine) as session:
        if flagged := flag_lapsed_alerts(session=session, now=now):
            log.warning("follow-up DMs whose sender died while sending: %d uncertain", flagged)
        session.commit()
        followers = followers_with_news(session=session)
    outcomes = []
    for follower in followers:
        client = client_for(follower.team_id)
        outcome = (
            "not-installed" if client is None else send_alert(follower, engine, client, now=now)
        )
        outcomes.append((follower, outcome))
    run = AlertRun(tuple(outcomes))
    if outcomes:
        log.info("follow-up DMs: %s", run.counts)
    return run


def batch_name(statements: list[StatementView]) -> str:
    """A batch is named by the newest statement it covers (`storage.claims` reads it back)."""
    return f"through:{max(s.id for s in statements)}"


def send_alert(
    follower: Follower, engine: Engine, client: WebClient, *, now: datetime | None = None
) -> str:
    """Claim, send and record one follower's batch; `now` starts the claim's lease."""
    team_id, user_id = follower.team_id, follower.user_id
    with Session(engine) as session:
        statements = new_statements_for_follower(
            session=session,
            team_id=team_id,
            user_id=user_id,
            scope=workspace_scope(session=session, team_id=team_id),
        )
        if not statements:
            return "nothing-new"
        claim = claim_alert(
            session=session,
            team_id=team_id,
            user_id=user_id,
            batch=batch_name(statements),
            now=now,
        )
        session.commit()
        if claim is None:
            return "already-claimed"
        claim_id, lease = claim.id, claim.lease_until
    through: dict[int, int] = {}
    for statement in statements:
        through[statement.speaker_id] = max(through.get(statement.speaker_id, 0), statement.id)

    def told(session: Session) -> None:
        advance_follows(session=session, team_id=team_id, user_id=user_id, through=through)

    return send_claimed_dm(
        engine,
        client,
        team_id=team_id,
        user_id=user_id,
        claim_id=claim_id,
        lease=lease,
        now=now,
        reply=alert_message(statements),
        what="follow-up DM",
        told=told,
    )


def send_claimed_dm(
    engine: Engine,
    client: WebClient,
    *,
    team_id: str,
    user_id: str,
    claim_id: int,
    lease: datetime,
    now: datetime | None,
    reply: Message,
    what: str,
    told: Callable[[Session], None] | None = None,
) -> str:
    """Send a DM whose Alert claim is held: open the conversation, mark the claim sending,
    post, and record how it went. `told(session)` runs in the recording transaction when the
    user counts as told: sent, or uncertain (Slack may have posted it: sending again could DM
    twice). A failure (Slack refused, or the request never left) releases the claim for the
    next run."""
    sending = False
    try:
        channel = client.conversations_open(users=user_id)["channel"]["id"]
        with Session(engine) as session:
            sending = mark_alert_sending(
                session=session, claim_id=claim_id, lease_until=lease, now=now
            )
            session.commit()
        if not sending:  # the lease ran out and another run retook the batch
            return "already-claimed"
        ts = client.chat_postMessage(
            channel=channel, unfurl_links=False, unfurl_media=False, **reply.payload()
        )["ts"]
    except Exception as error:
        reason = why(error)
        outcome = "uncertain" if sending and answer_lost(error) else "failed"
        with Session(engine) as session:
            finish_alert(session=session, claim_id=claim_id, error=reason, status=outcome)
            if outcome == "uncertain" and told is not None:
                told(session)
            session.commit()
        log.warning("%s to %s/%s %s: %s", what, team_id, user_id, outcome, reason)
        return outcome
    with Session(engine) as session:
        finish_alert(session=session, claim_id=claim_id, ts=ts)
        if told is not None:
            told(session)
        session.commit()
    return "sent"
