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
    """An input (file, URL, feed) could not be read or is not an article."""


class ExtractionError(SummitError, RuntimeError):
    """The NLP pipeline could not be loaded or failed on a text."""


class StorageError(SummitError, RuntimeError):
    """The database could not be reached or migrated."""
