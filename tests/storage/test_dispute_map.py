"""The dispute map's reading: parties, edges and sizes from stored disputes and statements."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session, select

from storage.brief import Reading
from storage.dispute_map import (
    DisputeEdge,
    MapDispute,
    build_graph,
    dispute_graph,
    party_names,
    summit_named,
)
from storage.keywords import parse_filter
from storage.models import Article, Story
from tests.dispute_data import FOUND, Found, store_coverage

DAY = Reading(since=FOUND - timedelta(hours=1), until=FOUND + timedelta(hours=1))


def graph_of(engine, **kwargs):
    with Session(engine) as session:
        return dispute_graph(session=session, reading=DAY, min_confidence=0.5, **kwargs)


def test_a_surname_is_the_one_full_name_it_ends_or_starts() -> None:
    """ "Lavrov" is Sergei Lavrov when he is the only Lavrov on the map; "Wang" with two
    Wangs, and a name nobody longer has, stay as they are."""
    names = party_names(["Sergei Lavrov", "Lavrov", "Wang Yi", "Wang Wenbin", "Wang", "NATO"])
    assert names["Lavrov"] == "Sergei Lavrov"
    assert names["Wang"] == "Wang"
    assert names["NATO"] == "NATO"


def test_one_edge_per_actor_and_target_with_its_strongest_rung_and_outlets() -> None:
    """Disputes of one actor with one target are one edge: the strongest rung and its cue,
    the distinct outlets, the distinct cue classes; a party disputing itself is dropped."""
    rows = [
        MapDispute("Sergei Lavrov", "Antony Blinken", "criticised", "criticise", 1, "dawn"),
        MapDispute("Lavrov", "Blinken", "warned", "warn", 5, "reuters"),
        MapDispute("Sergei Lavrov", "Antony Blinken", "Warned", "warn", 5, "ap"),
        MapDispute("Sergei Lavrov", "Antony Blinken", "rejected", "reject", 3, "reuters"),
        MapDispute("Sergei Lavrov", "Lavrov", "denied", "deny", 2, "ap"),
    ]
    graph = build_graph(rows, said={"Sergei Lavrov": 3})
    assert graph.edges == (DisputeEdge("Sergei Lavrov", "Antony Blinken", "warned", 5, 3, 3),)
    assert [(p.name, p.statements) for p in graph.parties] == [
        ("Sergei Lavrov", 3),
        ("Antony Blinken", 0),
    ]
    assert graph.disputes == 3


def test_the_days_disputes_become_a_graph_of_named_parties(engine) -> None:
    """Stored disputes between named parties in the reading become edges (outlets counted,
    "Lavrov" joined to Sergei Lavrov), parties sized by their statements; an unnamed actor,
    a dispute without a target, an unsure one and one outside the window are left out."""
    store_coverage(engine)
    left_out = (
        (Found("the ministry", "Antony Blinken", actor_type="unnamed"), ("AP",)),
        (Found("Sergei Lavrov", None), ("AP",)),
        (Found("Wang Yi", "Josep Borrell", confidence=0.2), ("AP",)),
    )
    store_coverage(engine, left_out, speakers={}, prefix="noise")
    late = ((Found("Wang Yi", "Sergei Lavrov"), ("AP",)),)
    store_coverage(engine, late, speakers={}, found=FOUND + timedelta(days=1), prefix="late")

    graph = graph_of(engine)

    assert [(e.actor, e.target, e.cue, e.escalation, e.outlets) for e in graph.edges] == [
        ("Wang Yi", "Antony Blinken", "warned", 5, 1),
        ("Sergei Lavrov", "Antony Blinken", "rejected", 3, 3),
        ("Antony Blinken", "Sergei Lavrov", "accused", 2, 2),
        ("Josep Borrell", "Sergei Lavrov", "criticised", 1, 1),
    ]
    assert {p.name: p.statements for p in graph.parties} == {
        "Sergei Lavrov": 6,
        "Antony Blinken": 4,
        "Wang Yi": 2,
        "Josep Borrell": 1,
    }
    assert graph.disputes == 4


def test_keywords_and_a_summit_narrow_the_map(engine) -> None:
    """Keywords keep the disputes that mention them; a summit keeps its stories' disputes, and
    `summit_named` finds a summit from a word of its name."""
    store_coverage(engine)
    assert [e.actor for e in graph_of(engine, keywords=parse_filter("Taiwan")).edges] == ["Wang Yi"]
    with Session(engine) as session:
        story = Story(title="Talks in Jakarta", summit="ASEAN Regional Forum, Jakarta")
        session.add(story)
        session.flush()
        for article in session.exec(select(Article).where(Article.canonical_url.contains("day-3"))):
            article.story_id = story.id
            session.add(article)
        session.commit()
        found = summit_named(session=session, text="asean")
        assert summit_named(session=session, text="G20") is None
    assert found == "ASEAN Regional Forum, Jakarta"
    graph = graph_of(engine, summit=found)
    assert [(e.actor, e.target) for e in graph.edges] == [("Josep Borrell", "Sergei Lavrov")]


def test_a_summit_only_another_workspaces_feed_named_is_not_found(engine) -> None:
    """A story labelled from B's channel feed ('the Zanzibar summit'), alone or with an
    operator article beside it: `/disputes map Zanzibar` in A finds no such summit (its label
    may be B's words); B, which sees every article of the story, finds it."""
    from storage.articles import ArticleRecord, store_article
    from storage.scope import EVERYTHING, Scope

    feed = "https://private-b.example/feed"
    with Session(engine) as session:
        story = Story(title="Talks in Stone Town", summit="Zanzibar summit, Stone Town")
        session.add(story)
        session.flush()
        for url, origin in (
            ("https://private-b.example/z", {"origin": "channel", "feed_url": feed}),
            ("https://wire.example/z", {}),
        ):
            stored = store_article(
                session=session,
                article=ArticleRecord(url, url, url, "ok", "Talks.", title="Talks", **origin),
                extractor_version="t",
            )
            session.get(Article, stored.article_id).story_id = story.id
            session.flush()
            scopes = {"A": Scope(feeds=()), "B": Scope(feeds=(feed,)), "all": EVERYTHING}
            found = {
                name: summit_named(session=session, text="zanzibar", scope=scope)
                for name, scope in scopes.items()
            }
            assert found == {
                "A": None,
                "B": "Zanzibar summit, Stone Town",
                "all": "Zanzibar summit, Stone Town",
            }
