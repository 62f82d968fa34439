"""The dispute map's picture and alt text, drawn from a hand-built graph (no database)."""

from __future__ import annotations

import io

from PIL import Image

from bot.dispute_map import (
    ALT_TEXT_LIMIT,
    MAX_PARTIES,
    NODE_COLOUR,
    alt_text,
    render_map,
    rung_colour,
    shown_graph,
)
from storage.dispute_map import DisputeEdge, DisputeGraph, Party

GRAPH = DisputeGraph(
    edges=(
        DisputeEdge("Volodymyr Zelensky", "Vladimir Putin", "threatened", 6, 5, 2),
        DisputeEdge("Sergei Lavrov", "Antony Blinken", "rejected", 3, 3, 1),
        DisputeEdge("Antony Blinken", "Sergei Lavrov", "accused", 2, 2, 1),
    ),
    parties=(
        Party("Sergei Lavrov", 12),
        Party("Antony Blinken", 9),
        Party("Volodymyr Zelensky", 7),
        Party("Vladimir Putin", 0),
    ),
)


def decode(png: bytes) -> Image.Image:
    return Image.open(io.BytesIO(png)).convert("RGB")


def colour_count(image: Image.Image, hex_colour: str) -> int:
    wanted = tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return sum(n for n, rgb in image.getcolors(maxcolors=1 << 22) if rgb == wanted)


def test_the_map_is_a_png_for_slacks_preview_with_parties_and_coloured_disputes() -> None:
    """A 1200 × 900 PNG, far from blank: the parties' circles are drawn, and so is every
    rung's colour (edges and legend)."""
    image = decode(render_map(GRAPH, title="Who disputes whom · test", subtitle="3 disputes"))
    assert image.size == (1200, 900)
    assert len(image.getcolors(maxcolors=1 << 22)) > 50
    assert colour_count(image, NODE_COLOUR) > 2000
    assert all(colour_count(image, rung_colour(rung)) > 50 for rung in (2, 3, 6))


def test_an_empty_map_draws_no_parties() -> None:
    """With no disputes the picture has its title and legend but no circles."""
    image = decode(render_map(DisputeGraph((), ()), title="Nothing", subtitle=""))
    assert image.size == (1200, 900) and colour_count(image, NODE_COLOUR) == 0


def test_alt_text_lists_every_edge_strongest_first() -> None:
    """The alt text names each dispute as "actor → target: cue (N outlets)"."""
    assert alt_text(GRAPH, title="15 Jul 2023") == (
        "Dispute map, 15 Jul 2023: Volodymyr Zelensky → Vladimir Putin: threatened (5 outlets); "
        "Sergei Lavrov → Antony Blinken: rejected (3 outlets); "
        "Antony Blinken → Sergei Lavrov: accused (2 outlets)."
    )


def test_a_long_alt_text_stops_at_slacks_limit_and_counts_the_rest() -> None:
    """Past Slack's 2,000 characters the alt text ends at an edge with "… and N more."."""
    edges = tuple(
        DisputeEdge(f"Speaker Number{i}", f"Target Number{i}", "rejected", 3, 1, 1)
        for i in range(200)
    )
    text = alt_text(DisputeGraph(edges, ()), title="a big day")
    assert len(text) <= ALT_TEXT_LIMIT
    kept = text.count("→")
    assert text.endswith(f"… and {200 - kept} more.") and 0 < kept < 200


def test_a_crowded_map_draws_the_most_reported_parties() -> None:
    """More parties than fit: the ones in the most reported disputes are drawn, and only the
    disputes among them."""
    edges = tuple(
        DisputeEdge(f"Actor {i}", f"Target {i}", "rejected", 3, 1 + (i % 3 == 0) * 5, 1)
        for i in range(40)
    )
    shown = shown_graph(DisputeGraph(edges, tuple(Party(f"Actor {i}", 1) for i in range(40))))
    names = {n for e in shown.edges for n in (e.actor, e.target)}
    assert len(names) <= MAX_PARTIES and len(shown.edges) >= 10
    assert all(e.outlets == 6 for e in shown.edges)  # the 14 most reported, as far as they fit


def test_the_same_map_is_drawn_once_per_process_however_many_channels_post_it() -> None:
    """Many digests at one minute share their map: a second render of the same disputes and
    title is the first drawing, not a new one; another title is drawn anew."""
    first = render_map(GRAPH, title="Who disputes whom · once", subtitle="3 disputes")
    assert render_map(GRAPH, title="Who disputes whom · once", subtitle="3 disputes") is first
    other = render_map(GRAPH, title="Who disputes whom · another day", subtitle="3 disputes")
    assert other is not first and other != first
