"""Snippets: the passages of an article where the query matched, matched word forms marked."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from indexer.analysis import WORD_PATTERN, fold_spelling, is_compound, word_parts
from indexer.field_terms import FieldReading

MARK = "**"  # matched word forms in a snippet are wrapped in it: "в **Таразе** подписан"
SNIPPET_CHARS = 220
CONTEXT_BEFORE = 70
MAX_FRAGMENTS = 2

# Running a field's analyzer over an article costs milliseconds (token copies, neighbour and stop
# filters, lemmas in context) and a page of hits needs it for every hit. A field's terms depend on
# each word alone, but for the choice between the readings of an ambiguous word ("стали": стать or
# сталь), so the text is scanned with the analyzers' word pattern and each word's terms looked up
# in a cache; a word gets every reading, as a query word does: a superset of its indexed reading,
# which at worst marks a form whose other reading matched.
WORD_CACHE_LIMIT = 20_000  # words per kind of field (~0.5 KB each): a news vocabulary's common forms
_WORD = re.compile(WORD_PATTERN)

Readings = Callable[[str, object, object, bool], list[str]]
# A word's terms in a field: (term, start, end) within the word, for the whole word and, when it is
# hyphenated, for each part: "Нур-Султане" gives нур-султан (0, 11), нур (0, 3), султан (4, 11).
WordTerms = tuple[tuple[str, int, int], ...]
_word_caches: dict[tuple, dict[str, tuple[str, WordTerms]]] = {}
# The marks of words for the matched terms of the last queries (the readers' caches are shared by
# kind of field, and live as long as the process: their ids name them).
MARKED_QUERIES = 64
_marks_by_terms: dict[tuple, dict[str, tuple[tuple[int, int], ...]]] = {}


@dataclass(slots=True)
class _FieldReader:
    """One field's analyzer, mirrored word by word: its readings, its stop words, a cache."""

    readings: Readings
    stops: frozenset[str] | None
    cache: dict[str, tuple[str, WordTerms]]  # word as written -> (folded word, its terms)
    terms: set[str]  # the field's terms the query matched

    def word_terms(self, word: str) -> tuple[str, WordTerms]:
        found = self.cache.get(word)
        if found is None:
            found = self._read(word)
            if len(self.cache) >= WORD_CACHE_LIMIT:
                self.cache.clear()
            self.cache[word] = found
        return found

    def _read(self, word: str) -> tuple[str, WordTerms]:
        # As the analyzers do: the whole word's readings; a hyphenated (or apostrophed) word's parts
        # too, each marked on its own unless folding changed the word's length (then the whole word is).
        folded = fold_spelling(word.lower())
        whole = list(dict.fromkeys(self.readings(folded, None, None, True)))
        terms = [(term, 0, len(word)) for term in whole]
        if is_compound(folded):
            seen = set(whole)
            same_length = len(folded) == len(word)
            for part, start in word_parts(folded):
                span = (start, start + len(part)) if same_length else (0, len(word))
                for term in self.readings(part, None, None, True):
                    if term not in seen:
                        seen.add(term)
                        terms.append((term, *span))
        return folded, tuple(terms)


def _reader_for(field, terms: set[str]) -> _FieldReader | None:
    """A word-by-word mirror of the field's analyzer, or None when it is not one of ours (the chains
    indexer.field_terms.FieldReading recognises, as indexing does)."""
    reading = FieldReading.of(getattr(field, "analyzer", None))
    if reading is None:
        return None
    reading_filter = reading.reading_filter
    # Filters of one kind and state read every word alike, in any schema: they share a cache.
    kind = (type(reading_filter), tuple(sorted(vars(reading_filter).items())))
    cache = _word_caches.setdefault(kind, {})
    return _FieldReader(reading_filter.readings, reading.stops, cache, terms)


def snippet_for(schema, fieldnames_terms: dict[str, set[str]], fields_for_text: list[str], text: str) -> str:
    """make_snippet of the matched spans of `text`, read only as far as the snippet needs."""
    return make_snippet(text, _spans(schema, fieldnames_terms, fields_for_text, text, settle=True))


def matched_spans(schema, fieldnames_terms: dict[str, set[str]], fields_for_text: list[str], text: str):
    """(start, end) character spans of `text` whose words give a matched term of a field.

    Words are read as each field's analyzer reads them, so "Таразе" is marked for the term
    "тараз", and "Kazakhtanu" for the loose key "kazaktanu"; stop words are not marked in the
    fields that stop them.
    """
    return _spans(schema, fieldnames_terms, fields_for_text, text, settle=False)


def _spans(schema, fieldnames_terms, fields_for_text, text: str, settle: bool) -> list[tuple[int, int]]:
    readers: list[_FieldReader] = []
    spans: list[tuple[int, int]] = []
    for fieldname in fields_for_text:
        terms = fieldnames_terms.get(fieldname)
        if not terms or fieldname not in schema:
            continue
        reader = _reader_for(schema[fieldname], terms)
        if reader is not None:
            readers.append(reader)
        else:
            spans.extend(_analysed_spans(schema[fieldname], terms, text))
    if readers:
        spans = _scanned_spans(text, readers, sorted(spans), settle)
    return _merged(spans)


def _scanned_spans(
    text: str, readers: list[_FieldReader], spans: list[tuple[int, int]], settle: bool
) -> list[tuple[int, int]]:
    """`spans` plus the matched words of `text`, in order; when settling, only up to the end of the
    last passage the snippet shows (words after it cannot change the snippet)."""
    settled_at = len(text) + 1
    marks = _marks_for(readers)
    for match in _WORD.finditer(text):
        start = match.start()
        if start >= settled_at:
            break
        word = match.group()
        marked = marks.get(word)
        if marked is None:
            if len(marks) >= WORD_CACHE_LIMIT:
                marks.clear()
            marked = marks[word] = _word_marks(word, readers)
        if not marked:
            continue
        spans.extend((start + begin, start + end) for begin, end in marked)
        if settle:
            shown = _fragments(text, _merged(spans))
            if len(shown) == MAX_FRAGMENTS:
                settled_at = shown[-1][1]
    return spans


def _marks_for(readers: list[_FieldReader]) -> dict[str, tuple[tuple[int, int], ...]]:
    """Word -> its marked (start, end) within it, for these readers and matched terms: the hits of
    one query (and the same query asked again) share it, so that most words cost one lookup."""
    key = tuple((id(reader.cache), reader.stops, frozenset(reader.terms)) for reader in readers)
    marks = _marks_by_terms.get(key)
    if marks is None:
        if len(_marks_by_terms) >= MARKED_QUERIES:
            # Forgotten all at once: the web server's threads share the dict, and picking the oldest
            # key while another thread removes one could fail.
            _marks_by_terms.clear()
        marks = _marks_by_terms[key] = {}
    return marks


def _word_marks(word: str, readers: list[_FieldReader]) -> tuple[tuple[int, int], ...]:
    marked = []
    for reader in readers:
        folded, word_terms = reader.cache.get(word) or reader.word_terms(word)
        if reader.stops is not None and folded in reader.stops:
            continue
        for term, begin, end in word_terms:
            if term in reader.terms:
                marked.append((begin, end))
    return tuple(marked)


def _analysed_spans(field, terms: set[str], text: str) -> list[tuple[int, int]]:
    """The matched spans by the field's own analyzer: for analyzers _reader_for cannot mirror."""
    return [
        (token.startchar, token.endchar)
        for token in field.analyzer(text, chars=True, positions=True, mode="index")
        if token.text in terms
    ]


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def make_snippet(text: str, spans: list[tuple[int, int]]) -> str:
    """Up to two passages around the matches, matches marked; the opening of the text if none."""
    if not spans:
        return lead(text)
    pieces = []
    for begin, end in _fragments(text, spans):
        piece, cursor = [], begin
        for start, stop in spans:
            if start >= begin and stop <= end:
                piece.append(text[cursor:start] + MARK + text[start:stop] + MARK)
                cursor = stop
        piece.append(text[cursor:end])
        pieces.append(("… " if begin > 0 else "") + "".join(piece) + (" …" if end < len(text) else ""))
    return " ".join(" ".join(pieces).split()).replace("… …", "…")


def _fragments(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(begin, end) of the passages shown: around the first matches, up to MAX_FRAGMENTS of them."""
    fragments: list[tuple[int, int]] = []
    for start, _ in spans:
        if fragments and start < fragments[-1][1]:
            continue
        if len(fragments) == MAX_FRAGMENTS:
            break
        begin = _word_start(text, max(0, start - CONTEXT_BEFORE))
        fragments.append((begin, _word_end(text, min(len(text), begin + SNIPPET_CHARS))))
    return fragments


def _word_start(text: str, index: int) -> int:
    if index == 0:
        return 0
    space = text.find(" ", index)
    return space + 1 if 0 <= space < index + 20 else index


def _word_end(text: str, index: int) -> int:
    if index >= len(text):
        return len(text)
    space = text.rfind(" ", index - 30, index)
    return space if space > 0 else index


def lead(text: str) -> str:
    """The opening of `text` cut at a word boundary: the snippet when no word matched the body."""
    if len(text) <= SNIPPET_CHARS:
        return " ".join(text.split())
    return " ".join(text[:SNIPPET_CHARS].rsplit(" ", 1)[0].split()) + " …"
