"""Postings of one term in one segment, read from whoosh3's files straight into numpy arrays.

Whoosh's own matchers step through postings one document at a time in Python (~13 µs per
matched document with scoring); the evaluator (search/evaluate.py) wants a term's whole posting
list at once. The whoosh3 codec stores a term's postings as the magic b"W3Bl", then blocks of up
to 128: a signed length (negative for the last block), a pickled info tuple, then the
(zlib-compressed) pickle of (delta-coded ids, weights, values), decoded many blocks at once with
numpy (block_reader), the words of a prefix together. Anything else (another codec, a
reader of another kind, another Whoosh version) is read through Whoosh's matchers: slower, the
same postings.
"""

from __future__ import annotations

import bisect
import io
import pickle
import struct
from dataclasses import dataclass

import numpy as np
from whoosh.codec.whoosh3 import W3TermInfo

from indexer.whoosh_format import version
from indexer.whoosh_format.block_reader import decode_blocks
from indexer.whoosh_format.positions import PositionValues

_BLOCK_MAGIC = b"W3Bl"  # whoosh.codec.whoosh3.WHOOSH3_HEADER_MAGIC
_BLOCK_LENGTH = struct.Struct("!i")
_HEADER_SIZE = 4  # the magic before the first block
_NO_IDS = np.zeros(0, np.int64)


@dataclass
class SegmentPostings:
    """A term's postings in one segment: ascending segment docnums, weights, and (when asked for)
    the raw posting values."""

    ids: np.ndarray  # int64
    weights: np.ndarray  # float64
    values: PositionValues | None
    doc_frequency: int | None = None  # the segment's documents with the term, deleted ones too


def read_postings(
    reader, fieldname: str, btext: bytes, with_values: bool, only: list[int] | None = None
) -> SegmentPostings | None:
    """The postings of (fieldname, btext) in the segment of `reader`, deleted documents left out;
    None when the segment does not have the term. With `only` (ascending segment docnums), blocks
    holding none of them may be skipped: the postings returned then include some others, not all."""
    return read_many_postings(reader, [(fieldname, btext)], with_values, only)[0]


def read_many_postings(
    reader, words: list[tuple[str, bytes]], with_values: bool, only: list[int] | None = None
) -> list[SegmentPostings | None]:
    """read_postings() of several (fieldname, btext), their blocks decoded together."""
    terms = getattr(reader, "_terms", None) if version.FAST_PATH else None
    if type(terms).__name__ == "W3TermsReader":
        found = _read_w3(terms, words, with_values, only)
    else:
        found = [
            _read_by_matcher(reader, fieldname, btext, with_values) if (fieldname, btext) in reader else None
            for fieldname, btext in words
        ]
    if reader.has_deletions():
        deleted = getattr(reader, "deleted_docs_set", None)
        found = [None if p is None else _without_deleted(reader, p, deleted) for p in found]
    return found


def _without_deleted(reader, postings: SegmentPostings, deleted) -> SegmentPostings:
    if deleted is None:
        deleted = [d for d in postings.ids.tolist() if reader.is_deleted(d)]
    keep = np.flatnonzero(~np.isin(postings.ids, np.fromiter(deleted, np.int64, len(deleted))))
    values = postings.values.take(keep) if postings.values is not None else None
    return SegmentPostings(postings.ids[keep], postings.weights[keep], values, postings.doc_frequency)


def _read_w3(terms, words: list[tuple[str, bytes]], with_values: bool, only: list[int] | None):
    found: list[SegmentPostings | None] = [None] * len(words)
    blocks: list[bytes] = []
    compressed: list[bool] = []
    counts: list[int] = []
    stored: list[tuple[int, int, int]] = []  # (word's index, postings read, document frequency)
    for i, (fieldname, btext) in enumerate(words):
        data = terms._tindex.get(terms._keycoder(fieldname, btext))
        if data is None:
            continue
        info = W3TermInfo.from_bytes(data)
        if info.is_inlined():
            ids, weights, values = info.inlined_postings()
            values = PositionValues.of(values) if with_values else None
            ids, weights = np.asarray(ids, np.int64), np.asarray(weights, np.float64)
            found[i] = SegmentPostings(ids, weights, values, info.doc_frequency())
            continue
        first = len(counts)
        _term_blocks(terms, info, fieldname, btext, only, (blocks, compressed, counts))
        stored.append((i, sum(counts[first:]), info.doc_frequency()))
    if not stored:
        return found
    if blocks:
        ids, weights, values = decode_blocks(blocks, compressed, counts, with_values)
    else:  # `only` wanted none of their blocks
        ids, weights, values = _NO_IDS, _NO_IDS.astype(np.float64), PositionValues.of([])
    at = 0
    for i, size, frequency in stored:
        part = values.slice(at, at + size) if with_values else None
        found[i] = SegmentPostings(ids[at : at + size], weights[at : at + size], part, frequency)
        at += size
    return found


def _term_blocks(terms, info, fieldname: str, btext: bytes, only, into: tuple[list, list, list]) -> None:
    """Appends the term's blocks as stored, whether each is compressed, and their posting counts
    to `into`; with `only`, the blocks holding any of those documents."""
    blocks, compressed, counts = into
    offset, length = info.extent()
    if isinstance(length, tuple):  # W3TermInfo.from_bytes leaves the unpacked 1-tuple as it is
        length = length[0]
    raw = terms._postfile.get(offset, length)
    if raw[:_HEADER_SIZE] != _BLOCK_MAGIC:
        raise ValueError(f"no postings header for {fieldname}:{btext!r}")
    stream = io.BytesIO(raw)
    position = _HEADER_SIZE
    previous_max = -1
    while position < length:
        (block_length,) = _BLOCK_LENGTH.unpack_from(raw, position)
        position += _BLOCK_LENGTH.size
        end = position + abs(block_length)
        stream.seek(position)
        count, max_id, _max_weight, compression, _min_len, _max_len = pickle.load(stream)
        wanted = only is None or bisect.bisect_right(only, max_id) > bisect.bisect_right(only, previous_max)
        previous_max = max_id
        if wanted:
            blocks.append(raw[stream.tell() : end])
            compressed.append(bool(compression))
            counts.append(count)
        position = end
        if block_length < 0:
            break


def _read_by_matcher(reader, fieldname: str, btext: bytes, with_values: bool) -> SegmentPostings:
    """The postings as Whoosh's own matcher gives them (it leaves out deleted documents)."""
    matcher = reader.postings(fieldname, btext)
    ids, weights, values = [], [], []
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        if with_values:
            values.append(matcher.value())
        matcher.next()
    values = PositionValues.of(values) if with_values else None
    ids, weights = np.asarray(ids, np.int64), np.asarray(weights, np.float64)
    return SegmentPostings(ids, weights, values, reader.doc_frequency(fieldname, btext))
