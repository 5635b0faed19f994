"""Finding and storing the entities of stored articles: NER for Russian, the gazetteer of known
names for every language, the places, and the names carried across linked translations."""

from __future__ import annotations

import hashlib
import logging
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from archive.entities import CITY, ORG, PERSON, REGION, Entity
from archive.entities.known import Gazetteer, confirmed
from archive.entities.people import known_people_index
from archive.entities.regions import ArticlePlaces, place_entities
from archive.entities.russian import russian_entities

logger = logging.getLogger(__name__)

CARRIED_FROM = ("ner",)  # what a translation passes on: what the Russian NER found in it
MIN_ORG_ARTICLES = 2  # an organisation the NER named this often is looked for by the gazetteer
READ_BATCH = 1000  # articles whose texts are read at once


@dataclass
class EntityReport:
    articles: int = 0  # articles whose entities were found
    entities: int = 0  # entities stored for them
    carried: int = 0  # entities carried over from a linked translation
    found_early: int = 0  # Russian texts whose NER was done beside the crawl (EarlyNer)
    seconds: float = 0.0


def article_text(row: dict) -> str:
    """What entities are read from: the headline, then the text."""
    return f"{row['title']}\n{row['text']}"


def find_entities(
    store, sources: dict, article_ids: Iterable[int] | None = None, early: EarlyNer | None = None
) -> EntityReport:
    """Find and store the entities of the articles `article_ids` (every article when None), then
    carry names across their translations. `sources` gives each source's region; `early` holds
    what the Russian NER found in texts while they were being crawled (found again when missing)."""
    started = time.monotonic()
    ids = sorted(set(store.entity_article_ids() if article_ids is None else article_ids))
    report = EntityReport()
    return save_found(store, ids, found_entities(store, sources, ids, early, report), report, started)


def save_found(
    store, ids: list[int], found: Iterable[tuple[int, list[Entity]]], report: EntityReport, started: float
) -> EntityReport:
    """Store the `found` entities of the articles `ids`, then carry names across their translations."""
    for article_id, entities in found:
        store.save_entities(article_id, entities)
        report.entities += len(entities)
    report.carried = carry_translations(store, ids)
    report.seconds = time.monotonic() - started
    logger.info(
        "entities of %d articles: %d found (the NER of %d texts done beside the crawl), %d carried",
        *(report.articles, report.entities, report.found_early, report.carried),
    )
    return report


def found_entities(
    store, sources: dict, ids: list[int], early: EarlyNer | None, report: EntityReport
) -> Iterator[tuple[int, list[Entity]]]:
    """(article id, its entities) of the articles `ids`, in order; nothing is stored.

    The texts are read READ_BATCH articles at a time, twice: for the NER, then, once the names
    the NER found everywhere have joined the gazetteer, for the rest; memory holds the found
    entities, not the texts."""
    known = store.known_entities([PERSON, ORG])
    people = known_people_index(name for kind, name in known if kind == PERSON)
    found_early = early.found if early is not None and early.people == people else {}
    ner: dict[int, list[Entity]] = {}
    for batch in _batches(ids):
        russian = [row for row in store.entity_facts(batch) if row["lang"] == "ru"]
        ner.update(_russian_entities(russian, people, found_early))
        report.found_early += sum(text_key(article_text(row)) in found_early for row in russian)
    named = {(e.kind, e.name) for found in ner.values() for e in found}
    gazetteer = Gazetteer(
        {key for key, count in known.items() if key[0] == PERSON or count >= MIN_ORG_ARTICLES}
        | {key for key in named if key[0] == PERSON}
    )
    for batch in _batches(ids):
        for row in store.entity_facts(batch):
            entities = _united(ner.get(row["id"], []), gazetteer.find(article_text(row)))
            report.articles += 1
            yield row["id"], entities + place_entities(_places_of(row, sources))


@dataclass
class EarlyNer:
    """What the Russian NER found in texts before the entity pass: {text_key(text): entities}, for
    the index of known people it was given (the pass uses it only if the archive's is the same)."""

    people: dict[str, str]
    found: dict[bytes, list[Entity]]


def text_key(text: str) -> bytes:
    """A short key standing for a text (the texts themselves are not kept)."""
    return hashlib.blake2b(text.encode(), digest_size=16).digest()


def _batches(ids: list[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), READ_BATCH):
        yield ids[start : start + READ_BATCH]


def _russian_entities(rows: list[dict], people: dict, found_early: dict) -> dict[int, list[Entity]]:
    """{id: people and organisations} of Russian `rows`: found early, or by the NER now."""
    keys = {row["id"]: text_key(article_text(row)) for row in rows}
    late = [row for row in rows if keys[row["id"]] not in found_early]
    found = dict(zip((r["id"] for r in late), russian_entities(map(article_text, late), people), strict=True))
    return {i: found[i] if i in found else found_early[key] for i, key in keys.items()}


def _united(first: list[Entity], second: list[Entity]) -> list[Entity]:
    """`first`, then what `second` adds (an entity by kind and name)."""
    seen = {(e.kind, e.name) for e in first}
    return [*first, *(e for e in second if (e.kind, e.name) not in seen)]


def _places_of(row: dict, sources: dict) -> ArticlePlaces:
    source = sources.get(row["source"])
    return ArticlePlaces(
        title=row["title"],
        text=row["text"],
        dateline=row["dateline"],
        source_region=getattr(source, "region", "") or "",
        published=row["published"],
    )


def carry_translations(store, article_ids: Iterable[int]) -> int:
    """Carry the people and organisations the Russian NER found in an article into its linked
    translations (and theirs into it) where their text names them too; a translation with no
    place of its own takes its original's. Returns how many entities were carried."""
    ids = set(article_ids)
    partners: defaultdict[int, set[int]] = defaultdict(set)
    for a, b in store.translation_pairs(ids):  # with the translations of their translations
        partners[a].add(b)
        partners[b].add(a)
    targets = ids | {p for i in ids for p in partners.get(i, ())}
    facts = {row["id"]: row for row in store.entity_facts([t for t in targets if t in partners])}
    targets = [t for t, row in facts.items() if row["lang"] != "ru"]
    stored = store.entities_of([*targets, *{p for t in targets for p in partners[t]}])
    carried = 0
    for target in targets:
        own = [e for e in stored.get(target, []) if e.origin != "translation"]
        theirs = [e for p in partners[target] for e in stored.get(p, []) if e.origin in CARRIED_FROM]
        found = [
            e for e in confirmed(theirs, article_text(facts[target])) if (e.kind, e.name) not in _keys(own)
        ]
        if not any(e.main for e in own if e.kind == REGION):
            places = [
                e for p in partners[target] for e in stored.get(p, []) if e.main and e.kind in (REGION, CITY)
            ]
            found += [
                Entity(e.kind, e.name, 0, True, "translation")
                for e in places
                if (e.kind, e.name) not in _keys(own)
            ]
        store.save_entities(target, own + found)
        carried += len(found)
    return carried


def _keys(entities: list[Entity]) -> set[tuple[str, str]]:
    return {(e.kind, e.name) for e in entities}
