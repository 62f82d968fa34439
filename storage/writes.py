"""Writes, named as verbs. Each takes the session first and leaves committing to the caller,
so one article and its statements commit together (or not at all)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal, Protocol

from sqlalchemy import delete, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from storage.models import (
    NAMED_ACTORS,
    Alert,
    Article,
    ArticleFeed,
    DigestPost,
    Dispute,
    FeedState,
    Follow,
    SeenEvent,
    Speaker,
    SpeakerAlias,
    Statement,
    Subscription,
)
from storage.names import alias_keys, name_key
from storage.scope import feed_list, feeds_value
from storage.times import as_utc, utcnow

Outcome = Literal["new", "updated", "unchanged", "duplicate"]
# How long a claim lives without a word from its holder. A digest's lease is renewed by each
# message posted, so it need only outlast one chat.postMessage with its client's retries (4
# attempts of at most 10 s, plus any Retry-After) and the database writes around it; a DM
# is a conversations.open and a chat.postMessage. Past its lease a "claimed" row is retaken
# (nothing was sent) and a "posting"/"sending" one is flagged "uncertain" (Slack may show it).
DIGEST_LEASE = timedelta(minutes=10)
ALERT_LEASE = timedelta(minutes=5)
RETRYABLE = ("failed", "partial")  # digest claims a later attempt may take over


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    """An article as ingestion hands it to storage."""

    canonical_url: str
    source: str
    content_hash: str
    status: str
    text: str
    title: str | None = None
    outlet: str | None = None
    published: datetime | None = None
    language: str | None = None
    reason: str | None = None
    fingerprint: str | None = None
    origin: str = "operator"  # "operator", "file" or "channel"
    feed_url: str | None = None  # the channel feed that carried it (origin "channel")


class StatementLike(Protocol):
    speaker: str
    role: str | None
    speaker_type: str
    speaker_mention: str | None
    content: str
    cue: str
    kind: str
    start: int
    end: int


class DisputeLike(Protocol):
    actor: str
    target: str | None
    cue: str
    cue_class: str
    issue: str | None
    evidence: str
    start: int
    end: int
    statement_index: int | None
    actor_type: str
    escalation: int
    confidence: float


@dataclass(frozen=True, slots=True)
class StoreResult:
    outcome: Outcome
    article_id: int
    statements: int = 0
    disputes: int = 0
    speaker_ids: tuple[int, ...] = ()
    grouped: bool = False  # new or changed text worth filing under a story and clusters


def article_needs_work(
    *, session: Session, canonical_url: str, content_hash: str, extractor_version: str
) -> bool:
    """False when this exact text was already stored by this extractor version."""
    row = session.exec(
        select(Article.content_hash, Article.extractor_version).where(
            Article.canonical_url == canonical_url
        )
    ).first()
    return row is None or tuple(row) != (content_hash, extractor_version)


def store_article(
    *,
    session: Session,
    article: ArticleRecord,
    statements: Sequence[StatementLike] = (),
    disputes: Sequence[DisputeLike] = (),
    extractor_version: str,
    copy_of_id: int | None = None,
    now: datetime | None = None,
) -> StoreResult:
    """Insert or update one article with its statements and disputes (idempotent).

    - same address, same text, same extractor: unchanged, nothing written;
    - same address, new text (or a newer extractor): the article is updated and its
      statements replaced;
    - a new address whose text is already stored, or `copy_of_id` given (a near-duplicate
      found by the caller): stored as a duplicate copy of that article, without statements.
    """
    now = as_utc(now) or utcnow()
    existing = session.exec(
        select(Article).where(Article.canonical_url == article.canonical_url)
    ).scalar_one_or_none()
    if existing is not None:
        _note(session, existing, article.origin, article.feed_url)
        same = (existing.content_hash, existing.extractor_version) == (
            article.content_hash,
            extractor_version,
        )
        if same or not _may_overwrite(session, existing, article):
            return StoreResult("unchanged", existing.id)
        _copy_fields(existing, article, extractor_version)
        existing.updated_at = now
        session.add(existing)
        session.flush()
        row, outcome = existing, "updated"
    else:
        if copy_of_id is None and article.status == "ok" and article.origin != "channel":
            copy_of_id = session.exec(
                select(Article.id)
                .where(
                    Article.content_hash == article.content_hash,
                    Article.status == "ok",
                    Article.origin != "channel",
                )
                .order_by(Article.id)
                .limit(1)
            ).scalar_one_or_none()
        row = Article(
            canonical_url=article.canonical_url,
            origin=article.origin,
            ingested_at=now,
            updated_at=now,
        )
        _copy_fields(row, article, extractor_version)
        if copy_of_id is not None:
            row.copy_of_id = copy_of_id
            row.status = "duplicate"
        try:
            with session.begin_nested():
                session.add(row)
                session.flush()
        except IntegrityError:
            # Another worker stored this address a moment ago: take its row as the existing one.
            return store_article(
                session=session,
                article=article,
                statements=statements,
                disputes=disputes,
                extractor_version=extractor_version,
                now=now,
            )
        _note(session, row, article.origin, article.feed_url)
        if copy_of_id is not None:
            return StoreResult("duplicate", row.id)
        outcome = "new"

    # An update keeps the rows (ids and `found_at`) of the statements and disputes its new text
    # still contains, so followers are not alerted again and digests show only what is new;
    # the rest are replaced.
    updating = outcome == "updated"
    kept = _rows_by_identity(session, Statement, row.id, STATEMENT_IDENTITY) if updating else {}
    kept_disputes = (
        _rows_by_identity(session, Dispute, row.id, DISPUTE_IDENTITY) if updating else {}
    )
    if row.status != "ok":
        _delete_rows(session, Dispute, kept_disputes)
        _delete_rows(session, Statement, kept)
        return StoreResult(outcome, row.id)
    statement_ids: list[int | None] = []
    speaker_ids: list[int] = []
    for found in statements:
        if found.speaker_type == "unresolved" or not found.speaker.strip():
            statement_ids.append(None)  # never stored under "he"; kept out of who-said
            continue
        speaker = ensure_speaker(
            session=session, name=found.speaker, kind=found.speaker_type, role=found.role
        )
        same = kept.get((speaker.id, found.kind, found.content))
        statement = (
            same.pop()
            if same
            else Statement(article_id=row.id, speaker_id=speaker.id, found_at=now)
        )
        statement.speaker_mention = _cut(found.speaker_mention, 300)
        statement.role = _cut(found.role, 300)
        statement.content = found.content
        statement.cue = _cut(found.cue, 100) or ""
        statement.kind = found.kind
        statement.start, statement.end = found.start, found.end
        statement.extractor_version = extractor_version
        statement.said_at = row.published or row.ingested_at
        session.add(statement)
        session.flush()
        statement_ids.append(statement.id)
        speaker_ids.append(speaker.id)
    stored_disputes = 0
    for found in disputes:
        actor_id = _actor_id(session, found)
        linked = None
        if found.statement_index is not None and 0 <= found.statement_index < len(statement_ids):
            linked = statement_ids[found.statement_index]
        cue = _cut(found.cue, 100) or ""
        same = kept_disputes.get((actor_id, cue, found.evidence))
        dispute = same.pop() if same else Dispute(article_id=row.id, found_at=now)
        dispute.statement_id, dispute.actor_id = linked, actor_id
        dispute.actor, dispute.target = _cut(found.actor, 300) or "", _cut(found.target, 300)
        dispute.cue, dispute.cue_class = cue, _cut(found.cue_class, 32) or ""
        dispute.issue, dispute.evidence = found.issue, found.evidence
        dispute.start, dispute.end = found.start, found.end
        dispute.actor_type = found.actor_type if actor_id is not None else "unresolved"
        # rounded so that 0.6 - 0.1 is stored as 0.5, not just under the threshold
        dispute.escalation, dispute.confidence = found.escalation, round(found.confidence, 3)
        session.add(dispute)
        stored_disputes += 1
    session.flush()
    _delete_rows(session, Dispute, kept_disputes)  # before the statements they may link to
    _delete_rows(session, Statement, kept)
    return StoreResult(
        outcome,
        row.id,
        statements=len(speaker_ids),
        disputes=stored_disputes,
        speaker_ids=tuple(dict.fromkeys(speaker_ids)),
        grouped=True,
    )


def _note(session: Session, row: Article, origin: str, feed_url: str | None) -> None:
    """A source carried this stored article: a channel feed lets its workspace see it (one
    `ArticleFeed` row per feed); the operator's sources or a file make an article first
    stored from a channel feed every workspace's from now on."""
    if origin == "channel" and feed_url:
        if session.get(ArticleFeed, (row.id, feed_url[:2000])) is None:
            session.add(ArticleFeed(article_id=row.id, feed_url=feed_url[:2000]))
            session.flush()
    elif row.origin == "channel" and origin != "channel":
        row.origin = origin
        session.add(row)
        session.flush()


def _may_overwrite(session: Session, existing: Article, article: ArticleRecord) -> bool:
    """Channel content never overwrites an article first stored from another source: only
    the operator's sources and files, or the same channel feed, may update it."""
    if article.origin != "channel":
        return True
    if existing.origin != "channel":
        return False
    feeds = session.exec(
        select(ArticleFeed.feed_url).where(ArticleFeed.article_id == existing.id)
    ).all()
    return set(feeds) == {article.feed_url}


def note_source(*, session: Session, canonical_url: str, origin: str, feed_url: str | None) -> None:
    """Another source carried an article already stored with this text: a channel feed lets
    its workspace see it; the operator's sources make it everyone's."""
    existing = session.exec(
        select(Article).where(Article.canonical_url == canonical_url)
    ).scalar_one_or_none()
    if existing is not None:
        _note(session, existing, origin, feed_url)


def ensure_speaker(*, session: Session, name: str, kind: str, role: str | None = None) -> Speaker:
    """The stored speaker for `name`, created on first sight.

    A bare surname ("Lavrov") joins the one person already stored with that surname;
    when several share it ("Wang"), it stays a speaker of its own rather than guess.
    """
    key = name_key(name)[:300]
    speaker = session.exec(select(Speaker).where(Speaker.key == key)).scalar_one_or_none()
    if speaker is None and kind == "person" and " " not in key:
        candidates = (
            session.exec(
                select(Speaker)
                .join(SpeakerAlias, SpeakerAlias.speaker_id == Speaker.id)
                .where(SpeakerAlias.alias == key, Speaker.kind == "person")
            )
            .scalars()
            .all()
        )
        if len(candidates) == 1:
            speaker = candidates[0]
    if speaker is None:
        speaker = _insert_speaker(session, name=name.strip()[:300], key=key, kind=kind)
    if role and role != speaker.role:
        speaker.role = role[:300]
        session.add(speaker)
    return speaker


def _insert_speaker(session: Session, *, name: str, key: str, kind: str) -> Speaker:
    try:
        with session.begin_nested():
            speaker = Speaker(name=name, key=key, kind=kind)
            session.add(speaker)
            session.flush()
            for alias in alias_keys(name, kind):
                session.add(SpeakerAlias(speaker_id=speaker.id, alias=alias[:300]))
            session.flush()
            return speaker
    except IntegrityError:  # another worker stored the same speaker first
        return session.exec(select(Speaker).where(Speaker.key == key)).scalar_one()


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
    try:
        with session.begin_nested():
            session.add(claim)
            session.flush()
        return claim
    except IntegrityError:
        pass
    retried = session.exec(
        update(DigestPost)
        .where(
            DigestPost.team_id == team_id,
            DigestPost.channel_id == channel_id,
            DigestPost.digest_date == digest_date,
            DigestPost.slot == slot,
            or_(
                DigestPost.status.in_(RETRYABLE),
                (DigestPost.status == "claimed") & (DigestPost.lease_until < now),
            ),
        )
        .values(status="claimed", error=None, claimed_at=now, lease_until=now + DIGEST_LEASE)
    )
    if retried.rowcount != 1:
        return None
    return session.exec(
        select(DigestPost).where(
            DigestPost.team_id == team_id,
            DigestPost.channel_id == channel_id,
            DigestPost.digest_date == digest_date,
            DigestPost.slot == slot,
        )
    ).scalar_one()


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


# What makes a stored row the same one after an edit of its article.
STATEMENT_IDENTITY = ("speaker_id", "kind", "content")
DISPUTE_IDENTITY = ("actor_id", "cue", "evidence")


def _rows_by_identity(
    session: Session,
    model: type[Statement] | type[Dispute],
    article_id: int,
    fields: tuple[str, ...],
) -> dict[tuple, list]:
    """An article's stored statements or disputes grouped by `fields`, oldest last in each
    group (so `pop()` keeps the oldest row)."""
    rows: dict[tuple, list] = {}
    for row in session.exec(
        select(model).where(model.article_id == article_id).order_by(model.id.desc())
    ).scalars():
        rows.setdefault(tuple(getattr(row, name) for name in fields), []).append(row)
    return rows


def _delete_rows(
    session: Session, model: type[Statement] | type[Dispute], left: dict[tuple, list]
) -> None:
    """Delete the rows an update did not keep."""
    ids = [row.id for same in left.values() for row in same]
    if ids:
        session.exec(delete(model).where(model.id.in_(ids)))


def _copy_fields(row: Article, article: ArticleRecord, extractor_version: str) -> None:
    row.source = article.source[:2000]
    row.content_hash = article.content_hash
    row.fingerprint = article.fingerprint
    row.status = article.status
    row.reason = _cut(article.reason, 1000)
    row.text = article.text
    row.title = _cut(article.title, 1000)
    row.outlet = _cut(article.outlet, 300)
    row.published = as_utc(article.published)
    row.language = _cut(article.language, 16)
    row.extractor_version = extractor_version


def _actor_id(session: Session, found: DisputeLike) -> int | None:
    """The stored speaker of a named dispute actor; None for an unresolved one ("he", "the
    official"), which is kept without a speaker so it never becomes one."""
    if found.actor_type not in NAMED_ACTORS or not found.actor.strip():
        return None
    return ensure_speaker(session=session, name=found.actor, kind=found.actor_type).id


def _cut(value: str | None, limit: int) -> str | None:
    return value[:limit] if value else value


def subscribe_channel(
    *,
    session: Session,
    team_id: str,
    channel_id: str,
    digest_time: str,
    timezone: str,
    weekdays: str = "mon,tue,wed,thu,fri,sat,sun",
    keywords: str = "",
    subscribed_by: str | None = None,
    enterprise_id: str | None = None,
) -> Subscription:
    """Create or update a channel's subscription (idempotent); `enterprise_id` is the
    workspace's Enterprise Grid org, which the scheduler needs to find its installation."""
    row = session.exec(
        select(Subscription).where(
            Subscription.team_id == team_id, Subscription.channel_id == channel_id
        )
    ).scalar_one_or_none()
    if row is None:
        row = Subscription(team_id=team_id, channel_id=channel_id, subscribed_by=subscribed_by)
    row.enterprise_id = enterprise_id or row.enterprise_id
    row.digest_time, row.timezone, row.weekdays = digest_time, timezone, weekdays
    row.keywords, row.paused = keywords, False
    session.add(row)
    session.flush()
    return row


def record_feed_fetch(
    *,
    session: Session,
    url: str,
    etag: str | None,
    last_modified: str | None,
    at: datetime,
    error: str | None = None,
) -> None:
    """Remember a feed's validators (kept when a 304 brings none) and its last error."""
    row = session.get(FeedState, url[:2000]) or FeedState(url=url[:2000])
    row.etag = etag or row.etag
    row.last_modified = last_modified or row.last_modified
    row.last_fetched_at = as_utc(at)
    row.last_error = _cut(error, 1000)
    session.add(row)


class FeedLimitError(ValueError):
    """A change would give a channel more feeds than it may follow."""


class WorkspaceFeedLimitError(FeedLimitError):
    """A change would give a workspace's channels more distinct feeds than they may follow."""


def change_feeds(
    *,
    session: Session,
    team_id: str,
    channel_id: str,
    add: Sequence[str] = (),
    remove: Sequence[str] = (),
    limit: int,
    workspace_limit: int | None = None,
) -> tuple[str, ...] | None:
    """Add and remove a channel's own feeds as one compare-and-set (retried when another
    change came in between), so changes made at the same moment are all kept; returns the
    feeds now stored, None when the channel has no subscription. Raises FeedLimitError past
    `limit` feeds, and WorkspaceFeedLimitError when it would take the workspace's channels
    past `workspace_limit` distinct feeds (removing is always allowed). Two channels adding
    at the same moment may each pass that count, so it can be exceeded by a few."""
    where = (Subscription.team_id == team_id, Subscription.channel_id == channel_id)
    while True:
        stored = session.exec(select(Subscription.feeds).where(*where)).scalar_one_or_none()
        if stored is None:
            return None
        feeds = [f for f in feed_list(stored) if f not in remove]
        feeds = list(dict.fromkeys([*feeds, *add]))
        if len(feeds) > limit:
            raise FeedLimitError(f"A channel can follow at most {limit} feeds.")
        if workspace_limit is not None and add:
            _check_workspace_feeds(
                session, team_id, channel_id, before=stored, after=feeds, limit=workspace_limit
            )
        changed = session.exec(
            update(Subscription)
            .where(*where, Subscription.feeds == stored)
            .values(feeds=feeds_value(feeds))
        )
        if changed.rowcount == 1:
            return tuple(feeds)
        session.rollback()  # someone else changed the list: read it again


def _check_workspace_feeds(
    session: Session,
    team_id: str,
    channel_id: str,
    *,
    before: str,
    after: Sequence[str],
    limit: int,
) -> None:
    others: set[str] = set()
    for value in session.exec(
        select(Subscription.feeds).where(
            Subscription.team_id == team_id, Subscription.channel_id != channel_id
        )
    ).scalars():
        others.update(feed_list(value))
    had, will = others | set(feed_list(before)), others | set(after)
    if len(will) > limit and len(will) > len(had):
        raise WorkspaceFeedLimitError(
            f"This workspace's channels follow {len(had)} feeds between them, and may follow "
            f"at most {limit} feeds in all. Remove some with `/digest feeds remove` here or in "
            "another channel, or ask whoever runs Summit Digest to raise the limit."
        )


def update_subscription(
    *,
    session: Session,
    team_id: str,
    channel_id: str,
    name: str | None = None,
    keywords: Sequence[str] | None = None,
    digest_time: str | None = None,
    timezone: str | None = None,
    weekdays: Sequence[str] | None = None,
    paused: bool | None = None,
    format: str | None = None,
    feeds: Sequence[str] | None = None,
) -> Subscription | None:
    """Change only the given settings of a channel's subscription; None when it has none.

    `name=""` clears the summit name; `keywords=()` means "everything".
    """
    row = session.exec(
        select(Subscription).where(
            Subscription.team_id == team_id, Subscription.channel_id == channel_id
        )
    ).scalar_one_or_none()
    if row is None:
        return None
    if name is not None:
        row.name = name[:200] or None
    if keywords is not None:
        row.keywords = ",".join(k.replace(",", " ") for k in keywords)[:1000]
    if digest_time is not None:
        row.digest_time = digest_time
    if timezone is not None:
        row.timezone = timezone[:64]
    if weekdays is not None:
        row.weekdays = ",".join(weekdays)
    if paused is not None:
        row.paused = paused
    if format is not None:
        row.format = format
    if feeds is not None:
        row.feeds = feeds_value(feeds)
    session.add(row)
    session.flush()
    return row


def unsubscribe_channel(*, session: Session, team_id: str, channel_id: str) -> bool:
    """Remove the channel's subscription (its past digest claims stay); False when it had none."""
    deleted = session.exec(
        delete(Subscription).where(
            Subscription.team_id == team_id, Subscription.channel_id == channel_id
        )
    )
    return deleted.rowcount > 0


# ----------------------------------------------------------------- follows and alerts


def follow_speaker(
    *,
    session: Session,
    team_id: str,
    user_id: str,
    speaker_id: int,
    alerted_through: int,
    enterprise_id: str | None = None,
) -> bool:
    """Follow a speaker from statement `alerted_through` on; False when already followed.
    `enterprise_id` (the workspace's Grid org) lets the follow-up DMs find the installation."""
    try:
        with session.begin_nested():
            session.add(
                Follow(
                    team_id=team_id,
                    enterprise_id=enterprise_id,
                    user_id=user_id,
                    speaker_id=speaker_id,
                    alerted_through=alerted_through,
                )
            )
            session.flush()
        return True
    except IntegrityError:
        return False


def unfollow_speaker(*, session: Session, team_id: str, user_id: str, speaker_id: int) -> bool:
    """Stop following; False when the user did not follow that speaker."""
    deleted = session.exec(
        delete(Follow).where(
            Follow.team_id == team_id, Follow.user_id == user_id, Follow.speaker_id == speaker_id
        )
    )
    return deleted.rowcount > 0


def advance_follows(
    *, session: Session, team_id: str, user_id: str, through: dict[int, int]
) -> None:
    """Record that the user was told about each speaker's statements up to `through[id]`."""
    for speaker_id, statement_id in through.items():
        session.exec(
            update(Follow)
            .where(
                Follow.team_id == team_id,
                Follow.user_id == user_id,
                Follow.speaker_id == speaker_id,
                Follow.alerted_through < statement_id,
            )
            .values(alerted_through=statement_id)
        )


def claim_alert(
    *, session: Session, team_id: str, user_id: str, batch: str, now: datetime | None = None
) -> Alert | None:
    """Take the unique (user, batch) claim for `ALERT_LEASE`; None when it is taken. A
    failed one is retaken, and so is one left "claimed" past its lease by a worker that
    died before sending."""
    now = as_utc(now) or utcnow()
    try:
        with session.begin_nested():
            claim = Alert(
                team_id=team_id,
                user_id=user_id,
                batch=batch[:200],
                claimed_at=now,
                lease_until=now + ALERT_LEASE,
            )
            session.add(claim)
            session.flush()
        return claim
    except IntegrityError:
        pass
    where = (Alert.team_id == team_id, Alert.user_id == user_id, Alert.batch == batch[:200])
    retried = session.exec(
        update(Alert)
        .where(
            *where,
            or_(Alert.status == "failed", (Alert.status == "claimed") & (Alert.lease_until < now)),
        )
        .values(status="claimed", error=None, claimed_at=now, lease_until=now + ALERT_LEASE)
    )
    if retried.rowcount != 1:
        return None
    return session.exec(select(Alert).where(*where)).scalar_one()


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
    """The newest statement id a batch named "through:<id>" covers (see bot/alerts.py): the
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


# ----------------------------------------------------------------- events and workspaces


def record_seen_event(
    *,
    session: Session,
    event_id: str,
    team_id: str | None,
    now: datetime,
    stale_after: timedelta,
) -> bool:
    """Claim an Events API delivery; False when it was handled or is being handled right now.

    The insert fails on the primary key when another delivery got there first. A claim
    still "handling" after `stale_after` belonged to a process that died: it is taken over.
    """
    now = as_utc(now)
    try:
        with session.begin_nested():
            session.add(
                SeenEvent(event_id=event_id[:64], team_id=team_id, seen_at=now, status="handling")
            )
            session.flush()
        return True
    except IntegrityError:
        pass
    taken_over = session.exec(
        update(SeenEvent)
        .where(
            SeenEvent.event_id == event_id[:64],
            SeenEvent.status == "handling",
            SeenEvent.seen_at < now - stale_after,
        )
        .values(seen_at=now)
    )
    return taken_over.rowcount == 1


def finish_seen_event(*, session: Session, event_id: str, handled: bool) -> None:
    """Mark the delivery handled, or forget it so that Slack's retry is answered."""
    if handled:
        session.exec(
            update(SeenEvent).where(SeenEvent.event_id == event_id[:64]).values(status="handled")
        )
    else:
        session.exec(delete(SeenEvent).where(SeenEvent.event_id == event_id[:64]))


def delete_workspace_data(*, session: Session, team_id: str) -> dict[str, int]:
    """Remove a workspace's subscriptions, follows and alert claims (after an uninstall).

    Its digest jobs disappear at the scheduler's next sync, which rebuilds from the table.
    Articles and statements are shared news and stay.
    """
    counts = {}
    for name, model in (("subscriptions", Subscription), ("follows", Follow), ("alerts", Alert)):
        counts[name] = session.exec(delete(model).where(model.team_id == team_id)).rowcount
    session.exec(delete(SeenEvent).where(SeenEvent.team_id == team_id))
    return counts


def register_feeds(*, session: Session, urls: Sequence[str]) -> int:
    """Make sure every source has a FeedState row (the work queue); return how many were new."""
    known = set(session.exec(select(FeedState.url).where(FeedState.url.in_(list(urls)))).scalars())
    added = 0
    for url in dict.fromkeys(urls):
        if url in known or not url.strip():
            continue
        try:
            with session.begin_nested():
                session.add(FeedState(url=url[:2000]))
                session.flush()
            added += 1
        except IntegrityError:  # another worker registered it first
            pass
    return added


def lease_due_feeds(
    *,
    session: Session,
    worker: str,
    now: datetime,
    lease: timedelta,
    limit: int,
    only: Sequence[str] | None = None,
    retake_own: bool = False,
) -> list[str]:
    """Lease up to `limit` feeds that are due and not leased by a live worker.

    On PostgreSQL the rows are locked with FOR UPDATE SKIP LOCKED, so workers running at
    the same moment each take different feeds without waiting on one another. Each feed is
    then taken with a conditional update (only while it is still free), so on SQLite, where
    two workers may read the same free feeds before either writes, only one of them gets each.
    A lease that ran out (its worker died) is taken over. With `retake_own`, `worker`'s own
    live leases count as free too: a queue job retried after its worker died leases as the
    same job (a worker looping "lease until nothing is left" must not pass it).
    """
    now = as_utc(now)
    free = or_(
        FeedState.leased_until.is_(None),
        FeedState.leased_until < now,
        *([FeedState.leased_by == worker[:100]] if retake_own else []),
    )
    query = (
        select(FeedState)
        .where(
            or_(FeedState.next_fetch_at.is_(None), FeedState.next_fetch_at <= now),
            free,
        )
        .order_by(FeedState.next_fetch_at.is_not(None), FeedState.next_fetch_at, FeedState.url)
    )
    if only is not None:
        query = query.where(FeedState.url.in_(list(only)))
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    taken: list[str] = []
    while len(taken) < limit:  # feeds another worker took meanwhile are not free any more
        wanted = query.with_only_columns(FeedState.url).limit(limit - len(taken))
        if taken:  # this worker's own are free to it: not twice
            wanted = wanted.where(FeedState.url.not_in(taken))
        candidates = list(session.exec(wanted).scalars())
        if not candidates:
            break
        for url in candidates:
            result = session.exec(
                update(FeedState)
                .where(FeedState.url == url, free)
                .values(leased_until=now + lease, leased_by=worker[:100])
            )
            if result.rowcount == 1:
                taken.append(url)
    return taken


def renew_feeds(*, session: Session, urls: Sequence[str], worker: str, until: datetime) -> int:
    """Extend this worker's leases on `urls` to `until` (a live worker's heartbeat); returns
    how many it still held."""
    result = session.exec(
        update(FeedState)
        .where(FeedState.url.in_(list(urls)), FeedState.leased_by == worker[:100])
        .values(leased_until=as_utc(until))
    )
    return result.rowcount


def release_feeds(
    *,
    session: Session,
    urls: Sequence[str],
    worker: str,
    next_fetch_at: datetime,
    later: dict[str, datetime] | None = None,
) -> None:
    """Give leased feeds back, due again at `next_fetch_at` (only this worker's leases).

    Feeds in `later` (those whose server asked us to back off) are due at their own time.
    """
    due: dict[datetime, list[str]] = {}
    for url in dict.fromkeys(urls):
        due.setdefault((later or {}).get(url, next_fetch_at), []).append(url)
    for when, group in due.items():
        session.exec(
            update(FeedState)
            .where(FeedState.url.in_(group), FeedState.leased_by == worker[:100])
            .values(leased_until=None, leased_by=None, next_fetch_at=as_utc(when))
        )


def record_channel_error(
    *, session: Session, team_id: str, channel_id: str, error: str | None
) -> None:
    """Keep the channel's last delivery error (None once a digest reached it) for
    `/digest status`; a channel with no subscription has nowhere to keep it."""
    subscription = session.exec(
        select(Subscription).where(
            Subscription.team_id == team_id, Subscription.channel_id == channel_id
        )
    ).scalar_one_or_none()
    if subscription is not None and subscription.last_error != error:
        subscription.last_error = error
        session.add(subscription)
