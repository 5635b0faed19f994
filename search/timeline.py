"""Counts of hits over time (by day, week, month or year, split by language or source), gaps zero-filled."""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from archive.settings import DataDir
from search.engine import matching_docs
from search.filters import Filters
from search.query import QueryError

logger = logging.getLogger(__name__)

PERIODS = ("day", "week", "month", "year")
SPLITS = ("lang", "source")
TOTAL = "total"  # the series name when the counts are not split


@dataclass
class Timeline:
    """Hits per period, oldest first; `series` maps a language, a source or TOTAL to one count per period."""

    by: str
    split: str | None
    periods: list[str]  # labels: 2021-03-04, 2021-W09, 2021-03, 2021
    starts: list[date]  # the first day of each period
    series: dict[str, list[int]] = field(default_factory=dict)
    undated: int = 0  # hits without a publication date, which no period can hold

    @property
    def totals(self) -> list[int]:
        return [sum(counts) for counts in zip(*self.series.values(), strict=True)] if self.series else []

    def to_dict(self) -> dict:
        return {
            "by": self.by,
            "split": self.split,
            "periods": self.periods,
            "starts": [d.isoformat() for d in self.starts],
            "series": self.series,
            "undated": self.undated,
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
                row.append(sum(counts))
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
    raise QueryError(f"unknown period {by!r}", f"use one of: {', '.join(PERIODS)}")


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
) -> int:
    """How many articles match (every copy, as iter_hits() yields them): unscored, nothing loaded."""
    with matching_docs(data_dir, query, filters=filters) as (
        _searcher,
        docs,
    ):
        return len(docs)


def count_over_time(
    data_dir: DataDir | Path | str,
    query: str,
    *,
    filters: Filters | None = None,
    by: str = "month",
    split: str | None = None,
) -> Timeline:
    """How many hits of `query` were published in each period, from the first to the last (or the
    filter's date range), with empty periods as zeros. Raises QueryError, IndexMissingError."""
    if by not in PERIODS:
        raise QueryError(f"unknown period {by!r}", f"use one of: {', '.join(PERIODS)}")
    if split not in (None, *SPLITS):
        raise QueryError(f"unknown split {split!r}", f"use one of: {', '.join(SPLITS)}")
    counts: Counter[tuple[date, str]] = Counter()
    undated = 0
    with matching_docs(data_dir, query, filters=filters) as (
        searcher,
        docs,
    ):
        # Read from the sortable columns: no stored fields, no article text.
        reader = searcher.reader()
        published = reader.column_reader("published")
        split_column = reader.column_reader(split) if split else None
        for docnum in docs:
            when = published[docnum]
            if not isinstance(when, datetime) or when.year < 1000:
                undated += 1
                continue
            name = str(split_column[docnum]) if split_column is not None else TOTAL
            counts[period_start(when.date(), by), name] += 1
    filters = filters or Filters()
    return _zero_filled(counts, undated, by, split, filters.date_from, filters.date_to)


def _zero_filled(counts, undated, by, split, date_from, date_to) -> Timeline:
    starts_seen = [start for start, _ in counts]
    first = period_start(date_from, by) if date_from else min(starts_seen, default=None)
    last = period_start(date_to, by) if date_to else max(starts_seen, default=None)
    starts: list[date] = []
    if first and last:
        current = first
        while current <= last:
            starts.append(current)
            current = next_period(current, by)
    per_name: Counter[str] = Counter()
    for (_, name), n in counts.items():
        per_name[name] += n
    names = [name for name, _ in sorted(per_name.items(), key=lambda kv: (-kv[1], kv[0]))]
    if not names and not split:
        names = [TOTAL]
    series = {name: [counts.get((start, name), 0) for start in starts] for name in names}
    return Timeline(by, split, [period_label(s, by) for s in starts], starts, series, undated)


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
    axes.set_ylabel(f"hits per {timeline.by}")
    axes.set_title(title)
    axes.yaxis.get_major_locator().set_params(integer=True)
    if timeline.split:
        axes.legend(title=timeline.split)
    figure.savefig(target, format=fmt)
