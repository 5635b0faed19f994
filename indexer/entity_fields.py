"""The entities an article names as index fields: their normal names for facets, their keys for filters.

Each kind has two fields: the names as the store holds them ("Касым-Жомарт Токаев"), one term
each, which facets count and show; and their keys (entity_key: case, ё, Kazakh letters, dashes
and quotes folded), which `person:`, `org:`, `region:`, `city:` and the filters match whole. A
person's key field also holds the surname's key, so that `person:Токаев` finds Касым-Жомарт Токаев.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import islice

from whoosh.analysis import RegexTokenizer
from whoosh.fields import KEYWORD

from archive.entities import CITY, ORG, PERSON, REGION, Entity

# kind -> (field of its names, field of its keys); the key field is named as the query field is.
NAME_FIELDS = {PERSON: "people", ORG: "orgs", REGION: "regions", CITY: "cities"}
KEY_FIELDS = {PERSON: "person", ORG: "org", REGION: "region", CITY: "city"}
_SEPARATOR = "\n"  # one name per line: names hold spaces and commas, never a line break

_KAZAKH_TO_RUSSIAN = str.maketrans("әғқңөұүһіё", "агкноуухие")
_DASHES = re.compile(r"\s*[-‐‑‒–—―]\s*")
_QUOTES = re.compile(r"[«»\"“”„'’`]")
_SPACES = re.compile(r"\s+")


def entity_key(name: str) -> str:
    """The form a name is matched by: lower case, ё as е, Kazakh letters as their Russian
    neighbours (Тоқаев = Токаев), any dash as '-', quotes dropped, spaces collapsed."""
    folded = name.casefold().translate(_KAZAKH_TO_RUSSIAN)
    folded = _QUOTES.sub("", folded)
    folded = _DASHES.sub("-", folded)
    return _SPACES.sub(" ", folded).strip()


def person_keys(name: str) -> list[str]:
    """A person's keys: the whole name's and, for a name of two words or more, the surname's."""
    key = entity_key(name)
    words = key.split(" ")
    return [key, words[-1]] if len(words) > 1 else [key]


def entity_fields() -> dict:
    """The schema's entity fields: a names field and a keys field per kind, one term per line."""
    fields = {}
    for kind in NAME_FIELDS:
        fields[NAME_FIELDS[kind]] = KEYWORD(analyzer=RegexTokenizer(r"[^\n]+"))
        fields[KEY_FIELDS[kind]] = KEYWORD(analyzer=RegexTokenizer(r"[^\n]+"))
    return fields


def entity_values(entities: Iterable[Entity]) -> dict[str, str]:
    """An article's entity fields (as add_document takes them); kinds it names none of left out."""
    names: dict[str, dict[str, None]] = {}
    keys: dict[str, dict[str, None]] = {}
    for entity in entities:
        if entity.kind not in NAME_FIELDS:
            continue
        name = _SPACES.sub(" ", entity.name).strip()
        if not name:
            continue
        names.setdefault(NAME_FIELDS[entity.kind], {})[name] = None
        own_keys = person_keys(name) if entity.kind == PERSON else [entity_key(name)]
        keys.setdefault(KEY_FIELDS[entity.kind], {}).update(dict.fromkeys(own_keys))
    values = {field: _SEPARATOR.join(found) for field, found in names.items()}
    values.update({field: _SEPARATOR.join(found) for field, found in keys.items()})
    return values


def with_entities(store, articles: Iterable[dict], batch: int = 500) -> Iterator[dict]:
    """`articles` (the store's dicts), each with its `entities` read from `store`, a batch at a time."""
    articles = iter(articles)
    while chunk := list(islice(articles, batch)):
        found = store.entities_by_url(a["canonical_url"] for a in chunk)
        for article in chunk:
            article["entities"] = found.get(article["canonical_url"], [])
            yield article
