"""Postings of one term in one segment, read from the postings file straight into numpy arrays.

Whoosh's own matchers step through postings one document at a time in Python (~13 µs per
matched document with scoring); the evaluator (search/evaluate.py) wants a term's whole posting
list at once. A segment written with CompactCodec stores a term's postings as compact blocks of
up to 128 (compact.py), decoded many blocks at once with numpy (block_reader), the words of a
prefix together. Anything else (another codec, a reader of another kind, another Whoosh version)
is read through Whoosh's matchers: slower, the same postings.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

import numpy as np
from whoosh.codec.whoosh3 import W3TermInfo

from indexer.whoosh_format import version
from indexer.whoosh_format.block_reader import decode_blocks
from indexer.whoosh_format.codec import CompactCodec
from indexer.whoosh_format.compact import BlockHeader
from indexer.whoosh_format.positions import PositionValues

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
    if type(terms).__name__ == "W3TermsReader" and type(terms._codec) is CompactCodec:
        found = _read_compact(terms, words, with_values, only)
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


def _read_compact(terms, words: list[tuple[str, bytes]], with_values: bool, only: list[int] | None):
    found: list[SegmentPostings | None] = [None] * len(words)
    headers: list[BlockHeader] = []
    stored: list[bytes] = []
    read: list[tuple[int, int, int]] = []  # (word's index, postings read, document frequency)
    for i, (fieldname, btext) in enumerate(words):
        data = terms._tindex.get(terms._keycoder(fieldname, btext))
        if data is None:
            continue
        info = W3TermInfo.from_bytes(data)
        first = len(headers)
        _term_blocks(terms._postfile, info, only, headers, stored)
        read.append((i, sum(header.count for header in headers[first:]), info.doc_frequency()))
    if not read:
        return found
    if headers:
        ids, weights, values = decode_blocks(headers, stored, with_values)
    else:  # `only` wanted none of their blocks
        ids, weights, values = _NO_IDS, _NO_IDS.astype(np.float64), PositionValues.of([])
    at = 0
    for i, size, frequency in read:
        part = values.slice(at, at + size) if with_values else None
        found[i] = SegmentPostings(ids[at : at + size], weights[at : at + size], part, frequency)
        at += size
    return found


def _term_blocks(postfile, info, only, headers: list, stored: list) -> None:
    """Appends the term's block headers and payloads as stored to `headers` and `stored`; with
    `only`, of the blocks holding any of those documents."""
    offset, length = info.extent()
    if isinstance(length, tuple):  # W3TermInfo.from_bytes leaves the unpacked 1-tuple as it is
        length = length[0]
    raw = postfile.get(offset, length)
    position, last_id = 0, -1
    while position < length:
        header = BlockHeader(raw, position, last_id)
        wanted = only is None or bisect.bisect_right(only, header.last_id) > bisect.bisect_right(
            only, last_id
        )
        if wanted:
            headers.append(header)
            stored.append(raw[header.start : header.end])
        last_id = header.last_id
        position = header.end


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
