"""`link_shared`: a link to an article the workspace has gets a preview of who it quotes
(`jobs.unfurl`, run as a job so listener threads stay free)."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from slack_bolt import App, BoltContext

from jobs.unfurl import UnfurlRequest

log = logging.getLogger(__name__)


def register(app: App, *, run_later) -> None:
    @app.event("link_shared")
    def link_shared(event: dict, body: dict, context: BoltContext) -> None:
        links = tuple(
            str(item["url"])
            for item in event.get("links") or ()
            if isinstance(item, dict) and isinstance(item.get("url"), str)
        )
        if not links:
            return
        request = UnfurlRequest(
            team_id=context.team_id or body.get("team_id") or "",
            channel_id=str(event.get("channel") or ""),
            message_ts=str(event.get("message_ts") or ""),
            links=links,
            requested_at=datetime.now(UTC),
            unfurl_id=event.get("unfurl_id"),
            source=event.get("source"),
        )
        try:
            run_later(request)
        except Exception:  # a preview is a nicety: Slack shows its own
            log.exception("could not hand link previews to a job")
