"""Site chrome out of extracted text and titles: strip lines and patterns, date lines, titles."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from apknews.extract.dates import DEFAULT_FORMATS, is_date_line, strip_dates
from apknews.sources import Source

TITLE_SEPARATORS = (" | ", " - ", " — ", " – ", " :: ")
MAX_DATE_LINE = 100  # a line longer than this is a paragraph, never a date line

# Spaces that are not plain spaces, and characters that are not there at all.
_SPACES = re.compile(r"[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")


def normalize_space(text: str) -> str:
    """`text` on one line: invisible characters gone, every run of whitespace one space, trimmed."""
    return _SPACES.sub(" ", _INVISIBLE.sub("", text)).strip()


@functools.lru_cache(maxsize=64)
def _strip_set(lines: tuple[str, ...]) -> frozenset[str]:
    return frozenset(normalize_space(line).casefold() for line in lines)


@functools.lru_cache(maxsize=64)
def _strip_regexes(patterns: tuple[str, ...]) -> tuple[re.Pattern, ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in patterns)


def is_chrome(line: str, source: Source) -> bool:
    """True when `line` (spaces normalised) is one of the source's strip lines or patterns."""
    if not line:
        return False
    folded = line.casefold()
    strip = _strip_set(source.strip_lines)
    if folded in strip or folded.rstrip(":").rstrip() in strip:
        return True
    return any(regex.fullmatch(line) for regex in _strip_regexes(source.strip_patterns))


def _is_date_chrome(line: str, source: Source, formats) -> bool:
    """A date line, or a date with only chrome beside it ("29 Сентября, 2021 268")."""
    if len(line) > MAX_DATE_LINE or not any(c.isdigit() for c in line):
        return False
    if is_date_line(line, formats):
        return True
    rest = strip_dates(line, formats)
    return rest != line and is_chrome(rest.strip(" ,|·•-–—"), source)


def _same_title(line: str, title: str) -> bool:
    def key(s: str) -> str:
        return normalize_space(s).casefold().rstrip(" .!?:")

    return bool(title) and key(line) == key(title)


def clean_text(
    text: str,
    *,
    title: str,
    source: Source,
    date_formats: Iterable[str] = DEFAULT_FORMATS,
) -> str:
    """The text without chrome: one paragraph per line of `text`, separated by blank lines."""
    formats = tuple(date_formats)
    kept: list[str] = []
    for raw in (text or "").splitlines():
        line = normalize_space(raw)
        if not line or is_chrome(line, source) or _is_date_chrome(line, source, formats):
            continue
        if not kept and _same_title(line, title):
            continue  # the headline repeated at the top of the body
        kept.append(line)
    return "\n\n".join(kept)


def clean_title(title: str, source: Source) -> str:
    """`title` without the site name appended or prepended ("… | Ассамблея народа Казахстана").

    Returns "" when the title is nothing but a site name.
    """
    title = normalize_space(title or "")
    names = [normalize_space(s).lower() for s in source.title_suffixes if s.strip()]
    while title:
        if title.lower() in names:
            return ""
        shorter = _without_site_name(title, names)
        if shorter == title:
            break
        title = shorter
    return title


def _without_site_name(title: str, names: list[str]) -> str:
    """`title` with one site name and its separator cut from either end (unchanged if none)."""
    lowered = title.lower()
    if len(lowered) != len(title):  # "İ" lowers to two characters: indexes would not match
        return title
    for name in names:
        for sep in TITLE_SEPARATORS:
            if lowered.endswith(sep + name):
                return title[: len(title) - len(sep + name)].strip()
            if lowered.startswith(name + sep):
                return title[len(name + sep) :].strip()
    return title
