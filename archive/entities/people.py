"""One name per person: a surname alone ("Токаев") joined to the full name said in the same text,
else to the one full name the archive knows that surname by."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

# A patronymic, Russian or Kazakh: a name of a first name and one is the person's full name too.
_PATRONYMIC = re.compile(r" \S+(?:овна|евна|ична|ович|евич|улы|ұлы|кызы|қызы)$")


def surname(name: str) -> str:
    return name.split()[-1]


def join_surnames(names: Iterable[str], known_people: dict[str, str]) -> Counter:
    """{full name: mentions} for the person names of one text, in order of first mention.

    A one-word name is the surname of a longer name of the text ending in it, or of the archive's
    (`known_people`: surname -> full name), else left out; a first name and patronymic is the full
    name of the text with that first name.
    """
    names = list(names)
    full, by_first_name = {}, {}
    for name in names:
        if " " in name and not _PATRONYMIC.search(name):
            full.setdefault(surname(name), name)
            by_first_name.setdefault(name.split()[0], name)
    # A feminine surname is the masculine one plus "а": "Ахметова" does not join "Ерлан Ахметов".
    counts: Counter = Counter()
    for name in names:
        if _PATRONYMIC.search(name):  # "Парида Иманжановна", once "Парида Мамедова" was named
            name = by_first_name.get(name.split()[0], name)
        elif " " not in name:
            name = full.get(name) or known_people.get(name)
        if name:  # a lone word that is nobody's surname here is no one's name ("Наурыз", "Акку")
            counts[name] += 1
    return counts


def known_people_index(full_names: Iterable[str]) -> dict[str, str]:
    """{surname: full name} for the surnames that only one full name of the archive has."""
    by_surname: dict[str, set[str]] = {}
    for name in full_names:
        if " " in name:
            by_surname.setdefault(surname(name), set()).add(name)
    return {key: next(iter(names)) for key, names in by_surname.items() if len(names) == 1}
