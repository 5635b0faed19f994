"""Names the archive already knows, found in text of any language: the gazetteer for Kazakh and
English (no offline NER model reads them) and the check of names carried from a translation.

Each word is compared by its loose consonant key (archive.links.names: Тоқаев, Токаев and Tokayev
give one key), a longer key of the text standing for a declined form when what it adds is an
ending (archive.entities.suffixes: Kazakh case, possessive and plural suffixes, Тоқаевтың,
Ассамблеясының; Russian case endings; English 's). A person is found by the full name, words in the
order given or reversed; a surname alone only where `surnames` allows it (a name carried from the
linked translation, which is known to name that person).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from archive.entities import ORG, PERSON, Entity
from archive.entities.organisations import alias_groups, organisations_in
from archive.entities.suffixes import is_ending
from archive.links.names import name_key
from archive.translit import loose_key

LOWER, CAPITAL, ACRONYM = 0, 1, 2
_WORD = re.compile(r"[^\W\d_]+(?:[-‐'’][^\W\d_]+)*")
MIN_KEY = 2


@dataclass(frozen=True)
class KnownName:
    kind: str
    name: str  # the normal name the entity is stored under
    keys: tuple[str, ...]  # the consonant keys of one spelling's words
    cases: tuple[int, ...]  # per word: LOWER, CAPITAL (must be capitalised) or ACRONYM (whole, in capitals)


@lru_cache(maxsize=100_000)
def _key(word: str) -> str:
    if _case(word) == ACRONYM:  # АНК, ҚХА, APK: all their letters, not only the consonants
        return "^" + loose_key(word.casefold())
    return name_key(word) or ""


def _acronym_part(word: str) -> str:
    """An acronym with a Kazakh suffix hyphenated ("ҚХА-ның") is the acronym; any other word itself."""
    head = word.split("-")[0]
    return head if len(head) > 1 and head.isupper() and not word.isupper() else word


def spelling(kind: str, name: str, written: str | None = None) -> KnownName | None:
    """The KnownName of `name` as `written` (a spelling in another language, else itself)."""
    words = _WORD.findall(written or name)
    keys = tuple(_key(w) for w in words)
    if not words or any(len(k) < MIN_KEY for k in keys):
        return None
    return KnownName(kind, name, keys, tuple(_case(w) for w in words))


def _case(word: str) -> int:
    if len(word) > 1 and word.isupper():
        return ACRONYM
    return CAPITAL if word[:1].isupper() else LOWER


def _text_words(text: str) -> list[tuple[str, int]]:
    words = (_acronym_part(m.group()) for m in _WORD.finditer(text))
    return [(_key(word), _case(word)) for word in words]


def _word_matches(key: str, case: int, text_word: tuple[str, int]) -> bool:
    text_key, text_case = text_word
    if case == ACRONYM:
        return text_case == ACRONYM and text_key == key
    if case == CAPITAL and text_case == LOWER:
        return False
    return text_key.startswith(key) and is_ending(text_key[len(key) :])


def count_in(
    name: KnownName, words: list[tuple[str, int]], surnames: bool = False, starts: Iterable[int] | None = None
) -> int:
    """How often `name` stands in the text's `words` (its full form; with `surnames`, a
    person's surname alone counts too). `starts`, when given, are the only positions a mention
    can begin at (where its first or last word stands), in order."""
    orders = [list(zip(name.keys, name.cases, strict=True))]
    if name.kind == PERSON and len(name.keys) > 1:
        orders.append(orders[0][::-1])
    if surnames and name.kind == PERSON and len(name.keys) > 1:
        orders.append([orders[0][-1]])
    found, free = 0, 0  # mentions do not overlap: the next one begins at `free` or later
    for position in range(len(words)) if starts is None else starts:
        if position < free:
            continue
        for order in orders:
            if _at(order, words, position):
                found += 1
                free = position + len(order)
                break
    return found


def _at(order: list[tuple[str, int]], words: list, position: int) -> bool:
    if position + len(order) > len(words):
        return False
    for key, case in order:  # a loop, not all(...): called millions of times by a crawl's pass
        if not _word_matches(key, case, words[position]):
            return False
        position += 1
    return True


class Gazetteer:
    """Known people and organisations (with every spelling of the alias groups) to find in text."""

    def __init__(self, known: Iterable[tuple[str, str]]):
        names = [spelling(kind, name) for kind, name in known if kind in (PERSON, ORG)]
        names += [spelling(ORG, canonical, written) for canonical, written in alias_groups()]
        # A one-word person name is a surname that many people share: never searched for alone.
        self.names = [n for n in names if n and not (n.kind == PERSON and len(n.keys) < 2)]
        # By the key of the word a mention starts with: the first, or the last in reversed order.
        self._by_key: dict[str, list[KnownName]] = {}
        for name in self.names:
            for key in {name.keys[0], name.keys[-1]}:
                self._by_key.setdefault(key, []).append(name)
        # What each text word's key was found to start, kept: a pass over thousands of texts meets
        # the same few thousand keys again and again.
        self._starting: dict[str, tuple[KnownName, ...]] = {}

    def find(self, text: str) -> list[Entity]:
        """The known names `text` names, each with its mentions (origin "gazetteer")."""
        words = _text_words(text)
        named_from = {key: self._starting_with(key) for key in {key for key, _ in words}}
        starts: dict[KnownName, list[int]] = {}
        for position, (key, _) in enumerate(words):
            for name in named_from[key]:
                starts.setdefault(name, []).append(position)
        counts: Counter = Counter()
        for name, positions in starts.items():
            if found := count_in(name, words, starts=positions):
                counts[(name.kind, name.name)] += found
        for name, found in organisations_in(text).items():
            counts[(ORG, name)] = max(counts[(ORG, name)], found)
        return [Entity(kind, name, mentions, origin="gazetteer") for (kind, name), mentions in counts.items()]

    def _starting_with(self, text_key: str) -> tuple[KnownName, ...]:
        found = self._starting.get(text_key)
        if found is None:
            found = self._starting[text_key] = tuple(self._named_from(text_key))
        return found

    def _named_from(self, text_key: str) -> Iterable[KnownName]:
        """The names whose first (or last) word a text word of key `text_key` can be: the key
        itself, or a shorter key followed by an ending. Looked up, so that the work grows with the
        text, not with how many names the archive knows."""
        for length in range(MIN_KEY, len(text_key) + 1):
            if length == len(text_key) or is_ending(text_key[length:]):
                yield from self._by_key.get(text_key[:length], ())


def confirmed(entities: Iterable[Entity], text: str) -> list[Entity]:
    """The people and organisations of a linked translation that `text` names too (origin
    "translation"): a person by the full name or the surname, an organisation by any spelling."""
    words = _text_words(text)
    spellings: dict[str, list[str]] = {}
    for canonical, written in alias_groups():
        spellings.setdefault(canonical, []).append(written)
    organised = organisations_in(text)
    found = []
    for entity in entities:
        if entity.kind not in (PERSON, ORG):
            continue
        forms = [
            spelling(entity.kind, entity.name, w) for w in [entity.name, *spellings.get(entity.name, [])]
        ]
        mentions = max((count_in(f, words, surnames=True) for f in forms if f), default=0)
        if entity.kind == ORG:
            mentions = max(mentions, organised.get(entity.name, 0))
        if mentions:
            found.append(Entity(entity.kind, entity.name, mentions, origin="translation"))
    return found
