"""The endings a name takes in running text, as the consonant keys names are compared by
(archive.links.names): Kazakh case, possessive and plural suffixes with vowel harmony (Тоқаевтың,
Ассамблеясының, Астанадағы), Russian case endings (Токаевым) and the English possessive.

The Kazakh stemmer lives in indexer/, a floor above: names need only to know which letters after
a name may be its endings, so the suffixes are listed here, chains of up to three of them.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import product

from archive.translit import loose_key

_PLURAL = "лар лер дар дер тар тер"
_POSSESSIVE = "ым ім м ың ің ң ымыз іміз мыз міз ыңыз іңіз ңыз ңіз ы і сы сі"
_CASE = (
    "ның нің дың дің тың тің ға ге қа ке а е на не ны ні ды ді ты ті н да де та те нда нде "
    "дан ден тан тен нан нен мен бен пен менен"
)
_ADJECTIVAL = "ғы гі қы кі дағы дегі тағы тегі ндағы ндегі"
_RUSSIAN = "а у е ом ым ой ою ем им ами ах"
_ENGLISH = "'s ’s s"
_VOWELS = re.compile(r"[aeiouy'’-]")


def consonants(letters: str) -> str:
    """The consonants of `letters`' loose spelling, repeats merged: what a name key is made of."""
    loose = _VOWELS.sub("", loose_key(letters.casefold()))
    return "".join(c for n, c in enumerate(loose) if n == 0 or c != loose[n - 1])


@lru_cache(maxsize=1)
def suffix_keys() -> frozenset[str]:
    """The consonant keys of every ending chain (plural, possessive, case; adjectival after a case),
    with and without a first consonant a name's last one swallows (Карин + нің)."""
    kazakh = [[""] + group.split() for group in (_PLURAL, _POSSESSIVE, _CASE, _ADJECTIVAL)]
    keys = {consonants("".join(chain)) for chain in product(*kazakh)}
    keys |= {consonants(ending) for ending in (_RUSSIAN + " " + _ENGLISH).split()}
    return frozenset(keys | {key[1:] for key in keys if key})


def is_ending(extra: str) -> bool:
    """True when the consonants `extra` after a name's key are those of an ending chain."""
    return extra in suffix_keys()
