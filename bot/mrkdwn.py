"""Make any text safe to show in Slack mrkdwn.

Slack only treats `<...>` sequences as mentions, links and broadcasts
(`<!channel>`, `<@U123>`), so escaping `&`, `<` and `>` as Slack documents is
enough to make user input and article text inert. Control characters are
dropped and long text is cut on a word boundary.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u2028-\u202e\u2066-\u2069]")
_FORMATTING = str.maketrans({"*": "∗", "_": "＿", "~": "∼", "`": "ˋ"})


def clean(text: str) -> str:
    """Drop control and direction-override characters; keep newlines and tabs."""
    return _CONTROL.sub("", unicodedata.normalize("NFC", text))


def escape(text: str) -> str:
    """Escape `&`, `<`, `>` so no mention, link or broadcast can be formed."""
    return clean(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def echo(text: str, limit: int = 80) -> str:
    """User input quoted back in a reply: escaped, one line, formatting neutralised, short."""
    one_line = " ".join(clean(text).split())
    return escape(cut(one_line, limit)).translate(_FORMATTING)


def verbatim(text: str) -> str:
    """Article text (a quote, a headline) shown in mrkdwn: escaped, and its bold, italic,
    strike and code markers shown as look-alikes, so no source can format our message."""
    return escape(text).translate(_FORMATTING)


def inert(text: str) -> str:
    """A message's plain-text fallback (what notifications and shared copies show) made
    harmless whatever it was built from: `<` and `>` escaped, so no mention, link or broadcast
    forms (text escaped already has none, so this is idempotent), and bold, italic, strike and
    code markers replaced by look-alikes."""
    return clean(text).replace("<", "&lt;").replace(">", "&gt;").translate(_FORMATTING)


def cut(text: str, limit: int) -> str:
    """Shorten to at most `limit` characters, on a word boundary, with an ellipsis."""
    if len(text) <= limit:
        return text
    head = text[: max(limit - 1, 0)]
    space = head.rfind(" ")
    if space > limit // 2:
        head = head[:space]
    return head.rstrip(" ,;:") + "…"


def link(url: str | None, label: str) -> str:
    """A mrkdwn link when `url` is a web address, else just the label; the label (a headline,
    an outlet) is article text, shown as `verbatim` shows it."""
    label = verbatim(label).replace("|", "∣")
    if not url or not url.startswith(("http://", "https://")) or any(c in url for c in "<>| "):
        return label
    return f"<{url}|{label}>"


def date_token(moment: datetime, layout: str, fallback: str) -> str:
    """Slack's date formatting: the reader's own time zone in Slack, `fallback` elsewhere."""
    return f"<!date^{int(moment.timestamp())}^{layout}|{fallback}>"
