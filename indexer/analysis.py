"""Per-language Whoosh analyzers: Russian lemmas, Kazakh stems, English stems, loose keys; pickle-safe."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from whoosh.analysis import Filter, LowercaseFilter, RegexTokenizer, StopFilter
from whoosh.analysis.analyzers import CompositeAnalyzer  # whoosh3 no longer re-exports it

from archive.translit import to_latin
from indexer import russian
from indexer.readings import (  # noqa: F401 (english_stem, forget_words: part of this module's face)
    Preceding,
    english_stem,
    forget_words,
    kazakh_stems,
    loose_keys,
    read_by_context,
    word_readings,
)

if TYPE_CHECKING:
    from whoosh.analysis import Token

# Bump whenever any analyzer gives other tokens for the same text: the schema version includes
# it, so an index built with older analysis is rebuilt rather than searched with mismatched terms.
ANALYZER_VERSION = 4

LANGUAGES = ("ru", "kk", "en")

# Hyphens join pieces into one word ("Нур-Султан", "Усть-Каменогорск", "30-летия"), and so do
# apostrophes: the 2017 Kazakh Latin alphabet marks letters with them, the last one too
# ("Jan'g'yry'" = Жаңғыру), English writes "Tokayev's". Combining stress marks and soft hyphens may
# sit inside a piece. Dots split, so "г.Алматы" gives two words.
_WORD_PIECE = r"\w[\w\u0300-\u036f\u00ad]*"
_MARKED_LAST = r"(?:(?<=[acginosuyACGINOSUY])['\u2019])?"  # the 2017 letters that take an apostrophe
WORD_PATTERN = rf"{_WORD_PIECE}(?:[-\u2010\u2011'\u2018\u2019]{_WORD_PIECE})*{_MARKED_LAST}"

_SPELLING_FOLDS = {ord("ё"): "е", 0x2010: "-", 0x2011: "-", 0x00AD: None}
_SPELLING_FOLDS.update(dict.fromkeys((0x2018, 0x2019, 0x02BC), "'"))
_SPELLING_FOLDS.update(dict.fromkeys(range(0x0300, 0x0370)))  # combining marks, e.g. stress accents
_JOINER = re.compile("[-']")


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
# The same words in the 2021 Latin alphabet, but for the short ones that are English words too.
KAZAKH_STOP_WORDS |= frozenset(to_latin(w) for w in KAZAKH_STOP_WORDS if len(w) > 3)
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


def fold_spelling(text: str) -> str:
    """Return text in NFC, ё as е, typographic hyphens as "-" and apostrophes as "'", no stress marks
    or soft hyphens."""
    if text.isascii():
        return text
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text.translate(_SPELLING_FOLDS)


def lemmatize(word: str) -> str:
    """Return the term the Russian analyzer makes of one word (stop words are not removed here)."""
    return russian.lemma_of(fold_spelling(word.lower()))


def is_compound(word: str) -> bool:
    """True when a folded word has parts joined by hyphens or apostrophes ("нур-султан", "tokayev's")."""
    return "-" in word or "'" in word


def word_parts(word: str) -> Iterator[tuple[str, int]]:
    """The parts of a folded compound word, each with its offset in the word."""
    start = 0
    for part in _JOINER.split(word):
        if part:
            yield part, start
        start += len(part) + 1


class SpellingFoldFilter(Filter):
    """Folds spelling variants that carry no meaning for search (see fold_spelling)."""

    def __call__(self, tokens: Iterable[Token]) -> Iterator[Token]:
        for token in tokens:
            token.text = fold_spelling(token.text)
            yield token


class NeighbourFilter(Filter):
    """Notes on each token the two words before it, nearest first, stop words included ("из стали")."""

    def __call__(self, tokens: Iterable[Token]) -> Iterator[Token]:
        previous: tuple[str | None, str | None] = (None, None)
        for token in tokens:
            token.preceding = previous
            previous = (token.text, previous[0])
            yield token


class _ReadingFilter(Filter):
    """Replaces each token with its readings at the same position; hyphenated words also by parts.

    Expects lowercased, spelling-folded tokens. When indexing, "Нур-Султане" gives "нур-султан",
    "нур" and "султан" at one position, so the whole and each part find it. Query mode gives every
    reading of an ambiguous word; index mode one, chosen in context.
    """

    is_morph = True

    def __init__(self) -> None:
        self.version = ANALYZER_VERSION

    # Whoosh pickles the schema into the index: keep the state small (no MorphAnalyzer, no
    # cache), so it unpickles in any fresh process; the version tells an old index apart.
    def __getstate__(self) -> dict:
        return {"version": self.version}

    def __setstate__(self, state: dict) -> None:
        self.version = state.get("version", 0)

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other) and self.__getstate__() == other.__getstate__()

    __hash__ = None  # type: ignore[assignment]

    def readings(self, word: str, preceding: Preceding, following: str | None, query: bool) -> list[str]:
        raise NotImplementedError

    def reads_alone(self, word: str) -> bool:
        """True when the indexed word's readings never depend on its neighbours (see field_terms)."""
        return False

    def __call__(self, tokens: Iterable[Token]) -> Iterator[Token]:
        # One token of look-ahead: a Russian word's reading may depend on the next word.
        pending = None
        for token in tokens:
            current = token.copy()  # Whoosh reuses one Token object for the whole stream
            if pending is not None:
                yield from self._emit(pending, None if current.stopped else current.text)
            pending = current
        if pending is not None:
            yield from self._emit(pending, None)

    def _emit(self, token: Token, following: str | None) -> Iterator[Token]:
        if token.stopped:
            yield token
            return
        word = token.text
        preceding = getattr(token, "preceding", None)
        readings = self.readings(word, preceding, following, token.mode == "query")
        emitted = [token.copy() for _ in readings]
        if token.mode == "index" and is_compound(word):
            exact_offsets = getattr(token, "chars", False) and token.endchar - token.startchar == len(word)
            for part, start in word_parts(word):
                for reading in self.readings(part, None, None, False):
                    part_token = token.copy()
                    if exact_offsets:
                        part_token.startchar = token.startchar + start
                        part_token.endchar = part_token.startchar + len(part)
                    part_token.text = reading
                    emitted.append(part_token)
        seen = set()
        for out, text in zip(emitted, readings + [t.text for t in emitted[len(readings) :]], strict=True):
            if text in seen:
                continue
            seen.add(text)
            out.text = text
            yield out


class RussianLemmaFilter(_ReadingFilter):
    """Russian words as pymorphy3 lemmas (ё as е), Kazakh-letter words as Kazakh stems, Latin as English."""

    def readings(self, word, preceding, following, query):
        return word_readings("ru", word, preceding, following, query)

    def reads_alone(self, word):
        return not read_by_context("ru", word)


class KazakhStemFilter(_ReadingFilter):
    """Kazakh words in either alphabet as Cyrillic stems: "Ассамблеясының" gives "ассамблея"."""

    def readings(self, word, preceding, following, query):
        return word_readings("kk", word, preceding, following, query)

    def reads_alone(self, word):
        return not read_by_context("kk", word)


class EnglishStemFilter(_ReadingFilter):
    """English words as Snowball stems; Cyrillic words as in Russian text."""

    def readings(self, word, preceding, following, query):
        return word_readings("en", word, preceding, following, query)

    def reads_alone(self, word):
        return not read_by_context("en", word)


class LooseKeyFilter(_ReadingFilter):
    """Words as spelling-forgiving keys (see loose_keys), for matching across alphabets."""

    def __init__(self, language: str = "ru") -> None:
        super().__init__()
        self.language = language

    def __getstate__(self) -> dict:
        return {"version": self.version, "language": self.language}

    def __setstate__(self, state: dict) -> None:
        self.version = state.get("version", 0)
        self.language = state.get("language", "ru")

    def readings(self, word, preceding, following, query):
        return loose_keys(self.language, word, preceding, following, query)

    def reads_alone(self, word):
        return not read_by_context(self.language, word)


class SurfaceFormFilter(_ReadingFilter):
    """Words as written (lowercased and spelling-folded): the exact-form fields."""

    is_morph = False

    def readings(self, word, preceding, following, query):
        return [word]

    def reads_alone(self, word):
        return True


def word_tokenizer() -> RegexTokenizer:
    """Return the tokenizer shared by all languages (WORD_PATTERN)."""
    return RegexTokenizer(WORD_PATTERN)


def _spelling_normalized_words() -> CompositeAnalyzer:
    return (
        word_tokenizer()
        | LowercaseFilter()
        | SpellingFoldFilter()
        | NeighbourFilter()
        | StopFilter(FUNCTION_WORDS, minsize=1)  # minsize=1 keeps "1" of "1 мая"
    )


def russian_analyzer() -> CompositeAnalyzer:
    """Return an analyzer giving pymorphy3 lemmas: "Таразе" and "Тараз" both give "тараз"."""
    return _spelling_normalized_words() | RussianLemmaFilter()


def kazakh_analyzer() -> CompositeAnalyzer:
    """Return an analyzer giving Kazakh stems: "Таразда" and "Тараз" both give "тараз"."""
    return _spelling_normalized_words() | KazakhStemFilter()


def english_analyzer() -> CompositeAnalyzer:
    """Return an analyzer giving Snowball (Porter2) English stems: "meetings" gives "meet"."""
    return _spelling_normalized_words() | EnglishStemFilter()


def loose_analyzer(language: str) -> CompositeAnalyzer:
    """Return an analyzer giving loose keys of a `language` text: "Қазақтану" gives "kazaktanu"."""
    return _spelling_normalized_words() | LooseKeyFilter(language)


def exact_analyzer() -> CompositeAnalyzer:
    """Return an analyzer giving every word as written, lowercased, stop words kept."""
    return word_tokenizer() | LowercaseFilter() | SpellingFoldFilter() | SurfaceFormFilter()


ANALYZER_FACTORIES: dict[str, Callable[[], CompositeAnalyzer]] = {
    "ru": russian_analyzer,
    "kk": kazakh_analyzer,
    "en": english_analyzer,
}


def analyzer_for(language: str) -> CompositeAnalyzer:
    """Return a new analyzer for a language code in LANGUAGES; KeyError for any other."""
    return ANALYZER_FACTORIES[language]()
