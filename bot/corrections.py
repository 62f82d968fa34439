"""Corrections from readers, between Slack and storage: what a correction menu's value
means, and storing a workspace's correction only of items that workspace sees.

A value comes back from Slack as "<correction>:<ids>" (`bot.render.correction_menu`); it is
trusted for nothing: every id is looked up in the reader's workspace scope, so an id of
another workspace's channel article, a deleted row or garbage changes nothing and gets
`NOT_AVAILABLE`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine
from sqlmodel import Session

from bot.render import Message, text_message
from bot.render_corrections import (
    NOT_AVAILABLE,
    HomeCorrections,
    corrected_message,
)
from storage.corrections import (
    NOT_DISPUTE,
    SPEAKER,
    CorrectionTarget,
    article_speakers,
    correction_target,
    count_corrections_since,
    recent_corrections,
    record_correction,
)
from storage.scope import workspace_scope

# At most MAX_VALUE_IDS ids of up to 12 digits: one, then up to nine more.
_VALUE = re.compile(r"(speaker|not_statement|not_dispute):(\d{1,12}(?:\.\d{1,12}){0,9})")


@dataclass(frozen=True, slots=True)
class Choice:
    """A correction menu's chosen option: what the reader says, of which stored items."""

    action: str
    ids: tuple[int, ...]

    @property
    def kind(self) -> str:
        return "dispute" if self.action == NOT_DISPUTE else "statement"


def parse_choice(value: object) -> Choice | None:
    """ "not_dispute:12.15" → Choice("not_dispute", (12, 15)); None for anything else."""
    found = _VALUE.fullmatch(value) if isinstance(value, str) else None
    if found is None:
        return None
    return Choice(found[1], tuple(dict.fromkeys(int(i) for i in found[2].split("."))))


def hide_items(choice: Choice, *, engine: Engine, team_id: str, user_id: str) -> Message:
    """ "Not a statement" / "not a dispute": stored for each chosen item the workspace sees."""
    if choice.action == SPEAKER or not team_id:
        return text_message(NOT_AVAILABLE)
    with Session(engine) as session:
        scope = workspace_scope(session=session, team_id=team_id)
        targets = [
            t
            for t in (
                correction_target(session=session, kind=choice.kind, item_id=i, scope=scope)
                for i in choice.ids
            )
            if t is not None
        ]
        if not targets:
            return text_message(NOT_AVAILABLE)
        for target in targets:
            record_correction(
                session=session,
                team_id=team_id,
                user_id=user_id,
                target=target,
                action=choice.action,
            )
        session.commit()
    return corrected_message(choice.action)


def statement_to_move(
    statement_id: int, *, engine: Engine, team_id: str
) -> tuple[CorrectionTarget, list[tuple[int, str]]] | None:
    """The statement a "wrong speaker" modal corrects and the article's other speakers; None
    when the workspace does not see it."""
    with Session(engine) as session:
        scope = workspace_scope(session=session, team_id=team_id)
        target = correction_target(
            session=session, kind="statement", item_id=statement_id, scope=scope
        )
        if target is None:
            return None
        speakers = article_speakers(session=session, article_id=target.article_id)
    return target, [(i, name) for i, name in speakers if name != target.speaker]


def move_statement(
    statement_id: int,
    *,
    engine: Engine,
    team_id: str,
    user_id: str,
    speaker_id: int | None,
    name: str | None,
) -> tuple[str | None, str | None]:
    """Store "said by" for a statement the workspace sees: (the speaker's name, None), or
    (None, why not) for the modal to show."""
    with Session(engine) as session:
        scope = workspace_scope(session=session, team_id=team_id)
        target = correction_target(
            session=session, kind="statement", item_id=statement_id, scope=scope
        )
        if target is None or not team_id:
            return None, NOT_AVAILABLE
        try:
            record_correction(
                session=session,
                team_id=team_id,
                user_id=user_id,
                target=target,
                action=SPEAKER,
                speaker_id=speaker_id,
                speaker_name=name,
            )
        except (LookupError, ValueError) as error:
            session.rollback()
            return None, str(error).capitalize() + "."
        scope = workspace_scope(session=session, team_id=team_id)
        move = scope.corrections.move_of(statement_id)
        session.commit()
    return (move.speaker if move else name), None


def home_corrections(*, engine: Engine, team_id: str, now: datetime) -> HomeCorrections:
    """What App Home shows of the workspace's corrections."""
    with Session(engine) as session:
        return HomeCorrections(
            this_week=count_corrections_since(
                session=session, team_id=team_id, since=now - timedelta(days=7)
            ),
            recent=tuple(recent_corrections(session=session, team_id=team_id, limit=5)),
        )
