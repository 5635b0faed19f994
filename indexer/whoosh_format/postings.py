"""Postings of one term in one segment, read from whoosh3's files straight into numpy arrays.

Whoosh's own matchers step through postings one document at a time in Python (~13 µs per
matched document with scoring); the evaluator (search/evaluate.py) wants a term's whole posting
list at once. The whoosh3 codec stores a term's postings as the magic b"W3Bl", then blocks of up
to 128: a signed length (negative for the last block), a pickled info tuple, then the
(zlib-compressed) pickle of (delta-coded ids, weights, values). Anything else (another codec, a
reader of another kind, another Whoosh version) is read through Whoosh's matchers: slower, the
same postings.
"""

from __future__ import annotations

import bisect
import io
import pickle
import struct
import zlib
from dataclasses import dataclass

import numpy as np

from indexer.whoosh_format import version
from indexer.whoosh_format.positions import PositionValues

_BLOCK_MAGIC = b"W3Bl"  # whoosh.codec.whoosh3.WHOOSH3_HEADER_MAGIC
_BLOCK_LENGTH = struct.Struct("!i")
_HEADER_SIZE = 4  # the magic before the first block


@dataclass
class SegmentPostings:
    """A term's postings in one segment: ascending segment docnums, weights, and (when asked for)
    the raw posting values."""

    ids: np.ndarray  # int64
    weights: np.ndarray  # float64
    values: PositionValues | None


def read_postings(
    reader, fieldname: str, btext: bytes, with_values: bool, only: list[int] | None = None
) -> SegmentPostings | None:
    """The postings of (fieldname, btext) in the segment of `reader`, deleted documents left out;
    None when the segment does not have the term. With `only` (ascending segment docnums), blocks
    holding none of them may be skipped: the postings returned then include some others, not all."""
    if (fieldname, btext) not in reader:
        return None
    terms = getattr(reader, "_terms", None) if version.FAST_PATH else None
    if type(terms).__name__ == "W3TermsReader":
        postings = _read_w3(terms, fieldname, btext, with_values, only)
    else:
        postings = _read_by_matcher(reader, fieldname, btext, with_values)
    if reader.has_deletions():
        deleted = getattr(reader, "deleted_docs_set", None)
        if deleted is None:
            deleted = [d for d in postings.ids.tolist() if reader.is_deleted(d)]
        keep = np.flatnonzero(~np.isin(postings.ids, np.fromiter(deleted, np.int64, len(deleted))))
        values = postings.values.take(keep) if postings.values is not None else None
        postings = SegmentPostings(postings.ids[keep], postings.weights[keep], values)
    return postings


def _read_w3(terms, fieldname: str, btext: bytes, with_values: bool, only: list[int] | None):
    info = terms.term_info(fieldname, btext)
    if info.is_inlined():
        ids, weights, values = info.inlined_postings()
        values = PositionValues.of(values) if with_values else None
        return SegmentPostings(np.asarray(ids, np.int64), np.asarray(weights, np.float64), values)
    offset, length = info.extent()
    if isinstance(length, tuple):  # W3TermInfo.from_bytes leaves the unpacked 1-tuple as it is
        length = length[0]
    raw = terms._postfile.get(offset, length)
    if raw[:_HEADER_SIZE] != _BLOCK_MAGIC:
        raise ValueError(f"no postings header for {fieldname}:{btext!r}")
    deltas: list[int] = []
    block_sizes: list[int] = []
    weights: list[np.ndarray] = []
    values: list[bytes] = []
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
            data = raw[stream.tell() : end]
            block_ids, block_weights, block_values = pickle.loads(
                zlib.decompress(data) if compression else data
            )
            deltas.extend(block_ids)
            block_sizes.append(count)
            weights.append(_weights_of(block_weights, count))
            if with_values:
                values.extend(_block_values(block_values, count))
        position = end
        if block_length < 0:
            break
    values_read = PositionValues.of(values) if with_values else None
    if not block_sizes:
        return SegmentPostings(np.zeros(0, np.int64), np.zeros(0), values_read)
    return SegmentPostings(_undelta(deltas, block_sizes), np.concatenate(weights), values_read)


def _weights_of(block_weights, count: int) -> np.ndarray:
    """A block's weights as W3LeafMatcher reads them: None for all 1.0, one float for all alike,
    or one per posting."""
    if block_weights is None:
        return np.ones(count)
    if isinstance(block_weights, float):
        return np.full(count, block_weights)
    return np.asarray(block_weights, np.float64)


def _block_values(block_values, count: int) -> list[bytes]:
    """A block's values as W3LeafMatcher reads them: a tuple, None for a format without values,
    or one string of fixed-size values."""
    if block_values is None:
        return [b""] * count
    if isinstance(block_values, bytes):
        size = len(block_values) // count
        return [block_values[i : i + size] for i in range(0, len(block_values), size)]
    return list(block_values)


def _undelta(deltas: list[int], block_sizes: list[int]) -> np.ndarray:
    """Ids from per-block delta codes: each block's first id is absolute."""
    running = np.cumsum(np.asarray(deltas, np.int64))
    sizes = np.asarray(block_sizes, np.int64)
    ends = np.cumsum(sizes)
    before = np.concatenate(([0], running[ends[:-1] - 1]))
    return running - np.repeat(before, sizes)


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
    return SegmentPostings(np.asarray(ids, np.int64), np.asarray(weights, np.float64), values)
