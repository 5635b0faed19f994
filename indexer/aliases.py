"""Alias groups (config/aliases.toml plus the user's own file): names that mean the same thing."""

from __future__ import annotations

import logging
import os
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from archive.bundled import bundled_file
from archive.sources import ConfigError
from archive.translit import loose_key
from indexer.analysis import FUNCTION_WORDS, WORD_PATTERN, fold_spelling, kazakh_stems, lemmatize

logger = logging.getLogger(__name__)

BUNDLED_FILE = bundled_file("aliases.toml")
USER_FILE_NAME = "aliases.toml"  # in the data folder
ENV_FILE = "APKNEWS_ALIASES_FILE"
_WORD = re.compile(WORD_PATTERN)


class AliasFileError(ConfigError):
    """An aliases file that cannot be read; the message names the file."""


@dataclass(frozen=True)
class AliasGroup:
    name: str
    names: tuple[str, ...]


def content_words(text: str) -> list[str]:
    """The words of `text` that search looks at: lowercased, spelling-folded, function words left out."""
    words = (fold_spelling(w.lower()) for w in _WORD.findall(text))
    return [w for w in words if w not in FUNCTION_WORDS]


@lru_cache(maxsize=4096)
def word_keys(word: str) -> frozenset[str]:
    """Keys under which a lowercased word meets its other spellings and forms ("астане" ~ "Astana")."""
    keys = {loose_key(word), loose_key(lemmatize(word))}
    keys.update(loose_key(stem) for stem in kazakh_stems(word))
    return frozenset(keys)


class Aliases:
    """Groups of names; finds the names in a run of query words."""

    def __init__(self, groups: list[AliasGroup]):
        self.groups = groups
        self._names: list[tuple[list[frozenset[str]], AliasGroup]] = []
        for group in groups:
            for name in group.names:
                words = content_words(name)
                if words:
                    self._names.append(([word_keys(w) for w in words], group))
        self._names.sort(key=lambda entry: -len(entry[0]))  # longest names first

    def __len__(self) -> int:
        return len(self.groups)

    def group_of(self, words: list[str]) -> AliasGroup | None:
        """The group one of whose names is exactly these (content) words, or None."""
        for keys, group in self._names:
            if len(keys) == len(words) and all(k & word_keys(w) for k, w in zip(keys, words, strict=True)):
                return group
        return None

    def find(self, words: list[str]) -> list[tuple[int, int, AliasGroup]]:
        """(start, length, group) of each alias name in `words`, longest first, left to right."""
        found = []
        start = 0
        while start < len(words):
            for keys, group in self._names:
                end = start + len(keys)
                if end <= len(words) and all(
                    k & word_keys(w) for k, w in zip(keys, words[start:end], strict=True)
                ):
                    found.append((start, len(keys), group))
                    start = end
                    break
            else:
                start += 1
        return found


def load_aliases(data_dir: Path | str | None = None, extra_file: Path | str | None = None) -> Aliases:
    """The bundled groups, then the data folder's aliases.toml, then `extra_file` or $APKNEWS_ALIASES_FILE."""
    files = [BUNDLED_FILE]
    if data_dir is not None:
        files.append(Path(data_dir) / USER_FILE_NAME)
    extra = extra_file or os.environ.get(ENV_FILE)
    if extra:
        files.append(Path(extra))
        if not Path(extra).exists():
            raise AliasFileError("aliases file %(path)s does not exist", path=extra)
    groups: list[AliasGroup] = []
    for path in files:
        groups.extend(_groups_in(path))
    return Aliases(groups)


# Every search reads the alias files: parsed once per version of a file (~1 ms a search otherwise).
_parsed: dict[Path, tuple[tuple, list[AliasGroup]]] = {}


def _groups_in(path: Path) -> list[AliasGroup]:
    try:
        stat = path.stat()
    except FileNotFoundError:
        return []
    version = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
    cached = _parsed.get(path)
    if cached is None or cached[0] != version:
        cached = _parsed[path] = (version, _read_groups(path))
    return cached[1]


def _read_groups(path: Path) -> list[AliasGroup]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise AliasFileError("aliases file %(path)s: %(reason)s", path=path, reason=exc) from exc
    groups = []
    for number, entry in enumerate(data.get("group", []), start=1):
        names = entry.get("names") if isinstance(entry, dict) else None
        if not isinstance(names, list) or not all(isinstance(n, str) and n.strip() for n in names):
            raise AliasFileError(
                'aliases file %(path)s: group %(number)s needs names = ["…", "…"]', path=path, number=number
            )
        groups.append(AliasGroup(str(entry.get("name", names[0])), tuple(dict.fromkeys(names))))
    return groups
