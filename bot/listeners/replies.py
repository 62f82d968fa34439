"""Turning any outcome into a reply a person can act on. Tracebacks go to the log only."""

from __future__ import annotations

import logging
from collections.abc import Callable

from bot.render import Message, text_message
from summit.errors import SummitError

log = logging.getLogger(__name__)

SORRY = "Sorry, something went wrong on our side. The team has been told; please try again later."


def reply_safely(build: Callable[[], Message]) -> Message:
    """Run `build`; known errors become their own message, anything else a kind apology."""
    try:
        return build()
    except SummitError as error:
        return text_message(str(error))
    except Exception:
        log.exception("could not build a reply")
        return text_message(SORRY)


def share_in_channel(respond, reply: Message) -> None:
    """*Share in channel*: post the answer for everyone (without its buttons or link
    previews) and remove the ephemeral original."""
    blocks = [b for b in reply.blocks if b.get("type") != "actions"]
    respond(
        response_type="in_channel",
        replace_original=False,
        text=reply.text,
        blocks=blocks,
        unfurl_links=False,
        unfurl_media=False,
    )
    respond(delete_original=True)
