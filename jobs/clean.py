"""Turn a fetched `Document` into a `CleanArticle`: main text, metadata and a status.

Pipeline: refuse oversized or binary bytes -> decode (BOM, HTTP charset, meta charset,
then charset-normalizer) -> trafilatura in precision mode for the body (HTML, after
pruning the page blocks listed in `jobs/rules/prune.json`) or paragraph normalisation
(plain text) -> JSON-LD `articleBody` fallback and the
og:description lead check -> our tail trimmer (rules in `jobs/rules/trim.json`)
-> status.

Statuses: "ok" is the only one that goes on to statement extraction; "thin",
"paywalled", "not-english" and "too-long" keep (some of) the text we found for inspection;
"failed" carries a reason a person can act on.
"""

from __future__ import annotations

import codecs
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from extract.language import detect_language
from jobs.model import CleanArticle, Document
from summit.settings import DEFAULT_INGEST_CAPS

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
# More words than this is no news article (the longest features and full press-conference
# transcripts run to 20,000-30,000 words); spaCy is not given a book (MAX_ARTICLE_WORDS).
DEFAULT_MAX_WORDS = DEFAULT_INGEST_CAPS["MAX_ARTICLE_WORDS"][0]  # the setting's default

# Fewer words than this is not an article: cookie walls, "page not found", video
# pages with a caption, teaser stubs. Real wire briefs are longer; the shortest
# complete news story we measure (a Jerusalem Post wire brief) has about 64 words.
THIN_WORDS = 40
# A paywall teaser usually shows the first one to three paragraphs.
PAYWALL_WORDS = 150
# Use the page's JSON-LD articleBody when trafilatura found less than this share of it
# (JavaScript-rendered pages ship the body only in the JSON-LD).
JSONLD_FALLBACK_SHARE = 0.6

RULES_DIR = Path(__file__).with_name("rules")

_HTML_SNIFF = re.compile(rb"<\s*(!doctype\s+html|html|head|body|meta|title|div|p|article)\b", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)""", re.I)
_MAGIC = {
    b"%PDF": "a PDF file",
    b"\x89PNG": "a PNG image",
    b"GIF8": "a GIF image",
    b"\xff\xd8\xff": "a JPEG image",
    b"PK\x03\x04": "a ZIP archive (or Office document)",
    b"\x1f\x8b": "gzip-compressed bytes",
    b"RIFF": "a RIFF media file (WebP/WAV/AVI)",
    b"\x7fELF": "an executable",
}
_SINGLE_BYTE = {"iso-8859-1", "latin-1", "latin1", "cp1252", "windows-1252", "ascii", "us-ascii"}
_WORD = re.compile(r"\w+", re.UNICODE)


def _latin1_fallback(err: UnicodeError) -> tuple[str, int]:
    """Decode the bytes UTF-8 rejects as cp1252: Latin-1 text served (or mixed) as UTF-8."""
    if not isinstance(err, UnicodeDecodeError):
        raise err
    bad = err.object[err.start : err.end]
    return bad.decode("cp1252", errors="replace"), err.end


codecs.register_error("summit-cp1252", _latin1_fallback)


class CleanError(Exception):
    """Internal: this document cannot become an article; the message is the reason."""


@dataclass(frozen=True, slots=True)
class TrimRule:
    """One tail-trimming rule from `jobs/rules/trim.json`."""

    name: str
    action: str
    pattern: re.Pattern[str]
    max_words: int | None = None
    max_words_after: int | None = None
    max_words_per_item: int | None = None


# --------------------------------------------------------------------------- decoding


def decode_body(body: bytes, content_type: str | None = None) -> str:
    """Decode bytes honouring BOM, HTTP charset and meta/XML charset, with sane fallbacks.

    Latin-1 bytes that claim to be UTF-8 decode as cp1252 byte by byte instead of
    turning into U+FFFD; undeclared bytes go to charset-normalizer.
    """
    for bom, enc in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if body.startswith(bom):
            return body.decode(enc, errors="replace")
    declared = _declared_charset(body, content_type)
    if declared and _known_codec(declared):
        name = codecs.lookup(declared).name
        if name in {"utf-8", "ascii"} or declared.lower() in {"utf-8", "utf8"}:
            return body.decode("utf-8", errors="summit-cp1252")
        if declared.lower() in _SINGLE_BYTE or name in {"latin-1", "cp1252", "iso8859-1"}:
            # Valid multi-byte UTF-8 is almost never intended as Latin-1: trust the bytes.
            if _is_utf8_with_non_ascii(body):
                return body.decode("utf-8")
            return body.decode("cp1252", errors="replace")
        try:
            return body.decode(name)
        except UnicodeDecodeError:
            pass
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return _guess_decode(body)


def _declared_charset(body: bytes, content_type: str | None) -> str | None:
    if content_type:
        m = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type, re.I)
        if m:
            return m.group(1)
    head = body[:4096]
    m = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return m.group(1).decode("ascii", "ignore") if m else None


def _known_codec(name: str) -> bool:
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True


def _is_utf8_with_non_ascii(body: bytes) -> bool:
    if body.isascii():
        return False
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _guess_decode(body: bytes) -> str:
    from charset_normalizer import from_bytes

    # Mostly-valid UTF-8 with stray Latin-1 bytes: keep the UTF-8, patch the rest.
    valid_multibyte = len(re.findall(rb"[\xc2-\xf4][\x80-\xbf]+", body[:200_000]))
    if valid_multibyte >= 3:
        return body.decode("utf-8", errors="summit-cp1252")
    best = from_bytes(body[:200_000]).best()
    if best is not None and best.encoding:
        try:
            return body.decode(best.encoding)
        except (UnicodeDecodeError, LookupError):
            pass
    return body.decode("cp1252", errors="replace")


def binary_reason(body: bytes) -> str | None:
    """Why these bytes are not a text document, or None when they look like text."""
    for magic, what in _MAGIC.items():
        if body.startswith(magic):
            return f"binary content ({what}), not an article"
    head = body[:8192]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    if b"\x00" in head:
        return "binary content (NUL bytes), not an article"
    controls = sum(1 for b in head if b < 9 or 13 < b < 32 or b == 127)
    if head and controls / len(head) > 0.05:
        return "binary content (control bytes), not an article"
    return None


def _garbled_reason(text: str) -> str | None:
    sample = text[:20_000]
    if not sample:
        return None
    bad = sum(1 for c in sample if c == "\ufffd" or (unicodedata.category(c) in {"Cc", "Co", "Cn"}))
    bad -= sample.count("\n") + sample.count("\t") + sample.count("\r")
    if bad / len(sample) > 0.05:
        return "undecodable text (mostly invalid characters), not an article"
    return None


# --------------------------------------------------------------------------- entry point


def clean_document(
    doc: Document, *, max_bytes: int = DEFAULT_MAX_BYTES, max_words: int = DEFAULT_MAX_WORDS
) -> CleanArticle:
    """Extract the main text and metadata of one document and give it a status.

    Never raises for bad input: an unusable document comes back with status "failed"
    and a reason (empty, binary, too large, no article text, parser crash). An article of
    more than `max_words` words (MAX_ARTICLE_WORDS) is "too-long": it is not extracted, and
    only its first `max_words` words are kept for inspection.
    """
    try:
        return _capped(_clean(doc, max_bytes=max_bytes), max_words)
    except CleanError as exc:
        return _failed(doc, str(exc))
    except (RecursionError, MemoryError, ValueError, TypeError, LookupError) as exc:
        # trafilatura/lxml on pathological markup (extreme nesting, broken trees).
        return _failed(doc, f"could not parse the page ({type(exc).__name__})")


def _capped(article: CleanArticle, max_words: int) -> CleanArticle:
    if article.status != "ok":
        return article
    for count, word in enumerate(_WORD.finditer(article.text), 1):
        if count > max_words:
            return replace(
                article,
                status="too-long",
                text=article.text[: word.start()].rstrip(),
                reason=f"more than {max_words:,} words (MAX_ARTICLE_WORDS); not extracted",
            )
    return article


def _failed(doc: Document, reason: str) -> CleanArticle:
    return CleanArticle(
        source=doc.source,
        status="failed",
        text="",
        canonical_url=doc.url,
        title=doc.entry.title if doc.entry else None,
        published=doc.entry.published if doc.entry else None,
        reason=reason,
    )


def _clean(doc: Document, *, max_bytes: int) -> CleanArticle:
    body = doc.body
    if len(body) > max_bytes:
        raise CleanError(f"body larger than {_size(max_bytes)} ({_size(len(body))})")
    if not body.strip():
        raise CleanError("empty document")
    reason = binary_reason(body)
    if reason:
        raise CleanError(reason)
    text = decode_body(body, doc.content_type)
    reason = _garbled_reason(text)
    if reason:
        raise CleanError(reason)
    if _is_plain_text(doc, body):
        return _clean_text(doc, text)
    return _clean_html(doc, text)


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.0f} MB"
    return f"{n / 1024:.0f} KB" if n >= 1024 else f"{n} bytes"


def _is_plain_text(doc: Document, body: bytes) -> bool:
    ctype = (doc.content_type or "").split(";")[0].strip().lower()
    if ctype == "text/plain":
        return True
    if ctype in {"text/html", "application/xhtml+xml"}:
        return False
    name = (doc.url or doc.source).lower().split("?")[0]
    if name.endswith((".txt", ".text")):
        return True
    return not _HTML_SNIFF.search(body[:4096])


def _host(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host.lower().removeprefix("www.") if host else None


# --------------------------------------------------------------------------- plain text


def _clean_text(doc: Document, text: str) -> CleanArticle:
    paragraphs = split_paragraphs(text)
    title = None
    if len(paragraphs) > 1 and _looks_like_title(paragraphs[0]):
        title, paragraphs = paragraphs[0], paragraphs[1:]
    signed_outlet, signed_date = sign_off(paragraphs)
    paragraphs = trim_tail(paragraphs, host=_host(doc.url))
    entry = doc.entry
    return _with_status(
        doc,
        "\n\n".join(paragraphs),
        title=title or (entry.title if entry else None),
        outlet=_host(doc.url) or signed_outlet,
        canonical_url=doc.url,
        published=(entry.published if entry else None) or signed_date,
    )


_SIGN_OFF = re.compile(
    r"^Published in (?P<outlet>[A-Z][\w&.' -]{1,40}), "
    r"(?P<month>[A-Z][a-z]+)\.? (?P<day>\d{1,2})(?:st|nd|rd|th)?,? (?P<year>\d{4})\.?$"
)


def sign_off(paragraphs: list[str]) -> tuple[str | None, datetime | None]:
    """Outlet and print date from a print sign-off, for plain text that carries no metadata.

    >>> sign_off(["The talks ended.", "Published in Dawn, July 15th, 2023", "Opinion"])
    ('Dawn', datetime.datetime(2023, 7, 15, 0, 0, tzinfo=datetime.timezone.utc))
    """
    for paragraph in paragraphs:
        if match := _SIGN_OFF.match(paragraph.strip()):
            try:
                day = datetime.strptime(
                    f"{match['month'][:3]} {match['day']} {match['year']}", "%b %d %Y"
                )
            except ValueError:
                return match["outlet"], None
            return match["outlet"], day.replace(tzinfo=UTC)
    return None, None


def split_paragraphs(text: str) -> list[str]:
    """Split plain text into paragraphs with whitespace collapsed inside each.

    Blank lines separate paragraphs; when a text has no blank lines at all, every
    line is a paragraph (one-paragraph-per-line exports).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    blocks = re.split(r"\n\s*\n", text) if re.search(r"\n\s*\n", text) else text.split("\n")
    out = [" ".join(b.split()) for b in blocks]
    return [p for p in out if p]


def _looks_like_title(line: str) -> bool:
    """A first line is a title only when short, unpunctuated at the end and not a dateline."""
    words = line.split()
    return (
        2 <= len(words) <= 20
        and len(line) <= 160
        and not line.endswith((".", ",", ";", ":", "”", '"', "?", "!"))
        and not re.match(r"^[A-Z][A-Z .'-]{1,30}(\(\w+\))?\s*[:—–-]\s", line)
    )


# --------------------------------------------------------------------------- HTML


def _clean_html(doc: Document, html: str) -> CleanArticle:
    import trafilatura
    from lxml import html as lxml_html

    meta = _page_metadata(html, lxml_html)
    extracted = trafilatura.bare_extraction(
        html,
        url=doc.url,
        favor_precision=True,
        include_comments=False,
        include_tables=False,
        with_metadata=True,
        prune_xpath=list(load_prune_xpaths()),
    )
    raw = (getattr(extracted, "text", None) or "") if extracted else ""
    paragraphs = [" ".join(line.split()) for line in raw.split("\n")]
    paragraphs = [p for p in paragraphs if p]

    body = meta.get("articleBody")
    if body and _word_count(paragraphs) < JSONLD_FALLBACK_SHARE * len(_WORD.findall(body)):
        paragraphs = split_paragraphs(body)
    paragraphs = _check_lead(paragraphs, meta.get("description"), meta.get("visible_paras", ()))
    titles = {_norm(t) for t in (meta.get("title"), getattr(extracted, "title", None)) if t}
    if len(paragraphs) > 1 and _norm(paragraphs[0]) in titles:
        paragraphs = paragraphs[1:]  # the headline is stored as the title, not as body text
    host = _host(doc.url) or _host(meta.get("canonical"))
    paragraphs = trim_tail(paragraphs, host=host)

    entry = doc.entry
    title = meta.get("title") or getattr(extracted, "title", None) or (entry and entry.title)
    published = (
        parse_date(meta.get("published"))
        or parse_date(getattr(extracted, "date", None))
        or (entry.published if entry else None)
    )
    site_name = meta.get("site_name")
    outlet = host if not site_name or "://" in site_name else site_name
    if title and outlet:
        title = re.sub(rf"\s+[|–—-]\s+{re.escape(outlet)}\s*$", "", title, flags=re.I)
    return _with_status(
        doc,
        "\n\n".join(paragraphs),
        title=title or None,
        outlet=outlet,
        canonical_url=meta.get("canonical") or doc.url,
        published=published,
        paywalled=meta.get("free") is False,
    )


@lru_cache(maxsize=2)
def load_prune_xpaths(path: Path = RULES_DIR / "prune.json") -> tuple[str, ...]:
    """XPath expressions of page blocks (sign-up boxes, dialogs, comments…) pruned before
    trafilatura reads the page; passed as its `prune_xpath` option."""
    return tuple(rule["xpath"] for rule in json.loads(path.read_text(encoding="utf-8"))["rules"])


def _page_metadata(html: str, lxml_html: Any) -> dict[str, Any]:
    """Title, site name, canonical URL, dates, description and JSON-LD facts from the head."""
    try:
        parser = lxml_html.HTMLParser(encoding="utf-8")
        tree = lxml_html.document_fromstring(html.encode("utf-8"), parser=parser)
    except (ValueError, TypeError) as exc:
        raise CleanError("HTML could not be parsed") from exc
    except Exception as exc:  # lxml.etree.ParserError and friends
        raise CleanError(f"HTML could not be parsed ({type(exc).__name__})") from exc
    meta: dict[str, Any] = {}

    def first(xpath: str) -> str | None:
        for value in tree.xpath(xpath):
            value = " ".join(str(value).split())
            if value:
                return value
        return None

    meta["site_name"] = first('//meta[@property="og:site_name"]/@content')
    meta["title"] = first('//meta[@property="og:title"]/@content') or first("//title/text()")
    meta["canonical"] = _absolute(
        first('//link[translate(@rel,"CANONICAL","canonical")="canonical"]/@href')
        or first('//meta[@property="og:url"]/@content')
    )
    meta["published"] = first(
        '//meta[@property="article:published_time"]/@content'
        ' | //meta[@name="article:published_time"]/@content'
        ' | //meta[@itemprop="datePublished"]/@content'
    )
    meta["description"] = first('//meta[@property="og:description"]/@content') or first(
        '//meta[@name="description"]/@content'
    )
    for article in _jsonld_articles(tree.xpath('//script[@type="application/ld+json"]/text()')):
        meta.setdefault("jsonld_title", article.get("headline"))
        if not meta["published"] and isinstance(article.get("datePublished"), str):
            meta["published"] = article["datePublished"]
        body = article.get("articleBody")
        if isinstance(body, str) and body.strip() and "articleBody" not in meta:
            meta["articleBody"] = body
        free = article.get("isAccessibleForFree")
        if free is not None:
            meta["free"] = str(free).strip().lower() not in {"false", "0", "no"}
        if not meta["site_name"]:
            publisher = article.get("publisher")
            if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
                meta["site_name"] = publisher["name"]
    if meta["title"] is None and isinstance(meta.get("jsonld_title"), str):
        meta["title"] = meta["jsonld_title"]
    if meta["description"]:
        meta["visible_paras"] = [
            " ".join(p.text_content().split()) for p in tree.xpath(_LEAD_PARAGRAPHS)[:60]
        ]
    return meta


# Paragraphs that may hold a lost lead; a teaser card's summary sits inside its link.
_LEAD_PARAGRAPHS = "//body//p[not(ancestor::a)]"


def _absolute(url: str | None) -> str | None:
    return url if url and url.startswith(("http://", "https://")) else None


_ARTICLE_TYPES = re.compile(r"(Article|BlogPosting|Report)$")


def _jsonld_articles(scripts: Iterable[str]) -> Iterable[dict[str, Any]]:
    """Yield JSON-LD objects typed as some kind of Article, flattening @graph and lists."""
    for script in scripts:
        try:
            data = json.loads(script)
        except (ValueError, RecursionError):
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                kinds = item.get("@type")
                kinds = kinds if isinstance(kinds, list) else [kinds]
                if any(isinstance(k, str) and _ARTICLE_TYPES.search(k) for k in kinds):
                    yield item
                if isinstance(item.get("@graph"), list):
                    stack.extend(reversed(item["@graph"]))


def _check_lead(
    paragraphs: list[str], description: str | None, visible: Iterable[str]
) -> list[str]:
    """Restore a lead paragraph trafilatura dropped, using og:description as the witness.

    Standfirsts often sit in the page header, outside the element trafilatura keeps.
    A body paragraph counts as the lost lead when the description (often truncated
    with "…") starts with it or it starts with the description, and the extracted text
    does not already contain it. A duplicated first paragraph is collapsed.
    """
    if len(paragraphs) >= 2 and paragraphs[0] == paragraphs[1]:
        paragraphs = paragraphs[1:]
    if not description or not paragraphs:
        return paragraphs
    desc = _norm(re.sub(r"\s*(\[(…|&hellip;|\.\.\.)\]|…|\.\.\.)\s*$", "", description))
    text = _norm(" ".join(paragraphs))
    if len(desc.split()) < 8 or desc[:80] in text:
        return paragraphs
    for para in visible:
        lead = _norm(para)
        if len(lead.split()) < 8 or lead[:80] in text:
            continue
        if desc.startswith(lead) or lead.startswith(desc):
            return [para, *paragraphs]
    return paragraphs


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _word_count(paragraphs: Iterable[str]) -> int:
    return sum(len(_WORD.findall(p)) for p in paragraphs)


# --------------------------------------------------------------------------- dates


def parse_date(value: Any) -> datetime | None:
    """Parse ISO 8601, RFC 2822 or YYYY-MM-DD into an aware datetime (UTC when unzoned).

    Returns None for anything unparseable, never raises.
    """
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    candidates = [value, value.replace("Z", "+00:00"), re.sub(r"(\.\d+)", "", value)]
    for candidate in candidates:
        try:
            parsed = datetime.fromisoformat(candidate)
        except ValueError:
            continue
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


# --------------------------------------------------------------------------- status


def _with_status(
    doc: Document,
    text: str,
    *,
    title: str | None,
    outlet: str | None,
    canonical_url: str | None,
    published: datetime | None,
    paywalled: bool = False,
) -> CleanArticle:
    words = len(_WORD.findall(text))
    language = detect_language(text)
    status, reason = "ok", None
    if not text:
        status, reason = "failed", "no article text found on the page"
    elif paywalled and words < PAYWALL_WORDS:
        status, reason = "paywalled", f"marked not free and only {words} words visible"
    elif words < THIN_WORDS:
        status, reason = "thin", f"only {words} words (an article has at least {THIN_WORDS})"
    elif language == "other":
        status, reason = "not-english", "text is not in English"
    return CleanArticle(
        source=doc.source,
        status=status,
        text=text,
        title=title,
        outlet=outlet,
        canonical_url=canonical_url,
        published=published,
        language=language,
        reason=reason,
    )


# --------------------------------------------------------------------------- tail trimmer


@lru_cache(maxsize=4)
def load_trim_rules(path: Path = RULES_DIR / "trim.json") -> dict[str, tuple[TrimRule, ...]]:
    """Load the trimming rules: key "" holds generic rules, other keys are site hosts."""
    data = json.loads(path.read_text(encoding="utf-8"))
    rules = {"": tuple(_rule(r) for r in data["generic"])}
    for host, site_rules in data.get("sites", {}).items():
        rules[host.lower()] = tuple(_rule(r) for r in site_rules)
    return rules


def _rule(spec: Mapping[str, Any]) -> TrimRule:
    flags = re.I if "i" in spec.get("flags", "") else 0
    return TrimRule(
        name=spec["name"],
        action=spec["action"],
        pattern=re.compile(spec["pattern"], flags),
        max_words=spec.get("max_words"),
        max_words_after=spec.get("max_words_after"),
        max_words_per_item=spec.get("max_words_per_item"),
    )


def rules_for(host: str | None) -> tuple[TrimRule, ...]:
    """Generic rules plus the rules of every site whose host is `host` or a parent of it."""
    table = load_trim_rules()
    rules = list(table[""])
    if host:
        host = host.lower().removeprefix("www.")
        for key, site_rules in table.items():
            if key and (host == key or host.endswith("." + key)):
                rules = list(site_rules) + rules
    return tuple(rules)


def trim_tail(paragraphs: list[str], *, host: str | None = None) -> list[str]:
    """Remove sign-offs, teaser blocks, inline teasers and trailing credit lines.

    >>> trim_tail(["The talks ended.", "Published in Dawn, July 15th, 2023", "Opinion"])
    ['The talks ended.']
    >>> trim_tail(["Leaders met.", "(Reporting by Jane Roe; Editing by John Doe)"])
    ['Leaders met.']
    """
    rules = rules_for(host)
    paras = paragraphs[: _cut_index(paragraphs, rules)]
    paras = [p for p in paras if not _drop_line(p, rules)]
    changed = True
    while paras and changed:
        changed = False
        last = _strip_credit_suffix(paras[-1])
        if last != paras[-1]:
            paras[-1], changed = last, True
        if not last or _is_separator(last) or any(_trailing_match(r, last) for r in rules):
            paras.pop()
            changed = True
    return paras


def _words(text: str) -> int:
    return len(text.split())


def _drop_line(paragraph: str, rules: Iterable[TrimRule]) -> bool:
    return any(
        r.action == "drop_line"
        and r.pattern.search(paragraph)
        and (r.max_words is None or _words(paragraph) <= r.max_words)
        for r in rules
    )


def _trailing_match(rule: TrimRule, paragraph: str) -> bool:
    return (
        rule.action == "drop_trailing"
        and (rule.max_words is None or _words(paragraph) <= rule.max_words)
        and rule.pattern.search(paragraph) is not None
    )


def _cut_index(paras: list[str], rules: Iterable[TrimRule]) -> int:
    """Index of the first paragraph (never the first one) where the article ends."""
    rules = tuple(rules)
    for i in range(1, len(paras)):
        para = paras[i]
        for rule in rules:
            if not rule.pattern.search(para):
                continue
            if rule.action == "cut":
                return i
            rest = paras[i + 1 :]
            if rule.action == "cut_near_end" and sum(map(_words, rest)) <= (
                rule.max_words_after or 0
            ):
                return i
            if rule.action == "teaser_heading" and all(
                _words(p) <= (rule.max_words_per_item or 35) for p in rest
            ):
                return i
    return len(paras)


_CREDIT_SUFFIX = re.compile(
    r"\s*\((Additional |Further )?(Reporting|Writing|Editing|Compiled|Research) by "
    r"[^()]{2,300}\)\s*$",
    re.I,
)


def _strip_credit_suffix(paragraph: str) -> str:
    """Drop a Reuters-style "(Reporting by …; Editing by …)" glued to the last paragraph."""
    return _CREDIT_SUFFIX.sub("", paragraph).strip()


def _is_separator(paragraph: str) -> bool:
    return bool(re.fullmatch(r"[_\-–—*=•·~ ]{3,}", paragraph))
