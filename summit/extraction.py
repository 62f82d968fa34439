"""`summit extract`: files through cleaning and extraction, as the stable JSON format.

This is the debugging and evaluation interface; keep the keys stable.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

MAX_FILE_BYTES = 20_000_000


def extract_files(paths: Iterable[str], *, extractor) -> Iterator[dict]:
    """One result per file, in order; a file that cannot be read gets a status, not an exception."""
    from jobs.clean import clean_document
    from jobs.model import Document

    for path in paths:
        result: dict = {"source": path, "status": "failed", "title": None, "text": ""}
        result.update(statements=[], disputes=[])
        try:
            file = Path(path)
            if not file.is_file():
                result["status"] = "failed: not a file"
                yield result
                continue
            if file.stat().st_size > MAX_FILE_BYTES:
                result["status"] = f"failed: larger than {MAX_FILE_BYTES // 1_000_000} MB"
                yield result
                continue
            document = Document(
                source=path,
                body=file.read_bytes(),
                fetched_at=datetime.now(UTC),
                content_type=_content_type(file),
            )
            article = clean_document(document)
        except OSError as error:
            result["status"] = f"failed: {error.strerror or error}"
            yield result
            continue
        result.update(title=article.title, text=article.text)
        if article.status != "ok":
            result["status"] = article.status + (f": {article.reason}" if article.reason else "")
            yield result
            continue
        extraction = extractor.extract(article.text)
        result["status"] = extraction.status if extraction.status != "empty" else "ok"
        if extraction.reason:
            result["status"] += f": {extraction.reason}"
        result["statements"] = [statement_json(s) for s in extraction.statements]
        result["disputes"] = [dispute_json(d) for d in extraction.disputes]
        yield result


def statement_json(statement) -> dict:
    return {
        "speaker": statement.speaker,
        "role": statement.role,
        "content": statement.content,
        "cue": statement.cue,
        "direct": statement.kind == "direct",
        "kind": statement.kind,
        "speaker_type": statement.speaker_type,
        "start": statement.start,
        "end": statement.end,
    }


def dispute_json(dispute) -> dict:
    data = asdict(dispute)
    return {
        "actor": data["actor"],
        "target": data["target"],
        "cue": data["cue"],
        "cue_class": data["cue_class"],
        "issue": data["issue"],
        "evidence": data["evidence"],
        "actor_type": data["actor_type"],
        "escalation": data["escalation"],
        "confidence": data["confidence"],
    }


def _content_type(file: Path) -> str | None:
    return {
        ".html": "text/html",
        ".htm": "text/html",
        ".txt": "text/plain",
        ".xml": "application/xml",
    }.get(file.suffix.lower())
