"""The hits-over-time chart on the results page: stacked bars as inline SVG, drawn on the server."""

from __future__ import annotations

from markupsafe import Markup, escape

from search.timeline import Timeline

WIDTH, HEIGHT = 720, 200
LEFT, RIGHT, TOP, BOTTOM = 36, 8, 8, 22
# Colour-blind-safe palette (Okabe-Ito); more series than colours reuse them.
COLOURS = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#000000")


def colour_of(index: int) -> str:
    return COLOURS[index % len(COLOURS)]


def timeline_svg(timeline: Timeline) -> Markup:
    """An SVG of `timeline` (one stacked bar per period, a <title> per segment for its count), sized
    by its viewBox so it shrinks to a phone's width. Every label is escaped."""
    totals = timeline.totals
    n = len(timeline.periods)
    if not n:
        return Markup("")
    top = max(max(totals), 1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / n
    bar_w = min(max(step * 0.8, 0.5), 40)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" '
        f'class="timeline" role="img" aria-labelledby="timeline-title">',
        f'<title id="timeline-title">Hits per {escape(timeline.by)}, {escape(timeline.periods[0])} to '
        f"{escape(timeline.periods[-1])}</title>",
        f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{WIDTH - RIGHT}" y2="{TOP + plot_h}" stroke="#888"/>',
        f'<text x="{LEFT - 4}" y="{TOP + 10}" text-anchor="end" font-size="11" fill="#444">{top}</text>',
        f'<text x="{LEFT - 4}" y="{TOP + plot_h}" text-anchor="end" font-size="11" fill="#444">0</text>',
    ]
    for i, label in enumerate(timeline.periods):
        x = LEFT + i * step
        y = TOP + plot_h
        for k, (name, counts) in enumerate(timeline.series.items()):
            if not counts[i]:
                continue
            h = counts[i] / top * plot_h
            y -= h
            parts.append(
                f'<rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                f'fill="{colour_of(k)}"><title>{escape(label)} · {escape(name)}: {counts[i]}</title></rect>'
            )
        if _labelled(label, i, n, timeline.by):
            parts.append(
                f'<text x="{x:.1f}" y="{HEIGHT - 6}" font-size="11" fill="#444">{escape(label[:4])}</text>'
            )
    parts.append("</svg>")
    return Markup("".join(parts))


def _labelled(label: str, i: int, n: int, by: str) -> bool:
    """Years under the axis: at each January for months (every few years when there are many)."""
    if by != "month":
        return i == 0 or i == n - 1
    if n <= 12:
        return i == 0
    year_step = max(1, n // 12 // 8)
    return label.endswith("-01") and int(label[:4]) % year_step == 0
