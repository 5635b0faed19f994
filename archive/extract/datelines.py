"""Datelines ("НУР-СУЛТАН. КАЗИНФОРМ –") cut from the opening of an article's text, and their place."""

from __future__ import annotations

import re
from collections.abc import Iterable

from archive.extract.dates import DEFAULT_FORMATS, is_date_line
from archive.rules import ExtractionRules

# The dateline may stand after a line or two that are no sentence (a rubric, a caption) or after a
# lead that its paragraph repeats, but never after another first paragraph.
DATELINE_WITHIN = 3
DATE_PREFIX_CHARS = 60  # "14:35, 24 December 2015 | GMT +6" before a dateline on the same line
_DASH = "–—-"
_LEADING_DASH = re.compile(rf"^\s*[{_DASH}]+\s*")
_PROBE = " – Х"  # what a dateline's dash and the text after it look like, to test a line alone


def cut_dateline(
    paragraphs: list[str], rules: ExtractionRules, formats: Iterable[str] = DEFAULT_FORMATS
) -> tuple[str | None, list[str]]:
    """(dateline, paragraphs without it) when the text opens with one of the source's datelines.

    The dateline may open the first paragraph ("ASTANA. KAZINFORM – The …", any dash, spaced or
    not), stand after the page's date on that line, or stand alone on its line (set in <b>, or
    followed by <br>), the text then starting on the next line, maybe with the dash. A page that
    prints its first paragraph twice, as a lead above the text or repeated in it, keeps one copy.
    """
    formats = tuple(formats)
    opened = False  # a sentence came first: only a lead repeated after it may follow the dateline
    for index, line in enumerate(paragraphs[:DATELINE_WITHIN]):
        dateline, rest = split_dateline(line, rules, formats)
        if dateline is not None:
            before, after = paragraphs[:index], paragraphs[index + 1 :]
            if not rest and after:  # the dateline alone: the text goes on in the next line
                rest, after = _LEADING_DASH.sub("", after[0]), after[1:]
            leads = [p for p in before if _is_sentence(p) and rest.startswith(p)]
            if opened and not leads:
                return None, paragraphs  # "Первый абзац. АСТАНА – …" quotes a dateline
            before = [p for p in before if p not in leads]
            return dateline, [*before, *([rest] if rest else []), *_without_copy(after, rest)]
        opened = opened or _is_sentence(line)
    return None, paragraphs


def _without_copy(after: list[str], first: str) -> list[str]:
    """The paragraphs after the first, without a repeat of it that opens with the same dateline."""
    if after and first and after[0].endswith(first) and len(after[0]) - len(first) <= DATE_PREFIX_CHARS:
        return after[1:]
    return after


def split_dateline(
    line: str, rules: ExtractionRules, formats: Iterable[str] = DEFAULT_FORMATS
) -> tuple[str | None, str]:
    """(dateline, rest of `line`) when `line` opens with one of the source's datelines; else (None, line)."""
    for regex in rules.regexes("dateline_patterns"):
        end = _opening(regex, line, tuple(formats))
        if end is None:
            continue
        dateline, rest = end[0], line[end[1] :].strip()
        if rest[:1].islower():
            return None, line  # "АНК - это..." is a sentence, not a dateline
        return dateline, rest
    return None, line


def _opening(regex: re.Pattern, line: str, formats: tuple[str, ...]) -> tuple[str, int] | None:
    """(dateline, where the text after it starts) when `regex` finds one opening `line`."""
    match = regex.match(line) or _after_date(regex, line, formats)
    if match and match.groupdict().get("dateline"):
        return _tidy(match.group("dateline")), match.end()
    if _alone(regex, line):
        return _tidy(line), len(line)
    return None


def dateline_place(dateline: str | None) -> str:
    """The place a dateline names: "ASTANA" of "ASTANA. KAZINFORM", "ТАРАЗ" of "ТАРАЗ"; "" for none."""
    return (dateline or "").split(".")[0].strip()


def _after_date(regex: re.Pattern, line: str, formats: tuple[str, ...]) -> re.Match | None:
    """A dateline after the page's date and time on the same line: the date is chrome too."""
    for match in regex.finditer(line[: DATE_PREFIX_CHARS + 80]):
        prefix = line[: match.start()].strip(f" |·•,{_DASH}")
        if match.start() > DATE_PREFIX_CHARS:
            return None
        if prefix and is_date_line(prefix, formats):
            return match
    return None


def _alone(regex: re.Pattern, line: str) -> bool:
    """True when the whole `line` is a dateline whose text is on the next line: a place and agency
    ("ASTANA. KAZINFORM") or anything the pattern takes followed by its dash ("ТАРАЗ –"); a bare
    capitalised word ("НОВОСТИ") is no dateline."""
    bare = line.rstrip(f" {_DASH}")
    match = regex.match(bare + _PROBE)
    dateline = match.groupdict().get("dateline") if match else None
    if not dateline or ("." not in dateline and bare == line):
        return False
    return match.end() == len(bare) + len(_PROBE) - 1  # the probe's dash taken, its text left


def _tidy(dateline: str) -> str:
    return " ".join(dateline.split()).rstrip(f" .{_DASH}")


def _is_sentence(line: str) -> bool:
    return line.rstrip('»"”)').endswith((".", "!", "?", "…"))
