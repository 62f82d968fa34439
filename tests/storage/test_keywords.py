"""Keyword filters: the pure parser and matcher, then a digest filtered on a real database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlmodel import Session

from bot.render_brief import counts_line
from extract.model import Dispute, Statement
from jobs.brief import read_brief
from storage.articles import ArticleRecord, store_article
from storage.brief import Reading
from storage.keywords import (
    MAX_TERM,
    MAX_TERMS,
    KeywordFilter,
    as_filter,
    filter_from_keywords,
    parse_filter,
)


def keeps(query: str, *texts: str | None) -> bool:
    return parse_filter(query).matches(*texts)


# ------------------------------------------------------------------ whole words


def test_us_does_not_match_inside_russia_or_discuss():
    """A term is a whole word: "US" is not found in "Russia" or "discuss", in any case."""
    assert not keeps("US", "Russia warned Kyiv", "ministers will discuss grain")
    assert keeps("US", "US envoy lands in Manila")
    assert not keeps("us", "Russia", "discussions")


def test_acronym_in_capitals_finds_dotted_spelling_not_the_pronoun():
    """Typed in capitals, "US" finds "U.S." and "US" but not the pronoun "us"."""
    assert keeps("US", "the U.S. delegation left early")
    assert keeps("US", "a U.S.-brokered truce")
    assert not keeps("US", "they told us nothing")
    assert not keeps("US", "the U.S.A. pavilion")
    assert keeps("us", "they told us nothing")


def test_un_in_capitals_is_not_the_end_of_jong_un():
    """Typed in capitals, "UN" finds the U.N. and a UN-backed force, not Kim Jong-un's name."""
    assert keeps("UN", "a UN-backed force")
    assert keeps("UN", "the U.N. envoy")
    assert not keeps("UN", "Kim Jong-un inspected a factory")


def test_nato_in_capitals_finds_the_british_spelling():
    """An acronym matches "Nato" and "NATO" alike; only all-lower-case text is left out."""
    assert keeps("NATO", "Nato allies met in Vilnius")
    assert keeps("NATO", "N.A.T.O. allies")


def test_g7_matches_its_possessive_but_not_g77():
    """The term "G7" matches "G7's" (the apostrophe ends the word) and not the G77 group."""
    assert keeps("G7", "the G7's statement on Kyiv")
    assert not keeps("G7", "the G77 bloc of developing nations")


def test_dotted_abbreviation_matches_with_or_without_dots():
    """Typed with dots, "U.K." finds "UK", "U.K" and "U.K."."""
    assert all(keeps("U.K.", t) for t in ("UK trade", "U.K trade", "the U.K."))
    assert not keeps("U.K.", "Ukraine")


def test_hyphenated_name_matches_with_a_space_or_another_dash():
    """The name "Kim Jong-un" finds "Kim Jong Un", a non-breaking hyphen, and itself."""
    for text in ("Kim Jong Un said", "Kim Jong\u2011un's visit", "KIM JONG-UN"):
        assert keeps("Kim Jong-un", text), text
    assert not keeps("Kim Jong-un", "Kim Jong-chol")


def test_a_word_inside_a_hyphenated_compound_matches():
    """A part of a compound is a word: "China" is in "EU-China"; "Korea" is not in "Koreas"."""
    assert keeps("China", "the EU-China summit")
    assert not keeps("Korea", "the two Koreas")


def test_unicode_letters_are_parts_of_words():
    """Accented and non-Latin letters count as word letters; case folds across scripts."""
    assert keeps("Çavuşoğlu", "ÇAVUŞOĞLU'S remarks")
    assert not keeps("Mélenchon", "les Mélenchonistes")
    assert keeps("Лавров", "Сергей Лавров заявил")
    assert not keeps("Лавров", "Лаврова")
    assert keeps("straße", "die STRASSE")


def test_scripts_without_spaces_match_inside_a_run_of_letters():
    """A Chinese name matches inside a sentence that has no spaces."""
    assert keeps("王毅", "外交部长王毅表示")


def test_invisible_characters_in_the_text_do_not_split_words():
    """A soft hyphen or zero-width joiner inside a scraped word does not hide it."""
    assert keeps("Lavrov", "Lav\u00adrov said")
    assert keeps("Lavrov", "Lav\u200drov said")


def test_apostrophes_match_either_kind():
    """A straight apostrophe in a term finds a curly one."""
    assert keeps("O'Brien", "Mr O’Brien said")


# ------------------------------------------------------------------ phrases, OR, exclusions


def test_phrase_matches_across_any_whitespace():
    """A quoted phrase finds its words separated by line breaks and double spaces."""
    assert keeps('"North Korea"', "talks with North\n  Korea resumed")
    assert keeps("“North Korea”", "north korea")


def test_phrase_needs_its_words_together_and_within_one_text():
    """A phrase does not match its words apart, nor one word in the title and one in the text."""
    assert not keeps('"North Korea"', "Korea said the north was calm")
    assert not keeps('"North Korea"', "North", "Korea")


def test_spaced_terms_must_all_appear_anywhere():
    """Spaced words must all appear, in any order and in any of the texts."""
    assert keeps("Lavrov Blinken", "Blinken spoke", "Lavrov meets counterpart")
    assert not keeps("Lavrov Blinken", "Lavrov spoke alone")


def test_or_comma_semicolon_and_bar_separate_alternatives():
    """OR, commas, semicolons and bars each make alternatives; any one suffices."""
    for query in ("Lavrov OR Blinken", "Lavrov, Blinken", "Lavrov;Blinken", "Lavrov | Blinken"):
        f = parse_filter(query)
        assert f.alternatives == (("Lavrov",), ("Blinken",)), query
        assert f.matches("Blinken said") and f.matches("Lavrov said")
        assert not f.matches("Wang Yi said")


def test_spaces_bind_tighter_than_or():
    """Spaced terms group before OR: "Kim summit OR Lavrov" is (Kim and summit) or Lavrov."""
    f = parse_filter("Kim summit OR Lavrov")
    assert f.alternatives == (("Kim", "summit"), ("Lavrov",))
    assert f.matches("Lavrov said") and f.matches("Kim at the summit")
    assert not f.matches("Kim said")


def test_lower_case_or_is_a_word_and_capital_and_changes_nothing():
    """Only OR in capitals is an operator; AND in capitals is allowed and ignored."""
    assert parse_filter("war or peace").alternatives == (("war", "or", "peace"),)
    assert parse_filter("Lavrov AND Blinken") == parse_filter("Lavrov Blinken")


def test_exclusions_remove_whatever_alternative_matched():
    """An excluded word drops the item even when another alternative matched."""
    f = parse_filter('Lavrov OR Blinken -sanctions -"grain deal"')
    assert f.matches("Blinken on the talks")
    assert not f.matches("Blinken on sanctions")
    assert not f.matches("Lavrov on the Grain  Deal")
    assert not f.matches("Lavrov on the talks", "Sanctions bite")  # the title counts too


def test_exclusion_only_filter_keeps_everything_else():
    """A filter of just "-sanctions" keeps every item that does not mention sanctions."""
    f = parse_filter("-sanctions")
    assert f.alternatives == () and not f.empty
    assert f.matches("talks were candid")
    assert not f.matches("new sanctions")


def test_empty_filter_keeps_everything():
    """No terms at all is the empty filter, which matches anything (and no text at all)."""
    f = parse_filter("   ")
    assert f.empty and f == KeywordFilter()
    assert f.matches("anything") and f.matches() and f.matches(None)


def test_texts_that_are_none_are_skipped():
    """A missing title or target (None) is just not searched."""
    assert keeps("Lavrov", None, "Lavrov said", None)
    assert not keeps("Lavrov", None, None)


# ------------------------------------------------------------------ canonical text


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("Lavrov,  Blinken", "Lavrov OR Blinken"),
        ("“North Korea” –sanctions", '"North Korea" -sanctions'),
        ('-"grain deal" Lavrov', 'Lavrov -"grain deal"'),
        ("(Lavrov), #G20, U.S.)", "Lavrov OR G20 OR U.S."),
        ('"OR" AND war', '"OR" war'),
        ("Lavrov Lavrov OR Lavrov", "Lavrov"),
    ],
)
def test_str_gives_the_canonical_syntax(typed, canonical):
    """`str()` writes a filter back in one spelling, which parses to the same filter."""
    f = parse_filter(typed)
    assert str(f) == canonical
    assert parse_filter(canonical) == f


# ------------------------------------------------------------------ stored lists


def test_stored_keyword_lists_keep_working():
    """A list stored before the syntax ("Lavrov,North Korea") reads as alternatives, and a
    summit name stored as its own keyword needs all its words, not any of them."""
    f = filter_from_keywords(("Lavrov", "North Korea"))
    assert f == parse_filter("Lavrov,North Korea") == parse_filter("Lavrov OR North Korea")
    assert f.matches("North Korea fired a missile") and f.matches("Lavrov said")
    summit = filter_from_keywords(("ASEAN Regional Forum",))
    assert summit.matches("the ASEAN Regional Forum opened")
    assert not summit.matches("a regional forum on water")


def test_an_unclosed_quote_stays_inside_its_stored_item():
    """`/digest subscribe` strips the quotes at each item's ends; the filter still reads
    `North Korea" -sanctions` as North Korea without sanctions, and one item's broken quote
    does not swallow the next item."""
    f = filter_from_keywords(('North Korea" -sanctions', 'Seoul -"free trade', "Lavrov"))
    assert str(f) == 'North Korea OR Seoul OR Lavrov -sanctions -"free trade"'


# ------------------------------------------------------------------ garbage input


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("", ""),
        ('"', ""),
        ("-", ""),
        ("- - OR OR ,,;|", ""),
        ('"unbalanced phrase', '"unbalanced phrase"'),
        ('Lavrov "', "Lavrov"),
        ('-"', ""),
        ("--sanctions", "-sanctions"),
        ("Lav\x00rov\tBlinken\x1b", "Lav rov Blinken"),
        ("\u202eLavrov\u200b", "Lavrov"),
        ("\ud800Lavrov", "Lavrov"),
        ("ＬＡＶＲＯＶ", "LAVROV"),
        ("!!! ??? ...", ""),
    ],
)
def test_garbage_input_gives_a_sensible_filter(typed, canonical):
    """Unbalanced quotes, lone dashes and ORs, control and invisible characters never raise."""
    assert str(parse_filter(typed)) == canonical


def test_very_long_input_is_capped():
    """A megabyte of words parses quickly into at most MAX_TERMS terms of MAX_TERM characters."""
    f = parse_filter(" ".join(f"word{i}" for i in range(200_000)))
    assert sum(map(len, f.alternatives)) + len(f.exclusions) <= MAX_TERMS
    long = parse_filter("x" * 10_000)
    assert len(long.alternatives[0][0]) == MAX_TERM


@given(st.text(max_size=300))
def test_any_text_parses_matches_and_renders_back(text):
    """Whatever is typed: parsing never raises, matching never raises, and the canonical
    text parses to the same filter."""
    f = parse_filter(text)
    f.matches(text, text.upper(), None)
    assert parse_filter(str(f)) == f


_FILTERS = [
    'Lavrov OR "North Korea" -sanctions',
    "US",
    "U.S. summit",
    "Kim Jong-un, UN",
    "-talks",
    "G7 OR 北京",
    "straße",
    "don't",
]
_WORDS = [
    "Lavrov",
    "north",
    "Korea",
    "North-Korea",
    "US",
    "us",
    "U.S.",
    "Russia",
    "discuss",
    "sanctions",
    "talks",
    "summit",
    "Kim",
    "Jong",
    "un",
    "Un",
    "UN",
    "G7's",
    "北京会谈",
    "STRASSE",
    "ﬁnal",
    "ＵＳ",
    "don’t",
    "\u00ad",
    "\n",
    "\x00",
    ".",
    "-",
]


@given(
    st.sampled_from(_FILTERS) | st.text(max_size=30),
    st.lists(
        st.tuples(*[st.none() | st.lists(st.sampled_from(_WORDS), max_size=6).map(" ".join)] * 3),
        max_size=8,
    ),
)
def test_many_rows_at_once_match_as_each_row_alone(query, rows):
    """Filtering many rows at once keeps exactly the rows that `matches` keeps one by one."""
    f = parse_filter(query)
    columns = list(zip(*rows, strict=True)) or [(), (), ()]
    assert f.matches_each(*columns) == [f.matches(*row) for row in rows]


# ------------------------------------------------------------------ through the digest

NOW = datetime(2024, 5, 20, 8, 0, tzinfo=UTC)


def store(session: Session, url: str, title: str, text: str, said=(), disputes=()) -> None:
    statements = []
    for speaker, content in said:
        start = text.index(content)
        statements.append(
            Statement(
                speaker=speaker,
                content=content,
                cue="said",
                kind="indirect",
                start=start,
                end=start + len(content),
            )
        )
    store_article(
        session=session,
        article=ArticleRecord(
            canonical_url=url,
            source=url,
            content_hash=url,
            status="ok",
            text=text,
            title=title,
            outlet="Example News",
        ),
        statements=statements,
        disputes=disputes,
        extractor_version="v1",
        now=NOW,
    )
    session.commit()


@pytest.fixture
def news(engine):
    """Three articles read in the same window: a Russia story with a dispute, a tariff
    story quoting the U.S., and a headline about a US envoy with no statements."""
    russia = "Lavrov said the war would go on. Blinken said talks were candid."
    tariffs = "Wang Yi said the U.S. must lift its tariffs on solar panels."
    with Session(engine) as session:
        store(
            session,
            "https://news.example/russia",
            "Russia and ASEAN discuss the war",
            russia,
            said=[
                ("Sergei Lavrov", "the war would go on"),
                ("Antony Blinken", "talks were candid"),
            ],
            disputes=[
                Dispute(
                    actor="Sergei Lavrov",
                    cue="rejected",
                    cue_class="reject",
                    evidence="Lavrov rejected a call by Josep Borrell for a ceasefire.",
                    start=0,
                    end=len(russia),
                    target="Josep Borrell",
                )
            ],
        )
        store(
            session,
            "https://news.example/tariffs",
            "Tariff talks in Jakarta",
            tariffs,
            said=[("Wang Yi", "the U.S. must lift its tariffs on solar panels")],
        )
        store(
            session,
            "https://news.example/envoy",
            "US envoy arrives in Manila",
            "The envoy arrived on Sunday for two days of meetings with officials.",
        )
    return engine


def digest(engine, keywords):
    """The brief of the window with `keywords` as a channel's filter."""
    wanted = as_filter(keywords)
    since = NOW - timedelta(hours=1)
    with Session(engine) as session:
        return read_brief(session=session, reading=Reading(since, NOW), keywords=wanted)


def speakers(brief) -> list[str]:
    stories = [s for m in brief.summits for s in (*m.stories, *m.more_stories)]
    return sorted({i.speaker for s in stories for i in (*s.statements, *s.more_statements)})


def test_digest_counts_line_follows_the_filter(news):
    """The filter "US" keeps the tariff statement (it says "U.S.") but not what only says
    "Russia" or "discuss"; the counts line counts only what the filter kept."""
    everything = digest(news, ())
    assert counts_line(everything) == "2 articles · 2 stories · 3 statements · 1 dispute"

    us = digest(news, ("US",))
    assert speakers(us) == ["Wang Yi"]
    assert us.dispute_count == 0
    assert counts_line(us) == "1 article · 1 story · 1 statement · 0 disputes"


def test_digest_counts_articles_kept_for_a_dispute_or_excluded_by_title(news):
    """An article counts when a dispute it holds matches; an excluded word in the title drops
    the article's statements, its dispute and its count."""
    borrell = digest(news, ("Borrell",))
    assert (speakers(borrell), borrell.dispute_count, borrell.articles) == ([], 1, 1)

    lavrov_no_war = digest(news, parse_filter("Lavrov OR tariffs -war"))
    assert speakers(lavrov_no_war) == ["Wang Yi"]
    assert counts_line(lavrov_no_war) == "1 article · 1 story · 1 statement · 0 disputes"


def test_digest_takes_the_filter_text_or_the_stored_list(news):
    """The stored list, the filter text and a parsed filter give the same brief."""
    stored = digest(news, ("Blinken", "tariffs"))
    assert stored == digest(news, "Blinken OR tariffs")
    assert stored == digest(news, parse_filter("Blinken, tariffs"))
    assert speakers(stored) == ["Antony Blinken", "Wang Yi"]
    assert stored.articles == 2


def test_terms_may_sit_in_different_texts_but_a_phrase_stays_within_one():
    """Words of an all-of group may be in the statement, speaker or headline; a phrase or an
    acronym never spans two of them."""
    f = parse_filter('Lavrov Jakarta OR "North Korea"')
    assert f.matches("talks in Jakarta", "Sergei Lavrov")
    assert not f.matches("troops moved north", "Korea Herald")
    assert not parse_filter("US").matches("the plan of U", "S officials")
