"""A Kazakh suffix-stripping stemmer: case, possessive and plural endings with vowel harmony."""

from __future__ import annotations

import re

from archive.translit import loose_key

# Kazakh glues endings on in a fixed order: stem + plural + possessive + case ("бірлестік-тер-і-нің").
# The stemmer strips from the end, one ending per layer, and only an ending that fits the letter
# before it (vowel harmony and consonant assimilation), so that "Астана" or "келісім" keep their
# last letters: an ending that does not agree with its stem is not an ending.

BACK_VOWELS = frozenset("аоұыяё")
FRONT_VOWELS = frozenset("әөүіе")
# Loan-word vowels that take either harmony ("Ассамблеясы" but "Президенті").
NEUTRAL_VOWELS = frozenset("уиюэ")
VOWELS = BACK_VOWELS | FRONT_VOWELS | NEUTRAL_VOWELS
VOICELESS = frozenset("пткқсшфхцчщбвгд")  # take т-/қ-/к-/п- endings ("жастар", "облыстың")
VOICED = frozenset("лзжмнң")  # take д- endings ("тілдің", "өкілдері")
LIQUIDS = frozenset("рйу")  # take л- endings like vowels do ("мүшелер", "шаруалар")
NASALS = frozenset("мнң")

MIN_STEM = 2
# Place names and other words whose own last letters look like endings ("Алматы", "Қарағанды").
PROTECTED = frozenset(
    """
    алматы астана ақмола ақтау ақтөбе атырау байқоңыр жезқазған көкшетау қарағанды қостанай
    қызылорда павлодар петропавл семей талдықорған тараз түркістан шымкент өскемен орал екібастұз
    жаңаөзен кентау түркістан нұр-сұлтан целиноград абай жамбыл ұлытау жетісу арқа сарыарқа
    бала ана ата аға іні әке қыз ел жер су тау күн ай жыл ауыл қала халық мемлекет ұлт тіл
    келісім бірлік тұтастық қазақстан өзбекстан қырғызстан тәжікстан түрікменстан ауғанстан
    пәкістан үндістан татарстан дағыстан башқұртстан
    """.split()  # noqa: SIM905
)
# The same words as loose spellings give them ("Kazakhstan" read back as "казахстан").
PROTECTED_KEYS = frozenset(loose_key(word) for word in PROTECTED)
# Nouns whose last vowel drops before a vowel ending: "халқы" is "халық" + "ы".
VOWEL_DROPS = {
    "халқ": "халық",
    "орн": "орын",
    "ауз": "ауыз",
    "ерн": "ерін",
    "мұрн": "мұрын",
    "қарн": "қарын",
    "ерк": "ерік",
    "көрк": "көрік",
    "ғұрп": "ғұрып",
    "ойн": "ойын",
    "бөрк": "бөрік",
}
# A stem never ends in б/г/ғ in the dictionary form: "кітабы" is "кітап" + "ы", "жүрегі" "жүрек".
FINAL_DEVOICING = str.maketrans({"б": "п", "г": "к", "ғ": "қ"})

_RUSSIAN_NAME_ENDINGS = ("ев", "ов", "ин", "ова", "ева", "ина")
# The instrumental has one form for both harmonies ("жолымен", "елмен").
HARMONY_FREE = frozenset({"мен", "бен", "пен", "менен", "бенен", "пенен"})
# Which letter an ending may follow: "vowel", "liquid" (р й у), "voiced" (л з ж м н ң),
# "nasal" (м н ң), "voiceless", "poss3" (after the 3rd person possessive ы/і/сы/сі).
_AFTER_VOWEL = frozenset({"vowel"})


def _endings(spec: str, after: set[str]) -> list[tuple[str, frozenset[str]]]:
    return [(ending, frozenset(after)) for ending in spec.split()]


CASE_ENDINGS = sorted(
    _endings("дағы дегі", {"vowel", "liquid", "voiced"})
    + _endings("тағы тегі", {"voiceless"})
    + _endings("ндағы ндегі", {"poss3"})
    + _endings("ның нің", {"vowel", "nasal"})
    + _endings("дың дің", {"liquid", "voiced"})
    + _endings("тың тің", {"voiceless"})
    + _endings("ны ні", {"vowel"})
    + _endings("ды ді", {"liquid", "voiced"})
    + _endings("ты ті", {"voiceless"})
    + _endings("н", {"poss3"})
    + _endings("ға ге", {"vowel", "liquid", "voiced"})
    + _endings("қа ке", {"voiceless"})
    + _endings("на не", {"poss3"})
    + _endings("да де", {"vowel", "liquid", "voiced"})
    + _endings("та те", {"voiceless"})
    + _endings("нда нде", {"poss3"})
    + _endings("дан ден", {"vowel", "liquid", "voiced"})
    + _endings("нан нен", {"nasal"})
    + _endings("нан нен", {"poss3"})
    + _endings("тан тен", {"voiceless"})
    # The instrumental's м/б/п choice varies by speaker and spelling ("адаммен", "адамбен"): any.
    + _endings("мен менен бен бенен пен пенен", {"vowel", "consonant"}),
    key=lambda e: -len(e[0]),
)
# 1st and 2nd person singular ("-ым", "-ың") are left alone: rare in news, and they would cut
# "келісім" or "теңіз". The 3rd person and "our" ("еліміз") are what news texts use.
POSSESSIVE_ENDINGS = sorted(
    _endings("ымыз іміз", {"consonant"})
    + _endings("мыз міз", {"vowel"})
    + _endings("сы сі", {"vowel"})
    + _endings("ы і", {"consonant"}),
    key=lambda e: -len(e[0]),
)
PLURAL_ENDINGS = (
    _endings("лар лер", {"vowel", "liquid"})
    + _endings("дар дер", {"voiced"})
    + _endings("тар тер", {"voiceless"})
)


def _harmony(text: str) -> str:
    """'back', 'front' or 'any': the harmony of the last vowel of `text`."""
    for char in reversed(text):
        if char in BACK_VOWELS:
            return "back"
        if char in FRONT_VOWELS:
            return "front"
        if char in NEUTRAL_VOWELS:
            return "any"
    return "any"


def _letter_classes(stem: str) -> set[str]:
    last = stem[-1]
    if last in VOWELS and last not in LIQUIDS:
        return {"vowel"}
    classes = {"consonant"}
    if last in LIQUIDS:
        classes.add("liquid")
        if last == "у":  # "у" is a vowel or a glide: "ауылы", "шаруасы"
            classes.add("vowel")
    if last in VOICED:
        classes.add("voiced")
    if last in NASALS:
        classes.add("nasal")
    if last in VOICELESS:
        classes.add("voiceless")
    return classes


def _fits(stem: str, ending: str, after: frozenset[str], poss3: bool) -> bool:
    if len(stem) < MIN_STEM or not any(c in VOWELS for c in stem):
        return False
    if ending in ("ы", "і") and stem[-1] == "ш":  # "жетекші", "қатысушы" end in the agent "-шы/-ші"
        return False
    if "poss3" in after:
        return poss3 and stem[-1] in "ыі"
    if not after & _letter_classes(stem):
        return False
    if ending in HARMONY_FREE:
        return True
    if stem.endswith(_RUSSIAN_NAME_ENDINGS):
        return True  # "Тоқаевтың", "Абайдың": a Russian-form surname takes either harmony
    harmony = _harmony(stem)
    ending_harmony = _harmony(ending)
    return harmony == "any" or ending_harmony == "any" or harmony == ending_harmony


def _strip(word: str, endings, poss3: bool = False) -> str | None:
    for ending, after in endings:
        if word.endswith(ending) and len(word) > len(ending):
            stem = word[: -len(ending)]
            if _fits(stem, ending, after, poss3):
                return stem
    return None


def stems(word: str) -> list[str]:
    """The stem of a lowercased Kazakh word, and a second one when the word reads two ways.

    "қаласы" is "қала" + "сы" and "облысы" is "облыс" + "ы": after a vowel and "с" the stemmer
    cannot tell, and gives both ("қала", "қалас"), so that either dictionary form finds it. So
    too "күні", "күн" + "і" or "кү" + "ні".
    """
    if len(word) <= MIN_STEM or _protected(word) or "-" in word:
        return [word]
    found: list[str] = []
    case_stem = _strip_case(word)
    for candidate in _without_possessive_and_plural(case_stem):
        found.append(candidate)
    # An accusative "-ны/-ні" after a vowel reads as well as "-н" + possessive "-ы/-і".
    if case_stem != word and word[-2:] in ("ны", "ні"):
        for candidate in _without_possessive_and_plural(word):
            found.append(candidate)
        if len(found[0]) < 3:  # "кү" + "ні" is no word: "күн" + "і" comes first
            found.reverse()
    return list(dict.fromkeys(_dictionary_form(s) for s in found))


def _protected(word: str) -> bool:
    return word in PROTECTED or loose_key(word) in PROTECTED_KEYS


def _strip_case(word: str) -> str:
    plain = _strip(word, [e for e in CASE_ENDINGS if "poss3" not in e[1]])
    after_poss3 = _strip(word, [e for e in CASE_ENDINGS if "poss3" in e[1]], poss3=True)
    # An ending after the 3rd person possessive ("қаласы-нда") is preferred, if what it leaves is a
    # possessive indeed ("жиын-да" is not "жиы-нда").
    if (
        after_poss3 is not None
        and (plain is None or len(after_poss3) < len(plain))
        and _strip(after_poss3, POSSESSIVE_ENDINGS) is not None
    ):
        return after_poss3
    return plain if plain is not None else word


def _without_possessive_and_plural(stem: str) -> list[str]:
    if _protected(stem):
        return [stem]
    alternative = None
    possessive = _strip(stem, POSSESSIVE_ENDINGS)
    if possessive is not None:
        if stem[-2:] in ("сы", "сі") and possessive == stem[:-2] and len(stem) > 4:
            alternative = stem[:-1]  # "облысы": "облыс" + "ы" is as likely
        stem = possessive
    if stem not in PROTECTED:
        plural = _strip(stem, PLURAL_ENDINGS)
        if plural is not None:
            stem = plural
    return [stem, alternative] if alternative else [stem]


# Endings as a Russian keyboard types them (no ң, ғ, қ), in Kazakh letters again: "Таразга",
# "облыстын", "Астанадагы". і typed и is і wherever it stands: "уйи" is "уйі".
_TYPED_ENDINGS = re.compile(r"(?<=[ндт][ыі])н$|(?<=[дт]а)г(?=ы$)|г(?=а$)|к(?=а$)")
_KAZAKH_FOR_TYPED = {"н": "ң", "г": "ғ", "к": "қ"}
_TYPED_LAST_LETTERS = ("н", "га", "ка", "гы")
_KAZAKH_LETTERS = re.compile("[әғқңөұүһі]")


def with_kazakh_letters(word: str) -> str:
    """A Kazakh word with і for the и that Latin spellings and Russian keyboards give it ("мәдени" as
    Latin "mädeni" reads back, "мәдені"), and, typed with no Kazakh letter at all, its endings' ң,
    ғ, қ: "уйи" gives "уйі", "облыстын" "облыстың". Other letters of the stem stay: loose keys
    forgive them."""
    # Only an и among the last letters can be an ending's or decide one.
    restored = word.replace("и", "і") if "и" in word[-5:] else word
    if restored.endswith(_TYPED_LAST_LETTERS) and not _KAZAKH_LETTERS.search(word):
        return _TYPED_ENDINGS.sub(lambda m: _KAZAKH_FOR_TYPED[m.group()], restored)
    return restored


def stem(word: str) -> str:
    """The first of stems(word): the dictionary form the stemmer finds most likely."""
    return stems(word)[0]


def _dictionary_form(stem: str) -> str:
    if stem in PROTECTED:
        return stem
    stem = VOWEL_DROPS.get(stem, stem)
    return stem[:-1] + stem[-1].translate(FINAL_DEVOICING) if len(stem) > MIN_STEM else stem
