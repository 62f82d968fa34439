"""Answering a parsed DM / @mention question for one user of one workspace. Reads what the
jobs stored, as far as that workspace may see it (`storage.scope.workspace_scope`: operator
content plus its channels' own feeds); follows are the only thing written, and they belong to
(team, user)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Engine
from sqlmodel import Session

from bot.commands.who_said import answer_who_said, team_scope
from bot.questions import (
    AskDisputes,
    AskTopic,
    AskWhoSaid,
    FollowSpeaker,
    ListFollows,
    Question,
    ShowHelp,
    UnfollowSpeaker,
    parse_question,
)
from bot.render import Message, who_said_message
from bot.render_home import (
    HomeSubscription,
    disputes_answer,
    follow_choice_message,
    followed_message,
    follows_message,
    help_message,
    no_speaker_message,
    not_following_message,
    topic_message,
    unfollowed_message,
    without_share_button,
)
from jobs.scheduler import digest_trigger
from storage.follows import follow_speaker, unfollow_speaker
from storage.positions import speaker_by_id
from storage.reads import (
    close_speaker_names,
    disputes_matching,
    follows_of_user,
    latest_statement_id,
    speakers_matching,
    statements_about,
    subscriptions_by_user,
)
from storage.scope import workspace_scope

TOPIC_STATEMENTS = 6
TOPIC_DISPUTES = 4
DISPUTES_SHOWN = 6


def answer_text(
    text: str,
    *,
    engine: Engine,
    min_confidence: float,
    team_id: str,
    user_id: str,
    enterprise_id: str | None = None,
) -> Message:
    """Parse and answer one message; disputes below `min_confidence` are not shown.
    `enterprise_id` is the workspace's Grid org, kept with a new follow."""
    question = parse_question(text, today=datetime.now(UTC).date())
    return answer(
        question,
        engine=engine,
        min_confidence=min_confidence,
        team_id=team_id,
        user_id=user_id,
        enterprise_id=enterprise_id,
    )


def answer(
    question: Question,
    *,
    engine: Engine,
    min_confidence: float,
    team_id: str,
    user_id: str,
    enterprise_id: str | None = None,
) -> Message:
    if isinstance(question, AskWhoSaid):
        scope = team_scope(engine, team_id)
        return without_share_button(
            who_said_message(answer_who_said(question.query, engine=engine, scope=scope))
        )
    if isinstance(question, AskTopic):
        with Session(engine) as session:
            scope = workspace_scope(session=session, team_id=team_id)
            statements = statements_about(
                session=session, topic=question.topic, limit=TOPIC_STATEMENTS, scope=scope
            )
            disputes = disputes_matching(
                session=session,
                query=question.topic,
                limit=TOPIC_DISPUTES,
                min_confidence=min_confidence,
                scope=scope,
            )
        return topic_message(question.topic, statements, disputes)
    if isinstance(question, AskDisputes):
        with Session(engine) as session:
            disputes = disputes_matching(
                session=session,
                query=question.query,
                limit=DISPUTES_SHOWN,
                min_confidence=min_confidence,
                scope=workspace_scope(session=session, team_id=team_id),
            )
        return disputes_answer(question.query, disputes)
    if isinstance(question, FollowSpeaker):
        return follow_by_name(
            question.name,
            engine=engine,
            team_id=team_id,
            user_id=user_id,
            enterprise_id=enterprise_id,
        )
    if isinstance(question, UnfollowSpeaker):
        return unfollow_by_name(question.name, engine=engine, team_id=team_id, user_id=user_id)
    if isinstance(question, ListFollows):
        with Session(engine) as session:
            return follows_message(
                follows_of_user(session=session, team_id=team_id, user_id=user_id)
            )
    assert isinstance(question, ShowHelp)
    return help_message(question.not_understood)


def follow_by_name(
    name: str, *, engine: Engine, team_id: str, user_id: str, enterprise_id: str | None = None
) -> Message:
    """Follow the one speaker `name` means; offer a choice when several match. Only speakers
    this workspace has seen are found or suggested."""
    with Session(engine) as session:
        scope = workspace_scope(session=session, team_id=team_id)
        matches = speakers_matching(session=session, query=name, scope=scope)
        if not matches:
            close = close_speaker_names(session=session, query=name, scope=scope)
            return no_speaker_message(name, close)
        if len(matches) > 1:
            return follow_choice_message(name, matches)
    return follow_by_id(
        matches[0].id,
        matches[0].name,
        engine=engine,
        team_id=team_id,
        user_id=user_id,
        enterprise_id=enterprise_id,
    )


def follow_by_id(
    speaker_id: int,
    speaker: str,
    *,
    engine: Engine,
    team_id: str,
    user_id: str,
    enterprise_id: str | None = None,
) -> Message:
    """Follow from now on: only statements ingested after this moment trigger a DM. The
    follow keeps `enterprise_id`, the workspace's Grid org, for the DMs sent later. The id
    comes from a button, so it is trusted for nothing: a speaker this workspace has not seen
    (only another workspace's channel feed quoted them, or no one) is followed by no one."""
    with Session(engine) as session:
        scope = workspace_scope(session=session, team_id=team_id)
        if speaker_by_id(session=session, speaker_id=speaker_id, scope=scope) is None:
            return no_speaker_message(speaker, ())
        new = follow_speaker(
            session=session,
            team_id=team_id,
            enterprise_id=enterprise_id,
            user_id=user_id,
            speaker_id=speaker_id,
            alerted_through=latest_statement_id(session=session),
        )
        session.commit()
    return followed_message(speaker, new=new)


def unfollow_by_name(name: str, *, engine: Engine, team_id: str, user_id: str) -> Message:
    """Stop following whoever `name` means among the user's own follows. Names match against
    every speaker (unscoped): only the user's follows are kept, so nothing else shows, and a
    follow whose speaker this workspace no longer sees can still be undone."""
    with Session(engine) as session:
        follows = follows_of_user(session=session, team_id=team_id, user_id=user_id)
        wanted = {m.id for m in speakers_matching(session=session, query=name)}
        chosen = [f for f in follows if f.speaker_id in wanted]
        if not chosen:
            return not_following_message(name, follows)
        for follow in chosen:
            unfollow_speaker(
                session=session, team_id=team_id, user_id=user_id, speaker_id=follow.speaker_id
            )
        session.commit()
    return unfollowed_message(", ".join(f.speaker for f in chosen))


def home_data(*, engine: Engine, team_id: str, user_id: str, now: datetime):
    """What the user's App Home shows: their follows (with the role this workspace may know
    each speaker by) and the channels they subscribed."""
    with Session(engine) as session:
        follows = follows_of_user(
            session=session,
            team_id=team_id,
            user_id=user_id,
            scope=workspace_scope(session=session, team_id=team_id),
        )
        subscriptions = subscriptions_by_user(session=session, team_id=team_id, user_id=user_id)
    items = [
        HomeSubscription(s, None if s.paused else digest_trigger(s).get_next_fire_time(None, now))
        for s in subscriptions
    ]
    return follows, items
