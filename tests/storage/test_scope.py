"""Who may see what: channel content stays in the workspaces whose channels carry its feed."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlmodel import Session

from extract.model import Statement
from storage.articles import ArticleRecord, note_source, store_article
from storage.brief import Reading, brief_rows
from storage.models import Article
from storage.scope import EVERYTHING, Scope
from tests.grouped import store_grouped

NOW = datetime(2026, 6, 9, 12, tzinfo=UTC)
FEED_B = "https://private-b.example/feed"
TEXT = "Ada Brook said the border talks had failed."
SAID = Statement("Ada Brook", "the border talks had failed", "said", "indirect", 14, 41)


def record(text: str = TEXT, **extra) -> ArticleRecord:
    url = "https://news.example/talks"
    return ArticleRecord(url, url, str(hash(text)), "ok", text, title="Talks", **extra)


def store(engine, article: ArticleRecord) -> str:
    with Session(engine) as session:
        result = store_article(
            session=session, article=article, statements=[SAID], extractor_version="t", now=NOW
        )
        session.commit()
        return result.outcome


def seen(engine, scope: Scope) -> list[str]:
    with Session(engine) as session:
        quotes, _ = brief_rows(session=session, reading=Reading(None, NOW, scope))
    return [q.content for q in quotes]


def test_channel_content_is_seen_only_through_its_feed(engine):
    """B's feed brought it: B (and the operator's CLI) see it; A does not."""
    store(engine, record(origin="channel", feed_url=FEED_B))
    assert seen(engine, Scope(feeds=(FEED_B,))) == ["the border talks had failed"]
    assert seen(engine, EVERYTHING) == ["the border talks had failed"]
    assert seen(engine, Scope(feeds=())) == []


def test_the_operators_sources_make_a_channel_article_everyones(engine):
    """When an operator feed carries the same article later, every workspace sees it."""
    store(engine, record(origin="channel", feed_url=FEED_B))
    with Session(engine) as session:
        note_source(
            session=session,
            canonical_url="https://news.example/talks",
            origin="operator",
            feed_url=None,
        )
        session.commit()
    assert seen(engine, Scope(feeds=())) == ["the border talks had failed"]


def test_channel_content_never_overwrites_an_operator_article(engine):
    """A channel feed's different text at the same address leaves the stored article as it was."""
    store(engine, record())
    outcome = store(engine, record("Forged text.", origin="channel", feed_url=FEED_B))
    assert outcome == "unchanged"
    with Session(engine) as session:
        (article,) = session.exec(select(Article)).scalars().all()
        assert (article.text, article.origin) == (TEXT, "operator")


def test_a_feed_address_with_commas_is_stored_and_read_as_one_feed(engine):
    """Feed lists are stored as data, not split on punctuation: a URL with commas stays one
    feed, and lists written before (comma or line separated) still read."""
    from storage.reads import subscribed_feeds, subscription_for_channel
    from storage.scope import feed_list
    from storage.subscriptions import subscribe_channel, update_subscription

    feeds = ["https://news.example/rss?tags=asean,g20,nato", "https://wire.example/atom.xml"]
    with Session(engine) as session:
        subscribe_channel(
            session=session, team_id="T1", channel_id="C1", digest_time="07:30", timezone="UTC"
        )
        update_subscription(session=session, team_id="T1", channel_id="C1", feeds=feeds)
        session.commit()
        stored = subscription_for_channel(session=session, team_id="T1", channel_id="C1")
        assert list(stored.feeds) == feeds
        assert subscribed_feeds(session=session) == feeds
    assert feed_list("https://a.example/rss,https://b.example/rss") == (
        "https://a.example/rss",
        "https://b.example/rss",
    )
    assert feed_list("https://a.example/rss\nhttps://b.example/rss") == (
        "https://a.example/rss",
        "https://b.example/rss",
    )


def test_a_statement_only_bs_feed_reported_before_is_news_for_a(engine):
    """B's private feed carried Brook's line two days ago, an operator article carries it in
    the window: the same cluster, but for A (who never saw B's report) it is news, neither
    marked "reported before" nor ranked down; for B it was reported before."""
    from datetime import timedelta

    from jobs.brief import read_brief
    from storage.brief import window_statements

    earlier = NOW - timedelta(days=2)
    for url, when, origin in (
        ("https://private-b.example/talks", earlier, {"origin": "channel", "feed_url": FEED_B}),
        ("https://wire.example/talks", NOW, {}),
    ):
        article = ArticleRecord(url, url, url, "ok", TEXT, title="Talks", published=when, **origin)
        store_grouped(engine, article, [SAID])
    since = NOW - timedelta(hours=1)
    with Session(engine) as session:
        for scope, repeated in ((Scope(feeds=()), False), (Scope(feeds=(FEED_B,)), True)):
            reading = Reading(since, NOW + timedelta(hours=1), scope)
            assert window_statements(session=session, reading=reading).repeated == [int(repeated)]
            brief = read_brief(session=session, reading=reading)
            [item] = [s for m in brief.summits for story in m.stories for s in story.statements]
            assert item.repeated is repeated
