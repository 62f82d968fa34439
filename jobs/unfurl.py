"""Link previews: when someone posts the address of an article the workspace already has,
`chat.unfurl` shows who it quotes ("Sergei Lavrov, Antony Blinken and 3 others quoted ·
2 disputes") under the message.

Slack sends `link_shared` only for the domains the app lists (`unfurl_domains` in
manifest.json). The listener hands an `UnfurlRequest` to the one-off job runner; the job
never fetches anything: a link to an article the workspace may not see, or does not have,
or that quotes nobody, is left to Slack's own preview.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy import Engine
from sqlmodel import Session

from bot.render_quoted_here import unfurl_blocks
from jobs.quoted_here import stored_findings
from storage.scope import workspace_scope

log = logging.getLogger(__name__)

MAX_LINKS = 5


@dataclass(frozen=True, slots=True)
class UnfurlRequest:
    """A `link_shared` event: the links of one posted message (named by channel and ts), or of
    a message being written (`source` "composer", named by `unfurl_id`)."""

    team_id: str
    channel_id: str
    message_ts: str
    links: tuple[str, ...]
    requested_at: datetime
    unfurl_id: str | None = None
    source: str | None = None


def unfurl_links(
    request: UnfurlRequest, *, engine: Engine, client: WebClient | None, min_confidence: float
) -> int:
    """Preview the links that are articles the workspace has with someone quoted or a
    dispute; returns how many were previewed."""
    unfurls: dict[str, dict] = {}
    with Session(engine) as session:
        scope = workspace_scope(session=session, team_id=request.team_id)
        for url in request.links[:MAX_LINKS]:
            found = stored_findings(session, url, scope=scope, min_confidence=min_confidence)
            if found and (found.statements or found.disputes):
                unfurls[url] = {"blocks": unfurl_blocks(found)}
    if not unfurls or client is None:
        return 0
    posted = request.source != "composer" and request.channel_id and request.message_ts
    where = (
        {"channel": request.channel_id, "ts": request.message_ts}
        if posted
        else {"unfurl_id": request.unfurl_id, "source": request.source}
    )
    try:
        client.chat_unfurl(**where, unfurls=unfurls)
    except SlackApiError as error:
        log.warning("could not preview %d link(s): %s", len(unfurls), error.response.get("error"))
        return 0
    return len(unfurls)
