"""Statements said once: word sets, the same-statement rule, assign, renderings, the scorer."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from jobs.clusters import (
    MIN_SHARED,
    THRESHOLD,
    QuoteItem,
    assign,
    best_rendering,
    overlap,
    same_statement,
    speaker_key,
    speaker_keys,
    words,
)
from jobs.evaluate_clusters import PairScores, main, map_to_gold, pairwise

DAY = datetime(2031, 5, 14, 9, 30)

DIRECT = "We will not sign any grain deal while Solvaria keeps its tariffs on Ardenian wheat."
PARAPHRASE = "Ardenia would not sign a grain deal as long as Solvaria kept tariffs on its wheat"
OTHER = "The harbour talks will resume in Velmora next month with a new fisheries proposal."


def item(
    key: int,
    content: str,
    *,
    speaker: str = "ada brook",
    article: int | None = None,
    kind: str = "direct",
    days: float = 0,
) -> QuoteItem:
    return QuoteItem(
        key=key,
        speaker_key=speaker,
        content=content,
        kind=kind,
        said_at=DAY + timedelta(days=days),
        article_key=key if article is None else article,
    )


def test_words_drop_stop_words_clitics_and_case():
    """Content words are lower-cased, without stop words, clitics or reporting verbs."""
    assert words("Ada Brook's envoy said: 'We don't accept THE tariffs!'") == {
        "ada",
        "brook",
        "envoy",
        "accept",
        "tariffs",
    }
    assert words("It is what it is, and we'll see.") == frozenset()


def test_overlap_is_the_overlap_coefficient_with_a_minimum_of_shared_words():
    """Overlap is |A∩B| / min(|A|, |B|), and 0.0 when fewer than MIN_SHARED words are shared."""
    short = frozenset({"grain", "deal", "tariffs"})
    long = frozenset({"grain", "deal", "wheat", "solvaria", "sign", "ardenia"})
    assert overlap(short, long) == 2 / 3
    assert overlap(frozenset({"grain"}), frozenset({"grain", "deal"})) == 0.0
    assert MIN_SHARED == 2
    assert THRESHOLD == 0.5


def test_direct_quote_and_paraphrase_by_another_outlet_join():
    """A direct quote and another outlet's paraphrase of it, a day later, are one statement."""
    quote = item(1, DIRECT, article=10)
    paraphrase = item(2, PARAPHRASE, article=11, kind="indirect", days=1)
    assert same_statement(quote, paraphrase)
    assert assign([paraphrase], [(quote, 1)]) == [1]


def test_the_same_words_from_two_speakers_never_join():
    """The same words said by two different speakers are two statements."""
    ada = item(1, DIRECT, speaker="ada brook", article=10)
    ivo = item(2, DIRECT, speaker="ivo dant", article=11)
    assert not same_statement(ada, ivo)
    assert assign([ivo], [(ada, 1)]) == [None]


def test_same_speaker_different_statements_do_not_join():
    """One speaker's two different statements in two outlets stay apart."""
    first = item(1, DIRECT, article=10)
    second = item(2, OTHER, article=11)
    assert not same_statement(first, second)
    assert assign([second], [(first, 1)]) == [None]


def test_outside_the_window_does_not_join():
    """The same words reported more than the window apart are not the same statement."""
    early = item(1, DIRECT, article=10)
    late = item(2, DIRECT, article=11, days=4)
    assert not same_statement(early, late)
    assert same_statement(early, late, window=timedelta(days=5))
    assert assign([late], [(early, 1)]) == [None]
    assert assign([late], [(early, 1)], window=timedelta.max) == [1]


def test_two_statements_in_one_article_never_join_each_other():
    """Two statements of one article never join each other, however alike."""
    first = item(1, DIRECT, article=10)
    again = item(2, DIRECT, article=10)
    assert not same_statement(first, again)
    assert assign([first, again], []) == [None, None]
    assert assign([again], [(first, 1)]) == [None]


def test_two_short_fragments_sharing_one_word_do_not_join():
    """Short fragments that share a single content word do not join (minimum of shared words)."""
    first = item(1, "a very good meeting", article=10)
    second = item(2, "very good progress", article=11)
    assert not same_statement(first, second)


def test_assign_chains_within_one_call():
    """Items of one call join clusters started earlier in the same call, named by starting key."""
    a = item(7, DIRECT, article=10)
    b = item(8, PARAPHRASE, article=11, kind="indirect")
    c = item(9, OTHER, article=11)
    d = item(12, OTHER, article=12, kind="mixed")
    assert assign([a, b, c, d], []) == [None, 7, None, 9]


def test_assign_prefers_the_cluster_with_more_matching_statements():
    """When two clusters qualify, the one with more matching statements wins over the one
    holding the single closest statement."""
    lone = item(1, "Solvaria keeps its tariffs on Ardenian wheat, so no grain deal", article=10)
    pair_a = item(2, "no grain deal while Solvaria keeps tariffs", article=11)
    pair_b = item(
        3, "Solvaria keeps the wheat tariffs: no grain deal, Ada Brook warned", article=12
    )
    new = item(4, DIRECT, article=13)
    assert overlap(words(new.content), words(lone.content)) == 1.0
    assert len(words(new.content) & words(lone.content)) > len(
        words(new.content) & words(pair_a.content)
    )
    assert assign([new], [(lone, 1), (pair_a, 2), (pair_b, 2)]) == [2]
    assert assign([new], [(lone, 1), (pair_a, 2)]) == [1]


def test_assign_blocks_by_speaker_and_stays_correct_over_many_speakers():
    """Many speakers saying the same words each get their own clusters, joined correctly."""
    speakers = [f"speaker {n}" for n in range(200)]
    known = [
        (item(n, DIRECT, speaker=name, article=1000 + n), n) for n, name in enumerate(speakers)
    ]
    new = [
        item(10_000 + n, PARAPHRASE, speaker=name, article=5000 + n, kind="indirect")
        for n, name in enumerate(speakers)
    ]
    new.append(item(20_000, PARAPHRASE, speaker="nobody known", article=9000))
    assert assign(new, known) == [*range(200), None]


def test_assign_handles_empty_input():
    """No new items, no answers; no known items, every first statement starts a cluster."""
    assert assign([], [(item(1, DIRECT), 1)]) == []
    assert assign([item(1, DIRECT)], []) == [None]


def test_best_rendering_prefers_the_direct_quote():
    """A direct quote is shown before mixed and indirect ones, even when shorter."""
    direct = item(1, "No grain deal while the tariffs stay.", kind="direct", days=2)
    mixed = item(2, DIRECT + " She called it 'theft'.", kind="mixed")
    indirect = item(3, PARAPHRASE + " and more words here", kind="indirect")
    assert best_rendering([indirect, mixed, direct]) == direct
    assert best_rendering([indirect, mixed]) == mixed


def test_best_rendering_ties_go_to_the_longest_then_the_earliest():
    """Among quotes of one kind, the longest wins, then the earliest reported."""
    short = item(1, "No grain deal.", days=0)
    long_late = item(2, "No grain deal while the tariffs stay.", days=2)
    long_early = item(3, "No grain deal while the tariffs last.", days=1)
    assert best_rendering([short, long_late, long_early]) == long_early


def test_speaker_keys_fold_spellings_of_one_person():
    """Spellings of one name fold to the surname; a bare surname follows a clear majority."""
    keys = speaker_keys(["Ada Brook", "Ada J. Brook", "Brook", "Ivo Dant", "Mira Dant"] * 1)
    assert keys["Ada Brook"] == keys["Ada J. Brook"] == keys["Brook"] == "brook"
    assert keys["Ivo Dant"] != keys["Mira Dant"]
    assert keys["Ivo Dant"] == "ivo dant"
    majority = speaker_keys(["Ivo Dant"] * 5 + ["Mira Dant", "Dant"])
    assert majority["Dant"] == "ivo dant"
    assert speaker_key("Kel Orrin-Vale") == "kel orrin vale"
    assert speaker_keys(["Ada Brook and Ivo Dant", "Ivo Dant"])["Ada Brook and Ivo Dant"] == (
        "ada brook and ivo dant"
    )


def test_pairwise_scorer_on_a_hand_made_example():
    """Pairwise P/R/F1 count cross-article pairs only, against the gold clustering."""
    # items:        0    1    2    3    4
    articles = ["a", "b", "c", "a", "b"]
    gold = [1, 1, 1, 2, 2]  # cross-article gold pairs: 0-1, 0-2, 1-2, 3-4 -> 4
    predicted = [7, 7, 8, 7, 9]  # cross-article predicted pairs: 0-1, 1-3 -> 2 (0-3 same article)
    scores = pairwise(predicted, gold, articles)
    assert scores == PairScores(predicted=2, gold=4, both=1)
    assert scores.precision == 0.5
    assert scores.recall == 0.25
    assert abs(scores.f1 - 1 / 3) < 1e-12
    assert pairwise([], [], []).f1 == 0.0


def test_map_to_gold_needs_half_of_the_predicted_words():
    """A predicted span maps to the gold statement holding most of its words, if at least half."""
    text = "Ada Brook said the grain deal is dead. Ivo Dant said talks go on."
    dead = text.index("the grain")
    talks = text.index("talks")
    gold = [(0, _Gold(((dead, dead + 22),))), (1, _Gold(((talks, talks + 11),)))]
    assert map_to_gold(text, dead, dead + 22, gold) == 0
    assert map_to_gold(text, 0, dead + 22, gold) == 0  # 5 of its 8 words are inside
    assert map_to_gold(text, 0, dead + 9, gold) is None  # 2 of 5
    assert map_to_gold(text, talks - 5, len(text), gold) == 1


class _Gold:
    """The part of a gold statement that map_to_gold reads."""

    def __init__(self, spans: tuple[tuple[int, int], ...]) -> None:
        self.spans = spans


def test_evaluation_cli_scores_a_hand_made_gold_file(tmp_path, capsys):
    """Mode 1 on three invented articles: the quote and its paraphrase form the one gold pair."""
    quote = {"speaker": "Ada Brook", "speaker_type": "person", "direct": True, "mixed": False}
    articles = [
        ("2031-05-14", [{**quote, "content": DIRECT}, {**quote, "content": OTHER}]),
        ("2031-05-15", [{**quote, "content": PARAPHRASE, "direct": False}]),
        ("2031-05-30", [{**quote, "content": DIRECT}]),  # outside the window
    ]
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        "\n".join(
            json.dumps({"id": f"a{n}", "date": date, "publisher": "x", "text": "", "quotes": qs})
            for n, (date, qs) in enumerate(articles)
        )
    )
    assert main([str(gold)]) == 0
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if line.startswith("gold statements"))
    assert row.split()[4:10] == ["1", "1", "1", "1.000", "1.000", "1.000"]
