"""What one article says, as a reader is shown it by "Who's quoted here?" and by link
previews: its statements and its disputes (named actors at or above the minimum confidence),
for an article a workspace may see, looked up by any address it was stored under, as the
workspace's readers corrected it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlmodel import Session

from storage.models import NAMED_ACTORS, Article, Dispute, Speaker, Statement
from storage.scope import Scope
from storage.views import Corrections, dispute_verb, reported_speech


@dataclass(frozen=True, slots=True)
class QuotedLine:
    """One statement as a reader reads it: a quote in quote marks, else reported speech."""

    speaker: str
    said: str
    direct: bool
    id: int | None = None  # the stored statement's, for a reader's correction


@dataclass(frozen=True, slots=True)
class DisputeLine:
    """One dispute in words: "<actor> <verb> <target> over <issue>"."""

    actor: str
    verb: str
    target: str | None
    issue: str | None
    escalation: int
    id: int | None = None  # the stored dispute's, for a reader's correction


@dataclass(frozen=True, slots=True)
class ArticleFindings:
    """An article's statements and disputes in article order; `stored` when they come from
    the database (the article was ingested), not from reading the page just now."""

    url: str | None
    title: str | None
    outlet: str | None
    statements: tuple[QuotedLine, ...] = ()
    disputes: tuple[DisputeLine, ...] = ()
    stored: bool = False

    @property
    def speakers(self) -> tuple[str, ...]:
        """Everyone quoted, who said most first (ties in order of appearance)."""
        counts = Counter(line.speaker for line in self.statements)
        first = {name: n for n, name in reversed(list(enumerate(counts)))}
        return tuple(sorted(counts, key=lambda name: (-counts[name], first[name])))


def quoted_line(
    speaker: str, content: str, cue: str, kind: str, id: int | None = None
) -> QuotedLine:
    return QuotedLine(speaker, reported_speech(content, cue, kind), kind == "direct", id)


def dispute_line(
    actor: str,
    cue: str,
    cue_class: str,
    target: str | None,
    issue: str | None,
    escalation: int,
    id: int | None = None,
) -> DisputeLine:
    return DisputeLine(
        actor, dispute_verb(cue, cue_class), target or None, issue or None, escalation, id
    )


def article_findings(
    *, session: Session, urls: tuple[str, ...], scope: Scope, min_confidence: float
) -> ArticleFindings | None:
    """The findings of the article stored under any of `urls` (its canonical address or the
    address it was fetched from) that `scope` may see; a copy of another article answers with
    the original's findings. None when the workspace has no such article."""
    article = session.exec(
        select(Article)
        .where(or_(Article.canonical_url.in_(urls), Article.source.in_(urls)), scope.visible())
        .order_by(Article.id)
        .limit(1)
    ).scalar_one_or_none()
    if article is None:
        return None
    said = article.copy_of_id or article.id
    statements = session.exec(
        select(Statement.id, Speaker.name, Statement.content, Statement.cue, Statement.kind)
        .join(Speaker, Speaker.id == Statement.speaker_id)
        .where(Statement.article_id == said, *scope.statements_shown())
        .order_by(Statement.start, Statement.id)
    ).all()
    disputes = session.exec(
        select(Dispute)
        .where(
            Dispute.article_id == said,
            Dispute.actor_type.in_(NAMED_ACTORS),
            Dispute.confidence >= min_confidence,
            *scope.disputes_shown(),
        )
        .order_by(Dispute.start, Dispute.id)
    ).scalars()
    corrections = scope.corrections
    return ArticleFindings(
        url=article.canonical_url if "://" in article.canonical_url else None,
        title=article.title,
        outlet=article.outlet,
        statements=tuple(
            quoted_line(_speaker(corrections, statement_id, name), content, cue, kind, statement_id)
            for statement_id, name, content, cue, kind in statements
        ),
        disputes=tuple(
            dispute_line(d.actor, d.cue, d.cue_class, d.target, d.issue, d.escalation, d.id)
            for d in disputes
        ),
        stored=True,
    )


def _speaker(corrections: Corrections, statement_id: int, name: str) -> str:
    """Who said it as the workspace reads it: a reader may have moved it to another speaker."""
    move = corrections.move_of(statement_id) if corrections else None
    return move.speaker if move else name
