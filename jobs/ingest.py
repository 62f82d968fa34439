"""The ingest job: sources -> documents -> clean articles -> extraction -> storage.

Each article commits together with its statements and disputes, so a crash or a kill
leaves every stored article complete and the next run carries on without duplicates.
One bad input is reported in the summary and never stops the run.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from itertools import islice
from pathlib import Path
from urllib.parse import urlsplit

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlmodel import Session

from extract import EXTRACTOR_VERSION, Extractor
from jobs.addresses import literal_address, non_global
from jobs.clean import DEFAULT_MAX_WORDS, clean_document
from jobs.dedupe import (
    NEAR_DUPLICATE_THRESHOLD,
    canonical_url,
    content_hash,
    fingerprint,
    same_site,
    similarity,
)
from jobs.grouping import Grouper
from jobs.model import CleanArticle, Document, SourceFailure
from jobs.sources import Crashed, Throttled
from storage.articles import ArticleRecord, article_needs_work, note_source, store_article
from storage.reads import recent_fingerprints

log = logging.getLogger(__name__)

NEAR_DUPLICATE_WINDOW = timedelta(days=7)
BATCH = 16


@dataclass(frozen=True, slots=True)
class Skipped:
    source: str
    status: str
    reason: str | None


@dataclass(frozen=True)
class IngestSummary:
    """What one run did; `as_json()` is the stable `summit ingest --json` format."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: int = 0
    failed: tuple[SourceFailure, ...] = ()
    skipped: tuple[Skipped, ...] = ()
    statements: int = 0
    disputes: int = 0
    speaker_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def retry_after(self) -> dict[str, float]:
        """Sources to leave alone for a while: those whose server asked us to back off
        (429/503; source -> seconds, 0 if unsaid) and those that crashed their reader (0)."""
        return {
            f.source: f.retry_after if isinstance(f, Throttled) else 0.0
            for f in self.failed
            if isinstance(f, Throttled | Crashed)
        }

    def as_json(self) -> dict:
        return {
            "new": self.new,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "duplicates": self.duplicates,
            "failed": [{"source": f.source, "reason": f.reason} for f in self.failed],
            "skipped": [
                {"source": s.source, "status": s.status, "reason": s.reason} for s in self.skipped
            ],
            "statements": self.statements,
            "disputes": self.disputes,
        }


@dataclass
class _Tally:
    counts: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(("new", "updated", "unchanged", "duplicate"), 0)
    )
    failed: list[SourceFailure] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    statements: int = 0
    disputes: int = 0
    speaker_ids: set[int] = field(default_factory=set)

    def summary(self) -> IngestSummary:
        return IngestSummary(
            new=self.counts["new"],
            updated=self.counts["updated"],
            unchanged=self.counts["unchanged"],
            duplicates=self.counts["duplicate"],
            failed=tuple(self.failed),
            skipped=tuple(self.skipped),
            statements=self.statements,
            disputes=self.disputes,
            speaker_ids=frozenset(self.speaker_ids),
        )


def ingest_documents(
    documents: Iterable[Document | SourceFailure],
    *,
    engine: Engine,
    extractor: Extractor,
    now: datetime | None = None,
    on_item: Callable[[str], None] | None = None,
    channel_feeds: Collection[str] = (),
    max_words: int = DEFAULT_MAX_WORDS,
) -> IngestSummary:
    """Clean, extract, store and group every document; failures are collected, not raised.

    Documents that came through one of `channel_feeds` (a workspace channel's own feeds) are
    stored with origin "channel" and a link to that feed, so only the workspaces subscribed
    to it see them; such content never overwrites an article stored from another source.
    """
    now = now or datetime.now(UTC)
    tally = _Tally()
    recent = _recent_fingerprints(engine, since=now - NEAR_DUPLICATE_WINDOW)
    with Session(engine) as session:
        grouper = Grouper.load(session=session, now=now)
    cleaned = _clean_all(documents, tally, on_item, frozenset(channel_feeds), max_words)
    while batch := list(islice(cleaned, BATCH)):
        work = []
        for found in batch:
            url = _address(found.article, found.fetched_from)
            digest = content_hash(found.article.text)
            with Session(engine) as session:
                needed = article_needs_work(
                    session=session,
                    canonical_url=url,
                    content_hash=digest,
                    extractor_version=EXTRACTOR_VERSION,
                )
                if not needed:
                    note_source(
                        session=session,
                        canonical_url=url,
                        origin=found.origin,
                        feed_url=found.channel_feed,
                    )
                    session.commit()
            if needed:
                work.append((found, url, digest))
            else:
                tally.counts["unchanged"] += 1
        texts = [f.article.text if f.article.status == "ok" else "" for f, _, _ in work]
        for (found, url, digest), extraction in zip(
            work, extractor.extract_many(texts), strict=True
        ):
            _store_one(engine, found, url, digest, extraction, recent, now, tally, grouper)
    return tally.summary()


@dataclass(frozen=True, slots=True)
class _Found:
    """A cleaned article with where it came from: the address its bytes were served from
    (None for files), the feed that listed it (or its own source) and its origin."""

    article: CleanArticle
    fetched_from: str | None
    feed: str
    origin: str

    @property
    def channel_feed(self) -> str | None:
        """The channel feed that carried it, for channel content."""
        return self.feed if self.origin == "channel" else None


def _clean_all(
    documents: Iterable[Document | SourceFailure],
    tally: _Tally,
    on_item: Callable[[str], None] | None,
    channel_feeds: frozenset[str],
    max_words: int = DEFAULT_MAX_WORDS,
) -> Iterator[_Found]:
    """Each cleaned article with the URL its bytes came from (after redirects; None for files)
    and its origin."""
    for item in documents:
        if on_item:
            on_item(item.source)
        if isinstance(item, SourceFailure):
            tally.failed.append(item)
            continue
        try:
            article = clean_document(item, max_words=max_words)
        except Exception as exc:  # a cleaning bug must not cost the rest of the run
            log.exception("cleaning failed for %s", item.source)
            tally.failed.append(SourceFailure(item.source, f"could not clean: {exc}"))
            continue
        if article.status == "failed":
            tally.failed.append(SourceFailure(item.source, article.reason or "failed"))
            continue
        if article.status != "ok":
            tally.skipped.append(Skipped(item.source, article.status, article.reason))
        feed = (item.entry.feed_url if item.entry else None) or item.source
        web = "://" in item.source
        if feed in channel_feeds or item.source in channel_feeds:
            origin = "channel"
        else:
            origin = "operator" if web else "file"
        yield _Found(article, item.url or (item.source if web else None), feed, origin)


def _store_one(engine, found, url, digest, extraction, recent, now, tally, grouper) -> None:
    article = found.article
    status, reason = article.status, article.reason
    statements, disputes = (), ()
    if status == "ok":
        if extraction.status == "ok":
            statements, disputes = extraction.statements, extraction.disputes
        elif extraction.status != "empty":
            status, reason = extraction.status, extraction.reason
            tally.skipped.append(Skipped(article.source, status, reason))
    marks = fingerprint(article.text) if status == "ok" else None
    # Only content every workspace sees absorbs copies: a channel's article is never
    # folded into another source's, nor another source's into it.
    shared = found.origin != "channel"
    copy_of = _near_duplicate_of(marks, recent) if marks and shared else None
    record = ArticleRecord(
        canonical_url=url,
        source=article.source,
        content_hash=digest,
        status=status,
        text=article.text,
        title=article.title,
        outlet=article.outlet,
        published=article.published,
        language=article.language,
        reason=reason,
        fingerprint=",".join(map(str, marks)) if marks else None,
        origin=found.origin,
        feed_url=found.channel_feed,
    )
    try:
        result = _store_with_retries(
            engine, record, statements, disputes, copy_of_id=copy_of, now=now, grouper=grouper
        )
    except Exception as exc:
        log.exception("could not store %s", article.source)
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0][:200]
        tally.failed.append(SourceFailure(article.source, f"could not store: {reason}"))
        return
    tally.counts[result.outcome] += 1
    tally.statements += result.statements
    tally.disputes += result.disputes
    tally.speaker_ids.update(result.speaker_ids)
    if result.outcome == "new" and marks and shared:
        recent.append((result.article_id, marks))


def _store_with_retries(
    engine, record, statements, disputes, *, copy_of_id, now, grouper=None, attempts=4
):
    """Store one article (and file it under its story and clusters) in its own transaction,
    retrying when another worker holds the lock (SQLite's "database is locked") or won a race
    for the same row."""
    for attempt in range(attempts):
        try:
            with Session(engine) as session:
                result = store_article(
                    session=session,
                    article=record,
                    statements=statements,
                    disputes=disputes,
                    extractor_version=EXTRACTOR_VERSION,
                    copy_of_id=copy_of_id,
                    now=now,
                )
                filed = None
                if grouper is not None and result.grouped:
                    filed = grouper.file(
                        session=session,
                        article_id=result.article_id,
                        title=record.title,
                        text=record.text,
                        published=record.published or now,
                    )
                session.commit()
                if filed is not None:
                    grouper.remember(filed)
                return result
        except (OperationalError, IntegrityError):
            if attempt == attempts - 1:
                raise
            time.sleep(0.05 * 2**attempt)
    raise AssertionError("unreachable")


def _address(article: CleanArticle, fetched_from: str | None) -> str:
    """The address an article is stored under: the canonical URL the page declares
    (`<link rel=canonical>` / `og:url`) when the page may claim it, else the URL it was
    fetched from, else its file.

    A page may claim only an address of its own site: one sharing the registrable domain
    (`jobs.dedupe.registrable_domain`) of the URL its bytes came from after redirects, so
    "edition.cnn.com" may file a story under "www.cnn.com" but a page from any other site
    that names a cnn.com address is stored under its own URL and never replaces CNN's
    article. Two inputs have no site to compare and keep what they declare: local files
    (the operator chose them) and pages served from the operator's own machine or network
    (localhost, a literal non-global IP address), which channel-supplied feeds may not
    reach. A declared address that cannot be parsed (a port out of range, a broken IPv6
    bracket) is ignored.
    """
    declared = _parsed(article.canonical_url)
    if declared and _may_claim(declared, fetched_from):
        return declared
    own = _parsed(fetched_from)
    if own:
        return own
    return Path(article.source).resolve().as_uri()


def _may_claim(declared: str, fetched_from: str | None) -> bool:
    if fetched_from is None:
        return True
    try:
        host = (urlsplit(fetched_from).hostname or "").rstrip(".")
    except ValueError:
        return False
    if host == "localhost" or host.endswith(".localhost"):
        return True
    address = literal_address(host) if host else None
    if address is not None and non_global(address) is not None:
        return True
    return same_site(declared, fetched_from)


def _parsed(url: str | None) -> str | None:
    """`url` in canonical spelling, or None when it is missing or cannot be parsed."""
    if not url:
        return None
    try:
        return canonical_url(url)
    except ValueError:
        return None


def _recent_fingerprints(engine: Engine, *, since: datetime) -> list[tuple[int, tuple[int, ...]]]:
    with Session(engine) as session:
        rows = recent_fingerprints(session=session, since=since)
    return [(article_id, tuple(int(x) for x in marks.split(","))) for article_id, marks in rows]


def _near_duplicate_of(
    marks: tuple[int, ...], recent: Sequence[tuple[int, tuple[int, ...]]]
) -> int | None:
    best_id, best = None, NEAR_DUPLICATE_THRESHOLD
    for article_id, other in recent:
        score = similarity(marks, other)
        if score >= best:
            best_id, best = article_id, score
    return best_id
