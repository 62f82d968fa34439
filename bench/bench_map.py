"""The dispute map's drawing time: 500 disputes (synthetic) to a PNG, as a job draws them.

    .venv/bin/python bench/bench_map.py [--disputes 500] [--runs 3]
    .venv/bin/python bench/bench_map.py --example docs/dispute-map.png

Prints how long loading matplotlib and networkx takes (once per process), building the
graph from the dispute rows (`storage.dispute_map.build_graph`), and drawing the PNG
(`bot.dispute_map.render_map`: first and later draws), with the PNG's size. Figures from one
run; nothing is asserted. `--example` instead writes the README's example map, drawn from a
small made-up summit day (below), and prints its alt text.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.dispute_map import alt_text, render_map  # noqa: E402
from storage.dispute_map import MapDispute, build_graph  # noqa: E402

CUES = {
    "criticise": ("criticised", 1),
    "accuse": ("accused", 2),
    "deny": ("denied", 2),
    "reject": ("rejected", 3),
    "demand": ("demanded", 4),
    "warn": ("warned", 5),
    "threaten": ("threatened", 6),
}
OUTLETS = ("reuters", "ap", "afp", "dawn", "bbc", "dw", "xinhua", "tass", "cnn", "nhk")
# The example: a made-up day at a made-up summit (no real article's words).
EXAMPLE_DAY = (
    ("Sergei Lavrov", "Antony Blinken", "reject", 4),
    ("Antony Blinken", "Sergei Lavrov", "accuse", 3),
    ("Wang Yi", "Antony Blinken", "warn", 2),
    ("Josep Borrell", "Sergei Lavrov", "criticise", 2),
    ("Volodymyr Zelensky", "Vladimir Putin", "accuse", 5),
    ("Vladimir Putin", "NATO", "threaten", 3),
    ("Jens Stoltenberg", "Vladimir Putin", "demand", 2),
    ("Narendra Modi", "G7", "criticise", 1),
    ("Olaf Scholz", "Vladimir Putin", "demand", 1),
    ("Recep Tayyip Erdogan", "NATO", "warn", 1),
)
EXAMPLE_SAID = {
    "Sergei Lavrov": 14,
    "Antony Blinken": 11,
    "Vladimir Putin": 9,
    "Volodymyr Zelensky": 8,
    "Wang Yi": 6,
    "Jens Stoltenberg": 5,
    "Josep Borrell": 4,
    "Olaf Scholz": 3,
    "Narendra Modi": 3,
    "Recep Tayyip Erdogan": 2,
    "NATO": 1,
}


def synthetic_disputes(count: int, *, parties: int = 60, seed: int = 13) -> list[MapDispute]:
    """`count` disputes among `parties` made-up delegations, a few of them much quoted."""
    rng = random.Random(seed)
    names = [f"Delegate {i:02d}" for i in range(parties)]
    weights = [1 / (1 + i) for i in range(parties)]  # a few principals, a long tail
    rows = []
    for _ in range(count):
        actor, target = rng.choices(names, weights, k=2)
        if actor == target:
            target = names[(names.index(actor) + 1) % parties]
        cue_class = rng.choice(list(CUES))
        cue, rung = CUES[cue_class]
        rows.append(MapDispute(actor, target, cue, cue_class, rung, rng.choice(OUTLETS)))
    return rows


def example_disputes() -> list[MapDispute]:
    rows = []
    for actor, target, cue_class, outlets in EXAMPLE_DAY:
        cue, rung = CUES[cue_class]
        rows += [MapDispute(actor, target, cue, cue_class, rung, o) for o in OUTLETS[:outlets]]
    return rows


def write_example(path: Path) -> None:
    graph = build_graph(example_disputes(), said=EXAMPLE_SAID)
    title = "Who disputes whom · Summit day (example)"
    png = render_map(graph, title=title, subtitle=f"{graph.disputes} disputes in this digest")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(png)
    print(f"wrote {path} ({len(png):,} bytes)")
    print(alt_text(graph, title=title))


def bench(count: int, runs: int) -> None:
    rows = synthetic_disputes(count)
    started = time.perf_counter()
    import matplotlib.figure  # noqa: F401  (what a job's first map pays once)
    import networkx  # noqa: F401

    loading = time.perf_counter() - started
    started = time.perf_counter()
    graph = build_graph(rows, said={f"Delegate {i:02d}": 60 - i for i in range(60)})
    building = time.perf_counter() - started
    draws, size = [], 0
    for run in range(runs):  # a title of its own each time: each is drawn, not recalled
        started = time.perf_counter()
        size = len(render_map(graph, title=f"Who disputes whom · bench {run}", subtitle="bench"))
        draws.append(time.perf_counter() - started)
    started = time.perf_counter()
    render_map(graph, title="Who disputes whom · bench 0", subtitle="bench")
    recalled = time.perf_counter() - started
    print(f"disputes: {count:,} ({len(graph.edges)} edges, {len(graph.parties)} parties)")
    print(f"loading matplotlib + networkx: {loading:.2f} s (once per process)")
    print(f"building the graph: {building * 1000:.1f} ms")
    median = statistics.median(draws)
    print(f"drawing the PNG: first {draws[0]:.2f} s, median of {runs} {median:.2f} s")
    print(f"the same map again (kept for other channels' digests): {recalled * 1000:.2f} ms")
    print(f"PNG: {size:,} bytes")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--disputes", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--example", type=Path, help="write the example map here instead")
    args = parser.parse_args()
    if args.example:
        write_example(args.example)
    else:
        bench(args.disputes, max(args.runs, 1))


if __name__ == "__main__":
    main()
