"""Hand-made coverage for the dispute map's tests: articles whose statements and disputes are
given, stored through `storage.articles.store_article` (no spaCy)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlmodel import Session

from storage.articles import ArticleRecord, store_article

PUBLISHED = datetime(2023, 7, 14, 9, 0, tzinfo=UTC)
FOUND = datetime(2023, 7, 15, 6, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Said:
    """A statement (`storage.articles.StatementLike`)."""

    speaker: str
    content: str = "the talks were useful"
    cue: str = "said"
    kind: str = "indirect"
    role: str | None = None
    speaker_type: str = "person"
    speaker_mention: str | None = None
    start: int = 0
    end: int = 10


@dataclass(frozen=True)
class Found:
    """A dispute (`storage.articles.DisputeLike`)."""

    actor: str
    target: str | None
    cue: str = "rejected"
    cue_class: str = "reject"
    escalation: int = 3
    issue: str | None = "the grain deal"
    evidence: str = "They rejected it."
    actor_type: str = "person"
    confidence: float = 0.9
    start: int = 0
    end: int = 10
    statement_index: int | None = None


# Who disputes whom in the tests' day: (dispute, the outlets that reported it).
DAY: tuple[tuple[Found, tuple[str, ...]], ...] = (
    (Found("Sergei Lavrov", "Antony Blinken"), ("Reuters", "AP", "Dawn")),
    (
        Found("Antony Blinken", "Lavrov", "accused", "accuse", 2, evidence="He accused Lavrov."),
        ("Reuters", "AP"),
    ),
    (Found("Wang Yi", "Antony Blinken", "warned", "warn", 5, issue="Taiwan"), ("Xinhua",)),
    (Found("Josep Borrell", "Sergei Lavrov", "criticised", "criticise", 1), ("Euronews",)),
)
SPEAKERS = {"Sergei Lavrov": 6, "Antony Blinken": 4, "Wang Yi": 2, "Josep Borrell": 1}


def store_coverage(
    engine,
    day: Sequence[tuple[Found, Sequence[str]]] = DAY,
    *,
    speakers: dict[str, int] | None = None,
    published: datetime = PUBLISHED,
    found: datetime = FOUND,
    prefix: str = "day",
) -> None:
    """One article per (dispute, outlet), and one per speaker holding its statements."""
    speakers = SPEAKERS if speakers is None else speakers
    with Session(engine) as session:
        for i, (dispute, outlets) in enumerate(day):
            for outlet in outlets:
                _store(session, f"{prefix}-{i}-{outlet}", outlet, published, found, [], [dispute])
        for name, count in speakers.items():
            said = [
                Said(name, content=f"point {n}", start=n * 20, end=n * 20 + 10)
                for n in range(count)
            ]
            _store(session, f"{prefix}-said-{name}", "Reuters", published, found, said, [])
        session.commit()


def _store(session, key: str, outlet: str, published, found, statements, disputes) -> None:
    slug = key.lower().replace(" ", "-")
    store_article(
        session=session,
        article=ArticleRecord(
            canonical_url=f"https://news.example.com/{slug}",
            source=f"https://news.example.com/{slug}",
            content_hash=f"hash-{slug}",
            status="ok",
            text=f"Coverage {key}. " * 5,
            title=f"Summit coverage {key}",
            outlet=outlet,
            published=published,
        ),
        statements=statements,
        disputes=disputes,
        extractor_version="test",
        now=found,
    )
