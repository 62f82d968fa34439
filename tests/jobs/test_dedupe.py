"""Canonical URLs, content hashes and near-duplicate wire copies."""

from __future__ import annotations

from jobs.dedupe import (
    NEAR_DUPLICATE_THRESHOLD,
    canonical_url,
    content_hash,
    fingerprint,
    is_near_duplicate,
    similarity,
)

STORY = """JAKARTA (AP) — Foreign ministers from Southeast Asia and their partners ended their
annual security forum on Friday with a call for restraint in the South China Sea, after two
days of talks that were overshadowed by the war in Ukraine and by North Korea's missile tests.
The host, Indonesia's foreign minister, said the forum had agreed to strengthen preventive
diplomacy and to keep channels open between rival powers. The United States secretary of
state said he had heard nothing from his Russian counterpart that suggested any change of
course, while China's top diplomat urged a rational and pragmatic attitude to relations.
Several delegations raised the crisis in Myanmar, where the military has ignored a peace plan
agreed two years ago. The ministers will meet again next year in Laos, which takes over the
chair of the bloc in January."""

OTHER = """JAKARTA — Southeast Asian foreign ministers held a forum on Friday at which the South
China Sea, Ukraine and North Korea were discussed. Protesters gathered outside the venue to
demand action on Myanmar, and police closed several roads near the conference centre for the
afternoon. Traders said the meetings had little effect on markets, which were focused on
interest rates, and hotel owners reported full bookings for the week. Officials from Laos,
the next chair, toured the venue to prepare for hosting the gathering next year, and local
newspapers published editorials urging the bloc to settle its disputes."""


def test_canonical_url_drops_tracking_fragment_port_and_trailing_slash():
    """Tracking params, fragments, default ports and trailing slashes go; the rest is sorted."""
    url = "HTTPS://News.Example.COM:443/world/asean-talks/?utm_source=rss&b=2&fbclid=x&a=1#c"
    assert canonical_url(url) == "https://news.example.com/world/asean-talks?a=1&b=2"
    assert canonical_url("http://example.com") == canonical_url("http://example.com/")
    assert canonical_url("http://example.com:8080/a?wt_mc=rss.x") == "http://example.com:8080/a"
    assert canonical_url("https://x.example/a?gclid=1&id=7") == "https://x.example/a?id=7"


def test_content_hash_is_stable_under_spacing_and_case():
    """The hash ignores case and whitespace differences and changes with the words."""
    assert content_hash("Talks  ended\n\non Friday.") == content_hash("talks ended on FRIDAY.")
    assert content_hash("Talks ended.") != content_hash("Talks resumed.")
    assert len(content_hash("x")) == 64


def test_syndicated_copy_is_a_near_duplicate():
    """The same wire story with another headline and credit line is one story."""
    copy = (
        "Asean forum urges restraint\n\n" + STORY + "\n\nReporting by Jane Roe; Editing by J. Doe"
    )
    assert similarity(fingerprint(STORY), fingerprint(copy)) >= NEAR_DUPLICATE_THRESHOLD
    assert is_near_duplicate(fingerprint(STORY), fingerprint(copy))


def test_different_story_on_same_topic_is_not_a_duplicate():
    """A different story about the same summit stays separate."""
    assert similarity(fingerprint(STORY), fingerprint(OTHER)) < 0.3
    assert not is_near_duplicate(fingerprint(STORY), fingerprint(OTHER))


def test_fingerprint_is_deterministic_and_handles_short_text():
    """Fingerprints are stable across calls and defined for tiny or empty texts."""
    assert fingerprint(STORY) == fingerprint(STORY)
    assert similarity(fingerprint("Talks end"), fingerprint("talks END")) == 1.0
    assert len(fingerprint("")) == len(fingerprint(STORY))
