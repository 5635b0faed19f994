"""Cyrillic (ru, kk) in Latin letters, from one table: the 2021 Kazakh alphabet, loose keys, plain names."""

from __future__ import annotations

import re
from functools import lru_cache

# The one table: the 2021 Latin alphabet (ä ğ ı ñ ö ş ū ü), letter for letter; Russian-only
# letters as the Latin-alphabet press writes them. The other readings below fold its letters.
CYRILLIC_TO_LATIN = {
    "а": "a", "ә": "ä", "б": "b", "в": "v", "г": "g", "ғ": "ğ", "д": "d", "е": "e", "ё": "io",
    "ж": "j", "з": "z", "и": "i", "й": "i", "к": "k", "қ": "q", "л": "l", "м": "m", "н": "n",
    "ң": "ñ", "о": "o", "ө": "ö", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "ū",
    "ү": "ü", "ф": "f", "х": "h", "һ": "h", "ц": "ts", "ч": "ch", "ш": "ş", "щ": "şş", "ъ": "",
    "ы": "y", "і": "ı", "ь": "", "э": "e", "ю": "iu", "я": "ia",
}  # fmt: skip

# Latin back to Cyrillic, longest spelling first. Both the 2021 letters and the loose English
# spellings of the same sounds ("zh", "sh", "kh", "gh", "ng", "ye" in Tokayev) are read. Where they
# disagree the reading that loses least is chosen: "i" is "і" (kelisim = келісім), "y" is "ы"
# (Kogamdyk). The earlier Kazakh alphabets too: 2018's acute letters (Janǵyrý = Жаңғыру, "ıa" я),
# 2017's letters marked by an apostrophe (Jan'g'yru); any other apostrophe is dropped (Qazaq'stan).
_LATIN_SPELLINGS = {
    "shch": "щ", "zh": "ж", "sh": "ш", "ch": "ч", "kh": "х", "gh": "ғ", "ts": "ц", "ya": "я",
    "yu": "ю", "ia": "я", "iu": "ю", "yo": "ё", "ye": "е", "ıa": "я", "ıu": "ю", "ıý": "ю",
    "ıo": "ё",
    "a": "а", "ä": "ә", "b": "б", "c": "ц", "d": "д", "e": "е", "f": "ф", "g": "г", "ğ": "ғ",
    "h": "х", "ı": "і", "i": "і", "İ": "і", "j": "ж", "k": "к", "l": "л", "m": "м", "n": "н",
    "ñ": "ң", "o": "о", "ö": "ө", "p": "п", "q": "қ", "r": "р", "s": "с", "ş": "ш", "t": "т",
    "u": "у", "ū": "ұ", "ü": "ү", "v": "в", "w": "у", "x": "кс", "y": "ы", "z": "з", "ç": "ч",
    "á": "ә", "ǵ": "ғ", "ń": "ң", "ó": "ө", "ú": "ү", "ý": "у",
    "a'": "ә", "g'": "ғ", "n'": "ң", "o'": "ө", "u'": "ү", "y'": "у", "s'": "ш", "c'": "ч",
    "i'": "и", "'": "",
}  # fmt: skip
_LATIN_VOWELS = frozenset("aäeiıoöuūüyáóúý")
# Vowels after which an "i", "ı" or "y" is й: "Abay", "Qostanaı" (2018), but "auyl", "üiı" (2021).
_OPEN_VOWELS = frozenset("aäeoöáó")
_SEMIVOWELS = frozenset("iıy")
_LATIN_PATTERN = re.compile("|".join(sorted(map(re.escape, _LATIN_SPELLINGS), key=len, reverse=True)))

# The loose key: one letter for each group of sounds that spellings confuse. қ, к, х and h are
# one (Qazaq, Kazakh, Қазақ); every i-like vowel is one; ң is n (Zhangyru = Жаңғыру). Each 2021
# letter (or щ's "şş") that a loose spelling writes otherwise, and how:
_LOOSE = {
    "ä": "a", "ğ": "g", "q": "k", "ñ": "n", "ö": "o", "ū": "u", "ü": "u", "h": "k", "ş": "sh",
    "şş": "sh", "ı": "i", "y": "i",
}  # fmt: skip
_KEY_TABLE = str.maketrans({cyr: _LOOSE.get(latin, latin) for cyr, latin in CYRILLIC_TO_LATIN.items()})

# Plain Latin, as the Russian and English press spell names: no marks (2021 letters and the 2017
# acute ones alike), ж zh, ш sh, ё e. For comparing the names of one story across its languages.
_PLAIN = {
    "ä": "a", "á": "a", "ğ": "g", "ǵ": "g", "q": "k", "ñ": "n", "ń": "n", "ö": "o", "ó": "o",
    "ū": "u", "ü": "u", "ú": "u", "ý": "u", "ı": "i", "ş": "sh", "şş": "sh", "j": "zh", "c": "ts",
    "x": "h",
}  # fmt: skip
_PLAIN_TABLE = str.maketrans(
    {cyr: _PLAIN.get(latin, latin) for cyr, latin in CYRILLIC_TO_LATIN.items()}
    | {"ё": "e"}
    | {latin: plain for latin, plain in _PLAIN.items() if len(latin) == 1}
)

_LATIN_LETTER = re.compile(r"[a-zäğıñöşūüçİáǵńóúý]")
_CYRILLIC_LETTER = re.compile(r"[а-яёәғқңөұүһі]")
KAZAKH_LETTERS = re.compile(r"[әғқңөұүһі]")
LATIN_2021_LETTERS = re.compile(r"[äğıñöşūü]")


def is_latin(word: str) -> bool:
    """True when the (lowercased) word is written in Latin letters, with no Cyrillic."""
    return bool(_LATIN_LETTER.search(word)) and not _CYRILLIC_LETTER.search(word)


def has_kazakh_letters(word: str) -> bool:
    """True when the lowercased word has a letter only Kazakh Cyrillic uses (ә ғ қ ң ө ұ ү һ і)."""
    return bool(KAZAKH_LETTERS.search(word))


def to_latin(text: str) -> str:
    """Kazakh Cyrillic text in the 2021 Latin alphabet: "Қазақтану" gives "Qazaqtanu"."""
    out = []
    for char in text:
        latin = CYRILLIC_TO_LATIN.get(char.lower())
        if latin is None:
            out.append(char)
        elif char.isupper():
            out.append(latin[:1].upper() + latin[1:])
        else:
            out.append(latin)
    return "".join(out)


def to_plain_latin(text: str) -> str:
    """Lower-case `text` in plain Latin letters: Cyrillic (ru, kk) and Kazakh Latin spelled alike."""
    return text.casefold().translate(_PLAIN_TABLE)


def to_cyrillic(word: str) -> str:
    """A lowercased Latin word (2021 alphabet or loose English) read back into Kazakh Cyrillic.

    Loose spellings lose letters ("Kazakhtanu" gives "казахтану", not "қазақтану"): compare
    with loose_key(), which forgives exactly those losses.
    """

    def letter(match: re.Match) -> str:
        spelling = match.group()
        if spelling not in _SEMIVOWELS:
            return _LATIN_SPELLINGS[spelling]
        start, end = match.span()
        before = word[start - 1] if start else ""
        after = word[end] if end < len(word) else ""
        # The 2021 "i" is both и and й: next to a vowel it is й ("üiınde" = үйінде, "Qostanai").
        if spelling == "i" and (before in _LATIN_VOWELS or after in _LATIN_VOWELS):
            return "й"
        # 2018's "ı" and English "y" after an open vowel: "Qostanaı", "Abay" (not 2021 "auyl").
        if spelling != "i" and before in _OPEN_VOWELS and after not in _LATIN_VOWELS:
            return "й"
        return _LATIN_SPELLINGS[spelling]

    return _LATIN_PATTERN.sub(letter, word)


@lru_cache(maxsize=200_000)  # called for every word of every text matched against names and places
def loose_key(word: str) -> str:
    """The spelling-forgiving key of a lowercased word in either alphabet.

    Qazaqtanu, Kazakhtanu and Қазақтану share "kazaktanu"; Zhangyru and Жаңғыру "jangiru"; a
    doubled s is one (Kassym = Қасым, Yessimov = Есимов: English spelling doubles it).
    """
    cyrillic = to_cyrillic(word) if is_latin(word) else word
    key = cyrillic.translate(_KEY_TABLE)
    return key.replace("ss", "s") if "ss" in key else key
