"""Place names in text, any language and alphabet: the gazetteer of config/regions.toml.

A name's words match the text's words by stem and loose key (archive.translit): "Тараз" matches
"Таразе", "Таразда" and "Taraz"; "Жамбылская область" matches "Жамбылской области" and "Жамбыл
облысында". A word capitalised in the gazetteer must be capitalised in the text ("семей" is
families, "Семей" the city). The longest name wins where names overlap.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from archive.bundled import bundled_file
from archive.entities import CITY, REGION
from archive.translit import loose_key

# Words, a hyphenated name's parts apart: "Усть-Каменогорск" is found written "Усть Каменогорск" too.
_WORD = re.compile(r"[^\W\d_]+")
_GAP = re.compile(r"[\s\-‐]*")
_NAME_WORD = re.compile(r"[^\W\d_]+\*?")
_ADJECTIVE_ENDINGS = ("ская", "ский", "ское", "ской", "ая", "ий", "ое", "ый")
_FINAL_VOWELS = "аяыиеоьйуaeiouy"
MIN_STEM = 4  # a shorter name word must match whole ("Шу", "ВКО")
MAX_ENDING = 5  # letters a case ending may add: Таразда, Астанадағы, Zhambyl's


@dataclass(frozen=True)
class Place:
    """A place of the gazetteer: its Russian `name`, kind (region or city), its oblast today
    (`region`; a region is its own) and before a date (`was`: (date, region))."""

    name: str
    kind: str
    region: str
    was: tuple[str, str] | None = None

    def region_on(self, published: str | None) -> str:
        """The oblast the place belonged to on `published` (YYYY-MM-DD; today's when unknown)."""
        if self.was and published and published < self.was[0]:
            return self.was[1]
        return self.region


@dataclass(frozen=True)
class NameWord:
    stem: str  # loose key of the word without its ending
    whole: bool  # must match whole (a short word)
    capital: bool  # must be capitalised in the text


@dataclass(frozen=True)
class Mention:
    place: Place  # or what another name_index names
    start: int  # character offsets in the text
    end: int


def _stem(word: str) -> str:
    lower = word.casefold()
    for ending in _ADJECTIVE_ENDINGS:
        if lower.endswith(ending) and len(lower) - len(ending) >= MIN_STEM:
            return lower[: len(lower) - 2]
    if lower[-1:] in _FINAL_VOWELS and len(lower) > MIN_STEM:
        return lower[:-1]
    return lower


def _name_words(name: str) -> tuple[NameWord, ...]:
    """A name's words as matched; a short word marked "*" ("Достық үй*") takes endings too."""
    words = []
    for word in _NAME_WORD.findall(name):
        ending_allowed = word.endswith("*")
        word = word.rstrip("*")
        short = (len(word) < MIN_STEM and not ending_allowed) or word.isupper()
        stem = loose_key(word.casefold() if short or ending_allowed else _stem(word))
        words.append(NameWord(stem, short, word[:1].isupper()))
    return tuple(words)


def name_index(entries: Iterable[tuple[str, object]]) -> dict[str, list[tuple[tuple[NameWord, ...], object]]]:
    """{first letters of a name's first word: [(its words, what it names)], longest first} for
    (name, what it names) pairs: what mentions() looks names up in."""
    index: dict[str, list] = {}
    for name, named in entries:
        words = _name_words(name)
        index.setdefault(words[0].stem[:2], []).append((words, named))
    for candidates in index.values():
        candidates.sort(key=lambda item: -len(item[0]))
    return index


@lru_cache(maxsize=1)
def gazetteer() -> tuple[dict[str, Place], dict[str, list[tuple[tuple[NameWord, ...], Place]]]]:
    """({name: Place}, the name_index of every name of every place)."""
    data = tomllib.loads(bundled_file("regions.toml").read_text(encoding="utf-8"))
    places, names = {}, []
    for entry in data["place"]:
        kind = REGION if entry["kind"] == "region" else CITY
        was = tuple(entry["was"]) if entry.get("was") else None
        place = Place(entry["name"], kind, entry.get("region", entry["name"]), was)
        places[place.name] = place
        names.extend((name, place) for name in entry["names"])
    return places, name_index(names)


def _matches(word: NameWord, text_word: str, key: str) -> bool:
    if word.capital and not text_word[:1].isupper():
        return False
    if word.whole:
        return key == word.stem
    return key.startswith(word.stem) and len(key) - len(word.stem) <= MAX_ENDING + 1


def mentions(text: str, index: dict | None = None) -> Iterator[Mention]:
    """The places `text` names, in order (with `index`, the names of that name_index)."""
    index = gazetteer()[1] if index is None else index
    words = [(m.group(), loose_key(m.group().casefold()), m.start(), m.end()) for m in _WORD.finditer(text)]
    position = 0
    while position < len(words):
        found = _place_at(words, position, index, text)
        if found is None:
            position += 1
            continue
        place, length = found
        yield Mention(place, words[position][2], words[position + length - 1][3])
        position += length


def _place_at(words: list, position: int, index: dict, text: str) -> tuple[Place, int] | None:
    text_word, key = words[position][0], words[position][1]
    for name_words, place in index.get(key[:2], ()):
        # The first word decides for most candidates: tried before the rest are looked at.
        if position + len(name_words) > len(words) or not _matches(name_words[0], text_word, key):
            continue
        if all(
            _matches(name_words[n], words[position + n][0], words[position + n][1])
            and _GAP.fullmatch(text[words[position + n - 1][3] : words[position + n][2]])
            for n in range(1, len(name_words))
        ):
            return place, len(name_words)
    return None


@lru_cache(maxsize=20_000)
def is_place(word: str) -> bool:
    """True when `word` alone is a place of the gazetteer, in any form ("Шымкента", "Темиртау")."""
    found = list(mentions(word))
    return len(found) == 1 and found[0].start == 0 and found[0].end == len(word)
