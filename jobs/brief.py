"""The morning brief: the window's statements and disputes, said once, grouped by summit and
story, key items first.

`build_brief` is pure: it takes the rows `storage.brief.brief_rows` read for one reader (scoped
and filtered already) and returns frozen data that `bot/render_brief.py` renders.

* **Said once.** Statements of one stored cluster (`jobs/clusters.py`: the same speaker saying
  the same thing in several outlets) become one item: the best rendering (a direct quote when
  one exists), the outlet that published it first, and the others as "+N outlets". Disputes
  with the same actor, target and cue class in one story are likewise one item.
* **Key first.** An item's score adds documented signals, weighted in
  `jobs/rules/importance.json`: how many outlets carried it; the speaker's standing (heads of
  state and government 3, ministers and spokespeople 2, officials 1, commentators 0, read
  from the extracted role; states and organisations 2); a direct quote; a statement already
  reported before the window (the cluster's first sighting is older) loses points. A
  dispute scores its outlets, its rung on the escalation ladder and its confidence, plus a
  bonus when actor and target are both principals of the summit (its most-quoted speakers of
  standing ≥ 2).
* **Stories, then summits.** Items are grouped by story (one event across outlets, with a
  title), stories by summit or topic; stories rank by their best item plus their outlet
  count, summits by their best story. Each story shows its top items; the rest are kept for
  the thread. Articles published long before the window (`older_after_days`) are not news:
  their items go to `Brief.older` ("older coverage").
"""

from __future__ import annotations

import gc
import heapq
import math
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlmodel import Session

from jobs.clusters import rendering_key
from jobs.grouping import story_name
from jobs.ranking import (
    OLDER,
    RankedItem,
    importance,
    older_horizon,
    rank_items,
    ranking,
)
from storage.brief import (
    ArticleFacts,
    DisputeRow,
    QuoteRow,
    Reading,
    WindowStatements,
    brief_rows,
    outlet_key,
    speakers_of,
    window_articles,
    window_statements,
)
from storage.grouping import stories_seen_in_part
from storage.keywords import KeywordFilter
from storage.reads import public_url
from storage.scope import Scope
from storage.views import dispute_verb, reported_speech, rung_name, source_label

NO_STORY = "Other coverage"
_UNDATED = datetime.max.replace(tzinfo=UTC)  # a row with no time is never older coverage


# --------------------------------------------------------------------------- output data


@dataclass(frozen=True, slots=True)
class Outlet:
    """One outlet's copy of an item: who published it, where, when."""

    name: str
    url: str | None
    published: datetime | None


@dataclass(frozen=True, slots=True)
class BriefStatement:
    speaker: str
    speaker_id: int
    role: str | None
    content: str
    cue: str
    kind: str
    first: Outlet
    also: tuple[Outlet, ...] = ()
    speaker_kind: str = "person"
    repeated: bool = False  # first reported before the window
    score: float = 0.0
    statement_id: int = 0  # the copy shown (a reader's correction covers its cluster)

    @property
    def outlets(self) -> int:
        return 1 + len(self.also)

    @property
    def reported(self) -> str:
        """The statement as a reader reads it: quoted words in quotation marks."""
        return reported_speech(self.content, self.cue, self.kind)


@dataclass(frozen=True, slots=True)
class BriefDispute:
    actor: str
    target: str | None
    cue: str
    cue_class: str
    escalation: int
    confidence: float
    issue: str | None
    evidence: str
    first: Outlet
    also: tuple[Outlet, ...] = ()
    score: float = 0.0
    dispute_ids: tuple[int, ...] = ()  # the stored disputes merged into this item

    @property
    def outlets(self) -> int:
        return 1 + len(self.also)

    @property
    def rung(self) -> str:
        return rung_name(self.escalation)

    @property
    def verb(self) -> str:
        """What the actor did, as read between actor and target ("threatened")."""
        return dispute_verb(self.cue, self.cue_class)


@dataclass(frozen=True, slots=True)
class BriefStory:
    title: str
    statements: tuple[BriefStatement, ...]
    disputes: tuple[BriefDispute, ...]
    more_statements: tuple[BriefStatement, ...] = ()
    more_disputes: tuple[BriefDispute, ...] = ()
    outlets: int = 1
    score: float = 0.0
    statement_total: int = 0  # its statement items, read or not (at least those read)
    dispute_total: int = 0

    @property
    def statement_items(self) -> int:
        """Its statement items, read or only counted."""
        return max(self.statement_total, len(self.statements) + len(self.more_statements))

    @property
    def dispute_items(self) -> int:
        return max(self.dispute_total, len(self.disputes) + len(self.more_disputes))

    @property
    def hidden(self) -> int:
        """Items past the story's top ones: in the thread, or only counted."""
        shown = len(self.statements) + len(self.disputes)
        return self.statement_items + self.dispute_items - shown


@dataclass(frozen=True, slots=True)
class BriefSummit:
    label: str
    stories: tuple[BriefStory, ...]
    more_stories: tuple[BriefStory, ...] = ()
    score: float = 0.0


@dataclass(frozen=True, slots=True)
class Brief:
    """One reader's brief for a window: summits → stories → key statements and disputes."""

    since: datetime | None
    until: datetime
    summits: tuple[BriefSummit, ...]
    older: tuple[BriefStatement, ...] = ()
    older_total: int = 0  # older items, read or not
    articles: int = 0
    speakers: tuple[tuple[str, int], ...] = field(default_factory=tuple)  # (name, id), top first

    @property
    def empty(self) -> bool:
        return not self.summits and not self.older

    @property
    def stories(self) -> tuple[BriefStory, ...]:
        """Every story, shown or in the thread, summit by summit."""
        return tuple(s for m in self.summits for s in (*m.stories, *m.more_stories))

    @property
    def statement_count(self) -> int:
        return sum(s.statement_items for s in self.stories)

    @property
    def dispute_count(self) -> int:
        return sum(s.dispute_items for s in self.stories)


# --------------------------------------------------------------------------- reading


def read_brief(
    *,
    session: Session,
    reading: Reading,
    keywords: KeywordFilter | None = None,
    min_confidence: float = 0.5,
    complete: bool = False,
) -> Brief:
    """One reader's brief. Every statement of the reading is ranked from a few columns
    (`jobs/ranking.py`); only the text of the items the brief shows or threads is read (a
    day can hold 200,000 statements). `keywords` is the channel's filter; `complete` reads
    every item (`summit digest --json`)."""
    with _collector_paused():
        return _read_brief(session, reading, keywords, min_confidence, complete)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector paused while a brief is read: the 200,000 rows of a day hold
    no cycles, yet each collection would walk them all again (half the reading time)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _read_brief(
    session: Session,
    reading: Reading,
    keywords: KeywordFilter | None,
    min_confidence: float,
    complete: bool,
) -> Brief:
    if keywords is not None and keywords.empty:
        keywords = None
    said = window_statements(session=session, reading=reading, contents=keywords is not None)
    names = _NamesSeen(session, reading.scope)
    articles = names.of_articles(window_articles(session=session, reading=reading))
    speakers = speakers_of(session=session, ids=said.speakers)
    only = None
    if keywords is not None:
        headlines = {a.article_id: a.headline for a in articles}
        keep = keywords.matches_each(
            said.contents or [],
            [speakers[s].name for s in said.speakers],
            [headlines[a] for a in said.articles],
        )
        if not all(keep):
            said = said.kept(keep)
            only = said.ids
            carrying = set(said.articles)
            articles = [a for a in articles if a.article_id in carrying]
    kinds = {sid: facts.kind for sid, facts in speakers.items()}
    ranked = rank_items(said, articles, kinds, ranking(reading.since, complete))
    plan = plan_brief(ranked, articles, {sid: facts.name for sid, facts in speakers.items()})
    quotes, disputes = brief_rows(
        session=session,
        reading=reading,
        items=None if complete else plan.items,
        only=only,
        keywords=keywords,
        min_confidence=min_confidence,
    )
    return build_brief(
        names.of_rows(quotes),
        names.of_rows(disputes),
        since=reading.since,
        until=reading.until,
        plan=plan,
        complete=complete,
    )


class _NamesSeen:
    """Stories as one reader may see them. A story is one event across outlets, whoever's
    feeds brought them, and is titled and labelled with its summit from its articles; where
    it holds an article the reader's scope may not see (another workspace's channel feed),
    its title and summit are taken again from the articles the reader may see
    (`storage.grouping.stories_seen_in_part`, `jobs.grouping.story_name`)."""

    def __init__(self, session: Session, scope: Scope) -> None:
        self.session, self.scope = session, scope
        self.checked: set[int] = set()
        self.names: dict[int, tuple[str, str | None]] = {}

    def _look(self, story_ids: Iterable[int | None]) -> None:
        if self.scope.feeds is None:
            return
        new = {i for i in story_ids if i is not None and i > 0} - self.checked
        if not new:
            return
        self.checked |= new
        seen = stories_seen_in_part(session=self.session, scope=self.scope, story_ids=new)
        self.names.update((story, story_name(stored)) for story, stored in seen.items())

    def of_articles(self, articles: list[ArticleFacts]) -> list[ArticleFacts]:
        self._look(a.story for a in articles)
        if not self.names:
            return articles
        return [self._as_seen(a, a.story, a.headline, "title") for a in articles]

    def of_rows(self, rows: list) -> list:
        """Quote or dispute rows (`storage.brief`) with their story named as the reader sees it."""
        self._look(r.story_id for r in rows)
        if not self.names:
            return rows
        return [self._as_seen(r, r.story_id, r.title, "story_title") for r in rows]

    def _as_seen(self, item, story: int | None, headline: str | None, title_field: str):
        """`item` (a named tuple) with its story's title and summit as this reader sees them."""
        named = self.names.get(story)
        if named is None:
            return item
        title, summit = named
        return item._replace(**{title_field: title or headline or NO_STORY, "summit": summit})


@dataclass(frozen=True, slots=True)
class StoryFigures:
    """What the brief knows of a story before reading its items."""

    title: str
    summit: str | None
    outlets: frozenset[str]  # case-blind outlet keys of its articles in the window
    statements: int  # its statement items, read or not


@dataclass(frozen=True, slots=True)
class BriefPlan:
    """Which items a brief reads, and the figures it reports of those it does not."""

    items: tuple[int, ...]  # item keys (`storage.brief.item_key`) to read
    stories: dict[int, StoryFigures]
    principals: frozenset[str]
    older: int  # items of articles published long before the window
    articles: frozenset[int]
    scores: Mapping[int, float]  # each ranked item's score


def plan_brief(
    ranked: Sequence[RankedItem],
    reach: Sequence[ArticleFacts],
    speakers: Mapping[int, str],
) -> BriefPlan:
    """The plan of ranked items: which to read, each story's figures, and the summits'
    principals (among each summit's ranked items, the speakers of standing ≥ 2 carried by the
    most outlets). `speakers` maps ids to names."""
    outlets: dict[int, set[str]] = defaultdict(set)
    named: dict[int, tuple[str, str | None]] = {}
    for row in reach:
        outlets[row.story].add(row.outlet)
        named.setdefault(row.story, (row.title or NO_STORY, row.summit))
    totals: dict[int, int] = {}
    reach_of: dict[tuple[str, str], int] = defaultdict(int)
    for item in ranked:
        totals[item.story] = item.total
        if item.level >= 2 and item.story != OLDER and item.speaker_id in speakers:
            summit = named.get(item.story, (NO_STORY, None))[1] or NO_STORY
            reach_of[(summit, speakers[item.speaker_id])] += item.outlets
    stories = {
        story: StoryFigures(
            title=named.get(story, (NO_STORY, None))[0],
            summit=named.get(story, (NO_STORY, None))[1],
            outlets=frozenset(outlets[story]),
            statements=totals.get(story, 0),
        )
        for story in {*named, *totals}
        if story != OLDER
    }
    return BriefPlan(
        items=tuple(item.item for item in ranked),
        stories=stories,
        principals=_principals(reach_of),
        older=totals.get(OLDER, 0),
        articles=frozenset(row.article_id for row in reach),
        scores={item.item: item.score for item in ranked},
    )


def _principals(reach_of: dict[tuple[str, str], int]) -> frozenset[str]:
    """Per summit, its speakers of standing ≥ 2 carried by the most outlets."""
    per_summit: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for (summit, speaker), outlets in reach_of.items():
        per_summit[summit].append((outlets, speaker))
    top = importance().principals_per_summit
    return frozenset(
        speaker for ranked in per_summit.values() for _, speaker in heapq.nlargest(top, ranked)
    )


def rank_rows(quotes: Sequence[QuoteRow], *, since: datetime | None) -> list[RankedItem]:
    """`jobs.ranking.rank_items` over rows already read (every item kept): for rows built
    by hand (tests), and the check that reading columns ranks as reading rows does."""
    articles = _articles_of(quotes)
    said = WindowStatements(
        ids=[row.statement_id for row in quotes],
        items=[item_of(row) for row in quotes],
        speakers=[row.speaker_id for row in quotes],
        roles=[row.role for row in quotes],
        direct=[int(row.kind == "direct") for row in quotes],
        articles=[row.article_id for row in quotes],
        repeated=[int(_repeated([row], since)) for row in quotes],
    )
    kinds = {row.speaker_id: row.speaker_kind for row in quotes}
    return rank_items(said, articles, kinds, ranking(since, complete=True))


def plan_of_rows(quotes: Sequence[QuoteRow], *, since: datetime | None) -> BriefPlan:
    """The plan of rows already read: what `read_brief` gets from the database."""
    speakers = {row.speaker_id: row.speaker for row in quotes}
    return plan_brief(rank_rows(quotes, since=since), _articles_of(quotes), speakers)


def _articles_of(quotes: Sequence[QuoteRow]) -> list[ArticleFacts]:
    return list(
        {
            row.article_id: ArticleFacts(
                article_id=row.article_id,
                story=_story_of(row),
                outlet=_outlet_key(row),
                title=row.story_title or row.title,
                summit=row.summit,
                published=row.published or _UNDATED,
                headline=row.title,
            )
            for row in quotes
        }.values()
    )


def _repeated(rows: Sequence[QuoteRow], since: datetime | None) -> bool:
    """The statements' cluster was first reported before the window."""
    first = min((r.cluster_first_at for r in rows if r.cluster_first_at), default=None)
    return since is not None and first is not None and first < since


def item_of(row: QuoteRow) -> int:
    """The item a statement belongs to (as `storage.brief.item_key`)."""
    return row.cluster_id if row.cluster_id is not None else -row.statement_id


def _story_of(row: QuoteRow | DisputeRow) -> int:
    return row.story_id if row.story_id is not None else -row.article_id


def _outlet_key(row: QuoteRow | DisputeRow) -> str:
    return outlet_key(row.outlet, row.title, row.source)


# --------------------------------------------------------------------------- building


def build_brief(
    quotes: Sequence[QuoteRow],
    disputes: Sequence[DisputeRow],
    *,
    since: datetime | None,
    until: datetime,
    plan: BriefPlan | None = None,
    complete: bool = False,
) -> Brief:
    """Group, merge and rank the rows read for one reader (see the module docstring).
    `plan` carries the figures of items not read; without it the rows are all there is."""
    rules = importance()
    plan = plan or plan_of_rows(quotes, since=since)
    horizon = older_horizon(since)
    fresh = [q for q in quotes if not _older(q.published, horizon)]
    older_rows = [q for q in quotes if _older(q.published, horizon)]
    fresh_disputes = [d for d in disputes if not _older(d.published, horizon)]
    statements = _merge_statements(fresh, since, plan.scores)
    merged_disputes = _merge_disputes(fresh_disputes, plan.principals)
    by_story: dict[int, tuple[list, list]] = defaultdict(lambda: ([], []))
    for story, item in statements:
        by_story[story][0].append(item)
    for story, item in merged_disputes:
        by_story[story][1].append(item)
    dispute_outlets: dict[int, set[str]] = defaultdict(set)
    titles: dict[int, tuple[str, str | None]] = {}
    for row in fresh_disputes:
        dispute_outlets[_story_of(row)].add(_outlet_key(row))
        titles.setdefault(_story_of(row), (row.story_title or row.title or NO_STORY, row.summit))
    summits: dict[str, list[BriefStory]] = defaultdict(list)
    for story, (items, found) in by_story.items():
        figures = plan.stories.get(story)
        title, summit = (
            (figures.title, figures.summit) if figures else titles.get(story, (NO_STORY, None))
        )
        outlets = len((figures.outlets if figures else frozenset()) | dispute_outlets[story])
        total = figures.statements if figures else len(items)
        summits[summit or NO_STORY].append(
            _story(title, items, found, outlets=max(outlets, 1), total=total, complete=complete)
        )
    ranked = []
    for label, stories in summits.items():
        stories.sort(key=lambda s: -s.score)
        keep = rules.stories_per_summit
        ranked.append(
            BriefSummit(
                label=label,
                stories=tuple(stories[:keep]),
                more_stories=tuple(stories[keep:]),
                score=stories[0].score if stories else 0.0,
            )
        )
    ranked.sort(key=lambda m: (m.label == NO_STORY, -m.score))
    older = tuple(
        sorted((item for _, item in _merge_statements(older_rows, None, plan.scores)), key=_rank)
    )
    articles = plan.articles | {d.article_id for d in disputes}
    return Brief(
        since=since,
        until=until,
        summits=tuple(ranked),
        older=older,
        older_total=max(plan.older, len(older)),
        articles=len(articles),
        speakers=_top_speakers(item for _, item in statements),
    )


def _older(published: datetime | None, horizon: datetime | None) -> bool:
    return horizon is not None and published is not None and published < horizon


def _rank(item: BriefStatement | BriefDispute) -> float:
    return -item.score


def _outlet(row: QuoteRow | DisputeRow) -> Outlet:
    return Outlet(
        source_label(row.outlet, row.title, row.source), public_url(row.url), row.published
    )


def _by_time(rows: Iterable[QuoteRow | DisputeRow]) -> list:
    """Earliest first; undated last (rows come with aware UTC times)."""
    return sorted(
        rows,
        key=lambda r: (r.published is None, r.published.timestamp() if r.published else 0.0),
    )


def _distinct(outlets: Iterable[Outlet]) -> list[Outlet]:
    seen: dict[str, Outlet] = {}
    for outlet in outlets:
        seen.setdefault(outlet.name.casefold(), outlet)
    return list(seen.values())


def _merge_statements(
    rows: Sequence[QuoteRow], since: datetime | None, scores: Mapping[int, float]
) -> list[tuple[int, BriefStatement]]:
    """One item per stored cluster, placed in the earliest story that carried it, with its
    score from the ranking (`scores`)."""
    clusters: dict[int, list[QuoteRow]] = defaultdict(list)
    for row in rows:
        clusters[item_of(row)].append(row)
    out = []
    for key, members in clusters.items():
        ordered = _by_time(members)
        best = min(members, key=lambda r: rendering_key(r.kind, r.content))
        outlets = _distinct(_outlet(r) for r in ordered)
        item = BriefStatement(
            speaker=best.speaker,
            speaker_id=best.speaker_id,
            role=best.role or next((r.role for r in members if r.role), None),
            content=best.content,
            cue=best.cue,
            kind=best.kind,
            first=outlets[0],
            also=tuple(outlets[1:]),
            speaker_kind=best.speaker_kind,
            repeated=_repeated(members, since),
            score=scores.get(key, 0.0),
            statement_id=best.statement_id,
        )
        out.append((_earliest_story(members), item))
    return out


def _earliest_story(rows: Sequence[QuoteRow | DisputeRow]) -> int:
    """The earliest story of `rows` (stories are numbered as they start), else minus the
    first article's id: as `jobs.ranking.rank_items` places an item."""
    filed = [r.story_id for r in rows if r.story_id is not None]
    return min(filed) if filed else -min(r.article_id for r in rows)


def _merge_disputes(
    rows: Sequence[DisputeRow], principals: frozenset[str]
) -> list[tuple[int, BriefDispute]]:
    """One item per (story, actor, target, cue class); ranked by escalation and reach."""
    w = importance().weights
    groups: dict[tuple, list[DisputeRow]] = defaultdict(list)
    for row in rows:
        groups[(_story_of(row), row.actor, row.target, row.cue_class)].append(row)
    out = []
    for (story, actor, target, _), members in groups.items():
        ordered = _by_time(members)
        best = max(members, key=lambda r: (r.confidence, bool(r.issue), -len(r.evidence)))
        outlets = _distinct(_outlet(r) for r in ordered)
        between = actor in principals and target is not None and target in principals
        score = (
            w["outlets"] * math.log2(1 + len(outlets))
            + w["escalation"] * best.escalation
            + w["confidence"] * best.confidence
            + w["principal"] * between
        )
        out.append(
            (
                story,
                BriefDispute(
                    actor=actor,
                    target=target,
                    cue=best.cue,
                    cue_class=best.cue_class,
                    escalation=best.escalation,
                    confidence=best.confidence,
                    issue=best.issue,
                    evidence=best.evidence,
                    first=outlets[0],
                    also=tuple(outlets[1:]),
                    score=round(score, 3),
                    dispute_ids=tuple(sorted(r.dispute_id for r in members)),
                ),
            )
        )
    return out


def _story(
    title: str,
    statements: list[BriefStatement],
    disputes: list[BriefDispute],
    *,
    outlets: int,
    total: int,
    complete: bool,
) -> BriefStory:
    rules = importance()
    statements.sort(key=_rank)
    disputes.sort(key=_rank)
    best = max((i.score for i in (*statements, *disputes)), default=0.0)
    n, d = rules.items_per_story, rules.disputes_per_story
    thread = None if complete else rules.thread_items_per_story
    return BriefStory(
        title=title,
        statements=tuple(statements[:n]),
        disputes=tuple(disputes[:d]),
        more_statements=tuple(statements[n:][:thread]),
        more_disputes=tuple(disputes[d:][:thread]),
        outlets=outlets,
        score=round(best + math.log2(1 + outlets), 3),
        statement_total=max(total, len(statements)),
        dispute_total=len(disputes),
    )


def _top_speakers(items: Iterable[BriefStatement]) -> tuple[tuple[str, int], ...]:
    best: dict[int, tuple[float, str]] = {}
    for item in items:
        if item.speaker_id not in best or best[item.speaker_id][0] < item.score:
            best[item.speaker_id] = (item.score, item.speaker)
    ranked = sorted(best.items(), key=lambda kv: -kv[1][0])
    return tuple((name, speaker_id) for speaker_id, (_, name) in ranked)


# --------------------------------------------------------------------------- as data


def brief_as_json(brief: Brief) -> dict:
    """The brief as data (`summit digest --json`): a stable interface for evaluation.

    {"since", "until", "articles", "summits": [{"label", "stories": [{"title", "outlets",
    "rank", "statements": [...], "disputes": [...]}]}], "older": [...]}; every item has its
    outlets (first first), the first outlet, its published time and its rank (1 = first).
    """
    return {
        "since": _iso(brief.since),
        "until": _iso(brief.until),
        "articles": brief.articles,
        "summits": [
            {
                "label": summit.label,
                "stories": [
                    _story_json(story, rank)
                    for rank, story in enumerate((*summit.stories, *summit.more_stories), 1)
                ],
            }
            for summit in brief.summits
        ],
        "older": [_statement_json(s, rank) for rank, s in enumerate(brief.older, 1)],
    }


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def _outlet_json(outlet: Outlet) -> dict:
    return {"name": outlet.name, "url": outlet.url, "published": _iso(outlet.published)}


def _story_json(story: BriefStory, rank: int) -> dict:
    statements = (*story.statements, *story.more_statements)
    disputes = (*story.disputes, *story.more_disputes)
    return {
        "title": story.title,
        "rank": rank,
        "outlets": story.outlets,
        "statements": [_statement_json(s, i) for i, s in enumerate(statements, 1)],
        "disputes": [_dispute_json(d, i) for i, d in enumerate(disputes, 1)],
    }


def _statement_json(item: BriefStatement, rank: int) -> dict:
    return {
        "rank": rank,
        "speaker": item.speaker,
        "role": item.role,
        "content": item.content,
        "kind": item.kind,
        "published": _iso(item.first.published),
        "first_outlet": _outlet_json(item.first),
        "outlets": [_outlet_json(o) for o in (item.first, *item.also)],
        "repeated": item.repeated,
        "score": item.score,
    }


def _dispute_json(item: BriefDispute, rank: int) -> dict:
    return {
        "rank": rank,
        "actor": item.actor,
        "target": item.target,
        "cue": item.cue,
        "class": item.cue_class,
        "rung": item.rung,
        "issue": item.issue,
        "evidence": item.evidence,
        "published": _iso(item.first.published),
        "first_outlet": _outlet_json(item.first),
        "outlets": [_outlet_json(o) for o in (item.first, *item.also)],
        "score": item.score,
    }
