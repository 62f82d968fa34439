"""The Extractor: text in, `Extraction` out. Never raises on a str.

Orchestration only: chunking (`chunks`), quotation marks (`quotes`), statement rules
(`statements`), speakers (`speakers`) and disputes (`disputes`) live in their modules.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from extract.assemble import assemble_article
from extract.chunks import Chunk, article_chunks
from extract.headlines import is_title_case, lower_case_words, sentence_case
from extract.language import detect_language
from extract.model import Extraction
from extract.quotes import normalise

# The version stored with every statement: an article whose stored version differs is
# extracted again. The release is raised by hand when the code changes behaviour; the digest
# of the rule files in extract/patterns/ follows every edit of a word list by itself.
EXTRACTOR_RELEASE = "2.15.0"
PATTERNS = Path(__file__).resolve().parent / "patterns"


def rules_digest(directory: Path = PATTERNS) -> str:
    """Eight hex digits of SHA-256 over the rule files' names and bytes (not their README)."""
    digest = hashlib.sha256()
    for path in sorted(directory.iterdir()):
        if path.suffix in (".json", ".txt"):
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:8]


EXTRACTOR_VERSION = f"{EXTRACTOR_RELEASE}+{rules_digest()}"
MAX_CHUNK_CHARS = 20_000

log = logging.getLogger(__name__)


@dataclass(slots=True)
class _Pending:
    """One text on its way through the pipeline."""

    text: str
    serial: int = -1
    norm: str = ""
    chunks: list[Chunk] = field(default_factory=list)
    docs: list[Doc] = field(default_factory=list)
    result: Extraction | None = None


class Extractor:
    """Attributed statements and disputes from plain article text, on a given spaCy pipeline.

    One extractor (one pipeline) serves every thread of a process: the scheduler's ingest,
    the positions step and one-off jobs such as "Who's quoted here?". A spaCy pipeline is not
    made to parse in two threads at once (its vocabulary grows as it reads), so every parse
    runs under the extractor's lock, one document at a time: threads take turns, and a
    caller's own work between documents (storing them) runs outside the lock.
    """

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.chunk_chars = max(1_000, min(MAX_CHUNK_CHARS, nlp.max_length - 1))
        self._lock = threading.Lock()

    def pipe(self, texts: Iterable[str], **options) -> Iterator[Doc]:
        """`nlp.pipe` under the extractor's lock: how other jobs of the process parse."""
        return self._locked(self.nlp.pipe(texts, **options))

    def _locked(self, items: Iterator):
        """`items`, each one computed under the lock."""
        while True:
            with self._lock:
                try:
                    item = next(items)
                except StopIteration:
                    return
            yield item

    def extract(self, text: str) -> Extraction:
        """Extract one article ("ok", "empty", "not-english" or "failed" with a reason)."""
        return next(self.extract_many([text]))

    def extract_many(
        self, texts: Iterable[str], *, n_process: int = 1, batch_size: int = 64
    ) -> Iterator[Extraction]:
        """Extract many articles in order, parsing their paragraphs in batches with nlp.pipe."""
        return self._locked(self._extract_many(texts, n_process=n_process, batch_size=batch_size))

    def _extract_many(
        self, texts: Iterable[str], *, n_process: int, batch_size: int
    ) -> Iterator[Extraction]:
        queue: deque[_Pending] = deque()

        def feed() -> Iterator[tuple[str, int]]:
            for serial, text in enumerate(texts):
                pending = self._prepare(text)
                pending.serial = serial
                queue.append(pending)
                lower: frozenset[str] | None = None  # read from the article only if needed
                for chunk in pending.chunks:
                    piece = pending.norm[chunk.start : chunk.end]
                    if is_title_case(piece):  # a headline: parse it as a sentence
                        lower = lower if lower is not None else lower_case_words(pending.norm)
                        piece = sentence_case(piece, lower)
                    yield piece, serial

        stream = self.nlp.pipe(feed(), as_tuples=True, n_process=n_process, batch_size=batch_size)
        try:
            for doc, owner in stream:
                while queue and queue[0].serial != owner and self._done(queue[0]):
                    yield self._finish(queue.popleft())
                target = next((p for p in queue if p.serial == owner), None)
                if target is not None:
                    target.docs.append(doc)
                while queue and self._done(queue[0]):
                    yield self._finish(queue.popleft())
        except Exception as exc:  # the parser itself failed: report, never raise
            log.exception("spaCy pipeline failed")
            for pending in queue:
                pending.result = pending.result or Extraction("failed", reason=f"parser: {exc}")
        while queue:
            yield self._finish(queue.popleft())

    def _prepare(self, text: str) -> _Pending:
        if not isinstance(text, str):
            return _Pending("", result=Extraction("failed", reason="input is not a str"))
        if not text.strip():
            return _Pending(text, result=Extraction("empty", language=None))
        try:
            language = detect_language(text)
            if language not in (None, "en"):
                return _Pending(text, result=Extraction("not-english", language=language))
            norm = normalise(text)
            chunks = article_chunks(norm, limit=self.chunk_chars)
        except Exception as exc:  # defensive: a bug here must not stop a batch
            log.exception("preparing a text failed")
            return _Pending(text, result=Extraction("failed", reason=f"prepare: {exc}"))
        if not chunks:
            return _Pending(text, result=Extraction("empty", language=language or "en"))
        return _Pending(text, norm=norm, chunks=chunks)

    @staticmethod
    def _done(pending: _Pending) -> bool:
        return pending.result is not None or len(pending.docs) == len(pending.chunks)

    @staticmethod
    def _finish(pending: _Pending) -> Extraction:
        if pending.result is not None:
            return pending.result
        if len(pending.docs) != len(pending.chunks):
            return Extraction("failed", reason="parser returned too few documents")
        try:
            return assemble_article(pending.text, pending.norm, pending.chunks, pending.docs)
        except Exception as exc:  # a rule bug must cost one article, not the batch
            log.exception("extraction rules failed")
            return Extraction("failed", reason=f"rules: {type(exc).__name__}: {exc}")
