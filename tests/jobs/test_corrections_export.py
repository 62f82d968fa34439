"""Readers' corrections as gold for ../shared/eval's scorers, and counted for the report."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from sqlmodel import Session

from jobs.corrections import gold_lines, report_table, write_jsonl
from storage.corrections import correction_counts, exported_corrections

CORRECTED_TEXT = (
    "Ada Brook said the border talks had failed. Ivo Dant said the river would flood. "
    "Ada Brook rejected the Dant plan."
)
TOOLS = Path(__file__).resolve().parents[2].parent / "shared" / "tools"


def scorer(name: str):
    """One of ../shared/tools' scorers, imported from its file (skipped where ../shared is
    not checked out, as the other tests reading it are)."""
    if not (TOOLS / f"{name}.py").exists():
        pytest.skip("../shared/tools not present")
    spec = importlib.util.spec_from_file_location(name, TOOLS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def correct_in(engine, team: str) -> None:
    """Store one article, then team `team` moves Brook's statement to Mara Voss, marks Dant's
    "not a statement" and the dispute "not a dispute"."""
    from sqlalchemy import select
    from sqlmodel import Session

    from extract.model import Dispute, Statement
    from storage.articles import ArticleRecord, store_article
    from storage.corrections import correction_target, record_correction
    from storage.models import Dispute as DisputeRow
    from storage.models import Statement as StatementRow
    from storage.scope import workspace_scope

    text = CORRECTED_TEXT

    def said(speaker: str, content: str) -> Statement:
        start = text.index(content)
        return Statement(speaker, content, "said", "indirect", start, start + len(content))

    evidence = "Ada Brook rejected the Dant plan."
    url = "https://news.example/talks"
    with Session(engine) as session:
        if session.exec(select(StatementRow.id)).first() is None:
            store_article(
                session=session,
                article=ArticleRecord(url, url, "h", "ok", text, title="Talks", outlet="Dawn"),
                statements=[
                    said("Ada Brook", "the border talks had failed"),
                    said("Ivo Dant", "the river would flood"),
                ],
                disputes=[
                    Dispute(
                        "Ada Brook",
                        "rejected",
                        "reject",
                        evidence,
                        text.index(evidence),
                        len(text),
                        target="Ivo Dant",
                    )
                ],
                extractor_version="t",
            )
            session.flush()
        brook, dant = session.exec(select(StatementRow.id).order_by(StatementRow.start)).scalars()
        dispute = session.exec(select(DisputeRow.id)).scalars().one()
        scope = workspace_scope(session=session, team_id=team)
        for kind, item, action, name in (
            ("statement", brook, "speaker", "Mara Voss"),
            ("statement", dant, "not_statement", None),
            ("dispute", dispute, "not_dispute", None),
        ):
            target = correction_target(session=session, kind=kind, item_id=item, scope=scope)
            record_correction(
                session=session,
                team_id=team,
                user_id="U1",
                target=target,
                action=action,
                speaker_name=name,
            )
        session.commit()


def export(engine, path: Path, team: str | None = None) -> int:
    with Session(engine) as session:
        lines = gold_lines(exported_corrections(session=session, team_id=team))
    with open(path, "w", encoding="utf-8") as out:
        return write_jsonl(lines, out)


def test_an_export_is_gold_the_shared_scorers_read(engine, tmp_path):
    """An export loads in score_quotes.py and score_disputes.py and scores as gold: the
    reader's speaker is the right attribution, the extracted one wrong, and the dispute
    readers rejected is a trap."""
    correct_in(engine, "T1")
    out = tmp_path / "gold.jsonl"
    assert export(engine, out) == 1
    quotes, disputes = scorer("score_quotes"), scorer("score_disputes")
    [article] = quotes.read_jsonl(str(out))
    assert article["text"][slice(*article["quotes"][0]["content_spans"][0])] == (
        "the border talks had failed"
    )
    assert [q["speaker"] for q in article["quotes"]] == ["Mara Voss"]
    assert [q["speaker"] for q in article["not_quotes"]] == ["Ivo Dant"]
    content = "the border talks had failed"
    right = {article["id"]: [{"speaker": "Mara Voss", "content": content}]}
    wrong = {article["id"]: [{"speaker": "Ada Brook", "content": content}]}
    assert quotes.evaluate([article], right)["attr"]["recall"] == 1.0
    assert quotes.evaluate([article], wrong)["attr"]["recall"] == 0.0
    gold = disputes.load_gold(str(out))
    assert [(d["actor"], d["negated_trap"]) for d in gold] == [("Ada Brook", True)]
    predicted = {article["id"]: [{"actor": "Ada Brook", "evidence": gold[0]["evidence"]}]}
    assert disputes.score(gold, predicted)["trap_hits"] == 1


def test_an_export_keeps_to_one_workspace_when_asked(engine, tmp_path):
    """With a team, only that workspace's corrections are exported."""
    correct_in(engine, "T1")
    assert export(engine, tmp_path / "t1.jsonl", "T1") == 1
    assert export(engine, tmp_path / "t9.jsonl", "T9") == 0


def test_the_report_table_counts_by_cue_and_pattern(engine):
    """The report's rows are kind, correction, cue, pattern and count, most first, with a total."""
    correct_in(engine, "T1")
    correct_in(engine, "T2")
    with Session(engine) as session:
        table = report_table(correction_counts(session=session))
    lines = [line.split() for line in table.splitlines()]
    assert lines[0] == ["kind", "correction", "cue", "pattern", "corrections"]
    assert ["dispute", "not_dispute", "rejected", "reject", "2"] in lines
    assert ["statement", "not_statement", "said", "indirect", "2"] in lines
    assert ["statement", "speaker", "said", "indirect", "2"] in lines
    assert table.splitlines()[-1] == "6 corrections"
