"""`/digest now` through signed HTTP requests: the command answers at once, a job posts."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest

from tests.bot.conftest import CHANNEL, subscribe
from tests.fakes import SlackSender

SLOW_SLACK = 3.5  # seconds chat.postMessage takes: longer than Slack waits for an ack
ACK_DEADLINE = 3.0  # Slack shows `operation_timeout` after this


def timed_command(sender: SlackSender, slack, text: str, channel: str, name: str):
    """Send `/digest text` in `channel`; return (HTTP status, seconds until the answer)."""
    started = time.monotonic()
    response = sender.command(
        "/digest", text, channel_id=channel, response_url=slack.response_url(name)
    )
    return response.status_code, time.monotonic() - started


def top_level(slack, channel: str) -> list:
    return [m for m in slack.messages(channel) if not m.is_reply]


def test_concurrent_digest_nows_leave_every_command_acked_in_time(slack, sender, engine):
    """Five `/digest now` at once on a slow Slack, then a re-submit and a `status`: every
    command is acknowledged within 3 s, and each channel still gets exactly one digest."""
    channels = [CHANNEL, *(f"C0NOW0000{i}" for i in range(1, 5))]
    for channel in channels:
        if channel != CHANNEL:
            slack.add_channel(channel, name=channel.lower())
        subscribe(engine, channel_id=channel)
    slack.fail("chat.postMessage", delay=SLOW_SLACK, times=None)
    with ThreadPoolExecutor(max_workers=len(channels)) as pool:
        first = list(
            pool.map(lambda c: timed_command(sender, slack, "now", c, f"now-{c}"), channels)
        )
        time.sleep(0.3)  # the five are posting now
        later = list(
            pool.map(
                lambda args: timed_command(sender, slack, *args),
                [("now", CHANNEL, "again"), ("status", CHANNEL, "status")],
            )
        )
    for status, seconds in [*first, *later]:
        assert status == 200 and seconds < ACK_DEADLINE
    assert "Next digest" in str(slack.wait_for(lambda c: c.name == "status")[0].args)
    for channel in channels:
        answer = slack.wait_for(lambda c, n=f"now-{channel}": c.name == n)[0].args
        assert answer["response_type"] == "ephemeral" and "on its way" in str(answer)
    for channel in channels:  # each one's outcome replaces its "on its way"
        slack.wait_for(lambda c, n=f"now-{channel}": c.name == n, count=2, timeout=30)
    again = str(slack.wait_for(lambda c: c.name == "again")[0].args)
    if "on its way" in again:  # asked before the first had claimed: its job says no
        again = str(slack.wait_for(lambda c: c.name == "again", count=2)[1].args)
    assert "moments ago" in again or "already being posted" in again
    for channel in channels:
        assert len(top_level(slack, channel)) == 1, channel
    slack.assert_no_errors()


def test_digest_now_answers_before_slack_has_taken_the_digest(slack, sender, engine):
    """The answer says the digest is on its way; the outcome replaces it once posted."""
    subscribe(engine)
    slack.fail("chat.postMessage", delay=SLOW_SLACK)
    status, seconds = timed_command(sender, slack, "now", CHANNEL, "r1")
    assert status == 200 and seconds < 1.0
    on_its_way, done = slack.wait_for(lambda c: c.name == "r1", count=2, timeout=15)
    assert "on its way" in str(on_its_way.args["blocks"])
    assert done.args["replace_original"] is True
    assert "Posted the digest" in str(done.args["blocks"])
    assert len(top_level(slack, CHANNEL)) == 1


@pytest.mark.parametrize("serve_scheduler", [True, False])
def test_digest_now_is_a_job_of_the_process_scheduler(slack, settings, engine, serve_scheduler):
    """With `summit serve` running the scheduler, `/digest now` is a one-off job on it;
    with `--no-scheduler`, on the small job runner the wiring gives the web app."""
    from apscheduler.events import EVENT_JOB_ADDED

    from bot.app import web_client
    from bot.server import BackgroundServer, wsgi_app
    from summit.wiring import serve_app, start_scheduler
    from tests.bot.conftest import SIGNING_SECRET

    # Due twelve hours from now: the scheduler's start-up catch-up has no missed digest to post
    # whatever the time of day the test runs (at 07:30 UTC it used to post one).
    subscribe(engine, digest_time=(datetime.now(UTC) + timedelta(hours=12)).strftime("%H:%M"))
    scheduler = (
        start_scheduler(settings, engine=engine, client=web_client(settings), background=True)
        if serve_scheduler
        else None
    )
    added: list[str] = []
    if scheduler is not None:
        scheduler.add_listener(lambda event: added.append(event.job_id), mask=EVENT_JOB_ADDED)
    try:
        app = serve_app(settings, engine=engine, scheduler=scheduler)
        with (
            BackgroundServer(wsgi_app(app)) as server,
            SlackSender(server.url, SIGNING_SECRET) as sender,
        ):
            status, _ = timed_command(sender, slack, "now", CHANNEL, "r1")
            assert status == 200
            slack.wait_for(lambda c: c.name == "r1", count=2, timeout=15)
    finally:
        if scheduler is not None:
            scheduler.shutdown(wait=False)
    assert len(top_level(slack, CHANNEL)) == 1
    if scheduler is not None:
        assert any(job_id.startswith("digest-now:") for job_id in added)
