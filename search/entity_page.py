"""What the archive says about one person, organisation or place: its articles, when, where, and with whom.

The articles are a search for every article naming it (search.entities' filter), folded into stories
as any search is; the timeline counts them by month and language; the regions and the entities
named with it are that search's facets, so each count is what its link leads to.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from archive.entities import CITY, KINDS, ORG, PERSON, REGION
from archive.settings import DataDir
from indexer.entity_fields import KEY_FIELDS, entity_key, person_keys
from search.engine import SearchResult, search
from search.filters import FilterError, Filters
from search.syntax import QueryError
from search.timeline import Timeline, count_over_time

# The facets an entity page shows beside its articles: its regions, then who and what is named with it.
NAMED_WITH = (KEY_FIELDS[PERSON], KEY_FIELDS[ORG])
WHERE = KEY_FIELDS[REGION]


@dataclass
class EntityReport:
    """One entity's page: `result` (a page of its stories, with the search's facets), its timeline by
    month split by language, its regions and the people and organisations named with it (stories
    naming both, the entity itself left out)."""

    kind: str
    name: str
    result: SearchResult
    timeline: Timeline
    regions: dict[str, int] = field(default_factory=dict)
    named_with: dict[str, dict[str, int]] = field(default_factory=dict)  # person/org -> name -> stories

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "name": self.name,
            "filter": {KEY_FIELDS[self.kind]: self.name},
            "total": self.result.total,
            "total_articles": self.result.total_articles,
            "counts": self.result.counts,
            "hits": [hit.to_dict() for hit in self.result.hits],
            "timeline": self.timeline.to_dict(),
            "regions": self.regions,
            "named_with": self.named_with,
        }


def entity_filters(kind: str, name: str) -> Filters:
    """The filters that keep the articles naming `name` as a `kind` (FilterError for an unknown place)."""
    if kind not in KINDS:
        raise QueryError(
            "unknown kind %(kind)r", "use one of: %(choices)s", kind=kind, choices=", ".join(KINDS)
        )
    return Filters(**{KEY_FIELDS[kind]: name})


def guess_kind(data_dir: DataDir | Path | str, name: str) -> str:
    """The kind under which the archive names `name` most often (a person when none does)."""
    totals = {}
    for kind in (PERSON, ORG, REGION, CITY):
        try:
            totals[kind] = search(data_dir, "*", filters=entity_filters(kind, name), limit=0).total
        except FilterError:  # not a place the gazetteer knows
            continue
    best = max(totals, key=lambda kind: totals[kind], default=PERSON)
    return best if totals.get(best) else PERSON


def entity_report(
    data_dir: DataDir | Path | str,
    name: str,
    kind: str | None = None,
    *,
    limit: int = 20,
    offset: int = 0,
    collapse_reposts: bool = True,
) -> EntityReport:
    """The page of `name` as a `kind` (None: guess_kind): `limit` of its stories from `offset`, newest
    first. A name no article names is a page of 0 stories; a place nobody knows, a FilterError."""
    kind = kind or guess_kind(data_dir, name)
    filters = entity_filters(kind, name)
    normal = getattr(filters, KEY_FIELDS[kind])
    result = search(
        data_dir,
        "*",
        filters=filters,
        sort="date",
        limit=limit,
        offset=offset,
        collapse_reposts=collapse_reposts,
    )
    timeline = count_over_time(
        data_dir, "*", filters=filters, by="month", split="lang", collapse_reposts=collapse_reposts
    )
    facets = {
        facet: {
            other: n
            for other, n in result.facets.get(facet, {}).items()
            if not _is_it(kind, normal, facet, other)
        }
        for facet in (*NAMED_WITH, WHERE)
    }
    regions = facets.pop(WHERE)
    return EntityReport(kind, normal, result, timeline, regions, facets)


def _is_it(kind: str, name: str, facet: str, other: str) -> bool:
    """Whether the facet value `other` is the entity itself (a surname names its whole name too)."""
    if facet != KEY_FIELDS[kind]:
        return False
    keys = person_keys(other) if kind == PERSON else [entity_key(other)]
    return entity_key(name) in keys
