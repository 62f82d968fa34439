"""The ingest job end to end: feeds and pages over real HTTP, into a real database."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlmodel import Session

from storage.engine import make_engine
from storage.models import Article, FeedState, Statement
from summit.cli import main
from tests.conftest import ROOT

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).with_name("fixtures")


FIRST = ["Amina", "Bruno", "Chen", "Dara", "Elif", "Femi", "Greta", "Hiro", "Ines", "Jonas"]
LAST = ["Okafor", "Lindqvist", "Moreau", "Tanaka", "Haddad", "Novak", "Silva", "Kowalski"]
WORDS = [
    "harbour",
    "treaty",
    "fisheries",
    "border",
    "trade",
    "tariff",
    "pipeline",
    "grain",
    "reactor",
    "drone",
    "corridor",
    "sanction",
    "ceasefire",
    "refugee",
    "aid",
    "vaccine",
    "satellite",
    "cable",
    "election",
    "monsoon",
    "glacier",
    "railway",
    "customs",
    "embassy",
    "patrol",
    "frontier",
    "convoy",
    "summit",
    "charter",
    "quota",
    "subsidy",
]


def distinct_story(index: int) -> str:
    """A short wire story whose words differ enough from every other index to be its own story."""
    import random

    pick = random.Random(index)
    minister = f"{pick.choice(FIRST)} {LAST[index % len(LAST)]}{index}"
    topics = [" ".join(pick.sample(WORDS, 6)) for _ in range(4)]
    return (
        f"Ministers meet over {topics[0]}\n\n"
        f"Foreign Minister {minister} said on Monday that talks on the {topics[1]} file "
        f"had made progress.\n\n"
        f'"We will not accept any deal on the {topics[2]} question that ignores us," '
        f"{minister.split()[-1]} told reporters.\n\n"
        f"According to {minister.split()[-1]}, a second round on the {topics[3]} issue "
        f"will be held next month."
    )


@pytest.fixture
def database(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'ingest.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    return url


def ingest(capsys, *sources: str) -> dict:
    main(["--env-file", "/nonexistent/.env", "ingest", *sources, "--json"])
    return json.loads(capsys.readouterr().out.strip().splitlines()[-1])


def serve_feed(feed_server) -> str:
    base = feed_server.base_url
    rss = (FIXTURES / "feed.rss").read_text().replace("{base}", base)
    feed_server.route(
        "/feed.rss", body=rss.encode(), content_type="application/rss+xml", etag='"feed-v1"'
    )
    feed_server.route(
        "/news/harbour-pact",
        body=(FIXTURES / "harbour-summit.html").read_bytes(),
        content_type="text/html; charset=utf-8",
    )
    return feed_server.url("/feed.rss")


def test_feed_over_http_is_ingested_and_a_missing_page_reported(feed_server, database, capsys):
    """A feed's article pages are fetched and stored; a 404 entry fails with its URL and reason."""
    feed = serve_feed(feed_server)
    summary = ingest(capsys, feed)
    assert summary["new"] == 1
    assert summary["statements"] >= 1
    [failure] = summary["failed"]
    assert failure["source"].endswith("/news/gone") and "404" in failure["reason"]
    engine = make_engine(database)
    with Session(engine) as session:
        article = session.exec(select(Article)).scalars().one()
        assert article.canonical_url == "https://courier.example/news/harbour-pact"
        assert article.outlet == "The Island Courier"


def test_second_feed_run_is_a_conditional_get(feed_server, database, capsys):
    """The feed's ETag is stored and sent back; a 304 means nothing is fetched or stored again."""
    feed = serve_feed(feed_server)
    ingest(capsys, feed)
    again = ingest(capsys, feed)
    assert feed_server.last_headers("/feed.rss").get("if-none-match") == '"feed-v1"'
    assert (again["new"], again["updated"], again["failed"]) == (0, 0, [])
    assert feed_server.hits("/news/harbour-pact") == 1
    with Session(make_engine(database)) as session:
        assert session.get(FeedState, feed).etag == '"feed-v1"'


def test_bad_sources_are_reported_and_the_rest_ingested(feed_server, database, capsys):
    """A huge page, a redirect loop, malformed XML and a 500 each fail with a reason; the
    good page in the same run is stored."""
    feed_server.route("/huge", body=b"<html><body>" + b"a" * 12_000_000, content_type="text/html")
    feed_server.route("/loop-a", redirect="/loop-b")
    feed_server.route("/loop-b", redirect="/loop-a")
    feed_server.route(
        "/broken.rss",
        body=b"<?xml version='1.0'?><rss><channel><item><title>x",
        content_type="application/rss+xml",
    )
    feed_server.route("/error", status=500, body=b"oops", content_type="text/html")
    feed_server.route(
        "/news/harbour-pact",
        body=(FIXTURES / "harbour-summit.html").read_bytes(),
        content_type="text/html; charset=utf-8",
    )
    sources = ["/huge", "/loop-a", "/broken.rss", "/error", "/news/harbour-pact"]
    summary = ingest(capsys, *(feed_server.url(path) for path in sources))
    reasons = {item["source"].rsplit("/", 1)[-1]: item["reason"] for item in summary["failed"]}
    assert set(reasons) == {"huge", "loop-a", "broken.rss", "error"}
    assert all(reasons.values())
    assert summary["new"] == 1


def test_kill_during_ingest_loses_and_duplicates_nothing(tmp_path, database, capsys, monkeypatch):
    """`kill -9` in the middle of an ingest, then a re-run: every article is stored once, each
    with exactly the statements a clean run gives it."""
    folder = tmp_path / "articles"
    folder.mkdir()
    for index in range(40):
        (folder / f"story-{index:02d}.txt").write_text(distinct_story(index))
    env = {**os.environ, "DATABASE_URL": database}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "summit.cli",
            "--env-file",
            "/nonexistent/.env",
            "ingest",
            str(folder),
            "--json",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    engine = make_engine(database)
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with Session(engine) as session:
                stored = session.exec(select(func.count(Article.id))).scalar_one()
        except Exception:  # the schema may not exist yet
            stored = 0
        if stored >= 3:
            break
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    assert 0 < stored < 40, "the kill did not land mid-run"
    summary = ingest(capsys, str(folder))
    assert summary["new"] + summary["unchanged"] == 40, summary
    clean_url = f"sqlite:///{tmp_path / 'clean.db'}"
    monkeypatch.setenv("DATABASE_URL", clean_url)
    ingest(capsys, str(folder))
    assert statements_per_source(engine) == statements_per_source(make_engine(clean_url))


def statements_per_source(engine) -> dict[str, int]:
    with Session(engine) as session:
        rows = session.exec(
            select(Article.source, func.count(Statement.id))
            .outerjoin(Statement, Statement.article_id == Article.id)
            .group_by(Article.source)
        ).all()
    return dict(rows)
