"""Charts drawn on the server as SVG: a librarian reads them at a glance, no script needed.

``line_chart`` draws one or two daily series (this period, and the previous one dashed);
``bar_chart`` draws labelled horizontal bars. Every text is escaped; every chart has a title
and a description for screen readers.
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import mark_safe

COLORS = ("#1d6fa5", "#9aa5b1", "#c2571a", "#2f855a")


def _scale(values, height):
    top = max([*values, 1])
    return top, (lambda value: height - (value / top) * height)


def line_chart(
    title: str, series: list[tuple[str, list[int]]], labels: list[str], width=640, height=180
):
    """Daily series over the same days (``labels``): the first solid, the others dashed."""
    pad_left, pad_bottom, pad_top = 44, 24, 10
    inner_w, inner_h = width - pad_left - 8, height - pad_bottom - pad_top
    count = max((len(values) for _name, values in series), default=0)
    top, y = _scale([v for _name, values in series for v in values], inner_h)
    step = inner_w / max(count - 1, 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'class="analytics-chart" aria-labelledby="t d"><title id="t">{escape(title)}</title>',
        f'<desc id="d">{escape(", ".join(f"{n}: {sum(v)}" for n, v in series))}</desc>',
        f'<g transform="translate({pad_left},{pad_top})">',
        f'<line x1="0" y1="{inner_h}" x2="{inner_w}" y2="{inner_h}" stroke="#ccc"/>',
        f'<text x="-6" y="8" text-anchor="end" font-size="11">{top}</text>',
        f'<text x="-6" y="{inner_h}" text-anchor="end" font-size="11">0</text>',
    ]
    for index, (name, values) in enumerate(series):
        points = " ".join(f"{i * step:.1f},{y(v):.1f}" for i, v in enumerate(values))
        dash = "" if index == 0 else ' stroke-dasharray="5 4"'
        parts.append(
            f'<polyline fill="none" stroke="{COLORS[index % len(COLORS)]}" stroke-width="2"'
            f'{dash} points="{points}"><title>{escape(name)}</title></polyline>'
        )
    if labels:
        for i in sorted({0, len(labels) // 2, len(labels) - 1}):
            parts.append(
                f'<text x="{i * step:.1f}" y="{inner_h + 16}" font-size="11" '
                f'text-anchor="middle">{escape(labels[i])}</text>'
            )
    legend_x = 0
    for index, (name, _values) in enumerate(series):
        color = COLORS[index % len(COLORS)]
        parts.append(
            f'<rect x="{legend_x}" y="-8" width="10" height="3" fill="{color}"/>'
            f'<text x="{legend_x + 14}" y="-3" font-size="11">{escape(name)}</text>'
        )
        legend_x += 20 + 7 * len(name)
    parts.append("</g></svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def bar_chart(title: str, rows: list[tuple[str, int]], width=640, bar=18):
    """Horizontal bars, largest first, each with its label and count."""
    label_w = 220
    height = max(len(rows), 1) * (bar + 6) + 8
    top = max([count for _label, count in rows] + [1])
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'class="analytics-chart"><title>{escape(title)}</title>'
    ]
    for index, (label, count) in enumerate(rows):
        y = 4 + index * (bar + 6)
        length = (width - label_w - 60) * count / top
        short = label if len(label) <= 32 else f"{label[:31]}…"
        parts.append(
            f'<text x="{label_w - 6}" y="{y + bar - 5}" font-size="12" text-anchor="end">'
            f"{escape(short)}</text>"
            f'<rect x="{label_w}" y="{y}" width="{length:.1f}" height="{bar}" fill="{COLORS[0]}">'
            f"<title>{escape(label)}: {count}</title></rect>"
            f'<text x="{label_w + length + 6:.1f}" y="{y + bar - 5}" font-size="12">{count}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
