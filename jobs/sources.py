"""Turn the configured sources into documents: files, folders, article URLs and feeds.

`iter_documents(sources, fetcher=..., now=...)` yields a `Document` per article and a
`SourceFailure` per thing that could not be read, and never raises for one bad item.

Each source string is one of:

* a local **file** — `.html`/`.htm`/`.txt` become one document each; a feed saved as a
  file (`.xml`/`.rss`/`.atom`, or a `.json` JSON Feed) is expanded into its entries;
* a **folder** — recursed, keeping the suffixes above, in sorted order;
* an **article URL** — fetched with robots.txt checked;
* a **feed URL** — detected by content type or by sniffing the bytes (RSS/Atom are
  parsed by feedparser from the bytes we fetched; JSON Feed 1.x as plain JSON). Each
  entry's link is fetched through the fetcher and the document carries a `FeedEntry`.
  When the page cannot be fetched but the feed carries the full content, the content is
  used instead.

**Conditional GET.** `feed_state` maps a feed URL to the `(etag, last_modified)` stored
after the previous run; they are sent back as If-None-Match / If-Modified-Since. After
each fetched feed, `on_feed(FeedStatus)` is called with the new validators (or
`not_modified=True` on a 304, when the feed yields nothing) so the caller can store
them; after a run in which an entry's page failed for the moment (`Unreachable`: a 5xx, a
timeout, a refused connection) they are not kept, so the next run reads the feed again and
retries that page instead of being told 304. Feed URLs skip robots.txt (feeds exist to be
polled); article pages respect it.

**Untrusted sources.** Sources listed in `untrusted` (feeds that Slack users added to a
channel) are fetched with `block_private=True`: the feed, each redirect hop and each
entry's page are refused when their host resolves to a non-global address, and a source
that is not an http(s) URL is refused outright. Operator sources are trusted.

**Back-off.** A source whose server answered 429/503 yields a `Throttled` failure whose
`retry_after` (seconds, 0 when unsaid) tells the worker when to come back.

Dates that feedparser cannot parse (e.g. "Seg, 24 Set 2018") are read with the month
and weekday names in `jobs/rules/month_names.json`; failing that the entry has no
date and the page's own metadata or the fetch time decide later.
"""

from __future__ import annotations

import calendar
import json
import logging
import re
import warnings
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import feedparser

from jobs.clean import DEFAULT_MAX_BYTES, RULES_DIR, parse_date
from jobs.dedupe import canonical_url
from jobs.fetch import Fetcher
from jobs.model import Document, FeedEntry, SourceFailure
from summit.errors import SourceError
from summit.settings import DEFAULT_INGEST_CAPS

log = logging.getLogger(__name__)

ARTICLE_SUFFIXES = {".html": "text/html", ".htm": "text/html", ".txt": "text/plain"}
FEED_SUFFIXES = {".xml", ".rss", ".atom", ".json"}
# Feed content shorter than this is a summary, not the article.
FULL_CONTENT_CHARS = 1500
# A feed lists at most this many entries we read (MAX_FEED_ENTRIES): news feeds list 10-100,
# newest first; a feed of thousands is an archive or an attack, and its tail waits.
DEFAULT_MAX_ENTRIES = DEFAULT_INGEST_CAPS["MAX_FEED_ENTRIES"][0]  # the setting's default

_XML_FEED = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]", re.I)
# feedparser reports these on feeds it parsed fine: wrong/missing declared encoding,
# odd content type. Anything else (SAX errors) means malformed XML.
_BENIGN_BOZO = ("CharacterEncodingOverride", "NonXMLContentType", "CharacterEncodingUnknown")


@dataclass(frozen=True, slots=True)
class FeedStatus:
    """What a feed fetch reported, for storing validators until the next run."""

    feed_url: str
    etag: str | None
    last_modified: str | None
    not_modified: bool
    entries: int


@dataclass(frozen=True, slots=True)
class Throttled(SourceFailure):
    """A source whose server asked us to slow down (HTTP 429/503, or a host still waiting).

    `retry_after` is the seconds it asked for (capped), 0.0 when it did not say.
    """

    retry_after: float = 0.0


@dataclass(frozen=True, slots=True)
class Crashed(SourceFailure):
    """A source whose reading raised what no reader expects (a parser's RecursionError, a
    bug): it fails alone, and is left alone for a while like a throttled one."""


@dataclass(frozen=True, slots=True)
class Unreachable(SourceFailure):
    """A feed entry's page that failed for the moment (a 5xx, a timeout, a refused
    connection): the feed keeps no validators, so the next run reads it again."""


Item = Document | SourceFailure


def iter_documents(
    sources: Sequence[str],
    *,
    fetcher: Fetcher | None,
    now: datetime,
    feed_state: Mapping[str, tuple[str | None, str | None]] | None = None,
    on_feed: Callable[[FeedStatus], None] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    untrusted: Collection[str] = (),
    max_entries: int = DEFAULT_MAX_ENTRIES,
) -> Iterator[Item]:
    """Yield one Document per article and one SourceFailure per unreadable item; a feed's
    first `max_entries` entries are read.

    Sources in `untrusted` may only reach hosts with global addresses (see the module doc).
    """
    reader = _Reader(
        fetcher,
        now,
        feed_state or {},
        on_feed,
        max_bytes,
        frozenset(untrusted),
        max_entries=max_entries,
    )
    for source in sources:
        try:
            yield from reader.source(source)
        except SourceError as exc:
            if exc.retry_after is not None:
                yield Throttled(source, str(exc), exc.retry_after)
            else:
                yield SourceFailure(source, str(exc))
        except Exception as exc:  # a parser's crash (RecursionError, ...) fails this source alone
            log.warning("source %s failed: %s", source, exc, exc_info=True)
            yield Crashed(source, f"{type(exc).__name__}: {str(exc)[:200]}")


class _Reader:
    def __init__(
        self,
        fetcher: Fetcher | None,
        now: datetime,
        feed_state: Mapping[str, tuple[str | None, str | None]],
        on_feed: Callable[[FeedStatus], None] | None,
        max_bytes: int,
        untrusted: frozenset[str] = frozenset(),
        *,
        max_entries: int = DEFAULT_MAX_ENTRIES,
    ) -> None:
        self.fetcher, self.now, self.feed_state = fetcher, now, feed_state
        self.on_feed, self.max_bytes = on_feed, max_bytes
        self.untrusted = untrusted
        self.seen_links: set[str] = set()
        self.max_entries = max_entries

    # ------------------------------------------------------------------ dispatch

    def source(self, source: str) -> Iterator[Item]:
        if source.startswith(("http://", "https://")):
            yield from self.url(source)
            return
        if source in self.untrusted:  # a channel's feed must never read the server's files
            yield SourceFailure(source, "refused: a channel feed must be an http(s) URL")
            return
        path = Path(source).expanduser()
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                suffix = child.suffix.lower()
                if child.is_file() and (suffix in ARTICLE_SUFFIXES or suffix in FEED_SUFFIXES):
                    yield from self._guarded(str(child), self.file)
        elif path.is_file():
            yield from self.file(str(path))
        else:
            yield SourceFailure(source, "no such file or folder")

    def _guarded(self, source: str, step: Callable[[str], Iterator[Item]]) -> Iterator[Item]:
        try:
            yield from step(source)
        except SourceError as exc:
            yield SourceFailure(source, str(exc))
        except OSError as exc:
            yield SourceFailure(source, f"could not read: {exc.strerror or exc}")
        except Exception as exc:  # one file's parser crash must not end the folder
            log.warning("source %s failed: %s", source, exc, exc_info=True)
            yield Crashed(source, f"{type(exc).__name__}: {str(exc)[:200]}")

    # ------------------------------------------------------------------ files

    def file(self, source: str) -> Iterator[Item]:
        path = Path(source)
        size = path.stat().st_size
        if size > self.max_bytes:
            yield SourceFailure(source, f"file larger than {self.max_bytes // (1024 * 1024)} MB")
            return
        body = path.read_bytes()
        suffix = path.suffix.lower()
        if suffix in FEED_SUFFIXES or (suffix not in ARTICLE_SUFFIXES and _sniff_feed(body)):
            yield from self.feed(source, body, content_type=None, fetched=False)
            return
        yield Document(
            source=source,
            body=body,
            fetched_at=self.now,
            content_type=ARTICLE_SUFFIXES.get(suffix),
        )

    # ------------------------------------------------------------------ URLs

    def url(self, url: str) -> Iterator[Item]:
        if self.fetcher is None:
            yield SourceFailure(url, "a URL was given but fetching is disabled")
            return
        etag, modified = self.feed_state.get(url, (None, None))
        untrusted = url in self.untrusted
        result = self.fetcher.fetch_conditional(
            url,
            etag=etag,
            last_modified=modified,
            source=url,
            check_robots=not _looks_like_feed_url(url) and url not in self.feed_state,
            block_private=untrusted,
        )
        if result.not_modified or result.document is None:
            self._report(FeedStatus(url, result.etag, result.last_modified, True, 0))
            return
        doc = result.document
        if _is_feed(doc.body, doc.content_type):
            entries = list(
                self.feed(
                    url,
                    doc.body,
                    content_type=doc.content_type,
                    fetched=True,
                    untrusted=untrusted,
                )
            )
            fed = sum(isinstance(e, Document) for e in entries)
            # after a page failed for the moment keep no validators: next run reads the feed
            # again and retries it, where a 304 would hide it for good (what was stored is
            # stored once); a 404 or a robots.txt refusal will not change
            retry = any(isinstance(e, Unreachable) for e in entries)
            etag, modified = (None, None) if retry else (result.etag, result.last_modified)
            self._report(FeedStatus(url, etag, modified, False, fed))
            yield from entries
            return
        self.seen_links.add(canonical_url(result.url))
        yield doc

    def _report(self, status: FeedStatus) -> None:
        if self.on_feed is not None:
            self.on_feed(status)

    # ------------------------------------------------------------------ feeds

    def feed(
        self,
        source: str,
        body: bytes,
        *,
        content_type: str | None,
        fetched: bool,
        untrusted: bool = False,
    ) -> Iterator[Item]:
        feed_url = source if fetched else None
        entries, problem = parse_feed(body, content_type=content_type, feed_url=feed_url)
        if problem and not entries:
            yield SourceFailure(source, problem)
            return
        if problem:
            yield SourceFailure(source, f"{problem}; {len(entries)} entries recovered")
        if len(entries) > self.max_entries:
            log.warning(
                "feed %s lists %d entries; reading the first %d (MAX_FEED_ENTRIES)",
                source,
                len(entries),
                self.max_entries,
            )
            entries = entries[: self.max_entries]
        for entry, content in entries:
            yield from self._entry_alone(source, entry, content, untrusted=untrusted)

    def _entry_alone(
        self, source: str, entry: FeedEntry, content: str | None, *, untrusted: bool
    ) -> Iterator[Item]:
        """One entry, isolated: whatever reading it raises (a link with a port out of range,
        a bug) is that entry's failure, and the feed's other entries are still read."""
        try:
            yield from self.entry(source, entry, content, untrusted=untrusted)
        except Exception as exc:
            log.warning("feed %s: entry %s failed: %s", source, entry.link, exc, exc_info=True)
            yield SourceFailure(entry.link or source, f"{type(exc).__name__}: {str(exc)[:200]}")

    def entry(
        self, source: str, entry: FeedEntry, content: str | None, *, untrusted: bool = False
    ) -> Iterator[Item]:
        if not entry.link:
            if content:
                yield self._content_document(f"{source}#{entry.title or 'entry'}", entry, content)
            else:
                yield SourceFailure(source, f"feed entry without a link: {entry.title!r}")
            return
        key = canonical_url(entry.link)
        if key in self.seen_links:
            return
        self.seen_links.add(key)
        has_full = bool(content and len(content) >= FULL_CONTENT_CHARS)
        if self.fetcher is None:
            if has_full:
                yield self._content_document(entry.link, entry, content or "")
            else:
                yield SourceFailure(entry.link, "feed entry has only a summary; fetching disabled")
            return
        try:
            doc = self.fetcher.fetch(entry.link, source=entry.link, block_private=untrusted)
        except SourceError as exc:
            if has_full:
                yield self._content_document(entry.link, entry, content or "")
            else:
                failure = Unreachable if exc.transient else SourceFailure
                yield failure(entry.link, str(exc))
            return
        yield Document(
            source=doc.source,
            body=doc.body,
            fetched_at=doc.fetched_at,
            url=doc.url,
            content_type=doc.content_type,
            entry=entry,
        )

    def _content_document(self, source: str, entry: FeedEntry, content: str) -> Document:
        return Document(
            source=source,
            body=content.encode("utf-8"),
            fetched_at=self.now,
            url=entry.link or None,
            content_type="text/html; charset=utf-8",
            entry=entry,
        )


# ---------------------------------------------------------------------- parsing


def parse_feed(
    body: bytes, *, content_type: str | None = None, feed_url: str | None = None
) -> tuple[list[tuple[FeedEntry, str | None]], str | None]:
    """Parse RSS, Atom or JSON Feed bytes into (entry, full content) pairs and a problem.

    The problem is None for a clean parse, else a reason (malformed XML, not a feed);
    entries recovered from a damaged feed are still returned.
    """
    stripped = body.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith((b"{", b"[")):
        return _parse_json_feed(stripped, feed_url)
    headers = {"content-type": content_type} if content_type else None
    parsed = feedparser.parse(body, response_headers=headers, sanitize_html=True)
    problem = None
    if parsed.get("bozo"):
        exc = parsed.get("bozo_exception")
        if type(exc).__name__ not in _BENIGN_BOZO:
            problem = f"malformed feed XML ({_short(exc)})"
    if not parsed.get("version") and not parsed.entries:
        return [], problem or "not a feed (no RSS, Atom or JSON Feed found)"
    return [_feed_entry(e, feed_url) for e in parsed.entries], problem


def _parse_json_feed(
    body: bytes, feed_url: str | None
) -> tuple[list[tuple[FeedEntry, str | None]], str | None]:
    try:
        data = json.loads(body.decode("utf-8-sig", errors="replace"))
    except ValueError as exc:
        return [], f"malformed JSON ({exc})"
    version = data.get("version", "") if isinstance(data, dict) else ""
    if not (isinstance(version, str) and version.startswith("https://jsonfeed.org/version/")):
        return [], "JSON is not a JSON Feed (no jsonfeed.org version)"
    items = data.get("items")
    if not isinstance(items, list):
        return [], "JSON Feed without an items list"
    out = []
    for item in items:
        if not isinstance(item, dict):
            continue
        content = item.get("content_html") or item.get("content_text")
        entry = FeedEntry(
            link=_str(item.get("url")) or _str(item.get("external_url")) or "",
            title=_str(item.get("title")),
            published=parse_date(item.get("date_published"))
            or parse_date(item.get("date_modified")),
            summary=_str(item.get("summary")),
            feed_url=feed_url,
        )
        out.append((entry, _str(content)))
    return out, None


def _feed_entry(e: Any, feed_url: str | None) -> tuple[FeedEntry, str | None]:
    published = None
    with warnings.catch_warnings():  # feedparser warns about its updated->published alias
        warnings.simplefilter("ignore", DeprecationWarning)
        for key in ("published_parsed", "updated_parsed"):
            if e.get(key):
                published = datetime.fromtimestamp(calendar.timegm(e[key]), UTC)
                break
    if published is None:
        published = parse_feed_date(e.get("published") or e.get("updated"))
    content = None
    if e.get("content"):
        content = max((c.get("value") or "" for c in e["content"]), key=len) or None
    entry = FeedEntry(
        link=e.get("link") or "",
        title=e.get("title"),
        published=published,
        summary=e.get("summary"),
        feed_url=feed_url,
    )
    return entry, content


@lru_cache(maxsize=1)
def _name_table() -> dict[str, str]:
    data = json.loads((RULES_DIR / "month_names.json").read_text(encoding="utf-8"))
    table = {}
    for section in ("months", "weekdays"):
        for english, names in data[section].items():
            for name in names:
                table[name.casefold()] = english
    return table


def parse_feed_date(raw: str | None) -> datetime | None:
    """Parse a feed date feedparser gave up on, translating foreign month/day names.

    >>> parse_feed_date("Seg, 24 Set 2018 19:43:00 -0300").isoformat()
    '2018-09-24T19:43:00-03:00'
    """
    if not raw or not isinstance(raw, str):
        return None
    table = _name_table()

    def translate(match: re.Match[str]) -> str:
        word = match.group(0)
        return table.get(word.casefold().rstrip("."), word)

    english = re.sub(r"[^\W\d_]+\.?", translate, raw.strip())
    try:
        parsed = parsedate_to_datetime(english)
    except (TypeError, ValueError, IndexError):
        return parse_date(english)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


# ---------------------------------------------------------------------- sniffing


def _is_feed(body: bytes, content_type: str | None) -> bool:
    ctype = (content_type or "").split(";")[0].strip().lower()
    if ctype in {"application/rss+xml", "application/atom+xml", "application/feed+json"}:
        return True
    if ctype == "text/html":
        return False
    if ctype in {"application/json", "text/json"} or body.lstrip()[:1] == b"{":
        return b"jsonfeed.org/version" in body[:4096]
    return _sniff_feed(body)


def _sniff_feed(body: bytes) -> bool:
    head = body[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"{"):
        return b"jsonfeed.org/version" in head
    return bool(_XML_FEED.search(head[:2048])) and b"<html" not in head[:2048].lower()


def _looks_like_feed_url(url: str) -> bool:
    path = url.lower().split("?")[0]
    return path.endswith((".xml", ".rss", ".atom", ".json")) or bool(
        re.search(r"/(feeds?|rss|atom)(/|$|\.)", path)
    )


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _short(exc: object) -> str:
    text = str(exc) or type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "..."
