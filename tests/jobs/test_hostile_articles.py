"""Hostile article inputs: each is rejected or handled with a status, and memory stays bounded."""

from __future__ import annotations

import gzip
import os
import resource
from datetime import UTC, datetime

import pytest

from jobs.clean import clean_document
from jobs.model import SourceFailure
from jobs.sources import iter_documents

NOW = datetime(2024, 3, 1, tzinfo=UTC)

BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + "".join(
        f' <!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">\n'
        for n in range(1, 10)
    )
    + ']>\n<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title>'
    "<link>http://x.example/&lol9;</link><description>&lol9;</description></item></channel></rss>"
)


def outcomes(path) -> list[str]:
    """What ingest makes of a file: a status for each document, a reason for each failure."""
    results = []
    for item in iter_documents([str(path)], fetcher=None, now=NOW):
        if isinstance(item, SourceFailure):
            results.append(f"failed: {item.reason}")
        else:
            article = clean_document(item)
            results.append(f"{article.status}: {article.reason}")
    return results


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def test_billion_laughs_feed_does_not_expand(tmp_path):
    """An XML entity bomb is reported as malformed and never expands in memory."""
    path = tmp_path / "bomb.rss"
    path.write_text(BILLION_LAUGHS)
    before = peak_rss_mb()
    results = outcomes(path)
    assert results and all(r.startswith("failed") for r in results)
    assert peak_rss_mb() - before < 100


def test_deeply_nested_html_gets_a_status(tmp_path):
    """200,000 nested divs do not crash the cleaner; the page gets a status and a reason."""
    path = tmp_path / "nested.html"
    path.write_text("<html><body>" + "<div>" * 200_000 + "Talks went on." + "</div>" * 200_000)
    [result] = outcomes(path)
    assert result.split(":")[0] in {"failed", "thin"}


@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("random.html", os.urandom(100_000)),
        ("truncated.html.gz", gzip.compress(b"<html>" + b"x" * 100_000)[:300]),
        ("image.txt", b"\xff\xd8\xff\xe0\x00\x10JFIF" + os.urandom(5000)),
        ("empty.html", b""),
    ],
)
def test_binary_and_empty_files_fail_with_reasons(tmp_path, name, body):
    """Random bytes, truncated gzip, images and empty files fail with a reason, never raise."""
    path = tmp_path / name
    path.write_bytes(body)
    [result] = outcomes(path)
    assert result.startswith("failed: ") and len(result) > len("failed: ")


def test_truncated_gzip_over_http_fails_with_a_reason(feed_server, fetcher):
    """A page served with Content-Encoding: gzip but cut short is a failure with a reason."""
    whole = gzip.compress(b"<html><body><p>" + b"The minister spoke. " * 5000 + b"</p>")
    body = whole[: len(whole) // 2]
    feed_server.route(
        "/cut", body=body, content_type="text/html", headers={"Content-Encoding": "gzip"}
    )
    [item] = list(iter_documents([feed_server.url("/cut")], fetcher=fetcher, now=NOW))
    assert isinstance(item, SourceFailure) and "cut short" in item.reason


def test_gzip_bomb_over_http_stops_at_the_size_cap(feed_server, fetcher):
    """A small gzip body that inflates past the cap is refused without inflating it all."""
    body = gzip.compress(b"\0" * 200_000_000, compresslevel=9)
    feed_server.route(
        "/bomb", body=body, content_type="text/html", headers={"Content-Encoding": "gzip"}
    )
    before = peak_rss_mb()
    [item] = list(iter_documents([feed_server.url("/bomb")], fetcher=fetcher, now=NOW))
    assert isinstance(item, SourceFailure) and "larger than" in item.reason
    assert peak_rss_mb() - before < 60


def test_fifty_megabyte_page_is_refused_without_reading_it_all(feed_server, fetcher):
    """A 50 MB page is refused at the size cap while streaming; memory stays bounded."""
    feed_server.route("/huge", body=b"<html><body>" + b"a" * 50_000_000, content_type="text/html")
    before = peak_rss_mb()
    [item] = list(iter_documents([feed_server.url("/huge")], fetcher=fetcher, now=NOW))
    assert isinstance(item, SourceFailure) and "larger than" in item.reason
    assert peak_rss_mb() - before < 60
