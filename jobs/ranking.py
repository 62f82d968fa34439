"""How the brief decides what is key: the importance rules (`jobs/rules/importance.json`) and
the ranking of a reading's statement items within their stories.

An item is a stored statement cluster (the same words carried by several outlets), or a
statement in none. Its score adds, with the rules' weights:

    outlets · log2(1 + distinct outlets) + standing · the speaker's standing
    + direct · (a direct quote exists) + repeated · (first reported before the window)

Standing is read from the extracted role (heads of state and government 3, ministers and
spokespeople 2, officials 1, commentators 0; a state or organisation speaking 2). An item
belongs to the earliest story that carried it; items of articles published long before the
window (`older_after_days`) are older coverage (`OLDER`). A day can hold 200,000 statements,
so `rank_items` reckons over columns with numpy, once for the whole reading: the same
function ranks statements read from the database and rows built by hand.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path
from typing import NamedTuple

import numpy as np

from storage.brief import ArticleFacts, WindowStatements

RULES = Path(__file__).resolve().parent / "rules" / "importance.json"
OLDER = 0  # `RankedItem.story` of older coverage


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
    thread_items_per_story: int
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
        thread_items_per_story=int(raw["thread_items_per_story"]),
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


def older_horizon(since: datetime | None) -> datetime | None:
    """Articles published before this are older coverage, not news (`older_after_days`)."""
    return since - importance().older_after if since is not None else None


@dataclass(frozen=True, slots=True)
class Ranking:
    """How one reading ranks its items: the rules, where older coverage starts, and how
    many items of each story (and of older coverage) to keep (None keeps all)."""

    older_than: datetime | None
    per_story: int | None


def ranking(since: datetime | None, complete: bool = False) -> Ranking:
    """The ranking of a reading whose window starts at `since`; `complete` keeps every item."""
    rules = importance()
    return Ranking(
        older_than=older_horizon(since),
        per_story=None if complete else rules.items_per_story + rules.thread_items_per_story,
    )


class RankedItem(NamedTuple):
    """One item of the brief before its text is read, ranked within its story."""

    item: int  # the cluster's id, or minus the statement's id for a statement in no cluster
    speaker_id: int
    story: int  # the earliest story carrying it, minus its article's id when unfiled, or OLDER
    score: float
    total: int  # items of its story (or of older coverage) in the reading
    level: int  # the speaker's standing, the highest its statements' roles give
    outlets: int  # distinct outlets (`storage.brief.outlet_key`)


def rank_items(
    said: WindowStatements,
    articles: Sequence[ArticleFacts],
    kinds: Mapping[int, str],
    ranking: Ranking,
) -> list[RankedItem]:
    """The items of `said` (whose articles are `articles`; `kinds` maps speaker ids to
    "person" or "organisation"), best first within each story, stories in key order,
    keeping `ranking.per_story` of each."""
    if not len(said):
        return []
    rules = importance()
    w = rules.weights
    keys, item = np.unique(np.asarray(said.items, dtype=np.int64), return_inverse=True)
    count = len(keys)

    def per_item(values: np.ndarray, reduce: np.ufunc, start) -> np.ndarray:
        out = np.full(count, start, dtype=values.dtype)
        reduce.at(out, item, values)
        return out

    # The articles' facts, for each statement.
    facts = {a.article_id: a for a in articles}
    article_ids = np.asarray(said.articles, dtype=np.int64)
    known, position = np.unique(article_ids, return_inverse=True)
    of_article = [facts[int(a)] for a in known]
    outlet_codes = {o: n for n, o in enumerate(dict.fromkeys(a.outlet for a in of_article))}
    outlet = np.array([outlet_codes[a.outlet] for a in of_article], dtype=np.int64)[position]
    story = np.array([a.story for a in of_article], dtype=np.int64)[position]
    published = np.array([a.published.timestamp() for a in of_article])[position]

    # Per item: speaker, standing, outlets, a direct quote, a repeat, first publication, story.
    most, least = np.iinfo(np.int64).max, np.iinfo(np.int64).min
    speaker = per_item(np.asarray(said.speakers, dtype=np.int64), np.minimum, most)
    roles = list(dict.fromkeys(said.roles))
    role_level = np.array([standing(r) for r in roles], dtype=np.int64)
    codes = {r: n for n, r in enumerate(roles)}
    role_code = np.fromiter(map(codes.__getitem__, said.roles), np.intp, len(said))
    level = per_item(role_level[role_code], np.maximum, 0)
    speakers, speaker_position = np.unique(speaker, return_inverse=True)
    organisation = np.array([kinds.get(s) == "organisation" for s in speakers.tolist()])
    level[organisation[speaker_position]] = rules.organisation_standing
    pairs = np.unique(item * (len(outlet_codes) + 1) + outlet)
    outlets = np.bincount(pairs // (len(outlet_codes) + 1), minlength=count)
    direct = per_item(np.asarray(said.direct, dtype=np.int64), np.maximum, 0)
    repeated = per_item(np.asarray(said.repeated, dtype=np.int64), np.maximum, 0)
    first = per_item(published, np.minimum, np.inf)
    # The earliest story that carried it, else minus its first article's id.
    filed = per_item(np.where(story > 0, story, most), np.minimum, most)
    unfiled = per_item(np.where(story < 0, story, least), np.maximum, least)
    home = np.where(filed != most, filed, unfiled)
    if ranking.older_than is not None:
        home = np.where(first < ranking.older_than.timestamp(), OLDER, home)

    score = (
        w["outlets"] * np.log2(1 + outlets)
        + w["standing"] * level
        + w["direct"] * direct
        + w["repeated"] * repeated
    )
    order = np.lexsort((keys, -score, home))
    _, starts, totals = np.unique(home[order], return_index=True, return_counts=True)
    place = np.arange(count) - np.repeat(starts, totals)
    total = np.repeat(totals, totals)
    keep = order if ranking.per_story is None else order[place < ranking.per_story]
    kept_total = total if ranking.per_story is None else total[place < ranking.per_story]
    return [
        RankedItem(int(k), int(s), int(h), round(float(sc), 3), int(t), int(lv), int(o))
        for k, s, h, sc, t, lv, o in zip(
            keys[keep].tolist(),
            speaker[keep].tolist(),
            home[keep].tolist(),
            score[keep].tolist(),
            kept_total.tolist(),
            level[keep].tolist(),
            outlets[keep].tolist(),
            strict=True,
        )
    ]
