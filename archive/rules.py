"""How to clean one source's pages, as data: config/extraction.toml merged with the source's own keys."""

from __future__ import annotations

import dataclasses
import functools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from archive.bundled import ConfigError, bundled_file
from archive.said import Said

DEFAULT_RULES_FILE = bundled_file("extraction.toml")

_TUPLE_FIELDS = (
    "date_formats",
    "title_suffixes",
    "strip_lines",
    "strip_patterns",
    "cut_from_lines",
    "cut_from_patterns",
    "strip_phrases",
    "byline_patterns",
    "credit_patterns",
    "dateline_patterns",
    "drop_selectors",
)
_SELECTOR_FIELDS = ("title_selector", "date_selector", "author_selector", "translation_selector")
_REGEX_FIELDS = (
    "strip_patterns",
    "cut_from_patterns",
    "strip_phrases",
    "byline_patterns",
    "credit_patterns",
    "dateline_patterns",
)


@dataclass(frozen=True)
class ExtractionRules:
    """Everything extraction knows about one source's pages (see config/extraction.toml for each key)."""

    title_selector: str = ""
    date_selector: str = ""
    author_selector: str = ""
    translation_selector: str = ""
    image_selector: str = "img"
    date_formats: tuple[str, ...] = ()
    zone: str = "astana"
    title_suffixes: tuple[str, ...] = ()
    strip_lines: tuple[str, ...] = ()
    strip_patterns: tuple[str, ...] = ()
    cut_from_lines: tuple[str, ...] = ()
    cut_from_patterns: tuple[str, ...] = ()
    strip_phrases: tuple[str, ...] = ()
    byline_patterns: tuple[str, ...] = ()
    credit_patterns: tuple[str, ...] = ()
    dateline_patterns: tuple[str, ...] = ()
    drop_selectors: tuple[str, ...] = ()

    def merged(self, other: dict) -> ExtractionRules:
        """These rules with `other`'s added: lists appended, selectors joined, other values replaced."""
        values = {}
        for key, value in other.items():
            current = getattr(self, key)
            if key in _TUPLE_FIELDS:
                values[key] = tuple(dict.fromkeys((*current, *value)))
            elif key in _SELECTOR_FIELDS and current and value:
                # a selector group, each alternative once (config files may repeat one another)
                parts = [*_alternatives(current), *_alternatives(value)]
                values[key] = ", ".join(dict.fromkeys(parts))
            else:
                values[key] = value
        return dataclasses.replace(self, **values)

    def regexes(self, name: str) -> tuple[re.Pattern, ...]:
        """The compiled regular expressions of the list `name` ("strip_phrases", ...)."""
        return _compile(getattr(self, name))


def _alternatives(selector: str) -> list[str]:
    """The comma-separated alternatives of a CSS selector group (commas in (), [] or quotes stay)."""
    parts, depth, quote, start = [], 0, "", 0
    for i, char in enumerate(selector):
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(selector[start:i])
            start = i + 1
    parts.append(selector[start:])
    return [p.strip() for p in parts if p.strip()]


@functools.lru_cache(maxsize=256)
def _compile(patterns: tuple[str, ...]) -> tuple[re.Pattern, ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in patterns)


RULE_KEYS = frozenset(f.name for f in dataclasses.fields(ExtractionRules))


def _checked(table: dict, where: str) -> dict:
    unknown = set(table) - RULE_KEYS
    if unknown:
        raise ConfigError("%(where)s: unknown keys %(keys)s", where=where, keys=sorted(unknown))
    values = {}
    for key, value in table.items():
        if key in _TUPLE_FIELDS:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError("%(where)s: %(key)s must be a list of strings", where=where, key=key)
            value = tuple(value)
        elif not isinstance(value, str):
            raise ConfigError("%(where)s: %(key)s must be a string", where=where, key=key)
        if key in _REGEX_FIELDS:
            for pattern in value:
                try:
                    re.compile(pattern)
                except re.error as exc:
                    raise ConfigError(
                        "%(where)s: bad regular expression %(pattern)r: %(reason)s",
                        where=where,
                        pattern=pattern,
                        reason=exc,
                    ) from exc
        values[key] = value
    return values


@functools.lru_cache(maxsize=8)
def load_rules(path: Path | str | None = None) -> tuple[dict, dict[str, dict]]:
    """(defaults, per-source tables) of the rules file at `path`, checked."""
    path = Path(path) if path else DEFAULT_RULES_FILE
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}, {}
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError("%(path)s: %(reason)s", path=path, reason=exc) from exc
    defaults = _checked(data.get("default", {}), f"{path} [default]")
    sources = {
        name: _checked(table, f"{path} [sources.{name}]") for name, table in data.get("sources", {}).items()
    }
    return defaults, sources


def rules_for(name: str, own: dict | None = None, where: str = "") -> ExtractionRules:
    """The rules of source `name`: the rules file's defaults, then `own` (the keys of its table in
    sources.toml, checked and named by `where` in errors), then its table in the rules file."""
    defaults, tables = load_rules()
    own = _checked(own, where or Said("source %(name)r", name=name)) if own else {}
    return ExtractionRules().merged(defaults).merged(own).merged(tables.get(name, {}))
