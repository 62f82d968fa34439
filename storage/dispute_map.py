"""The dispute map's reading: who disputes whom in a window, as a graph of parties.

A party is a dispute's actor or target. Articles often name a person in full once and by
surname after ("Sergei Lavrov" ... "Lavrov"), so a one-word name that is the family name of
exactly one full name on the map is that person (`storage.names.alias_keys`). An edge is one
actor's disputes with one target: its strongest rung on the escalation ladder, the cue that
said it, how many outlets reported it and how many distinct disputes (cue classes) it holds.
A party's size is how many statements it made in the same reading.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import exists, func, not_, select
from sqlmodel import Session

from storage.brief import Reading, outlet_key
from storage.keywords import KeywordFilter
from storage.models import NAMED_ACTORS, Article, Dispute, Speaker, Statement, Story
from storage.names import alias_keys, name_key
from storage.scope import EVERYTHING, Scope

MAX_ROWS = 50_000  # a summit's worth of disputes; past it the map shows the newest


@dataclass(frozen=True, slots=True)
class DisputeEdge:
    """`actor`'s disputes with `target`: the strongest rung, its cue, outlets, disputes."""

    actor: str
    target: str
    cue: str
    escalation: int
    outlets: int
    disputes: int


@dataclass(frozen=True, slots=True)
class Party:
    """Someone on the map, and how many statements they made in the reading."""

    name: str
    statements: int


@dataclass(frozen=True, slots=True)
class DisputeGraph:
    """Who disputes whom: edges strongest first, parties by statements."""

    edges: tuple[DisputeEdge, ...]
    parties: tuple[Party, ...]

    @property
    def disputes(self) -> int:
        """Distinct disputes between named parties (an actor, a target and a cue class)."""
        return sum(edge.disputes for edge in self.edges)

    @property
    def empty(self) -> bool:
        return not self.edges


@dataclass(frozen=True, slots=True)
class MapDispute:
    """One stored dispute as the map needs it."""

    actor: str
    target: str
    cue: str
    cue_class: str
    escalation: int
    outlet: str
    actor_id: int | None = None


def dispute_graph(
    *,
    session: Session,
    reading: Reading,
    min_confidence: float,
    keywords: KeywordFilter | None = None,
    summit: str | None = None,
) -> DisputeGraph:
    """The map of the shown disputes between named parties in `reading`: of the stories of
    `summit` (a name as `summit_named` gives it) when given, and that `keywords` match
    (actor, target, issue or evidence) when given."""
    rows = _map_disputes(session, reading, min_confidence, keywords, summit)
    names = party_names([d.actor for d in rows] + [d.target for d in rows])
    said = _statements_by_party(session, reading, rows, names)
    return build_graph(rows, said=said)


def summit_named(*, session: Session, text: str, scope: Scope = EVERYTHING) -> str | None:
    """The summit whose name mentions `text` ("G7" finds "G7 summit, Hiroshima"), the most
    recently reported one when several do; None when none does. A summit's name comes from
    its stories' articles, so `scope` finds it only on a story whose articles it may all see
    (one holding another workspace's channel content may be named from it)."""
    needle = " ".join(text.split())
    if not needle:
        return None
    query = select(Story.summit).where(Story.summit.icontains(needle, autoescape=True))
    if scope.feeds is not None:
        of_story = (Article.story_id == Story.id, Article.status == "ok")
        query = query.where(
            exists().where(*of_story, scope.visible()),
            ~exists().where(*of_story, not_(scope.visible())),
        )
    return session.exec(query.order_by(Story.last_published.desc()).limit(1)).scalar_one_or_none()


def party_names(names: Iterable[str]) -> dict[str, str]:
    """Each name's party: a one-word name that is the family (or first) name of exactly one
    longer name here is that person.

    >>> party_names(["Sergei Lavrov", "Lavrov", "Blinken"])["Lavrov"]
    'Sergei Lavrov'
    """
    distinct = dict.fromkeys(n.strip() for n in names if n and n.strip())
    full: dict[str, set[str]] = defaultdict(set)
    for name in distinct:
        if len(name_key(name).split()) > 1:
            for key in alias_keys(name, "person") - {name_key(name)}:
                full[key].add(name)
    resolved = {}
    for name in distinct:
        candidates = full.get(name_key(name), set())
        resolved[name] = next(iter(candidates)) if len(candidates) == 1 else name
    return resolved


def build_graph(rows: Sequence[MapDispute], *, said: dict[str, int]) -> DisputeGraph:
    """Edges from dispute rows (names already resolved to parties); `said` is statements per
    party. Self-disputes (a name resolved to its own target) are left out."""
    resolve = party_names([d.actor for d in rows] + [d.target for d in rows])
    grouped: dict[tuple[str, str], list[MapDispute]] = defaultdict(list)
    for row in rows:
        actor, target = resolve[row.actor.strip()], resolve[row.target.strip()]
        if name_key(actor) != name_key(target):
            grouped[(actor, target)].append(row)
    edges = [_edge(actor, target, found) for (actor, target), found in grouped.items()]
    edges.sort(key=lambda e: (-e.escalation, -e.outlets, -e.disputes, e.actor, e.target))
    on_map = dict.fromkeys(n for e in edges for n in (e.actor, e.target))
    parties = sorted(
        (Party(name, said.get(name, 0)) for name in on_map), key=lambda p: (-p.statements, p.name)
    )
    return DisputeGraph(edges=tuple(edges), parties=tuple(parties))


def _edge(actor: str, target: str, found: list[MapDispute]) -> DisputeEdge:
    top = max(d.escalation for d in found)
    cue = Counter(d.cue.strip().lower() for d in found if d.escalation == top).most_common(1)
    return DisputeEdge(
        actor=actor,
        target=target,
        cue=cue[0][0],
        escalation=top,
        outlets=len({d.outlet for d in found}),
        disputes=len({d.cue_class for d in found}),
    )


def _map_disputes(
    session: Session,
    reading: Reading,
    min_confidence: float,
    keywords: KeywordFilter | None,
    summit: str | None,
) -> list[MapDispute]:
    filtering = keywords is not None and not keywords.empty
    # The issue and evidence texts are read only for a keyword filter: a day can hold 20,000.
    texts = (Dispute.issue, Dispute.evidence) if filtering else ()
    query = (
        select(
            Dispute.actor,
            Dispute.target,
            Dispute.cue,
            Dispute.cue_class,
            Dispute.escalation,
            Dispute.actor_id,
            Article.outlet,
            Article.title,
            Article.source,
            *texts,
        )
        .join(Article, Article.id == Dispute.article_id)
        .where(
            Article.status == "ok",
            reading.scope.visible(),
            *reading.scope.disputes_shown(),
            *reading.bounds(Dispute.found_at),
            Dispute.actor_type.in_(NAMED_ACTORS),
            Dispute.confidence >= min_confidence,
            Dispute.target.is_not(None),
            func.length(func.trim(Dispute.target)) > 0,
        )
        .order_by(Dispute.found_at.desc(), Dispute.id)
        .limit(MAX_ROWS)
    )
    if summit:
        query = query.join(Story, Story.id == Article.story_id).where(Story.summit == summit)
    rows = session.exec(query).all()
    if filtering:
        kept = keywords.matches_each(*([r[i] for r in rows] for i in (0, 1, 9, 10)))
        rows = [r for r, keep in zip(rows, kept, strict=True) if keep]
    return [
        MapDispute(
            actor=r.actor,
            target=r.target,
            cue=r.cue,
            cue_class=r.cue_class,
            escalation=r.escalation,
            outlet=outlet_key(r.outlet, r.title, r.source),
            actor_id=r.actor_id,
        )
        for r in rows
    ]


def _statements_by_party(
    session: Session, reading: Reading, rows: Sequence[MapDispute], names: dict[str, str]
) -> dict[str, int]:
    """Statements in the reading by each party: an actor's by its speaker id, any party's
    by its speaker's name (full or family name)."""
    if not rows:
        return {}
    keys = {name_key(name) for name in names}
    ids = {d.actor_id for d in rows if d.actor_id is not None}
    query = (
        select(Speaker.id, Speaker.name, func.count(Statement.id))
        .join(Statement, Statement.speaker_id == Speaker.id)
        .join(Article, Article.id == Statement.article_id)
        .where(*reading.statements(), Speaker.key.in_(keys) | Speaker.id.in_(ids or {-1}))
        .group_by(Speaker.id, Speaker.name)
    )
    by_key: Counter[str] = Counter()
    by_id: dict[int, int] = {}
    for speaker_id, name, count in session.exec(query).all():
        by_key[name_key(name)] += count
        by_id[speaker_id] = count
    said: Counter[str] = Counter()
    for name, party in names.items():
        said[party] = max(said[party], by_key.get(name_key(name), 0))
    for d in rows:
        if d.actor_id in by_id:
            party = names.get(d.actor.strip(), d.actor)
            said[party] = max(said[party], by_id[d.actor_id])
    return dict(said)
