"""A fake Slack Socket Mode server: a real WebSocket server on 127.0.0.1, for offline tests.

Slack's side of Socket Mode, as its docs describe it: `apps.connections.open` hands the
app a one-time WebSocket URL; on connect Slack sends `{"type": "hello", ...}`, then pushes
envelopes (`envelope_id`, `type`, `payload`, `accepts_response_payload`, and for events
`retry_attempt`/`retry_reason`), and the app acknowledges each with
`{"envelope_id": ..., "payload": ...}`. Slack refreshes connections by sending
`{"type": "disconnect", "reason": "refresh_requested"}`; the app then opens a new one.
WebSocket pings are answered by `websockets` itself::

    with FakeSlack() as slack, FakeSocketMode() as socket:
        slack.add_token()
        slack.add_app_token()
        slack.serve_socket_mode(socket.issue_url)
        ...  # start the app with SLACK_APP_TOKEN and SLACK_API_URL=slack.api_url
        socket.wait_for_connection()
        envelope_id = socket.slash_command("/who-said", "Lavrov", response_url=...)
        socket.wait_for_ack(envelope_id, timeout=3)

Envelopes go to the newest open connection. What the app does wrong (an ack for an
unknown envelope, a second ack, a ticket used twice, a message that is not JSON) is
collected in `problems`; `assert_no_problems()` fails on any.
"""

from __future__ import annotations

import itertools
import json
import logging
import threading
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any
from urllib.parse import parse_qs, urlsplit

from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response
from websockets.sync.server import Server, ServerConnection, serve

from .slack_api import APP_ID
from .slack_requests import event_callback, slash_command_fields

logger = logging.getLogger(__name__)

LINK_PATH = "/link/"
ACK_DEADLINE = 3.0  # seconds Slack waits for an ack before it retries or gives up


@dataclass(frozen=True)
class Ack:
    """The app's acknowledgement of one envelope; `delay` is seconds after it was sent."""

    envelope_id: str
    payload: dict[str, Any] | None
    connection: int
    delay: float


@dataclass
class Connection:
    """One WebSocket connection the app opened, numbered from 1 in the order opened."""

    number: int
    ticket: str
    app_id: str
    socket: ServerConnection = field(repr=False)
    closed: bool = False


@dataclass(frozen=True)
class _Sent:
    envelope: dict[str, Any]
    connection: int
    at: float


class FakeSocketMode:
    """Slack's Socket Mode endpoint on 127.0.0.1 (ephemeral port); a context manager."""

    def __init__(self, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self._cond = threading.Condition()
        self._server: Server | None = None
        self._thread: threading.Thread | None = None
        self._tickets: dict[str, str] = {}  # unused ticket -> app id
        self._handshakes: dict[ServerConnection, tuple[str, str]] = {}  # -> (ticket, app id)
        self._connections: list[Connection] = []
        self._sent: dict[str, _Sent] = {}
        self._acks: list[Ack] = []
        self._problems: list[str] = []
        self._numbers = itertools.count(1)

    # -- lifecycle ---------------------------------------------------------

    def start(self) -> FakeSocketMode:
        """Start serving on an ephemeral port (idempotent)."""
        if self._server is not None:
            return self
        self._server = serve(
            self._serve_connection,
            "127.0.0.1",
            0,
            process_request=self._check_ticket,
            compression=None,  # Slack's own client offers none; keep frames plain
            close_timeout=1,
        )
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Close every connection (1001 going away) and stop listening."""
        if self._server is None:
            return
        self._server.shutdown()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = None
        self._thread = None

    def __enter__(self) -> FakeSocketMode:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("FakeSocketMode is not started; use it as a context manager")
        return int(self._server.socket.getsockname()[1])

    # -- what apps.connections.open hands out ----------------------------------

    def issue_url(self, app_id: str = APP_ID) -> str:
        """A one-time WebSocket URL, as `apps.connections.open` returns (ws:, not wss:)."""
        ticket = str(uuid.uuid4())
        with self._cond:
            self._tickets[ticket] = app_id
        return f"ws://127.0.0.1:{self.port}{LINK_PATH}?ticket={ticket}&app_id={app_id}"

    # -- pushing envelopes -------------------------------------------------------

    def send(self, envelope: Mapping[str, Any]) -> str:
        """Push an envelope to the newest open connection; return its envelope_id."""
        envelope = dict(envelope)
        envelope_id = str(envelope.setdefault("envelope_id", str(uuid.uuid4())))
        connection = self.current()
        with self._cond:
            self._sent[envelope_id] = _Sent(envelope, connection.number, self.clock())
        connection.socket.send(json.dumps(envelope))
        return envelope_id

    def slash_command(self, command: str, text: str = "", **fields: Any) -> str:
        """Push a `slash_commands` envelope (see `slash_command_payload`)."""
        return self.send(envelope("slash_commands", slash_command_payload(command, text, **fields)))

    def event(
        self,
        event: Mapping[str, Any],
        *,
        event_id: str,
        retry_attempt: int = 0,
        retry_reason: str = "",
        **fields: Any,
    ) -> str:
        """Push an `events_api` envelope; a retry has the same event_id, a new envelope_id."""
        return self.send(
            envelope(
                "events_api",
                event_callback(event, event_id=event_id, **fields),
                retry_attempt=retry_attempt,
                retry_reason=retry_reason,
            )
        )

    def interactive(self, payload: Mapping[str, Any]) -> str:
        """Push an `interactive` envelope (block_actions, view_submission, shortcut)."""
        return self.send(envelope("interactive", dict(payload)))

    def disconnect(self, reason: str = "refresh_requested") -> Connection:
        """Ask the app to reconnect, as Slack does routinely; the connection stays open."""
        connection = self.current()
        message = {
            "type": "disconnect",
            "reason": reason,
            "debug_info": {"host": _host(connection)},
        }
        connection.socket.send(json.dumps(message))
        return connection

    def ping(self, timeout: float = 3) -> bool:
        """Ping the newest connection; True if the app answered with a pong in time."""
        return self.current().socket.ping().wait(timeout)

    # -- inspection ----------------------------------------------------------------

    def connections(self) -> list[Connection]:
        """Every connection opened so far, oldest first."""
        with self._cond:
            return list(self._connections)

    def current(self) -> Connection:
        """The newest open connection."""
        with self._cond:
            for connection in reversed(self._connections):
                if not connection.closed:
                    return connection
        raise AssertionError("the app has no open Socket Mode connection")

    def acks(self, envelope_id: str | None = None) -> list[Ack]:
        """Acknowledgements received (for `envelope_id`, if given), oldest first."""
        with self._cond:
            return [a for a in self._acks if envelope_id in (None, a.envelope_id)]

    @property
    def problems(self) -> list[str]:
        with self._cond:
            return list(self._problems)

    def assert_no_problems(self) -> None:
        """Fail if the app broke the protocol."""
        if problems := self.problems:
            raise AssertionError("fake Socket Mode saw problems:\n" + "\n".join(problems))

    def wait_for_connection(self, count: int = 1, timeout: float = 15) -> Connection:
        """Block until `count` connections were opened (hello sent); return the newest."""
        self._wait(lambda: len(self._connections) >= count, f"{count} connection(s)", timeout)
        return self.connections()[count - 1]

    def wait_for_close(self, connection: Connection, timeout: float = 5) -> None:
        """Block until the app has closed `connection`."""
        self._wait(lambda: connection.closed, f"connection {connection.number} to close", timeout)

    def wait_for_ack(self, envelope_id: str, timeout: float = ACK_DEADLINE) -> Ack:
        """Block until the app acknowledges `envelope_id`; fail after `timeout` seconds."""
        self._wait(lambda: self._find_ack(envelope_id), f"an ack of {envelope_id}", timeout)
        ack = self._find_ack(envelope_id)
        assert ack is not None
        return ack

    # -- server side (websockets threads) --------------------------------------------

    def _check_ticket(self, socket: ServerConnection, request: Request) -> Response | None:
        """Refuse the handshake unless it presents an unused ticket from issue_url."""
        parts = urlsplit(request.path)
        ticket = parse_qs(parts.query).get("ticket", [""])[0]
        with self._cond:
            app_id = self._tickets.pop(ticket, None)
        if parts.path != LINK_PATH or app_id is None:
            self._problem(f"handshake with an unknown or used ticket: {request.path}")
            return socket.respond(HTTPStatus.UNAUTHORIZED, "invalid ticket\n")
        with self._cond:
            self._handshakes[socket] = (ticket, app_id)
        return None

    def _serve_connection(self, socket: ServerConnection) -> None:
        with self._cond:
            ticket, app_id = self._handshakes.pop(socket)
        connection = Connection(next(self._numbers), ticket, app_id, socket)
        hello = {
            "type": "hello",
            "num_connections": len(self._open()) + 1,
            "debug_info": {
                "host": _host(connection),
                "build_number": 1,
                "approximate_connection_time": 18060,
            },
            "connection_info": {"app_id": app_id},
        }
        try:
            socket.send(json.dumps(hello))
            self._opened(connection)
            for message in socket:
                self._receive(connection, message)
        except ConnectionClosed:
            pass
        finally:
            with self._cond:
                connection.closed = True
                self._cond.notify_all()

    def _opened(self, connection: Connection) -> None:
        with self._cond:
            self._connections.append(connection)
            self._cond.notify_all()

    def _receive(self, connection: Connection, message: str | bytes) -> None:
        try:
            body = json.loads(message)
        except ValueError:
            body = None
        if not isinstance(body, dict) or not isinstance(body.get("envelope_id"), str):
            self._problem(f"connection {connection.number} sent a non-ack: {message!r:.200}")
            return
        envelope_id = body["envelope_id"]
        with self._cond:
            sent = self._sent.get(envelope_id)
            if sent is None:
                self._problem(f"ack for an envelope never sent: {envelope_id}")
                return
            if any(a.envelope_id == envelope_id for a in self._acks):
                self._problem(f"second ack for {envelope_id}")
            payload = body.get("payload")
            if payload is not None and not sent.envelope.get("accepts_response_payload"):
                self._problem(f"ack payload for {envelope_id}, which accepts none")
            ack = Ack(envelope_id, payload, connection.number, self.clock() - sent.at)
            self._acks.append(ack)
            self._cond.notify_all()

    # -- helpers -------------------------------------------------------------------

    def _open(self) -> list[Connection]:
        with self._cond:
            return [c for c in self._connections if not c.closed]

    def _find_ack(self, envelope_id: str) -> Ack | None:
        return next((a for a in self._acks if a.envelope_id == envelope_id), None)

    def _problem(self, message: str) -> None:
        logger.warning("fake Socket Mode: %s", message)
        with self._cond:
            self._problems.append(message)

    def _wait(self, condition: Callable[[], object], what: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        with self._cond:
            while not condition():
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    opened = [
                        (c.number, "closed" if c.closed else "open") for c in self._connections
                    ]
                    raise AssertionError(
                        f"waited {timeout}s for {what}; connections: {opened}, "
                        f"acks: {[a.envelope_id for a in self._acks]}, problems: {self._problems}"
                    )
                self._cond.wait(remaining)


# ---------------------------------------------------------------------------
# Envelopes, shaped as Slack sends them over Socket Mode
# ---------------------------------------------------------------------------


def envelope(kind: str, payload: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """A Socket Mode envelope. Slash commands and interactivity accept a response payload
    in the ack (Slack shows it); events do not."""
    return {
        "envelope_id": str(uuid.uuid4()),
        "payload": payload,
        "type": kind,
        "accepts_response_payload": kind in ("slash_commands", "interactive"),
        **extra,
    }


def slash_command_payload(command: str, text: str = "", **fields: Any) -> dict[str, Any]:
    """The fields of an HTTP slash command, as a JSON object of strings."""
    return dict(slash_command_fields(command, text, **fields))


def _host(connection: Connection) -> str:
    return f"applink-fake-{connection.number}"
