"""The quality index over time as an SVG line: drawn on the server, no chart library.

Inline SVG needs no script, so it passes the strict CSP and prints in PDFs.
"""

from dataclasses import dataclass
from decimal import Decimal
from html import escape

from django.utils.translation import gettext as _

from common.numbers import local_number

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


def trend_markup(chart: dict | None) -> str:
    """The chart of ``trend`` as the site pages show it: the SVG with its
    title and caption, or a line saying it shows from two inspections.

    Written in Python rather than template markup: a point took the template
    engine 0.02 ms, and a trend has twelve. Coordinates are numbers for SVG,
    never "36,5" in a comma-decimal language; only the value in a point's
    title is in the reader's format. Every text is escaped.
    """
    if not chart:
        waiting = _("The trend shows once the site has two inspections.")
        return f'<p class="text-body-secondary small mb-0">{escape(waiting)}</p>'
    left, right = chart["left"], chart["right"]
    grid = "".join(
        f'<line x1="{left}" x2="{right}" y1="{line["y"]}" y2="{line["y"]}" stroke="#dee2e6" '
        'stroke-width="1"/>\n'
        f'  <text x="{left - 6}" y="{line["y"]}" text-anchor="end" dominant-baseline="middle" '
        f'font-size="12" fill="#6c757d">{escape(line["label"])}</text>'
        for line in chart["grid"]
    )
    points, last = chart["points"], len(chart["points"]) - 1
    circles = []
    for n, point in enumerate(points):
        label = escape(point.label)
        circles.append(
            f'<circle cx="{point.x}" cy="{point.y}" r="4" fill="#0d6efd"><title>{label}: '
            f"{escape(local_number(point.value))} %</title></circle>\n  "
        )
        if point.show_label:
            anchor = "start" if n == 0 else "end" if n == last else "middle"
            circles.append(
                f'<text x="{point.x}" y="{chart["label_y"]}" text-anchor="{anchor}" '
                f'font-size="12" fill="#6c757d">{label}</text>'
            )
    title = _("Quality index over time")
    caption = _("Quality index of each inspection, in per cent.")
    return (
        '<figure class="mb-0">\n'
        f'<svg viewBox="0 0 {chart["width"]} {chart["height"]}" class="w-100 h-auto" '
        'role="img" aria-labelledby="trend-title">\n'
        f'  <title id="trend-title">{escape(title)}</title>\n'
        f"  {grid}\n"
        f'  <polyline points="{chart["polyline"]}" fill="none" stroke="#0d6efd" '
        'stroke-width="2.5" stroke-linejoin="round"/>\n'
        f"  {''.join(circles)}\n"
        "</svg>\n"
        f'<figcaption class="small text-body-secondary">{escape(caption)}</figcaption>\n'
        "</figure>"
    )
