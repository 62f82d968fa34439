"""Chunking: paragraphs, size limits, datelines, headlines, credit lines, page furniture."""

from __future__ import annotations

from extract.chunks import article_chunks, dateline_end


def test_dateline_lengths():
    """Wire datelines are recognised; ordinary sentences are not datelines."""
    assert dateline_end("WASHINGTON (AP) — The talks failed.") == len("WASHINGTON (AP) — ")
    assert dateline_end("JAKARTA: Russia shows no sign.") == len("JAKARTA: ")
    assert dateline_end("The US said so.") == 0
    assert dateline_end("Washington (CNN) President Brook said.") == len("Washington (CNN) ")
    assert dateline_end("New York (Reuters) Talks failed.") == len("New York (Reuters) ")
    assert dateline_end("John McCain (R) said so.") == 0


def test_long_paragraph_is_split_within_limit():
    """A paragraph longer than the limit is cut into pieces no longer than the limit."""
    text = "The minister spoke at length. " * 200
    chunks = article_chunks(text, limit=500)
    assert len(chunks) > 1 and all(c.end - c.start <= 500 for c in chunks)
    assert chunks[0].start == 0 and chunks[-1].end == len(text.rstrip())


def test_credit_lines_and_furniture_are_dropped():
    """Credit lines are skipped and nothing after "Published in" is kept."""
    text = (
        "Body one.\n\nReporting by Ann Lee; Editing by Bo Diaz\n\n"
        "Body two.\n\nPublished in X\n\nJunk"
    )
    kept = [text[c.start : c.end] for c in article_chunks(text, limit=1000)]
    assert kept == ["Body one.", "Body two."]


def test_headline_flag():
    """A short unpunctuated first paragraph is flagged as the headline."""
    chunks = article_chunks("Leaders Meet In Jakarta\n\nThe talks began.", limit=1000)
    assert chunks[0].headline and not chunks[1].headline
