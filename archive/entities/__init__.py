"""Who and where an article names: people, organisations, regions and cities, one normal name each."""

from __future__ import annotations

from dataclasses import dataclass

PERSON = "person"
ORG = "org"
REGION = "region"  # an oblast or a city of republican significance (Астана, Алматы, Шымкент)
CITY = "city"  # a city, town or district below an oblast
KINDS = (PERSON, ORG, REGION, CITY)


@dataclass(frozen=True)
class Entity:
    """One entity an article names.

    `name` is the one form users see and filter by, whatever the article's language: a person's
    nominative Russian Cyrillic name ("Касым-Жомарт Токаев"), an organisation's Russian name, a
    region's Russian name ("Жамбылская область"). `mentions` counts its mentions in the article;
    `main` marks the place the article is about (its event's place), as opposed to a passing mention.
    `origin` says how it was found: "ner", "gazetteer", "translation", "source" or "dateline".
    """

    kind: str
    name: str
    mentions: int = 1
    main: bool = False
    origin: str = "ner"
