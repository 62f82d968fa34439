"""clean_document: decoding, rejection reasons, main text, metadata and the tail trimmer."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from jobs.clean import (
    RULES_DIR,
    clean_document,
    decode_body,
    load_prune_xpaths,
    parse_date,
    trim_tail,
)
from jobs.model import Document, FeedEntry

NOW = datetime(2024, 3, 9, 8, 0, tzinfo=UTC)
EVAL_PAGES = Path(__file__).resolve().parents[3] / "shared" / "eval" / "pages"
PROSE = (
    "The ministers said on Friday that the talks had been useful and that they would "
    "meet again in the autumn to review the progress of the agreement. "
)


def doc(body: bytes, **kw) -> Document:
    return Document(source=kw.pop("source", "page"), body=body, fetched_at=NOW, **kw)


def test_dawn_style_sidebar_is_cut_with_sign_off(fixtures):
    """A "Published in <outlet>, <date>" sign-off ends the article; the sidebar after it goes."""
    body = (fixtures / "harbour-summit.html").read_bytes()
    article = clean_document(doc(body, url="https://courier.example/news/harbour-pact"))
    assert article.status == "ok"
    assert article.text.endswith("waiting at anchor outside crowded ports.")
    assert "Published in" not in article.text
    assert "Water rates" not in article.text
    assert "Fishing dispute" in article.text  # a real subheading survives


def test_html_metadata_is_read(fixtures):
    """Title, outlet, canonical URL, published time and language come from the page head."""
    body = (fixtures / "harbour-summit.html").read_bytes()
    article = clean_document(doc(body, url="https://courier.example/news/harbour-pact?x=1"))
    assert article.title == "Ministers agree on harbour pact at Valletta talks"
    assert article.outlet == "The Island Courier"
    assert article.canonical_url == "https://courier.example/news/harbour-pact"
    assert article.published == datetime.fromisoformat("2024-03-08T17:30:00+01:00")
    assert article.language == "en"
    assert not article.text.startswith("Ministers agree")  # headline is not body text


def test_wire_credit_lines_and_inline_teasers_are_cut(fixtures):
    """AP separator, "contributed" credits, copyright and "Read more:" lines are removed."""
    article = clean_document(doc((fixtures / "wire-story.txt").read_bytes(), source="w.txt"))
    assert article.status == "ok"
    assert article.title == "Leaders pledge grain corridor at Geneva meeting"
    assert article.text.startswith("GENEVA (AP)")
    assert article.text.endswith("The next meeting is planned for March in Bucharest.")
    assert "Read more" not in article.text
    assert "\n\n" in article.text


def test_reuters_credit_suffix_is_stripped(fixtures):
    """A "(Reporting by …; Editing by …)" glued to the last paragraph is removed."""
    article = clean_document(doc((fixtures / "reuters-style.txt").read_bytes(), source="r.txt"))
    assert article.text.endswith("still needed work.")
    assert article.title is None  # a long first sentence is not a title


def test_trimmer_keeps_real_sentences_mentioning_cues():
    """Sentences that merely mention credits or publishing are kept (precision first)."""
    paras = [
        "Leaders met in Rome on Monday.",
        "Japan contributed troops to the mission, the minister said.",
        "The communique was published in full by the host government on Tuesday.",
    ]
    assert trim_tail(paras) == paras


def test_trimmer_cuts_teaser_heading_block_only_when_items_are_short():
    """A "Related" heading followed by short teasers is cut; followed by prose it stays."""
    teasers = ["Talks end.", "Related", "Ministers meet in Jakarta", "Oil prices fall"]
    assert trim_tail(teasers) == ["Talks end."]
    long_para = ("Related " + PROSE * 3).strip()
    assert trim_tail(["Talks end.", "Related", long_para]) == ["Talks end.", "Related", long_para]


def test_latin1_bytes_served_as_utf8_decode_correctly():
    """Latin-1 bytes labelled UTF-8 decode as the intended letters, not U+FFFD."""
    body = "<p>Le président a déclaré à Genève</p>".encode("latin-1")
    text = decode_body(body, "text/html; charset=utf-8")
    assert "président a déclaré à Genève" in text
    assert "\ufffd" not in text


def test_meta_charset_and_bom_are_honoured():
    """A meta charset and a UTF-16 BOM decide the decoding."""
    html = '<meta charset="windows-1252"><p>caf\u00e9 \u2014 na\u00efve</p>'
    assert "café — naïve" in decode_body(html.encode("cp1252"))
    assert decode_body("Summit talks".encode("utf-16")) == "Summit talks"


def test_undeclared_latin1_falls_back_to_a_guess():
    """Undeclared non-UTF-8 bytes are decoded by guessing, without replacement characters."""
    body = ("Ministros discutem acordo em Brasília. Reunião de cúpula. " * 5).encode("latin-1")
    assert "Reunião de cúpula" in decode_body(body)


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"", "empty document"),
        (b"   \n\t ", "empty document"),
        (b"%PDF-1.7\n%\xe2\xe3", "binary content (a PDF file)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary content (a PNG image)"),
        (bytes(range(256)) * 4, "binary content"),
    ],
)
def test_empty_and_binary_inputs_fail_with_reason(body, reason):
    """Empty and binary inputs come back "failed" with a reason, never an exception."""
    article = clean_document(doc(body))
    assert article.status == "failed"
    assert article.reason.startswith(reason)


def test_huge_body_is_refused_without_parsing():
    """A body over the size cap fails with the limit in the reason."""
    article = clean_document(doc(b"<p>" + b"a" * 2048 + b"</p>"), max_bytes=1024)
    assert article.status == "failed"
    assert article.reason.startswith("body larger than")


def test_deeply_nested_html_does_not_crash():
    """Pathologically nested markup yields a status, not an exception."""
    body = b"<html><body>" + b"<div>" * 50_000 + b"<p>x</p>" + b"</div>" * 50_000
    article = clean_document(doc(body))
    assert article.status in {"failed", "thin"}


def test_short_page_is_thin_and_german_page_is_not_english():
    """Too few words is "thin"; German prose is "not-english"."""
    thin = clean_document(doc(b"<html><body><article><p>Talks end.</p></article></body></html>"))
    assert thin.status == "thin"
    german = "Die Ministerin sagte am Freitag, dass die Gespräche mit den Nachbarn gut waren. "
    page = f"<html><body><article><p>{german * 8}</p></article></body></html>".encode()
    assert clean_document(doc(page)).status == "not-english"


def test_jsonld_article_body_rescues_script_rendered_page():
    """When the HTML has no body text, JSON-LD articleBody is used; not free + thin is paywalled."""
    ld = {"@type": "NewsArticle", "headline": "Talks", "articleBody": PROSE * 6}
    page = (
        '<html><head><script type="application/ld+json">' + json.dumps(ld) + "</script></head>"
        '<body><div id="app"></div></body></html>'
    ).encode()
    article = clean_document(doc(page))
    assert article.status == "ok"
    assert article.text.startswith("The ministers said")
    ld = {"@type": "NewsArticle", "isAccessibleForFree": "False", "articleBody": PROSE * 2}
    page = page.replace(page[page.index(b"{") : page.index(b"</script>")], json.dumps(ld).encode())
    assert clean_document(doc(page)).status == "paywalled"


def test_feed_entry_date_used_when_page_has_none():
    """A page without dates takes the feed entry's published time; bad dates never crash."""
    entry = FeedEntry(link="https://x.example/a", published=datetime(2024, 3, 8, tzinfo=UTC))
    page = f"<html><body><article><p>{PROSE * 4}</p></article></body></html>".encode()
    assert clean_document(doc(page, entry=entry)).published == entry.published
    assert parse_date("31 Febtember 20x4") is None
    assert parse_date("2024-03-08") == datetime(2024, 3, 8, tzinfo=UTC)


def test_dawn_reference_ends_at_last_paragraph():
    """The Dawn reference text ends at its last real paragraph, sign-off removed."""
    seed = Path(__file__).resolve().parents[3] / "shared" / "seed" / "dawn-arf-2023.txt"
    if not seed.exists():
        pytest.skip("shared seed not available")
    article = clean_document(doc(seed.read_bytes(), source=str(seed)))
    last = article.text.split("\n\n")[-1]
    assert last.startswith("US-China sparring marred last year")
    assert last.endswith("enraging Beijing.")


@pytest.mark.skipif(not (EVAL_PAGES / "index.jsonl").exists(), reason="eval pages not present")
def test_eval_pages_all_get_a_status():
    """Every shared evaluation page cleans without an exception and most are "ok"."""
    records = [json.loads(x) for x in (EVAL_PAGES / "index.jsonl").read_text().splitlines() if x]
    statuses = [
        clean_document(doc((EVAL_PAGES / r["id"] / "page.html").read_bytes(), url=r["url"])).status
        for r in records
    ]
    assert not {"failed", "thin"} & set(statuses)  # a paywalled teaser is a valid outcome
    assert statuses.count("ok") + statuses.count("not-english") >= 0.9 * len(records)


def test_print_sign_off_gives_outlet_and_date_to_plain_text():
    """A plain-text article's "Published in <outlet>, <date>" line names its outlet and date."""
    from datetime import UTC, datetime

    from jobs.clean import clean_document
    from jobs.model import Document

    body = (
        "PORT LOUIS: The ministers met for a second day of talks on fishing rights on Tuesday, "
        "and the chair said the sessions had been long but useful for every delegation.\n\n"
        "Published in Island Times, March 4th, 2024\n\nOpinion\n\nWhy the reef matters"
    )
    article = clean_document(
        Document(
            source="story.txt",
            body=body.encode(),
            fetched_at=datetime.now(UTC),
            content_type="text/plain",
        )
    )
    assert (article.outlet, article.published) == ("Island Times", datetime(2024, 3, 4, tzinfo=UTC))
    assert "Opinion" not in article.text and "Published in" not in article.text


# --------------------------------------------------------------------------- boilerplate rules


def test_page_blocks_are_pruned_before_extraction(fixtures):
    """Sign-up boxes, dialogs, comment calls, hover cards, live updates and bold plugs go."""
    body = (fixtures / "reef-talks-boilerplate.html").read_bytes()
    article = clean_document(doc(body, url="https://courier.example/news/reef-talks"))
    assert article.status == "ok"
    assert article.text.endswith("review the first year of catches.")
    leaks = ("Tide newsletter", "inbox", "commenting", "Premium", "headlines", "Unions", "six-part")
    assert [leak for leak in leaks if leak in article.text] == []


def test_page_pruning_keeps_look_alike_article_text(fixtures):
    """Body sentences about newsletters or comments and a bold subheading are kept."""
    body = (fixtures / "reef-talks-boilerplate.html").read_bytes()
    text = clean_document(doc(body, url="https://courier.example/news/reef-talks")).text
    assert "\n\nFishing dispute\n\n" in text
    assert "send comments to the ministry" in text
    assert text.count("A newsletter from the ministry") == 1
    assert "Foreign Minister Ana Reyes, said" in text


def test_every_prune_rule_matches_its_example():
    """Each rule in prune.json removes the block given as its example."""
    from lxml import html as lxml_html

    rules = json.loads((RULES_DIR / "prune.json").read_text(encoding="utf-8"))["rules"]
    assert len(rules) == len(load_prune_xpaths())
    for rule in rules:
        tree = lxml_html.document_fromstring(f"<html><body>{rule['example']}</body></html>")
        assert tree.xpath(rule["xpath"]), rule["name"]


@pytest.mark.parametrize(
    "html",
    [
        # a story container with long paragraphs and an inline sign-up form is not a sign-up box
        "<div><p>" + PROSE * 3 + "</p><p>" + PROSE + "</p><form><input type='email'></form></div>",
        '<div class="modal-enabled article"><p>Talks end.</p></div>',  # not a dialog
        '<div class="author-name">Mara Lind</div>',  # a byline, not a biography box
        "<p>One.</p><p>Two.</p><p>Three.</p><p>The vote is <strong>on Monday</strong>.</p>",
        "<p><strong>Fishing dispute</strong></p><p>One.</p><p>Two.</p><p>Three.</p>",
    ],
)
def test_prune_rules_leave_look_alike_blocks(html):
    """Blocks that merely resemble boilerplate match no prune rule."""
    from lxml import html as lxml_html

    tree = lxml_html.document_fromstring(f"<html><body>{html}</body></html>")
    matched = [x for x in load_prune_xpaths() if tree.xpath(x)]
    assert matched == []


@pytest.mark.parametrize(
    ("boilerplate", "look_alike"),
    [
        (
            "Follow The Island Courier on Facebook, Twitter (@courier) and Instagram.",
            "Follow-up talks on the quota will be shown on YouTube, officials said.",
        ),
        (
            "Letters are welcome. We'd like to hear what you think: letters@courier.example.",
            "“We would like to hear what the fishermen think first,” the minister said.",
        ),
        (
            "Listen to Island Radio live at 07:00 weekdays - or listen back here.",
            "Listen to the islanders, the mayor said, before the talks go live on Monday.",
        ),
        (
            "Our Standards: The Courier Trust Principles.",
            "Our standards of living have fallen, the union leader said.",
        ),
        (
            "Get Courier Plus, our subscription service, for as little as $1 a week.",
            "Fishermen can now buy a licence for as little as $40, the ministry said.",
        ),
        ("SOURCE: Island Courier and news agencies", "Source of the dispute is a 1998 quota."),
        ("12 comments", "Comments by the minister angered the union."),
        (
            "Join thought-provoking conversations with other readers",
            "Join the talks, the minister urged the union on Friday.",
        ),
    ],
)
def test_trailing_boilerplate_goes_and_look_alikes_stay(boilerplate, look_alike):
    """A closing social, feedback, broadcast, standards, offer, source or comments line goes."""
    assert trim_tail(["Talks end.", boilerplate]) == ["Talks end."]
    assert trim_tail(["Talks end.", look_alike]) == ["Talks end.", look_alike]


@pytest.mark.parametrize(
    ("teaser", "look_alike"),
    [
        ("Most read in world news", "Most read the report as a warning, he said."),
        ("DON'T MISS", "Don't miss the point, the minister told reporters."),
        ("More:", "More than 40 boats were stranded."),
        ("Harbour pilots warn of delays as fog returns [LATEST]", "He said it was “final [sic]”."),
        ("Related video: Ministers meet in Jakarta", "Related talks will be held in Oslo."),
        ("Also on courier.example Ministers meet in Jakarta", "Also on Tuesday, ministers met."),
    ],
)
def test_inline_teasers_go_anywhere_and_look_alikes_stay(teaser, look_alike):
    """Teaser labels and tagged teaser headlines inside the body are dropped; prose stays."""
    body = ["Talks end.", PROSE.strip()]
    assert trim_tail([body[0], teaser, body[1]]) == body
    assert trim_tail([body[0], look_alike, body[1]]) == [body[0], look_alike, body[1]]


def test_teaser_heading_cuts_before_its_label_is_dropped():
    """A closing "Don't miss" list is cut whole, though the label alone is an inline teaser."""
    assert trim_tail(["Talks end.", "Don't miss", "Ministers meet", "Oil falls"]) == ["Talks end."]


def test_lead_is_not_duplicated_or_taken_from_a_teaser_card():
    """A description already in the body, or matching a linked teaser, adds no lead paragraph."""
    later = "The chair said the quota would be cut by a fifth over three years from next spring."
    page = (
        f'<html><head><meta property="og:description" content="{later}"></head><body>'
        f"<article><p>{PROSE}</p><p>{PROSE}</p><p>{later}</p></article>"
        f'<a href="/other"><p>{later} More here.</p></a></body></html>'
    ).encode()
    text = clean_document(doc(page)).text
    assert text.count("The chair said the quota") == 1
    assert text.startswith("The ministers said")


def test_an_article_longer_than_the_word_cap_is_too_long_and_cut():
    """Past MAX_ARTICLE_WORDS an article is "too-long" (not extracted), its first words kept."""
    sentence = "The ministers met at the lakeside and talked about the river until late. "
    body = ("Lakeside talks\n\n" + sentence * 40).encode()
    article = clean_document(doc(body, content_type="text/plain"), max_words=200)
    assert article.status == "too-long" and "MAX_ARTICLE_WORDS" in article.reason
    assert 190 <= len(article.text.split()) <= 200
    assert clean_document(doc(body, content_type="text/plain"), max_words=1000).status == "ok"
