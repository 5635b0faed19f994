"""Names and numbers of a text as keys any language and alphabet spell alike: what a copy keeps.

Сейткали, Сейітқали and Seitkali give one key; so do Нур-Султане, Нұр-Сұлтанда and Nur-Sultan
(a key is the consonants of the name's loose spelling, archive.translit's one table, and a
declined form's key starts with the plain form's). Numbers are keys too, written any way:
XXIX, ХХIХ and 29th; 1 340, 1,340 and 1340; 12 тысяч, 12 мың and 12,000.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from archive.translit import loose_key, to_plain_latin

# A word, a hyphenated name kept whole (Нур-Султан, Kassym-Jomart), or a number with its
# thousands written apart (1 340, 12,000) and an ordinal's ending (29-й, 15-ші, 29th).
_TOKEN = re.compile(r"\d{1,3}(?:[ \u00a0\u202f,]\d{3})+(?!\d)|\d+(?:[.,]\d+)?|[^\W\d_]+(?:[-‐'’][^\W\d_]+)*")
_SENTENCE_END = re.compile(r"(?:[.!?…]|\n)[\s«»\"“”„'()\[\]–—-]*$")
# Roman numerals as Russian and Kazakh texts type them too: with Cyrillic Х, І, С, М.
_ROMAN_LETTERS = str.maketrans("ХІСМ", "XICM")
_ROMAN = re.compile(r"^(?=[MDCLXVI]{2,}$)M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$")
_ROMAN_VALUES = {"M": 1000, "D": 500, "C": 100, "L": 50, "X": 10, "V": 5, "I": 1}
_THOUSANDS = re.compile(r"^(?:тысяч\w*|тыс|мың\w*|thousand)$")
_VOWELS = str.maketrans("", "", "aeiouy-‐'’")
# Capitalised in English wherever they stand, yet no name: months and days.
_ENGLISH_MONTHS_AND_DAYS = (
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday"
)
_ENGLISH_CAPITALISED = frozenset(_ENGLISH_MONTHS_AND_DAYS.split())
_LOOKBACK = 8  # characters before a word that may hold its sentence's end
# Word forms remembered with what they give (their Latin spelling, their key): relinking reads every
# text of the archive and a language's texts repeat the same few thousand forms.
WORDS_REMEMBERED = 200_000
MIN_PREFIX = 3  # a key this long or longer may stand for its declined forms (Тараз, Таразда)


@dataclass(frozen=True)
class Token:
    """A word of a text: how it is compared (`plain`) and, for a name or number, its `key`."""

    plain: str
    key: str | None


def tokens(text: str) -> list[Token]:
    """The words of `text` in order, each with its key when it is a name or a number."""
    return [Token(plain, key) for plain, key in _spelled(text)]


def keys(text: str) -> Iterator[str]:
    """The keys of the names and numbers in `text`, in order, repeats included."""
    return (key for _, key in _spelled(text) if key)


def _spelled(text: str) -> Iterator[tuple[str, str | None]]:
    """(plain spelling, key or None) of each word of `text` in order: tokens() without the Token
    objects, which cost a translation check reading every text's keys more than the words."""
    matches = list(_TOKEN.finditer(text))
    for position, match in enumerate(matches):
        word = match.group(0)
        if word[0].isdigit():
            value = _number(word)
            following = matches[position + 1].group(0).casefold() if position + 1 < len(matches) else ""
            if value is not None and _THOUSANDS.match(following):
                value *= 1000
            key = _number_key(value, word)
            yield key[1:], key
            continue
        plain, key, named_anywhere = _word(word)
        if key is not None and not named_anywhere:
            # What stands before the word, to tell the first word of a sentence (not a name).
            start = match.start()
            before = ("\n" if start <= _LOOKBACK else "") + text[max(0, start - _LOOKBACK) : start]
            if _SENTENCE_END.search(before):
                key = None
        yield plain, key


@lru_cache(maxsize=WORDS_REMEMBERED)
def _word(word: str) -> tuple[str, str | None, bool]:
    """(plain spelling, key as a name inside a sentence, whether it is a name at a sentence's start
    too): _name_key's answer for any `before`, worked out once for a word form."""
    inside, at_start = _name_key(word, ""), _name_key(word, "\n")
    return to_plain_latin(word), inside, at_start is not None


def _number(word: str) -> int | None:
    digits = re.sub(r"[ \u00a0\u202f,](?=\d{3})", "", word)
    if not digits.isdigit():
        return None  # a decimal fraction: kept as written
    return int(digits)


def _number_key(value: int | None, word: str) -> str:
    return f"#{value}" if value is not None else f"#{word.replace(',', '.')}"


def _name_key(word: str, before: str) -> str | None:
    """The key of `word` when it is a name or a Roman numeral: capitalised inside a sentence, or
    in capitals (АНК, KAZINFORM) anywhere; None for other words."""
    roman = word.translate(_ROMAN_LETTERS)
    if _ROMAN.match(roman):
        return f"#{_roman_value(roman)}"
    capitals = len(word) > 1 and word.isupper()
    if not capitals and (not word[0].isupper() or _SENTENCE_END.search(before)):
        return None
    if word.casefold() in _ENGLISH_CAPITALISED:
        return None
    return name_key(word)


def name_key(word: str) -> str | None:
    """The consonants of the name's loose spelling, repeats merged: Сейітқали and Seitkali give
    "stkl". None for a name of fewer than two consonants (it says too little)."""
    loose = loose_key(word.casefold()).translate(_VOWELS)
    key = "".join(c for i, c in enumerate(loose) if i == 0 or c != loose[i - 1])
    return key if len(key) >= 2 else None


def _roman_value(numeral: str) -> int:
    total = 0
    for letter, following in zip(numeral, [*numeral[1:], ""], strict=True):
        value = _ROMAN_VALUES[letter]
        total += -value if following and _ROMAN_VALUES[following] > value else value
    return total


class KeySet:
    """Keys of one text, for asking whether another text's key is among them: a name matches its
    declined forms (a key and a longer one that starts with it, from MIN_PREFIX letters on)."""

    def __init__(self, found: Iterable[str]):
        self.keys = frozenset(found)
        self._prefixes = {
            key[:length]
            for key in self.keys
            if not key.startswith("#")
            for length in range(MIN_PREFIX, len(key) + 1)
        }

    def __contains__(self, key: str) -> bool:
        if key in self.keys:
            return True
        if key.startswith("#") or len(key) < MIN_PREFIX:
            return False
        return key in self._prefixes or any(key[:n] in self.keys for n in range(MIN_PREFIX, len(key)))

    def __len__(self) -> int:
        return len(self.keys)

    def __iter__(self) -> Iterator[str]:
        return iter(self.keys)
