"""The "Who's quoted here?" message shortcut, on any message.

The listener only asks: a `QuotedHereRequest` (plain data) goes to the one-off job runner,
because reading a page takes seconds and spaCy must not run on Bolt's listener threads. The
job reads each article link in the message (up to `MAX_LINKS`): an article the workspace may
already see is answered from the database; any other link is fetched as an untrusted source
(global addresses only, robots.txt, size and time caps: `jobs.fetch`), cleaned and extracted
as ingest does, and answered without being stored, so nothing one reader looks up reaches
anyone else's digests. A message without links is extracted from its own text.

Where the answer goes: in the message's thread. It is a visible reply when the asker wrote
the message (their own thread), else an ephemeral one only the asker sees, so one reader's
question never adds a reply to someone else's message. Where the bot cannot post (not in the
channel, a DM between people) it answers through the shortcut's response URL instead.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy import Engine
from sqlmodel import Session

from bot.render import Message, text_message
from bot.render_quoted_here import Reading, quoted_here_message
from jobs.clean import clean_document
from jobs.dedupe import canonical_url
from jobs.requester import tell_requester
from storage.article_findings import ArticleFindings, article_findings, dispute_line, quoted_line
from storage.scope import Scope, workspace_scope
from summit.errors import SourceError

log = logging.getLogger(__name__)

MAX_LINKS = 3
MIN_WORDS = 6  # shorter pasted text has nobody to quote
READING = "Reading it; the answer will be in the message's thread in a moment."
ANSWERED = "Answered in the message's thread."
WORK = "a who's-quoted-here answer"

_SLACK_LINK = re.compile(r"<(https?://[^|>\s]+)(?:\|[^>]*)?>")
_BARE_LINK = re.compile(r"(?<![<|])\bhttps?://[^\s<>|]+")
_MENTION = re.compile(r"<[@#!][^>|]*(?:\|([^>]*))?>")


@dataclass(frozen=True, slots=True)
class QuotedHereRequest:
    """Someone used the shortcut on a message (`text` as Slack sent it, markup included)."""

    team_id: str
    user_id: str
    channel_id: str
    message_ts: str
    thread_ts: str  # the thread the message is in, else its own ts
    author_id: str | None
    text: str
    requested_at: datetime
    response_url: str | None = None


def message_links(text: str) -> list[str]:
    """The web addresses in a Slack message's text, in order, once each."""
    found = [m.group(1) for m in _SLACK_LINK.finditer(text)]
    found += [m.group(0).rstrip(".,;:)") for m in _BARE_LINK.finditer(_SLACK_LINK.sub(" ", text))]
    return list(dict.fromkeys(html.unescape(url) for url in found))


def plain_text(text: str) -> str:
    """A message's words without Slack markup: mentions and links by their labels, entities
    decoded."""
    text = _MENTION.sub(lambda m: m.group(1) or "", text)
    text = _SLACK_LINK.sub("", text)
    return html.unescape(text).strip()


ReadPage = Callable[[str], "Reading"]


def answer_quoted_here(
    request: QuotedHereRequest,
    *,
    engine: Engine,
    client: WebClient | None,
    read_page: ReadPage,
    extract_text: Callable[[str], ArticleFindings | str],
    min_confidence: float,
) -> Message:
    """Read the message's links (or its text) and answer in its thread; returns the answer.

    `read_page(url)` fetches, cleans and extracts one untrusted page (`page_reader`);
    `extract_text(text)` extracts plain text (findings, or why there are none)."""
    links = message_links(request.text)[:MAX_LINKS]
    if links:
        with Session(engine) as session:  # closed before any page is fetched
            scope = workspace_scope(session=session, team_id=request.team_id)
            stored = [
                stored_findings(session, url, scope=scope, min_confidence=min_confidence)
                for url in links
            ]
        readings = [
            Reading(url, findings=found) if found else read_page(url)
            for url, found in zip(links, stored, strict=True)
        ]
    else:
        text = plain_text(request.text)
        if len(text.split()) < MIN_WORDS:
            readings = [Reading("This message", problem="too short to quote anyone")]
        else:
            found = extract_text(text)
            readings = [
                Reading("This message", findings=found)
                if isinstance(found, ArticleFindings)
                else Reading("This message", problem=found)
            ]
    answer = quoted_here_message(readings)
    _deliver(request, answer, client)
    return answer


def stored_findings(
    session: Session, url: str, *, scope: Scope, min_confidence: float
) -> ArticleFindings | None:
    """The findings of the stored article at `url` (its canonical address, or the one it was
    fetched from) that `scope` may see; None when the workspace has no such article or the
    address cannot be read."""
    try:
        urls = (canonical_url(url), url)
    except ValueError:
        return None
    return article_findings(session=session, urls=urls, scope=scope, min_confidence=min_confidence)


def page_reader(fetcher, extractor, *, min_confidence: float, max_words: int) -> ReadPage:
    """`read_page` for `answer_quoted_here`: fetch as an untrusted source, clean, extract."""

    def read(url: str) -> Reading:
        try:
            document = fetcher.fetch(url, block_private=True)
        except SourceError as exc:
            return Reading(url, problem=f"could not read the page ({exc})")
        article = clean_document(document, max_bytes=fetcher.max_bytes, max_words=max_words)
        if article.status != "ok":
            reason = article.reason or article.status
            return Reading(url, problem=f"no article text there ({reason})")
        found = findings_of(extractor, article.text, min_confidence=min_confidence)
        if isinstance(found, str):
            return Reading(url, problem=found)
        return Reading(
            url,
            findings=ArticleFindings(
                url=article.canonical_url or url,
                title=article.title,
                outlet=article.outlet,
                statements=found.statements,
                disputes=found.disputes,
            ),
        )

    return read


def findings_of(extractor, text: str, *, min_confidence: float) -> ArticleFindings | str:
    """What `text` says (statements, and disputes readers may be shown), else why not."""
    extraction = extractor.extract(text)
    if extraction.status == "not-english":
        return f"not in English ({extraction.language})"
    if extraction.status == "failed":
        return "it could not be read"
    return ArticleFindings(
        url=None,
        title=None,
        outlet=None,
        statements=tuple(
            quoted_line(s.speaker, s.content, s.cue, s.kind) for s in extraction.statements
        ),
        disputes=tuple(
            dispute_line(d.actor, d.cue, d.cue_class, d.target, d.issue, d.escalation)
            for d in extraction.disputes
            if d.named and d.confidence >= min_confidence
        ),
    )


def _deliver(request: QuotedHereRequest, answer: Message, client: WebClient | None) -> None:
    """In the thread: visibly for the message's author, else ephemerally; else by response
    URL (the bot is not in the conversation, or the workspace has no client)."""
    if client is not None:
        common = {
            "channel": request.channel_id,
            "thread_ts": request.thread_ts,
            **answer.payload(),
        }
        try:
            if request.author_id and request.author_id == request.user_id:
                client.chat_postMessage(**common, unfurl_links=False, unfurl_media=False)
            else:
                client.chat_postEphemeral(**common, user=request.user_id)
        except SlackApiError as error:
            log.info("quoted-here: answering by response URL (%s)", error.response.get("error"))
        else:
            tell_requester(request.response_url, text_message(ANSWERED), work=WORK)
            return
    tell_requester(request.response_url, answer, work=WORK)
