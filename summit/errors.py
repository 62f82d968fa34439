"""The one small exception family shared by every package.

Each class also inherits the builtin it is closest to, so callers that do not
know our types can still catch them sensibly (the lemon24/reader habit).
Listeners and the CLI translate these into kind messages; anything else is a bug
and is logged with its traceback, never shown to a Slack user.
"""


class SummitError(Exception):
    """Base class of every error Summit Digest raises on purpose."""


class ConfigError(SummitError, ValueError):
    """Settings are missing or invalid; the message lists every problem."""


class SourceError(SummitError, OSError):
    """An input (file, URL, feed) could not be read or is not an article.

    `retry_after` is None unless the server asked us to slow down (HTTP 429/503): then it
    is how many seconds to leave the source alone, 0.0 when the server did not say.
    `transient` says the failure is one of the moment (a 5xx, a timeout, a connection or
    name lookup that failed, a server asking us to wait): trying again later may succeed,
    where a 404 or robots.txt will say the same.
    """

    def __init__(
        self, *args: object, retry_after: float | None = None, transient: bool = False
    ) -> None:
        super().__init__(*args)
        self.retry_after = retry_after
        self.transient = transient or retry_after is not None


class ExtractionError(SummitError, RuntimeError):
    """The NLP pipeline could not be loaded or failed on a text."""


class StorageError(SummitError, RuntimeError):
    """The database could not be reached or migrated."""
