"""Polite HTTP fetching for feeds and article pages.

`Fetcher.fetch(url)` returns a `Document` or raises `SourceError` with a reason a
person can act on ("HTTP 404 Not Found", "timed out after 10s", "redirect loop",
"body larger than 10 MB", "disallowed by robots.txt"). `Fetcher.fetch_conditional`
does the same for feeds with conditional GET and tells the caller about 304s and the
new validators.

Politeness: one request at a time per host, at least `delay` seconds between the
start of two requests to the same host, and robots.txt (cached per host; a 4xx or a
network failure allows everything, a 5xx disallows everything, as RFC 9309 says of an
"unavailable" and an "unreachable" robots.txt) for article pages. The clock and
the sleep function are injected so tests never sleep.

Back-off: a 429 or 503 raises `SourceError` with `retry_after` set (the seconds the
server's Retry-After asked for, seconds or HTTP-date, capped at `MAX_RETRY_AFTER`; 0
when it gave none) so the caller can leave that feed alone for that long. The host is
also remembered as "not before" that time for the rest of the run: a short wait is
slept out, a longer one makes further requests to that host fail fast.

Slow hosts: a host that let a request run out its deadline (`total_timeout`: it trickled
its answer or sent interim responses without end) is not asked again for the rest of the
run: its further requests, robots.txt included, fail at once with `retry_after` 0, so a
feed whose pages sit on such a host costs one deadline per run, not one per page.

Untrusted sources: with `block_private=True` the host of the URL, of every redirect hop
and of its robots.txt must resolve only to global addresses (`jobs.addresses`);
otherwise the request is refused before anything is sent.
"""

from __future__ import annotations

import threading
import time
import urllib.robotparser
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import httpx

from jobs import addresses
from jobs.model import Document
from jobs.transport import deadline_passed, guarded, guarded_client
from summit.errors import SourceError

USER_AGENT = "SummitDigest/0.1 (+https://github.com/summit-digest/summit-digest)"
ROBOTS_AGENT = "SummitDigest"
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
ROBOTS_MAX_BYTES = 512 * 1024  # RFC 9309 asks crawlers to read at least 500 KiB
REDIRECT_CODES = {301, 302, 303, 307, 308}
THROTTLE_CODES = {429, 503}
MAX_RETRY_AFTER = 6 * 3600.0  # a Retry-After longer than this is read as this
HOST_PAUSE = 60.0  # how long a host that said 429/503 without Retry-After is left alone


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
        resolve: Callable[[str], Iterable[str]] = addresses.resolve,
        max_throttle_wait: float = 5.0,
    ) -> None:
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        self.total_timeout = total_timeout
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.delay = delay
        self.respect_robots = respect_robots
        self._clock, self._sleep, self._now = clock, sleep, now
        self._resolve = resolve
        self.max_throttle_wait = max_throttle_wait
        self._owns_client = client is None
        self._client = client or guarded_client()
        self._timeout = httpx.Timeout(
            connect=connect_timeout, read=read_timeout, write=read_timeout, pool=connect_timeout
        )
        self._last_start: dict[str, float] = {}
        self._host_locks: dict[str, threading.Lock] = {}
        self._locks_guard = threading.Lock()
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}
        self._not_before: dict[str, float] = {}  # host -> clock() before which we stay away
        self._out_of_time: set[str] = set()  # hosts that ran out a deadline: not asked again

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the HTTP client if this fetcher created it."""
        if self._owns_client:
            self._client.close()

    # ------------------------------------------------------------------ public API

    def fetch(
        self,
        url: str,
        *,
        source: str | None = None,
        check_robots: bool = True,
        block_private: bool = False,
    ) -> Document:
        """GET an article page (robots.txt checked) and return its bytes as a `Document`."""
        result = self.fetch_conditional(
            url, source=source, check_robots=check_robots, block_private=block_private
        )
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
        block_private: bool = False,
    ) -> FetchResult:
        """GET with If-None-Match / If-Modified-Since; a 304 comes back as `not_modified`.

        `block_private=True` (untrusted sources) refuses hosts that resolve to non-global
        addresses, here and at every redirect hop. A 429/503 raises with `retry_after`.
        """
        try:
            scheme = urlsplit(url).scheme
        except ValueError as exc:
            raise SourceError(f"invalid URL ({exc})") from exc
        if scheme not in {"http", "https"}:
            raise SourceError(f"not an http(s) URL: {url}")
        if block_private:
            self._refuse_private(url)  # before robots.txt: nothing at all goes to such a host
        if (
            check_robots
            and self.respect_robots
            and not self.allowed_by_robots(url, block_private=block_private)
        ):
            raise SourceError("disallowed by robots.txt")
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        robots = check_robots and self.respect_robots
        final_url, response, body = self._get_following_redirects(
            url, headers, self.max_bytes, block_private, robots=robots
        )
        etag_out = response.headers.get("etag") or etag
        modified_out = response.headers.get("last-modified") or last_modified
        if response.status_code == 304:
            return FetchResult(final_url, None, True, etag_out, modified_out)
        if response.status_code in THROTTLE_CODES:
            raise self._throttled(response)
        if not 200 <= response.status_code < 300:
            raise SourceError(_http_reason(response), transient=_retryable(response.status_code))
        document = Document(
            source=source or url,
            body=body,
            fetched_at=self._now(),
            url=final_url,
            content_type=response.headers.get("content-type"),
        )
        return FetchResult(final_url, document, False, etag_out, modified_out)

    def allowed_by_robots(self, url: str, *, block_private: bool = False) -> bool:
        """Whether robots.txt lets us fetch `url`; cached per host (4xx or no answer: allowed;
        5xx: disallowed).

        Raises `SourceError` (with `retry_after`) when the host is asking us to wait: that
        answer says nothing about robots.txt and is not cached.
        """
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            self._robots[origin] = self._load_robots(origin, block_private)
        parser = self._robots[origin]
        return parser is None or parser.can_fetch(ROBOTS_AGENT, url)

    # ------------------------------------------------------------------ internals

    def _load_robots(
        self, origin: str, block_private: bool
    ) -> urllib.robotparser.RobotFileParser | None:
        try:
            _, response, body = self._get_following_redirects(
                origin + "/robots.txt", {}, ROBOTS_MAX_BYTES, block_private
            )
        except SourceError as exc:
            if exc.retry_after is not None:
                raise
            return None
        if response.status_code in THROTTLE_CODES:
            raise self._throttled(response)
        if response.status_code >= 500:  # RFC 9309 2.3.1.4: unreachable means complete disallow
            parser = urllib.robotparser.RobotFileParser()
            parser.disallow_all = True
            return parser
        if response.status_code != 200:
            return None  # 4xx: "unavailable", everything allowed
        parser = urllib.robotparser.RobotFileParser()
        parser.parse(body.decode("utf-8", errors="replace").splitlines())
        return parser

    def _get_following_redirects(
        self,
        url: str,
        headers: dict[str, str],
        max_bytes: int,
        block_private: bool = False,
        *,
        robots: bool = False,
    ) -> tuple[str, httpx.Response, bytes]:
        seen, host = {url}, urlsplit(url).netloc
        for _ in range(self.max_redirects + 1):
            # Every hop is checked: a public feed may redirect inwards, and a hop to another
            # host answers to that host's robots.txt.
            if robots and urlsplit(url).netloc != host:
                if block_private:
                    self._refuse_private(url)
                if not self.allowed_by_robots(url, block_private=block_private):
                    raise SourceError(f"disallowed by robots.txt (after a redirect to {url})")
            response, body = self._get_once(url, headers, max_bytes, block_private)
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
        self, url: str, headers: dict[str, str], max_bytes: int, block_private: bool = False
    ) -> tuple[httpx.Response, bytes]:
        host = urlsplit(url).netloc.lower()
        with self._host_lock(host):
            if host in self._out_of_time:
                total = f"{self.total_timeout:g}s"
                reason = f"{host} ran out the {total} deadline earlier in this run; not asked again"
                raise SourceError(reason, retry_after=0.0)
            self._wait_until_allowed(host)
            self._wait_turn(host)
            if block_private:
                self._refuse_private(url)  # after any sleep: as close to connecting as we get
            pinned = self._checked_addresses if block_private else None
            try:
                with guarded(seconds=self.total_timeout, addresses_for=pinned):
                    try:
                        response, body = self._stream(url, headers, max_bytes)
                    except httpx.TimeoutException as exc:
                        if deadline_passed():  # a server this slow is left alone a while
                            self._out_of_time.add(host)
                            total = f"{self.total_timeout:g}s in total"
                            raise SourceError(f"timed out after {total}", retry_after=0.0) from exc
                        raise
            except httpx.ConnectTimeout as exc:
                raise SourceError(
                    f"connection timed out after {self.connect_timeout:g}s", transient=True
                ) from exc
            except httpx.TimeoutException as exc:
                raise SourceError(
                    f"timed out after {self.read_timeout:g}s", transient=True
                ) from exc
            except httpx.ConnectError as exc:
                raise SourceError(f"could not connect to {host} ({exc})", transient=True) from exc
            except httpx.HTTPError as exc:
                raise SourceError(
                    f"HTTP transport error ({type(exc).__name__}: {exc})", transient=True
                ) from exc
            except zlib.error as exc:
                raise SourceError(f"corrupt compressed body ({exc})") from exc
            except (httpx.InvalidURL, ValueError) as exc:
                raise SourceError(f"invalid URL ({exc})") from exc
            if response.status_code in THROTTLE_CODES:
                asked = self._retry_after(response)
                pause = asked if asked is not None else HOST_PAUSE
                until = self._clock() + pause
                self._not_before[host] = max(self._not_before.get(host, until), until)
            return response, body

    def _refuse_private(self, url: str) -> None:
        """Raise unless every address the URL's host resolves to is global. Redirects are
        re-checked hop by hop, and the connection itself goes only to the addresses checked
        (`_checked_addresses`, through `jobs.transport`)."""
        try:
            parsed = httpx.URL(url)
            host = parsed.raw_host.decode("ascii")  # IDNA-encoded, exactly as httpx connects
        except (httpx.InvalidURL, UnicodeError, ValueError) as exc:
            raise SourceError(f"invalid URL ({exc})") from exc
        if not host:
            raise SourceError(f"invalid URL (no host): {url}")
        self._checked_addresses(host)

    def _checked_addresses(self, host: str) -> list[str]:
        """`host`'s addresses, every one of them global (else SourceError): what an untrusted
        source's connection may reach, from this one lookup."""
        try:
            found = list(self._resolve(host))
        except (OSError, UnicodeError) as exc:
            raise SourceError(f"could not resolve {host} ({exc})", transient=True) from exc
        if reason := addresses.refusal(host, found):
            raise SourceError(reason)
        return found

    def _retry_after(self, response: httpx.Response) -> float | None:
        """Retry-After in seconds (delta or HTTP-date), capped; None when absent or unreadable."""
        raw = response.headers.get("retry-after", "").strip()
        if not raw:
            return None
        if raw.isdigit():
            seconds = float(raw)
        else:
            try:
                when = parsedate_to_datetime(raw)
            except (TypeError, ValueError, IndexError):
                return None
            if when.tzinfo is None:
                when = when.replace(tzinfo=UTC)
            seconds = (when - self._now()).total_seconds()
        return min(max(seconds, 0.0), MAX_RETRY_AFTER)

    def _throttled(self, response: httpx.Response) -> SourceError:
        asked = self._retry_after(response)
        reason = _http_reason(response)
        if asked is not None:
            reason += f" (asked to retry after {asked:.0f}s)"
        return SourceError(reason, retry_after=asked or 0.0)

    def _wait_until_allowed(self, host: str) -> None:
        """Honour an earlier 429/503 from `host`: sleep out short waits, fail fast on long ones."""
        remaining = self._not_before.get(host, 0.0) - self._clock()
        if remaining <= 0:
            return
        if remaining <= self.max_throttle_wait:
            self._sleep(remaining)
            return
        until = (self._now() + timedelta(seconds=remaining)).astimezone(UTC)
        raise SourceError(
            f"host {host} asked us to wait until {until:%Y-%m-%d %H:%M:%S} UTC",
            retry_after=remaining,
        )

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


def _retryable(status: int) -> bool:
    """A server error or a request timeout: the page may answer next time."""
    return status >= 500 or status == 408


def _http_reason(response: httpx.Response) -> str:
    return f"HTTP {response.status_code} {response.reason_phrase}".strip()


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):g} MB" if n >= 1024 * 1024 else f"{n} bytes"
