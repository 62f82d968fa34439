"""Group articles into stories, and stories into summits or topics.

A *story* is one news event covered by several outlets ("the Hanoi summit ends without a
deal"); a *summit* groups the stories about one gathering ("US–North Korea summit, Hanoi"),
and stories about no recognisable summit are grouped into *topics* instead.

Stories — incremental, at ingest
--------------------------------
Articles arrive one at a time over days, so nothing is fitted on a corpus:

* `story_vector` hashes the article into a fixed space with scikit-learn's stateless
  `HashingVectorizer` (2**20 features; word unigrams and bigrams, lower case, English stop
  words plus a few reporting words such as "said"), takes sublinear term frequencies
  (1 + log tf) and l2-normalises the text and the title separately; the article vector is
  text + `TITLE_WEIGHT` × title (+ `ENTITY_WEIGHT` × the caller's named entities, if any),
  cut to its `TOP_FEATURES` heaviest features and l2-normalised again. It is returned as
  compact bytes (`b"\\x01"`, then the feature indices as little-endian uint32, then the
  weights as float16: 6 bytes a feature, at most 3 KB an article), which a database keeps
  in a binary column; `load_vector` turns them back into a 1 × 2**20 sparse row.
* `assign_story(item, recent)` compares the new article with every recent article published
  within `STORY_WINDOW` (3 days either side, by publication time, so a late-fetched article
  still finds its story) with `sklearn.metrics.pairwise.cosine_similarity`, and returns the
  story of the most similar one when the cosine is at least `STORY_THRESHOLD`; otherwise
  None, and the caller opens a new story. This is single-link clustering in arrival order.

Why these numbers: with no IDF, words that every article shares (a president's name,
"summit") give unrelated articles a floor. On summitday-dev (stored vectors) same-story pairs
have cosines 0.13–0.43 (median 0.30), pairs of different stories of one summit up to 0.39
(median 0.23: the first and the last day of one summit read alike) and pairs across summits
at most 0.22. Among the 782 pairs of 2016 election articles (quotes-dev) published within 3
days of each other the median is 0.04, the 99th percentile 0.22 and only 2 pairs reach 0.25
(one is a true story: two outlets on one candidate's remarks), while 16 reach 0.20.
`STORY_THRESHOLD` = 0.25 is the lowest value that leaves that election news almost
unmerged; every threshold from 0.25 to 0.30 gives the same summitday stories. With the
title weighted 0.5, unigrams only, untruncated vectors, or 128 features, the scores were
no better. Named entities (spaCy's PERSON/ORG/GPE/NORP/EVENT… as `entities`) chained
election news, where every article names the same candidates: at weight 0.5 or 1.0 into
"stories" of 7 to 37 articles at thresholds 0.22–0.30; at 0.3 they needed a threshold of
0.30 to stay apart and then scored no better on summitday (F1 0.692). So `ENTITY_WEIGHT`
is 0: the field is accepted, and used only if a caller raises the weight.

What the method cannot do is split two stories of one summit told with the same words (the
opening and the collapse of a two-day summit a day apart); and, being incremental, its
result depends on arrival order: an article whose closest match arrives after it stays
apart (the evaluation's `--shuffles` measures how much).

Summits and topics — `summit_key`, `summit_of`, `group_summits`
--------------------------------------------------------------
A story's summit is read from names, not learnt, so it carries over to summits never seen:

1. the names of summit-holding groups listed in `jobs/rules/summits.json` ("G7", "G-7",
   "Group of Seven" are one key, G7; NATO; ASEAN; G20; …), case-sensitive, counted in
   titles and texts;
2. "<Name> summit" and "summit in <Place>" in the article texts, for bilateral and one-off
   summits: "the Hanoi summit", "a Trump-Kim summit", "summit in Helsinki". Names of
   hyphenated pairs are sorted, so "Trump-Kim" and "Kim–Trump" are one key; determiners,
   weekdays, months and words like "Historic" (`not_names`) are skipped. Such a name is then
   counted wherever it appears in the story's titles and texts ("Hanoi" all through the
   articles, not only the one "Hanoi summit"). Titles are not searched for "<Name> Summit":
   their Title Case would turn "Nuclear Summit" into a name.

The story's key is the one with most mentions across its articles (ties: a listed group,
then the first seen). It counts only with at least `MIN_SUMMIT_MENTIONS` (2) mentions and
when some article's title or lead (its first `LEAD_WORDS` = 100 words) names a summit: a
cue word ("summit", "communique") or a listed group whose name is itself a meeting (G7,
G20, APEC, Davos…). So election news naming NATO eighteen times in a comment on a
candidate's foreign policy, or the UN Security Council's "emergency meeting", gets none.

`group_summits` takes stories in order of their first article; among the groups last seen
within `SUMMIT_WINDOW` (7 days) a story joins the group with its own key; else the group
holding its most similar story (cosine of the stories' mean vectors ≥ `TOPIC_THRESHOLD`),
never a group of another listed key when its own key is listed (G7 and EU summits in one
week stay apart); else it opens a group, labelled with its summit or, for a topic, with
its `story_title`. The similarity step joins one summit known by two names (on
summitday-dev, when the Hanoi summit's first day is a story of its own, its "Trump-Kim
summit" and the last day's "Hanoi summit" stories have cosine 0.49) and brings in stories
that name no summit twice (a short report of the Hanoi collapse: 0.34).

`TOPIC_THRESHOLD` = 0.3: on summitday-dev every value from 0.15 to 0.35 gives the gold
summits, but on the election news 0.20 chains campaign stories into a 17-story "topic" and
0.25 into a 4-story one, while 0.30 merges none. Without the names (similarity alone)
summitday summits score pairwise F1 0.955 at 0.20 and 0.722 at 0.30.

Measured with `python -m jobs.evaluate_stories
../shared/eval/summitday-dev/summitday-dev.jsonl ../shared/eval/quotes-dev/dev.jsonl
--shuffles 20` (articles fed in date order, same-date articles by id; the spread is over 20
random orders within each date):

* summitday-dev (13 articles, 6 stories, 3 summits): 7 stories, pairwise P 0.667 R 0.545
  F1 0.600 (over orders: mean 0.682, 0.600–0.750; threshold 0.24 would give 0.750 in every
  order, one short article's best match being 0.249); summits 3 groups, P/R/F1 1.000 in
  every order, labels "G7", "NATO", "Hanoi summit", all 13 articles labelled.
* quotes-dev (84 PolNeAR 2016 election articles, no summit coverage): 82 stories, 82
  summit/topic groups, no article with a summit label.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from itertools import islice
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, HashingVectorizer
from sklearn.metrics.pairwise import cosine_similarity
from sklearn.preprocessing import normalize

RULES = Path(__file__).with_name("rules") / "summits.json"

N_FEATURES = 2**20
TOP_FEATURES = 512
TITLE_WEIGHT = 1.0
ENTITY_WEIGHT = 0.0  # measured: entities merge unrelated news (see the docstring)
STORY_THRESHOLD = 0.25
STORY_WINDOW = timedelta(days=3)

MIN_SUMMIT_MENTIONS = 2
LEAD_WORDS = 100
SUMMIT_WINDOW = timedelta(days=7)
TOPIC_THRESHOLD = 0.3

_VECTOR_VERSION = b"\x01"
# Reporting words every news article uses; English stop words come from scikit-learn.
_NEWS_WORDS = """said says say saying told tells mr mrs ms would could also just like going
think people time according new year years week monday tuesday wednesday thursday friday
saturday sunday""".split()
_STOP_WORDS = sorted(ENGLISH_STOP_WORDS | set(_NEWS_WORDS))


@dataclass(frozen=True)
class ArticleItem:
    """What story grouping needs of an article; `entities` are optional named entities."""

    key: int
    title: str
    text: str
    published: datetime
    entities: tuple[str, ...] = ()


# --- vectors ------------------------------------------------------------------------------


@cache
def _hasher() -> HashingVectorizer:
    return HashingVectorizer(
        n_features=N_FEATURES,
        ngram_range=(1, 2),
        stop_words=_STOP_WORDS,
        alternate_sign=False,
        norm=None,
        dtype=np.float32,
    )


@cache
def _entity_hasher() -> HashingVectorizer:
    # Each entity is one feature, whatever its length ("Justin Trudeau" is not "Trudeau").
    return HashingVectorizer(
        n_features=N_FEATURES,
        analyzer=lambda names: [" ".join(n.lower().split()) for n in names if n.strip()],
        alternate_sign=False,
        norm=None,
        dtype=np.float32,
    )


def _sublinear(matrix: sp.csr_matrix) -> sp.csr_matrix:
    matrix = matrix.tocsr()
    matrix.data = 1.0 + np.log(matrix.data)
    return normalize(matrix)


def _full_vector(item: ArticleItem) -> sp.csr_matrix:
    vector = _sublinear(_hasher().transform([item.text]))
    if item.title.strip():
        vector = vector + TITLE_WEIGHT * _sublinear(_hasher().transform([item.title]))
    if item.entities and ENTITY_WEIGHT:
        vector = vector + ENTITY_WEIGHT * _sublinear(
            _entity_hasher().transform([list(item.entities)])
        )
    return sp.csr_matrix(vector)


def _top(vector: sp.csr_matrix, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The k heaviest features (ties: lower index first), sorted by index, l2-normalised."""
    vector = vector.tocsr()
    vector.eliminate_zeros()
    order = np.lexsort((vector.indices, -vector.data))[:k]
    indices = vector.indices[order].astype(np.uint32)
    weights = vector.data[order].astype(np.float32)
    keep = np.argsort(indices)
    indices, weights = indices[keep], weights[keep]
    norm = float(np.linalg.norm(weights))
    return indices, (weights / norm if norm else weights)


def story_vector(item: ArticleItem) -> bytes:
    """The article's story vector as bytes to store (see the module docstring for the format)."""
    indices, weights = _top(_full_vector(item), TOP_FEATURES)
    return _VECTOR_VERSION + indices.astype("<u4").tobytes() + weights.astype("<f2").tobytes()


def load_vector(data: bytes) -> sp.csr_matrix:
    """A 1 × N_FEATURES sparse row from `story_vector` bytes."""
    if not data or data[:1] != _VECTOR_VERSION or (len(data) - 1) % 6:
        raise ValueError("not a story vector of this version")
    n = (len(data) - 1) // 6
    indices = np.frombuffer(data, dtype="<u4", count=n, offset=1).astype(np.int32)
    weights = np.frombuffer(data, dtype="<f2", count=n, offset=1 + 4 * n).astype(np.float32)
    return sp.csr_matrix((weights, indices, [0, n]), shape=(1, N_FEATURES))


VectorLike = ArticleItem | bytes | sp.spmatrix


def as_vector(value: VectorLike) -> sp.csr_matrix:
    """A stored vector, an article (vectorised now) or a sparse row, as a sparse row."""
    if isinstance(value, ArticleItem):
        return load_vector(story_vector(value))
    if isinstance(value, bytes | bytearray | memoryview):
        return load_vector(bytes(value))
    return sp.csr_matrix(value)


def cosine(rows: sp.spmatrix, others: sp.spmatrix) -> np.ndarray:
    """`cosine_similarity` of sparse rows, on the columns they use.

    The same numbers as on the full 2**20 columns, without scipy building a 2**20-column
    index for the transposed matrix on every call (about 100 times slower).
    """
    stacked = sp.vstack([rows, others], format="csr")
    columns, compact = np.unique(stacked.indices, return_inverse=True)
    if not len(columns):  # only empty vectors (no words but stop words): similar to nothing
        return np.zeros((rows.shape[0], others.shape[0]), dtype=np.float32)
    stacked = sp.csr_matrix(
        (stacked.data, compact.ravel(), stacked.indptr), shape=(stacked.shape[0], len(columns))
    )
    return cosine_similarity(stacked[: rows.shape[0]], stacked[rows.shape[0] :])


def similarity(a: VectorLike, b: VectorLike) -> float:
    """Cosine similarity of two articles' story vectors."""
    return float(cosine(as_vector(a), as_vector(b))[0, 0])


# --- stories ------------------------------------------------------------------------------


def _utc(moment: datetime) -> datetime:
    """Naive datetimes are taken as UTC, so stored and fresh timestamps compare."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def best_match(
    item: ArticleItem,
    recent: Sequence[tuple[VectorLike, int, datetime]],
    *,
    window: timedelta = STORY_WINDOW,
) -> tuple[int, float] | None:
    """The story and cosine of the most similar article in `recent` within `window`.

    `recent` holds (article or its stored vector, story id, published) triples; ties go to
    the first in `recent` order. None when no article is inside the window.
    """
    when = _utc(item.published)
    inside = [(v, sid) for v, sid, pub in recent if abs(when - _utc(pub)) <= window]
    if not inside:
        return None
    scores = cosine(as_vector(item), sp.vstack([as_vector(v) for v, _ in inside]))[0]
    best = int(np.argmax(scores))
    return inside[best][1], float(scores[best])


def assign_story(
    item: ArticleItem,
    recent: Sequence[tuple[VectorLike, int, datetime]],
    *,
    threshold: float = STORY_THRESHOLD,
    window: timedelta = STORY_WINDOW,
) -> int | None:
    """The story id the article joins, or None when it starts a new story.

    It joins the story of the most similar article published within `window` of it when
    their cosine is at least `threshold` (`STORY_THRESHOLD`, 0.25).
    """
    match = best_match(item, recent, window=window)
    if match is None or match[1] < threshold:
        return None
    return match[0]


def _centrality(items: Sequence[ArticleItem]) -> list[float]:
    """Each article's summed cosine to the others (rounded, so float noise makes no ties)."""
    if len(items) < 2:
        return [0.0] * len(items)
    vectors = sp.vstack([as_vector(i) for i in items], format="csr")
    scores = cosine(vectors, vectors)
    np.fill_diagonal(scores, 0.0)
    return [round(float(x), 4) for x in scores.sum(axis=1)]


def story_title(items: Sequence[ArticleItem]) -> str:
    """A readable title for a story: the title of its most central article.

    Most central = the highest summed cosine to the story's other articles (the medoid),
    so an outlet's odd angle does not name the story; ties, and stories of one or two
    articles, take the earliest published (then the lowest key). Articles without a title
    are passed over; "" when none has one. Whitespace is collapsed.
    """
    titled = [i for i in items if i.title.strip()]
    if not titled:
        return ""
    scores = _centrality(titled)
    best = min(
        range(len(titled)),
        key=lambda n: (-scores[n], _utc(titled[n].published), titled[n].key),
    )
    return " ".join(titled[best].title.split())


# --- summits ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Group:
    key: str
    label: str
    kind: str
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class SummitRules:
    """`jobs/rules/summits.json`, compiled."""

    groups: tuple[_Group, ...]
    alias: re.Pattern[str]
    cue: re.Pattern[str]
    not_names: frozenset[str]

    def group_of(self, text: str) -> _Group | None:
        """The group whose alias is the whole of `text`."""
        for group in self.groups:
            if group.pattern.fullmatch(text):
                return group
        return None


def _whole(pattern: str) -> str:
    """`pattern` as whole words: "G7" in "post-G7 talks", never in "G70" or "AG7"."""
    return rf"(?<!\w)(?:{pattern})(?!\w)"


@cache
def load_summit_rules(path: Path = RULES) -> SummitRules:
    """Read and compile the summit name list (aliases are case-sensitive regexes)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    groups = []
    for entry in data["groups"]:
        pattern = "|".join(sorted(entry["aliases"], key=len, reverse=True))
        groups.append(_Group(entry["key"], entry["label"], entry["kind"], re.compile(pattern)))
    # One alternation, longest alias first, so "UN General Assembly" is not read as "UN".
    named = sorted(
        ((alias, n) for n, e in enumerate(data["groups"]) for alias in e["aliases"]),
        key=lambda pair: len(pair[0]),
        reverse=True,
    )
    alias = re.compile(_whole("|".join(f"(?P<g{n}_{i}>{a})" for i, (a, n) in enumerate(named))))
    cue = re.compile(r"\b(?:" + "|".join(map(re.escape, data["cue_words"])) + r")\b", re.I)
    return SummitRules(tuple(groups), alias, cue, frozenset(data["not_names"]))


# A name is one to five capitalised words ("Hanoi", "U.S.-North Korea", "Trump–Kim"); the
# bounds keep the search linear on hostile text (pages of capitalised words).
_NAME_WORD = r"(?:[A-Z][\w.'’]{0,40}(?:[-–][A-Z][\w.'’]{0,40}){0,3})"
_GAP = r"(?:[ \t]*\n[ \t]*|[ \t]+)"  # spaces, or one line break (never a paragraph break)
_NAME = rf"{_NAME_WORD}(?:{_GAP}{_NAME_WORD}){{0,4}}"
_NAME_SUMMIT = re.compile(rf"(?<![\w-])(?P<name>{_NAME}){_GAP}[Ss]ummit\b")
_SUMMIT_IN = re.compile(rf"\b[Ss]ummits?{_GAP}(?:in|at){_GAP}(?P<name>{_NAME})")
_POSSESSIVE = re.compile(r"['’]s$")


def _clean_name(name: str, rules: SummitRules) -> str | None:
    words = name.split()
    while words and (words[0] in rules.not_names or _POSSESSIVE.search(words[0])):
        words.pop(0)
    if not words or words[-1] in rules.not_names or _POSSESSIVE.search(words[-1]):
        return None
    return " ".join(words).rstrip(".") or None


def _name_key(name: str) -> str:
    """ "Trump-Kim" and "Kim–Trump" are one key: lower case, hyphenated parts sorted."""
    parts = [p.strip() for p in re.split(r"[-–]", name.lower()) if p.strip()]
    return "-".join(sorted(parts)) if len(parts) > 1 else " ".join(name.lower().split())


@dataclass
class _Mentions:
    counts: Counter[str]
    surfaces: dict[str, Counter[str]]
    listed: set[str]
    cued: bool

    def add(self, key: str, surface: str) -> None:
        self.counts[key] += 1
        self.surfaces.setdefault(key, Counter())[surface] += 1


def _lead_end(text: str) -> int:
    """Where the text's first `LEAD_WORDS` words end."""
    end = 0
    for word in islice(re.finditer(r"\S+", text), LEAD_WORDS):
        end = word.end()
    return end


def _mentions(items: Sequence[ArticleItem], rules: SummitRules) -> _Mentions:
    found = _Mentions(Counter(), {}, set(), cued=False)
    names: dict[str, str] = {}  # "<Name> summit" names (surface form -> key), first seen first
    for item in sorted(items, key=lambda i: (_utc(i.published), i.key)):
        lead_end = _lead_end(item.text)
        if rules.cue.search(item.title) or rules.cue.search(item.text, 0, lead_end):
            found.cued = True
        for part, end in ((item.title, len(item.title)), (item.text, lead_end)):
            for match in rules.alias.finditer(part):
                group = rules.groups[int(match.lastgroup.split("_")[0][1:])]
                found.add(group.key, group.label)
                found.listed.add(group.key)
                found.cued = found.cued or (group.kind == "meeting" and match.start() < end)
        for pattern in (_NAME_SUMMIT, _SUMMIT_IN):
            for match in pattern.finditer(item.text):
                name = _clean_name(match.group("name"), rules)
                if name is not None and rules.group_of(name) is None:
                    names.setdefault(name, _name_key(name))
    # A name read in "<Name> summit" counts wherever it appears, titles included: "Hanoi"
    # all through the texts, not only the one "Hanoi summit".
    for surface, key in names.items():
        pattern = re.compile(_whole(r"\s+".join(map(re.escape, surface.split()))))
        for item in items:
            for part in (item.title, item.text):
                for _ in pattern.finditer(part):
                    found.add(key, surface)
    return found


@dataclass(frozen=True)
class SummitKey:
    """A story's summit: the key grouping uses, a label to show, how it was found."""

    key: str
    label: str
    mentions: int
    listed: bool  # a group of `summits.json`, not a "<Name> summit"


def summit_key(items: Sequence[ArticleItem], rules: SummitRules | None = None) -> SummitKey | None:
    """The summit a story covers, or None (see the module docstring for the rule)."""
    rules = rules or load_summit_rules()
    found = _mentions(items, rules)
    if not found.counts or not found.cued:
        return None
    # Most mentions; ties go to a listed group, then to the first seen.
    key = next(iter(sorted(found.counts, key=lambda k: -found.counts[k])))
    if found.counts[key] < MIN_SUMMIT_MENTIONS:
        return None
    listed = key in found.listed
    surface = found.surfaces[key].most_common(1)[0][0]
    label = surface if listed else f"{surface} summit"
    return SummitKey(key, label, found.counts[key], listed)


def summit_of(items: Sequence[ArticleItem]) -> str | None:
    """The label of the summit a story covers ("G7", "NATO", "Hanoi summit"), or None."""
    found = summit_key(items)
    return found.label if found else None


@dataclass(frozen=True)
class SummitGroup:
    """Stories about one summit (`key` set) or one topic (`key` None), with a label."""

    label: str
    key: str | None
    story_ids: tuple[int, ...]
    first: datetime
    last: datetime


@dataclass
class _Open:
    label: str
    key: str | None
    listed: bool
    story_ids: list[int]
    centroids: list[sp.csr_matrix]
    first: datetime
    last: datetime


def _centroid(items: Sequence[ArticleItem]) -> sp.csr_matrix:
    """The l2-normalised mean of the articles' vectors (kept sparse)."""
    rows = sp.vstack([as_vector(i) for i in items], format="csr")
    return normalize(sp.csr_matrix(np.ones((1, rows.shape[0]), dtype=np.float32)) @ rows)


def _closest(groups: Sequence[_Open], centroid: sp.csr_matrix, threshold: float) -> _Open | None:
    best, score = None, threshold
    for group in groups:
        value = float(cosine(centroid, sp.vstack(group.centroids)).max())
        if value >= score:
            best, score = group, value
    return best


def group_summits(
    stories: Mapping[int, Sequence[ArticleItem]],
    *,
    window: timedelta = SUMMIT_WINDOW,
    threshold: float = TOPIC_THRESHOLD,
) -> list[SummitGroup]:
    """Group stories (story id → its articles) into summits and topics.

    Stories are taken in order of their first article. One joins, among the groups last
    seen within `window` of it: the group of the same summit key; else the group holding
    its most similar story (cosine of the stories' mean vectors ≥ `threshold`), but never
    a group of another listed summit when its own key is listed (G7 and EU summits in one
    week stay apart); else it opens a group, labelled with its summit or, for a topic, with
    its `story_title`. A topic group that a summit story joins takes the summit's label.
    """
    rules = load_summit_rules()
    order = sorted(
        (sid for sid, items in stories.items() if items),
        key=lambda sid: (min(_utc(i.published) for i in stories[sid]), sid),
    )
    groups: list[_Open] = []
    for sid in order:
        items = stories[sid]
        start = min(_utc(i.published) for i in items)
        end = max(_utc(i.published) for i in items)
        centroid = _centroid(items)
        found = summit_key(items, rules)
        live = [g for g in groups if start - g.last <= window]
        same = [g for g in live if found is not None and g.key == found.key]
        if found is not None and found.listed:
            live = [g for g in live if not g.listed]
        target = same[-1] if same else _closest(live, centroid, threshold)
        if target is None:
            target = _Open(story_title(items), None, False, [], [], start, end)
            groups.append(target)
        if found is not None and target.key is None:
            target.label, target.key, target.listed = found.label, found.key, found.listed
        target.story_ids.append(sid)
        target.centroids.append(centroid)
        target.first, target.last = min(target.first, start), max(target.last, end)
    return [SummitGroup(g.label, g.key, tuple(g.story_ids), g.first, g.last) for g in groups]
