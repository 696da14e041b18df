"""The quality index over time as an SVG line: drawn on the server, no chart library.

Inline SVG needs no script, so it passes the strict CSP and prints in PDFs.
"""

from dataclasses import dataclass
from decimal import Decimal

# A phone shows the chart about 350 px wide: a small canvas keeps its text legible.
WIDTH, HEIGHT = 360, 170
LEFT, RIGHT, TOP, BOTTOM = 30, 14, 12, 26
MAX_LABELS = 5


@dataclass
class Point:
    x: float
    y: float
    label: str
    value: Decimal
    show_label: bool = True


def trend(inspections) -> dict | None:
    """Chart data for published inspections (oldest first), or None with fewer than two."""
    rows = [i for i in inspections if i.quality_index is not None]
    if len(rows) < 2:
        return None
    span_x = WIDTH - LEFT - RIGHT
    span_y = HEIGHT - TOP - BOTTOM
    step = span_x / (len(rows) - 1)
    # Date labels on the first, the last and evenly between, never crowded.
    every = max(1, -(-(len(rows) - 1) // (MAX_LABELS - 1)))
    points = [
        Point(
            x=round(LEFT + n * step, 1),
            y=round(TOP + span_y * (1 - float(row.quality_index) / 100), 1),
            label=f"{row.published_at:%d.%m}",
            value=row.quality_index,
            show_label=n % every == 0 or n == len(rows) - 1,
        )
        for n, row in enumerate(rows)
    ]
    grid = [
        {"y": round(TOP + span_y * (1 - level / 100), 1), "label": f"{level}"}
        for level in (0, 50, 100)
    ]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "label_y": HEIGHT - 8,
        "points": points,
        "polyline": " ".join(f"{p.x},{p.y}" for p in points),
        "grid": grid,
    }
