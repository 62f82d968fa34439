"""Channel feeds are untrusted: no request may reach a private, loopback or metadata address.

The hosts below are fake names. `FakeDNS` plays both halves of name resolution: what the
fetcher's check sees (the injected `resolve`) and where the socket really connects (a
transport that sends those names to the local feed server). Without the check, each
refused request would have reached the server; the tests assert it never did.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator
from datetime import UTC, datetime

import httpx
import pytest

from bot.commands.digest import DigestUsageError, feed_url
from jobs.addresses import literal_address, non_global, resolve
from jobs.fetch import Fetcher
from jobs.model import Document, SourceFailure
from jobs.sources import iter_documents
from summit.errors import SourceError
from tests.jobs.test_fetch import PAGE

NOW = datetime(2024, 3, 9, 8, 0, tzinfo=UTC)


class FakeDNS:
    """Names the fetcher's check resolves to `addresses`, while their sockets reach 127.0.0.1."""

    def __init__(self, names: dict[str, list[str]]) -> None:
        self.names = names
        self.lookups: list[str] = []

    def resolve(self, host: str) -> list[str]:
        self.lookups.append(host)
        return self.names[host] if host in self.names else resolve(host)

    def transport(self) -> httpx.HTTPTransport:
        names = self.names

        class Routed(httpx.HTTPTransport):
            def handle_request(self, request: httpx.Request) -> httpx.Response:
                if request.url.host in names:  # the Host header keeps the fake name
                    request.url = request.url.copy_with(host="127.0.0.1")
                return super().handle_request(request)

        return Routed()


@pytest.fixture
def dns() -> FakeDNS:
    return FakeDNS(
        {
            "feeds.example": ["127.0.0.1"],
            "public.example": ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"],
            "internal.example": ["10.0.0.5"],
        }
    )


@pytest.fixture
def routed(dns, clock) -> Iterator[Fetcher]:
    """A fetcher whose check uses `dns` and whose connections follow it to the local server."""
    with httpx.Client(transport=dns.transport()) as client:
        yield Fetcher(
            client, read_timeout=2.0, delay=0, clock=clock, sleep=clock.sleep, resolve=dns.resolve
        )


def at(feed_server, host: str, path: str) -> str:
    return feed_server.url(path).replace("127.0.0.1", host)


def rss(*links: str) -> str:
    items = "".join(f"<item><title>t</title><link>{link}</link></item>" for link in links)
    return f"<rss version='2.0'><channel><title>c</title>{items}</channel></rss>"


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("10.0.0.5", "private"),
        ("192.168.1.1", "private"),
        ("169.254.169.254", "link-local"),
        ("100.64.0.1", "non-global"),
        ("224.0.0.251", "multicast"),
        ("240.0.0.1", "reserved"),
        ("0.0.0.0", "unspecified"),
        ("::1", "loopback"),
        ("::", "unspecified"),
        ("fe80::1", "link-local"),
        ("fd12:3456::1", "unique-local"),
        ("fec0::1", "site-local"),
        ("ff02::1", "multicast"),
        ("::ffff:127.0.0.1", "loopback"),
        ("::ffff:169.254.169.254", "link-local"),
        ("2002:0a00:0005::1", "private"),
        ("64:ff9b::a00:5", "private"),
        ("93.184.216.34", None),
        ("2606:4700::1111", None),
        ("::ffff:8.8.8.8", None),
        ("64:ff9b::808:808", None),
    ],
)
def test_non_global_names_the_kind_of_address(address, kind):
    """Each non-global IPv4/IPv6 class is named (embedded IPv4 judged as IPv4); global is None."""
    assert non_global(ipaddress.ip_address(address)) == kind


def test_slash_command_shares_the_fetchers_definition():
    """`/digest feeds add` refuses literal non-global addresses, however the IP is spelled."""
    assert literal_address("0x7f.1") == ipaddress.ip_address("127.0.0.1")
    assert literal_address("2130706433") == ipaddress.ip_address("127.0.0.1")
    assert literal_address("news.example") is None and literal_address("face.be") is None
    for word in (
        "http://127.1/rss",
        "http://[::ffff:10.0.0.5]/rss",
        "http://169.254.169.254/latest/meta-data/",
        "http://[fd00::1]/rss",
        "http://224.0.0.1/rss",
    ):
        with pytest.raises(DigestUsageError, match="private address"):
            feed_url(word)
    assert feed_url("https://news.example/rss") == "https://news.example/rss"
    assert feed_url("http://93.184.216.34/rss") == "http://93.184.216.34/rss"


def test_channel_feed_resolving_to_loopback_is_refused_and_nothing_fetched(
    feed_server, routed, dns
):
    """A channel feed whose public-looking name resolves to 127.0.0.1 fails with the reason;
    the server never sees a request (the same feed as an operator source is fetched)."""
    feed_server.route("/feed.rss", rss(), content_type="application/rss+xml")
    url = at(feed_server, "feeds.example", "/feed.rss")
    items = list(iter_documents([url], fetcher=routed, now=NOW, untrusted={url}))
    assert items == [
        SourceFailure(url, "refused: feeds.example resolves to a loopback address (127.0.0.1)")
    ]
    assert feed_server.requests == []
    list(iter_documents([url], fetcher=routed, now=NOW))  # trusted: the route really works
    assert feed_server.hits("/feed.rss") == 1


def test_channel_feed_at_a_literal_private_address_is_refused(feed_server, fetcher):
    """With the real resolver, an untrusted http://127.0.0.1 feed is refused before any request."""
    feed_server.route("/feed.rss", rss(), content_type="application/rss+xml")
    url = feed_server.url("/feed.rss")
    [failure] = iter_documents([url], fetcher=fetcher, now=NOW, untrusted=[url])
    assert failure.reason == "refused: 127.0.0.1 resolves to a loopback address (127.0.0.1)"
    assert feed_server.requests == []


def test_untrusted_source_that_is_not_a_url_is_refused(tmp_path):
    """A channel "feed" naming a local file is refused instead of read from disk."""
    secret = tmp_path / "secret.txt"
    secret.write_text("database password")
    [failure] = iter_documents([str(secret)], fetcher=None, now=NOW, untrusted=[str(secret)])
    assert failure.reason == "refused: a channel feed must be an http(s) URL"


@pytest.mark.parametrize(
    ("target", "reason"),
    [
        ("internal", "refused: internal.example resolves to a private address (10.0.0.5)"),
        ("loopback", "refused: 127.0.0.1 resolves to a loopback address (127.0.0.1)"),
    ],
)
def test_redirect_from_public_host_to_private_one_is_refused(feed_server, routed, target, reason):
    """A redirect hop is checked before it is requested: public -> private fails, unrequested."""
    secret = {
        "internal": at(feed_server, "internal.example", "/secret"),
        "loopback": feed_server.url("/secret"),
    }[target]
    feed_server.route("/feed.rss", redirect=secret).route("/secret", "admin panel")
    with pytest.raises(SourceError) as raised:
        routed.fetch_conditional(at(feed_server, "public.example", "/feed.rss"), block_private=True)
    assert str(raised.value) == reason
    assert feed_server.hits("/feed.rss") == 1 and feed_server.hits("/secret") == 0


def test_redirect_to_metadata_address_is_refused(feed_server, routed):
    """A public feed redirecting to 169.254.169.254 is refused as link-local."""
    feed_server.route("/feed.rss", redirect="http://169.254.169.254/latest/meta-data/")
    with pytest.raises(SourceError, match=r"link-local address \(169\.254\.169\.254\)"):
        routed.fetch(at(feed_server, "public.example", "/feed.rss"), block_private=True)


def test_untrusted_feeds_private_entry_is_refused_and_the_rest_read(feed_server, routed):
    """An untrusted feed's entry linking to a private host is refused (never requested, nor its
    robots.txt) while its public entries are fetched."""
    good, bad = at(feed_server, "public.example", "/a/1"), at(feed_server, "feeds.example", "/a/2")
    inner = feed_server.url("/a/3")
    feed_server.route("/feed.rss", rss(good, bad, inner), content_type="application/rss+xml")
    for path in ("/a/1", "/a/2", "/a/3"):
        feed_server.route(path, PAGE)
    url = at(feed_server, "public.example", "/feed.rss")
    items = list(iter_documents([url], fetcher=routed, now=NOW, untrusted={url}))
    docs = [i for i in items if isinstance(i, Document)]
    failures = {i.source: i.reason for i in items if isinstance(i, SourceFailure)}
    assert [d.url for d in docs] == [good] and docs[0].entry.feed_url == url
    assert failures == {
        bad: "refused: feeds.example resolves to a loopback address (127.0.0.1)",
        inner: "refused: 127.0.0.1 resolves to a loopback address (127.0.0.1)",
    }
    assert feed_server.hits("/a/2") == feed_server.hits("/a/3") == 0
    hosts = {headers["host"].split(":")[0] for _, headers in feed_server.requests}
    assert hosts == {"public.example"}


def test_operator_feed_on_loopback_still_works(feed_server, routed):
    """Operator (trusted) sources may use private addresses: feed and page on 127.0.0.1 are read."""
    page = feed_server.url("/a/1")
    feed_server.route("/feed.rss", rss(page), content_type="application/rss+xml")
    feed_server.route("/a/1", PAGE)
    url = feed_server.url("/feed.rss")
    [doc] = iter_documents([url], fetcher=routed, now=NOW, untrusted={"https://other.example/"})
    assert isinstance(doc, Document) and doc.url == page


def test_an_untrusted_fetch_connects_only_to_the_address_it_checked(feed_server):
    """DNS rebinding: the check's lookup says a public address; the connection goes there, not
    to whatever the system resolver says next (here 127.0.0.1, where the feed server is)."""
    feed_server.route("/feed.rss", rss(), content_type="application/rss+xml")
    url = feed_server.url("/feed.rss").replace("127.0.0.1", "localhost")
    public = FakeDNS({"localhost": ["93.184.216.34"]})
    fetcher = Fetcher(connect_timeout=1.0, delay=0, respect_robots=False, resolve=public.resolve)
    with fetcher:
        items = list(iter_documents([url], fetcher=fetcher, now=NOW, untrusted={url}))
    [failure] = items
    assert isinstance(failure, SourceFailure)
    assert feed_server.requests == []
    assert "localhost" in public.lookups


def test_the_fetcher_ignores_proxy_variables(feed_server, monkeypatch):
    """HTTP(S)_PROXY would resolve names out of our sight: the fetcher's client never uses it."""
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")
    monkeypatch.setenv("http_proxy", "http://127.0.0.1:9")
    feed_server.route("/feed.rss", rss(), content_type="application/rss+xml")
    with Fetcher(delay=0, respect_robots=False) as fetcher:
        list(iter_documents([feed_server.url("/feed.rss")], fetcher=fetcher, now=NOW))
    assert feed_server.hits("/feed.rss") == 1
