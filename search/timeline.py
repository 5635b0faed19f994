"""Counts of hits over time (by day, week, month or year, split by language or source), gaps zero-filled.

Stories are counted as the hit list counts them (search.stories): a story counts in a period, and in
a language's or a source's series, when one of its matched copies was published then, in that
language, by that source: the number of stories the list holds with that period's date range (and
that filter) applied. A story with copies in two periods counts in each; `period_totals` and
`series_totals` count each story once.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from archive.settings import DataDir
from search.engine import STORIES, matching_docs
from search.filters import Filters
from search.matches import distinct
from search.query import QueryError

logger = logging.getLogger(__name__)

FORMATS = ("csv", "png", "svg")  # what a timeline is written as; each also a file name's ending
PERIODS = ("day", "week", "month", "year")
SPLITS = ("lang", "source")
TOTAL = "total"  # the series name when the counts are not split
_DAY = 86_400_000_000  # a day in the date column's unit, microseconds since 0001-01-01
_YEAR_1000 = date(1000, 1, 1).toordinal()


@dataclass
class Timeline:
    """Hits per period, oldest first; `series` maps a language, a source or TOTAL to one count per
    period. Every count counts `counts`: STORIES (an article and its reposts once) or ARTICLES."""

    by: str
    split: str | None
    periods: list[str]  # labels: 2021-03-04, 2021-W09, 2021-03, 2021
    starts: list[date]  # the first day of each period
    series: dict[str, list[int]] = field(default_factory=dict)
    undated: int = 0  # hits without a publication date (no copy with one), which no period can hold
    period_totals: list[int] = field(default_factory=list)  # per period, each hit once
    series_totals: dict[str, int] = field(default_factory=dict)  # per series, each dated hit once
    total: int = 0  # every hit, dated or not: search()'s total
    total_articles: int = 0  # every matched copy: search()'s total_articles
    counts: str = STORIES

    @property
    def totals(self) -> list[int]:
        """Per period, the series added up: the height of a stacked bar (a story in two series of
        one period counts twice here, once in period_totals)."""
        return [sum(counts) for counts in zip(*self.series.values(), strict=True)] if self.series else []

    def to_dict(self) -> dict:
        return {
            "by": self.by,
            "split": self.split,
            "counts": self.counts,
            "periods": self.periods,
            "starts": [d.isoformat() for d in self.starts],
            "series": self.series,
            "period_totals": self.period_totals,
            "series_totals": self.series_totals,
            "undated": self.undated,
            "total": self.total,
            "total_articles": self.total_articles,
        }

    def rows(self) -> list[list]:
        """The table a CSV holds: header, then one row per period (period, start, each series, total)."""
        names = list(self.series)
        header = ["period", "period_start", *names]
        if self.split:
            header.append(TOTAL)
        rows = [header]
        for i, label in enumerate(self.periods):
            counts = [self.series[name][i] for name in names]
            row = [label, self.starts[i].isoformat(), *counts]
            if self.split:
                row.append(self.period_totals[i])
            rows.append(row)
        return rows


def period_start(day: date, by: str) -> date:
    """The first day of the period (day, ISO week from Monday, month, year) that holds `day`."""
    if by == "day":
        return day
    if by == "week":
        return day - timedelta(days=day.weekday())
    if by == "month":
        return day.replace(day=1)
    if by == "year":
        return day.replace(month=1, day=1)
    raise QueryError("unknown period %(by)r", "use one of: %(periods)s", by=by, periods=", ".join(PERIODS))


def next_period(start: date, by: str) -> date:
    if by == "day":
        return start + timedelta(days=1)
    if by == "week":
        return start + timedelta(days=7)
    if by == "month":
        return date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return date(start.year + 1, 1, 1)


def period_label(start: date, by: str) -> str:
    if by == "week":
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    if by == "month":
        return start.strftime("%Y-%m")
    if by == "year":
        return str(start.year)
    return start.isoformat()


def count_hits(
    data_dir: DataDir | Path | str,
    query: str,
    *,
    filters: Filters | None = None,
    collapse_reposts: bool = True,
) -> int:
    """How many hits iter_hits() yields: stories, or every copy with `collapse_reposts=False`.
    Unscored, nothing loaded."""
    with matching_docs(data_dir, query, filters=filters, collapse_reposts=collapse_reposts) as matched:
        return len(distinct(matched.stories))


def count_over_time(
    data_dir: DataDir | Path | str,
    query: str,
    *,
    filters: Filters | None = None,
    by: str = "month",
    split: str | None = None,
    collapse_reposts: bool = True,
) -> Timeline:
    """How many hits of `query` were published in each period, from the first to the last (or the
    filter's date range), with empty periods as zeros: stories as search() counts them, or every
    copy with `collapse_reposts=False`. Raises QueryError, IndexMissingError."""
    if by not in PERIODS:
        raise QueryError(
            "unknown period %(by)r", "use one of: %(periods)s", by=by, periods=", ".join(PERIODS)
        )
    if split not in (None, *SPLITS):
        raise QueryError(
            "unknown split %(split)r", "use one of: %(splits)s", split=split, splits=", ".join(SPLITS)
        )
    with matching_docs(data_dir, query, filters=filters, collapse_reposts=collapse_reposts) as matched:
        cells, undated = _cells(matched, by, split)
    filters = filters or Filters()
    timeline = _zero_filled(cells, by, split, filters.date_from, filters.date_to)
    dated = set().union(*cells.values())
    timeline.undated = len(undated - dated)
    timeline.total = len(dated | undated)
    timeline.total_articles = len(matched.docs)
    timeline.counts = matched.counts
    return timeline


def _cells(matched, by: str, split: str | None) -> tuple[dict[tuple[date, str], set[int]], set[int]]:
    """{(period start, series name): its stories} and the stories of the undated articles, read from
    the index's date and facet columns (no stored fields, no article text)."""
    keys, has_date = matched.arrays.published()
    days = (keys[matched.docs] // _DAY).astype(np.int64) + 1  # proleptic ordinals: 1 is 0001-01-01
    dated = has_date[matched.docs] & (days >= _YEAR_1000)  # earlier dates are misread, not history
    if split:
        codes, names = matched.arrays.facet(split)
        series = codes[matched.docs]
    else:
        names, series = [TOTAL], np.zeros(len(matched.docs), np.int64)
    starts: dict[int, date] = {}
    cells: dict[tuple[date, str], set[int]] = {}
    for day, code, story in zip(
        days[dated].tolist(), series[dated].tolist(), matched.stories[dated].tolist(), strict=True
    ):
        start = starts.get(day)
        if start is None:
            start = starts[day] = period_start(date.fromordinal(day), by)
        cells.setdefault((start, str(names[code]) if code >= 0 else ""), set()).add(story)
    return cells, set(matched.stories[~dated].tolist())


def _zero_filled(cells: dict[tuple[date, str], set[int]], by, split, date_from, date_to) -> Timeline:
    starts_seen = [start for start, _ in cells]
    first = period_start(date_from, by) if date_from else min(starts_seen, default=None)
    last = period_start(date_to, by) if date_to else max(starts_seen, default=None)
    starts: list[date] = []
    if first and last:
        current = first
        while current <= last:
            starts.append(current)
            current = next_period(current, by)
    per_name: dict[str, set[int]] = {}
    per_period: dict[date, set[int]] = {}
    for (start, name), stories in cells.items():
        per_name.setdefault(name, set()).update(stories)
        per_period.setdefault(start, set()).update(stories)
    names = [name for name, _ in sorted(per_name.items(), key=lambda kv: (-len(kv[1]), kv[0]))]
    if not names and not split:
        names = [TOTAL]
    series = {name: [len(cells.get((start, name), ())) for start in starts] for name in names}
    return Timeline(
        by,
        split,
        [period_label(s, by) for s in starts],
        starts,
        series,
        period_totals=[len(per_period.get(start, ())) for start in starts],
        series_totals={name: len(per_name.get(name, ())) for name in names},
    )


def plot_timeline(timeline: Timeline, target, fmt: str, title: str = "") -> None:
    """Draw `timeline` with matplotlib (Agg: no display needed) as PNG or SVG into a path or binary file:
    bars while they stay readable (stacked when split), else lines."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    figure = Figure(figsize=(10, 4.5), layout="constrained")
    axes = figure.subplots()
    x = timeline.starts
    widths = [(next_period(s, timeline.by) - s).days * 0.8 for s in x]
    bottom = [0] * len(x)
    for name, counts in timeline.series.items():
        if len(x) <= 120:
            axes.bar(x, counts, width=widths, bottom=bottom, align="edge", label=name)
            bottom = [b + c for b, c in zip(bottom, counts, strict=True)]
        else:
            axes.plot(x, counts, label=name, linewidth=1)
    axes.set_ylabel(f"{timeline.counts} per {timeline.by}")
    axes.set_title(title)
    axes.yaxis.get_major_locator().set_params(integer=True)
    if timeline.split:
        axes.legend(title=timeline.split)
    figure.savefig(target, format=fmt)
