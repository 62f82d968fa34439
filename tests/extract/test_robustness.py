"""The extractor never raises on a str: empty, unbalanced, huge, unpunctuated, foreign, garbage."""

from __future__ import annotations

import random

import pytest

GERMAN = (
    "Der Außenminister sagte am Freitag, dass die Gespräche mit der Regierung gescheitert seien "
    "und dass es in den nächsten Wochen keine weiteren Treffen geben werde, weil die Opposition "
    "nicht bereit sei, über die Vorschläge der Kommission zu verhandeln."
)


def test_empty_and_blank(blank_extractor):
    """Empty and whitespace-only texts give status "empty"."""
    assert blank_extractor.extract("").status == "empty"
    assert blank_extractor.extract(" \n\n\t ").status == "empty"


def test_german_is_not_english(blank_extractor):
    """German prose is skipped with status "not-english"."""
    assert blank_extractor.extract(GERMAN).status == "not-english"


def test_two_megabytes_are_chunked(blank_extractor):
    """A 2 MB text, including one 100 kB paragraph, is chunked within max_length and finishes."""
    para = "The minister said the talks had failed and that he would go home soon. "
    text = ("\n\n".join([para * 20] * 1400)) + "\n\n" + para * 1400
    assert len(text) > 2_000_000
    result = blank_extractor.extract(text)
    assert result.status == "ok"


def test_non_str_is_failed(blank_extractor):
    """A non-str input is reported as failed, not raised."""
    assert blank_extractor.extract(None).status == "failed"  # type: ignore[arg-type]


def test_extract_many_keeps_order(blank_extractor):
    """extract_many yields one result per text, in input order, skipped texts included."""
    texts = ["", GERMAN, "The minister said the talks had failed. " * 10, "  "]
    statuses = [r.status for r in blank_extractor.extract_many(texts)]
    assert statuses == ["empty", "not-english", "ok", "empty"]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        'He said "this is " odd " and "more.\n\n"Again and "again',
        "the minister said the talks failed and the president said nothing at all today " * 40,
        '"' * 500 + "’" * 300 + "‘" * 300,
        "".join(chr(random.Random(7).randrange(32, 0x3000)) for _ in range(3000)),
        "\x00\x01 said \ufffd “ ” ‘ ’ \n\n\n" * 50,
        "WASHINGTON (AP) — " * 100,
    ],
    ids=["unbalanced", "no-punctuation", "only-marks", "garbage", "control-chars", "datelines"],
)
def test_never_raises_with_the_model(extractor, text):
    """Odd inputs through the real model end in a status and valid offsets."""
    result = extractor.extract(text)
    assert result.status in ("ok", "empty", "not-english")
    for s in result.statements:
        assert text[s.start : s.end] == s.content


@pytest.mark.slow
def test_chunked_long_article_with_model(nlp):
    """With a small max_length a long article is chunked and statements keep exact offsets."""
    from extract import Extractor

    extractor = Extractor(nlp)
    extractor.chunk_chars = 1_000
    text = (
        "\n\n".join(
            f'"Round {i} went well," Ray Stone said. Ann Lee said round {i} was a failure.'
            for i in range(40)
        )
        + "\n\n"
        + "Ray Stone said the long paragraph was fine. " * 60
    )
    result = extractor.extract(text)
    assert result.status == "ok" and len(result.statements) >= 80
    assert all(text[s.start : s.end] == s.content for s in result.statements)
    assert {s.speaker for s in result.statements} == {"Ray Stone", "Ann Lee"}


@pytest.mark.slow
def test_extract_many_matches_extract(extractor):
    """extract_many returns the same results as extract, text by text."""
    texts = [
        "Ray Stone said the talks had collapsed in the capital city on Monday night.",
        '"We will win," Ann Lee said. "There is no doubt about it at all."',
    ]
    assert list(extractor.extract_many(texts, batch_size=1)) == [
        extractor.extract(t) for t in texts
    ]
