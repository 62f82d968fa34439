"""Faults survived, with real processes against the fake Slack (issue 6).

Several `summit serve --no-scheduler` and `summit scheduler` processes on one database; the
database going away mid-run; Slack failing for a stretch; a scheduler killed across a
digest time. Every test waits on conditions (fake Slack calls, log lines, database rows)
and sleeps only where real time must pass, and says so.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine, select, update
from sqlmodel import Session

from storage.follows import follow_speaker
from storage.models import Alert, DigestPost, Follow, Speaker
from storage.reads import latest_statement_id
from storage.subscriptions import subscribe_channel
from summit.settings import VARIABLES
from summit.wiring import ingest_sources
from tests.conftest import REFERENCE
from tests.fakes import BOT_TOKEN, TEAM_ID, FakeSlack, SlackSender
from tests.faults.proxy import TcpProxy
from tests.test_processes import free_port, stop, summit_process, wait_until_healthy

pytestmark = [pytest.mark.slow, pytest.mark.timeout(90)]

SECRET = "fault-test-signing-secret"
READER = "U0READER01"  # SlackSender's default user: the one who follows a speaker
REFRESH = "refresh digest schedules"  # the scheduler's every-tick job, as APScheduler names it
INGEST = "ingest the configured feeds"
NEW_ARTICLE = """Lavrov says talks on regional security must continue

JAKARTA: Russian Foreign Minister Sergei Lavrov said on Friday that the talks on regional \
security "must continue without any preconditions from Washington."

"We are ready to work with every partner in the region who respects our interests," Lavrov \
told reporters after the meeting.
"""


# ----------------------------------------------------------------------------- helpers


@pytest.fixture
def start() -> Iterator[Callable[..., subprocess.Popen]]:
    """Start `summit ...` processes; every one is stopped at teardown, even on failure."""
    started: list[subprocess.Popen] = []

    def run(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
        process = summit_process(args, env, log)
        started.append(process)
        return process

    yield run
    for process in started:
        with contextlib.suppress(ProcessLookupError):
            stop(process)


def summit_env(database_url: str, slack: FakeSlack, **settings: str) -> dict[str, str]:
    """The environment of a process under test: none of the developer's own settings, and the
    jobs run in process (JOB_QUEUE=inprocess) unless `settings` say otherwise."""
    env = {key: value for key, value in os.environ.items() if key not in VARIABLES}
    env.update(
        DATABASE_URL=database_url,
        SLACK_API_URL=slack.api_url,
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_SIGNING_SECRET=SECRET,
        DIGEST_TIMEZONE="UTC",
        SCHEDULER_TICK_SECONDS="1",
        FETCH_DELAY_SECONDS="0",
        LOG_LEVEL="INFO",
        LOG_FORMAT="text",
        **{"JOB_QUEUE": "inprocess", **settings},  # the queue's own tests ask for it
    )
    return env


def database_url(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def fake_slack(channels: list[str]) -> FakeSlack:
    slack = FakeSlack()
    slack.add_token(BOT_TOKEN)
    slack.add_user(READER, name="reader")
    for channel in channels:
        slack.add_channel(channel, name=channel.lower())
    return slack


def due_time() -> str:
    """A digest time five minutes ago: due at once, well inside the 2-hour grace."""
    return (datetime.now(UTC) - timedelta(minutes=5)).strftime("%H:%M")


def subscribe(engine: Engine, channels: list[str], at: str) -> None:
    with Session(engine) as session:
        for channel in channels:
            subscribe_channel(
                session=session, team_id=TEAM_ID, channel_id=channel, digest_time=at, timezone="UTC"
            )
        session.commit()


def lines(log: Path, *needles: str) -> int:
    """How many lines of `log` contain every one of `needles`."""
    if not log.exists():
        return 0
    text = log.read_text(errors="ignore")
    return sum(all(needle in line for needle in needles) for line in text.splitlines())


def wait_until(
    condition: Callable[[], object],
    what: str,
    *,
    timeout: float = 30,
    alive: tuple[subprocess.Popen, ...] = (),
    logs: tuple[Path, ...] = (),
):
    """Poll `condition` until it is truthy; fail (with the logs) on timeout or if a process
    in `alive` exits."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := condition():
            return value
        if any(process.poll() is not None for process in alive):
            pytest.fail(f"a process exited while waiting for {what}\n{tails(logs)}")
        time.sleep(0.1)
    pytest.fail(f"timed out after {timeout}s waiting for {what}\n{tails(logs)}")


def tails(logs: tuple[Path, ...], size: int = 3000) -> str:
    return "\n".join(
        f"--- {log.name}\n{log.read_text(errors='ignore')[-size:]}" for log in logs if log.exists()
    )


def parents(slack: FakeSlack, channel: str) -> list:
    """Top-level messages in a channel: one per digest posted."""
    return [m for m in slack.messages(channel) if not m.is_reply]


def thread(slack: FakeSlack, channel: str) -> list[str]:
    """A channel's digest as posted: each message's text, parent first, replies in order."""
    messages = slack.messages(channel)
    tops = [m for m in messages if not m.is_reply]
    if len(tops) != 1:
        return [f"{len(tops)} parent messages"]
    replies = [m for m in messages if m.thread_ts == tops[0].ts and m.is_reply]
    return [tops[0].text or "", *(m.text or "" for m in replies)]


def digest_rows(engine: Engine) -> dict[str, str]:
    with Session(engine) as session:
        rows = session.exec(select(DigestPost.channel_id, DigestPost.status)).all()
    return {channel: status for channel, status in rows}


def is_post(channel_prefix: str = "C") -> Callable:
    def match(call) -> bool:
        return (
            call.method == "chat.postMessage"
            and call.ok
            and str(call.args.get("channel", "")).startswith(channel_prefix)
            and not call.args.get("thread_ts")
        )

    return match


def lapse_leases(engine: Engine) -> None:
    """Stands in for DIGEST_LEASE (10 minutes) passing: every digest claim's lease ran out."""
    with Session(engine) as session:
        session.exec(
            update(DigestPost).values(lease_until=datetime.now(UTC) - timedelta(minutes=1))
        )
        session.commit()


def ticks_after(log: Path, process: subprocess.Popen, count: int = 2) -> None:
    """Wait until the scheduler has run `count` more successful ticks: a duplicate post,
    if the code could make one, would have been made by then."""
    seen = lines(log, REFRESH, "executed successfully")
    wait_until(
        lambda: lines(log, REFRESH, "executed successfully") >= seen + count,
        f"{count} more scheduler ticks",
        alive=(process,),
        logs=(log,),
    )


@pytest.fixture
def reference(engine, extractor) -> Engine:
    """The database with the reference article ingested, so digests have statements."""
    ingest_sources([str(REFERENCE)], engine=engine, extractor=extractor, delay=0)
    return engine


# ----------------------------------------------------------------------------- replicas


def test_replicas_post_each_digest_once_answer_every_command_and_dm_once(
    reference, tmp_path, start
):
    """2 web replicas + 2 schedulers on one database: each digest once, every command
    answered, one DM for a followed speaker's new statement."""
    engine = reference
    channels = ["C0REPLICA1", "C0REPLICA2", "C0REPLICA3", "C0REPLICA4"]
    due = due_time()
    subscribe(engine, channels[1:], due)  # the first comes from DIGEST_CHANNEL
    with Session(engine) as session:
        lavrov = session.exec(select(Speaker).where(Speaker.name == "Sergei Lavrov")).scalar_one()
        assert follow_speaker(
            session=session,
            team_id=TEAM_ID,
            user_id=READER,
            speaker_id=lavrov.id,
            alerted_through=latest_statement_id(session=session),
        )
        session.commit()
    article = tmp_path / "lavrov-new.txt"
    article.write_text(NEW_ARTICLE)
    with fake_slack(channels) as slack:
        env = summit_env(
            database_url(engine),
            slack,
            DIGEST_CHANNEL=channels[0],
            DIGEST_TIME=due,
            SUMMIT_FEEDS=str(article),
            INGEST_CRON="* * * * *",  # both schedulers ingest (and send DMs) at each minute
        )
        scheduler_logs = [tmp_path / "scheduler-1.log", tmp_path / "scheduler-2.log"]
        schedulers = tuple(start(["scheduler"], env, log) for log in scheduler_logs)
        ports = [free_port(), free_port()]
        serve_logs = [tmp_path / f"serve-{port}.log" for port in ports]
        serves = tuple(
            start(["serve", "--no-scheduler", "--host", "127.0.0.1", "--port", str(port)], env, log)
            for port, log in zip(ports, serve_logs, strict=True)
        )
        logs = (*scheduler_logs, *serve_logs)
        urls = [f"http://127.0.0.1:{port}" for port in ports]
        for url, serve, log in zip(urls, serves, serve_logs, strict=True):
            assert wait_until_healthy(url, serve, log)["database"] == "ok"

        slack.wait_for(is_post(), count=len(channels), timeout=40)

        with SlackSender(urls[0], SECRET) as first, SlackSender(urls[1], SECRET) as second:
            for n in range(6):
                sender = (first, second)[n % 2]
                reply = sender.command(
                    "/who-said", "Lavrov", response_url=slack.response_url(f"r{n}")
                )
                assert reply.status_code == 200, reply.text
        for n in range(6):
            answer = slack.wait_for(lambda c, n=n: c.name == f"r{n}", timeout=15)[0]
            assert "Sergei Lavrov" in str(answer.args["blocks"])

        # The DM goes out after the first ingest at a minute boundary: up to a minute away.
        dm = slack.wait_for(is_post("D"), timeout=75)[0]
        assert "preconditions" in str(dm.args)
        for scheduler, log in zip(schedulers, scheduler_logs, strict=True):
            wait_until(
                lambda log=log: lines(log, INGEST, "executed successfully") >= 1,
                "both schedulers' ingest and follow-up DM run",
                alive=(scheduler,),
                logs=logs,
            )
            ticks_after(log, scheduler)

        dms = [m for m in slack.messages() if m.channel.startswith("D")]
        assert len(dms) == 1, dms
        for channel in channels:
            assert len(parents(slack, channel)) == 1, (channel, tails(logs))
        assert digest_rows(engine) == dict.fromkeys(channels, "posted")
        assert all(s.poll() is None for s in (*schedulers, *serves)), tails(logs)
        outcomes = [lines(log, "digest ", ": posted") for log in scheduler_logs]
        assert sum(outcomes) == len(channels), tails(logs)


# ----------------------------------------------------------------------------- database


def proxied(engine: Engine, proxy: TcpProxy) -> str:
    """The engine's URL (schema included) but through the proxy."""
    return engine.url.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)


@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)
def test_database_outage_holds_the_digest_back_and_posts_it_once_when_back(engine, tmp_path, start):
    """PostgreSQL unreachable when a digest falls due: nothing posted, processes alive,
    /healthz 503; once it is back the digest is posted exactly once."""
    channel = "C0DBGONE01"
    scheduler_log, serve_log = tmp_path / "scheduler.log", tmp_path / "serve.log"
    logs = (scheduler_log, serve_log)
    with (
        TcpProxy((engine.url.host, engine.url.port or 5432)) as proxy,
        fake_slack([channel]) as slack,
    ):
        env = summit_env(proxied(engine, proxy), slack)  # nothing subscribed, nothing due yet
        scheduler = start(["scheduler"], env, scheduler_log)
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        serve = start(
            ["serve", "--no-scheduler", "--host", "127.0.0.1", "--port", str(port)], env, serve_log
        )
        wait_until_healthy(url, serve, serve_log)
        wait_until(
            lambda: lines(scheduler_log, REFRESH, "executed successfully"),
            "the scheduler's first tick",
            alive=(scheduler,),
            logs=logs,
        )

        proxy.stop()
        subscribe(engine, [channel], due_time())  # straight to PostgreSQL, not via the proxy
        failed = lines(scheduler_log, REFRESH, "raised an exception")
        wait_until(
            lambda: lines(scheduler_log, REFRESH, "raised an exception") >= failed + 3,
            "three scheduler ticks failing on the database",
            alive=(scheduler,),
            logs=logs,
        )
        health = httpx.get(url + "/healthz", timeout=10)
        assert health.status_code == 503 and health.json()["database"] != "ok", health.text
        assert slack.calls("chat.postMessage") == []
        assert scheduler.poll() is None and serve.poll() is None

        proxy.start()
        slack.wait_for(is_post(), timeout=20)
        ticks_after(scheduler_log, scheduler)
        assert httpx.get(url + "/healthz", timeout=10).status_code == 200
        assert len(parents(slack, channel)) == 1
        assert digest_rows(engine) == {channel: "posted"}
        assert scheduler.poll() is None, tails(logs)


@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)
def test_database_lost_between_post_and_record_does_not_post_again(engine, tmp_path, start):
    """The database drops while chat.postMessage is in flight: the digest must not be
    re-posted once the claim looks abandoned."""
    channel = "C0DBGONE02"
    log = tmp_path / "scheduler.log"
    with (
        TcpProxy((engine.url.host, engine.url.port or 5432)) as proxy,
        fake_slack([channel]) as slack,
    ):
        slack.fail("chat.postMessage", delay=3)  # answered (and posted) after 3 s, once
        scheduler = start(["scheduler"], summit_env(proxied(engine, proxy), slack), log)
        wait_until(lambda: lines(log, REFRESH, "executed successfully"), "a tick", logs=(log,))
        subscribe(engine, [channel], due_time())
        wait_until(  # "posting" is committed just before the (3 s) chat.postMessage call
            lambda: digest_rows(engine) == {channel: "posting"},
            "the claim to reach 'posting'",
            alive=(scheduler,),
            logs=(log,),
        )
        proxy.stop()  # while the post is in flight
        slack.wait_for(is_post(), timeout=10)
        failed = lines(log, REFRESH, "raised an exception")
        wait_until(
            lambda: lines(log, REFRESH, "raised an exception") > failed,
            "the failed record",
            alive=(scheduler,),
            logs=(log,),
        )
        proxy.start()
        assert digest_rows(engine) == {channel: "posting"}  # maybe posted: never retaken
        lapse_leases(engine)
        ticks_after(log, scheduler, count=3)
        assert digest_rows(engine) == {channel: "uncertain"}  # flagged for people, not re-posted
        assert len(parents(slack, channel)) == 1


# ----------------------------------------------------------------------------- Slack


@pytest.mark.parametrize(
    "engine", ["sqlite"], indirect=True
)  # Slack faults: one database is enough
def test_slack_429_and_500_for_a_stretch_then_every_digest_once_in_order(
    reference, tmp_path, start
):
    """chat.postMessage answers 429 (Retry-After 1) or 500 for ~5 s: afterwards every
    digest is posted once, complete and in order, like the channel that saw no fault."""
    engine = reference
    control, limited, broken, both = "C0CONTROL1", "C0LIMITED1", "C0BROKEN01", "C0BOTH0001"
    channels = [control, limited, broken, both]
    subscribe(engine, channels, due_time())
    log = tmp_path / "scheduler.log"
    with fake_slack(channels) as slack:
        slack.fail(
            "chat.postMessage",
            status=429,
            retry_after=1,
            times=None,
            when=lambda args: args["channel"] in (limited, both),
        )
        slack.fail(
            "chat.postMessage",
            status=500,
            times=None,
            when=lambda args: args["channel"] in (broken, both),
        )
        began = time.monotonic()
        scheduler = start(["scheduler"], summit_env(database_url(engine), slack), log)
        slack.wait_for(lambda c: c.status == 429, count=3, timeout=30)
        slack.wait_for(lambda c: c.status == 500, count=3, timeout=30)
        time.sleep(max(0.0, 5 - (time.monotonic() - began)))  # the outage lasts ~5 s of real time
        slack.clear_faults()

        wait_until(
            lambda: digest_rows(engine) == dict.fromkeys(channels, "posted"),
            "every digest posted",
            alive=(scheduler,),
            logs=(log,),
            timeout=45,
        )
        ticks_after(log, scheduler)
        expected = thread(slack, control)
        assert len(expected) > 1, "the digest should have thread replies"
        for channel in channels:
            assert thread(slack, channel) == expected, channel
        failed = [c for c in slack.calls("chat.postMessage") if not c.ok]
        assert {c.status for c in failed} == {429, 500}
        # the stretch outlasted the client's own retries: a later tick had to post
        assert lines(log, "digest ", ": failed") >= 1


@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)
def test_slack_timeout_does_not_post_the_digest_twice(reference, tmp_path, start):
    """chat.postMessage answers after the client's 10 s timeout (but posts, as Slack does):
    the digest appears once and is flagged "uncertain" for people, never re-posted."""
    channel = "C0TIMEOUT1"
    subscribe(reference, [channel], due_time())
    log = tmp_path / "scheduler.log"
    with fake_slack([channel]) as slack:
        slack.fail("chat.postMessage", delay=11, when=lambda args: "thread_ts" not in args)
        scheduler = start(["scheduler"], summit_env(database_url(reference), slack), log)
        wait_until(
            lambda: digest_rows(reference) == {channel: "uncertain"},
            "the timed-out post flagged",
            alive=(scheduler,),
            logs=(log,),
            timeout=45,
        )
        ticks_after(log, scheduler, count=3)
        assert len(parents(slack, channel)) == 1


# ----------------------------------------------------------------------------- restart


@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)
def test_scheduler_killed_before_the_digest_time_the_next_one_posts_it_once(
    engine, tmp_path, start
):
    """kill -9 the only scheduler just before a digest time; a new one started after that
    time posts the missed digest once."""
    channel = "C0RESTART1"
    first_log, second_log = tmp_path / "scheduler-1.log", tmp_path / "scheduler-2.log"
    with fake_slack([channel]) as slack:
        env = summit_env(database_url(engine), slack)
        first = start(["scheduler"], env, first_log)
        wait_until(
            lambda: lines(first_log, REFRESH, "executed successfully"), "a tick", logs=(first_log,)
        )
        now = datetime.now(UTC)
        digest_at = (now + timedelta(minutes=1)).replace(second=0, microsecond=0)
        if digest_at - now < timedelta(seconds=3):
            digest_at += timedelta(minutes=1)
        subscribe(engine, [channel], digest_at.strftime("%H:%M"))
        wait_until(
            lambda: lines(first_log, f"digest for {channel}"),
            "the scheduler taking up the new schedule",
            alive=(first,),
            logs=(first_log,),
        )
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(timeout=10)
        assert datetime.now(UTC) < digest_at, "killed too late"
        # The digest time has to pass in real time while no scheduler runs.
        time.sleep((digest_at - datetime.now(UTC)).total_seconds() + 1)
        assert slack.calls("chat.postMessage") == [] and digest_rows(engine) == {}

        second = start(["scheduler"], env, second_log)
        slack.wait_for(is_post(), timeout=30)
        ticks_after(second_log, second)
        assert len(parents(slack, channel)) == 1
        assert digest_rows(engine) == {channel: "posted"}
        assert lines(second_log, digest_at.strftime("%H:%M"), channel, ": posted") == 1


@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)
def test_scheduler_killed_while_posting_leaves_the_digest_uncertain_not_reposted(
    engine, tmp_path, start
):
    """kill -9 the scheduler while chat.postMessage is in flight (Slack posts it anyway): the
    claim stays "posting"; once its lease has run out the next scheduler flags it
    "uncertain" and never posts it again."""
    channel = "C0KILLPOST"
    first_log, second_log = tmp_path / "scheduler-1.log", tmp_path / "scheduler-2.log"
    with fake_slack([channel]) as slack:
        slack.fail("chat.postMessage", delay=3)  # answered (and posted) after 3 s, once
        env = summit_env(database_url(engine), slack)
        first = start(["scheduler"], env, first_log)
        wait_until(
            lambda: lines(first_log, REFRESH, "executed successfully"), "a tick", logs=(first_log,)
        )
        subscribe(engine, [channel], due_time())
        wait_until(
            lambda: digest_rows(engine) == {channel: "posting"},
            "the claim to reach 'posting'",
            alive=(first,),
            logs=(first_log,),
        )
        time.sleep(1)  # "posting" is committed just before the request: let it leave
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(timeout=10)
        slack.wait_for(is_post(), timeout=10)  # Slack shows it: the poster never heard so

        second = start(["scheduler"], env, second_log)
        ticks_after(second_log, second)
        assert digest_rows(engine) == {channel: "posting"}  # its lease still runs
        lapse_leases(engine)
        ticks_after(second_log, second, count=3)
        assert digest_rows(engine) == {channel: "uncertain"}
        assert len(parents(slack, channel)) == 1
        assert lines(second_log, "may not have been posted") == 1


@pytest.mark.timeout(240)  # two scheduled ingests, each at a minute boundary
@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)
def test_scheduler_killed_while_sending_a_dm_leaves_the_batch_uncertain_not_resent(
    reference, tmp_path, start
):
    """kill -9 the scheduler while chat.postMessage holds a follower's DM (Slack delivers it
    anyway): the batch stays "sending"; once its lease has run out the next scheduler's DM
    run marks it "uncertain", counts it as told and never sends it again."""
    engine = reference
    lavrov = follow_lavrov(engine)
    article = tmp_path / "lavrov-new.txt"
    article.write_text(NEW_ARTICLE)
    first_log, second_log = tmp_path / "scheduler-1.log", tmp_path / "scheduler-2.log"
    with fake_slack([]) as slack:
        # The DM is answered (and delivered) after 3 s, once.
        slack.fail("chat.postMessage", delay=3, when=lambda args: args["channel"][0] == "D")
        env = summit_env(
            database_url(engine), slack, SUMMIT_FEEDS=str(article), INGEST_CRON="* * * * *"
        )
        first = start(["scheduler"], env, first_log)
        wait_until(
            lambda: alert_rows(engine) == ["sending"],
            "the DM batch to reach 'sending' (at the next minute's ingest)",
            timeout=100,
            alive=(first,),
            logs=(first_log,),
        )
        time.sleep(1)  # "sending" is committed just before the request: let it leave
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(timeout=10)
        slack.wait_for(is_post("D"), timeout=10)  # Slack delivers it: the sender never heard so

        with Session(engine) as session:  # stands in for ALERT_LEASE (5 minutes) passing
            session.exec(update(Alert).values(lease_until=datetime.now(UTC) - timedelta(minutes=1)))
            session.commit()
        second = start(["scheduler"], env, second_log)
        wait_until(
            lambda: lines(second_log, INGEST, "executed successfully"),
            "the next scheduler's ingest and DM run",
            timeout=100,
            alive=(second,),
            logs=(second_log,),
        )
        assert alert_rows(engine) == ["uncertain"]
        assert len([m for m in slack.messages() if m.channel.startswith("D")]) == 1
        assert lines(second_log, "sender died while sending: 1 uncertain") == 1
        with Session(engine) as session:
            [follow] = session.exec(select(Follow)).scalars().all()
            assert follow.alerted_through > lavrov  # told: the batch is not owed any more


def follow_lavrov(engine: Engine) -> int:
    """READER follows Sergei Lavrov, told of everything stored so far; returns that
    statement id."""
    with Session(engine) as session:
        lavrov = session.exec(select(Speaker).where(Speaker.name == "Sergei Lavrov")).scalar_one()
        through = latest_statement_id(session=session)
        assert follow_speaker(
            session=session,
            team_id=TEAM_ID,
            user_id=READER,
            speaker_id=lavrov.id,
            alerted_through=through,
        )
        session.commit()
    return through


def alert_rows(engine: Engine) -> list[str]:
    with Session(engine) as session:
        return list(session.exec(select(Alert.status)).scalars())


@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)
def test_slack_500_on_thread_replies_for_a_stretch_loses_no_reply(reference, tmp_path, start):
    """chat.postMessage answers 500 to thread replies for 8 s, after the parent was posted:
    the thread still ends up complete, like the channel that saw no fault."""
    control, flaky = "C0CONTROL2", "C0REPLIES1"
    subscribe(reference, [control, flaky], due_time())
    log = tmp_path / "scheduler.log"
    with fake_slack([control, flaky]) as slack:
        slack.fail(
            "chat.postMessage",
            status=500,
            times=None,
            when=lambda args: args["channel"] == flaky and "thread_ts" in args,
        )
        scheduler = start(["scheduler"], summit_env(database_url(reference), slack), log)
        first = slack.wait_for(lambda c: c.status == 500, timeout=30)[0]
        # The outage lasts 8 s of real time: longer than the client's 3 retries (at most ~6.5 s).
        time.sleep(max(0.0, first.at + 8 - slack.clock()))
        slack.clear_faults()
        wait_until(
            lambda: digest_rows(reference) == dict.fromkeys([control, flaky], "posted"),
            "both digests posted",
            alive=(scheduler,),
            logs=(log,),
        )
        ticks_after(log, scheduler)
        assert thread(slack, flaky) == thread(slack, control)
