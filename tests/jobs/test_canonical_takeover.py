"""A page's declared canonical URL keys its article only when it names the page's own site."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select
from sqlmodel import Session

from jobs.dedupe import registrable_domain, same_site
from jobs.ingest import ingest_documents
from jobs.model import Document
from storage.models import Article, Statement

pytestmark = pytest.mark.slow

NOW = datetime(2024, 3, 9, 12, 0, tzinfo=UTC)
COURIER = "https://www.courier.example/news/harbour-pact"
ROGUE = "https://copies.rogue.example/harbour-pact"

HARBOUR = (
    "Foreign ministers from nine coastal states agreed on Friday to share port inspection "
    "data, ending two days of tense talks in Valletta.",
    "“We came here with nine different rulebooks and we leave with one,” Maltese Foreign "
    "Minister Clara Vella told reporters after the closing session.",
    "Her Greek counterpart, Nikos Andreou, said separately that his government would have "
    "preferred a binding enforcement mechanism, but called the deal “a real start”.",
)
FORGED = (
    "Foreign ministers from nine coastal states walked out of the Valletta talks on Friday "
    "after a row over port fees, officials from three delegations said.",
    "“There is no pact and there will be none this year,” a spokesman for the Maltese "
    "foreign ministry, Paul Grech, told reporters outside the conference centre.",
    "Diplomats said the next round of talks had been called off until further notice, and "
    "that no date had been set for a new ministerial meeting on the harbour rules.",
)


def page(canonical: str | None, paragraphs: tuple[str, ...], title: str) -> bytes:
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f"{link}</head><body><article><h1>{title}</h1>{body}</article></body></html>"
    ).encode()


def fetched(url: str, body: bytes, *, source: str | None = None) -> Document:
    """A page as the fetcher hands it over: asked for `source`, served from `url`."""
    return Document(
        source=source or url,
        body=body,
        fetched_at=NOW,
        url=url,
        content_type="text/html; charset=utf-8",
    )


def stored(engine) -> dict[str, tuple[str, str, list[str]]]:
    """Every stored article by address: (source, text, statement contents)."""
    with Session(engine) as session:
        articles = session.exec(select(Article)).scalars().all()
        return {
            a.canonical_url: (
                a.source,
                a.text,
                sorted(
                    session.exec(select(Statement.content).where(Statement.article_id == a.id))
                    .scalars()
                    .all()
                ),
            )
            for a in articles
        }


def test_a_page_cannot_take_over_another_sites_article(engine, extractor):
    """A rogue site's page claiming the courier's canonical URL leaves the courier's article
    as it was and is stored under the rogue page's own address."""
    original = fetched(COURIER, page(COURIER, HARBOUR, "Ministers agree on harbour pact"))
    first = ingest_documents([original], engine=engine, extractor=extractor, now=NOW)
    assert first.new == 1
    before = stored(engine)[COURIER]

    forged = fetched(ROGUE, page(COURIER, FORGED, "Harbour talks collapse"))
    second = ingest_documents([forged], engine=engine, extractor=extractor, now=NOW)

    assert (second.new, second.updated, second.failed) == (1, 0, ())
    after = stored(engine)
    assert after[COURIER] == before
    assert after[ROGUE][0] == ROGUE and "walked out" in after[ROGUE][1]


def test_a_page_may_name_another_host_of_its_own_site(engine, extractor):
    """A page served from edition.courier.example may file itself under www.courier.example."""
    mirror = "https://edition.courier.example/world/harbour-pact?ref=home"
    summary = ingest_documents(
        [fetched(mirror, page(COURIER, HARBOUR, "Harbour pact"))],
        engine=engine,
        extractor=extractor,
        now=NOW,
    )
    assert summary.new == 1
    assert list(stored(engine)) == [COURIER]


def test_the_address_after_redirects_is_the_one_that_counts(engine, extractor):
    """A feed's redirecting link (asked for on one site, served by another) keeps the
    canonical URL of the site that served the page."""
    summary = ingest_documents(
        [fetched(COURIER, page(COURIER, HARBOUR, "Harbour pact"), source=ROGUE)],
        engine=engine,
        extractor=extractor,
        now=NOW,
    )
    assert summary.new == 1
    assert list(stored(engine)) == [COURIER]


@pytest.mark.parametrize(
    "canonical",
    [
        "https://www.courier.example:99999/news/harbour-pact",
        "https://[www.courier.example/news/harbour-pact",
        "https://www.courier.example:port/news/harbour-pact",
    ],
)
def test_an_unparseable_canonical_url_falls_back_to_the_fetched_url(engine, extractor, canonical):
    """A canonical URL that cannot be parsed (a port out of range, a broken bracket) does not
    stop the run: the page is stored under the address it was fetched from, and the next
    document in the run is stored too."""
    broken = fetched(COURIER, page(canonical, HARBOUR, "Harbour pact"))
    other = fetched(ROGUE, page(ROGUE, FORGED, "Harbour talks collapse"))
    summary = ingest_documents([broken, other], engine=engine, extractor=extractor, now=NOW)
    assert (summary.new, summary.failed) == (2, ())
    assert set(stored(engine)) == {COURIER, ROGUE}


def test_a_local_file_keeps_the_canonical_url_it_declares(engine, extractor, tmp_path):
    """A saved copy of a page, ingested from a file the operator chose, is filed under the
    web address it declares (there is no fetched site to compare it with)."""
    document = Document(
        source=str(tmp_path / "harbour.html"),
        body=page(COURIER, HARBOUR, "Harbour pact"),
        fetched_at=NOW,
        content_type="text/html; charset=utf-8",
    )
    assert ingest_documents([document], engine=engine, extractor=extractor, now=NOW).new == 1
    assert list(stored(engine)) == [COURIER]


@pytest.mark.parametrize(
    ("url", "domain"),
    [
        ("https://edition.cnn.com/2024/world", "cnn.com"),
        ("https://WWW.CNN.COM./", "cnn.com"),
        ("https://www.bbc.co.uk/news", "bbc.co.uk"),
        ("https://news.abc.net.au/x", "abc.net.au"),
        ("https://someone.github.io/page", "someone.github.io"),
        ("https://www.courier.example/a", "courier.example"),
        ("http://localhost:8000/a", "localhost"),
        ("http://127.0.0.1:8000/a", "127.0.0.1"),
        ("https://münchen.de/a", "xn--mnchen-3ya.de"),
        ("https://xn--mnchen-3ya.de/a", "xn--mnchen-3ya.de"),
        ("https://example.com:99999/a", "example.com"),
        ("/tmp/story.html", None),
        ("not a url", None),
    ],
)
def test_registrable_domain(url, domain):
    """The registrable domain follows the public suffix list, with private suffixes such as
    github.io counted, and the last two labels for names the list does not know."""
    assert registrable_domain(url) == domain


def test_same_site():
    """Hosts of one registrable domain are one site; two github.io pages are not."""
    assert same_site("https://edition.cnn.com/a", "https://www.cnn.com/b")
    assert same_site("http://cnn.com/a", "https://www.cnn.com/b")
    assert not same_site("https://cnn.com.evil.example/a", "https://www.cnn.com/b")
    assert not same_site("https://a.github.io/x", "https://b.github.io/x")
    assert not same_site("https://www.bbc.co.uk/", "https://evil.co.uk/")
    assert not same_site("https://93.184.216.34/a", "https://www.cnn.com/b")
    assert not same_site("/tmp/a.html", "/tmp/a.html")
