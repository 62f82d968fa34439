"""The job queue on PostgreSQL (JOB_QUEUE=procrastinate): deferring, workers, recovery."""

from __future__ import annotations

import asyncio
import os
import signal
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.web import SlackResponse
from sqlalchemy import Engine, select, text
from sqlmodel import Session

from bot.health import health_report
from jobs.queue import (
    ALERT_FOLLOWERS,
    DELIVER_DIGEST,
    INGEST_FEED,
    SEND_FOLLOWER_ALERT,
    JobQueue,
    TransientJobError,
    TransientRetry,
    forget_finished,
    is_transient,
    make_queue_app,
)
from jobs.scheduler import latest_fire_time
from storage.follows import follow_speaker
from storage.models import Alert, Speaker
from storage.reads import active_subscriptions, latest_statement_id
from storage.times import as_utc
from summit.cli import main
from summit.errors import ConfigError
from summit.settings import load_settings
from summit.wiring import ingest_sources
from tests.conftest import REFERENCE
from tests.fakes import TEAM_ID, SlackSender
from tests.jobs.test_worker import counts, serve_feeds
from tests.test_faults import (
    NEW_ARTICLE,
    READER,
    SECRET,
    database_url,
    digest_rows,
    due_time,
    fake_slack,
    is_post,
    lines,
    parents,
    subscribe,
    summit_env,
    wait_until,
)
from tests.test_processes import free_port, stop, summit_process, wait_until_healthy

POSTGRES = pytest.mark.parametrize("engine", ["postgresql"], indirect=True)


@pytest.fixture
def queue(engine: Engine) -> Iterator[JobQueue]:
    opened = JobQueue.open(database_url(engine))
    yield opened
    opened.close()


@pytest.fixture
def processes() -> Iterator[list]:
    """`summit ...` processes started by a test; each is stopped at teardown."""
    started: list = []
    yield started
    for process in started:
        stop(process)


def queue_env(engine: Engine, slack, **settings: str) -> dict[str, str]:
    return summit_env(database_url(engine), slack, JOB_QUEUE="procrastinate", **settings)


def due_fire(engine: Engine, channel: str) -> datetime:
    """The scheduled time the scheduler would defer for `channel` now."""
    with Session(engine) as session:
        (subscription,) = [
            s for s in active_subscriptions(session=session) if s.channel_id == channel
        ]
    return latest_fire_time(subscription, now=datetime.now(UTC))


def job_statuses(queue: JobQueue, task: str) -> list[tuple[str, int]]:
    return [(job.status, job.attempts) for job in queue.jobs(task=task)]


# ----------------------------------------------------------------------------- deferring


@POSTGRES
def test_a_feed_deferred_twice_is_one_job(queue):
    """A feed already waiting in the queue is not queued again (its queueing lock)."""
    first = queue.defer_feed("https://news.example/feed.rss")
    again = queue.defer_feed("https://news.example/feed.rss")
    other = queue.defer_feed("https://other.example/feed.rss")
    assert first is not None and again is None and other is not None
    assert sorted(job.arguments["url"] for job in queue.jobs(task=INGEST_FEED)) == [
        "https://news.example/feed.rss",
        "https://other.example/feed.rss",
    ]


@POSTGRES
def test_two_schedulers_deferring_the_same_due_digest_create_one_job(engine, monkeypatch):
    """Two deferring schedulers, each catching up at start and then every second, defer a
    channel's due digest once; the same channel's next scheduled time is a job of its own."""
    from summit.queueing import start_deferring_scheduler

    subscribe(engine, ["C0TWICE"], due_time())
    settings = load_settings(
        {
            "DATABASE_URL": database_url(engine),
            "JOB_QUEUE": "procrastinate",
            "SCHEDULER_TICK_SECONDS": "1",
        },
        env_file=None,
    )
    schedulers = [
        start_deferring_scheduler(settings, engine=engine, background=True) for _ in range(2)
    ]
    try:
        time.sleep(2.5)  # a few ticks of each
    finally:
        for scheduler in schedulers:
            scheduler.shutdown(wait=True)
    queue = JobQueue.open(database_url(engine))
    try:
        fire = due_fire(engine, "C0TWICE")
        assert [job.arguments for job in queue.jobs(task=DELIVER_DIGEST)] == [
            {"team_id": TEAM_ID, "channel_id": "C0TWICE", "timestamp": int(fire.timestamp())}
        ]
        assert queue.defer_digest(TEAM_ID, "C0TWICE", fire) is None
        assert queue.defer_digest(TEAM_ID, "C0TWICE", fire + timedelta(days=1)) is not None
    finally:
        queue.close()


# ----------------------------------------------------------------------------- workers


@POSTGRES
def test_a_digest_job_run_by_a_worker_posts_once_to_slack(engine, queue, tmp_path, processes):
    """A due digest deferred by two schedulers is one job, and `/digest now` in another
    channel is deferred as one too: `summit worker --once` posts each to Slack (the fake,
    over HTTP) once, answers the person who asked, and both jobs succeed."""
    from jobs.digest_now import DigestNow
    from summit.wiring import digest_now_dispatch

    channel, asked_in = "C0QUEUED1", "C0ASKED01"
    subscribe(engine, [channel], due_time())
    fire = due_fire(engine, channel)
    other = JobQueue.open(database_url(engine))
    try:
        assert queue.defer_digest(TEAM_ID, channel, fire) is not None
        assert other.defer_digest(TEAM_ID, channel, fire) is None
    finally:
        other.close()
    with fake_slack([channel, asked_in]) as slack:
        env = queue_env(engine, slack)
        dispatch = digest_now_dispatch(load_settings(env, env_file=None), engine=engine)
        dispatch(
            DigestNow(
                team_id=TEAM_ID,
                channel_id=asked_in,
                requested_at=datetime.now(UTC),
                response_url=slack.response_url("asked"),
            )
        )
        log = tmp_path / "worker.log"
        worker = summit_process(["worker", "--once"], env, log)
        processes.append(worker)
        assert worker.wait(timeout=120) == 0, log.read_text(errors="ignore")
        assert len(parents(slack, channel)) == 1
        assert len(parents(slack, asked_in)) == 1
        assert len(slack.responses("asked")) == 1
    assert digest_rows(engine)[channel] == "posted"
    assert job_statuses(queue, DELIVER_DIGEST) == [("succeeded", 1)]
    assert job_statuses(queue, "summit.post_digest_now") == [("succeeded", 1)]


@POSTGRES
def test_a_worker_given_queues_runs_only_their_jobs(engine, queue, tmp_path, processes):
    """`summit worker --queue digests` runs the waiting digest and leaves the feed's ingest
    job waiting for a worker of the ingest queue."""
    channel = "C0ONLYDIG1"
    subscribe(engine, [channel], due_time())
    queue.defer_digest(TEAM_ID, channel, due_fire(engine, channel))
    queue.defer_feed("https://news.example/feed.rss")
    with fake_slack([channel]) as slack:
        log = tmp_path / "worker.log"
        worker = summit_process(
            ["worker", "--once", "--queue", "digests"], queue_env(engine, slack), log
        )
        processes.append(worker)
        assert worker.wait(timeout=120) == 0, log.read_text(errors="ignore")
        assert len(parents(slack, channel)) == 1
    assert job_statuses(queue, DELIVER_DIGEST) == [("succeeded", 1)]
    assert job_statuses(queue, INGEST_FEED) == [("todo", 0)]


@POSTGRES
def test_a_worker_killed_mid_digest_leaves_a_job_another_worker_finishes_posting_once(
    engine, queue, tmp_path, processes
):
    """kill -9 a worker while its digest's chat.postMessage is in flight (Slack posts it): the
    job stays 'doing' on a dead worker; the next worker puts it back in the queue once the
    heartbeat is stale and runs it, which finds the claim taken: one post, the job succeeds."""
    channel = "C0KILLED1"
    subscribe(engine, [channel], due_time())
    queue.defer_digest(TEAM_ID, channel, due_fire(engine, channel))
    with fake_slack([channel]) as slack:
        slack.fail("chat.postMessage", delay=4)  # answered (and posted) after 4 s, once
        env = queue_env(engine, slack)
        first_log, second_log = tmp_path / "worker-1.log", tmp_path / "worker-2.log"
        victim = summit_process(["worker", "--stalled-after", "2"], env, first_log)
        processes.append(victim)
        wait_until(
            lambda: digest_rows(engine) == {channel: "posting"},
            "the claim to reach 'posting'",
            alive=(victim,),
            logs=(first_log,),
        )
        time.sleep(1)  # "posting" is committed just before the request: let it leave
        os.killpg(victim.pid, signal.SIGKILL)
        victim.wait(timeout=10)
        slack.wait_for(is_post(), timeout=10)  # Slack shows it: the worker never heard so
        assert job_statuses(queue, DELIVER_DIGEST) == [("doing", 0)]

        time.sleep(3)  # the dead worker's heartbeat is now older than --stalled-after
        survivor = summit_process(["worker", "--once", "--stalled-after", "2"], env, second_log)
        processes.append(survivor)
        assert survivor.wait(timeout=120) == 0, second_log.read_text(errors="ignore")
        assert len(parents(slack, channel)) == 1
    assert "stalled on a dead worker: retried" in second_log.read_text(errors="ignore")
    assert job_statuses(queue, DELIVER_DIGEST) == [("succeeded", 2)]


@POSTGRES
def test_a_worker_killed_mid_ingest_leaves_a_job_another_worker_finishes_storing_once(
    engine, queue, feed_server, tmp_path, processes
):
    """kill -9 a worker halfway through a feed: the next worker retries the stalled job,
    which takes its own feed lease again and stores the rest; every article once."""
    (feed,) = serve_feeds(feed_server, feeds=1, per_feed=12)
    queue.defer_feed(feed)
    env = {
        **os.environ,
        "DATABASE_URL": database_url(engine),
        "JOB_QUEUE": "procrastinate",
        "SUMMIT_FEEDS": feed,  # the operator's: it may be on 127.0.0.1
        "FETCH_DELAY_SECONDS": "0",
        "LOG_LEVEL": "INFO",
    }
    first_log, second_log = tmp_path / "worker-1.log", tmp_path / "worker-2.log"
    victim = summit_process(["worker", "--stalled-after", "2"], env, first_log)
    processes.append(victim)
    wait_until(
        lambda: counts(engine)[0] >= 3,
        "some articles stored",
        timeout=120,
        alive=(victim,),
        logs=(first_log,),
    )
    os.killpg(victim.pid, signal.SIGKILL)
    victim.wait(timeout=10)
    stored_before = counts(engine)[0]
    assert stored_before < 12, "the kill did not land mid-feed"
    assert job_statuses(queue, INGEST_FEED) == [("doing", 0)]

    time.sleep(3)  # the dead worker's heartbeat is now older than --stalled-after
    survivor = summit_process(["worker", "--once", "--stalled-after", "2"], env, second_log)
    processes.append(survivor)
    assert survivor.wait(timeout=180) == 0, second_log.read_text(errors="ignore")
    articles, urls, _ = counts(engine)
    assert articles == urls == 12
    assert job_statuses(queue, INGEST_FEED) == [("succeeded", 2)]


def test_a_feed_jobs_ingest_takes_no_lease_and_keeps_the_feeds_schedule(engine):
    """On the queue a feed is ingested only when due, with no lease taken; afterwards it is
    due again after the interval, or after the Retry-After its server sent; a run that dies
    leaves it due, so the retried job ingests it."""
    from types import SimpleNamespace

    from jobs.worker import ingest_if_due
    from storage.models import FeedState

    url, now, every = "https://news.example/feed.rss", datetime.now(UTC), timedelta(hours=1)
    ingested = []

    def ingest(sources, retry_after=None):
        ingested.append(list(sources))
        return SimpleNamespace(retry_after=retry_after or {})

    def state():
        with Session(engine) as session:
            return session.get(FeedState, url)

    assert ingest_if_due(url, engine=engine, ingest=ingest, every=every, now=now) is not None
    assert state().leased_until is None and state().leased_by is None
    assert abs(as_utc(state().next_fetch_at) - (now + every)) < timedelta(seconds=1)
    assert ingest_if_due(url, engine=engine, ingest=ingest, every=every, now=now) is None
    later = now + every
    throttled = lambda sources: ingest(sources, {url: 7200})  # noqa: E731
    ingest_if_due(url, engine=engine, ingest=throttled, every=every, now=later)
    assert as_utc(state().next_fetch_at) >= later + timedelta(hours=2)

    def dies(sources):
        raise OSError("killed")

    again = later + timedelta(hours=3)
    with pytest.raises(OSError):
        ingest_if_due(url, engine=engine, ingest=dies, every=every, now=again)
    assert ingest_if_due(url, engine=engine, ingest=ingest, every=every, now=again) is not None
    assert ingested == [[url]] * 3


@POSTGRES
def test_a_worker_killed_mid_dm_leaves_a_job_another_worker_finishes_sending_once(
    reference, extractor, queue, tmp_path, processes
):
    """kill -9 a worker while a follower's DM is in flight (Slack sends it): the next worker
    retries the stalled job, which finds the batch claimed: one DM, the job succeeds."""
    engine = reference
    follow_lavrov(engine)
    article = tmp_path / "lavrov-new.txt"
    article.write_text(NEW_ARTICLE)
    ingest_sources([str(article)], engine=engine, extractor=extractor, delay=0)
    queue.app.configure_task(ALERT_FOLLOWERS, queueing_lock="alerts").defer()
    with fake_slack([]) as slack:
        slack.fail("chat.postMessage", delay=4)  # answered (and sent) after 4 s, once
        env = queue_env(engine, slack)
        first_log, second_log = tmp_path / "worker-1.log", tmp_path / "worker-2.log"
        victim = summit_process(["worker", "--stalled-after", "2"], env, first_log)
        processes.append(victim)
        wait_until(
            lambda: alert_statuses(engine) == ["sending"],
            "the DM's claim to reach 'sending'",
            alive=(victim,),
            logs=(first_log,),
        )
        time.sleep(1)  # "sending" is committed just before the request: let it leave
        os.killpg(victim.pid, signal.SIGKILL)
        victim.wait(timeout=10)
        slack.wait_for(is_post("D"), timeout=10)
        assert job_statuses(queue, SEND_FOLLOWER_ALERT) == [("doing", 0)]

        time.sleep(3)  # the dead worker's heartbeat is now older than --stalled-after
        survivor = summit_process(["worker", "--once", "--stalled-after", "2"], env, second_log)
        processes.append(survivor)
        assert survivor.wait(timeout=120) == 0, second_log.read_text(errors="ignore")
        assert len([m for m in slack.messages() if m.channel.startswith("D")]) == 1
    assert job_statuses(queue, SEND_FOLLOWER_ALERT) == [("succeeded", 2)]
    assert alert_statuses(engine) == ["sending"]  # never re-sent; flagged once its lease ends


def follow_lavrov(engine: Engine) -> None:
    """READER follows Sergei Lavrov from now on: only newer statements make a DM."""
    with Session(engine) as session:
        lavrov = session.exec(select(Speaker).where(Speaker.name == "Sergei Lavrov")).scalar_one()
        follow_speaker(
            session=session,
            team_id=TEAM_ID,
            user_id=READER,
            speaker_id=lavrov.id,
            alerted_through=latest_statement_id(session=session),
        )
        session.commit()


def alert_statuses(engine: Engine) -> list[str]:
    with Session(engine) as session:
        return list(session.exec(select(Alert.status)).scalars())


# ----------------------------------------------------------------------------- replicas


@pytest.fixture
def reference(engine, extractor) -> Engine:
    """The database with the reference article ingested, so digests have statements."""
    ingest_sources([str(REFERENCE)], engine=engine, extractor=extractor, delay=0)
    return engine


@POSTGRES
def test_two_schedulers_two_workers_and_a_web_replica_post_each_digest_and_dm_once(
    reference, queue, tmp_path, processes
):
    """2 schedulers + 2 workers + a web replica on one PostgreSQL: every due digest is
    deferred once and posted once, `/digest now` over signed HTTP is answered at once and
    posted by a worker, and the feed the schedulers both defer every minute brings the
    follower one DM."""
    engine = reference
    channels = ["C0QREPLIC1", "C0QREPLIC2", "C0QREPLIC3"]
    subscribe(engine, channels, due_time())
    follow_lavrov(engine)
    article = tmp_path / "lavrov-new.txt"
    article.write_text(NEW_ARTICLE)
    with fake_slack([*channels, "C0SUMMIT01"]) as slack:
        env = queue_env(
            engine, slack, SUMMIT_FEEDS=str(article), INGEST_CRON="* * * * *"
        )  # both schedulers defer the feed at each minute
        logs = [tmp_path / f"{name}.log" for name in ("s1", "s2", "w1", "w2", "web")]
        port = free_port()
        for args, log in zip(
            (
                ["scheduler"],
                ["scheduler"],
                ["worker", "--concurrency", "2"],
                ["worker", "--concurrency", "2"],
                ["serve", "--no-scheduler", "--host", "127.0.0.1", "--port", str(port)],
            ),
            logs,
            strict=True,
        ):
            processes.append(summit_process(args, env, log))
        url = f"http://127.0.0.1:{port}"
        assert wait_until_healthy(url, processes[-1], logs[-1])["queue"]["waiting"] >= 0

        slack.wait_for(is_post(), count=len(channels), timeout=60)
        with SlackSender(url, SECRET) as sender:
            started = time.monotonic()
            answer = sender.command("/digest", "now", response_url=slack.response_url("now"))
            assert answer.status_code == 200 and time.monotonic() - started < 2
        slack.wait_for(lambda call: call.name == "now", count=2, timeout=30)
        dm = slack.wait_for(is_post("D"), timeout=90)[0]  # after an ingest at a minute boundary
        assert "preconditions" in str(dm.args)
        time.sleep(3)  # the schedulers tick every second: a duplicate would be deferred by now

        for channel in [*channels, "C0SUMMIT01"]:
            assert len(parents(slack, channel)) == 1, channel
        assert len([m for m in slack.messages() if m.channel.startswith("D")]) == 1
        assert all(process.poll() is None for process in processes)
    assert {c: s for c, s in digest_rows(engine).items() if c in channels} == dict.fromkeys(
        channels, "posted"
    )
    deferred = sum(lines(log, "digest ", ": deferred (job") for log in logs[:2])
    assert deferred == len(channels)
    assert len(queue.jobs(task=DELIVER_DIGEST)) == len(channels)


# ----------------------------------------------------------------------------- retries


def slack_error(status: int, error: str, headers: dict | None = None) -> SlackApiError:
    response = SlackResponse(
        client=None,
        http_verb="POST",
        api_url="https://slack.test/api/chat.postMessage",
        req_args={},
        data={"ok": False, "error": error},
        headers=headers or {},
        status_code=status,
    )
    return SlackApiError(error, response)


class Attempt:
    def __init__(self, attempts: int) -> None:
        self.attempts = attempts


def test_transient_failures_are_retried_and_permanent_ones_are_not():
    """Slack 5xx and rate limits, lost connections and our TransientJobError are transient;
    a channel the bot is not in, or a bug, is not."""
    assert is_transient(slack_error(503, "service_unavailable"))
    assert is_transient(slack_error(429, "ratelimited"))
    assert is_transient(httpx.ConnectError("refused"))
    assert is_transient(ConnectionResetError())
    assert is_transient(TransientJobError("digest failed"))
    assert not is_transient(slack_error(200, "not_in_channel"))
    assert not is_transient(KeyError("ts"))


def test_retries_back_off_exponentially_follow_retry_after_and_stop():
    """Waits double from 2 s; a 429's Retry-After wins; after the last attempt, no retry."""
    retry = TransientRetry(max_attempts=4)
    error = TransientJobError("failed")
    waits = []
    for attempts in range(3):
        decision = retry.get_retry_decision(exception=error, job=Attempt(attempts))
        waits.append(round((decision.retry_at - datetime.now(UTC)).total_seconds()))
    assert waits == [2, 4, 8]
    assert retry.get_retry_decision(exception=error, job=Attempt(3)) is None
    limited = slack_error(429, "ratelimited", {"Retry-After": "30"})
    decision = retry.get_retry_decision(exception=limited, job=Attempt(0))
    assert round((decision.retry_at - datetime.now(UTC)).total_seconds()) == 30
    bug = retry.get_retry_decision(exception=KeyError("ts"), job=Attempt(0))
    assert bug is None


# ----------------------------------------------------------------------------- operators


@POSTGRES
def test_health_reports_how_many_jobs_wait_and_since_when(engine, queue):
    """On PostgreSQL /healthz counts the jobs due and not yet taken, and the oldest's age."""
    assert health_report(engine)["queue"] == {"waiting": 0, "oldest_waiting_since": None}
    before = datetime.now(UTC) - timedelta(seconds=1)
    queue.defer_feed("https://a.example/feed.rss")
    queue.defer_feed("https://b.example/feed.rss")
    report = health_report(engine)["queue"]
    assert report["waiting"] == 2
    assert before <= datetime.fromisoformat(report["oldest_waiting_since"]) <= datetime.now(UTC)


@POSTGRES
def test_finished_jobs_are_forgotten_after_a_day_failed_ones_after_two_weeks(engine, queue):
    """The daily clean-up deletes jobs that succeeded more than a day ago and failed ones
    more than two weeks ago; newer ones and waiting ones stay."""
    ages = {"succeeded": (25, 23), "failed": (24 * 15, 24 * 13), "todo": (24 * 30,)}
    made = {}
    for status, hours in ages.items():
        for age in hours:
            job = queue.defer_feed(f"https://{status}-{age}.example/feed.rss")
            made[job] = (status, age)
            with engine.begin() as connection:
                connection.execute(
                    text("UPDATE procrastinate_jobs SET status = :status WHERE id = :id"),
                    {"status": status, "id": job},
                )
                connection.execute(
                    text(
                        "UPDATE procrastinate_events SET at = now() - make_interval(hours => :age)"
                        " WHERE job_id = :id"
                    ),
                    {"age": age, "id": job},
                )
    asyncio.run(forget(database_url(engine)))
    assert sorted(made[job.id] for job in queue.jobs()) == [
        ("failed", 24 * 13),
        ("succeeded", 23),
        ("todo", 24 * 30),
    ]


async def forget(url: str) -> None:
    app = make_queue_app(url)
    async with app.open_async():
        await forget_finished(app)


@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)
def test_health_on_sqlite_reports_no_queue(engine):
    """The embedded setup has no queue to report."""
    assert "queue" not in health_report(engine)


@POSTGRES
def test_summit_jobs_lists_cancels_and_retries(engine, queue, monkeypatch, capsys):
    """`summit jobs list` shows a waiting job; `cancel` cancels it (a second time is a clear
    error); `retry` puts it back in the queue."""
    monkeypatch.setenv("DATABASE_URL", database_url(engine))
    monkeypatch.setenv("JOB_QUEUE", "procrastinate")
    job = queue.defer_feed("https://news.example/feed.rss")
    assert run(capsys, "jobs", "list")[1].startswith(f"{job}\ttodo\tingest\t{INGEST_FEED}\t0\t")
    assert run(capsys, "jobs", "cancel", str(job))[0] == 0
    code, _, err = run(capsys, "jobs", "cancel", str(job))
    assert code == 2 and "not waiting" in err
    assert run(capsys, "jobs", "list", "--status", "cancelled")[1].startswith(f"{job}\tcancelled")
    with engine.begin() as connection:  # as a job a worker gave up on
        connection.execute(
            text("UPDATE procrastinate_jobs SET status = 'failed' WHERE id = :id"), {"id": job}
        )
    assert run(capsys, "jobs", "retry", str(job))[0] == 0
    assert [j.status for j in queue.jobs()] == ["todo"]


def test_the_queue_needs_postgresql():
    """JOB_QUEUE=procrastinate with a SQLite database is a configuration error."""
    with pytest.raises(ConfigError, match="JOB_QUEUE=procrastinate needs a postgresql"):
        load_settings({"JOB_QUEUE": "procrastinate"}, env_file=None)


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["--env-file", "/nonexistent/.env", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@POSTGRES
def test_a_worker_runs_as_many_jobs_at_once_as_its_concurrency(engine, queue, monkeypatch):
    """`summit worker --concurrency 8` runs 8 digest jobs at the same moment (not only as
    many as asyncio's default thread pool holds: 6 on two cores)."""
    from types import SimpleNamespace

    from jobs.queue import Work
    from summit import queueing

    together = threading.Barrier(8, timeout=20)

    def deliver_digest(team_id: str, channel_id: str, fire_time: datetime):
        together.wait()  # breaks (and the job fails) unless all 8 run at once
        return SimpleNamespace(outcome="posted", error=None)

    def unused(*_args):
        raise AssertionError("not a digest")

    work = Work(unused, deliver_digest, unused, unused, unused, unused)
    monkeypatch.setattr(queueing, "queue_work", lambda *args, **kwargs: work)
    now = datetime.now(UTC)
    for n in range(8):
        queue.defer_digest(TEAM_ID, f"C0TOGETHER{n}", now)
    settings = load_settings(
        {"DATABASE_URL": database_url(engine), "JOB_QUEUE": "procrastinate"}, env_file=None
    )
    queueing.run_worker(settings, engine=engine, concurrency=8, once=True)
    assert job_statuses(queue, DELIVER_DIGEST) == [("succeeded", 1)] * 8


@POSTGRES
def test_one_summit_serve_on_postgresql_runs_its_own_jobs(engine, queue, tmp_path, processes):
    """On PostgreSQL the queue is the default: one `summit serve` (JOB_QUEUE unset) defers the
    due digest as a job, its own worker posts it once, and /healthz reports the queue; on
    SIGTERM the process stops within the grace."""
    channel = "C0SERVED1"
    with fake_slack([channel]) as slack:
        env = summit_env(database_url(engine), slack, DIGEST_CHANNEL=channel)
        env["DIGEST_TIME"] = due_time()
        del env["JOB_QUEUE"]  # the default
        port = free_port()
        log = tmp_path / "serve.log"
        serve = summit_process(["serve", "--host", "127.0.0.1", "--port", str(port)], env, log)
        processes.append(serve)
        health = wait_until_healthy(f"http://127.0.0.1:{port}", serve, log)
        assert "queue" in health, health
        slack.wait_for(is_post(), timeout=60)
        wait_until(
            lambda: job_statuses(queue, DELIVER_DIGEST) == [("succeeded", 1)],
            "the digest job to succeed",
            alive=(serve,),
            logs=(log,),
        )
        assert len(parents(slack, channel)) == 1
        stop(serve)
        assert serve.returncode is not None
    assert digest_rows(engine)[channel] == "posted"


@POSTGRES
def test_an_ingest_job_queues_the_positions_step_which_reads_the_new_statements(
    engine, queue, extractor
):
    """After a feed job stores statements, one positions job reads what each of them holds
    (the timelines' changes of position), as the in-process scheduler's ingest does."""
    from sqlalchemy import func

    from jobs.queue import NOTE_POSITIONS
    from storage.models import Statement, StatementStance
    from summit.queueing import run_worker

    settings = load_settings(
        {
            "DATABASE_URL": database_url(engine),
            "SUMMIT_FEEDS": str(REFERENCE),
            "FETCH_DELAY_SECONDS": "0",
        },
        env_file=None,
    )
    assert settings.job_queue == "procrastinate"
    queue.defer_feed(str(REFERENCE))
    run_worker(settings, engine=engine, concurrency=1, once=True)
    assert job_statuses(queue, INGEST_FEED) == [("succeeded", 1)]
    assert job_statuses(queue, NOTE_POSITIONS) == [("succeeded", 1)]
    with Session(engine) as session:
        statements = session.exec(select(func.count()).select_from(Statement)).scalar_one()
        read = session.exec(
            select(func.count(func.distinct(StatementStance.statement_id)))
        ).scalar_one()
    assert statements > 0 and read == statements


def test_a_cron_firings_deferral_is_tried_again_when_the_database_blinks():
    """A channel's cron firing comes once: a deferral that fails is tried again (3 times in
    all), and a third failure is raised for the scheduler to log."""
    from types import SimpleNamespace

    from summit.queueing import DEFER_ATTEMPTS, defer_digest

    class Blinking:
        def __init__(self, failures: int) -> None:
            self.failures, self.calls = failures, 0

        def defer_digest(self, team_id, channel_id, fire_time):
            self.calls += 1
            if self.calls <= self.failures:
                raise OSError("connection refused")
            return 42

    channel = SimpleNamespace(team_id=TEAM_ID, channel_id="C0BLINK01")
    fire, pauses = datetime.now(UTC), []
    recovering = Blinking(failures=DEFER_ATTEMPTS - 1)
    assert defer_digest(recovering, sleep=pauses.append)(channel, fire) == 42
    assert recovering.calls == DEFER_ATTEMPTS and len(pauses) == DEFER_ATTEMPTS - 1
    down = Blinking(failures=DEFER_ATTEMPTS)
    with pytest.raises(OSError):
        defer_digest(down, sleep=pauses.append)(channel, fire)
    assert down.calls == DEFER_ATTEMPTS
