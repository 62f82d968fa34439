"""A speaker's statements per day as a small PNG bar chart for the timeline message.

Bars count the statements of each day; a day whose statement holds the opposite of an earlier
one (a possible change of position) is drawn in red and marked. 1200 × 450 pixels with large
type, so it reads in Slack's preview. Pure: days in, PNG bytes out; matplotlib (Agg, no
pyplot state) is imported on first use, as in `bot.dispute_map`.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Collection, Sequence
from datetime import date, timedelta

WIDTH, HEIGHT, DPI = 8.0, 3.0, 150  # inches at DPI: 1200 × 450 pixels
BAR_COLOUR = "#4a6fa5"
CHANGE_COLOUR = "#bd0026"
MAX_DAYS = 400  # a longer span is drawn by week


def per_day(days: Sequence[date]) -> list[tuple[date, int]]:
    """Statements per day from the first to the last, empty days included (so gaps show)."""
    if not days:
        return []
    counts = Counter(days)
    first, last = min(days), max(days)
    return [
        (first + timedelta(days=i), counts.get(first + timedelta(days=i), 0))
        for i in range((last - first).days + 1)
    ]


def render_chart(days: Sequence[date], *, title: str, change_days: Collection[date] = ()) -> bytes:
    """The chart as PNG bytes; an empty `days` still draws its title."""
    from matplotlib.dates import AutoDateLocator, DateFormatter
    from matplotlib.figure import Figure

    counts = per_day(days)
    step = 7 if len(counts) > MAX_DAYS else 1
    if step > 1:  # by week: each bar is the week starting on its day
        counts = [
            (counts[i][0], sum(n for _, n in counts[i : i + step]))
            for i in range(0, len(counts), step)
        ]
    start = counts[0][0] if counts else None
    marked = {d - timedelta(days=(d - start).days % step) for d in change_days} if start else set()
    figure = Figure(figsize=(WIDTH, HEIGHT), dpi=DPI, facecolor="white")
    axes = figure.add_axes((0.07, 0.17, 0.9, 0.66))
    figure.text(0.07, 0.92, title, fontsize=13, fontweight="bold", va="center")
    if counts:
        xs = [d for d, _ in counts]
        heights = [n for _, n in counts]
        colours = [CHANGE_COLOUR if d in marked else BAR_COLOUR for d in xs]
        axes.bar(xs, heights, width=0.8 * step, color=colours, align="center")
        for d, n in counts:
            if d in marked:
                axes.annotate(
                    "change?",
                    (d, n),
                    xytext=(0, 4),
                    textcoords="offset points",
                    ha="center",
                    fontsize=8,
                    color=CHANGE_COLOUR,
                )
        axes.set_ylim(0, max(heights) * 1.3 + 0.5)
        axes.yaxis.get_major_locator().set_params(integer=True)
        axes.xaxis.set_major_locator(AutoDateLocator(maxticks=8))
        axes.xaxis.set_major_formatter(DateFormatter("%-d %b %Y"))
    axes.set_ylabel("statements per week" if step > 1 else "statements per day", fontsize=9)
    axes.tick_params(labelsize=8)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, facecolor="white")
    return buffer.getvalue()
