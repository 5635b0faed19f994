"""What query evaluation keeps between queries: per-document arrays, posting lists and phrase
results, shared by the searchers of one index generation and bounded by bytes."""

from __future__ import annotations

import logging
import os
import threading
import weakref
from collections import OrderedDict
from math import log

import numpy as np
from whoosh import scoring

from indexer.whoosh_format import PositionValues, bm25_b, read_many_postings, read_postings
from search.columns import DocArrays
from search.matches import EMPTY, Matches

logger = logging.getLogger(__name__)

# Per index generation: posting lists (ids and scores, 16 bytes a posting) and phrase results.
# The Assembly's names recur in most queries of this archive, each a few dozen phrases costing
# ~0.7 s to check at 100k articles; the whole benchmark mix keeps ~30 MiB of postings.
TERM_CACHE_BYTES = 128 << 20
# and more on a larger index: at 1M articles the mix's postings outgrew 128 MiB, and each warm round
# decoded them again (query p95 236 ms; 62 ms with 512 MiB). APKNEWS_TERM_CACHE_MB sets the bound.
TERM_CACHE_BYTES_PER_DOCUMENT = 512
# BM25F's idf is WeightingModel's: computed here from the document frequency the postings came with.
_WHOOSHS_IDF = scoring.BM25F.idf is scoring.WeightingModel.idf
POSITIONAL_CACHE_BYTES = 32 << 20
SHARED_GENERATIONS = 4  # index folders whose caches are kept at once


class _BytesBoundCache:
    """Least recently used entries kept while their arrays fit in `limit` bytes; threads share it."""

    def __init__(self, limit: int):
        self.limit = limit
        self.size = 0
        self.entries: OrderedDict = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            entry = self.entries.get(key)
            if entry is not None:
                self.entries.move_to_end(key)
            return entry

    def put(self, key, matches: Matches) -> None:
        matches.ids.flags.writeable = matches.scores.flags.writeable = False  # shared from now on
        size = matches.nbytes()
        with self.lock:
            if size > self.limit or key in self.entries:
                return
            self.entries[key] = matches
            self.size += size
            while self.size > self.limit:
                _, dropped = self.entries.popitem(last=False)
                self.size -= dropped.nbytes()


class IndexCache:
    """Arrays and results valid for every searcher of one generation of an index (same segments,
    same document numbers), so that searchers opened by other threads start warm."""

    def __init__(self, documents: int = 0):
        self.arrays: dict = {}
        self.terms = _BytesBoundCache(term_cache_bytes(documents))
        self.positional = _BytesBoundCache(POSITIONAL_CACHE_BYTES)


def term_cache_bytes(documents: int) -> int:
    """The posting cache's bound for an index of `documents`: APKNEWS_TERM_CACHE_MB when set."""
    setting = os.environ.get("APKNEWS_TERM_CACHE_MB", "").strip()
    if setting:
        try:
            return max(0, int(float(setting) * (1 << 20)))
        except ValueError:
            logger.warning("APKNEWS_TERM_CACHE_MB=%r is not a number of MiB: ignored", setting)
    return max(TERM_CACHE_BYTES, TERM_CACHE_BYTES_PER_DOCUMENT * documents)


class SearcherState:
    """A searcher with the arrays and caches of its index generation."""

    def __init__(self, searcher, cache: IndexCache, generation: tuple | None = None):
        self.searcher = searcher
        self.generation = generation
        self.schema = searcher.schema
        self.docs = DocArrays(searcher, cache.arrays)
        weighting = searcher.weighting
        self.bm25 = weighting if type(weighting) is scoring.BM25F else None
        self.terms = cache.terms
        self.positional = cache.positional

    def term(self, fieldname: str, btext: bytes, values: dict | None = None) -> Matches:
        """The unboosted scores of a term's documents; with `values`, its posting values are kept
        there when the postings have to be read anyway."""
        key = (fieldname, btext)
        found = self.terms.get(key)
        if found is not None:
            return found
        read = []
        for reader, offset in self.docs.segments:
            postings = read_postings(reader, fieldname, btext, with_values=values is not None)
            if postings is not None:
                read.append((postings, offset))
        found = self._scored(fieldname, btext, read)
        if values is not None and read:
            values[key] = (found.ids, PositionValues.concat([postings.values for postings, _ in read]))
        self.terms.put(key, found)
        return found

    def many_terms(self, words: list[tuple[str, bytes]]) -> list[Matches]:
        """term() of each of several (fieldname, btext); those not cached are read together (a
        prefix's thousands of words in a dozen fields: their posting blocks decoded at once)."""
        found = [self.terms.get(word) for word in words]
        missing = [i for i, matches in enumerate(found) if matches is None]
        if not missing:
            return found
        read: list[list] = [[] for _ in missing]
        for reader, offset in self.docs.segments:
            postings = read_many_postings(reader, [words[i] for i in missing], with_values=False)
            for j, one in enumerate(postings):
                if one is not None:
                    read[j].append((one, offset))
        for j, i in enumerate(missing):
            found[i] = self._scored(*words[i], read[j])
            self.terms.put(words[i], found[i])
        return found

    def _scored(self, fieldname: str, btext: bytes, read: list[tuple]) -> Matches:
        """Matches of a term from its postings in each segment (with the segment's first docnum)."""
        if not read:
            return EMPTY
        ids = np.concatenate([postings.ids + offset for postings, offset in read])
        weights = np.concatenate([postings.weights for postings, _ in read])
        frequencies = [postings.doc_frequency for postings, _ in read]
        frequency = None if None in frequencies else sum(frequencies)
        return Matches(ids, self._scores(fieldname, btext, ids, weights, frequency))

    def term_values(self, fieldname: str, btext: bytes, wanted: np.ndarray) -> tuple:
        """(ids, values) of a term's postings covering at least the documents `wanted` (global,
        ascending): only the posting blocks holding them are read."""
        ids, parts = [], []
        for reader, offset in self.docs.segments:
            size = reader.doc_count_all()
            here = wanted[(wanted >= offset) & (wanted < offset + size)] - offset
            if not len(here):
                continue
            postings = read_postings(reader, fieldname, btext, with_values=True, only=here.tolist())
            if postings is not None:
                ids.append(postings.ids + offset)
                parts.append(postings.values)
        if not ids:
            return np.zeros(0, np.int64), PositionValues(b"", np.zeros(0, np.int64), np.zeros(0, np.int64))
        return np.concatenate(ids), PositionValues.concat(parts)

    def _scores(
        self, fieldname: str, btext: bytes, ids: np.ndarray, weights: np.ndarray, frequency
    ) -> np.ndarray:
        """BM25F as whoosh.scoring.BM25FScorer computes it, for every posting at once; the idf from
        the term's document frequency read with its postings (else the searcher looks it up)."""
        if not self.schema[fieldname].scorable:
            return weights  # WeightScorer: the posting's weight
        searcher, bm25 = self.searcher, self.bm25
        if frequency is None or not _WHOOSHS_IDF:
            idf = searcher.idf(fieldname, btext)
        else:  # WeightingModel.idf over the top searcher, as searcher.idf computes (and caches) it
            idf = log(searcher.get_parent().doc_count_all() / (frequency + 1)) + 1
        avgfl = searcher.avg_field_length(fieldname) or 1
        b = bm25_b(bm25, searcher, fieldname, btext)
        k1 = bm25.K1
        tf = weights
        fl = self.docs.field_lengths(fieldname)[ids]
        return idf * ((tf * (k1 + 1)) / (tf + k1 * ((1 - b) + b * fl / avgfl)))


_states: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_shared: OrderedDict = OrderedDict()  # (index folder, generation) -> IndexCache
_shared_lock = threading.Lock()


def state_of(searcher, generation: tuple | None = None) -> SearcherState:
    """The searcher's state; searchers naming the same `generation` ((index folder, anything that
    changes when the index does)) share one IndexCache, and a new generation of a folder replaces
    the old one's."""
    state = _states.get(searcher)
    if state is None or (generation is not None and state.generation != generation):
        cache = _cache_of(generation, searcher.doc_count_all())
        state = _states[searcher] = SearcherState(searcher, cache, generation)
    return state


def _cache_of(generation: tuple | None, documents: int) -> IndexCache:
    if generation is None:
        return IndexCache(documents)
    with _shared_lock:
        cache = _shared.get(generation)
        if cache is None:
            for older in [g for g in _shared if g[0] == generation[0]]:
                del _shared[older]
            cache = _shared[generation] = IndexCache(documents)
            while len(_shared) > SHARED_GENERATIONS:
                _shared.popitem(last=False)
        return cache
