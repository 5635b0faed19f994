"""Names of people and organisations in their nominative form (pymorphy3), whatever case the text uses.

"Касым-Жомарта Токаева" gives "Касым-Жомарт Токаев", "Гульнаре Ахметовой" "Гульнара Ахметова":
the case and gender come from the NER model's morphology tagger (it reads the sentence, which
pymorphy3 alone cannot: "Токаева" is a man's genitive or a woman's nominative), and pymorphy3
inflects each word to the nominative, keeping that gender.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache

import pymorphy3

# The morphology tagger's cases (Universal Dependencies) as pymorphy3 names them.
UD_CASES = {"Nom": "nomn", "Gen": "gent", "Dat": "datv", "Acc": "accs", "Ins": "ablt", "Loc": "loct"}
UD_GENDERS = {"Masc": "masc", "Fem": "femn"}
# Endings of a surname in -ов/-ев/-ин/-ын by case, for a woman and for a man.
_SURNAME = re.compile(r"^(.+(?:ов|ев|ёв|ин|ын))(а|у|ой|ым|е|ою)$")
_FEMININE_ENDINGS = {"gent": ("ой",), "datv": ("ой",), "accs": ("у",), "ablt": ("ой", "ою"), "loct": ("ой",)}
_MASCULINE_ENDINGS = {"gent": ("а",), "accs": ("а",), "datv": ("у",), "ablt": ("ым",), "loct": ("е",)}
# Endings of such a surname that say its case and gender whatever the sentence.
_UNMISTAKABLE = {"ой": ("gent", "femn"), "ым": ("ablt", "masc")}
_INITIAL_LETTERS = 2  # "Б." or "Ж." before a surname: an initial, not a name

_lock = threading.Lock()
_analyzer: pymorphy3.MorphAnalyzer | None = None


def analyzer() -> pymorphy3.MorphAnalyzer:
    """pymorphy3's Russian analyser, made once per process on first use (about 30 MB)."""
    global _analyzer
    with _lock:
        if _analyzer is None:
            _analyzer = pymorphy3.MorphAnalyzer()
    return _analyzer


def is_initial(word: str) -> bool:
    return len(word) <= _INITIAL_LETTERS and word.endswith(".") or (len(word) == 1 and word.isupper())


def person_name(words: list[str], case: str | None, gender: str | None) -> str:
    """The nominative of a person's name given as `words` in `case` and `gender` (pymorphy3's
    names: gent, femn; None when unknown). Initials are left out ("Б. Сапарбаеву" gives "Сапарбаев")."""
    named = [w for w in words if not is_initial(w)]
    cases = (case,)
    if named and (match := _SURNAME.match(named[-1])) and match.group(2) in _UNMISTAKABLE:
        # The tagger misreads some ("Гаухар Толеповой"); the first name is in one of the cases
        # that ending has ("Гульнаре Ахметовой").
        case, gender = _UNMISTAKABLE[match.group(2)]
        cases = ("gent", "datv", "ablt", "loct") if gender == "femn" else ("ablt",)
    elif case == "nomn" and len(named) > 1 and _mans_genitive(named[0], named[-1]):
        # "Ерлана Карина" after a comma, read as a nominative: Ерлан is a man's name
        case, gender, cases = "gent", "masc", ("gent",)
    out = []
    for position, word in enumerate(named):
        role = "Surn" if position == len(named) - 1 and len(named) > 1 else "Name"
        out.append("-".join(_first_changed(part, cases, gender, role) for part in word.split("-")))
    return " ".join(out)


def _mans_genitive(first_name: str, surname: str) -> bool:
    """True when a name read as a nominative is a man's genitive: a surname in -ова, -ева, -ина
    and a first name pymorphy3 knows as a man's name in the genitive."""
    match = _SURNAME.match(surname)
    if match is None or match.group(2) != "а":
        return False
    parses = analyzer().parse(first_name.lower())
    return any({"Name", "masc", "gent"} <= p.tag.grammemes for p in parses)


def _first_changed(word: str, cases: tuple, gender: str | None, role: str) -> str:
    """The nominative of `word` read in the first of `cases` that changes it."""
    for case in cases:
        if (nominative := _nominative(word, case, gender, role)) != word:
            return nominative
    return word


def organisation_name(words: list[str], case: str | None) -> str:
    """The nominative of an organisation's name: its words up to and including the first noun
    inflected ("Жамбылской областной Ассамблеи народа" gives "Жамбылская областная Ассамблея
    народа"), the words after it (its genitive dependants) as they stand."""
    if case in (None, "nomn"):
        return " ".join(words)
    head = next((n for n, word in enumerate(words) if _noun_in(word, case)), None)
    if head is None:
        return " ".join(words)
    noun = _noun_in(words[head], case)
    leading = [_adjective_nominative(word, case, noun.tag.gender) for word in words[:head]]
    nominative = noun.inflect({"nomn"})
    head_word = _cased_like(words[head], nominative.word) if nominative else words[head]
    return " ".join([*leading, head_word, *words[head + 1 :]])


@lru_cache(maxsize=50_000)
def _noun_in(word: str, case: str):
    """pymorphy3's parse of `word` as a noun in `case`, or None."""
    if word.isupper() or not word[:1].isalpha():
        return None
    parses = [p for p in analyzer().parse(word.lower()) if p.tag.case == case]
    if any(p.tag.POS == "ADJF" for p in parses):
        return None  # "Жамбылского": an adjective before the noun, whatever else it may be
    return next((p for p in parses if p.tag.POS == "NOUN"), None)


@lru_cache(maxsize=50_000)
def _adjective_nominative(word: str, case: str, gender: str | None) -> str:
    """An adjective before an organisation's head noun, in the nominative and the noun's gender."""
    for parse in analyzer().parse(word.lower()):
        if parse.tag.POS == "ADJF" and parse.tag.case == case:
            nominative = parse.inflect({"nomn", "sing", gender} if gender else {"nomn"})
            if nominative is not None:
                return _cased_like(word, nominative.word)
    return word


@lru_cache(maxsize=50_000)
def _nominative(word: str, case: str | None, gender: str | None, role: str) -> str:
    """One word of a name in the nominative, by the parse of `role` (Name, Surn) in `case` and
    `gender` when there is one, else by any noun parse in that case; unchanged when none fits."""
    if not word or case in (None, "nomn"):
        return word
    if role == "Surn" and (surname := _russian_style_surname(word, case, gender)):
        return surname
    parses = [p for p in analyzer().parse(word.lower()) if p.tag.case == case and p.tag.POS == "NOUN"]
    if gender:
        parses = [p for p in parses if p.tag.gender is None or p.tag.gender == gender] or parses
    parses.sort(key=lambda p: (role not in p.tag, {"Name", "Surn", "Patr"}.isdisjoint(p.tag.grammemes)))
    for parse in parses:
        own_gender = parse.tag.gender
        wanted = {"nomn", "sing"} | ({own_gender} if own_gender and role == "Surn" else set())
        nominative = parse.inflect(wanted) or parse.inflect({"nomn"})
        if nominative is not None:
            return _cased_like(word, nominative.word)
    return word


def _russian_style_surname(word: str, case: str, gender: str | None) -> str | None:
    """The nominative of a surname in -ов, -ев, -ин, -ын (most Kazakh surnames in Russian text),
    by its ending alone: pymorphy3 only guesses the surnames it does not know ("Толеповой")."""
    match = _SURNAME.match(word)
    if match is None:
        return None
    stem, ending = match.groups()
    if gender == "femn" and ending in _FEMININE_ENDINGS.get(case, ()):
        return stem + "а"
    if gender != "femn" and ending in _MASCULINE_ENDINGS.get(case, ()):
        return stem
    return None


def _cased_like(original: str, word: str) -> str:
    """`word` with the letter case of `original`: Title, UPPER or lower."""
    if original.isupper() and len(original) > 1:
        return word.upper()
    if original[:1].isupper():
        return word[:1].upper() + word[1:]
    return word
