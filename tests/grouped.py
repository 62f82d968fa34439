"""Articles stored the way ingest stores them: `store_article`, then grouping into a story and
statement clusters (`jobs.grouping.Grouper`), in one transaction, at the article's own time."""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session

from extract.model import Statement
from jobs.grouping import Grouper
from storage.articles import ArticleRecord, store_article


def store_grouped(
    engine, record: ArticleRecord, statements: Sequence[Statement], *, now=None
) -> int:
    """Store `record` with its statements at `now` (its publication time when not given) and
    file it in its story; its id."""
    when = now or record.published
    with Session(engine) as session:
        result = store_article(
            session=session,
            article=record,
            statements=list(statements),
            extractor_version="t",
            now=when,
        )
        Grouper.load(session=session, now=when).file(
            session=session,
            article_id=result.article_id,
            title=record.title,
            text=record.text,
            published=record.published,
        )
        session.commit()
        return result.article_id
