"""Positions-format posting values: held raw as one byte string, decoded with numpy all at once.

formats.Positions stores a posting's positions as the count (a big-endian uint32) then the
pickle (protocol 2) of the list of position deltas. Values of any other shape, and every value
when the installed Whoosh is not the tested one, are decoded by the format itself.
"""

from __future__ import annotations

import numpy as np
from whoosh import formats

from indexer.whoosh_format import version

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


_POSITIONS = formats.Positions()


class PositionValues:
    """Positions-format posting values: raw, held as one byte string with each value's extent, or
    `decoded`, held as all their positions (int64) with each value's extent in them."""

    def __init__(
        self, data: bytes | np.ndarray, starts: np.ndarray, lengths: np.ndarray, decoded: bool = False
    ):
        if isinstance(data, bytes):
            data = np.frombuffer(data + bytes(_PADDING), np.uint8)
        self.data = data  # raw: uint8, with _PADDING zero bytes at the end
        self.starts = starts
        self.lengths = lengths
        self.decoded = decoded

    @classmethod
    def of(cls, values: list[bytes | None]) -> PositionValues:
        """The values of a list (None for an empty value)."""
        values = [v or b"" for v in values]
        lengths = np.fromiter(map(len, values), np.int64, len(values))
        return cls(b"".join(values), np.cumsum(lengths) - lengths, lengths)

    @classmethod
    def of_positions(cls, counts: np.ndarray, positions: np.ndarray) -> PositionValues:
        """Values decoded: the number of positions of each, and all positions one after another."""
        return cls(positions, np.cumsum(counts) - counts, counts, decoded=True)

    def __len__(self) -> int:
        return len(self.starts)

    def take(self, indices: np.ndarray) -> PositionValues:
        return PositionValues(self.data, self.starts[indices], self.lengths[indices], self.decoded)

    def slice(self, start: int, stop: int) -> PositionValues:
        return PositionValues(self.data, self.starts[start:stop], self.lengths[start:stop], self.decoded)

    def value(self, i: int) -> bytes:
        start, end = int(self.starts[i]), int(self.starts[i] + self.lengths[i])
        if self.decoded:
            return _POSITIONS.encode(self.data[start:end].tolist())
        return self.data[start:end].tobytes()

    def positions(self) -> tuple[np.ndarray, np.ndarray]:
        """(number of positions of each value, all positions one value after another) of values decoded."""
        lengths, starts = self.lengths, self.starts
        if len(starts) and np.array_equal(starts[1:] - starts[:-1], lengths[:-1]):
            # one run of the decoded positions (a term's values, or a slice of them): read in place
            first = int(starts[0])
            run = self.data[first : first + int(lengths.sum())]
            run.flags.writeable = False
            return lengths.copy(), run
        ends = starts + lengths
        total = int(lengths.sum())
        # a mask costs a few bytes per position held, an index ~32 per position taken
        if len(starts) and len(self.data) <= 8 * total and bool(np.all(starts[1:] >= ends[:-1])):
            full = lengths > 0
            return lengths.copy(), self.data[runs_mask(starts[full], ends[full], len(self.data))]
        at = np.repeat(starts - (np.cumsum(lengths) - lengths), lengths) + np.arange(total)
        return lengths.copy(), self.data[at]

    @classmethod
    def concat(cls, parts: list[PositionValues]) -> PositionValues:
        if len(parts) == 1:
            return parts[0]
        if any(part.decoded for part in parts):
            decoded = [
                part.positions() if part.decoded else decode_positions(part, _POSITIONS) for part in parts
            ]
            counts = np.concatenate([c for c, _ in decoded])
            return cls.of_positions(counts, np.concatenate([p for _, p in decoded]))
        datas, starts, base = [], [], 0
        for part in parts:
            size = len(part.data) - _PADDING
            datas.append(part.data[:size])
            starts.append(part.starts + base)
            base += size
        data = np.concatenate([*datas, np.zeros(_PADDING, np.uint8)])
        return cls(data, np.concatenate(starts), np.concatenate([p.lengths for p in parts]))


def runs_mask(starts: np.ndarray, ends: np.ndarray, size: int) -> np.ndarray:
    """A mask of `size` items, true inside the ascending, non-overlapping, non-empty runs [starts,
    ends): a byte an item instead of the 16 of an index of every item taken."""
    edges = np.zeros(size + 1, np.int8)
    edges[starts] = 1
    edges[ends] -= 1  # a run ending where the next starts cancels its start: the mask runs on
    return np.cumsum(edges[:size], dtype=np.int8).view(bool)


def decode_positions(values: PositionValues, fmt) -> tuple[np.ndarray, np.ndarray]:
    """(number of positions of each value, all positions one value after another) of
    Positions-format posting values, decoded with numpy across all values at once; a value of any
    other shape is left to `fmt.decode_positions`."""
    count = len(values)
    if not count:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    if values.decoded:
        return values.positions()
    if not version.FAST_PATH:
        return _with_fallback(
            values, fmt, np.zeros(count, bool), np.zeros(count, np.int64), np.zeros(0, np.int64)
        )
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
