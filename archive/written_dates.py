"""Days and UTC times as people write them (29 сентября 2021, 10:00 UTC): the CLI's and the web page's."""

from __future__ import annotations

from datetime import date, datetime


def day_of(value: str | date | None) -> date | None:
    """The day `value` (a date, or text starting YYYY-MM-DD) stands for; None when it is no date."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value or "")[:10])
    except ValueError:
        return None


def written_date(value: str | date | None, pattern: str, locale: str) -> str:
    """`value` by the Babel `pattern` in `locale` (each caller's catalogue gives the pattern its
    readers write: "d MMMM y", "y 'жылғы' d MMMM"); the value itself when not a date."""
    from babel.dates import format_date  # only where a date is shown: the CLI starts without Babel

    day = day_of(value)
    return format_date(day, pattern, locale=locale) if day else str(value or "")


def written_timestamp(value: str | None, pattern: str, locale: str) -> str:
    """An ISO UTC time ("2026-01-02T10:00:00Z") as "2 января 2026, 10:00 UTC"; else as given."""
    try:
        moment = datetime.fromisoformat((value or "").replace("Z", "+00:00"))
    except ValueError:
        return str(value or "")
    return f"{written_date(moment.date(), pattern, locale)}, {moment:%H:%M} UTC"
