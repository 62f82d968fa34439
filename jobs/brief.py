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

import json
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path

from jobs.clusters import rendering_key
from storage.brief import DisputeRow, QuoteRow
from storage.views import reported_speech, rung_name, source_label

RULES = Path(__file__).resolve().parent / "rules" / "importance.json"
NO_STORY = "Other coverage"


@dataclass(frozen=True, slots=True)
class Importance:
    """The ranking data of `jobs/rules/importance.json`."""

    standing: tuple[tuple[int, re.Pattern[str]], ...]
    organisation_standing: int
    weights: dict[str, float]
    principals_per_summit: int
    items_per_story: int
    disputes_per_story: int
    stories_per_summit: int
    older_after: timedelta


@cache
def importance() -> Importance:
    raw = json.loads(RULES.read_text(encoding="utf-8"))
    standing = tuple(
        (int(level), re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b"))
        for level, words in sorted(raw["standing"].items(), reverse=True)
    )
    return Importance(
        standing=standing,
        organisation_standing=int(raw["organisation_standing"]),
        weights={k: float(v) for k, v in raw["weights"].items()},
        principals_per_summit=int(raw["principals_per_summit"]),
        items_per_story=int(raw["items_per_story"]),
        disputes_per_story=int(raw["disputes_per_story"]),
        stories_per_summit=int(raw["stories_per_summit"]),
        older_after=timedelta(days=float(raw["older_after_days"])),
    )


@cache
def standing(role: str | None, kind: str = "person") -> int:
    """How much a speaker's words weigh: "US Secretary of State" → 2, "President" → 3,
    "analyst at a think tank" → 0; a state or organisation speaking → 2."""
    rules = importance()
    if kind == "organisation":
        return rules.organisation_standing
    text = (role or "").casefold()
    return next((level for level, pattern in rules.standing if pattern.search(text)), 0)


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

    @property
    def outlets(self) -> int:
        return 1 + len(self.also)

    @property
    def rung(self) -> str:
        return rung_name(self.escalation)


@dataclass(frozen=True, slots=True)
class BriefStory:
    title: str
    statements: tuple[BriefStatement, ...]
    disputes: tuple[BriefDispute, ...]
    more_statements: tuple[BriefStatement, ...] = ()
    more_disputes: tuple[BriefDispute, ...] = ()
    outlets: int = 1
    score: float = 0.0


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
        return sum(len(s.statements) + len(s.more_statements) for s in self.stories)

    @property
    def dispute_count(self) -> int:
        return sum(len(s.disputes) + len(s.more_disputes) for s in self.stories)


# --------------------------------------------------------------------------- building


def build_brief(
    quotes: Sequence[QuoteRow],
    disputes: Sequence[DisputeRow],
    *,
    since: datetime | None,
    until: datetime,
    articles: int = 0,
) -> Brief:
    """Group, merge and rank one reader's window (see the module docstring)."""
    rules = importance()
    horizon = since - rules.older_after if since is not None else None
    fresh = [q for q in quotes if not _older(q.published, horizon)]
    older_rows = [q for q in quotes if _older(q.published, horizon)]
    fresh_disputes = [d for d in disputes if not _older(d.published, horizon)]
    statements = _merge_statements(fresh, since)
    principals = _principals(statements)
    merged_disputes = _merge_disputes(fresh_disputes, principals)
    by_story: dict[tuple[str, str], tuple[list, list]] = defaultdict(lambda: ([], []))
    for story_key, item in statements:
        by_story[story_key][0].append(item)
    for story_key, item in merged_disputes:
        by_story[story_key][1].append(item)
    summits: dict[str, list[BriefStory]] = defaultdict(list)
    for (summit, title), (items, found) in by_story.items():
        summits[summit].append(_story(title, items, found, rules))
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
    older = tuple(sorted((item for _, item in _merge_statements(older_rows, None)), key=_rank))
    speakers = _top_speakers(item for _, item in statements)
    return Brief(
        since=since,
        until=until,
        summits=tuple(ranked),
        older=older,
        articles=articles,
        speakers=speakers,
    )


def _older(published: datetime | None, horizon: datetime | None) -> bool:
    return horizon is not None and published is not None and published < horizon


def _rank(item: BriefStatement | BriefDispute) -> float:
    return -item.score


def _outlet(row: QuoteRow | DisputeRow) -> Outlet:
    return Outlet(source_label(row.outlet, row.title, row.source), row.url, row.published)


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
    rows: Sequence[QuoteRow], since: datetime | None
) -> list[tuple[tuple[str, str], BriefStatement]]:
    """One item per stored cluster, placed in the story of its first report."""
    rules = importance()
    w = rules.weights
    clusters: dict[int, list[QuoteRow]] = defaultdict(list)
    for row in rows:
        clusters[row.cluster_id or -row.statement_id].append(row)
    out = []
    for members in clusters.values():
        ordered = _by_time(members)
        first = ordered[0]
        best = min(members, key=lambda r: rendering_key(r.kind, r.content))
        outlets = _distinct(_outlet(r) for r in ordered)
        repeated = (
            since is not None
            and first.cluster_first_at is not None
            and first.cluster_first_at < since
        )
        score = (
            w["outlets"] * math.log2(1 + len(outlets))
            + w["standing"] * standing(best.role, best.speaker_kind)
            + w["direct"] * (best.kind == "direct")
            + w["repeated"] * repeated
        )
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
            repeated=repeated,
            score=round(score, 3),
        )
        out.append((_story_key(first), item))
    return out


def _story_key(row: QuoteRow | DisputeRow) -> tuple[str, str]:
    if row.story_id is None:
        return (row.summit or NO_STORY, row.title or NO_STORY)
    return (row.summit or NO_STORY, row.story_title or row.title or NO_STORY)


def _principals(statements: Sequence[tuple[tuple[str, str], BriefStatement]]) -> set[str]:
    """Per summit, its most-quoted speakers of standing ≥ 2 (heads, ministers, states)."""
    rules = importance()
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for (summit, _), item in statements:
        if standing(item.role, item.speaker_kind) >= 2:
            counts[summit][item.speaker] += item.outlets
    out: set[str] = set()
    for per in counts.values():
        top = sorted(per, key=lambda name: -per[name])[: rules.principals_per_summit]
        out.update(top)
    return out


def _merge_disputes(
    rows: Sequence[DisputeRow], principals: set[str]
) -> list[tuple[tuple[str, str], BriefDispute]]:
    """One item per (story, actor, target, cue class); ranked by escalation and reach."""
    w = importance().weights
    groups: dict[tuple, list[DisputeRow]] = defaultdict(list)
    for row in rows:
        key = (_story_key(row), row.actor, row.target, row.cue_class)
        groups[key].append(row)
    out = []
    for (story_key, actor, target, _), members in groups.items():
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
                story_key,
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
                ),
            )
        )
    return out


def _story(
    title: str,
    statements: list[BriefStatement],
    disputes: list[BriefDispute],
    rules: Importance,
) -> BriefStory:
    statements.sort(key=_rank)
    disputes.sort(key=_rank)
    outlets = _distinct(o for item in (*statements, *disputes) for o in (item.first, *item.also))
    best = max((i.score for i in (*statements, *disputes)), default=0.0)
    n, d = rules.items_per_story, rules.disputes_per_story
    return BriefStory(
        title=title,
        statements=tuple(statements[:n]),
        disputes=tuple(disputes[:d]),
        more_statements=tuple(statements[n:]),
        more_disputes=tuple(disputes[d:]),
        outlets=len(outlets),
        score=round(best + math.log2(1 + len(outlets)), 3),
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
