"""Log lines as text or JSON, each tagged with the request id of the request that caused it."""

from __future__ import annotations

import io
import json
import logging

import pytest

from summit.logs import REQUEST_ID, ContextExecutor, configure_logging, new_request_id


@pytest.fixture
def captured():
    """configure_logging into a buffer; the root logger is restored afterwards."""
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    buffer = io.StringIO()
    yield buffer
    root.handlers[:] = handlers
    root.setLevel(level)


def lines(buffer: io.StringIO) -> list[dict]:
    return [json.loads(line) for line in buffer.getvalue().splitlines()]


def test_json_lines_carry_the_request_id(captured):
    """Each record is one JSON object with time, level, logger, message and request_id."""
    configure_logging("INFO", "json", stream=captured)
    token = REQUEST_ID.set("1700000000-abcd1234")
    try:
        logging.getLogger("summit.test").info("hello %s", "world")
    finally:
        REQUEST_ID.reset(token)
    logging.getLogger("summit.test").warning("outside")
    inside, outside = lines(captured)
    assert inside["message"] == "hello world" and inside["request_id"] == "1700000000-abcd1234"
    assert {"time", "level", "logger"} <= inside.keys() and inside["logger"] == "summit.test"
    assert outside["request_id"] is None and outside["level"] == "WARNING"


def test_json_lines_include_the_traceback(captured):
    """logger.exception puts the traceback in exc_info, still one line per record."""
    configure_logging("INFO", "json", stream=captured)
    try:
        raise ValueError("boom")
    except ValueError:
        logging.getLogger("summit.test").exception("failed")
    [entry] = lines(captured)
    assert "ValueError: boom" in entry["exc_info"]


def test_text_format_shows_the_request_id(captured):
    """Text lines name the request id in brackets, or `-` outside a request."""
    configure_logging("INFO", "text", stream=captured)
    token = REQUEST_ID.set("req-1")
    logging.getLogger("summit.test").info("inside")
    REQUEST_ID.reset(token)
    logging.getLogger("summit.test").info("outside")
    first, second = captured.getvalue().splitlines()
    assert "[req-1]: inside" in first and "[-]: outside" in second


def test_text_lines_escape_newlines_in_what_they_log(captured):
    """A URL with a newline in it cannot forge a second log line: it is logged as \\n."""
    configure_logging("INFO", "text", stream=captured)
    logging.getLogger("summit.test").warning("fetching %s", "http://x.example/a\nFAKE ERROR")
    [line] = captured.getvalue().splitlines()
    assert line.endswith("fetching http://x.example/a\\nFAKE ERROR")


def test_configuring_again_replaces_only_our_handler(captured):
    """A second configure_logging does not duplicate lines or drop others' handlers."""
    other = logging.NullHandler()
    logging.getLogger().addHandler(other)
    configure_logging("INFO", "text", stream=io.StringIO())
    configure_logging("INFO", "json", stream=captured)
    logging.getLogger("summit.test").info("once")
    assert len(lines(captured)) == 1 and other in logging.getLogger().handlers


def test_executor_carries_the_request_id_into_its_threads():
    """Work submitted to ContextExecutor sees the submitter's request id."""
    token = REQUEST_ID.set("req-2")
    try:
        with ContextExecutor(max_workers=1) as pool:
            assert pool.submit(REQUEST_ID.get).result() == "req-2"
    finally:
        REQUEST_ID.reset(token)


def test_request_ids_use_only_a_numeric_slack_timestamp():
    """A numeric timestamp prefixes the id; anything else gets a uuid4."""
    assert new_request_id("1700000000").startswith("1700000000-")
    assert new_request_id("1700000000") != new_request_id("1700000000")
    hostile = new_request_id("1700\n{evil}")
    assert len(hostile) == 32 and hostile.isalnum()
    assert len(new_request_id(None)) == 32
