"""Logging: text or one JSON object per line, each record tagged with its request id.

The web layer sets `REQUEST_ID` for each incoming Slack request; a filter on our handler
copies it onto every record, and `ContextExecutor` carries it into Bolt's listener
threads, so everything a request causes can be found with one grep.
"""

from __future__ import annotations

import contextvars
import json
import logging
import secrets
import sys
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import IO

REQUEST_ID: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id", default=None)

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s]: %(message)s"
_HANDLER_NAME = "summit"


def new_request_id(slack_timestamp: str | None = None) -> str:
    """`<Slack's request timestamp>-<8 hex>`, or a uuid4 when the header is missing or odd.

    The timestamp is the attacker's to choose, so only a plain number is used.
    """
    if slack_timestamp and slack_timestamp.isdigit() and len(slack_timestamp) <= 12:
        return f"{slack_timestamp}-{secrets.token_hex(4)}"
    return uuid.uuid4().hex


class RequestIdFilter(logging.Filter):
    """Adds `request_id` (or None outside a request) to every record it sees."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = REQUEST_ID.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request_id, exc_info."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None),
        }
        if record.exc_info:
            entry["exc_info"] = self.formatException(record.exc_info)
        elif record.exc_text:
            entry["exc_info"] = record.exc_text
        return json.dumps(entry, ensure_ascii=False, default=str)


class _TextFormatter(logging.Formatter):
    """One line per record: newlines in the message (a URL from a feed, an article title) are
    written as \\n and \\r, so no input can forge a log line; tracebacks keep theirs."""

    def format(self, record: logging.LogRecord) -> str:
        if getattr(record, "request_id", None) is None:
            record.request_id = "-"
        message = record.getMessage()
        if "\n" in message or "\r" in message:
            record.msg = message.replace("\r", "\\r").replace("\n", "\\n")
            record.args = None
        return super().format(record)


def configure_logging(
    level: str = "INFO", fmt: str = "text", *, stream: IO[str] | None = None
) -> logging.Handler:
    """Send every logger's records to `stream` (stderr) as text or JSON; returns the handler.

    Calling it again replaces the handler it installed before, never anyone else's.
    """
    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() == _HANDLER_NAME]:
        root.removeHandler(old)
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.set_name(_HANDLER_NAME)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter() if fmt == "json" else _TextFormatter(TEXT_FORMAT))
    root.addHandler(handler)
    root.setLevel(level)
    logging.getLogger("alembic").setLevel(logging.WARNING)
    return handler


class ContextExecutor(ThreadPoolExecutor):
    """A thread pool whose tasks run in a copy of the submitter's context.

    Bolt runs listeners on its executor after answering Slack; without the copy the
    request id would be lost at that hop.
    """

    def submit(self, fn: Callable, /, *args, **kwargs):
        context = contextvars.copy_context()
        return super().submit(context.run, fn, *args, **kwargs)
