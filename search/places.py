"""The gazetteer's places as a search reads them: any spelling of a region or a city to its one normal name.

config/regions.toml (archive/entities/places.py's gazetteer: [[place]] name, kind, names) names each
region and city with its spellings in Russian, Kazakh (both alphabets) and English and its former
names; `region:Nur-Sultan`, `region:Астана` and `region:Акмола` are one filter. A place it does not
name is an error whose hint lists the closest ones.
"""

from __future__ import annotations

import difflib
import functools
import tomllib

from archive.bundled import bundled_file
from archive.entities import CITY, REGION
from indexer.entity_fields import entity_key
from search.syntax import QueryError

REGIONS_FILE = "regions.toml"
_CLOSE = 5  # close names the error lists


@functools.cache
def place_names() -> dict[str, dict[str, str]]:
    """{REGION or CITY: {key of any spelling: normal name}} of the bundled gazetteer; empty when
    there is none."""
    path = bundled_file(REGIONS_FILE)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {REGION: {}, CITY: {}}
    found: dict[str, dict[str, str]] = {REGION: {}, CITY: {}}
    for place in data.get("place", []):
        kind = CITY if place.get("kind") == CITY else REGION
        for spelling in [place["name"], *place.get("names", [])]:
            found[kind].setdefault(entity_key(spelling), place["name"])
    return found


def normal_place(kind: str, typed: str) -> str:
    """The normal name of the region (or city) spelled `typed`; QueryError naming the close ones when
    the gazetteer knows no such place. (The cities of republican significance, Астана, Алматы and
    Шымкент, are regions.)"""
    names = place_names()
    if not names[REGION] and not names[CITY]:
        return typed  # no gazetteer: the name as typed
    key = entity_key(typed)
    normal = names[kind].get(key)
    if normal is not None:
        return normal
    if kind == REGION and key in names[CITY]:  # region:Тараз: the city's own filter says it
        city = names[CITY][key]
        raise QueryError(_A_CITY[0], _A_CITY[1], place=typed, city=f'"{city}"' if " " in city else city)
    known = sorted(set(names[kind].values()))
    close = difflib.get_close_matches(key, list(names[kind]), n=_CLOSE * 3, cutoff=0.6)
    suggestions = list(dict.fromkeys(names[kind][c] for c in close))[:_CLOSE] or known[:_CLOSE]
    message, hint = _UNKNOWN[kind]
    raise QueryError(message, hint, place=typed, names=", ".join(suggestions), count=len(known))


# What an unknown place is told, per kind (whole sentences: each language words them its own way).
_UNKNOWN = {
    REGION: ("unknown region %(place)r", "did you mean: %(names)s? (%(count)s region names are known)"),
    CITY: ("unknown city %(place)r", "did you mean: %(names)s? (%(count)s city names are known)"),
}
_A_CITY = ("%(place)r is a city, not a region", "write city:%(city)s")
