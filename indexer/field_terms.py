"""A field's terms and their positions in a text, as its analyzer gives them at indexing, in one pass.

The analyzers (indexer.analysis) are chains of Whoosh filters over Token objects: indexing an
article through them ran five chains (the exact fields, title and text in the language fields, both
again in the loose field), copying every token twice and looking every word's readings up again
each time. Here a text is split with the same word pattern and folded once for all the fields that
read it, and each field takes a word's terms from a cache of its own and groups them by position.
Only a word whose reading depends on its neighbours (a Russian verb/noun word, see
russian.lemma_in_context) is read again where it stands.

An analyzer is read this way only when it is one of ours (FieldReading.of); the result is the same
as running it in index mode, term for term and position for position
(tests/test_analysis_field_terms.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from whoosh.analysis import LowercaseFilter, RegexTokenizer, StopFilter
from whoosh.analysis.analyzers import CompositeAnalyzer

from indexer import analysis
from indexer.analysis import (
    WORD_PATTERN,
    NeighbourFilter,
    SpellingFoldFilter,
    SurfaceFormFilter,
    _ReadingFilter,
    fold_spelling,
    word_parts,
)
from indexer.caches import remember

# Words per cache (an entry is about 150 bytes): a news archive's common word forms, and more.
WORD_CACHE_LIMIT = 150_000

_WORDS = re.compile(WORD_PATTERN)
_folded: dict[str, str] = {}  # word as written -> lowercased and spelling-folded
_terms_caches: dict[tuple, dict[str, tuple[str, ...] | None]] = {}
# The words of the last few texts: a document's title and text are read by several fields each.
_recent_texts: dict[str, list[str]] = {}
_RECENT_TEXTS = 4

TermPositions = dict[str, list[int]]


class JoinedText(str):
    """Two texts joined by a line break, that knows its parts: the loose field's title and text.

    No word spans the line break, so its words are the first part's then the second's, and the
    parts' words, already read for other fields, serve.
    """

    parts: tuple[str, str]

    def __new__(cls, first: str, second: str) -> JoinedText:
        joined = super().__new__(cls, first + "\n" + second)
        joined.parts = (first, second)
        return joined

    def __getnewargs__(self) -> tuple[str, str]:
        return self.parts


def forget_words() -> None:
    """Empty every word cache of the analysis (this module's, the lemmas', the stems')."""
    _folded.clear()
    _recent_texts.clear()
    for cache in _terms_caches.values():
        cache.clear()
    analysis.forget_words()


def folded_words(text: str) -> list[str]:
    """The words of `text` as the analyzers' tokenizer, LowercaseFilter and SpellingFoldFilter give them.

    The list may be shared with other callers: do not change it.
    """
    words = _recent_texts.get(text)
    if words is None:
        if type(text) is JoinedText:
            first, second = text.parts
            words = folded_words(first) + folded_words(second)
        else:
            words = _fold_all(_WORDS.findall(text))
        if len(_recent_texts) >= _RECENT_TEXTS:
            _recent_texts.clear()
        _recent_texts[text] = words
    return words


def _fold_all(raw_words: list[str]) -> list[str]:
    cache = _folded
    words = []
    for word in raw_words:
        folded = cache.get(word)
        if folded is None:
            folded = remember(cache, word, fold_spelling(word.lower()), WORD_CACHE_LIMIT)
        words.append(folded)
    return words


@dataclass(eq=False)
class FieldReading:
    """How one of our analyzers reads words: its reading filter, and its stop words if it has any."""

    reading_filter: _ReadingFilter
    stops: frozenset[str] | None  # None: no stop filter and no neighbour filter (the exact fields)
    cache: dict[str, tuple[str, ...] | None] = field(repr=False)  # word -> terms; None: read in context

    @classmethod
    def of(cls, analyzer) -> FieldReading | None:
        """The reading of `analyzer` if it is one of the chains indexer.analysis builds, else None."""
        if type(analyzer) is not CompositeAnalyzer or len(analyzer.items) < 4:
            return None
        tokenizer, *filters, reading_filter = analyzer.items
        if (
            type(tokenizer) is not RegexTokenizer
            or tokenizer.expression.pattern != WORD_PATTERN
            or tokenizer.expression.flags != re.compile(WORD_PATTERN).flags
            or tokenizer.gaps
            or not isinstance(reading_filter, _ReadingFilter)
        ):
            return None
        kinds = [type(f) for f in filters]
        if kinds == [LowercaseFilter, SpellingFoldFilter]:
            stops = None
        elif kinds == [LowercaseFilter, SpellingFoldFilter, NeighbourFilter, StopFilter]:
            stop_filter = filters[-1]
            if stop_filter.min != 1 or stop_filter.max is not None or not stop_filter.renumber:
                return None
            stops = stop_filter.stops
        else:
            return None
        # Filters of one kind and state read every word alike: they share a cache.
        kind = (type(reading_filter), tuple(sorted(vars(reading_filter).items())), stops)
        return cls(reading_filter, stops, _terms_caches.setdefault(kind, {}))

    def terms(self, text: str) -> TermPositions:
        """Each term the analyzer gives `text` in index mode, with its positions in increasing order."""
        words = folded_words(text)
        if self.stops is None:
            if type(self.reading_filter) is SurfaceFormFilter:
                return self._surface_positions(words)
            return self._positions(words, list(range(len(words))), 0, False)
        stops = self.stops
        # The stop filter drops stop words and numbers the rest on from the first one kept.
        kept = [i for i, word in enumerate(words) if word and word not in stops]
        return self._positions(words, kept, kept[0] if kept else 0, True)

    def _surface_positions(self, words: list[str]) -> TermPositions:
        # Words as written: only a compound word has other terms than itself (its parts).
        found: TermPositions = {}
        hyphenated = []
        for position, word in enumerate(words):
            if "-" in word or "'" in word:  # is_compound, inline: this loop sees every word
                hyphenated.append(position)
                continue
            positions = found.get(word)
            if positions is None:
                found[word] = [position]
            else:
                positions.append(position)
        for position in hyphenated:
            for term in self._cached_terms(words[position]):  # a surface form never needs context
                found[term] = sorted([*found.get(term, ()), position])
        return found

    def _positions(self, words: list[str], kept: list[int], first: int, neighbours: bool) -> TermPositions:
        # The `kept` words (indices into `words`) numbered on from `first`.
        cache = self.cache
        found: TermPositions = {}
        for n, i in enumerate(kept):
            terms = cache.get(words[i], False)
            if terms is False:
                terms = self._cached_terms(words[i])
            if terms is None:
                terms = self._in_context(words, kept, n, neighbours)
            position = first + n
            for term in terms:
                positions = found.get(term)
                if positions is None:
                    found[term] = [position]
                else:
                    positions.append(position)
        return found

    def _cached_terms(self, word: str) -> tuple[str, ...] | None:
        terms = self.cache.get(word, False)
        if terms is False:
            terms = remember(self.cache, word, self._alone(word), WORD_CACHE_LIMIT)
        return terms

    def _in_context(self, words: list[str], kept: list[int], n: int, neighbours: bool) -> tuple[str, ...]:
        # As NeighbourFilter notes them: the two words before, stop words included; and as the
        # reading filter looks ahead: the next word the stop filter kept.
        i = kept[n]
        preceding = (words[i - 1] if i > 0 else None, words[i - 2] if i > 1 else None) if neighbours else None
        following = words[kept[n + 1]] if n + 1 < len(kept) else None
        word = words[i]
        return self._with_parts(word, self.reading_filter.readings(word, preceding, following, False))

    def _alone(self, word: str) -> tuple[str, ...] | None:
        if not self.reading_filter.reads_alone(word):
            return None
        return self._with_parts(word, self.reading_filter.readings(word, None, None, False))

    def _with_parts(self, word: str, readings: list[str]) -> tuple[str, ...]:
        # As _ReadingFilter._emit: the word's readings, then a compound word's parts read alone,
        # each term once.
        terms = list(readings)
        if "-" in word or "'" in word:  # is_compound, inline: every new word passes here
            for part, _ in word_parts(word):
                terms.extend(self.reading_filter.readings(part, None, None, False))
        return tuple(dict.fromkeys(terms))
