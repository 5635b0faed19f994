"""Entity filters: `person:`, `org:`, `region:`, `city:` and their options, matched whole by their keys.

A person or an organisation is matched by the key of the name typed (indexer.entity_fields; a
person typed in Latin letters by its loose key, search.entity_spelling: Tokayev is Токаев), an
organisation's first read as extraction names it (archive.entities.organisations: АНК, APK and
Қазақстан халқы Ассамблеясы are Ассамблея народа Казахстана): an unknown name finds nothing. A
region or a city is first read through the gazetteer (search.places: any spelling, alphabet or
former name to its one normal name); a place the gazetteer does not know is an error naming the
close ones.
"""

from __future__ import annotations

from whoosh import query as wq

from archive.entities import CITY, ORG, PERSON, REGION
from archive.entities.organisations import canonical_organisation
from indexer.entity_fields import KEY_FIELDS, NAME_FIELDS, entity_key
from search.entity_spelling import LooseName, typed_in_latin
from search.places import normal_place
from search.syntax import Filter, QueryError

# The query's field (and filter's name) of each kind: person:, org:, region:, city:.
ENTITY_FILTERS = {KEY_FIELDS[kind]: kind for kind in (PERSON, ORG, REGION, CITY)}
# Their filter parameters (--person, ?person=) and the attribute of search.filters.Filters.
ENTITY_PARAMS = ("person", "org", "region", "city")
_EXAMPLE = {
    "person": 'person:"Касым-Жомарт Токаев"',
    "org": 'org:"Нур Отан"',
    "region": "region:Астана",
    "city": "city:Тараз",
}
_WHAT = {PERSON: "people", ORG: "organisations", REGION: "regions", CITY: "cities"}


def normal_value(name: str, value: str) -> str:
    """The value a filter keeps: a place's normal name (QueryError for a place nobody knows), any other
    name as typed, spaces collapsed."""
    value = " ".join(value.split())
    if not value:
        raise QueryError(
            "%(field)s: needs a name", "write e.g. %(example)s", field=name, example=_EXAMPLE[name]
        )
    kind = ENTITY_FILTERS[name]
    if kind in (REGION, CITY):
        return normal_place(kind, value)
    if kind == ORG:  # any name extraction folds into it: АНК, APK, Қазақстан халқы Ассамблеясы
        return canonical_organisation(value)
    return value


def entity_query(name: str, value: str) -> wq.Query:
    """The articles naming `value` as the filter `name` (person, org, region, city) reads it; scored 0:
    a filter, not a word."""
    return _key_query(name, entity_key(normal_value(name, value)))


def _key_query(name: str, key: str) -> wq.Query:
    """A person typed in Latin letters (Tokayev) is each name of the index with its loose key."""
    if ENTITY_FILTERS[name] == PERSON and typed_in_latin(key):
        return LooseName(name, key, boost=0.0)
    return wq.Term(name, key, boost=0.0)


def entity_filter(node: Filter, lines: list[str]) -> wq.Query:
    """entity_query() for a query's `name:value` (`node`), with a line in `lines` saying how it was read."""
    name, value = node.name, node.value
    normal = normal_value(name, value)
    kind = ENTITY_FILTERS[name]
    read = f" (read as {normal})" if entity_key(normal) != entity_key(value) else ""
    spelled = " (in any alphabet)" if kind == PERSON and typed_in_latin(entity_key(normal)) else ""
    lines.append(f"{name}:{value}{read}: only articles naming it{spelled} among their {_WHAT[kind]}")
    return _key_query(name, entity_key(normal))


def names_field(kind: str) -> str:
    """The index field holding the normal names of `kind` (what facets count)."""
    return NAME_FIELDS[kind]
