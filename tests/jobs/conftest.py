"""Fixtures for the jobs tests: the local feed server and a fetcher that never sleeps."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from jobs.fetch import Fetcher  # noqa: E402
from tests.fakes.feed_server import FeedServer  # noqa: E402

FIXTURES = Path(__file__).with_name("fixtures")


class FakeClock:
    """A monotonic clock that only moves when something sleeps on it."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    """A started FeedServer on 127.0.0.1, stopped after the test."""
    with FeedServer() as server:
        yield server


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def fetcher(clock: FakeClock) -> Iterator[Fetcher]:
    """A Fetcher with short timeouts and an injected clock, so politeness never sleeps."""
    with httpx.Client() as client:
        yield Fetcher(
            client,
            connect_timeout=1.0,
            read_timeout=0.3,
            delay=1.0,
            clock=clock,
            sleep=clock.sleep,
        )


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES
