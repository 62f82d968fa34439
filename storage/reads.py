"""Reads, named for what they return. Each returns frozen views, never table rows."""

from __future__ import annotations

import difflib
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from sqlalchemy import func, or_, select, true
from sqlalchemy.orm import aliased
from sqlmodel import Session

from storage.models import (
    NAMED_ACTORS,
    Article,
    DigestPost,
    Dispute,
    FeedState,
    Follow,
    Speaker,
    SpeakerAlias,
    Statement,
    Subscription,
)
from storage.names import name_key
from storage.scope import EVERYTHING, Scope, feed_list
from storage.times import as_utc
from storage.views import (
    DisputeView,
    SpeakerMatch,
    StatementView,
    SubscriptionView,
)

MAX_CLOSE_MATCHES = 5
# Disputes less sure than this are stored but not shown (the default of DISPUTE_MIN_CONFIDENCE;
# the extractor's own "show_at").
DISPUTE_MIN_CONFIDENCE = 0.5


def speakers_matching(
    *, session: Session, query: str, scope: Scope = EVERYTHING
) -> list[SpeakerMatch]:
    """Speakers a person may mean by `query`: the exact full name, else everyone it is an alias of.

    "Sergei Lavrov", "lavrov" and "Lavrov's" all find Sergei Lavrov; "Wang" finds every Wang.
    A scoped read knows only the speakers `scope` has seen (`_known_to`), counts only their
    statements it may see, and gives the role its newest visible statement gives them.
    """
    key = name_key(query)
    if not key:
        return []
    known = _known_to(scope)
    exact = session.exec(select(Speaker.id).where(Speaker.key == key, known)).scalars().all()
    ids = list(exact) or list(
        session.exec(
            select(SpeakerAlias.speaker_id)
            .join(Speaker, Speaker.id == SpeakerAlias.speaker_id)
            .where(SpeakerAlias.alias == key, known)
        )
        .scalars()
        .all()
    )
    return _matches(session, ids, scope)


def close_speaker_names(
    *, session: Session, query: str, limit: int = MAX_CLOSE_MATCHES, scope: Scope = EVERYTHING
) -> list[str]:
    """Names that look like `query` (typos, partial names), for a "did you mean" reply; only
    speakers `scope` knows (`_known_to`) are suggested."""
    key = name_key(query)
    if not key:
        return []
    prefix = key[:3]
    known = _known_to(scope)
    rows = session.exec(
        select(Speaker.name, SpeakerAlias.alias)
        .join(SpeakerAlias, SpeakerAlias.speaker_id == Speaker.id)
        .where(or_(SpeakerAlias.alias.startswith(prefix), SpeakerAlias.alias.contains(key)), known)
        .limit(2000)
    ).all()
    names_by_alias: dict[str, str] = {}
    for name, alias in rows:
        names_by_alias.setdefault(alias, name)
    if len(names_by_alias) < limit:
        for name, alias in session.exec(
            select(Speaker.name, SpeakerAlias.alias)
            .join(SpeakerAlias, SpeakerAlias.speaker_id == Speaker.id)
            .where(known)
            .limit(5000)
        ).all():
            names_by_alias.setdefault(alias, name)
    close = difflib.get_close_matches(key, list(names_by_alias), n=limit * 2, cutoff=0.6)
    return list(dict.fromkeys(names_by_alias[a] for a in close))[:limit]


def statements_by_speaker(
    *,
    session: Session,
    speaker_id: int,
    about: str | None = None,
    since: datetime | None = None,
    limit: int = 10,
    offset: int = 0,
    scope: Scope = EVERYTHING,
) -> list[StatementView]:
    """A speaker's statements that `scope` may see, newest article first, optionally about a
    topic or since a date (still one range scan of `ix_statement_speaker_said_at`)."""
    query = (
        _statement_query()
        .where(scope.said_by(speaker_id), scope.visible(), *scope.statements_shown())
        .order_by(Statement.said_at.desc(), Statement.article_id.desc(), Statement.start)
        .limit(limit)
        .offset(offset)
    )
    if about:
        query = query.where(Statement.content.icontains(about, autoescape=True))
    if since:
        query = query.where(Statement.said_at >= as_utc(since))
    return [_statement_view(row, scope) for row in session.exec(query).all()]


COUNT_CAP = 1000


def count_statements_by_speaker(
    *,
    session: Session,
    speaker_id: int,
    about: str | None = None,
    since: datetime | None = None,
    cap: int = COUNT_CAP,
    scope: Scope = EVERYTHING,
) -> int:
    """How many statements `scope` may see match, counted up to `cap` + 1 ("1,000+"): exact
    counts of a very quotable speaker cost a scan of all their statements on every page."""
    query = _in_scope(
        select(Statement.id).where(scope.said_by(speaker_id), *scope.statements_shown()),
        scope,
        Statement.article_id,
    )
    if about:
        query = query.where(Statement.content.icontains(about, autoescape=True))
    if since:
        query = query.where(Statement.said_at >= as_utc(since))
    limited = query.limit(cap + 1).subquery()
    return session.exec(select(func.count()).select_from(limited)).scalar_one()


def disputes_matching(
    *,
    session: Session,
    query: str | None = None,
    limit: int = 10,
    offset: int = 0,
    min_confidence: float = DISPUTE_MIN_CONFIDENCE,
    scope: Scope = EVERYTHING,
) -> list[DisputeView]:
    """Shown disputes `scope` may see whose actor, target, issue or evidence mentions `query`
    (all when None)."""
    statement = (
        _dispute_query()
        .where(*_shown(min_confidence), scope.visible(), *scope.disputes_shown())
        .order_by(_newest_first(), Dispute.id)
        .limit(limit)
        .offset(offset)
    )
    if query:
        needle = query.strip()
        statement = statement.where(
            or_(
                Dispute.actor.icontains(needle, autoescape=True),
                Dispute.target.icontains(needle, autoescape=True),
                Dispute.issue.icontains(needle, autoescape=True),
                Dispute.evidence.icontains(needle, autoescape=True),
            )
        )
    return [_dispute_view(*row) for row in session.exec(statement).all()]


# Digests whose message is, or may be, in the channel: the next scheduled digest starts where
# the last of them ended, so it never repeats what Slack may already show.
SHOWN = ("posting", "posted", "partial", "uncertain")
IN_DOUBT_FOR = timedelta(days=7)  # how long `/digest status` lists a digest that may be missing


def last_digest_until(
    *, session: Session, team_id: str, channel_id: str, scheduled_only: bool = False
) -> datetime | None:
    """The end of the window the channel's last posted digest covered.

    With `scheduled_only`, its last scheduled one that is or may be in the channel (`SHOWN`,
    an uncertain one included; a `/digest now` never moves that window). Without, the last
    digest of any kind known to be posted, so `/digest now` covers an uncertain one's window.
    """
    query = select(func.max(DigestPost.covers_until)).where(
        DigestPost.team_id == team_id, DigestPost.channel_id == channel_id
    )
    if scheduled_only:
        query = query.where(DigestPost.slot == "scheduled", DigestPost.status.in_(SHOWN))
    else:
        query = query.where(DigestPost.status == "posted")
    return session.exec(query).scalar_one()


@dataclass(frozen=True, slots=True)
class DigestInDoubt:
    """A digest that may not be (wholly) in the channel: uncertain, or left "posting" past
    its lease by a poster that died. `thread_only`: its message is there, replies may be
    missing. `recoverable`: `/digest now` would cover its whole window (no digest known to be
    posted covers anything after its start)."""

    digest_date: date
    on_demand: bool
    thread_only: bool
    recoverable: bool


def digests_in_doubt(
    *, session: Session, team_id: str, channel_id: str, now: datetime, first_window: timedelta
) -> list[DigestInDoubt]:
    """The channel's digests of the last `IN_DOUBT_FOR` that may not have been posted, newest
    first; `first_window` is how far back `/digest now` reaches when no digest was posted."""
    now = as_utc(now)
    rows = session.exec(
        select(DigestPost.digest_date, DigestPost.slot, DigestPost.ts, DigestPost.covers_from)
        .where(
            DigestPost.team_id == team_id,
            DigestPost.channel_id == channel_id,
            DigestPost.digest_date >= (now - IN_DOUBT_FOR).date(),
            or_(
                DigestPost.status == "uncertain",
                (DigestPost.status == "posting") & (DigestPost.lease_until < now),
            ),
        )
        .order_by(DigestPost.digest_date.desc(), DigestPost.claimed_at.desc())
        .limit(3)
    ).all()
    since = last_digest_until(session=session, team_id=team_id, channel_id=channel_id)
    since = since or now - first_window
    return [
        DigestInDoubt(
            digest_date=day,
            on_demand=slot != "scheduled",
            thread_only=ts is not None,
            recoverable=covers_from is not None and since <= as_utc(covers_from),
        )
        for day, slot, ts, covers_from in rows
    ]


def _outlet_counts(session: Session, article_ids: set[int]) -> dict[int, int]:
    """How many outlets carried each story: the article itself plus its syndicated copies."""
    if not article_ids:
        return {}
    copies = aliased(Article)
    rows = session.exec(
        select(
            copies.copy_of_id,
            func.count(func.distinct(func.coalesce(copies.outlet, copies.canonical_url))),
        )
        .where(copies.copy_of_id.in_(article_ids))
        .group_by(copies.copy_of_id)
    ).all()
    return {story: count + 1 for story, count in rows}


def _with_outlets(view: StatementView, outlets: dict[int, int]) -> StatementView:
    count = outlets.get(view.article_id, 1)
    if count == view.outlets:
        return view
    return replace(view, outlets=count)


def window(column, since: datetime | None, until: datetime) -> list:
    """`column` in (since, until]; open at the start when `since` is None."""
    bounds = [column <= as_utc(until)]
    if since is not None:
        bounds.append(column > as_utc(since))
    return bounds


def _shown(min_confidence: float) -> list:
    """What makes a dispute fit for readers: a named actor, and enough confidence."""
    return [Dispute.actor_type.in_(NAMED_ACTORS), Dispute.confidence >= min_confidence]


def _dispute_query():
    """Disputes with what a reader needs of their article; rows feed `_dispute_view`."""
    return select(
        Dispute,
        Article.title,
        Article.outlet,
        Article.canonical_url,
        Article.published,
        Article.source,
    ).join(Article, Article.id == Dispute.article_id)


def _statement_query():
    return (
        select(
            Statement,
            Speaker.name,
            Article.title,
            Article.outlet,
            Article.canonical_url,
            Article.published,
            Article.source,
        )
        .join(Speaker, Speaker.id == Statement.speaker_id)
        .join(Article, Article.id == Statement.article_id)
    )


def published_or_seen():
    """When an article appeared: its publication time, else when we first saw it."""
    return func.coalesce(Article.published, Article.ingested_at)


def _newest_first():
    return published_or_seen().desc()


def _statement_view(row, scope: Scope = EVERYTHING) -> StatementView:
    """A statement row as a reader sees it: under the speaker `scope`'s corrections say."""
    statement, speaker, title, outlet, url, published, source = row
    view = StatementView(
        id=statement.id,
        speaker=speaker,
        speaker_id=statement.speaker_id,
        role=statement.role,
        content=statement.content,
        cue=statement.cue,
        kind=statement.kind,
        article_id=statement.article_id,
        title=title,
        outlet=outlet,
        url=public_url(url),
        published=published,
        source=source,
    )
    return scope.corrections.statement(view) if scope.corrections else view


def _dispute_view(dispute: Dispute, title, outlet, url, published, source) -> DisputeView:
    return DisputeView(
        id=dispute.id,
        actor=dispute.actor,
        target=dispute.target,
        cue=dispute.cue,
        cue_class=dispute.cue_class,
        issue=dispute.issue,
        evidence=dispute.evidence,
        article_id=dispute.article_id,
        title=title,
        outlet=outlet,
        url=public_url(url),
        published=published,
        source=source,
        actor_type=dispute.actor_type,
        escalation=dispute.escalation,
        confidence=dispute.confidence,
    )


def public_url(url: str | None) -> str | None:
    """Only web addresses become links; local files are named by their title instead."""
    return url if url and url.startswith(("http://", "https://")) else None


def _matches(session: Session, ids: list[int], scope: Scope = EVERYTHING) -> list[SpeakerMatch]:
    """The speakers `ids` with how many of their statements `scope` may see, most first."""
    if not ids:
        return []
    if scope.feeds is None:
        rows = session.exec(
            select(Speaker, func.count(Statement.id))
            .outerjoin(Statement, Statement.speaker_id == Speaker.id)
            .where(Speaker.id.in_(set(ids)))
            .group_by(Speaker.id)
            .order_by(func.count(Statement.id).desc(), Speaker.name)
        ).all()
        return [SpeakerMatch(s.id, s.name, s.role, s.kind, count) for s, count in rows]
    said = (
        select(func.count(Statement.id))
        .join(Article, Article.id == Statement.article_id)
        .where(Statement.speaker_id == Speaker.id, scope.visible())
        .correlate(Speaker)
        .scalar_subquery()
        .label("said")
    )
    rows = session.exec(
        select(Speaker.id, Speaker.name, _role(scope), Speaker.kind, said)
        .where(Speaker.id.in_(set(ids)))
        .order_by(said.desc(), Speaker.name)
    ).all()
    matches = [SpeakerMatch(*row) for row in rows]
    if not scope.corrections:
        return matches
    moved = _corrected_counts(session, scope)
    matches = [replace(m, statements=m.statements + moved.get(m.id, 0)) for m in matches]
    return sorted(matches, key=lambda m: (-m.statements, m.name))


def _corrected_counts(session: Session, scope: Scope) -> dict[int, int]:
    """How the workspace's corrections change each speaker's count of visible statements:
    minus those hidden or moved away, plus those moved to them."""
    corrections = scope.corrections
    changed = corrections.hidden_statements | corrections.moved_ids
    if not changed:
        return {}
    rows = session.exec(
        select(Statement.id, Statement.speaker_id)
        .join(Article, Article.id == Statement.article_id)
        .where(Statement.id.in_(sorted(changed)), scope.visible())
    ).all()
    delta: dict[int, int] = {}
    for statement_id, speaker_id in rows:
        delta[speaker_id] = delta.get(speaker_id, 0) - 1
        move = corrections.move_of(statement_id)
        if move is not None and statement_id not in corrections.hidden_statements:
            delta[move.speaker_id] = delta.get(move.speaker_id, 0) + 1
    return delta


def _in_scope(query, scope: Scope, article_id):
    """`query` kept to the articles `scope` may see, joining `Article` on `article_id`;
    EVERYTHING leaves it as it is (no join)."""
    if scope.feeds is None:
        return query
    return query.join(Article, Article.id == article_id).where(scope.visible())


def _known_to(scope: Scope):
    """A condition on `Speaker`: `scope` has seen them, in a statement of theirs or a dispute
    they are the actor of. A speaker that only another workspace's channel feed quoted is not
    found, counted or suggested (EVERYTHING knows every speaker, quoted or not)."""
    if scope.feeds is None:
        return true()
    corrected = scope.corrections.speaker_ids
    said = (
        select(Statement.id)
        .join(Article, Article.id == Statement.article_id)
        .where(Statement.speaker_id == Speaker.id, scope.visible())
        .correlate(Speaker)
        .exists()
    )
    disputed = (
        select(Dispute.id)
        .join(Article, Article.id == Dispute.article_id)
        .where(Dispute.actor_id == Speaker.id, scope.visible())
        .correlate(Speaker)
        .exists()
    )
    if corrected:  # a speaker the workspace's readers moved a statement to
        return or_(said, disputed, Speaker.id.in_(sorted(corrected)))
    return or_(said, disputed)


def _role(scope: Scope):
    """A speaker's role as `scope` may know it: the stored role (the latest any article gave)
    for EVERYTHING, else the one their newest visible statement gives (None when none does),
    so a role only another workspace's channel feed wrote never shows."""
    if scope.feeds is None:
        return Speaker.role
    return (
        select(Statement.role)
        .join(Article, Article.id == Statement.article_id)
        .where(
            Statement.speaker_id == Speaker.id,
            Statement.role.is_not(None),
            Statement.role != "",
            scope.visible(),
        )
        .order_by(Statement.said_at.desc(), Statement.id.desc())
        .limit(1)
        .correlate(Speaker)
        .scalar_subquery()
    )


def active_subscriptions(*, session: Session) -> list[SubscriptionView]:
    """Every channel that gets digests and is not paused."""
    rows = session.exec(
        select(Subscription).where(Subscription.paused.is_(False)).order_by(Subscription.id)
    ).scalars()
    return [subscription_view(row) for row in rows]


def subscription_view(row: Subscription) -> SubscriptionView:
    return SubscriptionView(
        team_id=row.team_id,
        channel_id=row.channel_id,
        digest_time=row.digest_time,
        timezone=row.timezone,
        weekdays=tuple(d for d in row.weekdays.split(",") if d),
        keywords=tuple(k.strip() for k in row.keywords.split(",") if k.strip()),
        paused=row.paused,
        detailed=row.format == "detailed",
        last_error=row.last_error,
    )


def feed_validators(*, session: Session) -> dict[str, tuple[str | None, str | None]]:
    """ETag and Last-Modified per feed URL, to send back on the next fetch."""
    rows = session.exec(select(FeedState.url, FeedState.etag, FeedState.last_modified)).all()
    return {url: (etag, modified) for url, etag, modified in rows}


def subscribed_feeds(*, session: Session) -> list[str]:
    """Every feed a channel subscribed to, without repeats: active subscriptions the bot can
    still post to. A channel whose newest digest claim is `unreachable` (Slack said
    not_in_channel, channel_not_found, is_archived, account_inactive, token_revoked …) is
    skipped, since nobody would read what its feeds bring, until a digest reaches it again
    (the scheduled one is still tried each day; so is `/digest now`)."""
    rows = session.exec(
        select(Subscription.team_id, Subscription.channel_id, Subscription.feeds).where(
            Subscription.paused.is_(False), Subscription.feeds != ""
        )
    ).all()
    unreachable = unreachable_channels(session=session)
    feeds: dict[str, None] = {}
    for team_id, channel_id, value in rows:
        if (team_id, channel_id) not in unreachable:
            feeds.update(dict.fromkeys(feed_list(value)))
    return list(feeds)


def unreachable_channels(*, session: Session) -> set[tuple[str, str]]:
    """(team, channel) pairs whose newest digest claim ended `unreachable`."""
    newest = (
        select(func.max(DigestPost.id).label("id"))
        .group_by(DigestPost.team_id, DigestPost.channel_id)
        .subquery()
    )
    rows = session.exec(
        select(DigestPost.team_id, DigestPost.channel_id)
        .join(newest, DigestPost.id == newest.c.id)
        .where(DigestPost.status == "unreachable")
    ).all()
    return {(team_id, channel_id) for team_id, channel_id in rows}


@dataclass(frozen=True, slots=True)
class ChannelSubscription:
    """Everything `/digest status` shows about one channel: the schedule and its extras."""

    schedule: SubscriptionView
    name: str | None
    feeds: tuple[str, ...]
    subscribed_by: str | None
    format: str


def subscription_for_channel(
    *, session: Session, team_id: str, channel_id: str
) -> ChannelSubscription | None:
    """The channel's subscription (paused or not), or None when it has none."""
    row = session.exec(
        select(Subscription).where(
            Subscription.team_id == team_id, Subscription.channel_id == channel_id
        )
    ).scalar_one_or_none()
    if row is None:
        return None
    feeds = feed_list(row.feeds)
    return ChannelSubscription(
        schedule=subscription_view(row),
        name=row.name,
        feeds=feeds,
        subscribed_by=row.subscribed_by,
        format=row.format,
    )


def disputes_involving(
    *,
    session: Session,
    query: str | None = None,
    speaker_ids: Sequence[int] = (),
    limit: int = 10,
    offset: int = 0,
    min_confidence: float = DISPUTE_MIN_CONFIDENCE,
    scope: Scope = EVERYTHING,
) -> list[DisputeView]:
    """Shown disputes `scope` may see that mention `query` or whose actor is one of
    `speaker_ids`, newest first.

    The speaker ids catch "Sergei Lavrov" when an article only wrote "Lavrov".
    """
    statement = (
        _dispute_query()
        .where(
            *_disputes_involving(query, speaker_ids),
            *_shown(min_confidence),
            scope.visible(),
            *scope.disputes_shown(),
        )
        .order_by(_newest_first(), Dispute.id)
        .limit(limit)
        .offset(offset)
    )
    return [_dispute_view(*row) for row in session.exec(statement).all()]


def count_disputes_involving(
    *,
    session: Session,
    query: str | None = None,
    speaker_ids: Sequence[int] = (),
    min_confidence: float = DISPUTE_MIN_CONFIDENCE,
    scope: Scope = EVERYTHING,
) -> int:
    """How many disputes `disputes_involving` can page through: shown ones `scope` may see."""
    query = select(func.count(Dispute.id)).where(
        *_disputes_involving(query, speaker_ids), *_shown(min_confidence), *scope.disputes_shown()
    )
    return session.exec(_in_scope(query, scope, Dispute.article_id)).scalar_one()


def last_on_demand_digest_at(*, session: Session, team_id: str, channel_id: str) -> datetime | None:
    """When someone last asked for `/digest now` in this channel (its claim time)."""
    return as_utc(
        session.exec(
            select(func.max(DigestPost.claimed_at)).where(
                DigestPost.team_id == team_id,
                DigestPost.channel_id == channel_id,
                DigestPost.slot.startswith("now:"),
            )
        ).scalar_one()
    )


def _disputes_involving(query: str | None, speaker_ids: Sequence[int]) -> list:
    needle = (query or "").strip()
    if not needle:
        return []
    matches = [
        Dispute.actor.icontains(needle, autoescape=True),
        Dispute.target.icontains(needle, autoescape=True),
        Dispute.issue.icontains(needle, autoescape=True),
        Dispute.evidence.icontains(needle, autoescape=True),
    ]
    if speaker_ids:
        matches.append(Dispute.actor_id.in_(set(speaker_ids)))
    return [or_(*matches)]


# ----------------------------------------------------------------- follows and App Home


@dataclass(frozen=True, slots=True)
class FollowView:
    """A speaker a user follows."""

    speaker_id: int
    speaker: str
    role: str | None
    alerted_through: int


@dataclass(frozen=True, slots=True)
class Follower:
    team_id: str
    user_id: str


def follows_of_user(
    *, session: Session, team_id: str, user_id: str, scope: Scope = EVERYTHING
) -> list[FollowView]:
    """The speakers one user of one workspace follows, by name, with the role `scope` may
    know them by (`_role`)."""
    rows = session.exec(
        select(Follow, Speaker.name, _role(scope))
        .join(Speaker, Speaker.id == Follow.speaker_id)
        .where(Follow.team_id == team_id, Follow.user_id == user_id)
        .order_by(Speaker.name)
    ).all()
    return [FollowView(f.speaker_id, name, role, f.alerted_through) for f, name, role in rows]


def followers_with_news(*, session: Session) -> list[Follower]:
    """Followers for whom a followed speaker has a statement newer than their last alert."""
    rows = session.exec(
        select(Follow.team_id, Follow.user_id)
        .join(Statement, Statement.speaker_id == Follow.speaker_id)
        .where(Statement.id > Follow.alerted_through)
        .distinct()
        .order_by(Follow.team_id, Follow.user_id)
    ).all()
    return [Follower(team_id, user_id) for team_id, user_id in rows]


def new_statements_for_follower(
    *, session: Session, team_id: str, user_id: str, limit: int = 200, scope: Scope = EVERYTHING
) -> list[StatementView]:
    """Statements `scope` may see by the speakers a user follows that are newer than their
    last alert, oldest first (statement ids only grow, so "newer" means a larger id)."""
    query = (
        _statement_query()
        .join(
            Follow,
            (Follow.speaker_id == Statement.speaker_id) & (Statement.id > Follow.alerted_through),
        )
        .where(
            Follow.team_id == team_id,
            Follow.user_id == user_id,
            Article.status == "ok",
            scope.visible(),
            *scope.statements_shown(),
        )
        .order_by(Statement.id)
        .limit(limit)
    )
    views = [_statement_view(row, scope) for row in session.exec(query).all()]
    outlets = _outlet_counts(session, {v.article_id for v in views})
    return [_with_outlets(v, outlets) for v in views]


def latest_statement_id(*, session: Session) -> int:
    """The newest statement's id (0 when there are none): a new follow starts from here."""
    return session.exec(select(func.max(Statement.id))).scalar_one() or 0


def statements_about(
    *, session: Session, topic: str, limit: int = 10, scope: Scope = EVERYTHING
) -> list[StatementView]:
    """Statements `scope` may see by anyone whose words mention `topic`, newest first."""
    needle = topic.strip()
    if not needle:
        return []
    query = (
        _statement_query()
        .where(
            Statement.content.icontains(needle, autoescape=True),
            scope.visible(),
            *scope.statements_shown(),
        )
        .order_by(_newest_first(), Statement.id)
        .limit(limit)
    )
    return [_statement_view(row, scope) for row in session.exec(query).all()]


def subscriptions_by_user(
    *, session: Session, team_id: str, user_id: str
) -> list[SubscriptionView]:
    """The channels of one workspace that this user subscribed (paused ones included)."""
    rows = session.exec(
        select(Subscription)
        .where(Subscription.team_id == team_id, Subscription.subscribed_by == user_id)
        .order_by(Subscription.id)
    ).scalars()
    return [subscription_view(row) for row in rows]


def scheduled_digest_states(
    *, session: Session, keys: Collection[tuple[str, str, date]]
) -> dict[tuple[str, str, date], tuple[str, datetime | None]]:
    """Status and lease end of the scheduled digests named by (team, channel, date)."""
    if not keys:
        return {}
    dates = {day for _, _, day in keys}
    channels = {channel for _, channel, _ in keys}
    rows = session.exec(
        select(
            DigestPost.team_id,
            DigestPost.channel_id,
            DigestPost.digest_date,
            DigestPost.status,
            DigestPost.lease_until,
        ).where(
            DigestPost.slot == "scheduled",
            DigestPost.digest_date.in_(dates),
            DigestPost.channel_id.in_(channels),
        )
    ).all()
    wanted = set(keys)
    return {
        (team, channel, day): (status, lease_until)
        for team, channel, day, status, lease_until in rows
        if (team, channel, day) in wanted
    }


def last_ingest_at(*, connection) -> datetime | None:
    """When an article was last stored (None before the first), for `/healthz`."""
    return as_utc(connection.execute(select(func.max(Article.ingested_at))).scalar())


def recent_fingerprints(*, session: Session, since: datetime) -> list[tuple[int, str]]:
    """(article id, stored fingerprint) of the originals stored since `since` that a new
    article may be a near-copy of: readable, not copies, not from a channel's own feed."""
    return list(
        session.exec(
            select(Article.id, Article.fingerprint).where(
                Article.status == "ok",
                Article.copy_of_id.is_(None),
                Article.origin != "channel",
                Article.fingerprint.is_not(None),
                Article.ingested_at >= as_utc(since),
            )
        ).all()
    )
