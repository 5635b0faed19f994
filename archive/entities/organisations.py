"""Organisations under one name each: the alias groups of config/aliases.toml, the names of
config/organisations.toml in every language, and names the NER model cuts in two ("Ассамблеи
народа" ORG + "Казахстана" LOC) joined again."""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Callable
from functools import lru_cache

from archive.bundled import bundled_file
from archive.entities.places import mentions, name_index
from archive.translit import has_kazakh_letters

_GAP = re.compile(r"^[ \u00a0]+$")
_RUSSIAN_WORDS = re.compile(r"^[А-Яа-яЁё][а-яё]+(?: [А-Яа-яЁё-]+)+$")


# Spans the NER model cuts in two, with only a space between, and what they are together: an
# organisation and a place ("Ассамблеи народа" + "Казахстана"), a first name read as a place and
# a surname ("Касым-Жомартом" + "Токаевым").
_JOINED = {("ORG", "LOC"): "ORG", ("LOC", "PER"): "PER"}


def joined_with_place(spans: list, text: str, make: Callable) -> list:
    """The spans of one text with the pairs of _JOINED made one by `make(text, type, start, stop)`."""
    joined = []
    for span in spans:
        previous = joined[-1] if joined else None
        kind = _JOINED.get((previous.type, span.type)) if previous is not None else None
        if kind and _GAP.match(text[previous.stop : span.start]):
            joined[-1] = make(text, kind, previous.start, span.stop)
            continue
        joined.append(span)
    return joined


@lru_cache(maxsize=1)
def alias_groups() -> tuple[tuple[str, str], ...]:
    """(the group's Russian name, one of its names) for each name of each group of
    config/aliases.toml that is an organisation's (a group with a Russian name of several words)."""
    groups = tomllib.loads(bundled_file("aliases.toml").read_text(encoding="utf-8")).get("group", [])
    found = []
    for group in groups:
        names = group.get("names", [])
        russian = next(
            (n for n in names if _RUSSIAN_WORDS.match(n) and not has_kazakh_letters(n.lower())), None
        )
        if russian is not None:
            found.extend((russian, name) for name in names)
    return tuple(found)


@lru_cache(maxsize=1)
def alias_names() -> dict[str, str]:
    """{a name of an organisation's alias group, folded: the group's Russian name}."""
    return {fold(name): russian for russian, name in alias_groups()}


def fold(name: str) -> str:
    return " ".join(name.replace("ё", "е").replace("Ё", "Е").split()).casefold()


def canonical_organisation(name: str) -> str:
    """`name` as its alias group names it ("АНК" gives "Ассамблея народа Казахстана"), or as
    config/organisations.toml does when that is all it says ("Нур Отан" gives "Nur Otan"), else
    as it stands."""
    name = " ".join(name.split()).strip(" «»\"'")
    if (alias := alias_names().get(fold(name))) is not None:
        return alias
    whole = [m.place for m in mentions(name, organisation_index()) if m.start == 0 and m.end == len(name)]
    return whole[0] if whole else name


@lru_cache(maxsize=1)
def organisation_index() -> dict:
    """The name_index (archive.entities.places) of config/organisations.toml's names."""
    data = tomllib.loads(bundled_file("organisations.toml").read_text(encoding="utf-8"))
    return name_index((name, entry["name"]) for entry in data["organisation"] for name in entry["names"])


def organisations_in(text: str) -> Counter:
    """{organisation's name: mentions} of config/organisations.toml's organisations in `text`."""
    return Counter(mention.place for mention in mentions(text, organisation_index()))


def joined_to_longer(names: list[str]) -> list[str]:
    """Each name, a one-word name standing for a longer one of the same text that starts with it
    ("Ассамблея" for "Ассамблея народа Казахстана") replaced by the longer one."""
    longer = {}
    for name in names:
        head = name.split()[0]
        if " " in name and head not in longer:
            longer[head] = name
    return [longer.get(name, name) if " " not in name else name for name in names]
