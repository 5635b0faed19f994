"""Dates as the query language writes them: a year, a month or a day, and ranges of them."""

from __future__ import annotations

import re
from datetime import date

from search.syntax import QueryError

_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")


def parse_date_range(value: str) -> tuple[date | None, date | None]:
    """(first, last) day of `2021`, `2021-05`, `2021-05-01`, `2021..2022-06`, `..2020`, `2021..`."""
    start_text, sep, end_text = value.partition("..")
    start = _date_bound(start_text, value, first=True) if start_text else None
    end = _date_bound(end_text if sep else start_text, value, first=False) if (end_text or not sep) else None
    if not sep and not start_text:
        raise QueryError("date: needs a date", "write e.g. date:2021 or date:2021-01..2021-06")
    if start and end and start > end:
        raise QueryError(f"date range {value!r} ends before it starts", "swap the two dates")
    return start, end


def _date_bound(text: str, whole: str, first: bool) -> date:
    match = _DATE.match(text)
    hint = "write e.g. date:2021, date:2021-05, date:2021-05-01 or date:2021-01..2021-06"
    if not match:
        raise QueryError(f"cannot read the date {whole!r}", hint)
    year, month, day = int(match.group(1)), match.group(2), match.group(3)
    try:
        if day:
            return date(year, int(month), int(day))
        if month:
            month_number = int(month)
            if first:
                return date(year, month_number, 1)
            following = date(year + month_number // 12, month_number % 12 + 1, 1)
            return date.fromordinal(following.toordinal() - 1)
        return date(year, 1, 1) if first else date(year, 12, 31)
    except ValueError as exc:
        raise QueryError(f"no such date in {whole!r}: {exc}", hint) from exc
