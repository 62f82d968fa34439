"""Users following speakers, and how far each follow has been told."""

from __future__ import annotations

from sqlalchemy import delete, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from storage.models import (
    Follow,
)


def follow_speaker(
    *,
    session: Session,
    team_id: str,
    user_id: str,
    speaker_id: int,
    alerted_through: int,
    enterprise_id: str | None = None,
) -> bool:
    """Follow a speaker from statement `alerted_through` on; False when already followed.
    `enterprise_id` (the workspace's Grid org) lets the follow-up DMs find the installation."""
    try:
        with session.begin_nested():
            session.add(
                Follow(
                    team_id=team_id,
                    enterprise_id=enterprise_id,
                    user_id=user_id,
                    speaker_id=speaker_id,
                    alerted_through=alerted_through,
                )
            )
            session.flush()
        return True
    except IntegrityError:
        return False


def unfollow_speaker(*, session: Session, team_id: str, user_id: str, speaker_id: int) -> bool:
    """Stop following; False when the user did not follow that speaker."""
    deleted = session.exec(
        delete(Follow).where(
            Follow.team_id == team_id, Follow.user_id == user_id, Follow.speaker_id == speaker_id
        )
    )
    return deleted.rowcount > 0


def advance_follows(
    *, session: Session, team_id: str, user_id: str, through: dict[int, int]
) -> None:
    """Record that the user was told about each speaker's statements up to `through[id]`."""
    for speaker_id, statement_id in through.items():
        session.exec(
            update(Follow)
            .where(
                Follow.team_id == team_id,
                Follow.user_id == user_id,
                Follow.speaker_id == speaker_id,
                Follow.alerted_through < statement_id,
            )
            .values(alerted_through=statement_id)
        )
