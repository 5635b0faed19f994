"""Publication dates as the sites write them (ru, kk in Cyrillic and Latin, en), read as dates."""

from __future__ import annotations

import datetime
import functools
import re
import unicodedata
from collections.abc import Iterable

# Month names, lower case. Russian and English are matched as whole words; Kazakh Cyrillic and
# Latin also with an inflection after them (шілдедегі, желтоқсанда, qazanda).
RU_MONTHS = {
    **dict.fromkeys(("января", "январь", "янв"), 1),
    **dict.fromkeys(("февраля", "февраль", "фев", "февр"), 2),
    **dict.fromkeys(("марта", "март", "мар"), 3),
    **dict.fromkeys(("апреля", "апрель", "апр"), 4),
    **dict.fromkeys(("мая", "май"), 5),
    **dict.fromkeys(("июня", "июнь", "июн"), 6),
    **dict.fromkeys(("июля", "июль", "июл"), 7),
    **dict.fromkeys(("августа", "август", "авг"), 8),
    **dict.fromkeys(("сентября", "сентябрь", "сен", "сент"), 9),
    **dict.fromkeys(("октября", "октябрь", "окт"), 10),
    **dict.fromkeys(("ноября", "ноябрь", "ноя", "нояб"), 11),
    **dict.fromkeys(("декабря", "декабрь", "дек"), 12),
}
KK_MONTHS = {
    "қаңтар": 1, "ақпан": 2, "наурыз": 3, "сәуір": 4, "мамыр": 5, "маусым": 6,
    "шілде": 7, "тамыз": 8, "қыркүйек": 9, "қазан": 10, "қараша": 11, "желтоқсан": 12,
}  # fmt: skip
# Kazakh typed without Kazakh letters (old sites, phones): matched as whole words only.
KK_PLAIN_MONTHS = {
    "кантар": 1, "акпан": 2, "сауир": 4, "сэуир": 4, "шилде": 7, "кыркуйек": 9,
    "казан": 10, "караша": 11, "желтоксан": 12,
}  # fmt: skip
KK_LATIN_MONTHS = {
    "qantar": 1, "aqpan": 2, "nauryz": 3,
    "sáuir": 4, "sauir": 4, "sáýir": 4, "saýir": 4, "säuır": 4, "säuir": 4,
    "mamyr": 5, "mausym": 6, "maýsym": 6, "shilde": 7, "tamyz": 8,
    "qyrkúiek": 9, "qyrkuiek": 9, "qyrküiek": 9, "qazan": 10, "qarasha": 11,
    "jeltoqsan": 12, "jeltoksan": 12,
}  # fmt: skip
EN_MONTHS = {
    **dict.fromkeys(("january", "jan"), 1),
    **dict.fromkeys(("february", "feb"), 2),
    **dict.fromkeys(("march", "mar"), 3),
    **dict.fromkeys(("april", "apr"), 4),
    "may": 5,
    **dict.fromkeys(("june", "jun"), 6),
    **dict.fromkeys(("july", "jul"), 7),
    **dict.fromkeys(("august", "aug"), 8),
    **dict.fromkeys(("september", "sep", "sept"), 9),
    **dict.fromkeys(("october", "oct"), 10),
    **dict.fromkeys(("november", "nov"), 11),
    **dict.fromkeys(("december", "dec"), 12),
}
_WHOLE_WORD_MONTHS = {**RU_MONTHS, **EN_MONTHS, **KK_PLAIN_MONTHS}
# Kazakh endings a month name takes in a date: possessive, then locative (-да, -дағы), ablative
# (-дан), dative (-ға), genitive (-ның): шілдедегі, желтоқсанда, мамырынан, qazanda.
KK_ENDING = r"(?:с?[ыі]н?)?(?:[дт][ае](?:ғы|гі)?|[дтн][ае]н|[ғгқкн][ае]|[ндт][ыі]ң)?"
KK_LATIN_ENDING = r"(?:s?[yi]n?)?(?:[dt][ae](?:ǵy|gi|gy)?|[dtn][ae]n|[ǵgqkn][ae]|[ndt][yi][ńn])?"

# The formats tried when a source declares none, and after the ones it declares.
DEFAULT_FORMATS = (
    "{day} {month}, {year}",  # 13 Июня, 2025 · 30 Сәуір, 2024 · 07 October, 2016
    "{day} {month} {year}",  # 29 Сентября 2021, 14:35 · 8 мая 2020 г.
    "{month} {day}, {year}",  # October 7, 2016
    "{year} жылғы {day} {month}",  # 2021 жылғы 29 қыркүйек · 2025 жылғы 29 желтоқсанда
    "{year} jylǵy {day} {month}",  # the same in Latin-script Kazakh
    "{day}.{month}.{year}",  # 24.02.2021
    "{day}-{month}-{year}",  # 14-08-2014
    "{day}/{month}/{year}",  # 24/02/2021
    "{year}-{month}-{day}",  # ISO 2021-09-29, also 2021-09-29T10:00:00+06:00
    "{hour}:{minute}",  # a time: never a date by itself, but part of a date line
)

_LETTERS = r"[^\W\d_]"
_KK_ENDING = re.compile(KK_ENDING)
_KK_LATIN_ENDING = re.compile(KK_LATIN_ENDING)
_FIELD = re.compile(r"\{(day|month|year|hour|minute)\}")
_MIN_YEAR, _MAX_YEAR = 1900, 2100

# What may stand next to a date on a line that is nothing but a date: separators, "г.", "жылғы",
# a time zone, a weekday.
_DATE_LINE_REST = re.compile(
    r"(?:[\s,.;:|/()–—-]"
    r"|г|года?|ж|жыл|жылы|жылғы|гмт|gmt|utc|[+-]\d{1,2}(?::?\d\d)?"
    r"|понедельник|вторник|среда|четверг|пятница|суббота|воскресенье"
    r"|дүйсенбі|сейсенбі|сәрсенбі|бейсенбі|жұма|сенбі|жексенбі"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday)*",
    re.IGNORECASE,
)


def _month_alternation() -> str:
    """A regex alternation of every month name, longest first, with its word boundary."""

    def alternation(names) -> str:
        return "|".join(re.escape(w) for w in sorted(names, key=len, reverse=True))

    return (
        rf"(?<!\w)(?:(?:{alternation(KK_MONTHS)}){KK_ENDING}"
        rf"|(?:{alternation(KK_LATIN_MONTHS)}){KK_LATIN_ENDING}"
        rf"|(?:{alternation(_WHOLE_WORD_MONTHS)})\.?)(?!{_LETTERS})"
    )


_MONTH_NAMES = _month_alternation()
_PIECES = {
    "day": r"(?<!\d)(?P<day>\d{1,2})(?!\d)",
    "month": rf"(?P<month>(?<!\d)\d{{1,2}}(?!\d)|{_MONTH_NAMES})",
    "year": r"(?<!\d)(?P<year>\d{4})(?!\d)",
    "hour": r"(?<!\d)(?P<hour>\d{1,2})(?!\d)",
    "minute": r"(?P<minute>\d{2})(?!\d)",
}


def _template_regex(template: str) -> str:
    out = []
    pos = 0
    for m in _FIELD.finditer(template):
        out.append(_literal(template[pos : m.start()]))
        out.append(_PIECES[m.group(1)])
        pos = m.end()
    out.append(_literal(template[pos:]))
    return "".join(out)


def _literal(text: str) -> str:
    """Template text between fields: a space is any whitespace (or none after a comma)."""
    parts = re.split(r"\s+", text)
    out = re.escape(parts[0])
    for previous, part in zip(parts, parts[1:], strict=False):
        out += (r"\s*" if previous.endswith((",", ".", ";")) else r"\s+") + re.escape(part)
    return out


@functools.lru_cache(maxsize=64)
def _compile_cached(formats: tuple[str, ...]) -> tuple[re.Pattern, ...]:
    return tuple(re.compile(_template_regex(f), re.IGNORECASE) for f in formats)


def compile_formats(formats: Iterable[str]) -> list[re.Pattern]:
    """Regexes for date templates such as "{day} {month}, {year}"; {month} is a name or a number."""
    return list(_compile_cached(tuple(formats)))


def _patterns(formats: Iterable[str | re.Pattern]) -> tuple[re.Pattern, ...]:
    formats = tuple(formats)
    if all(isinstance(f, str) for f in formats):
        return _compile_cached(formats)
    return tuple(f if isinstance(f, re.Pattern) else compile_formats([f])[0] for f in formats)


def month_number(word: str) -> int | None:
    """The month a name or number stands for (1–12), in any language apknews knows; else None."""
    word = unicodedata.normalize("NFC", word).strip().rstrip(".").casefold()
    if word.isdigit():
        return int(word) if 1 <= int(word) <= 12 else None
    if word in _WHOLE_WORD_MONTHS:
        return _WHOLE_WORD_MONTHS[word]
    for table, ending in ((KK_MONTHS, _KK_ENDING), (KK_LATIN_MONTHS, _KK_LATIN_ENDING)):
        for stem, number in table.items():
            if word.startswith(stem) and ending.fullmatch(word, len(stem)):
                return number
    return None


def _match_date(match: re.Match) -> datetime.date | None:
    groups = match.groupdict()
    if not (groups.get("day") and groups.get("month") and groups.get("year")):
        return None
    month = month_number(groups["month"])
    year = int(groups["year"])
    if month is None or not _MIN_YEAR <= year <= _MAX_YEAR:
        return None
    try:
        return datetime.date(year, month, int(groups["day"]))
    except ValueError:
        return None


def _match_time(match: re.Match) -> bool:
    groups = match.groupdict()
    if groups.get("day") or groups.get("year") or groups.get("month"):
        return False
    if groups.get("hour") is None or groups.get("minute") is None:
        return False
    return int(groups["hour"]) < 24 and int(groups["minute"]) < 60


def _valid_matches(text: str, patterns: Iterable[re.Pattern]):
    """(match, date or None) for every valid date or time in `text`, in pattern order."""
    for pattern in patterns:
        for match in pattern.finditer(text):
            found = _match_date(match)
            if found is not None or _match_time(match):
                yield match, found


def parse_date(text: str, formats: Iterable[str | re.Pattern] = DEFAULT_FORMATS) -> datetime.date | None:
    """The first valid date written in `text` in one of `formats`, or None."""
    if not text:
        return None
    text = unicodedata.normalize("NFC", text)
    best, best_key = None, None
    for match, found in _valid_matches(text, _patterns(formats)):
        key = (match.start(), -match.end())  # earliest, then longest
        if found is not None and (best_key is None or key < best_key):
            best, best_key = found, key
    return best


def strip_dates(line: str, formats: Iterable[str | re.Pattern] = DEFAULT_FORMATS) -> str:
    """`line` with every date and time in it cut out (what is left beside a date)."""
    text = unicodedata.normalize("NFC", line)
    spans = sorted(m.span() for m, _ in _valid_matches(text, _patterns(formats)))
    out, pos = [], 0
    for start, end in spans:
        if start >= pos:
            out.append(text[pos:start])
            pos = end
        elif end > pos:
            pos = end
    out.append(text[pos:])
    return " ".join(" ".join(out).split())


def is_date_line(line: str, formats: Iterable[str | re.Pattern] = DEFAULT_FORMATS) -> bool:
    """True when `line` holds a date (with time, "г.", weekday, time zone) and nothing else."""
    line = line.strip()
    if not line:
        return False
    rest = strip_dates(line, formats)
    if rest == " ".join(unicodedata.normalize("NFC", line).split()):
        return False  # no date or time in it at all
    return _DATE_LINE_REST.fullmatch(rest) is not None
