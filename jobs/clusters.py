"""Statements said once: which extracted statements are the same statement.

Several outlets carry the same line (one as a direct quote, another as a paraphrase, a third
as a partial quote); the digest should show it once. Pure code: no database, no spaCy model.

The rule (`same_statement`), cheapest test first:

1. same speaker: equal `speaker_key` strings (`speaker_keys` folds spellings of one name:
   "Donald J. Trump", "Donald Trump" and a bare "Trump" that clearly means him);
2. different articles: two statements of one article are two things it reports;
3. reported within WINDOW (3 days) of each other: coverage of one remark runs a day or two;
   the same words a week later are a talking point said again;
4. content overlap at or above THRESHOLD (0.5) with at least MIN_SHARED (2) shared words,
   where overlap is the overlap coefficient |A∩B| / min(|A|, |B|) of the two `words` sets:
   lower-cased tokens with clitics folded ("don't" → "do", "Ardenia's" → "ardenia"),
   minus spaCy's English stop words, "said/told/Mr." and one-letter tokens, not stemmed.

Why the overlap coefficient: a paraphrase or a partial quote is mostly contained in the
fuller rendering, so it is measured against the smaller set; Jaccard and Dice punish the
length difference. Why two shared words: one shared word links any two short fragments
("very good", "a great guy"). Why 0.5: it is the best F1 in every measurement below, and the
same 50% rule the project's scorers use for matching sentences.

`assign` takes a speaker's recent statements with their clusters and decides, for each new
statement, the cluster it joins (the one with the most statements it is the same statement
as) or None. It never compares across speakers and never merges clusters.

Measured with `python -m jobs.evaluate_clusters` (see that module for the gold rule: same
speaker, ≥ 0.5 overlap coefficient of content words with ≥ 2 shared, within 3 days,
transitively closed; pairwise P/R/F1 over cross-article pairs):

==========================================  =======================  =======================
run (threshold 0.5, ≥ 2 shared words)        summitday-dev (13 art.)  PolNeAR train (840 art.)
==========================================  =======================  =======================
gold statements clustered (mode 1)           P 1.00 R 0.64 F1 0.78    P 1.00 R 0.70 F1 0.82
extracted statements (mode 2, --extract)     P 0.92 R 0.25 F1 0.40    P 0.76 R 0.44 F1 0.55
==========================================  =======================  =======================

Mode 1 uses the gold rule's own pair test, so its precision is 1 by construction; its
recall is what never merging costs against the transitive closure. Mode 2 is the real test.
Its F1 over thresholds (≥ 2 shared): 0.3 → 0.37 / 0.51, 0.4 → 0.39 / 0.53, 0.5 → 0.40 / 0.55,
0.6 → 0.31 / 0.54, 0.7 → 0.26 / 0.52 (summitday / train); at 0.5 with ≥ 1 shared word
0.29 / 0.43, with ≥ 3 0.23 / 0.50. Jaccard at its best threshold (0.2) gives 0.36 / 0.54 and
Dice (0.3) 0.37 / 0.54. Light stemming added no recall and cost precision (train P 0.75 →
0.69); more stop words ("know", "want", "think", "going"…) lowered summitday F1 (0.39 →
0.36). Choosing the
cluster with the most matching statements rather than the single closest one raised mode-1
F1 from 0.74 to 0.78 (summitday).

Where the misses are: in mode 2 most lost pairs are gold statements the extractor cuts
differently (one gold statement of three sentences becomes three statements, each sharing
too little with another outlet's rendering) or attributes to another speaker; of the 47
train pairs counted as false, 19 are the same statement by a reading (paraphrases the gold
rule misses: "barring all foreign Muslims…" and "a temporary ban on Muslims…"), and most of
the rest are sentences of one speech chained through a statement that overlaps both.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

WINDOW = timedelta(days=3)
THRESHOLD = 0.5
MIN_SHARED = 2
SURNAME_MAJORITY = 2 / 3
WORDS_CACHE = 1 << 15  # statements whose word sets stay cached (a speaker's recent ones)

KIND_RANK = {"direct": 0, "mixed": 1, "indirect": 2}

# Clitics after an apostrophe: "justin's" is "justin", "don't" is "do", "we'll" is "we".
_CLITICS = frozenset({"s", "t", "ll", "re", "ve", "d", "m"})
# Words a report wraps around any statement, beyond spaCy's English stop words.
_EXTRA_STOP = frozenset("said says saying told tell tells telling mr mrs ms dr wo".split())
STOP = frozenset(w for w in STOP_WORDS if w.isalpha()) | _EXTRA_STOP
_TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})


@dataclass(frozen=True, slots=True)
class QuoteItem:
    """One stored statement as clustering sees it.

    `speaker_key` is the normalised speaker identity (equal strings = same speaker, see
    `speaker_key`); `kind` is "direct", "mixed" or "indirect"; `said_at` is when it was
    reported (the article's date); `article_key` identifies the article that carried it.
    """

    key: int
    speaker_key: str
    content: str
    kind: str
    said_at: datetime
    article_key: int


def tokens(content: str) -> list[str]:
    """Lower-cased word tokens, clitics folded ("don't" is "do", "Ardenia's" is "ardenia").

    >>> tokens("Ardenia’s envoy didn't sign the U.S. plan")
    ['ardenia', 'envoy', 'did', 'sign', 'the', 'u', 's', 'plan']
    """
    out: list[str] = []
    text = unicodedata.normalize("NFKC", content).translate(_APOSTROPHES).casefold()
    for token in _TOKEN.findall(text):
        head, _, tail = token.partition("'")
        if tail in _CLITICS:
            token = head[:-1] if tail == "t" and head.endswith("n") else head
        else:
            token = token.replace("'", "")
        out.append(token)
    return out


@lru_cache(maxsize=WORDS_CACHE)
def words(content: str) -> frozenset[str]:
    """The content words of a statement: `tokens` minus stop words and one-letter tokens.

    >>> sorted(words("We're NOT lifting the tariffs, Ardenia's minister said."))
    ['ardenia', 'lifting', 'minister', 'tariffs']
    """
    return frozenset(
        token
        for token in tokens(content)
        if token not in STOP and (len(token) > 1 or token.isdigit())
    )


def _score(shared: int, a: int, b: int, min_shared: int) -> float:
    """Overlap coefficient of two word sets from their sizes and the shared count."""
    if shared < min_shared or not shared:
        return 0.0
    return shared / min(a, b)


def overlap(a: frozenset[str], b: frozenset[str], *, min_shared: int = MIN_SHARED) -> float:
    """Overlap coefficient |A∩B| / min(|A|, |B|) of two word sets (see `words`).

    0.0 when they share fewer than `min_shared` words (or none).

    >>> overlap(words("Ardenia will cut the grain tariffs"), words("a cut in grain tariffs"))
    1.0
    """
    return _score(len(a & b), len(a), len(b), min_shared)


def same_statement(
    a: QuoteItem,
    b: QuoteItem,
    *,
    window: timedelta = WINDOW,
    threshold: float = THRESHOLD,
    min_shared: int = MIN_SHARED,
) -> bool:
    """True when `a` and `b` are one statement reported twice.

    Same speaker, different articles, reported within `window` of each other, and content
    overlap (`overlap` of their `words`) at or above `threshold`.
    """
    return (
        a.speaker_key == b.speaker_key
        and a.article_key != b.article_key
        and abs(a.said_at - b.said_at) <= window
        and overlap(words(a.content), words(b.content), min_shared=min_shared) >= threshold
    )


def assign(
    new: Sequence[QuoteItem],
    known: Sequence[tuple[QuoteItem, int]],
    *,
    window: timedelta = WINDOW,
    threshold: float = THRESHOLD,
    min_shared: int = MIN_SHARED,
) -> list[int | None]:
    """The cluster each item of `new` joins, or None when it starts a cluster of its own.

    `known` holds statements already clustered, each with its cluster id. Items of `new`
    are taken in order and each may also join an earlier item of `new`: a cluster started in
    this call is named by the key of the item that started it (so callers that use "a
    cluster's id is its first statement's key" can store the answer as it is). When several
    clusters qualify, the one with the most statements that the item is the same statement
    as wins (ties: the best single overlap). Clusters are never merged. A statement never
    joins through one of its own article's statements, though it may join a cluster that
    holds one (an article that gives a line twice, as a paraphrase and as a quote).

    Cost: `known` is blocked by speaker first (other speakers' statements, and statements
    outside the window of every new item of their speaker, are skipped untokenised); within a
    block, an inverted index over just the words the new items use finds the candidates, so
    a call costs one pass over the speaker's recent statements plus the postings of the new
    items' words, never a comparison across speakers. `words` is cached, so statements
    passed as `known` again and again are tokenised once. `window`, `threshold` and
    `min_shared` are those of `same_statement`, which every join satisfies.
    """
    bags = [words(item.content) for item in new]
    blocks: dict[str, _Block] = {}
    for item, bag in zip(new, bags, strict=True):
        block = blocks.get(item.speaker_key)
        earliest, latest = _shift(item.said_at, window, -1), _shift(item.said_at, window, 1)
        if block is None:
            blocks[item.speaker_key] = _Block(set(bag), earliest, latest)
        else:
            block.vocabulary.update(bag)
            block.earliest = min(block.earliest, earliest)
            block.latest = max(block.latest, latest)
    for item, cluster in known:
        block = blocks.get(item.speaker_key)
        if block is None or not block.earliest <= item.said_at <= block.latest:
            continue  # another speaker, or too long before or after: never compared
        bag = words(item.content)
        looked_up = block.vocabulary.intersection(bag)
        if len(looked_up) >= min_shared:  # else no new item can share enough words with it
            block.add(item, cluster, len(bag), looked_up)
    result: list[int | None] = []
    for item, bag in zip(new, bags, strict=True):
        block = blocks[item.speaker_key]
        cluster = block.best(item, bag, window, threshold, min_shared)
        result.append(cluster)
        block.add(item, item.key if cluster is None else cluster, len(bag), bag)
    return result


def _shift(moment: datetime, window: timedelta, sign: int) -> datetime:
    """`moment ± window`, held at the calendar's ends (a window of timedelta.max is fine)."""
    try:
        return moment + window if sign > 0 else moment - window
    except OverflowError:
        return (datetime.max if sign > 0 else datetime.min).replace(tzinfo=moment.tzinfo)


class _Block:
    """One speaker's statements, indexed by the content words that this call looks up."""

    __slots__ = ("clusters", "earliest", "index", "items", "latest", "sizes", "vocabulary")

    def __init__(self, vocabulary: set[str], earliest: datetime, latest: datetime) -> None:
        self.vocabulary = vocabulary  # every word of this speaker's new items
        self.earliest = earliest  # the window around them
        self.latest = latest
        self.items: list[QuoteItem] = []
        self.clusters: list[int] = []
        self.sizes: list[int] = []
        self.index: defaultdict[str, list[int]] = defaultdict(list)

    def add(self, item: QuoteItem, cluster: int, size: int, indexed: Iterable[str]) -> None:
        """Store a statement of `size` content words, indexed under the words `indexed`."""
        position = len(self.items)
        self.items.append(item)
        self.clusters.append(cluster)
        self.sizes.append(size)
        for word in indexed:
            self.index[word].append(position)

    def best(
        self,
        item: QuoteItem,
        bag: frozenset[str],
        window: timedelta,
        threshold: float,
        min_shared: int,
    ) -> int | None:
        """The cluster with the most statements that `item` is the same statement as (ties: the
        best single overlap, more shared words, earlier reported, earlier stored)."""
        shared: Counter[int] = Counter()
        for word in bag:
            shared.update(self.index.get(word, ()))
        votes: Counter[int] = Counter()
        ranks: dict[int, tuple[float, int, float, int]] = {}
        for position, count in shared.items():
            if count < min_shared:
                continue  # most candidates share one common word: skip them cheaply
            other = self.items[position]
            score = _score(count, len(bag), self.sizes[position], min_shared)
            if (
                not score
                or score < threshold
                or other.article_key == item.article_key
                or abs(other.said_at - item.said_at) > window
            ):
                continue
            cluster = self.clusters[position]
            votes[cluster] += 1
            rank = (score, count, -other.said_at.timestamp(), -position)
            if cluster not in ranks or rank > ranks[cluster]:
                ranks[cluster] = rank
        return max(votes, key=lambda c: (votes[c], ranks[c]), default=None)


def speaker_key(name: str) -> str:
    """One spelling per speaker name: NFKC, lower case, hyphens and dots out, initials out.

    >>> speaker_key("Ivo J. Dant-Brook")
    'ivo dant brook'
    """
    text = unicodedata.normalize("NFKC", name).translate(_APOSTROPHES).casefold()
    text = text.replace("&", " and ")
    tokens = re.sub(r"[^\w']+", " ", text.replace(".", " ")).split()
    kept = [t for i, t in enumerate(tokens) if len(t) > 1 or i in (0, len(tokens) - 1)]
    return " ".join(kept)


def speaker_keys(names: Iterable[str]) -> dict[str, str]:
    """A key per name, folding the spellings of one person together over a set of names.

    `names` are the speaker names of the statements being clustered (repeats count). Names
    are first normalised by `speaker_key`. Full names that end in the same surname agree when
    one is the other's tail ("fogh rasmussen", "anders fogh rasmussen") or both start with the
    same word ("donald trump", "donald j trump"): when all of them agree, every spelling,
    the bare surname included, is keyed by the surname. When they do not ("donald trump",
    "melania trump"), each agreeing group is keyed by its most frequent full name, and a bare
    surname goes to the group that holds at least SURNAME_MAJORITY of the full-name
    statements, or stays on its own.
    """
    counts = Counter(names)
    normal = {name: speaker_key(name) for name in counts}
    weight: Counter[str] = Counter()
    for name, count in counts.items():
        weight[normal[name]] += count
    by_surname: defaultdict[str, list[str]] = defaultdict(list)
    for key in weight:
        if " " in key and not STOP.intersection(key.split()):
            by_surname[key.rsplit(" ", 1)[1]].append(key)
    folded: dict[str, str] = {}
    for surname, full in by_surname.items():
        groups: list[list[str]] = []
        for key in sorted(full, key=lambda k: -weight[k]):
            group = next((g for g in groups if all(_agree(key, other) for other in g)), None)
            if group is None:
                groups.append([key])
            else:
                group.append(key)
        if len(groups) == 1:
            for key in full:
                folded[key] = surname
            folded[surname] = surname
            continue
        totals = [sum(weight[k] for k in g) for g in groups]
        for group in groups:
            for key in group:
                folded[key] = group[0]
        top = max(range(len(groups)), key=totals.__getitem__)
        if surname in weight and totals[top] >= SURNAME_MAJORITY * sum(totals):
            folded[surname] = groups[top][0]
    return {name: folded.get(key, key) for name, key in normal.items()}


def _agree(a: str, b: str) -> bool:
    """Two full names with one surname name the same person (one is the other's tail, or
    they share the first name)."""
    x, y = a.split(), b.split()
    short, long = (x, y) if len(x) <= len(y) else (y, x)
    return long[-len(short) :] == short or x[0] == y[0]


def rendering_key(kind: str, content: str) -> tuple[int, int]:
    """How well a statement reads, best first: direct before mixed before indirect, then the
    longest content."""
    return KIND_RANK.get(kind, 3), -len(content)


def best_rendering(items: Iterable[QuoteItem]) -> QuoteItem:
    """The statement to show for a cluster: the best `rendering_key`, then the earliest
    reported. Raises ValueError on no items."""
    ranked = sorted(items, key=lambda i: (*rendering_key(i.kind, i.content), i.said_at))
    if not ranked:
        raise ValueError("best_rendering needs at least one item")
    return ranked[0]
