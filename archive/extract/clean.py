"""Site chrome out of extracted text and titles: strip lines, date lines, datelines, bylines, tails."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from archive.extract.datelines import cut_dateline
from archive.extract.dates import DEFAULT_FORMATS, is_date_line, strip_dates
from archive.extract.published import RELATIVE_DAYS
from archive.rules import ExtractionRules
from archive.sources import Source

TITLE_SEPARATORS = (" | ", " - ", " — ", " – ", " :: ")
MAX_DATE_LINE = 100  # a line longer than this is a paragraph, never a date line
HEADLINE_REPEATED_WITHIN = 2  # a line equal to the title among the first two is the headline again
CHROME_ABOVE_HEADLINE = 6  # or after this many lines at most of page chrome (site name, counters)

# Characters that are not there at all.
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")


def normalize_space(text: str) -> str:
    """`text` on one line: invisible characters gone, every run of whitespace one space, trimmed.

    Whitespace is what str.split() splits on: every Unicode space (no-break, thin, ideographic)."""
    return " ".join(_INVISIBLE.sub("", text).split())


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


# "Сегодня | 13:53", "Вчера, 20:10", "Today at 9:05": a page's date element, never a sentence.
_RELATIVE_DATE_LINE = re.compile(
    rf"(?:{'|'.join(RELATIVE_DAYS)})\s*[,|·•–—-]?\s*(?:в|at|сағ\.?)?\s*\d{{1,2}}:\d{{2}}", re.IGNORECASE
)


def _is_date_chrome(line: str, rules: ExtractionRules, formats) -> bool:
    """A date line, or a date with only chrome beside it ("29 Сентября, 2021 268")."""
    if len(line) > MAX_DATE_LINE or not any(c.isdigit() for c in line):
        return False
    if is_date_line(line, formats) or _RELATIVE_DATE_LINE.fullmatch(line):
        return True
    rest = strip_dates(line, formats)
    return rest != line and is_chrome(rest.strip(" ,|·•-–—"), rules)


META_LINE_WORDS = 3  # what may stand beside a date in a page's meta line: a rubric, "4 min"


def _is_meta_line(line: str, formats) -> bool:
    """A short line of a date with a word or two beside it and no sentence: the page's meta line."""
    if len(line) > MAX_DATE_LINE or line.endswith((".", "!", "?")):
        return False
    rest = strip_dates(line, formats)
    return rest != line and len(rest.split()) <= META_LINE_WORDS


def _is_counter(line: str) -> bool:
    """A line of figures alone ("1 245" views) that is no row of a table."""
    return not any(c.isalpha() for c in line) and not line.startswith("|")


def _headline_repeated(kept: list[str]) -> bool:
    """Whether a line equal to the title, after the lines `kept` so far, is the headline again: it
    comes first, after a lead, or after nothing but page chrome (no sentence)."""
    if len(kept) < HEADLINE_REPEATED_WITHIN:
        return True
    return len(kept) <= CHROME_ABOVE_HEADLINE and not any(map(ends_sentence, kept))


def ends_sentence(line: str) -> bool:
    """Whether `line` ends as a sentence does (a quotation mark after the full stop counts)."""
    return line.rstrip('»"”)').endswith((".", "!", "?"))


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
    lines = [line for line in map(normalize_space, (text or "").splitlines()) if line]
    skip_to = 0
    for index, line in enumerate(lines):
        if index < skip_to:
            continue
        if _starts_tail(line, rules):
            skip_to = _inline_card_end(lines, index)
            if kept and not skip_to:
                break  # "Сейчас читают" and everything after it belongs to the page, not the article
            continue
        if is_chrome(line, rules) or _is_date_chrome(line, rules, formats):
            continue
        if not kept and (_is_meta_line(line, formats) or _is_counter(line)):
            continue  # "News · 1 March 2022", "11 December 2018 4 min", "1 245" above the text
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
        if _same_title(line, title) and _headline_repeated(kept):
            kept = [k for k in kept if ends_sentence(k)]  # "Sport", a counter: page chrome above it
            continue  # the headline repeated at the top of the body, or after a lead
        kept.append(line)
    result.dateline, kept = cut_dateline(kept, rules, formats)
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


INLINE_CARD_LINES = 2  # headlines a "read also" card set inside the text shows, at most
PARAGRAPH_WORDS = 8  # a line of the article's own text has at least these many words


def _inline_card_end(lines: list[str], start: int) -> int:
    """Where the text resumes after a "Читайте также" card set between two paragraphs (0 if it does
    not: the marker then opens the page's tail). A card is the marker and a headline or two."""
    for end in range(start + 1, min(start + 2 + INLINE_CARD_LINES, len(lines))):
        if is_paragraph(lines[end]):
            return end if end > start + 1 else 0
    return 0


def is_paragraph(line: str) -> bool:
    """A sentence or more of running text; not a headline, not a teaser cut short ("…")."""
    if len(line.split()) < PARAGRAPH_WORDS or line.endswith(("...", "…")):
        return False
    return ends_sentence(line)


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
