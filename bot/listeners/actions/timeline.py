"""Timeline buttons: on a `/who-said` answer (the speaker it shows) and in App Home (a followed
speaker). Each asks a job for the timeline (`jobs.timeline`), which DMs it to the clicker."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from slack_bolt import Ack, App, BoltContext, Respond

from bot.listeners.actions.who_said import query_from_value
from bot.listeners.replies import SORRY
from bot.render import text_message
from jobs.timeline import DRAWING, TimelineRequest

log = logging.getLogger(__name__)


def register(app: App, *, run_later) -> None:
    """`run_later` hands the timeline to the one-off job runner (`summit.wiring`)."""

    @app.action("who_said_timeline")
    def from_answer(
        ack: Ack, action: dict, body: dict, respond: Respond, context: BoltContext
    ) -> None:
        ack()
        query = query_from_value(action)
        request = _request(
            body, context, name=query.name, speaker_id=query.speaker_id, about=query.about
        )
        drawing = text_message(DRAWING).payload()
        respond(response_type="ephemeral", replace_original=False, **drawing)
        _hand_over(request, run_later, respond)

    @app.action("home_timeline")
    def from_home(ack: Ack, action: dict, body: dict, context: BoltContext) -> None:
        ack()
        value = str(action.get("value") or "")
        if not value.isdigit():
            return
        request = _request(body, context, name=f"#{value}", speaker_id=int(value))
        _hand_over(request, run_later, None)


def _request(
    body: dict, context: BoltContext, *, name: str, speaker_id: int | None, about=None
) -> TimelineRequest:
    return TimelineRequest(
        team_id=context.team_id or (body.get("team") or {}).get("id") or "",
        user_id=context.user_id or (body.get("user") or {}).get("id") or "",
        name=name,
        speaker_id=speaker_id,
        about=about,
        requested_at=datetime.now(UTC),
        response_url=body.get("response_url"),
        channel_id=(body.get("channel") or {}).get("id") or "home",
    )


def _hand_over(request: TimelineRequest, run_later, respond: Respond | None) -> None:
    try:
        run_later(request)
    except Exception:
        log.exception("could not hand a timeline to a job")
        if respond is not None:
            respond(response_type="ephemeral", **text_message(SORRY).payload())
