"""How a failed Slack call ended, for the code that records it: was the request perhaps
acted on (so repeating it could post twice), and a short reason people can read."""

from __future__ import annotations

from slack_sdk.errors import SlackApiError


def answer_lost(error: Exception) -> bool:
    """A timeout once the request was sent: Slack may have acted on it."""
    reason = getattr(error, "reason", None)
    return isinstance(error, TimeoutError) or isinstance(reason, TimeoutError)


def why(error: Exception) -> str:
    """ "Slack said not_in_channel", or the exception's type for transport failures."""
    if isinstance(error, SlackApiError):
        return f"Slack said {error.response.get('error') or error.response.status_code}"
    return type(error).__name__
