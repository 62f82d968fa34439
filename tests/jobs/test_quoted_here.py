"""The "Who's quoted here?" job: the links and words of a Slack message, and a linked page
fetched as an untrusted source, read and extracted without being stored."""

from __future__ import annotations

import httpx
from sqlalchemy import func, select
from sqlmodel import Session

from jobs.fetch import Fetcher
from jobs.quoted_here import message_links, page_reader, plain_text
from storage.models import Article
from tests.bot.test_quoted_here import ARTICLE
from tests.jobs.test_fetch_safety import FakeDNS, at

PAGE = (
    "<html><head><title>Geneva grain talks | Example Wire</title>"
    '<meta property="og:site_name" content="Example Wire"></head><body><article>'
    "<h1>Geneva grain talks</h1>"
    + "".join(f"<p>{p}</p>" for p in ARTICLE.split("\n\n"))
    + "</article></body></html>"
)


def test_links_come_from_slack_markup_and_bare_text_once_each():
    """`<url|label>`, `<url>` and a bare address are found in order, entities decoded, once."""
    text = (
        "See <https://a.example/x?b=1&amp;c=2|this> and <https://b.example/y>, "
        "also https://c.example/z. and <https://b.example/y|again>"
    )
    assert message_links(text) == [
        "https://a.example/x?b=1&c=2",
        "https://b.example/y",
        "https://c.example/z",
    ]


def test_plain_text_drops_mentions_and_keeps_their_labels():
    """Mentions become their labels (or nothing), entities are decoded."""
    text = "<@U0AUTHOR01> in <#C0SUMMIT01|summit-desk>: Lavrov &amp; Blinken &lt;met&gt;"
    assert plain_text(text) == "in summit-desk: Lavrov & Blinken <met>"


def test_a_linked_page_is_fetched_untrusted_read_and_not_stored(feed_server, engine, extractor):
    """A public page is fetched (robots.txt asked first), cleaned and extracted; the article
    is not stored, so it reaches nobody's digest."""
    feed_server.route("/2026/geneva", PAGE, content_type="text/html")
    public = FakeDNS({"wire.example": ["93.184.216.34"]})
    with httpx.Client(transport=public.transport()) as client:
        fetcher = Fetcher(client, delay=0, resolve=public.resolve)
        read = page_reader(fetcher, extractor, min_confidence=0.5, max_words=20_000)
        reading = read(at(feed_server, "wire.example", "/2026/geneva"))
    assert reading.problem is None
    found = reading.findings
    assert found.title == "Geneva grain talks" and not found.stored
    assert found.speakers[:2] == ("Antony Blinken", "Sergei Lavrov")
    assert {d.actor for d in found.disputes} == {"Antony Blinken", "Sergei Lavrov"}
    assert feed_server.hits("/robots.txt") == 1
    with Session(engine) as session:
        assert session.exec(select(func.count()).select_from(Article)).scalar_one() == 0


def test_a_page_that_is_not_an_article_says_so(feed_server, extractor):
    """An image (or any page without article text) gives a reason, not findings."""
    feed_server.route("/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(2000), content_type="image/png")
    public = FakeDNS({"wire.example": ["93.184.216.34"]})
    with httpx.Client(transport=public.transport()) as client:
        fetcher = Fetcher(client, delay=0, respect_robots=False, resolve=public.resolve)
        read = page_reader(fetcher, extractor, min_confidence=0.5, max_words=20_000)
        reading = read(at(feed_server, "wire.example", "/logo.png"))
    assert reading.findings is None and reading.problem.startswith("no article text there")
