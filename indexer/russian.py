"""Russian morphology for the analyzers: pymorphy3 lemmas, surnames kept whole, readings in context."""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from typing import TYPE_CHECKING

from indexer.caches import remember

if TYPE_CHECKING:
    from pymorphy3 import MorphAnalyzer
    from pymorphy3.analyzer import Parse

LEMMA_CACHE_LIMIT = 200_000
PARSE_CACHE_SIZE = 4096

# Surnames whose masculine nominative pymorphy3 knows only as the plural of another word
# ("Токаев" as the genitive plural of "токай"); their other forms are read as surnames anyway.
_SURNAMES_TAKEN_FOR_PLURALS = frozenset({"токаев"})
# Genitive plurals of Kazakhstan terms that pymorphy3 knows only as first names or not at all,
# which the surname rules below would otherwise take for surnames ("акимов" = of akims).
_PLURALS_TAKEN_FOR_SURNAMES = frozenset({"акимов", "акиматов", "маслихатов", "биев"})
_SURNAME_ENDINGS = ("ов", "ев", "ин", "ын")
# Infinitives of the verbs whose stem ends in a consonant (грызть, нести, везти, беречь): a closed
# class, which no new word joins.
_CLOSED_VERB_ENDINGS = ("зть", "сть", "зти", "сти", "чь")
_PROPER_NAME_TAGS = frozenset({"Name", "Surn", "Patr"})

_CYRILLIC = re.compile("[а-яё]")
_KAZAKH_LETTERS = re.compile("[әғқңөұүһі]")

# A word read as a verb or as a noun ("стали": стать / сталь) is decided by its neighbours.
_PREPOSITIONS = frozenset(
    """
    в во на из для от до без с со к ко по о об обо при у за над под про через после перед между
    около
    """.split()  # noqa: SIM905
)
_VERB_TAGS = frozenset({"VERB", "INFN", "PRTF", "PRTS", "GRND"})
QUERY_LEMMA_MIN_SCORE = 0.01

_morph: MorphAnalyzer | None = None
_morph_lock = threading.Lock()
# One cache for the process: title_ru and text_ru, and every schema unpickled on each index open,
# share it. Lemmas depend on the word alone, so sharing cannot mix anything up.
_lemma_cache: dict[str, str] = {}
_readings_cache: dict[str, tuple[str, ...]] = {}
_verb_noun_cache: dict[str, tuple[str, str] | None] = {}
_known_cache: dict[str, bool] = {}


def _morph_analyzer() -> MorphAnalyzer:
    global _morph
    if _morph is None:
        with _morph_lock:
            if _morph is None:
                # Imported here: loading takes time and ~30 MB, and only Russian analysis needs it.
                import pymorphy3
                import pymorphy3_dicts_ru

                # The dictionary's path given: finding it through the installed packages' entry
                # points costs ~30 ms, a third of a search's start-up.
                _morph = pymorphy3.MorphAnalyzer(path=pymorphy3_dicts_ru.get_path())
    return _morph


def forget_words() -> None:
    """Empty the lemma, readings, dictionary and parse caches."""
    _lemma_cache.clear()
    _readings_cache.clear()
    _verb_noun_cache.clear()
    _known_cache.clear()
    _parses.cache_clear()


@lru_cache(maxsize=PARSE_CACHE_SIZE)
def _parses(word: str) -> list[Parse]:
    # A new word is parsed for its lemma, for its verb/noun readings and as a neighbour of a
    # verb/noun word, each soon after the other: a small cache saves the repeats. Callers only read.
    return _morph_analyzer().parse(word)


def is_known(word: str) -> bool:
    """True when a lowercased, spelling-folded Cyrillic word is in the Russian dictionary (as
    MorphAnalyzer.word_is_known says; noted when the word is lemmatised, else looked up)."""
    known = _known_cache.get(word)
    if known is None:
        known = remember(_known_cache, word, _morph_analyzer().word_is_known(word), LEMMA_CACHE_LIMIT)
    return known


def lemma_of(word: str) -> str:
    """The lemma of a lowercased, spelling-folded word; other scripts and numbers pass as they are."""
    lemma = _lemma_cache.get(word)
    if lemma is None:
        lemma = remember(_lemma_cache, word, _lemma_uncached(word), LEMMA_CACHE_LIMIT)
    return lemma


def _lemma_uncached(word: str) -> str:
    # Numbers, Latin names and Kazakh words pass as they are (pymorphy3 makes "жастар" "жастарый").
    if not _CYRILLIC.search(word) or _KAZAKH_LETTERS.search(word):
        return word
    if word in _SURNAMES_TAKEN_FOR_PLURALS:
        return word
    morph = _morph_analyzer()
    parses = _parses(word)
    # Whether the dictionary knows the word, noted while its parses are at hand (see is_known).
    remember(_known_cache, word, any(_from_dictionary(p) for p in parses), LEMMA_CACHE_LIMIT)
    return _pick_lemma(morph, word, parses).replace("ё", "е")


def _from_dictionary(parse: Parse) -> bool:
    # A dictionary word's parse comes from the dictionary alone; a guess's from a guesser, or from
    # the dictionary and a prefix or suffix unit ("жамбылской"): as word_is_known tells them apart.
    global _dictionary_unit
    if _dictionary_unit is None:
        from pymorphy3.units import DictionaryAnalyzer

        _dictionary_unit = DictionaryAnalyzer
    stack = parse.methods_stack
    return len(stack) == 1 and type(stack[0][0]) is _dictionary_unit


_dictionary_unit: type | None = None


def _pick_lemma(morph: MorphAnalyzer, word: str, parses: list[Parse]) -> str:
    best = parses[0]
    if "Surn" in best.tag or word in _PLURALS_TAKEN_FOR_SURNAMES:
        return best.normal_form
    surname = next((p for p in parses if "Surn" in p.tag), None)
    if surname is not None:
        return surname.normal_form if _surname_wins(morph, word, parses) else best.normal_form
    if _is_masculine_surname(morph, word, parses):
        return word
    return _noun_over_guessed_verb(morph, word, parses).normal_form


def _noun_over_guessed_verb(morph: MorphAnalyzer, word: str, parses: list[Parse]) -> Parse:
    # An unknown word guessed into a verb of the closed consonant-stem class ("наурыз" as the past
    # of "наурызть", like "грыз") is a noun: a Kazakh or foreign word ("Наурыза", "Наурызом").
    best = parses[0]
    if (
        not best.normal_form.endswith(_CLOSED_VERB_ENDINGS)
        or not _VERB_TAGS & best.tag.grammemes
        or morph.word_is_known(word)
    ):
        return best
    return next((p for p in parses if "NOUN" in p.tag), best)


def _surname_wins(morph: MorphAnalyzer, word: str, parses: list[Parse]) -> bool:
    # A surname beats a first name ("Токаева" as a woman's name, "Ахметов" as "of Ахметs") and a
    # guess, never a dictionary noun ("городов" stays "город", "султанов" stays "султан").
    if not morph.word_is_known(word):
        return True
    best = parses[0]
    return "Name" in best.tag and not _is_common_noun_too(best.normal_form, parses)


def _is_masculine_surname(morph: MorphAnalyzer, word: str, parses: list[Parse]) -> bool:
    # "Тугжанов", "Ермеков" have no surname reading, only genitive plurals of first names (or of
    # guessed nouns), while "Тугжанова", "Ермекова" do read as surnames.
    if not word.endswith(_SURNAME_ENDINGS):
        return False
    best = parses[0]
    if morph.word_is_known(word) and (
        not ("Name" in best.tag and "plur" in best.tag) or _is_common_noun_too(best.normal_form, parses)
    ):
        return False
    return any("Surn" in p.tag and p.normal_form.replace("ё", "е") == word for p in _parses(word + "а"))


def _is_common_noun_too(lemma: str, parses: list[Parse]) -> bool:
    return any(
        p.normal_form == lemma and "NOUN" in p.tag and not _PROPER_NAME_TAGS & p.tag.grammemes for p in parses
    )


def lemma_readings(word: str) -> tuple[str, ...]:
    """Every lemma a lone Russian word may stand for, likeliest first: "стали" gives стать, сталь.

    Expects a lowercased, spelling-folded word.

    A query word has no neighbours to decide by, so it matches each of its readings; an indexed
    word is read once, in context (see RussianLemmaFilter).
    """
    readings = _readings_cache.get(word)
    if readings is None:
        readings = remember(_readings_cache, word, _readings_uncached(word), LEMMA_CACHE_LIMIT)
    return readings


def _readings_uncached(word: str) -> tuple[str, ...]:
    first = lemma_of(word)
    if first == word and (not _CYRILLIC.search(word) or _KAZAKH_LETTERS.search(word)):
        return (first,)
    found = [first]
    for parse in _parses(word):
        if parse.score >= QUERY_LEMMA_MIN_SCORE and not _PROPER_NAME_TAGS & parse.tag.grammemes:
            found.append(parse.normal_form.replace("ё", "е"))
    return tuple(dict.fromkeys(found))


def _verb_and_noun(word: str) -> tuple[str, str] | None:
    """(verb lemma, noun lemma) when the word reads both ways, as "стали" does; else None."""
    if word in _verb_noun_cache:
        return _verb_noun_cache[word]
    found = None
    if _CYRILLIC.search(word) and not _KAZAKH_LETTERS.search(word):
        parses = _parses(word)
        verb = next((p for p in parses if _VERB_TAGS & p.tag.grammemes), None)
        noun = next((p for p in parses if "NOUN" in p.tag and not _PROPER_NAME_TAGS & p.tag.grammemes), None)
        if verb and noun and verb.normal_form != noun.normal_form and min(verb.score, noun.score) >= 0.005:
            found = (verb.normal_form.replace("ё", "е"), noun.normal_form.replace("ё", "е"))
    return remember(_verb_noun_cache, word, found, LEMMA_CACHE_LIMIT)


def reads_by_context(word: str) -> bool:
    """True when lemma_in_context may read the word differently by its neighbours (a verb/noun word)."""
    return _verb_and_noun(word) is not None


def _top_tag(word: str | None):
    if not word or not _CYRILLIC.search(word) or _KAZAKH_LETTERS.search(word):
        return None
    return _parses(word)[0].tag


def lemma_in_context(
    word: str, preceding: tuple[str | None, str | None] | None, following: str | None
) -> str:
    """The lemma of a Russian word read with its neighbours (lowercased, spelling-folded).

    After a preposition a verb/noun word is the noun ("из стали"); before a noun in the
    instrumental or an infinitive, or after one in the instrumental, it is the verb ("стали
    участниками", "стали работать", "участниками стали члены"); after a noun in another oblique
    case it is the noun ("о выплавке стали"); before a noun in the nominative, the verb again;
    otherwise the likelier reading wins.
    """
    lemma = lemma_of(word)
    both = _verb_and_noun(word)
    if both is None:
        return lemma
    verb, noun = both
    before_word, earlier_word = preceding or (None, None)
    if before_word in _PREPOSITIONS:
        return noun
    after = _top_tag(following)
    before = _top_tag(before_word)
    earlier = _top_tag(earlier_word)
    if after is not None and ("ablt" in after or "INFN" in after):
        return verb  # "стали участниками", "стали работать"
    if any(tag is not None and "ablt" in tag and "NOUN" in tag for tag in (before, earlier)):
        return verb  # "участниками стали члены", "лейтмотивом лектория стали принципы"
    if (
        before is not None
        and "NOUN" in before
        and "nomn" not in before
        and not _PROPER_NAME_TAGS & before.grammemes
    ):
        return noun  # "о выплавке стали", "производства стали"
    if after is not None and "NOUN" in after and "nomn" in after:
        return verb  # "дети стали взрослые": a subject follows
    return lemma
