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
            channel=channel,
            unfurl_links=False,
            unfurl_media=False,
            **alert_message(statements).payload(),
        )["ts"]
    except Exception as error:
        reason = why(error)
        if sending and answer_lost(error):
            # Slack may have posted it: sending again could DM the batch twice, so it counts
            # as told (these statements are in the channel digests and /who-said anyway).
            outcome, ts = "uncertain", None
        else:  # Slack refused, or the request never left: release the claim for the next run
            outcome = "failed"
        with Session(engine) as session:
            finish_alert(session=session, claim_id=claim_id, error=reason, status=outcome)
            if outcome == "uncertain":
                advance_follows(session=session, team_id=team_id, user_id=user_id, through=through)
            session.commit()
        log.warning("follow-up DM to %s/%s %s: %s", team_id, user_id, outcome, reason)
        return outcome
    with Session(engine) as session:
        finish_alert(session=session, claim_id=claim_id, ts=ts)
        advance_follows(session=session, team_id=team_id, user_id=user_id, through=through)
        session.commit()
    return "sent"
