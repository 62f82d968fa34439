"""iter_documents: files, folders, article URLs and RSS/Atom/JSON feeds over the local server."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime

from jobs.model import Document, SourceFailure
from jobs.sources import FeedStatus, iter_documents, parse_feed_date

NOW = datetime(2024, 3, 9, 8, 0, tzinfo=UTC)


def serve_fixture(server, fixtures, name, path, content_type):
    body = (fixtures / name).read_bytes().replace(b"{base}", server.base_url.encode())
    server.route(path, body, content_type=content_type)
    return body


def serve_article(server, fixtures):
    server.route("/news/harbour-pact", (fixtures / "harbour-summit.html").read_bytes())


def run(sources, fetcher, **kw):
    return list(iter_documents(sources, fetcher=fetcher, now=NOW, **kw))


def test_rss_feed_entries_are_fetched_with_feed_entry(feed_server, fetcher, fixtures):
    """Each RSS item's page is fetched and carries the FeedEntry; a 404 item is a failure."""
    serve_fixture(feed_server, fixtures, "feed.rss", "/feed.rss", "application/rss+xml")
    serve_article(feed_server, fixtures)
    items = run([feed_server.url("/feed.rss")], fetcher)
    docs = [i for i in items if isinstance(i, Document)]
    failures = [i for i in items if isinstance(i, SourceFailure)]
    assert len(docs) == 1
    assert docs[0].entry.title == "Ministers agree on harbour pact at Valletta talks"
    assert docs[0].entry.published == datetime(2024, 3, 8, 16, 30, tzinfo=UTC)
    assert docs[0].entry.feed_url == feed_server.url("/feed.rss")
    assert failures == [SourceFailure(feed_server.url("/news/gone"), "HTTP 404 Not Found")]


def test_atom_feed_is_read(feed_server, fetcher, fixtures):
    """Atom entries are expanded to their linked pages."""
    serve_fixture(feed_server, fixtures, "feed.atom", "/feed.atom", "application/atom+xml")
    serve_article(feed_server, fixtures)
    (doc,) = run([feed_server.url("/feed.atom")], fetcher)
    assert doc.entry.summary == "Nine coastal states agree to share port data."
    assert "wt_mc" in doc.entry.link


def test_json_feed_is_read_as_plain_json(feed_server, fetcher, fixtures):
    """A JSON Feed served as application/json is detected and expanded."""
    serve_fixture(feed_server, fixtures, "feed.json", "/feed.json", "application/json")
    serve_article(feed_server, fixtures)
    (doc,) = run([feed_server.url("/feed.json")], fetcher)
    assert doc.entry.published == datetime.fromisoformat("2024-03-08T17:30:00+01:00")


def test_malformed_feed_is_a_failure_and_run_continues(feed_server, fetcher, fixtures):
    """Truncated XML yields a SourceFailure and the next source is still read."""
    serve_fixture(feed_server, fixtures, "truncated.rss", "/bad.rss", "application/rss+xml")
    serve_article(feed_server, fixtures)
    items = run([feed_server.url("/bad.rss"), feed_server.url("/news/harbour-pact")], fetcher)
    assert isinstance(items[-1], Document)
    bad = [i for i in items if isinstance(i, SourceFailure) and i.source.endswith("/bad.rss")]
    assert bad and "malformed feed XML" in bad[0].reason


def test_latin1_feed_with_portuguese_dates(feed_server, fetcher, fixtures):
    """An undeclared Latin-1 feed with Portuguese dates parses, with the date recovered."""
    serve_fixture(feed_server, fixtures, "portuguese.rss", "/uol.rss", "text/xml")
    serve_article(feed_server, fixtures)
    (doc,) = run([feed_server.url("/uol.rss")], fetcher)
    assert doc.entry.title == "Ministros discutem acordo em Brasília"
    assert doc.entry.published == datetime.fromisoformat("2018-09-24T19:43:00-03:00")
    assert parse_feed_date("Qua, 3 Out 2018 08:00:00 GMT") == datetime(2018, 10, 3, 8, tzinfo=UTC)
    assert parse_feed_date("gibberish") is None


def test_feed_conditional_get_reports_status(feed_server, fetcher, fixtures):
    """Feed validators go to on_feed, are sent back next run, and a 304 yields nothing."""
    body = serve_fixture(feed_server, fixtures, "feed.atom", "/feed.atom", "application/atom+xml")
    feed_server.route("/feed.atom", body, content_type="application/atom+xml", etag='"e1"')
    serve_article(feed_server, fixtures)
    statuses: list[FeedStatus] = []
    run([feed_server.url("/feed.atom")], fetcher, on_feed=statuses.append)
    assert statuses[0].etag == '"e1"' and statuses[0].entries == 1
    state = {feed_server.url("/feed.atom"): (statuses[0].etag, statuses[0].last_modified)}
    again = run([feed_server.url("/feed.atom")], fetcher, feed_state=state, on_feed=statuses.append)
    assert again == []
    assert statuses[1].not_modified
    assert feed_server.last_headers("/feed.atom")["if-none-match"] == '"e1"'


def test_article_url_and_bad_urls(feed_server, fetcher, fixtures):
    """An article URL is one Document; a 500 and a timeout are reported per item."""
    serve_article(feed_server, fixtures)
    feed_server.route("/boom", "err", status=500).route("/slow", "x", delay=2.0)
    items = run([feed_server.url(p) for p in ("/news/harbour-pact", "/boom", "/slow")], fetcher)
    assert isinstance(items[0], Document)
    assert items[1] == SourceFailure(feed_server.url("/boom"), "HTTP 500 Internal Server Error")
    assert items[2].reason.startswith("timed out after")


def test_folder_is_recursed_and_files_classified(tmp_path, fixtures):
    """A folder yields its .html/.txt files and reports summary-only feeds and missing paths."""
    (tmp_path / "sub").mkdir()
    shutil.copy(fixtures / "harbour-summit.html", tmp_path / "sub" / "a.html")
    shutil.copy(fixtures / "wire-story.txt", tmp_path / "b.txt")
    shutil.copy(fixtures / "feed.atom", tmp_path / "c.atom")
    (tmp_path / "ignored.png").write_bytes(b"\x89PNG")
    items = run([str(tmp_path), str(tmp_path / "nope")], None)
    docs = [i for i in items if isinstance(i, Document)]
    assert sorted(d.content_type for d in docs) == ["text/html", "text/plain"]
    reasons = [i.reason for i in items if isinstance(i, SourceFailure)]
    assert "feed entry has only a summary; fetching disabled" in reasons
    assert reasons[-1] == "no such file or folder"


def test_saved_feed_with_full_content_becomes_documents(tmp_path):
    """A saved feed whose entries carry full content yields those contents as documents."""
    content = "<p>" + "The ministers met in Rome and agreed on a plan. " * 40 + "</p>"
    feed = (
        '<?xml version="1.0"?><rss version="2.0" xmlns:content='
        '"http://purl.org/rss/1.0/modules/content/"><channel><title>t</title><item>'
        "<title>Rome plan</title><link>https://x.example/rome</link>"
        f"<content:encoded><![CDATA[{content}]]></content:encoded></item></channel></rss>"
    )
    (tmp_path / "saved.xml").write_text(feed, encoding="utf-8")
    (doc,) = run([str(tmp_path / "saved.xml")], None)
    assert doc.source == "https://x.example/rome"
    assert b"agreed on a plan" in doc.body
    assert doc.entry.title == "Rome plan"


def test_url_without_fetcher_is_reported():
    """A URL source with fetching disabled is a failure, not an exception."""
    (item,) = run(["https://x.example/a"], None)
    assert item.reason == "a URL was given but fetching is disabled"


def test_a_feed_that_crashes_the_parser_is_a_failure_and_the_run_continues(
    feed_server, fetcher, fixtures
):
    """A JSON Feed nested 5,000 levels deep (RecursionError, not a ValueError) fails alone."""
    deep = '{"version": "https://jsonfeed.org/version/1.1", "items": ' + "[" * 5000 + "]" * 5000
    feed_server.route("/deep.json", (deep + "}").encode(), content_type="application/json")
    serve_article(feed_server, fixtures)
    items = run([feed_server.url("/deep.json"), feed_server.url("/news/harbour-pact")], fetcher)
    assert isinstance(items[-1], Document)
    [bad] = [i for i in items if isinstance(i, SourceFailure)]
    assert bad.source.endswith("/deep.json") and bad.reason


def test_a_feed_is_read_up_to_its_entry_cap(tmp_path):
    """A saved feed of 5 full-content entries with MAX_FEED_ENTRIES 2 yields its first 2."""
    content = "<p>" + "The ministers met in Rome and agreed on a plan. " * 40 + "</p>"
    items = "".join(
        f"<item><title>Entry {n}</title><link>https://x.example/{n}</link>"
        f"<content:encoded><![CDATA[{content}]]></content:encoded></item>"
        for n in range(5)
    )
    feed = (
        '<?xml version="1.0"?><rss version="2.0" xmlns:content='
        '"http://purl.org/rss/1.0/modules/content/"><channel><title>t</title>'
        f"{items}</channel></rss>"
    )
    (tmp_path / "saved.xml").write_text(feed, encoding="utf-8")
    docs = run([str(tmp_path / "saved.xml")], None, max_entries=2)
    assert [d.source for d in docs] == ["https://x.example/0", "https://x.example/1"]


def test_a_feed_entry_whose_link_cannot_be_read_fails_alone(feed_server, fetcher, fixtures):
    """An entry linking to a port out of range (canonical_url's ValueError) is that entry's
    failure: the feed's other entries are still read, and the feed itself has not crashed (it
    is not backed off)."""
    from jobs.sources import Crashed

    good = feed_server.url("/news/harbour-pact")
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
        "<item><title>Bad port</title><link>https://x.example:99999/a</link></item>"
        f"<item><title>Harbour pact</title><link>{good}</link></item>"
        "</channel></rss>"
    )
    feed_server.route("/feed.rss", feed.encode(), content_type="application/rss+xml")
    serve_article(feed_server, fixtures)
    items = run([feed_server.url("/feed.rss")], fetcher)
    assert [i.url for i in items if isinstance(i, Document)] == [good]
    [bad] = [i for i in items if isinstance(i, SourceFailure)]
    assert not isinstance(bad, Crashed)
    assert bad.source == "https://x.example:99999/a" and "Port out of range" in bad.reason


def test_an_entry_that_failed_is_read_next_run_as_the_feed_keeps_no_validators(
    feed_server, fetcher, fixtures
):
    """An entry page that answered 500 is read on the next run: the feed's ETag is not kept
    after a failed entry, so no 304 hides the entry from the retry."""
    body = serve_fixture(feed_server, fixtures, "feed.atom", "/feed.atom", "application/atom+xml")
    feed_server.route("/feed.atom", body, content_type="application/atom+xml", etag='"e1"')
    feed_server.route("/news/harbour-pact", "down for maintenance", status=500)
    statuses: list[FeedStatus] = []
    first = run([feed_server.url("/feed.atom")], fetcher, on_feed=statuses.append)
    assert not any(isinstance(i, Document) for i in first)
    state = {feed_server.url("/feed.atom"): (statuses[0].etag, statuses[0].last_modified)}
    serve_article(feed_server, fixtures)
    again = run([feed_server.url("/feed.atom")], fetcher, feed_state=state, on_feed=statuses.append)
    assert [type(i) for i in again] == [Document]
