"""Claims that make a digest or a follow-up DM go out once: claim by inserting a row for
the slot, take over a claim whose lease ran out, flag one that may already show in Slack as
`uncertain`, and finish it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Literal, TypeVar

from sqlalchemy import delete, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from storage.models import (
    Alert,
    DigestPost,
    Follow,
)
from storage.times import as_utc, utcnow

Row = TypeVar("Row")

# How long a claim lives without a word from its holder. A digest's lease is renewed by each
# message posted, so it need only outlast one chat.postMessage with its client's retries (4
# attempts of at most 10 s, plus any Retry-After) and the database writes around it; a DM
# is a conversations.open and a chat.postMessage. Past its lease a "claimed" row is retaken
# (nothing was sent) and a "posting"/"sending" one is flagged "uncertain" (Slack may show it).
DIGEST_LEASE = timedelta(minutes=10)


ALERT_LEASE = timedelta(minutes=5)


RETRYABLE = ("failed", "partial")  # digest claims a later attempt may take over


def claim_row(
    session: Session, row: Row, *, key: Sequence, retakable, retake: Mapping
) -> Row | None:
    """The one claim protocol: insert `row`, whose unique `key` makes two claimants at the same
    moment get it once; when the key is taken, take that row over only where `retakable`
    holds (a failed attempt, a lease run out), setting `retake`. Returns the claimed row, or
    None when someone else holds it. Committing is the caller's."""
    try:
        with session.begin_nested():
            session.add(row)
            session.flush()
        return row
    except IntegrityError:
        pass
    model = type(row)
    taken = session.exec(update(model).where(*key, retakable).values(**retake))
    if taken.rowcount != 1:
        return None
    return session.exec(select(model).where(*key)).scalar_one()


def claim_digest(
    *,
    session: Session,
    team_id: str,
    channel_id: str,
    digest_date: date,
    covers_from: datetime | None,
    covers_until: datetime,
    slot: str = "scheduled",
    now: datetime | None = None,
) -> DigestPost | None:
    """Take the unique (channel, date, slot) claim for `DIGEST_LEASE`; None when someone
    already has it.

    A claim whose earlier attempt failed can be taken again, and so can one left "claimed"
    past its lease by a process that died before posting, so a digest missed by an outage
    is retried; one that was posted, is being posted (or may have been: uncertain), or
    cannot be posted (the bot left the channel) never is.
    """
    now = as_utc(now) or utcnow()
    claim = DigestPost(
        team_id=team_id,
        channel_id=channel_id,
        digest_date=digest_date,
        slot=slot,
        covers_from=as_utc(covers_from),
        covers_until=as_utc(covers_until),
        claimed_at=now,
        lease_until=now + DIGEST_LEASE,
    )
    return claim_row(
        session,
        claim,
        key=(
            DigestPost.team_id == team_id,
            DigestPost.channel_id == channel_id,
            DigestPost.digest_date == digest_date,
            DigestPost.slot == slot,
        ),
        retakable=or_(
            DigestPost.status.in_(RETRYABLE),
            (DigestPost.status == "claimed") & (DigestPost.lease_until < now),
        ),
        retake={
            "status": "claimed",
            "error": None,
            "claimed_at": now,
            "lease_until": now + DIGEST_LEASE,
        },
    )


def earlier_claim_within(
    *, session: Session, claim_id: int, team_id: str, channel_id: str, slot_prefix: str, since
) -> bool:
    """Whether another claim of the channel in a slot starting with `slot_prefix`, claimed
    since `since`, came before claim `claim_id`: claims in different slots (a `/digest now`
    each side of a minute) are told apart by who claimed first."""
    return (
        session.exec(
            select(DigestPost.id)
            .where(
                DigestPost.team_id == team_id,
                DigestPost.channel_id == channel_id,
                DigestPost.slot.startswith(slot_prefix),
                DigestPost.claimed_at >= as_utc(since),
                DigestPost.id < claim_id,
            )
            .limit(1)
        ).first()
        is not None
    )


def withdraw_digest_claim(*, session: Session, claim_id: int) -> None:
    """Give up a claim that posted nothing (another took precedence)."""
    session.exec(delete(DigestPost).where(DigestPost.id == claim_id))


def finish_digest(
    *,
    session: Session,
    claim_id: int,
    ts: str | None = None,
    error: str | None = None,
    status: str | None = None,
    replies_posted: int | None = None,
    now: datetime | None = None,
) -> None:
    """Record where a claimed digest stands (see DigestPost for the statuses).

    With no error it is posted (with its `ts`); with an error it failed (retried later)
    unless `status` says otherwise: unreachable, uncertain or partial. "posting" records
    progress (the parent's `ts`, replies posted so far) and renews the lease.
    """
    post = session.get(DigestPost, claim_id)
    if post is None:
        return
    if status == "posting":
        post.lease_until = (as_utc(now) or utcnow()) + DIGEST_LEASE
    if ts is not None:
        post.ts = ts
    if replies_posted is not None:
        post.replies_posted = replies_posted
    if error is None and status is None:
        post.status, post.posted_at, post.error = "posted", utcnow(), None
    else:
        post.status, post.error = status or "failed", (error or "")[:1000] or None
    session.add(post)


def mark_digest_posting(
    *, session: Session, claim_id: int, lease_until: datetime, now: datetime | None = None
) -> bool:
    """About to call Slack: from here on, a lost answer means "maybe posted", never "retry".

    `lease_until` is the lease the caller holds: False, and nothing may be posted, when the
    claim was retaken by another process because that lease ran out.
    """
    moved = session.exec(
        update(DigestPost)
        .where(
            DigestPost.id == claim_id,
            DigestPost.status == "claimed",
            DigestPost.lease_until == as_utc(lease_until),
        )
        .values(status="posting", lease_until=(as_utc(now) or utcnow()) + DIGEST_LEASE)
    )
    return moved.rowcount == 1


def flag_lapsed_digests(*, session: Session, now: datetime) -> list[DigestPost]:
    """Digests left "posting" past their lease become "uncertain": their poster died between
    asking Slack to post and recording the answer, so Slack may show them; re-posting could
    show them twice. Returns the rows flagged."""
    now = as_utc(now)
    lapsed = session.exec(
        select(DigestPost).where(DigestPost.status == "posting", DigestPost.lease_until < now)
    ).scalars()
    flagged = []
    for post in list(lapsed):
        reason = (
            "the process posting it stopped before Slack confirmed it"
            if post.ts is None
            else f"the process posting it stopped after {post.replies_posted} thread replies"
        )
        moved = session.exec(
            update(DigestPost)
            .where(
                DigestPost.id == post.id,
                DigestPost.status == "posting",
                DigestPost.lease_until < now,
            )
            .values(status="uncertain", error=reason)
        )
        if moved.rowcount == 1:
            flagged.append(post)
    return flagged


def claim_alert(
    *, session: Session, team_id: str, user_id: str, batch: str, now: datetime | None = None
) -> Alert | None:
    """Take the unique (user, batch) claim for `ALERT_LEASE`; None when it is taken. A
    failed one is retaken, and so is one left "claimed" past its lease by a worker that
    died before sending."""
    now = as_utc(now) or utcnow()
    claim = Alert(
        team_id=team_id,
        user_id=user_id,
        batch=batch[:200],
        claimed_at=now,
        lease_until=now + ALERT_LEASE,
    )
    return claim_row(
        session,
        claim,
        key=(Alert.team_id == team_id, Alert.user_id == user_id, Alert.batch == batch[:200]),
        retakable=or_(
            Alert.status == "failed", (Alert.status == "claimed") & (Alert.lease_until < now)
        ),
        retake={
            "status": "claimed",
            "error": None,
            "claimed_at": now,
            "lease_until": now + ALERT_LEASE,
        },
    )


def mark_alert_sending(
    *, session: Session, claim_id: int, lease_until: datetime, now: datetime | None = None
) -> bool:
    """About to call chat.postMessage: from here on the DM may arrive. False, and nothing may
    be sent, when the claim was retaken because the caller's `lease_until` ran out."""
    moved = session.exec(
        update(Alert)
        .where(
            Alert.id == claim_id,
            Alert.status == "claimed",
            Alert.lease_until == as_utc(lease_until),
        )
        .values(status="sending", lease_until=(as_utc(now) or utcnow()) + ALERT_LEASE)
    )
    return moved.rowcount == 1


def flag_lapsed_alerts(*, session: Session, now: datetime) -> int:
    """Batches left "sending" past their lease become "uncertain" and count as told (each
    follow advanced through the batch), as when Slack's answer is lost: the worker died
    after asking Slack to send, so the DM may have arrived. Returns how many."""
    now = as_utc(now)
    lapsed = session.exec(
        select(Alert).where(Alert.status == "sending", Alert.lease_until < now)
    ).scalars()
    flagged = 0
    for alert in list(lapsed):
        moved = session.exec(
            update(Alert)
            .where(Alert.id == alert.id, Alert.status == "sending", Alert.lease_until < now)
            .values(status="uncertain", error="the worker sending it stopped before Slack answered")
        )
        through = _batch_through(alert.batch)
        if moved.rowcount == 1 and through is not None:
            session.exec(
                update(Follow)
                .where(
                    Follow.team_id == alert.team_id,
                    Follow.user_id == alert.user_id,
                    Follow.alerted_through < through,
                )
                .values(alerted_through=through)
            )
        flagged += moved.rowcount
    return flagged


def _batch_through(batch: str) -> int | None:
    """The newest statement id a batch named "through:<id>" covers (see jobs/alerts.py): the
    batch held every newer statement of the user's follows up to it."""
    name, _, number = batch.partition(":")
    return int(number) if name == "through" and number.isdigit() else None


def finish_alert(
    *,
    session: Session,
    claim_id: int,
    ts: str | None = None,
    error: str | None = None,
    status: Literal["failed", "uncertain"] = "failed",
) -> None:
    """Record how a claimed alert ended: sent with its `ts`, or `status` with a reason
    ("failed" is retaken by the next run, "uncertain" never)."""
    alert = session.get(Alert, claim_id)
    if alert is None:
        return
    if error is None:
        alert.status, alert.ts, alert.error = "sent", ts, None
    else:
        alert.status, alert.error = status, error[:1000]
    session.add(alert)
