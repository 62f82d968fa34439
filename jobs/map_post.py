"""Posting a dispute map: read the graph, draw it, upload it, show it in an image block.

Two callers: `/disputes map`, whose listener only asks (a `MapRequest`, plain data, goes to
the one-off job runner of `summit.wiring.one_off_dispatch`) because drawing takes a second or
more; and the digest, which adds the day's map to its thread when the day has at least
`DAY_MAP_MIN_DISPUTES` disputes between named parties.

The upload is Slack's current flow (`files.getUploadURLExternal`, the bytes to the upload URL,
`files.completeUploadExternal`: slack_sdk's `files_upload_v2`), shared with no channel, so
the file is the bot's own until a message shows it: `chat.postMessage` with an image block
naming the file. Slack processes an upload asynchronously and calls the file "invalid" until
it has, so that post is retried a few times with growing waits.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.models.blocks import ContextBlock, ImageBlock, MarkdownTextObject
from sqlalchemy import Engine
from sqlmodel import Session

from bot.dispute_map import alt_text, render_map
from bot.mrkdwn import escape
from bot.outcomes import why
from bot.render import Message, message, text_message
from jobs.requester import tell_requester
from storage.brief import Reading
from storage.dispute_map import DisputeGraph, dispute_graph, summit_named
from storage.keywords import KeywordFilter, parse_filter
from storage.scope import workspace_scope
from storage.times import as_utc

log = logging.getLogger(__name__)

DAY_MAP_MIN_DISPUTES = 3  # fewer disputes read better as the digest's own lines
DEFAULT_WINDOW = timedelta(days=7)  # `/disputes map` without `since` or a summit: a week
FILE_READY_WAITS = (0.5, 1.0, 2.0, 4.0)  # seconds between posts while Slack processes it
ALT_TXT_LIMIT = 1000  # files.getUploadURLExternal's alt_txt (alt_txt_too_large past it)
FILENAME = "dispute-map.png"
THREAD_PACE = 1.0  # after the digest's last reply: chat.postMessage allows ~1 a second here
NOT_IN_CHANNEL = frozenset({"not_in_channel", "channel_not_found", "is_archived"})

Sleep = Callable[[float], None]


@dataclass(frozen=True, slots=True)
class MapRequest:
    """Someone asked for a dispute map in a channel: about a summit or keywords (None: all),
    from `since` (None: a week, or the whole summit); `response_url` hears how it went."""

    team_id: str
    channel_id: str
    about: str | None
    since: datetime | None
    requested_at: datetime
    response_url: str | None = None


RunLater = Callable[[MapRequest], None]  # `summit.wiring.one_off_dispatch`


@dataclass(frozen=True, slots=True)
class PostedMap:
    file_id: str
    ts: str
    alt_text: str


def post_map(
    client: WebClient,
    *,
    channel_id: str,
    graph: DisputeGraph,
    title: str,
    subtitle: str,
    thread_ts: str | None = None,
    sleep: Sleep = time.sleep,
) -> PostedMap:
    """Draw `graph`, upload the PNG and post it in `channel_id` (in the thread of `thread_ts`
    when given) as an image block. Slack's errors are raised."""
    png = render_map(graph, title=title, subtitle=subtitle)
    described = alt_text(graph, title=title)
    upload = client.files_upload_v2(
        file=png, filename=FILENAME, title=title, alt_txt=described[:ALT_TXT_LIMIT]
    )
    file_id = upload["file"]["id"]
    shown = map_message(file_id, title=title, subtitle=subtitle, alt=described)
    waits = iter(FILE_READY_WAITS)
    while True:
        try:
            posted = client.chat_postMessage(
                channel=channel_id,
                thread_ts=thread_ts,
                unfurl_links=False,
                unfurl_media=False,
                **shown.payload(),
            )
            return PostedMap(file_id=file_id, ts=posted["ts"], alt_text=described)
        except SlackApiError as error:
            wait = next(waits, None) if _file_not_ready(error) else None
            if wait is None:
                raise
            sleep(wait)


def map_message(file_id: str, *, title: str, subtitle: str, alt: str) -> Message:
    """The message that shows an uploaded map: the image, then what it covers."""
    return message(
        f"{title}: {subtitle}",
        [
            ImageBlock(slack_file={"id": file_id}, alt_text=alt, title=title[:2000]),
            ContextBlock(elements=[MarkdownTextObject(text=escape(subtitle)[:2000])]),
        ],
    )


def _file_not_ready(error: SlackApiError) -> bool:
    """Slack's answer while an upload is still processing: invalid_blocks, "invalid slack file"."""
    response = error.response
    return response.get("error") == "invalid_blocks" and "slack file" in str(
        response.get("errors", "")
    )


# --------------------------------------------------------------------------- on request


def post_requested_map(
    request: MapRequest,
    *,
    engine: Engine,
    client: WebClient | None,
    min_confidence: float,
    sleep: Sleep = time.sleep,
) -> str:
    """The job behind `/disputes map`: read, draw and post the map in the channel, and tell
    the person who asked. Returns the outcome ("posted", "empty", "unreachable", "failed")."""
    try:
        graph, title, subtitle = read_requested_map(
            request, engine=engine, min_confidence=min_confidence
        )
    except Exception:
        log.exception("could not read the dispute map")
        _answer(request, text_message(_SORRY))
        return "failed"
    if graph.empty:
        _answer(request, text_message(empty_map_text(request)))
        return "empty"
    if client is None:  # the workspace uninstalled the app meanwhile
        _answer(request, text_message(_SORRY))
        return "unreachable"
    try:
        post_map(
            client,
            channel_id=request.channel_id,
            graph=graph,
            title=title,
            subtitle=subtitle,
            sleep=sleep,
        )
    except SlackApiError as error:
        code = str(error.response.get("error"))
        log.warning("dispute map for %s not posted: %s", request.channel_id, why(error))
        unreachable = code in NOT_IN_CHANNEL
        _answer(request, text_message(_NOT_HERE if unreachable else _SORRY))
        return "unreachable" if unreachable else "failed"
    except Exception:
        log.exception("could not draw or post the dispute map")
        _answer(request, text_message(_SORRY))
        return "failed"
    _answer(request, text_message("Posted the dispute map in this channel."))
    return "posted"


def read_requested_map(
    request: MapRequest, *, engine: Engine, min_confidence: float
) -> tuple[DisputeGraph, str, str]:
    """The graph `request` asks for, as far as its workspace may see, with title and
    subtitle. Words that name a summit map that summit (all of it, unless `since`); other
    words are keywords, over a week unless `since`."""
    until = as_utc(request.requested_at)
    with Session(engine) as session:
        scope = workspace_scope(session=session, team_id=request.team_id)
        summit = (
            summit_named(session=session, text=request.about, scope=scope)
            if request.about
            else None
        )
        since = request.since or (None if summit else until - DEFAULT_WINDOW)
        graph = dispute_graph(
            session=session,
            reading=Reading(since=since, until=until, scope=scope, by_publication=True),
            min_confidence=min_confidence,
            summit=summit,
            keywords=None if summit or not request.about else parse_filter(request.about),
        )
    about = summit or (f"“{request.about}”" if request.about else "all coverage")
    title = f"Who disputes whom · {about}"
    return graph, title, f"{window_label(since, until)} · {graph_label(graph)}"


def window_label(since: datetime | None, until: datetime) -> str:
    """ "1 Jun 2026 to 10 Jun 2026", or "the whole summit" when the window has no start."""
    if since is None:
        return "the whole summit"
    return f"{_day(since)} to {_day(until)}"


def _day(moment: datetime) -> str:
    return f"{moment.day} {moment:%b %Y}"


def graph_label(graph: DisputeGraph) -> str:
    disputes, parties = graph.disputes, len(graph.parties)
    return (
        f"{disputes} dispute{'s' if disputes != 1 else ''} between "
        f"{parties} part{'ies' if parties != 1 else 'y'}"
    )


def empty_map_text(request: MapRequest) -> str:
    """A kind answer when the window holds no dispute between named parties."""
    about = f" about “{escape(request.about)}”" if request.about else ""
    return (
        f"No disputes between named parties{about} in that time, so there is no map to draw. "
        "Try a longer window, e.g. `/disputes map since 30d`, or other words."
    )


_SORRY = "Sorry, I could not draw the dispute map just now; please try again in a while."
_NOT_HERE = (
    "I can only post the map in a channel I am in: invite me with `/invite @Summit Digest`, "
    "then ask again."
)


def _answer(request: MapRequest, reply: Message) -> None:
    tell_requester(request.response_url, reply, work="the dispute map")


# --------------------------------------------------------------------------- in the digest


def post_day_map(
    client: WebClient,
    *,
    engine: Engine,
    reading: Reading,
    keywords: KeywordFilter | None,
    min_confidence: float,
    channel_id: str,
    thread_ts: str,
    digest_date: date,
    sleep: Sleep = time.sleep,
) -> PostedMap | None:
    """The digest's map, in its thread, when its window holds at least
    `DAY_MAP_MIN_DISPUTES` disputes between named parties. Best effort: the digest is out
    whatever happens here, so a failure is logged and None returned."""
    try:
        with Session(engine) as session:
            graph = dispute_graph(
                session=session, reading=reading, min_confidence=min_confidence, keywords=keywords
            )
        if graph.disputes < DAY_MAP_MIN_DISPUTES:
            return None
        sleep(THREAD_PACE)
        return post_map(
            client,
            channel_id=channel_id,
            graph=graph,
            title=f"Who disputes whom · {digest_date:%a %d %b %Y}",
            subtitle=f"{graph_label(graph)} in this digest",
            thread_ts=thread_ts,
            sleep=sleep,
        )
    except Exception as error:
        log.warning("dispute map for the %s digest not posted: %s", channel_id, why(error))
        return None
