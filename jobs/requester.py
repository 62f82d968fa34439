"""Telling whoever asked for one-off work (`/digest now`, a dispute map, a timeline) how it
went: their ephemeral "on its way" answer is replaced through the command's response URL."""

from __future__ import annotations

import logging

from slack_sdk.webhook import WebhookClient

from bot.render import Message

log = logging.getLogger(__name__)


def tell_requester(response_url: str | None, reply: Message, *, work: str) -> None:
    """Replace the requester's answer with `reply`; no URL (App Home has none), a lapsed one
    or a failing one is only logged with `work` ("the dispute map"): the work is done or
    recorded, only the note is lost."""
    if not response_url:
        return
    try:
        sent = WebhookClient(response_url, timeout=10).send_dict(
            {"response_type": "ephemeral", "replace_original": True, **reply.payload()}
        )
    except Exception as error:
        log.warning("could not tell the requester of %s: %s", work, type(error).__name__)
        return
    if sent.status_code != 200:
        log.warning("could not tell the requester of %s: HTTP %s", work, sent.status_code)
