"""Postings of one term in one segment, read from Whoosh 3's files straight into numpy arrays.

Whoosh's own matchers step through postings one document at a time in Python (~13 µs per
matched document with scoring); the evaluator (search/evaluate.py) wants a term's whole posting
list at once. The whoosh3 codec stores a term's postings as blocks of up to 128: a signed length
(negative for the last block), a pickled info tuple, then the (zlib-compressed) pickle of
(delta-coded ids, weights, values). Anything else (another codec, a reader of another kind) is
read through Whoosh's matcher API, slower but the same postings.
"""

from __future__ import annotations

import bisect
import io
import pickle
import struct
import zlib
from dataclasses import dataclass

import numpy as np

_BLOCK_MAGIC = b"W3Bl"  # whoosh.codec.whoosh3.WHOOSH3_HEADER_MAGIC
_BLOCK_LENGTH = struct.Struct("!i")
_HEADER_SIZE = 4  # the magic before the first block


# A Positions value: the count as a big-endian uint32, then pickle protocol 2 of the list of
# position deltas: PROTO 2, EMPTY_LIST, BINPUT 0, then one item and APPEND, or MARK, the items
# and APPENDS (batches of 1,000), then STOP. Items are BININT1 (K, 1 byte), BININT2 (M, 2 bytes
# little-endian) or BININT (J, 4 bytes little-endian, signed).
_LIST_HEADER = np.frombuffer(b"\x80\x02]q\x00", np.uint8)
_K, _M, _J = ord("K"), ord("M"), ord("J")
_MARK, _APPEND, _APPENDS, _STOP = ord("("), ord("a"), ord("e"), ord(".")
_VECTOR_MAX_COUNT = 64  # values with more positions are rare: unpickled one by one
_STEP_COST = 16  # a numpy step over the values costs about as much as unpickling this many
_PADDING = 8 * _VECTOR_MAX_COUNT  # a misread value's cursor runs at most 5 bytes a step past its end


class PositionValues:
    """Raw Positions-format posting values held as one byte string with each value's extent."""

    def __init__(self, data: bytes | np.ndarray, starts: np.ndarray, lengths: np.ndarray):
        if isinstance(data, bytes):
            data = np.frombuffer(data + bytes(_PADDING), np.uint8)
        self.data = data  # uint8, with _PADDING zero bytes at the end
        self.starts = starts
        self.lengths = lengths

    def __len__(self) -> int:
        return len(self.starts)

    def take(self, indices: np.ndarray) -> PositionValues:
        return PositionValues(self.data, self.starts[indices], self.lengths[indices])

    def value(self, i: int) -> bytes:
        start = int(self.starts[i])
        return self.data[start : start + int(self.lengths[i])].tobytes()

    @classmethod
    def concat(cls, parts: list[PositionValues]) -> PositionValues:
        if len(parts) == 1:
            return parts[0]
        datas, starts, base = [], [], 0
        for part in parts:
            size = len(part.data) - _PADDING
            datas.append(part.data[:size])
            starts.append(part.starts + base)
            base += size
        data = np.concatenate([*datas, np.zeros(_PADDING, np.uint8)])
        return cls(data, np.concatenate(starts), np.concatenate([p.lengths for p in parts]))


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
    holding none of them are skipped: the postings returned then include some others, not all."""
    if (fieldname, btext) not in reader:
        return None
    terms = getattr(reader, "_terms", None)
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
        values = _values_of(values) if with_values else None
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
    value_bytes: list[bytes] = []
    value_lengths: list[int] = []
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
            block = pickle.loads(zlib.decompress(data) if compression else data)
            block_ids, block_weights, block_values = block
            deltas.extend(block_ids)
            block_sizes.append(count)
            if block_weights is None:
                weights.append(np.ones(count))
            elif isinstance(block_weights, float):
                weights.append(np.full(count, block_weights))
            else:
                weights.append(np.asarray(block_weights, np.float64))
            if with_values:
                block_values = _block_values(block_values, count)
                value_bytes.append(b"".join(block_values))
                value_lengths.extend(map(len, block_values))
        position = end
        if block_length < 0:
            break
    if not block_sizes:
        return SegmentPostings(np.zeros(0, np.int64), np.zeros(0), _values_of([]) if with_values else None)
    values = None
    if with_values:
        lengths = np.asarray(value_lengths, np.int64)
        values = PositionValues(b"".join(value_bytes), np.cumsum(lengths) - lengths, lengths)
    return SegmentPostings(_undelta(deltas, block_sizes), np.concatenate(weights), values)


def _values_of(values) -> PositionValues:
    values = [v or b"" for v in values]
    lengths = np.fromiter(map(len, values), np.int64, len(values))
    return PositionValues(b"".join(values), np.cumsum(lengths) - lengths, lengths)


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
    matcher = reader._terms.matcher(fieldname, btext, reader.schema[fieldname].format)
    ids, weights, values = [], [], []
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        if with_values:
            values.append(matcher.value())
        matcher.next()
    values = _values_of(values) if with_values else None
    return SegmentPostings(np.asarray(ids, np.int64), np.asarray(weights, np.float64), values)


# -- positions -----------------------------------------------------------------------------------


def decode_positions(values: PositionValues, fmt) -> tuple[np.ndarray, np.ndarray]:
    """(number of positions of each value, all positions one value after another) of
    Positions-format posting values, decoded with numpy across all values at once; a value of any
    other shape is left to `fmt.decode_positions`."""
    count = len(values)
    if not count:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    buf, starts, lengths = values.data, values.starts, values.lengths
    ends = starts + lengths
    ok = lengths >= 12
    head = np.where(ok, starts, 0)
    counts = (
        (buf[head].astype(np.int64) << 24)
        | (buf[head + 1].astype(np.int64) << 16)
        | (buf[head + 2].astype(np.int64) << 8)
        | buf[head + 3].astype(np.int64)
    )
    for i, byte in enumerate(_LIST_HEADER):
        ok &= buf[head + 4 + i] == byte
    several = counts > 1
    ok &= (counts >= 1) & (counts <= _VECTOR_MAX_COUNT)
    ok &= ~several | (buf[head + 9] == _MARK)
    ok &= buf[np.where(ok, ends - 1, 0)] == _STOP
    ok &= buf[np.where(ok, ends - 2, 0)] == np.where(several, _APPENDS, _APPEND)
    counts = np.where(ok, counts, 0)

    first_item = head + 9 + several
    total = int(counts.sum())
    out_start = np.cumsum(counts) - counts
    # Most values hold only one-byte items (K): their deltas sit every other byte.
    single_bytes = ok & (ends - 2 - first_item == 2 * counts)
    item_at = np.repeat(first_item, counts) + 2 * (np.arange(total) - np.repeat(out_start, counts))
    deltas = buf[item_at + 1].astype(np.int64)
    not_k = np.repeat(single_bytes, counts) & (buf[item_at] != _K)
    if not_k.any():
        ok[np.repeat(np.arange(count), counts)[not_k]] = False
    rest = np.flatnonzero(ok & ~single_bytes)
    if len(rest) and len(rest) <= _STEP_COST * int(counts[rest].max()):
        ok[rest] = False  # fewer than the loop's steps would cost: unpickled one by one
    elif len(rest):
        misread = _read_items(buf, first_item[rest], counts[rest], out_start[rest], deltas, ends[rest] - 2)
        ok[rest[misread]] = False
    positions = np.cumsum(deltas)
    before = np.concatenate(([0], positions))[out_start]
    positions -= np.repeat(before, counts)
    if ok.all():
        return counts, positions
    return _with_fallback(values, fmt, ok, counts, positions)


def _read_items(buf, cursor, counts, out_start, deltas, item_ends) -> np.ndarray:
    """Reads the items of values with two- or four-byte items into `deltas`, one item index at a
    time across the values; True for each value that did not read as a list of ints."""
    by_count = np.argsort(-counts, kind="stable")
    descending = counts[by_count]
    cursor = cursor[by_count]
    out_at = out_start[by_count]
    misread = np.zeros(len(counts), bool)
    for k in range(int(descending[0])):
        active = int(np.searchsorted(-descending, -k, side="left"))  # the values with more than k items
        at = cursor[:active]
        op = buf[at]
        value = buf[at + 1].astype(np.int64)
        two = op == _M
        four = op == _J
        if two.any():
            value[two] |= buf[at[two] + 2].astype(np.int64) << 8
        if four.any():
            w = at[four]
            word = (
                buf[w + 1].astype(np.int64)
                | (buf[w + 2].astype(np.int64) << 8)
                | (buf[w + 3].astype(np.int64) << 16)
                | (buf[w + 4].astype(np.int64) << 24)
            )
            value[four] = np.where(word >= 1 << 31, word - (1 << 32), word)
        misread[:active] |= ~(two | four | (op == _K))
        deltas[out_at[:active] + k] = value
        cursor[:active] = at + 2 + two + 3 * four
    misread |= cursor != item_ends[by_count]  # the items must end exactly at the closing opcode
    unsorted = np.empty(len(counts), bool)
    unsorted[by_count] = misread
    return unsorted


def _with_fallback(values, fmt, ok, counts, positions) -> tuple[np.ndarray, np.ndarray]:
    """The decoded positions with those of the values not `ok` replaced by Whoosh's own reading."""
    bad = np.flatnonzero(~ok)
    decoded = [np.asarray(fmt.decode_positions(values.value(i)), np.int64) for i in bad.tolist()]
    new_counts = counts.copy()
    new_counts[bad] = [len(d) for d in decoded]
    out = np.empty(int(new_counts.sum()), np.int64)
    out[np.repeat(ok, new_counts)] = positions[np.repeat(ok, counts)]
    new_start = np.cumsum(new_counts) - new_counts
    for i, d in zip(bad.tolist(), decoded, strict=True):
        out[new_start[i] : new_start[i] + len(d)] = d
    return new_counts, out
