"""Corrections from readers: the only module that writes or reads the `Correction` table.

A reader says a statement shown in Slack was someone else's ("wrong speaker"), or that a
statement or dispute is none ("not a statement", "not a dispute"). The correction belongs to
the reader's workspace alone: `workspace_corrections` is what `storage.scope` hands every read
of that workspace, so its digests, `/who-said`, `/disputes` and timelines change at once and
other workspaces see the extractor's own result. One row per workspace and item: correcting an
item again replaces the earlier correction; a workspace admin may undo one.

What readers corrected is also what the rules got wrong: `correction_counts` counts them by
cue and pattern, and `exported_corrections` gives each with its article, for the gold files
of `../shared/eval/`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import aliased
from sqlmodel import Session

from storage.articles import ensure_speaker
from storage.models import Article, Correction, Dispute, Speaker, Statement
from storage.times import as_utc, utcnow
from storage.views import NO_CORRECTIONS, Corrections, MovedStatement

if TYPE_CHECKING:
    from storage.scope import Scope

SPEAKER = "speaker"
NOT_STATEMENT = "not_statement"
NOT_DISPUTE = "not_dispute"
ACTIONS = {"statement": (SPEAKER, NOT_STATEMENT), "dispute": (NOT_DISPUTE,)}
MAX_NAME = 100  # a typed speaker name, in characters
ARTICLE_SPEAKERS = 100  # a static_select holds at most 100 options


@dataclass(frozen=True, slots=True)
class CorrectionTarget:
    """A statement or dispute a reader may correct: their workspace sees it."""

    kind: str  # "statement" or "dispute"
    id: int
    article_id: int
    cue: str
    pattern: str  # the statement's kind ("direct"…) or the dispute's cue class
    speaker: str  # the statement's speaker, the dispute's actor
    text: str  # the statement's content, the dispute's evidence


@dataclass(frozen=True, slots=True)
class CorrectionView:
    """One correction as App Home lists it."""

    id: int
    item_kind: str
    action: str
    user_id: str
    created_at: datetime
    speaker: str | None  # the corrected speaker ("speaker" corrections)
    was: str | None  # the item's speaker or actor as extracted; None when the item is gone
    text: str | None  # its content or evidence; None when the item is gone


@dataclass(frozen=True, slots=True)
class CorrectionCount:
    item_kind: str
    action: str
    cue: str
    pattern: str
    corrections: int


@dataclass(frozen=True, slots=True)
class ExportedCorrection:
    """A correction with what the gold formats need of its item and its article (items
    deleted since are left out: there is no text to point into)."""

    team_id: str
    user_id: str
    created_at: datetime
    item_kind: str
    action: str
    speaker: str | None  # the corrected speaker, for "speaker"
    speaker_kind: str | None
    was: str  # speaker or actor as extracted
    content: str  # statement content or dispute evidence
    cue: str
    pattern: str  # statement kind or dispute cue class
    start: int
    end: int
    target: str | None  # disputes
    issue: str | None  # disputes
    article_id: int
    url: str
    outlet: str | None
    title: str | None
    published: datetime | None
    text: str


# --------------------------------------------------------------------------- reads


def workspace_corrections(*, session: Session, team_id: str) -> Corrections:
    """What a workspace's readers corrected, as its reads apply it (every copy of a corrected
    statement's cluster included; of two corrections in one cluster, the newer wins)."""
    if not team_id:
        return NO_CORRECTIONS
    rows = session.exec(
        select(Correction, Speaker.name, Speaker.kind)
        .outerjoin(Speaker, Speaker.id == Correction.speaker_id)
        .where(Correction.team_id == team_id)
        .order_by(Correction.created_at, Correction.id)
    ).all()
    if not rows:
        return NO_CORRECTIONS
    hidden_disputes = frozenset(
        c.item_id for c, _, _ in rows if c.item_kind == "dispute" and c.action == NOT_DISPUTE
    )
    by_statement = {
        c.item_id: (c, name, kind) for c, name, kind in rows if c.item_kind != "dispute"
    }
    covered = _cluster_copies(session, list(by_statement))
    hidden: set[int] = set()
    moved: dict[int, MovedStatement] = {}
    for statement_id, (correction, name, kind) in by_statement.items():
        for copy_id in covered.get(statement_id, (statement_id,)):
            hidden.discard(copy_id)
            moved.pop(copy_id, None)
            if correction.action == NOT_STATEMENT:
                hidden.add(copy_id)
            elif correction.action == SPEAKER and correction.speaker_id is not None and name:
                moved[copy_id] = MovedStatement(copy_id, correction.speaker_id, name, kind)
    return Corrections(
        hidden_statements=frozenset(hidden),
        hidden_disputes=hidden_disputes,
        moved=tuple(moved[i] for i in sorted(moved)),
    )


def _cluster_copies(session: Session, statement_ids: list[int]) -> dict[int, tuple[int, ...]]:
    """Each statement's copies: the statements of its cluster (itself when it has none)."""
    if not statement_ids:
        return {}
    clusters = dict(
        session.exec(
            select(Statement.id, Statement.cluster_id).where(
                Statement.id.in_(statement_ids), Statement.cluster_id.is_not(None)
            )
        ).all()
    )
    members: dict[int, list[int]] = defaultdict(list)
    if clusters:
        for copy_id, cluster_id in session.exec(
            select(Statement.id, Statement.cluster_id).where(
                Statement.cluster_id.in_(set(clusters.values()))
            )
        ).all():
            members[cluster_id].append(copy_id)
    return {
        sid: tuple(members[clusters[sid]]) if sid in clusters else (sid,) for sid in statement_ids
    }


def correction_target(
    *, session: Session, kind: str, item_id: int, scope: Scope
) -> CorrectionTarget | None:
    """The statement or dispute `item_id` if it exists and `scope` (the reader's workspace)
    may see it; None for anything else, so a forged or stale id changes nothing."""
    if kind == "statement":
        row = session.exec(
            select(
                Statement.id,
                Statement.article_id,
                Statement.cue,
                Statement.kind,
                Speaker.name,
                Statement.content,
            )
            .join(Speaker, Speaker.id == Statement.speaker_id)
            .join(Article, Article.id == Statement.article_id)
            .where(Statement.id == item_id, Article.status == "ok", scope.visible())
        ).first()
    elif kind == "dispute":
        row = session.exec(
            select(
                Dispute.id,
                Dispute.article_id,
                Dispute.cue,
                Dispute.cue_class,
                Dispute.actor,
                Dispute.evidence,
            )
            .join(Article, Article.id == Dispute.article_id)
            .where(Dispute.id == item_id, Article.status == "ok", scope.visible())
        ).first()
    else:
        return None
    return CorrectionTarget(kind, *row) if row is not None else None


def article_speakers(*, session: Session, article_id: int) -> list[tuple[int, str]]:
    """The speakers of an article's statements, (id, name) by name: the choice a "wrong
    speaker" correction offers."""
    rows = session.exec(
        select(Speaker.id, Speaker.name)
        .join(Statement, Statement.speaker_id == Speaker.id)
        .where(Statement.article_id == article_id)
        .distinct()
        .order_by(Speaker.name)
        .limit(ARTICLE_SPEAKERS)
    ).all()
    return [(speaker_id, name) for speaker_id, name in rows]


def recent_corrections(*, session: Session, team_id: str, limit: int = 10) -> list[CorrectionView]:
    """A workspace's newest corrections, with the item each corrected (None when gone)."""
    rows = session.exec(
        select(Correction)
        .where(Correction.team_id == team_id)
        .order_by(Correction.created_at.desc(), Correction.id.desc())
        .limit(limit)
    ).scalars()
    rows = list(rows)
    statements = _by_id(
        session,
        select(Statement.id, Speaker.name, Statement.content)
        .join(Speaker, Speaker.id == Statement.speaker_id)
        .where(Statement.id.in_([c.item_id for c in rows if c.item_kind == "statement"])),
    )
    disputes = _by_id(
        session,
        select(Dispute.id, Dispute.actor, Dispute.evidence).where(
            Dispute.id.in_([c.item_id for c in rows if c.item_kind == "dispute"])
        ),
    )
    views = []
    for c in rows:
        was, text = (statements if c.item_kind == "statement" else disputes).get(
            c.item_id, (None, None)
        )
        views.append(
            CorrectionView(
                c.id,
                c.item_kind,
                c.action,
                c.user_id,
                as_utc(c.created_at),
                c.speaker_name,
                was,
                text,
            )
        )
    return views


def _by_id(session: Session, query) -> dict[int, tuple[str, str]]:
    return {row[0]: (row[1], row[2]) for row in session.exec(query).all()}


def count_corrections_since(*, session: Session, team_id: str, since: datetime) -> int:
    """How many corrections a workspace made since `since` ("3 corrections this week")."""
    return session.exec(
        select(func.count(Correction.id)).where(
            Correction.team_id == team_id, Correction.created_at >= as_utc(since)
        )
    ).scalar_one()


def correction_counts(*, session: Session, team_id: str | None = None) -> list[CorrectionCount]:
    """Corrections counted by item kind, correction, cue and pattern (one workspace's, or
    every workspace's), most first."""
    count = func.count(Correction.id)
    query = select(
        Correction.item_kind, Correction.action, Correction.cue, Correction.pattern, count
    ).group_by(Correction.item_kind, Correction.action, Correction.cue, Correction.pattern)
    if team_id is not None:
        query = query.where(Correction.team_id == team_id)
    rows = session.exec(
        query.order_by(count.desc(), Correction.item_kind, Correction.cue, Correction.pattern)
    ).all()
    return [CorrectionCount(*row) for row in rows]


def exported_corrections(
    *, session: Session, team_id: str | None = None
) -> list[ExportedCorrection]:
    """Every correction (one workspace's, or all) whose item still exists, with its article,
    oldest first."""
    where = [Correction.team_id == team_id] if team_id is not None else []
    corrected = aliased(Speaker)
    statements = session.exec(
        select(
            Correction,
            corrected.name,
            corrected.kind,
            Speaker.name,
            Statement.content,
            Statement.start,
            Statement.end,
            Article,
        )
        .join(Statement, Statement.id == Correction.item_id)
        .join(Speaker, Speaker.id == Statement.speaker_id)
        .join(Article, Article.id == Statement.article_id)
        .outerjoin(corrected, corrected.id == Correction.speaker_id)
        .where(Correction.item_kind == "statement", *where)
    ).all()
    disputes = session.exec(
        select(Correction, Dispute, Article)
        .join(Dispute, Dispute.id == Correction.item_id)
        .join(Article, Article.id == Dispute.article_id)
        .where(Correction.item_kind == "dispute", *where)
    ).all()
    found = [
        _exported(c, article, was, content, start, end, name or c.speaker_name, kind, None, None)
        for c, name, kind, was, content, start, end, article in statements
    ]
    found += [
        _exported(c, article, d.actor, d.evidence, d.start, d.end, None, None, d.target, d.issue)
        for c, d, article in disputes
    ]
    return sorted(found, key=lambda e: (e.created_at, e.item_kind, e.start))


def _exported(
    c: Correction, article: Article, was, content, start, end, speaker, kind, target, issue
) -> ExportedCorrection:
    return ExportedCorrection(
        team_id=c.team_id,
        user_id=c.user_id,
        created_at=as_utc(c.created_at),
        item_kind=c.item_kind,
        action=c.action,
        speaker=speaker if c.action == SPEAKER else None,
        speaker_kind=kind if c.action == SPEAKER else None,
        was=was,
        content=content,
        cue=c.cue,
        pattern=c.pattern,
        start=start,
        end=end,
        target=target,
        issue=issue,
        article_id=article.id,
        url=article.canonical_url,
        outlet=article.outlet,
        title=article.title,
        published=as_utc(article.published) if article.published else None,
        text=article.text,
    )


# --------------------------------------------------------------------------- writes


def record_correction(
    *,
    session: Session,
    team_id: str,
    user_id: str,
    target: CorrectionTarget,
    action: str,
    speaker_id: int | None = None,
    speaker_name: str | None = None,
    now: datetime | None = None,
) -> int:
    """Store a workspace's correction of `target`, replacing any earlier one of the same item
    by the same workspace; returns its id. A "speaker" correction names the speaker by id
    (one of the article's) or by a typed name (found, else stored as a new speaker)."""
    if action not in ACTIONS.get(target.kind, ()):
        raise ValueError(f"{action!r} does not apply to a {target.kind}")
    if action == SPEAKER:
        speaker = _chosen_speaker(session, target, speaker_id, speaker_name)
        speaker_id, speaker_name = speaker.id, speaker.name
    else:
        speaker_id, speaker_name = None, None
    values = dict(
        user_id=user_id[:32],
        action=action,
        speaker_id=speaker_id,
        speaker_name=speaker_name,
        cue=target.cue[:100],
        pattern=target.pattern[:32],
        created_at=as_utc(now) if now else utcnow(),
    )
    key = dict(team_id=team_id[:32], item_kind=target.kind, item_id=target.id)
    for _ in range(2):  # a concurrent correction of the same item may insert between
        row = session.exec(select(Correction).filter_by(**key)).scalar_one_or_none()
        if row is not None:
            for name, value in values.items():
                setattr(row, name, value)
            session.add(row)
            session.flush()
            return row.id
        try:
            with session.begin_nested():
                row = Correction(**key, **values)
                session.add(row)
                session.flush()
                return row.id
        except IntegrityError:
            continue
    raise RuntimeError("could not store the correction")


def _chosen_speaker(
    session: Session, target: CorrectionTarget, speaker_id: int | None, name: str | None
) -> Speaker:
    """The speaker picked among the article's own (any other id is refused: a forged pick
    must not name a speaker the workspace cannot see), else the one typed."""
    if speaker_id is not None:
        offered = dict(article_speakers(session=session, article_id=target.article_id))
        if speaker_id not in offered:
            raise LookupError("that speaker is not one of the article's")
        return session.get(Speaker, speaker_id)
    typed = " ".join((name or "").split())
    if not typed or len(typed) > MAX_NAME or not any(ch.isalpha() for ch in typed):
        raise ValueError("a speaker's name is 1 to 100 characters with a letter in it")
    return ensure_speaker(session=session, name=typed, kind="person")


def undo_correction(*, session: Session, team_id: str, correction_id: int) -> bool:
    """Remove one of the workspace's corrections (False when it has no such correction: a
    correction of another workspace is never touched)."""
    result = session.exec(
        delete(Correction).where(Correction.id == correction_id, Correction.team_id == team_id)
    )
    return result.rowcount > 0
