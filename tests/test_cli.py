"""The `summit` command line, run in-process against a real SQLite file."""

from __future__ import annotations

import argparse
import json
import shutil
from dataclasses import replace

import pytest

from summit.cli import build_parser, main
from tests.conftest import REFERENCE, SAMPLES

SIDEBAR = ("Who bears the cost", "Internet restrictions", "Bangladesh reset", "Published in Dawn")


@pytest.fixture
def database(tmp_path, monkeypatch):
    """Point DATABASE_URL at a fresh SQLite file for the CLI under test."""
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.delenv("SPACY_MODEL", raising=False)
    return url


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["--env-file", "/nonexistent/.env", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def last_json(out: str) -> dict:
    return json.loads(out.strip().splitlines()[-1])


def subcommands(parser: argparse.ArgumentParser, prefix: str = ""):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {a.dest: a.help for a in action._choices_actions}
            for name, sub in action.choices.items():
                yield f"{prefix}{name}", helps.get(name), sub
                yield from subcommands(sub, f"{prefix}{name} ")


def test_every_command_has_help_and_a_description():
    """Each subcommand shows a one-line help in the list and a description with --help."""
    found = list(subcommands(build_parser()))
    names = {name for name, _, _ in found}
    assert {"extract", "ingest", "who-said", "digest", "serve", "scheduler", "db upgrade"} <= names
    for name, help_text, sub in found:
        assert help_text, f"summit {name} has no help"
        assert sub.description, f"summit {name} has no description"


def test_every_command_is_in_the_readme():
    """The README documents every subcommand."""
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text()
    for name, _, _ in subcommands(build_parser()):
        assert f"summit {name}" in readme, f"summit {name} is not in the README"


@pytest.mark.slow
def test_ingest_twice_adds_nothing_the_second_time(tmp_path, database, capsys):
    """A second ingest of the same inputs reports everything unchanged and stores nothing new."""
    folder = tmp_path / "in"
    shutil.copytree(SAMPLES, folder, ignore=shutil.ignore_patterns("*.md"))
    code, out, _ = run(capsys, "ingest", str(folder), "--json")
    first = last_json(out)
    assert code == 0
    assert first["new"] == 3 and first["duplicates"] == 1 and first["statements"] > 10
    code, out, _ = run(capsys, "ingest", str(folder), "--json")
    second = last_json(out)
    assert (second["new"], second["updated"], second["duplicates"]) == (0, 0, 0)
    assert second["unchanged"] == 4
    assert second["statements"] == 0


@pytest.mark.slow
def test_bad_files_fail_with_reasons_while_the_rest_go_in(tmp_path, database, capsys):
    """Empty and binary files are reported as failed; a Latin-1 file is decoded and ingested."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    latin = (
        "Ministers meet in São Paulo\n\n"
        "The Brazilian foreign minister, Marta Olivério, said the talks in São Paulo had been "
        '"frank and useful" and that both delegations would meet again in Brasília next month.\n\n'
        '"We did not come here to sign papers, we came here to listen," Olivério told reporters '
        "after the meeting with her Argentine counterpart, adding that the café diplomacy of the "
        "last decade was over."
    )
    (folder / "latin1.txt").write_bytes(latin.encode("latin-1"))
    _, out, _ = run(capsys, "ingest", str(folder), "--json")
    summary = last_json(out)
    failed = {item["source"].rsplit("/", 1)[-1]: item["reason"] for item in summary["failed"]}
    assert set(failed) == {"empty.txt", "image.html"}
    assert all(reason for reason in failed.values())
    assert summary["new"] == 1
    _, out, _ = run(capsys, "who-said", "Olivério", "--json")
    answer = last_json(out)
    assert answer["speaker"] == "Marta Olivério"
    assert any(
        "São Paulo" in s["content"] or "listen" in s["content"] for s in answer["statements"]
    )


@pytest.mark.slow
def test_who_said_lavrov_returns_only_his_words(database, capsys):
    """On the reference article, /who-said Lavrov is Lavrov's words, nobody else's, no sidebar."""
    run(capsys, "ingest", str(REFERENCE), "--json")
    code, out, _ = run(capsys, "who-said", "Lavrov", "--json")
    answer = last_json(out)
    assert code == 0
    assert answer["speaker"] == "Sergei Lavrov"
    contents = " ".join(s["content"] for s in answer["statements"])
    assert "gives up its plans to preserve its domination" in contents
    for other in (
        "didn’t hear anything",
        "North Korea",
        "Sharpening rivalry",
        "preventive diplomacy",
    ):
        assert other not in contents
    for junk in SIDEBAR:
        assert junk not in contents


@pytest.mark.slow
def test_extract_json_is_one_object_per_file(tmp_path, capsys):
    """`summit extract --json` prints one stable JSON object per input file."""
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    _, out, _ = run(capsys, "extract", str(REFERENCE), str(empty), "--json")
    lines = [json.loads(line) for line in out.strip().splitlines()]
    assert [line["source"] for line in lines] == [str(REFERENCE), str(empty)]
    article, failed = lines
    assert set(article) >= {"source", "status", "title", "text", "statements", "disputes"}
    assert article["status"] == "ok"
    assert not any(junk in article["text"] for junk in SIDEBAR)
    for statement in article["statements"]:
        assert set(statement) >= {"speaker", "role", "content", "cue", "direct", "start", "end"}
        assert article["text"][statement["start"] : statement["end"]] == statement["content"]
    for dispute in article["disputes"]:
        assert set(dispute) >= {"actor", "target", "cue", "issue", "evidence"}
        assert dispute["actor_type"] in ("person", "organisation", "unresolved")
        assert 1 <= dispute["escalation"] <= 6 and 0 <= dispute["confidence"] <= 1
    assert failed["status"].startswith("failed")


def test_extraction_json_carries_each_disputes_levels():
    """Each dispute object of `summit extract --json` adds actor_type, escalation and confidence
    to the stable keys."""
    from extract.model import Dispute
    from summit.extraction import dispute_json

    found = Dispute("he", "threatened", "threaten", "He threatened.", 0, 14, escalation=6)
    data = dispute_json(replace(found, actor_type="unresolved", confidence=0.8))
    assert list(data) == [
        *("actor", "target", "cue", "cue_class", "issue", "evidence"),
        *("actor_type", "escalation", "confidence"),
    ]
    assert (data["actor_type"], data["escalation"], data["confidence"]) == ("unresolved", 6, 0.8)


def test_digest_print_shows_ranked_named_confident_disputes(database, monkeypatch, capsys):
    """`summit digest --print` and `--json` list disputes by escalation with their rung, leave
    out unresolved ones and those under DISPUTE_MIN_CONFIDENCE, and show no issue they lack."""
    from datetime import UTC, datetime

    from sqlmodel import Session

    from extract.model import Dispute
    from storage.articles import ArticleRecord, store_article
    from storage.engine import make_engine, migrate

    def found(actor: str, cue: str, escalation: int, **extra) -> Dispute:
        evidence = f"{actor} {cue} someone."
        return Dispute(actor, cue, "x", evidence, 0, len(evidence), escalation=escalation, **extra)

    engine = make_engine(database)
    migrate(engine)
    with Session(engine) as session:
        store_article(
            session=session,
            article=ArticleRecord("https://n.example/a", "https://n.example/a", "h", "ok", "t"),
            disputes=[
                found("Sergei Lavrov", "slammed", 1, target="NATO"),
                found("He", "rejected", 3, actor_type="unresolved"),
                found("Josep Borrell", "warned", 5, confidence=0.55),
                found("Russia", "threatened", 6, issue="sanctions", actor_type="organisation"),
            ],
            extractor_version="test",
            now=datetime.now(UTC),
        )
        session.commit()
    engine.dispose()
    monkeypatch.setenv("DISPUTE_MIN_CONFIDENCE", "0.6")
    code, out, _ = run(capsys, "digest", "--print")
    assert code == 0
    disputes = [line.split("  [")[0] for line in out.splitlines() if "DISPUTE" in line]
    assert disputes == [
        "  - DISPUTE Russia threatened: sanctions (threat)",
        "  - DISPUTE Sergei Lavrov slammed NATO (criticism)",
    ]
    code, out, _ = run(capsys, "digest", "--json")
    assert code == 0
    story = json.loads(out)["summits"][0]["stories"][0]
    assert [(d["actor"], d["rung"], d["rank"]) for d in story["disputes"]] == [
        ("Russia", "threat", 1),
        ("Sergei Lavrov", "criticism", 2),
    ]


def test_invalid_settings_print_one_clear_error(monkeypatch, capsys):
    """Bad settings end the command with exit code 2 and a message, not a traceback."""
    monkeypatch.setenv("DIGEST_TIMEZONE", "Nowhere/Land")
    code, _, err = run(capsys, "who-said", "Lavrov")
    assert code == 2
    assert "DIGEST_TIMEZONE" in err and "Traceback" not in err


def test_serve_without_slack_settings_says_what_is_missing(database, monkeypatch, capsys):
    """`summit serve` without a token names SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET."""
    for name in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    code, _, err = run(capsys, "serve")
    assert code == 2
    assert "SLACK_BOT_TOKEN" in err and "SLACK_SIGNING_SECRET" in err


def test_digest_date_builds_the_brief_of_what_was_published_that_day(database, capsys):
    """`summit digest --json --date D` holds the statements of articles published on D only."""
    from datetime import UTC, datetime

    from sqlmodel import Session

    from extract.model import Statement
    from storage.articles import ArticleRecord, store_article
    from storage.engine import make_engine, migrate

    engine = make_engine(database)
    migrate(engine)
    with Session(engine) as session:
        for n, (day, words) in enumerate(((15, "talks went well"), (16, "talks broke down"))):
            text = f"Ada Brook said the {words}."
            store_article(
                session=session,
                article=ArticleRecord(
                    f"https://n.example/{n}",
                    f"https://n.example/{n}",
                    f"h{n}",
                    "ok",
                    text,
                    published=datetime(2023, 7, day, 9, tzinfo=UTC),
                ),
                statements=[Statement("Ada Brook", f"the {words}", "said", "indirect", 14, 30)],
                extractor_version="test",
                now=datetime.now(UTC),
            )
        session.commit()
    engine.dispose()
    code, out, _ = run(capsys, "digest", "--json", "--date", "2023-07-15")
    assert code == 0
    said = [
        s["content"]
        for m in json.loads(out)["summits"]
        for story in m["stories"]
        for s in story["statements"]
    ]
    assert said == ["the talks went well"]


def test_digest_date_of_a_channel_is_its_own_time_zones_day(database, capsys, monkeypatch):
    """`summit digest --channel C --date D` reads day D in the channel's time zone: an article
    published at 20:00 UTC on the 14th is the 15th in Auckland (UTC+12), where C is read;
    without a channel the day is DIGEST_TIMEZONE's (UTC), where it is the 14th."""
    from datetime import UTC, datetime

    from sqlmodel import Session

    from extract.model import Statement
    from storage.articles import ArticleRecord, store_article
    from storage.engine import make_engine, migrate
    from storage.subscriptions import subscribe_channel

    monkeypatch.delenv("DIGEST_CHANNEL", raising=False)
    monkeypatch.setenv("DIGEST_TIMEZONE", "UTC")
    engine = make_engine(database)
    migrate(engine)
    text = "Ada Brook said the talks went well."
    with Session(engine) as session:
        store_article(
            session=session,
            article=ArticleRecord(
                "https://n.example/late",
                "https://n.example/late",
                "h",
                "ok",
                text,
                published=datetime(2023, 7, 14, 20, tzinfo=UTC),
            ),
            statements=[Statement("Ada Brook", "the talks went well", "said", "indirect", 14, 33)],
            extractor_version="test",
            now=datetime.now(UTC),
        )
        subscribe_channel(
            session=session,
            team_id="",
            channel_id="C0AUCKLAND",
            digest_time="07:30",
            timezone="Pacific/Auckland",
        )
        session.commit()
    engine.dispose()

    def said(*args: str) -> list[str]:
        code, out, _ = run(capsys, "digest", "--json", *args)
        assert code == 0
        return [
            s["content"]
            for m in json.loads(out)["summits"]
            for story in m["stories"]
            for s in story["statements"]
        ]

    assert said("--date", "2023-07-15", "--channel", "C0AUCKLAND") == ["the talks went well"]
    assert said("--date", "2023-07-14", "--channel", "C0AUCKLAND") == []
    assert said("--date", "2023-07-14") == ["the talks went well"]
    assert said("--date", "2023-07-15") == []


def test_db_purge_dry_run_deletes_nothing(engine, monkeypatch, capsys):
    """`summit db purge --dry-run` prints per table what a purge would delete and deletes
    nothing; `summit db purge` then deletes exactly that."""
    from datetime import UTC, datetime, timedelta

    from sqlalchemy import func, select
    from sqlmodel import Session

    from storage.models import Alert, SeenEvent

    monkeypatch.setenv("DATABASE_URL", engine.url.render_as_string(hide_password=False))
    long_ago = datetime.now(UTC) - timedelta(days=400)
    with Session(engine) as session:
        session.add(
            Alert(team_id="T1", user_id="U1", batch="b", status="sent", claimed_at=long_ago)
        )
        session.add(SeenEvent(event_id="Ev1", seen_at=long_ago))
        session.add(SeenEvent(event_id="Ev2", seen_at=datetime.now(UTC)))
        session.commit()

    def rows() -> tuple[int, int]:
        with Session(engine) as session:
            count = func.count()
            return (
                session.exec(select(count).select_from(Alert)).scalar_one(),
                session.exec(select(count).select_from(SeenEvent)).scalar_one(),
            )

    code, out, _ = run(capsys, "db", "purge", "--dry-run")
    assert code == 0
    assert out.splitlines() == [
        "would delete 1 alerts (older than 90 days)",
        "would delete 0 digest_posts (older than 90 days)",
        "would delete 1 seen_events (older than 2 days)",
        "would delete 0 feed_states (older than 30 days)",
    ]
    assert rows() == (1, 2)
    code, out, _ = run(capsys, "db", "purge")
    assert code == 0
    assert "deleted 1 seen_events (older than 2 days)" in out.splitlines()
    assert rows() == (0, 1)


# ----------------------------------------------------------------- corrections from readers


def test_corrections_export_writes_gold_the_shared_scorers_read(
    engine, monkeypatch, capsys, tmp_path
):
    """`summit corrections export --output FILE` writes gold that score_quotes.py and
    score_disputes.py load; without --output it goes to stdout; --team keeps one workspace's."""
    from tests.jobs.test_corrections_export import correct_in, scorer

    monkeypatch.setenv("DATABASE_URL", engine.url.render_as_string(hide_password=False))
    correct_in(engine, "T1")
    out = tmp_path / "gold.jsonl"
    code, printed, _ = run(capsys, "corrections", "export", "--output", str(out))
    assert code == 0 and "wrote 1 corrected article" in printed
    [article] = scorer("score_quotes").read_jsonl(str(out))
    assert [q["speaker"] for q in article["quotes"]] == ["Mara Voss"]
    assert [d["negated_trap"] for d in scorer("score_disputes").load_gold(str(out))] == [True]
    _, printed, _ = run(capsys, "corrections", "export")
    assert [json.loads(line)["id"] for line in printed.splitlines()] == [article["id"]]
    _, printed, _ = run(capsys, "corrections", "export", "--team", "T9")
    assert printed == ""


def test_corrections_report_prints_counts_by_cue_and_pattern(engine, monkeypatch, capsys):
    """`summit corrections report` prints a table by kind, correction, cue and pattern;
    --team keeps one workspace's."""
    from tests.jobs.test_corrections_export import correct_in

    monkeypatch.setenv("DATABASE_URL", engine.url.render_as_string(hide_password=False))
    correct_in(engine, "T1")
    correct_in(engine, "T2")
    code, out, _ = run(capsys, "corrections", "report")
    rows = [line.split() for line in out.splitlines()]
    assert code == 0 and rows[0] == ["kind", "correction", "cue", "pattern", "corrections"]
    assert rows[1] == ["dispute", "not_dispute", "rejected", "reject", "2"]
    assert out.splitlines()[-1] == "6 corrections"
    _, out, _ = run(capsys, "corrections", "report", "--team", "T2")
    assert out.splitlines()[-1] == "3 corrections"
