"""Storing articles with their statements and disputes, and the speakers they name.
Each write takes the session first and leaves committing to the caller, so one article and
its statements commit together (or not at all)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, Protocol

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from storage.models import (
    NAMED_ACTORS,
    Article,
    ArticleFeed,
    Dispute,
    Speaker,
    SpeakerAlias,
    Statement,
)
from storage.names import alias_keys, name_key
from storage.times import as_utc, utcnow

Outcome = Literal["new", "updated", "unchanged", "duplicate"]


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
