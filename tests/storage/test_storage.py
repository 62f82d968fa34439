"""Storage against a real, migrated SQLite database."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlmodel import Session

from extract.model import Dispute, Statement
from jobs.brief import read_brief
from storage.articles import ArticleRecord, ensure_speaker, store_article
from storage.brief import Reading, brief_rows
from storage.claims import claim_digest, finish_digest
from storage.engine import make_engine, migrate, pending_upgrade, table_names
from storage.models import Article, DigestPost, Speaker
from storage.models import Statement as StatementRow
from storage.names import alias_keys, name_key
from storage.reads import (
    close_speaker_names,
    disputes_matching,
    last_digest_until,
    speakers_matching,
    statements_by_speaker,
)

NOW = datetime(2023, 7, 15, 8, 0, tzinfo=UTC)
TEXT = "Lavrov said the war would go on. Blinken said talks were candid."


def record(url: str = "https://news.example/a", *, text: str = TEXT, digest: str = "h1", **extra):
    return ArticleRecord(
        canonical_url=url,
        source=url,
        content_hash=digest,
        status="ok",
        text=text,
        title="ARF talks",
        outlet="Example News",
        **extra,
    )


def said(speaker: str, content: str, *, kind: str = "indirect", role: str | None = None):
    start = TEXT.find(content)
    return Statement(
        speaker=speaker,
        content=content,
        cue="said",
        kind=kind,
        start=start,
        end=start + len(content),
        role=role,
    )


STATEMENTS = (
    said("Sergei Lavrov", "the war would go on", role="Russian Foreign Minister"),
    said("Antony Blinken", "talks were candid"),
    Statement(
        speaker="he",
        content="x",
        cue="said",
        kind="indirect",
        start=0,
        end=1,
        speaker_type="unresolved",
    ),
)
DISPUTES = (
    Dispute(
        actor="Sergei Lavrov",
        cue="rejected",
        cue_class="reject",
        evidence=TEXT,
        start=0,
        end=len(TEXT),
        target="Josep Borrell",
        issue="a call",
        statement_index=0,
    ),
)


def store(session: Session, article=None, statements=STATEMENTS, disputes=DISPUTES, **kwargs):
    result = store_article(
        session=session,
        article=article or record(),
        statements=statements,
        disputes=disputes,
        extractor_version=kwargs.pop("version", "v1"),
        now=kwargs.pop("now", NOW),
        **kwargs,
    )
    session.commit()
    return result


def count(session: Session, model) -> int:
    return session.exec(select(func.count()).select_from(model)).scalar_one()


def test_migrations_create_every_table(engine):
    """Applying the migrations creates all tables and leaves nothing pending."""
    assert {"article", "speaker", "statement", "dispute", "subscription", "digestpost"} <= set(
        table_names(engine)
    )
    assert not pending_upgrade(engine)


def test_storing_the_same_article_twice_changes_nothing(engine):
    """A second store of the same address, text and extractor is 'unchanged' and writes nothing."""
    with Session(engine) as session:
        first = store(session)
        second = store(session)
        assert (first.outcome, first.statements, first.disputes) == ("new", 2, 1)
        assert second.outcome == "unchanged"
        assert count(session, Article) == 1
        assert count(session, StatementRow) == 2


def test_unresolved_pronouns_are_never_stored_as_speakers(engine):
    """A statement whose speaker is an unresolved "he" is not stored under "he"."""
    with Session(engine) as session:
        store(session)
        assert speakers_matching(session=session, query="he") == []


def test_updated_article_replaces_its_statements(engine):
    """New text at the same address updates the row and replaces its statements."""
    with Session(engine) as session:
        store(session)
        result = store(session, record(digest="h2"), statements=STATEMENTS[:1], disputes=())
        assert result.outcome == "updated"
        assert count(session, StatementRow) == 1
        assert count(session, Article) == 1


def test_updated_article_keeps_the_rows_of_statements_it_still_contains(engine):
    """An edit keeps the id of each statement still in the text and moves its offsets."""
    with Session(engine) as session:
        store(session)
        before = dict(session.exec(select(StatementRow.content, StatementRow.id)).all())
        moved = said("Antony Blinken", "talks were candid")
        moved = replace(moved, start=moved.start + 9, end=moved.end + 9)
        new = said("Sergei Lavrov", "the war would go on", kind="direct")  # now a quote
        store(session, record(digest="h2"), statements=(moved, new), disputes=DISPUTES)
        after = {row.content: row for row in session.exec(select(StatementRow)).scalars()}
        assert after["talks were candid"].id == before["talks were candid"]
        assert after["talks were candid"].start == moved.start
        assert after["the war would go on"].id > max(before.values())
        assert count(session, StatementRow) == 2


def test_article_that_stops_being_ok_loses_its_statements(engine):
    """An update to a paywalled page removes the statements of its earlier text."""
    with Session(engine) as session:
        store(session)
        paywalled = replace(record(digest="h2"), status="paywalled", reason="paywall")
        result = store(session, paywalled, statements=STATEMENTS, disputes=DISPUTES)
        assert result.outcome == "updated"
        assert count(session, StatementRow) == 0


def test_same_text_at_another_address_is_a_duplicate(engine):
    """An exact copy at another URL is stored as a duplicate of the story, without statements."""
    with Session(engine) as session:
        first = store(session)
        copy = store(session, record("https://other.example/a"))
        assert copy.outcome == "duplicate"
        assert session.get(Article, copy.article_id).copy_of_id == first.article_id
        assert count(session, StatementRow) == 2


def test_surname_and_possessive_find_the_full_name(engine):
    """ "lavrov", "Lavrov's" and "Sergei Lavrov" all find the one stored speaker."""
    with Session(engine) as session:
        store(session)
        found = {
            q: [m.name for m in speakers_matching(session=session, query=q)]
            for q in ("lavrov", "Lavrov's", "Sergei Lavrov", "SERGEI LAVROV")
        }
        assert set(map(tuple, found.values())) == {("Sergei Lavrov",)}


def test_surname_only_mention_joins_the_known_person(engine):
    """A later bare "Lavrov" is the same speaker as the stored "Sergei Lavrov"."""
    with Session(engine) as session:
        full = ensure_speaker(session=session, name="Sergei Lavrov", kind="person")
        again = ensure_speaker(session=session, name="Lavrov", kind="person")
        assert again.id == full.id


def test_shared_surname_is_ambiguous(engine):
    """Two people called Wang both match "Wang", so the bot can ask which one."""
    with Session(engine) as session:
        ensure_speaker(session=session, name="Wang Yi", kind="person")
        ensure_speaker(session=session, name="Wang Wenbin", kind="person")
        session.commit()
        names = {m.name for m in speakers_matching(session=session, query="wang")}
        assert names == {"Wang Yi", "Wang Wenbin"}
        assert len(speakers_matching(session=session, query="Wang Yi")) == 1


def test_close_names_suggest_typo_corrections(engine):
    """A misspelt name gets close matches instead of nothing."""
    with Session(engine) as session:
        store(session)
        assert "Sergei Lavrov" in close_speaker_names(session=session, query="Lavrof")


def test_statements_by_speaker_filters_by_topic(engine):
    """`about` keeps only statements that mention the topic."""
    with Session(engine) as session:
        store(session)
        lavrov = speakers_matching(session=session, query="Lavrov")[0]
        assert statements_by_speaker(session=session, speaker_id=lavrov.id, about="war")
        assert not statements_by_speaker(session=session, speaker_id=lavrov.id, about="Taiwan")


def test_disputes_are_found_by_actor_or_topic(engine):
    """Disputes match on actor, target, issue or evidence, case-insensitively."""
    with Session(engine) as session:
        store(session)
        assert [d.cue for d in disputes_matching(session=session, query="borrell")] == ["rejected"]
        assert disputes_matching(session=session, query="Taiwan") == []


def test_digest_covers_only_its_window(engine):
    """Articles ingested before the window are left out of the digest."""
    with Session(engine) as session:
        store(session, now=NOW - timedelta(days=2))
        store(session, record("https://news.example/b", digest="h3"), now=NOW)
        reading = Reading(NOW - timedelta(hours=1), NOW)
        quotes, _ = brief_rows(session=session, reading=reading)
        assert read_brief(session=session, reading=reading).articles == 1
        assert sorted(q.speaker for q in quotes) == ["Antony Blinken", "Sergei Lavrov"]


def test_digest_after_an_edit_shows_only_what_the_edit_added(engine):
    """A statement added by an edit after the last digest is in the next one, alone."""
    with Session(engine) as session:
        store(session, now=NOW - timedelta(days=1))
        added = said("Antony Blinken", "talks were candid", kind="direct")
        store(session, record(digest="h2"), statements=(*STATEMENTS, added), now=NOW)
        reading = Reading(NOW - timedelta(hours=1), NOW)
        quotes, disputes = brief_rows(session=session, reading=reading)
        assert [(q.speaker, q.kind) for q in quotes] == [("Antony Blinken", "direct")]
        assert disputes == []  # the Lavrov dispute was in the earlier digest
        assert read_brief(session=session, reading=reading).articles == 1


def test_digest_claim_is_taken_once(engine):
    """The (channel, date) claim can be taken once; a second taker gets None."""
    with Session(engine) as session:
        args = dict(
            team_id="T1",
            channel_id="C1",
            digest_date=date(2023, 7, 15),
            covers_from=None,
            covers_until=NOW,
        )
        claim = claim_digest(session=session, **args)
        session.commit()
        assert claim is not None
        assert claim_digest(session=session, **args) is None


def test_failed_claim_can_be_retried_but_posted_cannot(engine):
    """A failed attempt releases the claim for a retry; a posted digest is never re-claimed."""
    with Session(engine) as session:
        args = dict(
            team_id="T1",
            channel_id="C1",
            digest_date=date(2023, 7, 15),
            covers_from=None,
            covers_until=NOW,
        )
        claim = claim_digest(session=session, **args)
        finish_digest(session=session, claim_id=claim.id, error="Slack said ratelimited")
        session.commit()
        retry = claim_digest(session=session, **args)
        assert retry is not None
        finish_digest(session=session, claim_id=retry.id, ts="1.0")
        session.commit()
        assert claim_digest(session=session, **args) is None
        assert count(session, DigestPost) == 1
        assert last_digest_until(session=session, team_id="T1", channel_id="C1") == NOW


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Sergei Lavrov", "sergei lavrov"),
        ("Lavrov’s", "lavrov"),
        ("  RETNO  Marsudi ", "retno marsudi"),
        ("José Borrell", "jose borrell"),
        ("<@U123>", "u123"),
        ("", ""),
    ],
)
def test_name_key_folds_case_accents_and_possessives(name, key):
    """Lookup keys ignore case, accents, spacing, punctuation and possessives."""
    assert name_key(name) == key


def test_alias_keys_add_both_name_ends_for_people_only():
    """People are findable by either end of their name (Lavrov, Wang); organisations are not."""
    assert alias_keys("Sergei Lavrov", "person") == {"sergei lavrov", "sergei", "lavrov"}
    assert "wang" in alias_keys("Wang Yi", "person")
    assert alias_keys("State Department", "organisation") == {"state department"}


def test_speaker_key_is_unique(engine):
    """The same name twice is one speaker row."""
    with Session(engine) as session:
        ensure_speaker(session=session, name="Retno Marsudi", kind="person")
        ensure_speaker(session=session, name="retno marsudi", kind="person")
        session.commit()
        assert count(session, Speaker) == 1


def test_models_match_the_migrations(engine):
    """After every migration is applied there is no autogenerate diff against the models."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    from storage.engine import include_object

    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_object": include_object}
        )
        assert compare_metadata(context, SQLModel.metadata) == []


def test_two_workers_storing_one_article_store_it_once(engine):
    """Two workers racing to store the same new article end with one row: one "new", one not."""
    import threading

    from jobs.ingest import _store_with_retries

    barrier = threading.Barrier(2)
    outcomes = []

    def worker() -> None:
        barrier.wait()
        result = _store_with_retries(
            engine, record(), STATEMENTS, DISPUTES, copy_of_id=None, now=NOW
        )
        outcomes.append(result.outcome)

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == ["new", "unchanged"]
    with Session(engine) as session:
        assert count(session, Article) == 1
        assert count(session, StatementRow) == 2


def test_migrations_date_existing_statements_from_their_article(tmp_path):
    """Upgrading a database that has statements gives each its article's date and first
    ingest time."""
    from sqlalchemy import text

    from storage.engine import make_engine, migrate

    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    migrate(engine, "0003")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO article (id, canonical_url, source, content_hash, status, text,"
                " published, ingested_at, updated_at) VALUES (1, 'u', 's', 'h', 'ok', 't',"
                " '2023-07-15 06:00:00', '2023-07-16 00:00:00', '2023-07-16 00:00:00')"
            )
        )
        connection.execute(
            text("INSERT INTO speaker (id, name, key, kind) VALUES (1, 'A', 'a', 'person')")
        )
        connection.execute(
            text(
                'INSERT INTO statement (article_id, speaker_id, content, cue, kind, start, "end",'
                " extractor_version) VALUES (1, 1, 'c', 'said', 'direct', 0, 1, 'v')"
            )
        )
    migrate(engine)
    with engine.connect() as connection:
        said_at, found_at = connection.execute(
            text("SELECT said_at, found_at FROM statement")
        ).one()
    assert str(said_at).startswith("2023-07-15 06:00")
    assert str(found_at).startswith("2023-07-16 00:00")


def test_statement_counts_are_capped(engine):
    """Counting stops just past the cap, so a very quotable speaker costs no full scan."""
    from storage.reads import count_statements_by_speaker

    with Session(engine) as session:
        store(session)
        lavrov = speakers_matching(session=session, query="Lavrov")[0]
        assert count_statements_by_speaker(session=session, speaker_id=lavrov.id) == 1
        assert count_statements_by_speaker(session=session, speaker_id=lavrov.id, cap=0) == 1
        assert count_statements_by_speaker(session=session, speaker_id=999) == 0


def test_a_savepoint_does_not_commit_the_outer_transaction(engine):
    """Work inside a savepoint is rolled back with its transaction (pysqlite once committed it
    at RELEASE, leaving an article stored without its statements after a crash)."""
    with Session(engine) as session:
        with session.begin_nested():
            session.add(Speaker(name="Ghost Writer", key="ghost writer"))
            session.flush()
        session.rollback()
    with Session(engine) as session:
        assert count(session, Speaker) == 0


@pytest.mark.postgres
def test_replicas_starting_together_on_a_fresh_database_all_start():
    """Twelve processes' worth of simultaneous migrations of an empty PostgreSQL schema, the
    OAuth tables included, all succeed (they take turns on an advisory lock)."""
    import threading
    import uuid

    import psycopg

    from tests.conftest import POSTGRES_URL, _with_search_path, postgres_reachable

    if not postgres_reachable():
        pytest.skip("PostgreSQL is not reachable")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(POSTGRES_URL, autocommit=True) as connection:
        connection.execute(f'CREATE SCHEMA "{schema}"')
    engines = [make_engine(_with_search_path(POSTGRES_URL, schema)) for _ in range(12)]
    errors: list[BaseException] = []
    go = threading.Barrier(len(engines))

    def start(engine) -> None:
        go.wait()
        try:
            migrate(engine)
        except BaseException as error:
            errors.append(error)

    try:
        threads = [threading.Thread(target=start, args=(e,)) for e in engines]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert errors == []
        assert {"slack_bots", "slack_installations", "slack_oauth_states"} <= set(
            table_names(engines[0])
        )
    finally:
        for engine in engines:
            engine.dispose()
        with psycopg.connect(POSTGRES_URL, autocommit=True) as connection:
            connection.execute(f'DROP SCHEMA "{schema}" CASCADE')


def test_every_session_is_configured_as_make_engine_promises(engine):
    """SQLite: foreign keys on, WAL; PostgreSQL: UTC, and JIT off (it cost the brief 0.65 s a
    query)."""
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            keys = connection.exec_driver_sql("PRAGMA foreign_keys").scalar()
            journal = connection.exec_driver_sql("PRAGMA journal_mode").scalar()
            assert (keys, journal) == (1, "wal")
        else:
            settings = connection.exec_driver_sql(
                "SELECT current_setting('TimeZone'), current_setting('jit')"
            )
            assert settings.one() == ("UTC", "off")
