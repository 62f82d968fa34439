"""Plain frozen data passed between the ingest stages.

`Document` (raw bytes as fetched or read) -> `CleanArticle` (main text and
metadata, with a status) -> extraction -> storage.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

ArticleStatus = Literal["ok", "thin", "paywalled", "not-english", "failed"]


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """What a feed said about one item, used when the page itself says less."""

    link: str
    title: str | None = None
    published: datetime | None = None
    summary: str | None = None
    feed_url: str | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """One input as bytes, before any cleaning.

    `source` is what the user gave (a path or URL) so failures can name it;
    `url` is where the bytes really came from after redirects (None for files).
    """

    source: str
    body: bytes
    fetched_at: datetime
    url: str | None = None
    content_type: str | None = None
    entry: FeedEntry | None = None


@dataclass(frozen=True, slots=True)
class CleanArticle:
    """An article's main text and metadata; only status "ok" goes to extraction."""

    source: str
    status: ArticleStatus
    text: str
    title: str | None = None
    outlet: str | None = None
    canonical_url: str | None = None
    published: datetime | None = None
    language: str | None = None
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class SourceFailure:
    """An input that could not be read at all, with a reason a person can act on."""

    source: str
    reason: str
