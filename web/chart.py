"""The hits-over-time chart on the results page: stacked bars as inline SVG, drawn on the server.

Two drawings of the same counts: a wide one and a narrow one with fewer year labels, each sized so
that its labels keep about their font size on the screen that shows it (the stylesheet shows the
narrow one on a phone): an SVG scaled down to a phone's width would shrink its text with it.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext
from markupsafe import Markup, escape

from search.stories import ARTICLES
from search.timeline import Timeline
from web.i18n import human_month, language_name

# Colour-blind-safe palette (Okabe-Ito); more series than colours reuse them.
COLOURS = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#000000")
LEFT, RIGHT, TOP, BOTTOM = 40, 10, 10, 24
FONT = 13
YEAR_LABEL_WIDTH = 44  # "2021" at FONT (about 32), with room on both sides


@dataclass(frozen=True)
class Size:
    name: str  # the CSS class that shows it on its screen
    width: int
    height: int


WIDE = Size("timeline-wide", 720, 210)
NARROW = Size("timeline-narrow", 360, 200)


def colour_of(index: int) -> str:
    return COLOURS[index % len(COLOURS)]


def timeline_chart(timeline: Timeline) -> Markup:
    """The wide and the narrow drawing of `timeline`; empty when it has no period."""
    if not timeline.periods:
        return Markup("")
    return timeline_svg(timeline, WIDE) + timeline_svg(timeline, NARROW)


def timeline_svg(timeline: Timeline, size: Size = WIDE) -> Markup:
    """An SVG of `timeline` (one stacked bar per period, a <title> per segment for its count), sized
    by its viewBox so it shrinks to the width it is given. Every label is escaped."""
    totals = timeline.totals
    n = len(timeline.periods)
    if not n:
        return Markup("")
    top = max(max(totals), 1)
    plot_w, plot_h = size.width - LEFT - RIGHT, size.height - TOP - BOTTOM
    step = plot_w / n
    bar_w = min(max(step * 0.8, 0.5), 40)
    base = TOP + plot_h
    span = {
        "first": _period(timeline.periods[0], timeline.by),
        "last": _period(timeline.periods[-1], timeline.by),
    }
    if timeline.counts == ARTICLES:
        title = gettext("Articles per month, %(first)s to %(last)s", **span)
    else:  # a story (an article and its reposts) counts once, as the hit list counts it
        title = gettext("Stories per month, %(first)s to %(last)s", **span)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size.width} {size.height}" width="100%" '
        f'class="timeline {size.name}" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f'<line x1="{LEFT}" y1="{base}" x2="{size.width - RIGHT}" y2="{base}" stroke="#888"/>',
        _axis_text(TOP + FONT - 2, str(top)),
        _axis_text(base, "0"),
    ]
    series_names = {name: _series_name(name, timeline.split) for name in timeline.series}
    for i, label in enumerate(timeline.periods):
        x = LEFT + i * step
        y = TOP + plot_h
        for k, (name, counts) in enumerate(timeline.series.items()):
            if not counts[i]:
                continue
            h = counts[i] / top * plot_h
            y -= h
            tip = f"{_period(label, timeline.by)} · {series_names[name]}: {counts[i]}"
            parts.append(
                f'<rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                f'fill="{colour_of(k)}"><title>{escape(tip)}</title></rect>'
            )
    parts.extend(_year_labels(timeline, size, step, bar_w))
    parts.append("</svg>")
    return Markup("".join(parts))


def _year_labels(timeline: Timeline, size: Size, step: float, bar_w: float) -> list[str]:
    """Years under the axis, each centred under its first bar and kept inside the drawing."""
    labelled = _labelled(
        timeline.periods, timeline.by, max(2, (size.width - LEFT - RIGHT) // YEAR_LABEL_WIDTH)
    )
    texts = []
    for i in labelled:
        centre = LEFT + i * step + bar_w / 2
        x, anchor = centre, "middle"
        if centre - YEAR_LABEL_WIDTH / 2 < LEFT - 4:
            x, anchor = LEFT + i * step, "start"
        elif centre + YEAR_LABEL_WIDTH / 2 > size.width - 2:
            x, anchor = size.width - 2, "end"
        texts.append(
            f'<text class="year" x="{x:.1f}" y="{size.height - 6}" text-anchor="{anchor}" '
            f'font-size="{FONT}" fill="#444">{escape(timeline.periods[i][:4])}</text>'
        )
    return texts


def _labelled(periods: list[str], by: str, room: int) -> list[int]:
    """Which periods get their year under the axis: each January (every few years when more than
    `room` would not fit); the first period when no January is shown; for other periods than
    months, the first and the last."""
    n = len(periods)
    if by != "month":
        return sorted({0, n - 1})
    januaries = [i for i, label in enumerate(periods) if label.endswith("-01")]
    year_step = -(-len(januaries) // room) if januaries else 1
    shown = [i for i in januaries if int(periods[i][:4]) % year_step == 0]
    if not shown or (shown[0] * 2 > n and len(shown) < room):  # a long stretch before the first
        shown.insert(0, 0)
    return shown


def _axis_text(y: float, text: str) -> str:
    anchored = f'x="{LEFT - 5}" y="{y}" text-anchor="end"'
    return f'<text {anchored} font-size="{FONT}" fill="#444">{escape(text)}</text>'


def _period(label: str, by: str) -> str:
    return human_month(label) if by == "month" else label


def _series_name(name: str, split: str | None) -> str:
    return language_name(name) if split == "lang" else name
