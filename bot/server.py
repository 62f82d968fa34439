"""HTTP mode: Bolt behind a production WSGI server (waitress), plus `/healthz`.

Every request gets a request id (logged with each record, returned as `X-Request-Id`);
bodies over `MAX_BODY` are refused before Bolt reads them.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler

from summit.logs import REQUEST_ID, new_request_id

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
MAX_BODY = 1_000_000  # Slack payloads are small; refuse anything larger before parsing


def wsgi_app(app: App, *, health: Callable[[], dict] | None = None):
    """A WSGI callable: `/slack/events` (and OAuth paths) to Bolt, `/healthz` to `health()`."""
    slack = SlackRequestHandler(app, path=EVENTS_PATH)

    def application(environ: dict, start_response) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if path == "/healthz":
            report = health() if health else {"ok": True}
            status = "200 OK" if report.get("ok") else "503 Service Unavailable"
            body = json.dumps(report, default=str).encode()
            start_response(status, [("Content-Type", "application/json")])
            return [body]
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = MAX_BODY + 1
        if length > MAX_BODY:
            start_response("413 Payload Too Large", [("Content-Type", "text/plain")])
            return [b"request body too large"]
        timestamp = environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP")
        if timestamp is not None and not timestamp.isdigit():
            # slack_sdk's verifier calls int() on it and would answer 500, not 401
            start_response("401 Unauthorized", [("Content-Type", "application/json")])
            return [b'{"error": "invalid request"}']
        return slack(environ, start_response)

    return with_request_id(application)


def with_request_id(application):
    """Run `application` with `REQUEST_ID` set, and name the id in an `X-Request-Id` header."""

    def tagged(environ: dict, start_response) -> Iterable[bytes]:
        request_id = new_request_id(environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP"))

        def start(status, headers, exc_info=None):
            return start_response(status, [*headers, ("X-Request-Id", request_id)], exc_info)

        token = REQUEST_ID.set(request_id)
        try:
            return application(environ, start)
        finally:
            REQUEST_ID.reset(token)

    return tagged


def serve(app: App, *, host: str, port: int, health: Callable[[], dict] | None = None) -> None:
    """Serve until interrupted (blocking)."""
    from waitress import serve as waitress_serve

    log.info("listening on http://%s:%d%s", host, port, EVENTS_PATH)
    waitress_serve(
        wsgi_app(app, health=health),
        host=host,
        port=port,
        threads=8,
        ident="summit",
        max_request_body_size=MAX_BODY,  # also bounds chunked bodies with no Content-Length
    )


class BackgroundServer:
    """Waitress serving a WSGI app from a background thread, stoppable without races.

    For tests, benchmarks and embedding: the loop runs in short slices and shuts itself
    down from its own thread, so no socket is closed under a running `select`.
    """

    def __init__(self, application, *, host: str = "127.0.0.1", port: int = 0, threads: int = 4):
        import threading

        from waitress import create_server

        self._server = create_server(application, host=host, port=port, threads=threads)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="summit-http", daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.effective_port}"

    def start(self) -> BackgroundServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=10)

    def __enter__(self) -> BackgroundServer:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()

    def _run(self) -> None:
        server = self._server
        while not self._stop.is_set():
            server.asyncore.loop(timeout=0.05, map=server._map, count=1)
        for dispatcher in list(server._map.values()):
            dispatcher.close()
        server.task_dispatcher.shutdown()
