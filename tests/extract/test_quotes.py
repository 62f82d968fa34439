"""The quote-mark layer: pairing, apostrophes, multi-paragraph quotes, never raising."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from extract.quotes import find_quotations, normalise, paragraphs


def spans(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quotations(text)]


def test_curly_and_straight_pairs():
    """Curly and straight double quotes pair by direction."""
    text = '“One two,” he said. She said "three four."'
    assert spans(text) == ["“One two,”", '"three four."']


def test_apostrophes_are_not_quotes():
    """Apostrophes in didn’t/Russia’s never open or close a quotation."""
    assert spans("He didn’t say it was Russia’s plan, and the ministers’ talks went on.") == []


def test_single_quotes_as_quotation_marks():
    """British-style ‘single’ quotes are found when they cannot be apostrophes."""
    assert spans("He called it ‘a special operation’ on Monday.") == ["‘a special operation’"]


def test_two_apostrophes_are_a_double_quote_mark():
    """''Archive style'' quotes pair like double quotes, with their text inside."""
    text = "''This isn't reform,'' said Ann Lee. ''It's tinkering.''"
    quotations = find_quotations(text)
    assert [text[q.inner[0] : q.inner[1]] for q in quotations] == [
        "This isn't reform,",
        "It's tinkering.",
    ]
    assert len(normalise(text)) == len(text) and "''" not in normalise(text)


def test_multi_paragraph_quote_continues():
    """An unclosed quote continues into a next paragraph that opens with a quote mark."""
    text = "“We came to talk.\n\n“We leave with nothing,” she said."
    quotes = find_quotations(text)
    assert len(quotes) == 2 and quotes[0].group == quotes[1].group
    assert not quotes[0].closed and quotes[1].closed


def test_unbalanced_quote_runs_to_paragraph_end():
    """A quote never closed ends at its paragraph; the next paragraph is unaffected."""
    text = 'He said "this never closes\n\nA new paragraph.'
    assert spans(text) == ['"this never closes']


def test_inch_marks_are_ignored():
    """A straight mark after a digit (a 5" screen) is not a quotation mark."""
    assert spans('It has a 5" screen and a 7" case.') == []


def test_normalise_keeps_length():
    """Normalising quote marks never changes offsets."""
    text = "“Yes,” he said. It’s ‘fine’.\x00"
    assert len(normalise(text)) == len(text) and '"' in normalise(text)


def test_paragraph_offsets():
    """Paragraphs are blank-line separated and exclude surrounding whitespace."""
    text = "  One.\n\n\nTwo.  \n \nThree."
    assert [text[s:e] for s, e in paragraphs(text)] == ["One.", "Two.", "Three."]


@given(st.text(alphabet=st.sampled_from(list("ab “”\"'‘’\n.,")), max_size=200))
def test_never_raises_and_spans_are_ordered(text):
    """Any mix of marks gives ordered, in-bounds, non-overlapping quotations."""
    quotes = find_quotations(text)
    for a, b in pairwise(quotes):
        assert a.end <= b.start
    assert all(0 <= q.start < q.end <= len(text) for q in quotes)
