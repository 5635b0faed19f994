"""A word's terms in each language's fields, and the spelling variants people type that they fold.

A word is read by its script: Kazakh-letter words as Kazakh stems wherever they stand, Latin words
as English stems (Kazakh ones in Kazakh text and in the loose fields), other Cyrillic words as
Russian lemmas (Kazakh stems in Kazakh text). Variants folded on top of that, at indexing and at
query time alike:

- a Cyrillic word the Russian dictionary does not know, with no Kazakh letter, may be Kazakh typed
  on a Russian keyboard ("Жангыру" for "Жаңғыру"): its loose keys are its own too, not only its
  lemma's; and a query word in the Kazakh loose field is read as a Russian noun as well ("Наурыза"
  finds "Наурыз");
- a combining form hyphenated to the rest is the word written solid: "этно-медиации" is
  "этномедиации" (not "Нур-Султан": "нур" is no combining form, and "Нурсултан" is a man);
- English spellings of names and the 2017, 2018 and 2021 Latin alphabets are read back into
  Kazakh Cyrillic by archive.translit (Tokayev = Токаев, Janǵyrý = Jan'g'yru = Жаңғыру).
"""

from __future__ import annotations

from collections.abc import Callable

from archive.translit import has_kazakh_letters, is_latin, loose_key, to_cyrillic
from indexer import kazakh, russian
from indexer.caches import remember
from indexer.russian import LEMMA_CACHE_LIMIT, lemma_in_context, lemma_readings

Preceding = tuple[str | None, str | None] | None  # the two words before, nearest first

# Prefixes of Greek, Latin and English origin that Russian writes solid with the word they join,
# and that people hyphenate ("этно-медиация"), in Russian, Kazakh and Latin spelling. A first part
# that is a word of its own ("Нур-Султан", "Усть-Каменогорск") is never joined.
COMBINING_FORMS = frozenset(
    """
    авиа авто агро аква анти арт аудио био вело видео гео гидро евро интер кибер кино контр макро
    медиа мега микро мини мото мульти нано нео пост псевдо радио супер теле транс ультра фото эко
    электро энерго этно
    agro anti audio bio co cyber eco electro ethno euro geo hydro inter macro media mega micro mini
    multi nano neo non post pseudo radio super tele trans ultra video
    """.split()  # noqa: SIM905
)


def english_stem(word: str) -> str:
    """The Snowball (Porter2) stem of a lowercased English word: "meetings" gives "meet"."""
    stem = _english_cache.get(word)
    if stem is None:
        global _english_stemmer
        if _english_stemmer is None:
            from whoosh.lang import stemmer_for_language

            _english_stemmer = stemmer_for_language("en")
        stem = remember(_english_cache, word, _english_stemmer(word), LEMMA_CACHE_LIMIT)
    return stem


_english_stemmer: Callable[[str], str] | None = None
_english_cache: dict[str, str] = {}


def kazakh_stems(word: str) -> list[str]:
    """Stems of a lowercased Kazakh word in any alphabet, in Cyrillic ("Qazaqtanu" as "қазақтану")."""
    # Cached like lemmas: stemming is a third of the indexing time of Kazakh text otherwise.
    stems = _kazakh_cache.get(word)
    if stems is None:
        if is_latin(word):
            found = kazakh.stems(to_cyrillic(word))
        else:
            found = kazakh.stems(word)
            # Typed with Russian letters ("уйи" is "үйі", its stem "үй"); or an и that Latin
            # spellings write i, read back as і: "мәдени" meets "mädeni" (мәдені), stem "мәден".
            restored = kazakh.with_kazakh_letters(word) if "-" not in word else word
            if restored != word:  # a stem it adds only if its loose key is another ("уй", not "болатың")
                keys = {loose_key(stem) for stem in found}
                found += [s for s in kazakh.stems(restored) if loose_key(s) not in keys]
        if found[0].endswith(_FEMININE_SURNAME) and len(found[0]) > 5:
            # "Nazarbayeva", Kazakh "Назарбаеваның" meet the Russian "Назарбаева", read as Назарбаев.
            found = [*found, found[0][:-1]]
        stems = remember(_kazakh_cache, word, tuple(found), LEMMA_CACHE_LIMIT)
    return list(stems)


_kazakh_cache: dict[str, tuple[str, ...]] = {}
_FEMININE_SURNAME = ("ова", "ева")


def forget_words() -> None:
    """Empty the word caches of the stemmers and of the Russian morphology."""
    _english_cache.clear()
    _kazakh_cache.clear()
    russian.forget_words()


def solid_form(word: str) -> str | None:
    """The word written solid when it opens with a hyphenated combining form ("этно-медиации"), else None."""
    head, hyphen, rest = word.partition("-")
    if hyphen and rest and head in COMBINING_FORMS and "-" not in rest and "'" not in rest:
        return head + rest
    return None


def _russian_readings(word: str, preceding: Preceding, following: str | None, query: bool) -> list[str]:
    if query:
        return list(lemma_readings(word))
    return [lemma_in_context(word, preceding, following)]


def word_readings(
    language: str, word: str, preceding: Preceding = None, following: str | None = None, query: bool = False
) -> list[str]:
    """The terms a word gives in a field of `language` ("ru", "kk", "en"), chosen by its script.

    Kazakh-letter words are Kazakh wherever they stand; Latin words are English in Russian and
    English text and Kazakh (2021 alphabet) in Kazakh text; other Cyrillic words are Russian
    except in Kazakh text. A query word gets every reading, an indexed word its reading in context.
    A hyphenated word gives its compound readings too (_with_compound_readings).
    """
    if not any(c.isalpha() for c in word):
        return [word]
    if is_latin(word):
        readings = kazakh_stems(word) if language == "kk" else [english_stem(word)]
    elif language == "kk" or has_kazakh_letters(word):
        readings = kazakh_stems(word)
    else:
        readings = _russian_readings(word, preceding, following, query)
    if "-" in word:  # its parts and solid form have none: no deeper recursion
        return _with_compound_readings(
            readings, word, lambda w: word_readings(language, w, None, None, query)
        )
    return readings


def _with_compound_readings(readings: list[str], word: str, read: Callable[[str], list[str]]) -> list[str]:
    """`readings` of a hyphenated word, and the solid word's readings when it opens with a combining
    form, else its parts' first readings joined by hyphens ("Касым-Жомарта" as "касым-жомарт",
    which the dictionary does not know whole). Parts and solid word are read alone, so that a
    word's terms never depend on its neighbours through them."""
    found = list(readings)
    solid = solid_form(word)
    parts = word.split("-")
    if solid is not None:
        found.extend(read(solid))
    elif all(parts) and "'" not in word:
        found.append("-".join(read(part)[0] for part in parts))
    return list(dict.fromkeys(found))


def read_by_context(language: str, word: str) -> bool:
    """True when an indexed word's readings in a `language` field may depend on its neighbours.

    Only a Russian-read word that is both a verb and a noun ("стали") is read in context (see
    russian.lemma_in_context); every other word gives the same terms wherever it stands, in the
    language fields and in the loose fields alike.
    """
    if language == "kk" or not any(c.isalpha() for c in word) or is_latin(word) or has_kazakh_letters(word):
        return False
    return russian.reads_by_context(word)


def _loose_readings(
    language: str, word: str, preceding: Preceding, following: str | None, query: bool
) -> list[str]:
    if not any(c.isalpha() for c in word):
        return [word]
    if is_latin(word) or has_kazakh_letters(word):
        readings = kazakh_stems(word)
    elif language == "kk":
        readings = kazakh_stems(word)
        if query and not russian.is_known(word):
            # "Наурыза" asks for Kazakh articles on Наурыз too: a Kazakh word declined in Russian.
            readings = readings + _russian_readings(word, None, None, True)
    else:
        readings = _russian_readings(word, preceding, following, query)
        if word not in readings and "-" not in word and not russian.is_known(word):
            # A word the dictionary does not know, with no Kazakh letter, may be Kazakh typed with
            # Russian letters: "Жангыру" meets "Жаңғыру" by its own key. Its own, not its Kazakh
            # stem's: "Таразда" must not find the Russian "в Таразе".
            readings = readings + [word]
    if "-" in word:  # its parts and solid form have none: no deeper recursion
        return _with_compound_readings(
            readings, word, lambda w: _loose_readings(language, w, None, None, query)
        )
    return readings


def loose_keys(
    language: str, word: str, preceding: Preceding = None, following: str | None = None, query: bool = False
) -> list[str]:
    """Spelling-forgiving keys of a word in a text of `language`: Kazakh in any alphabet meets itself.

    Latin words are read as Kazakh here (Kazakhtanu, Qazaqtanu), so they meet the Cyrillic stem.
    """
    return list(
        dict.fromkeys(loose_key(r) for r in _loose_readings(language, word, preceding, following, query))
    )
