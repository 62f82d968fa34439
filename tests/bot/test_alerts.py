"""Follow-up DMs after an ingest: one batched DM per follower, exactly once."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, select

from bot.app import web_client
from jobs.alerts import batch_name, send_alerts
from jobs.ingest import ingest_documents
from jobs.sources import iter_documents
from storage.claims import ALERT_LEASE, claim_alert, mark_alert_sending
from storage.follows import follow_speaker
from storage.models import Alert
from storage.reads import new_statements_for_follower, speakers_matching
from storage.scope import workspace_scope
from tests.fakes import TEAM_ID

pytestmark = pytest.mark.slow

USER = "U0READER01"
LATER = datetime(2023, 7, 16, 6, 0, tzinfo=UTC)
NEWS = """JAKARTA: Russia will keep talking to Asean, Foreign Minister Sergei Lavrov said on Sunday.

"We are ready to work with every partner in the region," Lavrov told reporters after meeting \
Indonesian officials in the capital on the last day of the forum.

Lavrov said Moscow would send a delegation to the next meeting in Vientiane later this year.

Indonesian Foreign Minister Retno Marsudi said the region needed calm and dialogue, not \
rivalry between the great powers.
"""


@pytest.fixture
def dm(slack) -> str:
    slack.add_user(USER, name="reader")
    return slack.dm_channel(USER)


@pytest.fixture
def follows_lavrov(sender, slack, dm, engine, reference_ingested) -> None:
    """The reader followed Lavrov by DM, after the reference article was ingested."""
    sender.event(
        {"type": "message", "channel_type": "im", "channel": dm, "user": USER,
         "text": "follow Lavrov", "ts": "1689400000.000100"},
        event_id="EvFollow",
    )  # fmt: skip
    slack.wait_for(lambda c: c.method == "chat.postMessage" and c.args.get("channel") == dm)
    slack.clear_calls()


def ingest_news(engine, extractor, tmp_path) -> None:
    path = tmp_path / "lavrov-sunday.txt"
    path.write_text(NEWS, encoding="utf-8")
    documents = iter_documents([str(path)], fetcher=None, now=LATER)
    summary = ingest_documents(documents, engine=engine, extractor=extractor, now=LATER)
    assert summary.new == 1 and summary.statements >= 3


def alerts(slack, dm: str) -> list:
    """The follow-up DMs (the DM also holds the answer to "follow Lavrov")."""
    return [m for m in slack.messages(dm) if (m.text or "").startswith("New from")]


def run(settings, engine, retries: int = 0):
    client = web_client(settings, retries=retries)
    return send_alerts(engine=engine, client_for=lambda team_id: client).counts


def test_follow_then_ingest_sends_one_batched_dm(
    slack, settings, engine, extractor, tmp_path, dm, follows_lavrov
):
    """All new statements by a followed speaker arrive in one DM, each with its correction menu;
    a second run sends nothing."""
    assert run(settings, engine) == {}  # following starts now: old statements are not news
    ingest_news(engine, extractor, tmp_path)
    assert run(settings, engine) == {"sent": 1}
    [message] = alerts(slack, dm)
    text = json.dumps(message.blocks)
    assert "We are ready to work with every partner" in text
    assert "send a delegation to the next meeting" in text
    assert "calm and dialogue" not in text  # Retno Marsudi is not followed
    assert "3 new statements" in message.text
    menus = [b["accessory"] for b in message.blocks if "accessory" in b]
    assert len(menus) == 3 and all(m["action_id"].startswith("correct_statement_") for m in menus)
    assert run(settings, engine) == {}
    assert len(alerts(slack, dm)) == 1
    slack.assert_no_errors()


def test_an_edited_article_alerts_only_its_new_statements(
    slack, settings, engine, extractor, tmp_path, dm, follows_lavrov
):
    """Re-ingesting an edited article DMs only what the edit added, not its old statements."""
    ingest_news(engine, extractor, tmp_path)
    assert run(settings, engine) == {"sent": 1}
    edited = NEWS.replace("the capital", "the Indonesian capital") + (
        "\nLavrov added that Russia would host a security conference in the autumn.\n"
    )
    (tmp_path / "lavrov-sunday.txt").write_text(edited, encoding="utf-8")
    documents = iter_documents([str(tmp_path / "lavrov-sunday.txt")], fetcher=None, now=LATER)
    assert ingest_documents(documents, engine=engine, extractor=extractor, now=LATER).updated == 1
    assert run(settings, engine) == {"sent": 1}
    _, second = alerts(slack, dm)
    text = json.dumps(second.blocks)
    assert "host a security conference" in text
    assert "send a delegation" not in text and "ready to work with every partner" not in text
    assert "1 new statement" in second.text
    assert run(settings, engine) == {}


def test_two_concurrent_runs_send_one_dm(
    slack, settings, engine, extractor, tmp_path, dm, follows_lavrov
):
    """Two schedulers sending alerts at the same moment send the DM once between them."""
    ingest_news(engine, extractor, tmp_path)
    barrier, results = threading.Barrier(2), []

    def go() -> None:
        barrier.wait()
        results.append(run(settings, engine))

    threads = [threading.Thread(target=go) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert sum(r.get("sent", 0) for r in results) == 1
    assert len(alerts(slack, dm)) == 1


def test_failed_dm_is_sent_by_the_next_run_once(
    slack, settings, engine, extractor, tmp_path, dm, follows_lavrov
):
    """A DM Slack refused is retried by the next run, then never again."""
    ingest_news(engine, extractor, tmp_path)
    slack.fail("chat.postMessage", status=500, times=1)
    assert run(settings, engine) == {"failed": 1}
    assert run(settings, engine) == {"sent": 1}
    assert run(settings, engine) == {}
    assert len(alerts(slack, dm)) == 1


def test_dm_whose_answer_was_lost_is_not_sent_again(
    slack, settings, engine, extractor, tmp_path, dm, follows_lavrov
):
    """A DM that timed out after it was sent is recorded 'uncertain' and never repeated."""
    ingest_news(engine, extractor, tmp_path)
    slack.fail("chat.postMessage", delay=2)  # posted, but answered after the client gave up
    client = web_client(settings, retries=0)
    client.timeout = 0.5
    assert send_alerts(engine=engine, client_for=lambda team_id: client).counts == {"uncertain": 1}
    slack.wait_for(lambda c: c.method == "chat.postMessage" and c.args.get("channel") == dm)
    assert run(settings, engine) == {}
    assert len(alerts(slack, dm)) == 1


def leave_batch(engine, *, at: datetime, sending: bool) -> None:
    """The reader's batch claimed at `at` by a worker that then died: before asking Slack to
    send it, or (`sending`) after."""
    with Session(engine) as session:
        statements = new_statements_for_follower(
            session=session,
            team_id=TEAM_ID,
            user_id=USER,
            scope=workspace_scope(session=session, team_id=TEAM_ID),
        )
        claim = claim_alert(
            session=session, team_id=TEAM_ID, user_id=USER, batch=batch_name(statements), now=at
        )
        if sending:
            assert mark_alert_sending(
                session=session, claim_id=claim.id, lease_until=claim.lease_until, now=at
            )
        session.commit()


def alert_status(engine) -> str:
    with Session(engine) as session:
        return session.exec(select(Alert.status)).one()


def test_batch_claimed_by_a_dead_worker_is_sent_once_after_its_lease(
    slack, settings, engine, extractor, tmp_path, dm, follows_lavrov
):
    """A batch claimed by a worker that died before sending is retaken once its lease
    (ALERT_LEASE) has run out, and sent once."""
    ingest_news(engine, extractor, tmp_path)
    taken = datetime.now(UTC) - ALERT_LEASE - timedelta(minutes=1)
    leave_batch(engine, at=taken, sending=False)
    client = web_client(settings, retries=0)
    early = send_alerts(
        engine=engine, client_for=lambda _: client, now=taken + timedelta(minutes=1)
    )
    assert early.counts == {"already-claimed": 1}  # its lease still runs
    assert run(settings, engine) == {"sent": 1}
    assert run(settings, engine) == {}
    assert len(alerts(slack, dm)) == 1
    assert alert_status(engine) == "sent"


def test_batch_left_sending_by_a_dead_worker_is_uncertain_and_not_sent_again(
    slack, settings, engine, extractor, tmp_path, dm, follows_lavrov
):
    """A worker that died after asking Slack to send leaves "sending": after its lease the
    batch is "uncertain" (the DM may have arrived), counts as told, and is never sent again."""
    ingest_news(engine, extractor, tmp_path)
    taken = datetime.now(UTC) - ALERT_LEASE - timedelta(minutes=1)
    leave_batch(engine, at=taken, sending=True)
    assert run(settings, engine) == {}
    assert alert_status(engine) == "uncertain"
    assert run(settings, engine) == {}
    assert alerts(slack, dm) == []


def test_each_workspace_uses_its_own_client(slack, settings, engine, extractor, tmp_path, dm):
    """Followers in a workspace without an install are skipped, not sent with another token."""
    ingest_news(engine, extractor, tmp_path)  # creates Sergei Lavrov
    with Session(engine) as session:
        [lavrov] = speakers_matching(session=session, query="Lavrov")
        for team in (TEAM_ID, "T0GONE0001"):
            follow_speaker(
                session=session, team_id=team, user_id=USER, speaker_id=lavrov.id, alerted_through=0
            )
        session.commit()
    client = web_client(settings, retries=0)
    run_ = send_alerts(
        engine=engine, client_for=lambda team_id: client if team_id == TEAM_ID else None
    )
    assert run_.counts == {"sent": 1, "not-installed": 1}
    assert len(alerts(slack, dm)) == 1
