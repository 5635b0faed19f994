"""Per-language Whoosh analyzers: Russian lemmas, Kazakh and English words; pickle-safe."""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from whoosh.analysis import Filter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.analysis.analyzers import CompositeAnalyzer  # whoosh3 no longer re-exports it

if TYPE_CHECKING:
    from pymorphy3 import MorphAnalyzer
    from pymorphy3.analyzer import Parse
    from whoosh.analysis import Token

# Bump whenever any analyzer gives other tokens for the same text: the schema version includes
# it, so an index built with older analysis is rebuilt rather than searched with mismatched terms.
ANALYZER_VERSION = 1

LANGUAGES = ("ru", "kk", "en")

# Hyphens join pieces into one word ("Нур-Султан", "Усть-Каменогорск", "30-летия"); combining
# stress marks and soft hyphens may sit inside a piece. Dots split, so "г.Алматы" gives two words.
_WORD_PIECE = r"\w[\w\u0300-\u036f\u00ad]*"
WORD_PATTERN = rf"{_WORD_PIECE}(?:[-\u2010\u2011]{_WORD_PIECE})*"

_SPELLING_FOLDS = {ord("ё"): "е", 0x2010: "-", 0x2011: "-", 0x00AD: None}
_SPELLING_FOLDS.update(dict.fromkeys(range(0x0300, 0x0370)))  # combining marks, e.g. stress accents


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Function words only: a content word here would vanish from search.
RUSSIAN_STOP_WORDS = _word_set(
    """
    а без бы был была были было быть в вам вами вас ведь во вот все всего всей всем всеми всех
    всю вся вы да для до его ее ей ею же ж за и из или им ими их к как ко ли либо лишь мне мной
    меня мы на над нам нами нас не него нее ней нем ни ними них но ну о об обо он она они оно
    от перед по под при про с себе себя со собой та так также такой там те тем то тоже того той
    том тот ту ты у уж уже чем через что чтоб чтобы эта эти этим этих это этого этой этом этот
    эту я
    """
)
KAZAKH_STOP_WORDS = _word_set(
    """
    ал арқылы бе бен бірақ бұл да де деп дейін еді екен және кейін қана мен ма ме не немесе
    ол олар оның осы па пе пен сол та те туралы үшін ғана әрі бойынша
    """
)
# "it", "us" and "may" stay searchable: IT, the US and 1 May are news words here.
ENGLISH_STOP_WORDS = _word_set(
    """
    a an and are as at be been but by for from had has have he her his i if in into is its of
    on or our s she so t than that the their them then there these they this those to was we
    were which who will with would you your
    """
)
# Every analyzer stops the same words. A query is parsed against all language fields, and a word
# stopped in one field but not in another would survive there as a required term: with separate
# lists, "от Ассамблеи" would demand "от" in the Kazakh or English field and miss Russian pages.
FUNCTION_WORDS = RUSSIAN_STOP_WORDS | KAZAKH_STOP_WORDS | ENGLISH_STOP_WORDS

LEMMA_CACHE_LIMIT = 200_000

# Surnames whose masculine nominative pymorphy3 knows only as the plural of another word
# ("Токаев" as the genitive plural of "токай"); their other forms are read as surnames anyway.
_SURNAMES_TAKEN_FOR_PLURALS = frozenset({"токаев"})
# Genitive plurals of Kazakhstan terms that pymorphy3 knows only as first names or not at all,
# which the surname rules below would otherwise take for surnames ("акимов" = of akims).
_PLURALS_TAKEN_FOR_SURNAMES = frozenset({"акимов", "акиматов", "маслихатов", "биев"})
_SURNAME_ENDINGS = ("ов", "ев", "ин", "ын")
_PROPER_NAME_TAGS = frozenset({"Name", "Surn", "Patr"})

_CYRILLIC = re.compile("[а-яё]")
_KAZAKH_LETTERS = re.compile("[әғқңөұүһі]")

_morph: MorphAnalyzer | None = None
_morph_lock = threading.Lock()
# One cache for the process: title_ru and text_ru, and every schema unpickled on each index open,
# share it. Lemmas depend on the word alone, so sharing cannot mix anything up.
_lemma_cache: dict[str, str] = {}


def fold_spelling(text: str) -> str:
    """Return text in NFC, ё as е, typographic hyphens as "-", no stress marks or soft hyphens."""
    if text.isascii():
        return text
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text.translate(_SPELLING_FOLDS)


def lemmatize(word: str) -> str:
    """Return the term the Russian analyzer makes of one word (stop words are not removed here)."""
    return _lemma_of(fold_spelling(word.lower()))


def _morph_analyzer() -> MorphAnalyzer:
    global _morph
    if _morph is None:
        with _morph_lock:
            if _morph is None:
                # Imported here: loading takes time and ~30 MB, and only Russian analysis needs it.
                import pymorphy3

                _morph = pymorphy3.MorphAnalyzer()
    return _morph


def _lemma_of(word: str) -> str:
    lemma = _lemma_cache.get(word)
    if lemma is None:
        lemma = _lemma_uncached(word)
        if len(_lemma_cache) >= LEMMA_CACHE_LIMIT:
            _lemma_cache.clear()
        _lemma_cache[word] = lemma
    return lemma


def _lemma_uncached(word: str) -> str:
    # Numbers, Latin names and Kazakh words pass as they are (pymorphy3 makes "жастар" "жастарый").
    if not _CYRILLIC.search(word) or _KAZAKH_LETTERS.search(word):
        return word
    if word in _SURNAMES_TAKEN_FOR_PLURALS:
        return word
    morph = _morph_analyzer()
    return _pick_lemma(morph, word, morph.parse(word)).replace("ё", "е")


def _pick_lemma(morph: MorphAnalyzer, word: str, parses: list[Parse]) -> str:
    best = parses[0]
    if "Surn" in best.tag or word in _PLURALS_TAKEN_FOR_SURNAMES:
        return best.normal_form
    surname = next((p for p in parses if "Surn" in p.tag), None)
    if surname is not None:
        return surname.normal_form if _surname_wins(morph, word, parses) else best.normal_form
    return word if _is_masculine_surname(morph, word, parses) else best.normal_form


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
    return any("Surn" in p.tag and p.normal_form.replace("ё", "е") == word for p in morph.parse(word + "а"))


def _is_common_noun_too(lemma: str, parses: list[Parse]) -> bool:
    return any(
        p.normal_form == lemma and "NOUN" in p.tag and not _PROPER_NAME_TAGS & p.tag.grammemes for p in parses
    )


class SpellingFoldFilter(Filter):
    """Folds spelling variants that carry no meaning for search (see fold_spelling)."""

    def __call__(self, tokens: Iterable[Token]) -> Iterator[Token]:
        for token in tokens:
            token.text = fold_spelling(token.text)
            yield token


class RussianLemmaFilter(Filter):
    """Replaces each Russian token with its pymorphy3 lemma, ё as е; positions and offsets stay.

    Expects lowercased, spelling-folded tokens. Index and query mode are treated alike, so a
    query word meets the term its other forms were indexed under.
    """

    # Whoosh skips morphological filters where it wants surface forms (spelling suggestions).
    is_morph = True

    def __init__(self) -> None:
        self.version = ANALYZER_VERSION

    # Whoosh pickles the schema into the index: keep the state to the version, never the
    # MorphAnalyzer or the cache, so it stays small and unpickles in any fresh process.
    def __getstate__(self) -> dict[str, int]:
        return {"version": self.version}

    def __setstate__(self, state: dict[str, int]) -> None:
        self.version = state.get("version", 0)

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other) and self.version == other.version

    __hash__ = None  # type: ignore[assignment]

    def __call__(self, tokens: Iterable[Token]) -> Iterator[Token]:
        cache = _lemma_cache
        for token in tokens:
            if not token.stopped:
                lemma = cache.get(token.text)
                token.text = lemma if lemma is not None else _lemma_of(token.text)
            yield token


def word_tokenizer() -> RegexTokenizer:
    """Return the tokenizer shared by all languages (WORD_PATTERN)."""
    return RegexTokenizer(WORD_PATTERN)


def _spelling_normalized_words() -> CompositeAnalyzer:
    return (
        word_tokenizer()
        | LowercaseFilter()
        | SpellingFoldFilter()
        | StopFilter(FUNCTION_WORDS, minsize=1)  # minsize=1 keeps "1" of "1 мая"
    )


def russian_analyzer() -> CompositeAnalyzer:
    """Return an analyzer giving pymorphy3 lemmas: "Таразе" and "Тараз" both give "тараз"."""
    return _spelling_normalized_words() | RussianLemmaFilter()


def kazakh_analyzer() -> CompositeAnalyzer:
    """Return an analyzer giving lowercased, spelling-folded Kazakh words, not yet stemmed."""
    # The Kazakh stemmer goes on the end of this chain, as a pickle-safe Filter with a stable
    # import path like RussianLemmaFilter; adding it means bumping ANALYZER_VERSION.
    return _spelling_normalized_words()


def english_analyzer() -> CompositeAnalyzer:
    """Return an analyzer giving Snowball (Porter2) English stems: "meetings" gives "meet"."""
    return _spelling_normalized_words() | StemFilter(lang="en")


ANALYZER_FACTORIES: dict[str, Callable[[], CompositeAnalyzer]] = {
    "ru": russian_analyzer,
    "kk": kazakh_analyzer,
    "en": english_analyzer,
}


def analyzer_for(language: str) -> CompositeAnalyzer:
    """Return a new analyzer for a language code in LANGUAGES; KeyError for any other."""
    return ANALYZER_FACTORIES[language]()
