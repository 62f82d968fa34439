"""Fetcher over real HTTP on 127.0.0.1: statuses, redirects, caps, timeouts, robots, politeness."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from jobs.fetch import MAX_RETRY_AFTER, USER_AGENT, Fetcher
from summit.errors import SourceError

PAGE = "<html><body><p>Summit page</p></body></html>"
NOW = datetime(2024, 3, 9, 8, 0, tzinfo=UTC)


def test_fetch_returns_document_with_final_url_and_user_agent(feed_server, fetcher):
    """A redirected page comes back as a Document from its final URL, sent with our User-Agent."""
    feed_server.route("/old", redirect="/new").route("/new", PAGE)
    doc = fetcher.fetch(feed_server.url("/old"))
    assert doc.url == feed_server.url("/new")
    assert doc.source == feed_server.url("/old")
    assert doc.body == PAGE.encode()
    assert doc.content_type.startswith("text/html")
    assert feed_server.last_headers("/new")["user-agent"] == USER_AGENT


@pytest.mark.parametrize(("status", "reason"), [(404, "HTTP 404"), (500, "HTTP 500")])
def test_http_errors_raise_source_error(feed_server, fetcher, status, reason):
    """4xx/5xx responses raise SourceError naming the status."""
    feed_server.route("/x", "oops", status=status)
    with pytest.raises(SourceError, match=reason):
        fetcher.fetch(feed_server.url("/x"))


def test_redirect_loop_is_reported(feed_server, fetcher):
    """A redirect loop fails with "redirect loop" instead of spinning."""
    feed_server.route("/a", redirect="/b").route("/b", redirect="/a")
    with pytest.raises(SourceError, match="redirect loop"):
        fetcher.fetch(feed_server.url("/a"))


def test_too_many_redirects_is_reported(feed_server, fetcher):
    """A chain longer than the cap fails with the cap in the reason."""
    for i in range(8):
        feed_server.route(f"/r{i}", redirect=f"/r{i + 1}")
    with pytest.raises(SourceError, match="too many redirects"):
        fetcher.fetch(feed_server.url("/r0"))


def test_body_over_cap_is_refused(feed_server, clock):
    """A body over the size cap is refused while streaming."""
    feed_server.route("/big", b"x" * 50_000, headers={})
    small = Fetcher(max_bytes=10_000, clock=clock, sleep=clock.sleep)
    with small, pytest.raises(SourceError, match="body larger than"):
        small.fetch(feed_server.url("/big"))


def test_slow_server_times_out(feed_server, fetcher):
    """A server slower than the read timeout fails with "timed out after"."""
    feed_server.route("/slow", PAGE, delay=2.0)
    with pytest.raises(SourceError, match=r"timed out after 0\.3s"):
        fetcher.fetch(feed_server.url("/slow"))


def test_robots_disallow_blocks_article_pages(feed_server, fetcher):
    """robots.txt Disallow stops article fetches and is fetched once per host."""
    feed_server.route(
        "/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain"
    )
    feed_server.route("/private/a", PAGE).route("/public/a", PAGE).route("/public/b", PAGE)
    with pytest.raises(SourceError, match=r"robots\.txt"):
        fetcher.fetch(feed_server.url("/private/a"))
    fetcher.fetch(feed_server.url("/public/a"))
    fetcher.fetch(feed_server.url("/public/b"))
    assert feed_server.hits("/private/a") == 0
    assert feed_server.hits("/robots.txt") == 1


def test_missing_robots_allows(feed_server, fetcher):
    """A 404 robots.txt allows everything."""
    feed_server.route("/a", PAGE)
    assert fetcher.fetch(feed_server.url("/a")).body == PAGE.encode()


@pytest.mark.parametrize("status", [500, 502])
def test_robots_server_error_disallows_article_pages(feed_server, fetcher, status):
    """A robots.txt answering 5xx means "complete disallow" (RFC 9309), not allow-all."""
    feed_server.route("/robots.txt", "oops", status=status)
    feed_server.route("/a", PAGE)
    with pytest.raises(SourceError, match=r"robots\.txt"):
        fetcher.fetch(feed_server.url("/a"))
    assert feed_server.hits("/a") == 0


def test_robots_of_the_host_a_redirect_leads_to_is_checked(feed_server, fetcher):
    """A page that redirects to another host answers to that host's robots.txt."""
    other = feed_server.url("/private/a").replace("127.0.0.1", "localhost")
    feed_server.route(
        "/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain"
    )
    feed_server.route("/go", "", status=302, headers={"Location": other})
    feed_server.route("/private/a", PAGE)
    with pytest.raises(SourceError, match=r"robots\.txt \(after a redirect"):
        fetcher.fetch(feed_server.url("/go"))
    assert feed_server.hits("/private/a") == 0


def test_conditional_get_sends_validators_and_reports_304(feed_server, fetcher):
    """Validators come back, are re-sent as If-None-Match/If-Modified-Since; 304 is reported."""
    lm = "Fri, 08 Mar 2024 16:30:00 GMT"
    feed_server.route("/feed", "<rss/>", etag='"v1"', last_modified=lm)
    first = fetcher.fetch_conditional(feed_server.url("/feed"))
    assert (first.etag, first.last_modified, first.not_modified) == ('"v1"', lm, False)
    second = fetcher.fetch_conditional(
        feed_server.url("/feed"), etag=first.etag, last_modified=first.last_modified
    )
    assert second.not_modified and second.document is None
    assert second.etag == '"v1"'
    headers = feed_server.last_headers("/feed")
    assert headers["if-none-match"] == '"v1"'
    assert headers["if-modified-since"] == lm


def test_politeness_delay_between_requests_to_same_host(feed_server, fetcher, clock):
    """Consecutive requests to one host wait out the delay on the injected clock."""
    feed_server.route("/a", PAGE).route("/b", PAGE)
    fetcher.fetch(feed_server.url("/a"), check_robots=False)
    fetcher.fetch(feed_server.url("/b"), check_robots=False)
    assert clock.sleeps == [1.0]


def test_unreachable_host_fails_with_reason(fetcher):
    """A refused connection is a SourceError, not an httpx exception."""
    with pytest.raises(SourceError, match="could not connect"):
        fetcher.fetch("http://127.0.0.1:9/", check_robots=False)


def throttling_fetcher(clock) -> Fetcher:
    return Fetcher(read_timeout=2.0, delay=0, clock=clock, sleep=clock.sleep, now=lambda: NOW)


@pytest.mark.parametrize(
    ("status", "header", "expected"),
    [
        (429, "120", 120.0),
        (503, format_datetime(NOW + timedelta(minutes=10), usegmt=True), 600.0),
        (429, "999999", MAX_RETRY_AFTER),
        (429, format_datetime(NOW + timedelta(days=3), usegmt=True), MAX_RETRY_AFTER),
        (429, format_datetime(NOW - timedelta(minutes=1), usegmt=True), 0.0),
        (503, None, 0.0),
        (429, "soon", 0.0),
    ],
)
def test_throttled_feed_carries_retry_after(feed_server, clock, status, header, expected):
    """429/503 raise SourceError with retry_after: seconds or HTTP-date, capped at 6 h, 0 unsaid."""
    headers = {"Retry-After": header} if header else {}
    feed_server.route("/feed.rss", "slow down", status=status, headers=headers)
    with throttling_fetcher(clock) as fetcher, pytest.raises(SourceError) as raised:
        fetcher.fetch_conditional(feed_server.url("/feed.rss"))
    assert raised.value.retry_after == expected
    assert str(raised.value).startswith(f"HTTP {status}")


def test_other_errors_have_no_retry_after(feed_server, fetcher):
    """A plain HTTP error is not a request to back off."""
    feed_server.route("/x", "oops", status=500, headers={"Retry-After": "120"})
    with pytest.raises(SourceError) as raised:
        fetcher.fetch(feed_server.url("/x"))
    assert raised.value.retry_after is None


def test_host_that_said_429_is_left_alone_for_the_rest_of_the_run(feed_server, clock):
    """After a page's 429 (Retry-After 120) further pages on that host fail fast, unrequested,
    and nothing sleeps; once the time has passed the host is asked again."""
    feed_server.route("/a", "slow down", status=429, headers={"Retry-After": "120"})
    feed_server.route("/b", PAGE)
    with throttling_fetcher(clock) as fetcher:
        with pytest.raises(SourceError, match="HTTP 429"):
            fetcher.fetch(feed_server.url("/a"))
        with pytest.raises(SourceError, match=r"asked us to wait until 2024-03-09 08:02:00 UTC"):
            fetcher.fetch(feed_server.url("/b"))
        assert feed_server.hits("/b") == 0 and clock.sleeps == []
        clock.now += 121
        assert fetcher.fetch(feed_server.url("/b")).body == PAGE.encode()


def test_short_retry_after_is_slept_out(feed_server, clock):
    """A Retry-After of a few seconds is waited for (on the injected clock), not failed."""
    feed_server.route("/a", "slow down", status=503, headers={"Retry-After": "2"})
    feed_server.route("/b", PAGE)
    with throttling_fetcher(clock) as fetcher:
        with pytest.raises(SourceError, match="HTTP 503"):
            fetcher.fetch(feed_server.url("/a"))
        assert fetcher.fetch(feed_server.url("/b")).body == PAGE.encode()
    assert clock.sleeps == [2.0]


def test_throttled_robots_txt_is_not_cached_as_allow_all(feed_server, clock):
    """A 429 on robots.txt fails the page (with retry_after) instead of skipping robots later."""
    feed_server.route("/robots.txt", "slow down", status=429, headers={"Retry-After": "60"})
    feed_server.route("/a", PAGE)
    with throttling_fetcher(clock) as fetcher:
        with pytest.raises(SourceError) as raised:
            fetcher.fetch(feed_server.url("/a"))
        assert raised.value.retry_after == 60.0 and feed_server.hits("/a") == 0
        feed_server.route("/robots.txt", "User-agent: *\nDisallow: /a\n", content_type="text/plain")
        clock.now += 61
        with pytest.raises(SourceError, match=r"robots\.txt"):
            fetcher.fetch(feed_server.url("/a"))


class _Trickler:
    """A raw HTTP server on 127.0.0.1 that answers too slowly to ever finish: `headers`
    sends its status line a byte every 0.2 s; `interim` sends `HTTP/1.1 102` forever."""

    def __init__(self, mode: str) -> None:
        import socket
        import threading

        self.mode, self.stopped = mode, threading.Event()
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        connection, _ = self.server.accept()
        with connection:
            connection.recv(65536)
            while not self.stopped.wait(0.2):
                try:
                    if self.mode == "headers":
                        connection.sendall(b"H")
                    else:
                        connection.sendall(b"HTTP/1.1 102 Processing\r\n\r\n")
                except OSError:
                    return

    def close(self) -> None:
        self.stopped.set()
        self.server.close()


@pytest.mark.parametrize("mode", ["headers", "interim"])
def test_a_server_that_never_finishes_its_answer_hits_the_fetch_deadline(mode):
    """Trickled headers or endless 102s end at the total deadline, whatever the read timeout."""
    import threading

    server = _Trickler(mode)
    outcome: list[BaseException | object] = []
    fetcher = Fetcher(total_timeout=1.5, read_timeout=5.0, delay=0, respect_robots=False)

    def fetch() -> None:
        try:
            outcome.append(fetcher.fetch(f"http://127.0.0.1:{server.port}/feed.rss"))
        except BaseException as error:
            outcome.append(error)

    worker = threading.Thread(target=fetch, daemon=True)
    worker.start()
    worker.join(timeout=15)
    server.close()
    fetcher.close()
    assert not worker.is_alive(), "the fetch was still running after 15 s"
    [error] = outcome
    assert isinstance(error, SourceError) and "in total" in str(error)
    assert error.retry_after == 0.0  # backed off like a server that asked us to slow down


@pytest.mark.parametrize("mode", ["headers", "interim"])
def test_a_host_that_ran_out_the_deadline_is_not_asked_again_in_the_run(mode):
    """A feed's pages on a host that trickles cost one deadline per run, not one per page
    (each asking robots.txt first: 200 entries were 200 deadlines): after a request to it ran
    out of time, the fetcher's next requests to that host fail at once, backed off like a
    throttled host, whatever the page."""
    import threading
    import time

    server = _Trickler(mode)
    fetcher = Fetcher(total_timeout=1.0, read_timeout=5.0, delay=0, respect_robots=False)
    failures: list[SourceError] = []

    def fetch_pages() -> None:
        for page in ("a", "b", "c"):
            try:
                fetcher.fetch(f"http://127.0.0.1:{server.port}/{page}")
            except SourceError as error:
                failures.append(error)

    worker = threading.Thread(target=fetch_pages, daemon=True)
    started = time.monotonic()
    worker.start()
    worker.join(timeout=15)
    elapsed = time.monotonic() - started
    server.close()
    fetcher.close()
    assert not worker.is_alive(), "the fetches were still running after 15 s"
    first, *rest = failures
    assert "in total" in str(first) and len(rest) == 2
    assert all("not asked again" in str(error) for error in rest), rest
    assert all(error.retry_after == 0.0 for error in failures)
    assert elapsed < 2.5  # one deadline, not three
