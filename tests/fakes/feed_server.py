"""A local HTTP server that plays feeds and publisher pages for tests.

Binds 127.0.0.1 on an ephemeral port, answers from routes registered with a small
builder API and counts requests, so tests can assert on conditional GET headers and
politeness without the network:

    server.route("/feed.xml", body=rss, content_type="application/rss+xml", etag='"v1"')
    server.route("/old", redirect="/new")
    server.route("/slow", body=b"...", delay=0.5)
    server.hits("/feed.xml"); server.last_headers("/feed.xml")["if-none-match"]

Unregistered paths answer 404. Delays wait on an event that `stop()` sets, so a
stopped server never leaves a handler sleeping.
"""

from __future__ import annotations

import sys
import threading
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    """How the server answers one path."""

    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    redirect: str | None = None
    etag: str | None = None
    last_modified: str | None = None


class _QuietServer(ThreadingHTTPServer):
    """Clients that hang up mid-request (the size-cap and hostile-body tests do) are normal
    here, not tracebacks on stderr; anything else is still reported."""

    def handle_error(self, request, client_address) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class FeedServer:
    """Threaded HTTP server on 127.0.0.1 with registered routes and request counters."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self._counts: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._httpd = _QuietServer(("127.0.0.1", 0), self._handler_class())
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def base_url(self) -> str:
        """http://127.0.0.1:<port>"""
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        """Absolute URL of a path on this server."""
        return self.base_url + path

    def route(
        self,
        path: str,
        body: bytes | str = b"",
        *,
        status: int = 200,
        content_type: str | None = "text/html; charset=utf-8",
        headers: dict[str, str] | None = None,
        delay: float = 0.0,
        redirect: str | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> FeedServer:
        """Register (or replace) the answer for `path`; returns the server for chaining."""
        all_headers = dict(headers or {})
        if content_type and "Content-Type" not in all_headers:
            all_headers["Content-Type"] = content_type
        self.routes[path] = Route(
            body=body.encode("utf-8") if isinstance(body, str) else body,
            status=302 if redirect and status == 200 else status,
            headers=all_headers,
            delay=delay,
            redirect=redirect,
            etag=etag,
            last_modified=last_modified,
        )
        return self

    def hits(self, path: str) -> int:
        """How many requests reached `path` (query string ignored)."""
        with self._lock:
            return self._counts[path]

    def last_headers(self, path: str) -> dict[str, str]:
        """Lower-cased headers of the latest request to `path`."""
        with self._lock:
            for seen, headers in reversed(self.requests):
                if seen == path:
                    return headers
        return {}

    def start(self) -> FeedServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> FeedServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _record(self, path: str, headers: dict[str, str]) -> Route | None:
        with self._lock:
            self._counts[path] += 1
            self.requests.append((path, headers))
            return self.routes.get(path)

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                path = self.path.split("?")[0]
                headers = {k.lower(): v for k, v in self.headers.items()}
                route = server._record(path, headers)
                if route is None:
                    self._send(404, {"Content-Type": "text/plain"}, b"not found")
                    return
                if route.delay and server._stopping.wait(route.delay):
                    return
                out = dict(route.headers)
                if route.etag:
                    out["ETag"] = route.etag
                if route.last_modified:
                    out["Last-Modified"] = route.last_modified
                if route.redirect:
                    out["Location"] = route.redirect
                    self._send(route.status, out, b"")
                    return
                fresh = (route.etag and headers.get("if-none-match") == route.etag) or (
                    route.last_modified and headers.get("if-modified-since") == route.last_modified
                )
                if fresh and route.status == 200:
                    self._send(304, out, b"")
                    return
                self._send(route.status, out, route.body)

            def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
                try:
                    self.send_response(status)
                    for key, value in headers.items():
                        self.send_header(key, value)
                    if status != 304:
                        self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    if status != 304:
                        self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeouts, size caps): expected in tests

            def log_message(self, format: str, *args: object) -> None:
                pass

        return Handler
