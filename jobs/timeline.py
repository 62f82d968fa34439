"""Speaker timelines: `/who-said NAME timeline [about TOPIC] [since DATE]`, and the Timeline
buttons on `/who-said` answers and in App Home.

The listener only asks: a `TimelineRequest` (plain data) goes to the one-off job runner
(`summit.wiring.one_off_dispatch`), because drawing the chart loads matplotlib. The job reads
the timeline as far as the asker's workspace may see, draws statements per day, uploads the
PNG (`files_upload_v2`, shared with no channel) and DMs the timeline to the asker as the bot,
whose own file its image block may show; the "drawing" answer is then replaced by where to
find it. Position changes come from `jobs.positions`: shown here whatever the alert gate says.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy import Engine
from sqlmodel import Session

from bot.mrkdwn import echo, escape
from bot.outcomes import why
from bot.render import Message, text_message
from bot.render_timeline import alt_text, timeline_message
from bot.timeline_chart import render_chart
from jobs.map_post import FILE_READY_WAITS, _file_not_ready
from jobs.requester import tell_requester
from storage.positions import Timeline, speaker_by_id, speaker_timeline
from storage.reads import close_speaker_names, speakers_matching
from storage.scope import workspace_scope
from storage.views import SpeakerMatch

log = logging.getLogger(__name__)

TIMELINE_WORD = re.compile(r"^(?P<name>.+?)\s+timeline(?P<rest>(\s+(about|on|since)\s.*)?)$", re.I)
FILENAME = "timeline.png"
DRAWING = "Drawing the timeline; I will send it to you as a direct message in a moment."

Sleep = Callable[[float], None]


@dataclass(frozen=True, slots=True)
class TimelineRequest:
    """Someone asked for a speaker's timeline (by name, or by id from a button)."""

    team_id: str
    user_id: str
    name: str
    requested_at: datetime
    about: str | None = None
    since: date | None = None
    speaker_id: int | None = None
    response_url: str | None = None
    channel_id: str = "home"  # where it was asked; the timeline itself goes to a DM


def timeline_text(text: str) -> str | None:
    """The `/who-said` text without its "timeline" word when it asks for a timeline
    ("Lavrov timeline about grain" → "Lavrov about grain"), else None."""
    match = TIMELINE_WORD.match(" ".join(text.split()))
    if not match or not match["name"].strip(" \"'“”"):
        return None
    return f"{match['name']}{match['rest'] or ''}"


# --------------------------------------------------------------------------- the job


@dataclass(frozen=True, slots=True)
class TimelineRead:
    speaker: SpeakerMatch | None
    timeline: Timeline | None = None
    candidates: tuple[SpeakerMatch, ...] = ()
    close_names: tuple[str, ...] = ()


def read_timeline(request: TimelineRequest, *, engine: Engine) -> TimelineRead:
    """The speaker and their timeline, as far as the asker's workspace may see."""
    with Session(engine) as session:
        scope = workspace_scope(session=session, team_id=request.team_id)
        if request.speaker_id is not None:
            by_id = speaker_by_id(session=session, speaker_id=request.speaker_id, scope=scope)
            matches = [by_id] if by_id else []
        else:
            matches = speakers_matching(session=session, query=request.name, scope=scope)
        if not matches:
            names = close_speaker_names(session=session, query=request.name, scope=scope)
            return TimelineRead(None, close_names=tuple(names))
        if len(matches) > 1:
            return TimelineRead(None, candidates=tuple(matches))
        since = datetime.combine(request.since, datetime.min.time(), UTC) if request.since else None
        timeline = speaker_timeline(
            session=session,
            speaker_id=matches[0].id,
            about=request.about,
            since=since,
            scope=scope,
        )
    return TimelineRead(matches[0], timeline)


def post_timeline(
    request: TimelineRequest,
    *,
    engine: Engine,
    client: WebClient | None,
    sleep: Sleep = time.sleep,
) -> str:
    """The job: read, draw, upload and DM the timeline, then tell the asker where it is.
    Returns the outcome ("sent", "no-speaker", "empty", "unreachable", "failed")."""
    try:
        found = read_timeline(request, engine=engine)
    except Exception:
        log.exception("could not read the timeline")
        _answer(request, text_message(SORRY))
        return "failed"
    if found.speaker is None or found.timeline is None:
        _answer(request, text_message(no_speaker_text(request, found)))
        return "no-speaker"
    if not found.timeline.entries:
        _answer(request, text_message(empty_text(request, found.speaker.name)))
        return "empty"
    if client is None:
        _answer(request, text_message(SORRY))
        return "unreachable"
    try:
        send_timeline(client, request, found.speaker.name, found.timeline, sleep=sleep)
    except Exception as error:
        log.warning("timeline for %s not sent: %s", request.user_id, why(error))
        _answer(request, text_message(SORRY))
        return "failed"
    _answer(
        request,
        text_message(
            f"Sent you the timeline of *{escape(found.speaker.name)}* as a direct message."
        ),
    )
    return "sent"


def send_timeline(
    client: WebClient,
    request: TimelineRequest,
    speaker: str,
    timeline: Timeline,
    *,
    sleep: Sleep = time.sleep,
) -> str:
    """Draw and upload the chart, then DM the timeline; returns the DM's ts."""
    change_days = {change.later_at.date() for change in timeline.changes}
    png = render_chart(
        [entry.said_at.date() for entry in timeline.entries],
        title=f"{speaker}: statements per day",
        change_days=change_days,
    )
    alt = alt_text(timeline, speaker=speaker)
    upload = client.files_upload_v2(file=png, filename=FILENAME, title=speaker, alt_txt=alt)
    shown = timeline_message(
        timeline, speaker=speaker, about=request.about, file_id=upload["file"]["id"], alt=alt
    )
    channel = client.conversations_open(users=request.user_id)["channel"]["id"]
    waits = iter(FILE_READY_WAITS)
    while True:
        try:
            return client.chat_postMessage(
                channel=channel, unfurl_links=False, unfurl_media=False, **shown.payload()
            )["ts"]
        except SlackApiError as error:
            wait = next(waits, None) if _file_not_ready(error) else None
            if wait is None:
                raise
            sleep(wait)


def no_speaker_text(request: TimelineRequest, found: TimelineRead) -> str:
    if found.candidates:
        names = ", ".join(f"*{escape(c.name)}*" for c in found.candidates[:10])
        return f"Several speakers match *{echo(request.name)}*: {names}. Ask with a full name."
    text = f"No statements by *{echo(request.name)}* yet."
    if found.close_names:
        text += " Did you mean " + ", ".join(f"*{escape(n)}*" for n in found.close_names) + "?"
    return text


def empty_text(request: TimelineRequest, speaker: str) -> str:
    about = f" about “{echo(request.about)}”" if request.about else ""
    since = f" since {request.since.isoformat()}" if request.since else ""
    return f"No statements by *{escape(speaker)}*{about}{since}, so there is no timeline."


SORRY = "Sorry, I could not make the timeline just now; please try again in a while."


def _answer(request: TimelineRequest, reply: Message) -> None:
    tell_requester(request.response_url, reply, work="the timeline")
