"""Statements 2.12, through the model: a sentence that judges what someone said ("Everything
Brook says is a lie") reports nothing of theirs; "All Brook said was that …" still does.

Names are invented (Ada Brook).
"""

from __future__ import annotations

from .helpers import said as _said


def test_everything_someone_says_is_no_statement_of_theirs(extractor):
    """ "Everything Ada Brook says is a lie" is the writer's verdict, not Brook's words."""
    assert _said(extractor, "Everything Ada Brook says is a lie unless proven otherwise.") == []


def test_nothing_someone_said_is_no_statement_of_theirs(extractor):
    """ "Nothing the minister said was true" reports no words of the minister."""
    assert _said(extractor, "Nothing the minister said was true.") == []


def test_all_someone_said_is_still_their_statement(extractor):
    """ "All the experts I interviewed said the plan was sound" stays the experts' report."""
    found = _said(extractor, "All the experts I interviewed said the plan was sound.")
    assert found == [("the experts", "the plan was sound")]
