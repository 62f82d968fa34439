"""Statements 2.14, through the model: "made the case that …" reports a statement as "argued
that …" does.

Names are invented (Ada Brook, Tom Hale).
"""

from __future__ import annotations

from .helpers import said as _said


def test_making_the_case_that_reports_the_clause(extractor):
    """ "Brook tried to make the case that the tariffs were a mistake" → Brook's words."""
    text = "Ada Brook tried on Tuesday to make the case that the tariffs were a mistake."
    assert _said(extractor, text) == [("Ada Brook", "the tariffs were a mistake")]


def test_making_a_point_without_a_clause_reports_nothing(extractor):
    """ "Tom Hale made his point and left" says nothing anyone could quote."""
    assert _said(extractor, "Tom Hale made his point and left the room.") == []
