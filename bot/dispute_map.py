"""The dispute map as a picture: who disputes whom, drawn as a PNG for Slack.

Parties are circles sized by how much they said; each dispute is an arrow from the actor to
the target, coloured by its rung on the escalation ladder (`storage.views.RUNGS`: criticism
pale, threat dark red) and as thick as the number of outlets that reported it. The legend
gives the ladder. The image is 1200 × 900 pixels with large type, so it reads in Slack's
preview (about 360 pixels high) and sharp when opened.

Pure: a `DisputeGraph` in, PNG bytes out. matplotlib (its Agg backend, no display, no
pyplot state shared between threads) and networkx are imported on first use: they take about
a second, which the command listeners must never spend.
"""

from __future__ import annotations

import io
import math
from functools import lru_cache

from storage.dispute_map import DisputeEdge, DisputeGraph
from storage.views import RUNGS, rung_name

WIDTH, HEIGHT, DPI = 8.0, 6.0, 150  # inches at DPI: 1200 × 900 pixels
MAX_PARTIES = 24  # more circles than this do not read at preview size
ALT_TEXT_LIMIT = 2000  # Slack's image block alt_text
# One colour per rung, pale to dark (matplotlib's YlOrRd, colour-blind safe in order).
RUNG_COLOURS = ("#bdbdbd", "#fed976", "#feb24c", "#fd8d3c", "#f03b20", "#bd0026", "#67000d")
NODE_COLOUR = "#c9d8ec"
NODE_EDGE = "#4a6fa5"


def rung_colour(escalation: int) -> str:
    """The colour of a rung (1 criticism … 6 threat); grey for one the ladder lacks."""
    return RUNG_COLOURS[escalation] if 0 < escalation < len(RUNG_COLOURS) else RUNG_COLOURS[0]


def shown_graph(graph: DisputeGraph, *, max_parties: int = MAX_PARTIES) -> DisputeGraph:
    """The part of the map that fits: the parties in the most reported disputes, and the
    disputes among them."""
    weight: dict[str, int] = {}
    for edge in graph.edges:
        for name in (edge.actor, edge.target):
            weight[name] = weight.get(name, 0) + edge.outlets * 10 + edge.escalation
    keep = set(sorted(weight, key=lambda n: (-weight[n], n))[:max_parties])
    edges = tuple(e for e in graph.edges if e.actor in keep and e.target in keep)
    on_map = {n for e in edges for n in (e.actor, e.target)}
    return DisputeGraph(edges=edges, parties=tuple(p for p in graph.parties if p.name in on_map))


def edge_line(edge: DisputeEdge, *, arrow: str = "→") -> str:
    """One edge in words: "Sergei Lavrov → Antony Blinken: rejected (3 outlets)"."""
    outlets = f"{edge.outlets} outlet{'s' if edge.outlets != 1 else ''}"
    return f"{edge.actor} {arrow} {edge.target}: {edge.cue} ({outlets})"


def alt_text(graph: DisputeGraph, *, title: str, limit: int = ALT_TEXT_LIMIT) -> str:
    """What the picture shows, for screen readers: the title, then every edge, strongest
    first ("Lavrov → Blinken: rejected (3 outlets); …"), cut to `limit` characters at an
    edge, with a count of the edges left out."""
    head = f"Dispute map, {title}: "
    lines = [edge_line(edge) for edge in graph.edges]
    whole = head + "; ".join(lines) + "."
    if len(whole) <= limit:
        return whole
    used, kept = len(head), 0
    for line in lines:
        more = f"… and {len(lines) - kept - 1} more."
        if used + len(line) + 2 + len(more) > limit:
            break
        used += len(line) + 2
        kept += 1
    return (head + "".join(f"{line}; " for line in lines[:kept]))[:limit] + (
        f"… and {len(lines) - kept} more."
    )


def render_map(graph: DisputeGraph, *, title: str, subtitle: str = "") -> bytes:
    """The map as PNG bytes (1200 × 900). An empty graph still draws its title.

    Drawing takes about a second of CPU, and at a busy minute many channels' digests carry
    the same map (the same disputes, the same day): the last `MAPS_KEPT` drawings are kept per
    process, so each distinct map is drawn once."""
    return _drawn(graph, title, subtitle)


MAPS_KEPT = 16


@lru_cache(maxsize=MAPS_KEPT)
def _drawn(graph: DisputeGraph, title: str, subtitle: str) -> bytes:
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    shown = shown_graph(graph)
    figure = Figure(figsize=(WIDTH, HEIGHT), dpi=DPI, facecolor="white")
    axes = figure.add_axes((0.02, 0.02, 0.70, 0.86))
    axes.set_axis_off()
    figure.text(0.02, 0.955, title, fontsize=15, fontweight="bold", va="center")
    if subtitle:
        figure.text(0.02, 0.905, subtitle, fontsize=10, color="#555555", va="center")
    if not shown.empty:
        _draw_graph(axes, shown)
    handles = [
        Line2D([], [], color=rung_colour(rung), linewidth=4, label=rung_name(rung))
        for rung in range(len(RUNGS) - 1, 0, -1)
    ]
    figure.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(0.73, 0.86),
        title="Strongest dispute",
        fontsize=10,
        title_fontsize=10,
        frameon=False,
        alignment="left",
    )
    figure.text(
        0.74,
        0.52,
        "Arrow: who disputes whom\nThicker: more outlets\nBigger circle: said more",
        fontsize=9,
        color="#555555",
        va="top",
        linespacing=1.6,
    )
    left_out = len(graph.edges) - len(shown.edges)
    if left_out:
        figure.text(0.74, 0.12, f"+{left_out} smaller disputes\nnot drawn", fontsize=9)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, facecolor="white")
    return buffer.getvalue()


def _draw_graph(axes, graph: DisputeGraph) -> None:
    import networkx as nx

    network = nx.MultiDiGraph()
    said = {p.name: p.statements for p in graph.parties}
    network.add_nodes_from(said)
    for edge in graph.edges:
        network.add_edge(edge.actor, edge.target)
    layout = _layout(nx, network)
    most = max(said.values()) or 1
    sizes = {n: 250 + 1600 * math.sqrt(said[n] / most) for n in said}
    nodes = list(said)
    nx.draw_networkx_nodes(
        network,
        layout,
        nodelist=nodes,
        node_size=[sizes[n] for n in nodes],
        node_color=NODE_COLOUR,
        linewidths=1.5,
        edgecolors=NODE_EDGE,
        ax=axes,
    )
    for edge in sorted(graph.edges, key=lambda e: e.escalation):  # strongest drawn on top
        two_way = any(e.actor == edge.target and e.target == edge.actor for e in graph.edges)
        nx.draw_networkx_edges(
            network,
            layout,
            edgelist=[(edge.actor, edge.target)],
            width=1.5 + 1.6 * math.sqrt(min(edge.outlets, 12) - 1),
            edge_color=rung_colour(edge.escalation),
            arrows=True,
            arrowstyle="-|>",
            arrowsize=18,
            node_size=sizes[edge.target],
            connectionstyle=f"arc3,rad={0.18 if two_way else 0.06}",
            ax=axes,
        )
    labels = {n: _short(n) for n in nodes}
    texts = nx.draw_networkx_labels(
        network,
        layout,
        labels=labels,
        font_size=10,
        font_weight="bold",
        bbox={
            "boxstyle": "round,pad=0.15",
            "facecolor": "white",
            "edgecolor": "none",
            "alpha": 0.7,
        },
        ax=axes,
    )
    for text in texts.values():
        text.set_clip_on(False)
    axes.margins(x=0.22, y=0.1)


def _layout(nx, network) -> dict:
    """Where the parties go: Kamada-Kawai, started on a circle, so the same disputes always
    give the same picture. Parties in one quarrel sit close; a pair with no path between them
    counts as 2.5 steps apart, further than a neighbour's neighbour yet near enough that
    every quarrel keeps room to be read."""
    simple = nx.Graph(network)
    if len(simple) <= 2:
        return nx.circular_layout(simple)
    lengths = dict(nx.all_pairs_shortest_path_length(simple))
    far = min(max(d for row in lengths.values() for d in row.values()) + 1, 2.5)
    dist = {a: {b: lengths[a].get(b, far) for b in simple} for a in simple}
    return nx.kamada_kawai_layout(simple, dist=dist, pos=nx.circular_layout(simple))


def _short(name: str, limit: int = 22) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"
