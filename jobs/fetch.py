"""Polite HTTP fetching for feeds and article pages.

`Fetcher.fetch(url)` returns a `Document` or raises `SourceError` with a reason a
person can act on ("HTTP 404 Not Found", "timed out after 10s", "redirect loop",
"body larger than 10 MB", "disallowed by robots.txt"). `Fetcher.fetch_conditional`
does the same for feeds with conditional GET and tells the caller about 304s and the
new validators.

Politeness: one request at a time per host, at least `delay` seconds between the
start of two requests to the same host, and robots.txt (cached per host; an
unreachable or non-200 robots.txt allows everything) for article pages. The clock and
the sleep function are injected so tests never sleep.
"""

from __future__ import annotations

import threading
import time
import urllib.robotparser
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

import httpx

from jobs.model import Document
from summit.errors import SourceError

USER_AGENT = "SummitDigest/0.1 (+https://github.com/summit-digest/summit-digest)"
ROBOTS_AGENT = "SummitDigest"
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
ROBOTS_MAX_BYTES = 512 * 1024  # RFC 9309 asks crawlers to read at least 500 KiB
REDIRECT_CODES = {301, 302, 303, 307, 308}


@dataclass(frozen=True, slots=True)
class FetchResult:
    """The outcome of a conditional GET: a document, or "not modified" with validators."""

    url: str
    document: Document | None
    not_modified: bool = False
    etag: str | None = None
    last_modified: str | None = None


class Fetcher:
    """Fetch URLs politely with explicit timeouts, a size cap and bounded redirects.

    Pass `client` to share or fake the transport; a client created here is closed by
    `close()` (or by leaving a `with` block).
    """

    def __init__(
        self,
        client: httpx.Client | None = None,
        *,
        connect_timeout: float = 5.0,
        read_timeout: float = 10.0,
        total_timeout: float = 60.0,
        max_bytes: int = DEFAULT_MAX_BYTES,
        max_redirects: int = 5,
        delay: float = 1.0,
        respect_robots: bool = True,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        self.total_timeout = total_timeout
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.delay = delay
        self.respect_robots = respect_robots
        self._clock, self._sleep, self._now = clock, sleep, now
        self._owns_client = client is None
        self._client = client or httpx.Client()
        self._timeout = httpx.Timeout(
            connect=connect_timeout, read=read_timeout, write=read_timeout, pool=connect_timeout
        )
        self._last_start: dict[str, float] = {}
        self._host_locks: dict[str, threading.Lock] = {}
        self._locks_guard = threading.Lock()
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the HTTP client if this fetcher created it."""
        if self._owns_client:
            self._client.close()

    # ------------------------------------------------------------------ public API

    def fetch(self, url: str, *, source: str | None = None, check_robots: bool = True) -> Document:
        """GET an article page (robots.txt checked) and return its bytes as a `Document`."""
        result = self.fetch_conditional(url, source=source, check_robots=check_robots)
        if result.document is None:  # only with validators, which fetch() never sends
            raise SourceError("HTTP 304 Not Modified without a cached copy")
        return result.document

    def fetch_conditional(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        source: str | None = None,
        check_robots: bool = False,
    ) -> FetchResult:
        """GET with If-None-Match / If-Modified-Since; a 304 comes back as `not_modified`."""
        try:
            scheme = urlsplit(url).scheme
        except ValueError as exc:
            raise SourceError(f"invalid URL ({exc})") from exc
        if scheme not in {"http", "https"}:
            raise SourceError(f"not an http(s) URL: {url}")
        if check_robots and self.respect_robots and not self.allowed_by_robots(url):
            raise SourceError("disallowed by robots.txt")
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        final_url, response, body = self._get_following_redirects(url, headers, self.max_bytes)
        etag_out = response.headers.get("etag") or etag
        modified_out = response.headers.get("last-modified") or last_modified
        if response.status_code == 304:
            return FetchResult(final_url, None, True, etag_out, modified_out)
        if not 200 <= response.status_code < 300:
            raise SourceError(_http_reason(response))
        document = Document(
            source=source or url,
            body=body,
            fetched_at=self._now(),
            url=final_url,
            content_type=response.headers.get("content-type"),
        )
        return FetchResult(final_url, document, False, etag_out, modified_out)

    def allowed_by_robots(self, url: str) -> bool:
        """Whether robots.txt lets us fetch `url`; cached per host, unreachable means allowed."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            self._robots[origin] = self._load_robots(origin)
        parser = self._robots[origin]
        return parser is None or parser.can_fetch(ROBOTS_AGENT, url)

    # ------------------------------------------------------------------ internals

    def _load_robots(self, origin: str) -> urllib.robotparser.RobotFileParser | None:
        try:
            _, response, body = self._get_following_redirects(
                origin + "/robots.txt", {}, ROBOTS_MAX_BYTES
            )
        except SourceError:
            return None
        if response.status_code != 200:
            return None
        parser = urllib.robotparser.RobotFileParser()
        parser.parse(body.decode("utf-8", errors="replace").splitlines())
        return parser

    def _get_following_redirects(
        self, url: str, headers: dict[str, str], max_bytes: int
    ) -> tuple[str, httpx.Response, bytes]:
        seen = {url}
        for _ in range(self.max_redirects + 1):
            response, body = self._get_once(url, headers, max_bytes)
            if response.status_code not in REDIRECT_CODES:
                return url, response, body
            location = response.headers.get("location")
            if not location:
                raise SourceError(f"HTTP {response.status_code} redirect without a Location")
            url = urljoin(url, location)
            if url in seen:
                raise SourceError(f"redirect loop (back to {url})")
            seen.add(url)
        raise SourceError(f"too many redirects (more than {self.max_redirects})")

    def _get_once(
        self, url: str, headers: dict[str, str], max_bytes: int
    ) -> tuple[httpx.Response, bytes]:
        host = urlsplit(url).netloc.lower()
        with self._host_lock(host):
            self._wait_turn(host)
            try:
                return self._stream(url, headers, max_bytes)
            except httpx.ConnectTimeout as exc:
                raise SourceError(f"connection timed out after {self.connect_timeout:g}s") from exc
            except httpx.TimeoutException as exc:
                raise SourceError(f"timed out after {self.read_timeout:g}s") from exc
            except httpx.ConnectError as exc:
                raise SourceError(f"could not connect to {host} ({exc})") from exc
            except httpx.HTTPError as exc:
                raise SourceError(f"HTTP transport error ({type(exc).__name__}: {exc})") from exc
            except zlib.error as exc:
                raise SourceError(f"corrupt compressed body ({exc})") from exc
            except (httpx.InvalidURL, ValueError) as exc:
                raise SourceError(f"invalid URL ({exc})") from exc

    def _stream(
        self, url: str, headers: dict[str, str], max_bytes: int
    ) -> tuple[httpx.Response, bytes]:
        request_headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"}
        request_headers.update(headers)
        started = self._clock()
        with self._client.stream(
            "GET", url, headers=request_headers, timeout=self._timeout, follow_redirects=False
        ) as response:
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise SourceError(f"body larger than {_mb(max_bytes)}")
            chunks, size = [], 0
            if response.status_code not in REDIRECT_CODES and response.status_code != 304:
                decoder = _decoder(response.headers.get("content-encoding", ""))
                for raw in response.iter_raw():
                    # Decode ourselves, bounded: a gzip bomb stops at the cap, not in memory.
                    chunk = decoder.decompress(raw, max_bytes - size + 1) if decoder else raw
                    size += len(chunk)
                    if size > max_bytes or (decoder and decoder.unconsumed_tail):
                        raise SourceError(f"body larger than {_mb(max_bytes)}")
                    if self._clock() - started > self.total_timeout:
                        raise SourceError(f"timed out after {self.total_timeout:g}s in total")
                    chunks.append(chunk)
                if decoder and not decoder.eof:
                    raise SourceError("compressed body was cut short (incomplete gzip stream)")
            return response, b"".join(chunks)

    def _host_lock(self, host: str) -> threading.Lock:
        with self._locks_guard:
            return self._host_locks.setdefault(host, threading.Lock())

    def _wait_turn(self, host: str) -> None:
        last = self._last_start.get(host)
        if last is not None:
            wait = self.delay - (self._clock() - last)
            if wait > 0:
                self._sleep(wait)
        self._last_start[host] = self._clock()


def _decoder(content_encoding: str):
    """A zlib decoder for gzip/deflate bodies (None for identity); others are refused."""
    encoding = content_encoding.strip().lower()
    if encoding in ("", "identity"):
        return None
    if encoding in ("gzip", "x-gzip", "deflate"):
        return zlib.decompressobj(wbits=32 + zlib.MAX_WBITS)  # gzip or zlib header, detected
    raise SourceError(f"unsupported content encoding {encoding!r}")


def _http_reason(response: httpx.Response) -> str:
    return f"HTTP {response.status_code} {response.reason_phrase}".strip()


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):g} MB" if n >= 1024 * 1024 else f"{n} bytes"
