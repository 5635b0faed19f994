"""Site chrome out of extracted text and titles: strip lines, date lines, datelines, bylines, tails."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from archive.extract.dates import DEFAULT_FORMATS, is_date_line, strip_dates
from archive.rules import ExtractionRules
from archive.sources import Source

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


def is_chrome(line: str, rules: ExtractionRules) -> bool:
    """True when `line` (spaces normalised) is one of the source's strip lines or patterns."""
    if not line:
        return False
    folded = line.casefold()
    strip = _strip_set(rules.strip_lines)
    if folded in strip or folded.rstrip(":").rstrip() in strip:
        return True
    return any(regex.fullmatch(line) for regex in _strip_regexes(rules.strip_patterns))


def _is_date_chrome(line: str, rules: ExtractionRules, formats) -> bool:
    """A date line, or a date with only chrome beside it ("29 Сентября, 2021 268")."""
    if len(line) > MAX_DATE_LINE or not any(c.isdigit() for c in line):
        return False
    if is_date_line(line, formats):
        return True
    rest = strip_dates(line, formats)
    return rest != line and is_chrome(rest.strip(" ,|·•-–—"), rules)


def _same_title(line: str, title: str) -> bool:
    def key(s: str) -> str:
        return normalize_space(s).casefold().rstrip(" .!?:")

    return bool(title) and key(line) == key(title)


@dataclass
class CleanText:
    """An article body without chrome, and what the cleaner took out of it that a reader may cite."""

    text: str  # paragraphs separated by blank lines
    dateline: str | None = None  # "НУР-СУЛТАН. КАЗИНФОРМ", cut from the first paragraph
    author: str | None = None  # from a byline ("Автор: ...")
    credit: str | None = None  # from a credit line kept in the text ("Пресс-служба ...")


def clean_text(
    text: str,
    *,
    title: str,
    source: Source,
    date_formats: Iterable[str] = DEFAULT_FORMATS,
) -> str:
    """The text without chrome: one paragraph per line of `text`, separated by blank lines."""
    return clean_body(text, title=title, rules=source.rules, date_formats=date_formats).text


def clean_body(
    text: str,
    *,
    title: str,
    rules: ExtractionRules,
    date_formats: Iterable[str] = DEFAULT_FORMATS,
) -> CleanText:
    """`text` without chrome by `rules`: its paragraphs, its dateline and its author."""
    formats = tuple(date_formats)
    kept: list[str] = []
    result = CleanText("")
    for raw in (text or "").splitlines():
        line = normalize_space(raw)
        if not line:
            continue
        if _starts_tail(line, rules):
            if kept:
                break  # "Сейчас читают" and everything after it belongs to the page, not the article
            continue
        if is_chrome(line, rules) or _is_date_chrome(line, rules, formats):
            continue
        byline = _match_group(line, rules.regexes("byline_patterns"), "author")
        if byline is not None:
            result.author = result.author or _real_author(byline)
            continue
        credit = _match_group(line, rules.regexes("credit_patterns"), "author")
        if credit is not None:
            result.credit = result.credit or _real_author(credit)
        line = _strip_phrases(line, rules)
        if not line:
            continue
        if not kept:
            if _same_title(line, title):
                continue  # the headline repeated at the top of the body
            dateline, line = split_dateline(line, rules)
            result.dateline = result.dateline or dateline
            if not line:
                continue
        kept.append(line)
    result.text = "\n\n".join(kept)
    return result


_NO_AUTHOR = frozenset({"", "none", "null", "unknown", "нет", "-"})


def _real_author(name: str) -> str | None:
    name = normalize_space(name).strip(" ,.;:")
    return None if name.casefold() in _NO_AUTHOR else name


def _match_group(line: str, regexes: Iterable[re.Pattern], group: str) -> str | None:
    """The named group of the first regex that matches all of `line` ("" without the group); else None."""
    for regex in regexes:
        match = regex.fullmatch(line)
        if match:
            return (match.groupdict().get(group) or "") if group in regex.groupindex else ""
    return None


def _starts_tail(line: str, rules: ExtractionRules) -> bool:
    folded = line.casefold().rstrip(" :")
    if folded in _strip_set(rules.cut_from_lines):
        return True
    return any(regex.fullmatch(line) for regex in rules.regexes("cut_from_patterns"))


_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+([.,!?;:»)])")
_DOUBLE_PUNCTUATION = re.compile(r"[,;]\s*([.!?])")


def _strip_phrases(line: str, rules: ExtractionRules) -> str:
    """`line` without the source's attribution phrases (", передает Kazinform"), tidied."""
    changed = line
    for regex in rules.regexes("strip_phrases"):
        changed = regex.sub("", changed)
    if changed == line:
        return line
    changed = _DOUBLE_PUNCTUATION.sub(r"\1", _SPACE_BEFORE_PUNCTUATION.sub(r"\1", changed))
    changed = normalize_space(changed)
    return "" if not any(c.isalnum() for c in changed) else changed


def split_dateline(line: str, rules: ExtractionRules) -> tuple[str | None, str]:
    """(dateline, rest) when `line` opens with one of the source's datelines; else (None, line)."""
    for regex in rules.regexes("dateline_patterns"):
        match = regex.match(line)
        if match and match.groupdict().get("dateline"):
            rest = line[match.end() :].strip()
            if rest[:1].islower():
                return None, line  # "АНК - это..." is a sentence, not a dateline
            return normalize_space(match.group("dateline")).rstrip(" .–—-"), rest
    return None, line


def clean_title(title: str, rules: ExtractionRules) -> str:
    """`title` without the site name appended or prepended ("… | Ассамблея народа Казахстана").

    Returns "" when the title is nothing but a site name.
    """
    title = normalize_space(title or "")
    names = [normalize_space(s).lower() for s in rules.title_suffixes if s.strip()]
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
