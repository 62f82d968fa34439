"""Readers' corrections turned into what improves the rules: gold lines for `../shared/eval/`'s
scorers (`summit corrections export`) and counts by cue and pattern (`summit corrections
report`).

An export line is one article in the shape of `summitday-dev.jsonl`: its text, `quotes` and
`disputes`, so `score_quotes.py` reads the quotes and `score_disputes.py` the disputes of the
same file. Only what readers corrected is in it — partial gold:

- "wrong speaker" → a quote (`quotes-dev` record) whose speaker is the reader's, content and
  cue as extracted; attribution scores on it measure the speaker rules;
- "not a dispute" → a dispute record with `negated_trap: true` (as in `disputes-dev`): a
  prediction there counts as a trap hit;
- "not a statement" → the statement as extracted under `not_quotes` (the scorers ignore it;
  no gold format has negative quotes).

Every record carries `correction`: which workspace, who, when and what.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from storage.corrections import (
    NOT_DISPUTE,
    NOT_STATEMENT,
    SPEAKER,
    CorrectionCount,
    ExportedCorrection,
)

REPORT_HEADINGS = ("kind", "correction", "cue", "pattern", "corrections")


def gold_lines(corrections: Iterable[ExportedCorrection]) -> list[dict]:
    """One gold article per corrected article, first corrected first."""
    articles: dict[int, dict] = {}
    for item in corrections:
        article = articles.get(item.article_id) or articles.setdefault(
            item.article_id, _article(item)
        )
        if item.action == SPEAKER:
            article["quotes"].append(_quote(item, item.speaker or item.was, item.speaker_kind))
        elif item.action == NOT_STATEMENT:
            article["not_quotes"].append(_quote(item, item.was, None))
        elif item.action == NOT_DISPUTE:
            article["disputes"].append(_dispute(item))
    return list(articles.values())


def write_jsonl(lines: Iterable[dict], out) -> int:
    """Write `lines` as JSON Lines to the open text file `out`; how many were written."""
    count = 0
    for line in lines:
        out.write(json.dumps(line, ensure_ascii=False) + "\n")
        count += 1
    return count


def report_table(counts: Sequence[CorrectionCount]) -> str:
    """Corrections by kind, correction, cue and pattern as an aligned text table."""
    rows = [REPORT_HEADINGS] + [
        (c.item_kind, c.action, c.cue or "-", c.pattern or "-", str(c.corrections)) for c in counts
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(REPORT_HEADINGS))]
    lines = [
        "  ".join(
            cell.rjust(width) if i == len(row) - 1 else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in rows
    ]
    total = sum(c.corrections for c in counts)
    lines.append(f"{total} correction{'s' * (total != 1)}")
    return "\n".join(lines)


def _article(item: ExportedCorrection) -> dict:
    return {
        "id": item.url,
        "source": f"Summit Digest corrections from readers: {item.url}",
        "url": item.url,
        "publisher": item.outlet,
        "date": item.published.date().isoformat() if item.published else None,
        "title": item.title,
        "annotator": "readers (Summit Digest corrections)",
        "text": item.text,
        "quotes": [],
        "disputes": [],
        "not_quotes": [],
    }


def _quote(item: ExportedCorrection, speaker: str, kind: str | None) -> dict:
    return {
        "speaker": speaker,
        "speaker_type": "person" if kind in (None, "person") else "named_other",
        "content": item.content,
        "cue": item.cue,
        "direct": item.pattern == "direct",
        "mixed": item.pattern == "mixed",
        "speaker_mention": None,
        "speaker_resolved": True,
        "speaker_from": "reader",
        "content_spans": [[item.start, item.end]],
        "speaker_spans": [],
        "cue_spans": [],
        "correction": _provenance(item),
    }


def _dispute(item: ExportedCorrection) -> dict:
    return {
        "actor": item.was,
        "target": item.target,
        "cue": item.cue,
        "cue_class": item.pattern,
        "issue": item.issue,
        "evidence": item.content,
        "start": item.start,
        "negated_trap": True,
        "correction": _provenance(item),
    }


def _provenance(item: ExportedCorrection) -> dict:
    return {
        "team_id": item.team_id,
        "user_id": item.user_id,
        "at": item.created_at.isoformat(),
        "action": item.action,
        "extracted_speaker": item.was,
    }
