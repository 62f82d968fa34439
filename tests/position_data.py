"""Hand-made statements for the timeline and position-change tests: a speaker's words over
weeks, stored through `storage.articles.store_article` (our own sentences, invented details)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import Session

from tests.dispute_data import Said, _store

LAVROV = "Sergei Lavrov"
ATTEND = "Russia will attend the Geneva talks on the grain corridor."
CORRIDOR = "The grain corridor must stay open for ships from Odesa."
NOT_ATTEND = "Russia will not attend the Geneva talks on the grain corridor."
SANCTIONS = "The sanctions on Russian banks are unacceptable."
# (day, speaker, what they said)
SAID = (
    (datetime(2026, 3, 2, 9, tzinfo=UTC), LAVROV, ATTEND),
    (datetime(2026, 3, 20, 9, tzinfo=UTC), LAVROV, CORRIDOR),
    (datetime(2026, 4, 14, 9, tzinfo=UTC), LAVROV, NOT_ATTEND),
    (datetime(2026, 4, 14, 15, tzinfo=UTC), LAVROV, SANCTIONS),
    (datetime(2026, 4, 14, 9, tzinfo=UTC), "Antony Blinken", "The talks will go ahead."),
)


def store_statements(engine, said=SAID, *, found: datetime | None = None) -> None:
    """One article per statement, published on its day (found then, unless `found`)."""
    with Session(engine) as session:
        for day, speaker, text in said:
            statement = Said(speaker, content=text, kind="direct", start=0, end=len(text))
            key = f"timeline-{speaker}-{day:%Y%m%d%H}"
            _store(session, key, "Reuters", day, found or day, [statement], [])
        session.commit()
