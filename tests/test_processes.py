"""`summit serve` and `summit scheduler` as real processes against the fake Slack."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from summit.cli import main
from tests.conftest import REFERENCE, ROOT
from tests.fakes import BOT_TOKEN, FakeSlack, SlackSender

pytestmark = pytest.mark.slow

SECRET = "process-test-signing-secret"
CHANNEL = "C0PROCESS1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def summit_process(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "summit.cli", "--env-file", "/nonexistent/.env", *args],
        cwd=ROOT,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def wait_until_healthy(url: str, process: subprocess.Popen, log: Path) -> dict:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"summit exited early:\n{log.read_text()}")
        try:
            response = httpx.get(url + "/healthz", timeout=2)
            if response.status_code == 200:
                return response.json()
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    pytest.fail(f"summit serve did not become healthy:\n{log.read_text()}")


def wait_for_line(log: Path, text: str, process: subprocess.Popen) -> None:
    """Wait until a process logs `text` (its catch-up finished), failing if it dies."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if log.exists() and text in log.read_text(errors="ignore"):
            return
        if process.poll() is not None:
            break
        time.sleep(0.2)
    pytest.fail(f"no {text!r} in the log:\n{log.read_text(errors='ignore')}")


def test_serve_answers_commands_and_posts_the_missed_digest_once(tmp_path, monkeypatch):
    """A real `summit serve` answers a signed /who-said, posts the digest it missed minutes ago
    once, and a second process (`summit scheduler`) starting later does not post it again."""
    database = f"sqlite:///{tmp_path / 'serve.db'}"
    monkeypatch.setenv("DATABASE_URL", database)
    assert main(["--env-file", "/nonexistent/.env", "ingest", str(REFERENCE)]) == 0
    missed = (datetime.now(UTC) - timedelta(minutes=5)).strftime("%H:%M")
    with FakeSlack() as slack:
        slack.add_token(BOT_TOKEN)
        slack.add_channel(CHANNEL, name="summit-desk")
        env = {
            **os.environ,
            "DATABASE_URL": database,
            "SLACK_API_URL": slack.api_url,
            "SLACK_BOT_TOKEN": BOT_TOKEN,
            "SLACK_SIGNING_SECRET": SECRET,
            "DIGEST_CHANNEL": CHANNEL,
            "DIGEST_TIME": missed,
            "DIGEST_TIMEZONE": "UTC",
        }
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        serve = summit_process(
            ["serve", "--port", str(port), "--host", "127.0.0.1"], env, tmp_path / "serve.log"
        )
        scheduler = None
        try:
            health = wait_until_healthy(url, serve, tmp_path / "serve.log")
            assert health["database"] == "ok" and health["scheduler"] == "running"
            slack.wait_for("chat.postMessage", timeout=30)
            with SlackSender(url, SECRET) as sender:
                reply = sender.command("/who-said", "Lavrov", response_url=slack.response_url("r"))
                assert reply.status_code == 200
                answer = slack.wait_for(lambda call: call.name == "r", timeout=15)[0]
            assert "Sergei Lavrov" in str(answer.args["blocks"])
            scheduler = summit_process(["scheduler"], env, tmp_path / "scheduler.log")
            # Its catch-up runs before "Scheduler started": by then it has seen the posted claim.
            wait_for_line(tmp_path / "scheduler.log", "Scheduler started", scheduler)
            parents = [m for m in slack.messages(CHANNEL) if not m.is_reply]
            assert len(parents) == 1, (tmp_path / "scheduler.log").read_text()
        finally:
            stop(serve)
            if scheduler is not None:
                stop(scheduler)
