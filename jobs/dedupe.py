"""Recognise the same article twice: canonical URLs, exact content hashes, near-duplicates.

Three levels, cheapest first:

* `canonical_url` — one spelling per address (tracking parameters, fragments, default
  ports and trailing slashes removed), so a re-run or a feed with `?utm_source=` links
  finds the article it already stored.
* `content_hash` — sha256 of the normalised text (NFKC, case-folded, whitespace
  collapsed): the same text served under two URLs.
* `registrable_domain` / `same_site` — which site an address belongs to, so a page may file
  itself under a canonical URL of its own site but never under another site's.
* `fingerprint` / `similarity` — MinHash over word 5-shingles for syndicated wire copy:
  the same AP story on five sites with a different headline, a local credit line or a
  trimmed last paragraph. Two fingerprints estimate the Jaccard similarity of the two
  texts' shingle sets; at or above `NEAR_DUPLICATE_THRESHOLD` (0.8) they are one story.

Why 0.8: a wire copy that differs by a credit line or a one-paragraph local addition
keeps well above 0.9 of its 5-shingles, while two different stories about the same
summit share names and stock phrases but almost no five-word runs (typically < 0.1).
0.8 leaves room for small edits and the estimator's error (standard error at most
0.0625 with 64 hashes) without merging different stories. Copies cut to half their
length fall below it and stay separate stories — a deliberate precision-first choice.
"""

from __future__ import annotations

import hashlib
import random
import re
import unicodedata
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from jobs.addresses import literal_address

NUM_HASHES = 64
SHINGLE_WORDS = 5
NEAR_DUPLICATE_THRESHOLD = 0.8

# Query parameters that identify a campaign or a click, never the content.
_TRACKING = """fbclid gclid dclid gbraid wbraid msclkid yclid twclid igshid mc_cid mc_eid _ga
_gl wt_mc wt.mc_id wt_zmc ocid cmpid smid sref ncid ito cid_source s_cid at_medium at_campaign
ns_mchannel ns_source ns_campaign ns_linkname spm xtor share_source"""
TRACKING_PARAMS = frozenset(_TRACKING.split())
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "__twitter_", "hsa_", "oly_")
DEFAULT_PORTS = {"http": 80, "https": 443}

_WORD = re.compile(r"\w+", re.UNICODE)
_MERSENNE = (1 << 61) - 1
_rng = random.Random(20240301)  # fixed seed: fingerprints must be stable across runs
_PARAMS = tuple(
    (_rng.randrange(1, _MERSENNE), _rng.randrange(0, _MERSENNE)) for _ in range(NUM_HASHES)
)


def canonical_url(url: str) -> str:
    """One spelling per address.

    >>> canonical_url("HTTPS://Example.COM:443/news/story/?utm_source=x&b=2&a=1#top")
    'https://example.com/news/story?a=1&b=2'
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    port = parts.port if parts.port and parts.port != DEFAULT_PORTS.get(scheme) else None
    netloc = host if port is None else f"{host}:{port}"
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    path = parts.path or "/"
    if len(path) > 1:
        path = path.rstrip("/") or "/"
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if not _is_tracking(key)
    ]
    return urlunsplit((scheme, netloc, path, urlencode(sorted(query)), ""))


def registrable_domain(url: str) -> str | None:
    """The part of an address's host that one owner registered, per the Public Suffix List.

    Hosts of one registrable domain belong to one site ("edition.cnn.com" and "www.cnn.com"
    are both "cnn.com"); private suffixes count too, so two github.io pages are two sites.
    The list is the copy bundled with the `tld` package (no network); for a name the list
    does not know (".example", ".test", an intranet name) its default rule applies: the last
    two labels. An IP address is its own domain; "localhost" is "localhost". Hosts are
    compared lower-cased and IDNA-encoded ("münchen.de" is "xn--mnchen-3ya.de"). None when
    `url` has no host (a file path, a non-URL).

    >>> registrable_domain("https://www.bbc.co.uk/news")
    'bbc.co.uk'
    """
    host = _host(url)
    if host is None:
        return None
    if literal_address(host) is not None or "." not in host:
        return host
    return _psl_domain(host) or ".".join(host.split(".")[-2:])


def same_site(a: str, b: str) -> bool:
    """True when both addresses have a host and the hosts share their registrable domain."""
    domain = registrable_domain(a)
    return domain is not None and domain == registrable_domain(b)


def _host(url: str) -> str | None:
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    host = (host or "").rstrip(".")
    if not host:
        return None
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return host


@lru_cache(maxsize=4096)
def _psl_domain(host: str) -> str | None:
    from tld import get_fld  # bundled Public Suffix List; parsed once, on first use

    try:
        return get_fld(host, fix_protocol=True, fail_silently=True, search_private=True)
    except Exception:  # the library's own parse errors on odd names: use the default rule
        return None


def _is_tracking(key: str) -> bool:
    key = key.lower()
    return key in TRACKING_PARAMS or key.startswith(TRACKING_PREFIXES)


def normalise_text(text: str) -> str:
    """NFKC, case-folded, whitespace collapsed: the form hashes and shingles are made from."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def content_hash(text: str) -> str:
    """sha256 hex digest of the normalised text: equal for texts differing only in spacing/case."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


def fingerprint(text: str) -> tuple[int, ...]:
    """MinHash signature (NUM_HASHES values) of the text's word 5-shingles.

    Texts shorter than five words use their whole word sequence as one shingle; an
    empty text gets an all-max signature that matches nothing but another empty text.
    """
    words = _WORD.findall(normalise_text(text))
    if not words:
        return (_MERSENNE,) * NUM_HASHES
    n = min(SHINGLE_WORDS, len(words))
    shingles = {
        int.from_bytes(
            hashlib.blake2b(" ".join(words[i : i + n]).encode(), digest_size=8).digest(), "big"
        )
        for i in range(len(words) - n + 1)
    }
    return tuple(min((a * x + b) % _MERSENNE for x in shingles) for a, b in _PARAMS)


def similarity(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Estimated Jaccard similarity of two fingerprints (share of equal positions)."""
    if not a or len(a) != len(b):
        return 0.0
    return sum(x == y for x, y in zip(a, b, strict=True)) / len(a)


def is_near_duplicate(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    """True when two fingerprints are the same story (similarity ≥ the threshold)."""
    return similarity(a, b) >= NEAR_DUPLICATE_THRESHOLD
