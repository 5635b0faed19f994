"""Dates as people write them here: a year, a month or a day (2021-09-29 or 29.09.2021), and ranges."""

from __future__ import annotations

import re
from datetime import date

from search.syntax import QueryError

_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")  # 2021, 2021-09, 2021-09-29
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")  # 29.09.2021, as dates are written here
DATE_FORMS = "YYYY-MM-DD, DD.MM.YYYY, YYYY-MM or YYYY"
_RANGE_HINT = "write e.g. date:2021, date:2021-05, date:29.09.2021 or date:2021-01..2021-06"


def parse_date_range(value: str) -> tuple[date | None, date | None]:
    """(first, last) day of `2021`, `2021-05`, `2021-05-01`, `2021..2022-06`, `..2020`, `2021..`."""
    start_text, sep, end_text = value.partition("..")
    start = _query_bound(start_text, value, first=True) if start_text else None
    end = _query_bound(end_text if sep else start_text, value, first=False) if (end_text or not sep) else None
    if not sep and not start_text:
        raise QueryError("date: needs a date", "write e.g. date:2021 or date:2021-01..2021-06")
    if start and end and start > end:
        raise QueryError("date range %(range)r ends before it starts", "swap the two dates", range=value)
    return start, end


def _query_bound(text: str, whole: str, first: bool) -> date:
    try:
        return date_bound(text, first, within=whole if whole != text else "")
    except QueryError as exc:
        raise QueryError(exc.message_id, _RANGE_HINT, **exc.params) from exc


def date_bound(text: str, first: bool, within: str = "") -> date:
    """The first (or, with first=False, the last) day of the year, month or day `text` names:
    `2021` is 2021-01-01 to 2021-12-31, `2021-02` up to 2021-02-28, `29.09.2021` that day.
    Raises QueryError, its message "cannot read the date …" or "no such date …" (… "in" the
    range `within`, when given)."""
    text = text.strip()
    iso, dotted = _ISO.match(text), _DOTTED.match(text)
    hint = "write a date as YYYY-MM-DD, DD.MM.YYYY, YYYY-MM or YYYY, e.g. 2021-09-29 or 29.09.2021"
    values = {"date": text, "range": within}
    if not (iso or dotted):
        message = "cannot read the date %(date)r in %(range)r" if within else "cannot read the date %(date)r"
        raise QueryError(message, hint, **values)
    year, month, day = iso.groups() if iso else reversed(dotted.groups())
    try:
        if day:
            return date(int(year), int(month), int(day))
        if month:
            month_number = int(month)
            if first:
                return date(int(year), month_number, 1)
            following = date(int(year) + month_number // 12, month_number % 12 + 1, 1)
            return date.fromordinal(following.toordinal() - 1)
        return date(int(year), 1, 1) if first else date(int(year), 12, 31)
    except ValueError as exc:
        message = (
            "no such date %(date)r in %(range)r: %(reason)s"
            if within
            else "no such date %(date)r: %(reason)s"
        )
        raise QueryError(message, hint, **values, reason=exc) from exc
