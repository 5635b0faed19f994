"""One name per person: a surname alone ("Токаев") joined to the full name said in the same text,
else to the one full name the archive knows that surname by."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable


def surname(name: str) -> str:
    return name.split()[-1]


def join_surnames(names: Iterable[str], known_people: dict[str, str]) -> Counter:
    """{full name: mentions} for the person names of one text, in order of first mention.

    A one-word name is the surname of a longer name of the text ending in it, or of the archive's
    (`known_people`: surname -> full name); a first name alone ("Марат") stays as it is.
    """
    names = list(names)
    full = {}
    for name in names:
        if " " in name:
            full.setdefault(surname(name), name)
    # A feminine surname is the masculine one plus "а": "Ахметова" does not join "Ерлан Ахметов".
    counts: Counter = Counter()
    for name in names:
        if " " not in name:
            name = full.get(name) or known_people.get(name) or name
        counts[name] += 1
    return counts


def known_people_index(full_names: Iterable[str]) -> dict[str, str]:
    """{surname: full name} for the surnames that only one full name of the archive has."""
    by_surname: dict[str, set[str]] = {}
    for name in full_names:
        if " " in name:
            by_surname.setdefault(surname(name), set()).add(name)
    return {key: next(iter(names)) for key, names in by_surname.items() if len(names) == 1}
