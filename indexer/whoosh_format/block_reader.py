"""whoosh3 posting blocks decoded with numpy, many blocks (of one term or many) at once, where only
ids and weights are wanted (the values of a block unpickled are most of its bytes, unread here).

A block, decompressed, is the pickle (protocol 2) of (id deltas, weights, values), as
W3PostingsWriter._write_block() and blocks.write_term() make it. With four postings or more
(smaller tuples have no MARK: left to pickle) it begins:

    PROTO 2; MARK, a BININT1, BININT2 or BININT per id delta, TUPLE, BINPUT 0;
    the weights: NONE (all 1.0), one BINFLOAT (all alike) or MARK, a BINFLOAT each, TUPLE, BINPUT 1.

The opcodes are of varying length, so blocks are read one posting at a time across all of them;
a block not laid out exactly so (an id past 2^31, say) is unpickled, and so are the blocks of a
read that wants the values: the result is always pickle's. A block read with numpy is
decompressed only as far as its weights go (zlib stops there: about half the work).
"""

from __future__ import annotations

import pickle
import zlib

import numpy as np

from indexer.whoosh_format.positions import PositionValues

_K, _M, _J = ord("K"), ord("M"), ord("J")  # BININT1, BININT2, BININT
_MARK, _TUPLE, _BINPUT, _NONE, _BINFLOAT = ord("("), ord("t"), ord("q"), ord("N"), ord("G")
_HEAD = np.frombuffer(b"\x80\x02(", np.uint8)
_ITEM_SIZE = np.zeros(256, np.int64)
_ITEM_SIZE[[_K, _M, _J]] = (1, 2, 4)
_ITEM_MASK = np.zeros(5, np.uint32)  # of a little-endian word read after the opcode, by item size
_ITEM_MASK[[1, 2, 4]] = (0xFF, 0xFFFF, 0xFFFFFFFF)
_PADDING = 1024  # reads past a block's end (a misread one's: 128 steps of 5 bytes) land here
# Blocks are unpickled while they take fewer bytes (as stored) than this: a pass over 128 posting
# indexes costs ~1.2 ms, as much as decompressing and unpickling ~40 KB of blocks with positions.
# Blocks without (under ~4 bytes a posting: facets, dates) are unpickled faster than numpy reads them.
VECTOR_MIN_BYTES = 48 << 10
VECTOR_MIN_BYTES_A_POSTING = 4
SMALLEST_VECTOR_BLOCK = 4


def decode_blocks(blocks: list[bytes], compressed: list[bool], counts: list[int], with_values: bool):
    """(ids, weights, values) of blocks one after another, as stored (`compressed`: zlib'd):
    ids absolute within the segment (each block's first id is stored whole, the rest as deltas),
    weights as floats, and with `with_values` the raw values (else None). Read with numpy, a
    block is decompressed only as far as its weights end."""
    counts = np.asarray(counts, np.int64)
    vector = counts >= SMALLEST_VECTOR_BLOCK
    parsed = None
    size = sum(map(len, blocks))
    if (
        with_values
        or not vector.any()
        or size < max(VECTOR_MIN_BYTES, VECTOR_MIN_BYTES_A_POSTING * int(counts.sum()))
    ):
        vector[:] = False
    else:
        chosen = np.flatnonzero(vector)
        heads = [_head(blocks[i], compressed[i], int(counts[i])) for i in chosen.tolist()]
        parsed = _parse(heads, counts[chosen])
        vector[chosen[~parsed[0]]] = False
    deltas = np.zeros(int(counts.sum()), np.int64)
    weights = np.ones(len(deltas))
    values = None
    if parsed is not None:
        ok = np.repeat(parsed[0], counts[counts >= SMALLEST_VECTOR_BLOCK])
        vector_postings = np.repeat(vector, counts)
        deltas[vector_postings] = parsed[1][ok]
        weights[vector_postings] = parsed[2][ok]
    pickled = np.flatnonzero(~vector)
    if len(pickled):
        values = _unpickle_into(blocks, compressed, counts, pickled, deltas, weights, with_values)
    return _undelta(deltas, counts), weights, values


def _head(block: bytes, compressed: bool, count: int) -> bytes:
    """As much of the block's pickle as holds its ids and weights (at most 5 bytes an id and 9 a
    weight), decompressed."""
    size = 14 * count + 16
    return zlib.decompressobj().decompress(block, size) if compressed else block[:size]


def _unpickle_into(blocks, compressed, counts, pickled, deltas, weights, with_values: bool):
    """Unpickles the `pickled` blocks into `deltas` and `weights`; their values (all blocks'
    when `with_values`: those are never read with numpy), or None."""
    starts = np.cumsum(counts) - counts
    raw_values: list[bytes] = []
    for i in pickled.tolist():
        data = zlib.decompress(blocks[i]) if compressed[i] else blocks[i]
        block_ids, block_weights, block_values = pickle.loads(data)
        at, count = int(starts[i]), int(counts[i])
        deltas[at : at + count] = block_ids
        weights[at : at + count] = _weights_of(block_weights, count)
        if with_values:
            raw_values.extend(_values_of(block_values, count))
    return PositionValues.of(raw_values) if with_values else None


def _weights_of(block_weights, count: int) -> np.ndarray:
    """A block's weights as W3LeafMatcher reads them: None for all 1.0, one float for all alike,
    or one per posting."""
    if block_weights is None:
        return np.ones(count)
    if isinstance(block_weights, float):
        return np.full(count, block_weights)
    return np.asarray(block_weights, np.float64)


def _values_of(block_values, count: int) -> list[bytes]:
    """A block's values as W3LeafMatcher reads them: a tuple, None for a format without values,
    or one string of fixed-size values."""
    if block_values is None:
        return [b""] * count
    if isinstance(block_values, bytes):
        size = len(block_values) // count
        return [block_values[i : i + size] for i in range(0, len(block_values), size)]
    return list(block_values)


def _undelta(deltas: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Ids from per-block delta codes: each block's first id is absolute."""
    running = np.cumsum(deltas)
    ends = np.cumsum(counts)
    before = np.concatenate(([0], running[ends[:-1] - 1]))
    return running - np.repeat(before, counts)


# -- the numpy reading -----------------------------------------------------------------------------


def _parse(blocks: list[bytes], counts: np.ndarray):
    """(ok per block, deltas, weights) of blocks of 4+ postings; the postings of a block not ok
    are garbage."""
    lengths = np.fromiter(map(len, blocks), np.int64, len(blocks))
    starts = np.cumsum(lengths) - lengths
    buf = np.frombuffer(b"".join(blocks) + bytes(_PADDING), np.uint8)
    ok = np.ones(len(blocks), bool)
    for i, byte in enumerate(_HEAD.tolist()):
        ok &= buf[starts + i] == byte
    deltas, cursor = _items(buf, starts + len(_HEAD), counts, ok)
    ok &= (buf[cursor] == _TUPLE) & (buf[cursor + 1] == _BINPUT) & (buf[cursor + 2] == 0)
    weights = _weights(buf, np.where(ok, cursor + 3, 0), counts, ok)
    return ok, deltas, weights


def _items(buf: np.ndarray, cursor: np.ndarray, counts: np.ndarray, ok: np.ndarray):
    """The BININT items after each cursor, `counts` of them, as one array (block after block), and
    each cursor past its items; a block with another opcode among them is marked not `ok`.

    Item k of every block with more than k items at once, the blocks taken longest first; a
    block misread goes on stepping (at most 5 bytes a step, inside the padding) and is dropped."""
    by_count = np.argsort(-counts, kind="stable")
    descending = counts[by_count]
    at_start = (np.cumsum(counts) - counts)[by_count]
    cursor = cursor[by_count]
    words = np.lib.stride_tricks.as_strided(buf, (len(buf) - 4, 4), (1, 1))
    out = np.zeros(int(counts.sum()), np.int64)
    bad = np.zeros(len(counts), bool)
    for k in range(int(descending[0])):
        active = int(np.searchsorted(-descending, -k, side="left"))  # the blocks with more than k items
        at = cursor[:active]
        size = _ITEM_SIZE[buf[at]]
        value = words[at + 1].view("<u4").ravel() & _ITEM_MASK[size]
        bad[:active] |= (size == 0) | (value >= 1 << 31)  # no BININT, or a negative one
        out[at_start[:active] + k] = value
        cursor[:active] = at + 1 + size
    ok[by_count[bad]] = False
    unsorted = np.empty_like(cursor)
    unsorted[by_count] = cursor
    return out, unsorted


def _weights(buf: np.ndarray, cursor: np.ndarray, counts: np.ndarray, ok: np.ndarray):
    """The weights after each cursor: NONE, one BINFLOAT, or a tuple of them closed by TUPLE, BINPUT."""
    op = buf[cursor]
    single, several = op == _BINFLOAT, op == _MARK
    ok &= (op == _NONE) | single | several
    total = int(counts.sum())
    block_of = np.repeat(np.arange(len(counts)), counts)
    index = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
    # A posting's float: its own in a tuple, the block's one else (a NONE block reads a dummy).
    at = np.repeat(cursor, counts) + np.where(np.repeat(several, counts), 2 + 9 * index, 1)
    at = np.minimum(at, len(buf) - _PADDING)  # a misread block's tuple may run past the buffer
    ok[block_of[np.repeat(several, counts) & (buf[at - 1] != _BINFLOAT)]] = False
    eights = np.lib.stride_tricks.as_strided(buf, (len(buf) - 8, 8), (1, 1))
    floats = eights[at].view(">f8").ravel().astype(np.float64)
    weights = np.where(np.repeat(op == _NONE, counts), 1.0, floats)
    tuple_end = np.minimum(cursor + 1 + 9 * counts, len(buf) - _PADDING)
    ok &= ~several | ((buf[tuple_end] == _TUPLE) & (buf[tuple_end + 1] == _BINPUT))
    return weights
