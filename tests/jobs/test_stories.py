"""Stories and summits: incremental story assignment, titles, summit labels, the scorer."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta

import pytest

from jobs.evaluate_stories import pairwise_scores
from jobs.stories import (
    RULES,
    STORY_THRESHOLD,
    STORY_WINDOW,
    TOP_FEATURES,
    ArticleItem,
    assign_story,
    group_summits,
    load_vector,
    similarity,
    story_title,
    story_vector,
    summit_key,
    summit_of,
)

T0 = datetime(2031, 5, 6, 9, 0, tzinfo=UTC)

PACT_A = ArticleItem(
    key=1,
    title="Brook and Dant sign water-sharing pact at Lakeside Summit",
    text="""Ardenian President Ada Brook and Solvarian Prime Minister Ivo Dant signed a
water-sharing pact on Tuesday at the Lakeside Summit in Port Elm, ending a decade-long dispute
over the Marrow River. The pact gives Solvaria a fixed share of the river's flow during the dry
season, while Ardenia keeps control of the upstream dams. Brook called the agreement a turning
point for the region. Dant said the Marrow River would now unite the two countries rather than
divide them. Farmers on both banks have waited years for a deal on the river's water.""",
    published=T0,
)

PACT_B = ArticleItem(
    key=2,
    title="Ardenia and Solvaria end Marrow River dispute with water pact",
    text="""The leaders of Ardenia and Solvaria signed a pact on Tuesday to share the water of
the Marrow River, settling a dispute that has soured relations for ten years. Ada Brook,
Ardenia's president, and Ivo Dant, Solvaria's prime minister, signed the water-sharing deal at
the Lakeside Summit in Port Elm. Under the pact, Solvaria receives a fixed share of the river's
flow in the dry season and Ardenia keeps its upstream dams. Dant told reporters the river would
unite the two countries.""",
    published=T0 + timedelta(hours=5),
)

TRAM = ArticleItem(
    key=3,
    title="Port Elm council approves new tram line",
    text="""The city council of Port Elm voted on Wednesday to build a new tram line linking
the harbour to the university district. The project will cost 40 million crowns and take three
years to complete, the council's transport committee said. Shopkeepers along the route worried
about months of roadworks, while students welcomed faster journeys to campus. Construction is
due to begin next spring after a public consultation on the route and the timetable.""",
    published=T0 + timedelta(days=1),
)


def _item(key: int, title: str, text: str, days: float = 0.0) -> ArticleItem:
    return ArticleItem(key, title, " ".join(text.split()), T0 + timedelta(days=days))


def test_two_outlets_reports_of_one_event_join_one_story():
    """A second outlet's report of the same event joins the first report's story."""
    assert similarity(PACT_A, PACT_B) >= STORY_THRESHOLD
    recent = [(story_vector(PACT_A), 7, PACT_A.published)]
    assert assign_story(PACT_B, recent) == 7


def test_an_unrelated_article_starts_a_new_story():
    """An article about something else, within the window, starts a new story."""
    assert similarity(PACT_A, TRAM) < STORY_THRESHOLD
    recent = [(story_vector(PACT_A), 7, PACT_A.published), (PACT_B, 7, PACT_B.published)]
    assert assign_story(TRAM, recent) is None


def test_an_article_outside_the_window_starts_a_new_story():
    """A report published outside the window, or with no recent article, starts a new story."""
    late = ArticleItem(9, PACT_B.title, PACT_B.text, PACT_A.published + STORY_WINDOW * 2)
    assert assign_story(late, [(story_vector(PACT_A), 7, PACT_A.published)]) is None
    assert assign_story(PACT_B, []) is None


def test_the_window_looks_both_ways_and_takes_naive_times_as_utc():
    """An article published shortly before a stored one still joins it; naive times are UTC."""
    earlier = ArticleItem(9, PACT_A.title, PACT_A.text, datetime(2031, 5, 6, 7, 0))
    assert assign_story(earlier, [(story_vector(PACT_B), 4, PACT_B.published)]) == 4


def test_the_most_similar_recent_article_decides_the_story():
    """With several candidate stories the article joins the one of its closest article."""
    recent = [(TRAM, 1, TRAM.published), (PACT_A, 2, PACT_A.published)]
    assert assign_story(PACT_B, recent) == 2


def test_story_vector_is_compact_bytes_that_load_back():
    """The stored vector is at most 1 + 6 × TOP_FEATURES bytes and scores like the article."""
    data = story_vector(PACT_A)
    assert isinstance(data, bytes) and len(data) <= 1 + 6 * TOP_FEATURES
    assert story_vector(PACT_A) == data  # stateless: the same bytes every time
    vector = load_vector(data)
    assert vector.shape[0] == 1
    assert similarity(data, PACT_B) == pytest.approx(similarity(PACT_A, PACT_B), abs=1e-6)
    with pytest.raises(ValueError):
        load_vector(b"\x02" + data[1:])


def test_story_title_is_the_title_of_the_most_central_article():
    """story_title names a story by its medoid article, not by an earlier off-angle one."""
    protest = _item(
        10,
        "Fishermen protest outside Lakeside Summit venue",
        """Several hundred fishermen marched outside the Port Elm conference centre on Tuesday
        with banners about catch quotas and fuel prices, as leaders met inside. Police closed
        the harbour road for the afternoon. The protest ended peacefully in the evening.""",
        days=-0.1,
    )
    core = _item(11, PACT_A.title, PACT_A.text)
    extended = _item(
        12,
        PACT_B.title,
        PACT_B.text
        + """ Separately, the Solvarian central bank left its interest rate unchanged and said
        inflation was expected to ease over the summer as energy prices fall.""",
        days=0.1,
    )
    assert story_title([protest, core, extended]) in {core.title, extended.title}
    assert story_title([protest, core, extended]) != protest.title
    assert story_title([extended, core]) == core.title  # two articles: the earliest
    assert story_title([_item(13, "  A   spaced\ttitle ", "Body.")]) == "A spaced title"
    assert story_title([_item(14, "", "Body.")]) == ""


def test_group_of_seven_story_has_the_g7_key():
    """A story that says "Group of Seven" and "G-7 summit" is labelled with the G7 key."""
    story = [
        _item(
            20,
            "Ardenia pushes tariff truce as Group of Seven leaders meet",
            """Leaders of the Group of Seven opened their summit in Port Elm on Friday. Ada
            Brook urged the other members to agree a tariff truce before the G-7 summit ends.""",
        ),
        _item(
            21,
            "Brook leaves G7 early",
            """Ada Brook left the G7 meeting a day early and refused to sign the communique,
            her spokesman Ivo Dant said.""",
            days=1,
        ),
    ]
    found = summit_key(story)
    assert found is not None and found.key == "G7" and found.listed
    assert summit_of(story) == "G7"


def test_a_named_summit_without_a_listed_group_gets_its_name():
    """A "<Name> summit" names a one-off summit; "Brook-Dant" and "Dant–Brook" are one key."""
    first = _item(
        30,
        "Leaders meet by the lake",
        """The Brook-Dant summit opened in Port Elm on Monday. Aides said the Brook-Dant
        talks would focus on the Marrow River.""",
    )
    second = _item(
        31,
        "Talks end with a river pact",
        """The Dant–Brook summit ended on Tuesday with a pact on the Marrow River. The
        Dant–Brook pact is the first since the summit in Port Elm was announced.""",
        days=1,
    )
    assert summit_key([first]).key == summit_key([second]).key == "brook-dant"
    assert summit_of([first, second]) == "Brook-Dant summit"


def test_an_organisation_named_often_without_a_summit_cue_gets_no_summit():
    """An opinion piece naming NATO many times but no summit in its title or lead has none."""
    comment = _item(
        40,
        "Ivo Dant's foreign policy is a gift to Solvaria's rivals",
        """Ivo Dant has promised to cut Ardenia's contribution to NATO. NATO members in the
        east are alarmed, and NATO planners say the alliance would struggle without Ardenian
        ships. Critics say NATO has kept the peace for decades."""
        + " Voters care more about prices." * 60
        + " Dant skipped the last NATO summit.",
    )
    assert summit_key([comment]) is None
    assert summit_of([comment]) is None


def test_group_summits_joins_one_summits_stories_and_keeps_others_apart():
    """G7 stories a day apart are one summit; an EU summit and a tram topic stay apart."""
    g7_day1 = _item(
        50,
        "Group of Seven summit opens in Port Elm",
        "Leaders of the G7 met in Port Elm. The G7 summit will discuss tariffs and fishing.",
    )
    g7_day2 = _item(
        51,
        "Brook quits G7 summit early",
        "Ada Brook left the G-7 summit early after a row with Ivo Dant over tariffs.",
        days=1,
    )
    eu = _item(
        52,
        "EU leaders gather for summit on energy",
        "European Union leaders met at an EU summit in Brussels to agree gas storage rules.",
        days=2,
    )
    tram = ArticleItem(53, TRAM.title, TRAM.text, T0 + timedelta(days=2))
    groups = group_summits({1: [g7_day1], 2: [g7_day2], 3: [eu], 4: [tram]})
    assert [(g.key, g.story_ids) for g in groups] == [("G7", (1, 2)), ("EU", (3,)), (None, (4,))]
    assert [g.label for g in groups] == ["G7", "EU", TRAM.title]


def test_a_story_naming_no_summit_joins_the_group_of_its_most_similar_story():
    """A similar story that names no summit joins a summit group; one past the window does not."""
    assert summit_of([PACT_A]) == "Lakeside summit"
    assert summit_of([PACT_B]) is None
    groups = group_summits({1: [PACT_A], 2: [PACT_B]})
    assert [(g.label, g.story_ids) for g in groups] == [("Lakeside summit", (1, 2))]
    late = ArticleItem(3, PACT_B.title, PACT_B.text, T0 + timedelta(days=30))
    assert [g.story_ids for g in group_summits({1: [PACT_A], 3: [late]})] == [(1,), (3,)]


def test_an_article_without_content_words_is_similar_to_nothing():
    """An empty or stop-word-only article has similarity 0 and starts its own story."""
    empty = _item(60, "", "")
    stop_words = _item(61, "The", "and the of it")
    assert similarity(empty, stop_words) == 0.0
    assert assign_story(empty, [(stop_words, 1, stop_words.published)]) is None
    assert summit_of([empty]) is None


def test_every_summit_alias_compiles_and_matches_its_example():
    """Every group in summits.json has a unique key, a kind, and aliases matching its examples."""
    data = json.loads(RULES.read_text(encoding="utf-8"))
    keys = [g["key"] for g in data["groups"]]
    assert len(keys) == len(set(keys))
    for group in data["groups"]:
        assert group["kind"] in {"meeting", "organisation"}
        pattern = re.compile("|".join(f"(?:{a})" for a in group["aliases"]))
        for example in group["examples"]:
            assert pattern.search(example), (group["key"], example)


def test_pairwise_scores_on_a_hand_made_clustering():
    """Pairwise P/R/F1 count article pairs that share a cluster in prediction and in gold."""
    gold = ["a", "a", "a", "b", "b"]  # gold pairs: 3 + 1 = 4
    predicted = [1, 1, 2, 2, 2]  # predicted pairs: 1 + 3 = 4, of which (0,1) and (3,4) are right
    scores = pairwise_scores(predicted, gold)
    assert (scores.true_pairs, scores.predicted_pairs, scores.correct_pairs) == (4, 4, 2)
    assert scores.precision == scores.recall == scores.f1 == 0.5
    singletons = pairwise_scores([1, 2, 3], ["x", "y", "z"])
    assert (singletons.precision, singletons.recall) == (1.0, 1.0)
    with pytest.raises(ValueError):
        pairwise_scores([1], ["a", "b"])
