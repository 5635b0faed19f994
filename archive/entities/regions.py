"""The oblast and city an article is about, and the places it names in passing.

Evidence weighs by where it stands: the dateline and the headline say where the event was; a
regional office's site (its source's `region`) says whose news it is; the lead says more than the
body; the body's mentions add up, but little each, so a sidebar's "as in Almaty last year" does not
outweigh the event's place. A city counts for its oblast too. An article is about a region when
its evidence reaches MAIN_SCORE, or when it is the only region the article names at all; two
regions at the top with one score (an enumeration: "Жамбыл, Қостанай және Түркістан облыстары")
make none the article's.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from archive.entities import CITY, REGION, Entity
from archive.entities.places import Place, gazetteer, mentions

# A place in the lead outweighs the source's region: a regional site reports from elsewhere too.
DATELINE, TITLE, SOURCE, LEAD, BODY = 3.0, 3.0, 1.0, 1.5, 0.5
MAIN_SCORE = 1.0
BODY_CAP = 2.0  # what the body's mentions of one place may add up to at most
LEAD_CHARS = 300  # the lead: the text's opening


@dataclass
class ArticlePlaces:
    """What an article says about places, for deciding its own."""

    title: str
    text: str
    dateline: str | None = None
    source_region: str = ""
    published: str | None = None


def place_entities(article: ArticlePlaces) -> list[Entity]:
    """The regions and cities the article names, its main region and city marked `main`."""
    places, _ = gazetteer()
    scores: defaultdict[str, float] = defaultdict(float)
    origins: dict[str, str] = {}
    counts: Counter = Counter()

    def credit(place: Place, weight: float, origin: str) -> None:
        scores[place.name] += weight
        if place.kind == CITY:
            scores[place.region_on(article.published)] += weight
        origins.setdefault(place.name, origin)

    if article.source_region in places:
        credit(places[article.source_region], SOURCE, "source")
    for mention in mentions(_place_of(article.dateline)):
        credit(mention.place, DATELINE, "dateline")
    for mention in mentions(article.title):
        credit(mention.place, TITLE, "gazetteer")
        counts[mention.place.name] += 1
    body: Counter = Counter()
    for mention in mentions(article.text):
        counts[mention.place.name] += 1
        weight = LEAD if mention.start < LEAD_CHARS else BODY
        if body[mention.place.name] + weight <= BODY_CAP:
            body[mention.place.name] += weight
            credit(mention.place, weight, "gazetteer")
    return _entities(places, scores, origins, counts, article.published)


def _entities(
    places: dict, scores: dict, origins: dict, counts: Counter, published: str | None
) -> list[Entity]:
    ranked = sorted(scores, key=lambda name: (-scores[name], name))
    main_region = _main_region([n for n in ranked if places[n].kind == REGION], scores)
    main_city = next(
        (n for n in ranked if places[n].kind == CITY and places[n].region_on(published) == main_region), None
    )
    entities = []
    for name in dict.fromkeys([*counts, *(n for n in (main_region, main_city) if n)]):
        place = places[name]
        origin = origins.get(name, "gazetteer")
        entities.append(Entity(place.kind, name, counts[name], name in (main_region, main_city), origin))
    return entities


def _main_region(regions: list[str], scores: dict) -> str | None:
    """The first of the ranked `regions`, unless its score is too low or shared with the second."""
    if not regions:
        return None
    first = regions[0]
    if len(regions) > 1 and scores[regions[1]] == scores[first]:
        return None
    return first if scores[first] >= MAIN_SCORE or len(regions) == 1 else None


def _place_of(dateline: str | None) -> str:
    """The place a dateline names: "НУР-СУЛТАН" of "НУР-СУЛТАН. КАЗИНФОРМ"."""
    return (dateline or "").split(".")[0]
