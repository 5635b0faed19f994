"""When a page says it was published: the date, the local time and its UTC offset; "Сегодня", "Вчера"."""

from __future__ import annotations

import dataclasses
import datetime
import re
import unicodedata
from collections.abc import Iterable

from archive.extract.dates import (
    _MAX_YEAR,
    _MIN_YEAR,
    _MONTH_NAMES,
    DEFAULT_FORMATS,
    _patterns,
    _valid_matches,
    month_number,
)

# Kazakhstan's capital kept UTC+6 until 1 March 2024, when the whole country moved to UTC+5.
ASTANA_ZONE_CHANGE = datetime.date(2024, 3, 1)
RELATIVE_DAYS = {
    "сегодня": 0, "бүгін": 0, "today": 0, "bugin": 0, "búgin": 0,
    "вчера": 1, "кеше": 1, "yesterday": 1, "keshe": 1,
}  # fmt: skip
_RELATIVE = re.compile(
    rf"(?<!\w)(?P<word>{'|'.join(sorted(RELATIVE_DAYS, key=len, reverse=True))})(?!\w)"
    r"(?:[\s,|·•–—-]*(?:в|at|сағ\.?)?\s*(?P<hour>\d{1,2}):(?P<minute>\d{2}))?",
    re.IGNORECASE,
)
_TIME = r"(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)(?::[0-5]\d(?:\.\d+)?)?"
# A time right after a date: "29 Сентября 2021, 14:35", "8 мая 2020 г. 12:28", "2021-09-29T10:00".
_TIME_AFTER = re.compile(
    rf"(?:\s*(?:г\.?|года|ж\.?|жылы|в|at|сағ\.?|[,|T·•–—-]))*\s*(?<!\d){_TIME}(?!\d)",
    re.IGNORECASE,
)
# A time right before a date: "14:35, 24 December 2015", "13:13, 20 Январь 2026".
_TIME_BEFORE = re.compile(rf"(?<![\d:]){_TIME}[\s,|·•–—-]*$")
# An offset after the date or time: "| GMT +5", "UTC+06:00", the ISO "+06:00" or "Z".
_OFFSET = re.compile(
    r"^(?:\s*[|,·•]?\s*(?:GMT|UTC)\s*(?P<sign>[+−-])\s*(?P<hours>\d{1,2})(?::?(?P<minutes>\d{2}))?"
    r"|(?P<isosign>[+-])(?P<isohours>\d{2}):?(?P<isominutes>\d{2})|(?P<zulu>Z))",
    re.IGNORECASE,
)
_URL_DATE = re.compile(r"/(?P<year>(?:19|20)\d\d)/(?P<month>\d{1,2})/(?P<day>\d{1,2})(?:/|$|[-_])")
_YEARLESS = re.compile(rf"(?<!\d)(?P<day>\d{{1,2}})\s+(?P<month>{_MONTH_NAMES})", re.IGNORECASE)


@dataclasses.dataclass(frozen=True)
class PublishedAt:
    """When a page says it was published: a date, and the local time and UTC offset when known."""

    date: datetime.date
    time: str | None = None  # "HH:MM", local time as the page writes it
    utc_offset: str | None = None  # "+05:00"

    def with_zone(self, zone: str | None) -> PublishedAt:
        """This moment with the offset of `zone` filled in when the page gave a time but no offset."""
        if self.time is None or self.utc_offset is not None:
            return self
        offset = zone_offset(zone, self.date)
        return dataclasses.replace(self, utc_offset=offset) if offset else self

    def in_zone(self, zone: str | None) -> PublishedAt:
        """This moment as local time in `zone` when the page wrote it in UTC ("2024-03-01T20:30Z").

        Meta tags often give UTC; the day a reader in Kazakhstan saw the news is the local one
        (20:30 UTC on 1 March is 01:30 on 2 March in Astana). Other stated offsets are the page's own.
        """
        local_offset = zone_offset(zone, self.date)
        if self.time is None or self.utc_offset != "+00:00" or local_offset in (None, "+00:00"):
            return self
        hour, minute = (int(part) for part in self.time.split(":"))
        utc = datetime.datetime.combine(self.date, datetime.time(hour, minute))
        offset = zone_offset(zone, (utc + _offset_delta(local_offset)).date())
        local = utc + _offset_delta(offset)
        return PublishedAt(local.date(), local.strftime("%H:%M"), offset)


def _offset_delta(offset: str) -> datetime.timedelta:
    sign = -1 if offset[0] == "-" else 1
    return datetime.timedelta(hours=int(offset[1:3]), minutes=int(offset[4:6])) * sign


def zone_offset(zone: str | None, on: datetime.date) -> str | None:
    """The UTC offset of `zone` on day `on`: "astana" follows Kazakhstan's 2024 change, "+06:00" is fixed."""
    if not zone:
        return None
    if zone.casefold() == "astana":
        return "+06:00" if on < ASTANA_ZONE_CHANGE else "+05:00"
    return _format_offset(zone[0], *zone[1:].split(":")) if re.fullmatch(r"[+-]\d\d:\d\d", zone) else None


def _format_offset(sign: str, hours: str, minutes: str | None = None) -> str:
    sign = "-" if sign in "-−" else "+"
    return f"{sign}{int(hours):02d}:{int(minutes or 0):02d}"


def _offset_at(text: str) -> str | None:
    match = _OFFSET.match(text)
    if not match:
        return None
    if match.group("zulu"):
        return "+00:00"
    if match.group("isosign"):
        return _format_offset(match.group("isosign"), match.group("isohours"), match.group("isominutes"))
    return _format_offset(match.group("sign"), match.group("hours"), match.group("minutes"))


def _local_reference(reference: str | datetime.datetime | None, zone: str | None) -> datetime.datetime | None:
    """The fetch time as a local wall-clock time in `zone` (Kazakhstan's when unknown)."""
    if reference is None:
        return None
    if isinstance(reference, str):
        try:
            reference = datetime.datetime.fromisoformat(reference.replace("Z", "+00:00"))
        except ValueError:
            return None
    if reference.tzinfo is None:
        reference = reference.replace(tzinfo=datetime.UTC)
    utc = reference.astimezone(datetime.UTC)
    offset = zone_offset(zone or "astana", utc.date()) or "+05:00"
    return (utc + _offset_delta(offset)).replace(tzinfo=None)


def _absolute(text: str, patterns) -> tuple[re.Match, datetime.date] | None:
    best = None
    for match, found in _valid_matches(text, patterns):
        if found is None:
            continue
        if best is None or (match.start(), -match.end()) < (best[0].start(), -best[0].end()):
            best = (match, found)
    return best


def _yearless(text: str, local_now: datetime.datetime) -> tuple[re.Match, datetime.date] | None:
    """A day and month without a year ("29 желтоқсанда"): the latest such day not after the fetch."""
    for match in _YEARLESS.finditer(text):
        month = month_number(match.group("month"))
        if month is None:
            continue
        for year in (local_now.year, local_now.year - 1):
            try:
                found = datetime.date(year, month, int(match.group("day")))
            except ValueError:
                break
            if found <= local_now.date() + datetime.timedelta(days=1):
                return match, found
    return None


def parse_published(
    text: str,
    formats: Iterable[str | re.Pattern] = DEFAULT_FORMATS,
    *,
    reference: str | datetime.datetime | None = None,
    zone: str | None = None,
    allow_yearless: bool = False,
) -> PublishedAt | None:
    """The first publication moment written in `text`, or None.

    Absolute dates in `formats`, with a time just before or after them and an offset after
    ("13:13, 20 Январь 2026 | GMT +5"); "Сегодня | 13:53" and "Вчера" count from `reference` (the
    fetch time, UTC) in `zone`; with `allow_yearless`, "29 желтоқсанда" is the latest such day
    before the fetch. A time without a stated offset gets `zone`'s offset.
    """
    if not text:
        return None
    text = unicodedata.normalize("NFC", text)
    absolute = _absolute(text, _patterns(formats))
    local_now = _local_reference(reference, zone)
    relative = _RELATIVE.search(text) if local_now else None
    if relative and (absolute is None or relative.start() < absolute[0].start()):
        day = local_now.date() - datetime.timedelta(days=RELATIVE_DAYS[relative.group("word").casefold()])
        time = None
        if relative.group("hour") is not None and int(relative.group("hour")) < 24:
            time = f"{int(relative.group('hour')):02d}:{relative.group('minute')}"
        return PublishedAt(day, time, _offset_at(text[relative.end() :])).with_zone(zone).in_zone(zone)
    if absolute is None:
        absolute = _yearless(text, local_now) if allow_yearless and local_now else None
        if absolute is None:
            return None
    match, day = absolute
    groups = match.groupdict()
    time, offset = None, None
    if groups.get("hour") is not None and groups.get("minute") is not None:
        time = f"{int(groups['hour']):02d}:{groups['minute']}"
        offset = _offset_at(text[match.end() :])
    else:
        after = _TIME_AFTER.match(text, match.end())
        before = _TIME_BEFORE.search(text[max(0, match.start() - 16) : match.start()])
        if after:
            time = f"{int(after.group('hour')):02d}:{after.group('minute')}"
            offset = _offset_at(text[after.end() :])
        elif before:
            time = f"{int(before.group('hour')):02d}:{before.group('minute')}"
        if offset is None:
            offset = _offset_at(text[match.end() :])
            if offset is None and after is None:
                offset = _offset_at(text[match.end() :].lstrip(" ,"))
    if time is None:
        offset = None  # an offset means nothing without a time
    return PublishedAt(day, time, offset).with_zone(zone).in_zone(zone)


def date_from_url(url: str) -> datetime.date | None:
    """A date written into a URL path ("/2021/09/29/slug"), or None."""
    match = _URL_DATE.search(url or "")
    if not match:
        return None
    try:
        found = datetime.date(int(match.group("year")), int(match.group("month")), int(match.group("day")))
    except ValueError:
        return None
    return found if _MIN_YEAR <= found.year <= _MAX_YEAR else None
