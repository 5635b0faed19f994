"""The Kazakh stemmer on a list of inflected forms, names and short words (tests/data/kazakh_forms.tsv)."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from indexer.kazakh import stem, stems

FORMS_FILE = Path(__file__).resolve().parent / "data" / "kazakh_forms.tsv"


def word_list() -> list[tuple[str, str, str]]:
    rows = []
    for line in FORMS_FILE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            form, expected, kind = line.split("\t")
            rows.append((form, expected, kind))
    return rows


WORDS = word_list()


def test_the_word_list_is_large_and_varied():
    assert len(WORDS) >= 300
    assert {kind for *_, kind in WORDS} == {"paradigm", "irregular", "name", "short"}
    assert len({expected for _, expected, _ in WORDS}) >= 50


def test_every_form_meets_its_dictionary_form():
    missed = [(form, expected, stems(form)) for form, expected, _ in WORDS if expected not in stems(form)]
    assert missed == []


def test_most_forms_get_their_dictionary_form_first():
    # The rest are forms that read two ways ("кеңесі": "кеңес" + "і" or "кеңе" + "сі").
    first = sum(stem(form) == expected for form, expected, _ in WORDS)
    assert first / len(WORDS) >= 0.97


def test_different_words_do_not_share_stems():
    stems_of: dict[str, set[str]] = defaultdict(set)
    for form, expected, _ in WORDS:
        stems_of[expected].add(stem(form))
    owners: dict[str, set[str]] = defaultdict(set)
    for word, found in stems_of.items():
        for s in found:
            owners[s].add(word)
    assert {s: words for s, words in owners.items() if len(words) > 1} == {}


@pytest.mark.parametrize(
    "word",
    ["астана", "алматы", "қарағанды", "қазақстан", "келісім", "ата", "ана", "жаңа", "өте", "ел", "су"],
)
def test_names_and_short_words_are_kept_whole(word):
    assert stems(word) == [word]


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        ("ассамблеясы", "ассамблея"),
        ("ассамблеясының", "ассамблея"),
        ("ассамблеяға", "ассамблея"),
        ("астанада", "астана"),
        ("таразда", "тараз"),
        ("халқы", "халық"),
        ("кітабы", "кітап"),
        ("бірлестіктердің", "бірлестік"),
        ("тоқаевтың", "тоқаев"),
        ("жетекшілері", "жетекші"),
    ],
)
def test_case_possessive_and_plural_endings_with_harmony(form, expected):
    assert stem(form) == expected


def test_an_ending_of_the_wrong_harmony_is_not_an_ending():
    # "-тер" is front, "-тар" back: "жастер" is not "жас" + a plural.
    assert stem("жастар") == "жас"
    assert stem("жастер") == "жастер"
