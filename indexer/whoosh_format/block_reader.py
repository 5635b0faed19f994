"""Compact posting blocks (compact.py) decoded with numpy, many blocks (of one term or many) at once.

Each block's header is read in Python; its arrays (id gaps, weights, position counts and deltas),
as stored at 1, 2 or 4 bytes an item, are gathered by width across all blocks and read with one
numpy call per width. A block of one posting whose weight is implied needs no payload at all: its
id and weight are in its header.
"""

from __future__ import annotations

import zlib

import numpy as np

from indexer.whoosh_format.compact import (
    ARRAY,
    COMPRESSED,
    CONST,
    DELTAS_COMPRESSED,
    IMPLIED,
    POSITIONS,
    WIDTHS,
    BlockHeader,
    decode_block,
    inflate,
)
from indexer.whoosh_format.positions import PositionValues, runs_mask

_DTYPES = (np.dtype("u1"), np.dtype("<u2"), np.dtype("<u4"))


class _Pieces:
    """Slices of stored arrays, each to land at an offset of one output array, in ascending order."""

    def __init__(self):
        self.parts: tuple[list, list, list] = ([], [], [])
        self.offsets: tuple[list, list, list] = ([], [], [])

    def add(self, data: bytes, code: int, offset: int) -> None:
        self.parts[code].append(data)
        self.offsets[code].append(offset)

    def into(self, out: np.ndarray) -> None:
        for code, dtype in enumerate(_DTYPES):
            parts = self.parts[code]
            if not parts:
                continue
            items = np.frombuffer(b"".join(parts), dtype)
            if len(items) == len(out):  # the pieces of one width fill `out`, in order
                out[:] = items
                continue
            sizes = np.fromiter(map(len, parts), np.int64, len(parts)) // WIDTHS[code]
            starts = np.asarray(self.offsets[code], np.int64)
            full = sizes > 0
            out[runs_mask(starts[full], starts[full] + sizes[full], len(out))] = items


def decode_blocks(headers: list[BlockHeader], stored: list[bytes], with_values: bool):
    """(ids, weights, values) of blocks one after another (`stored`: each block's payload as
    stored): ids absolute within the segment, weights as floats, and with `with_values` the
    posting values (positions decoded), else None."""
    counts = np.fromiter((h.count for h in headers), np.int64, len(headers))
    total = int(counts.sum())
    starts = (np.cumsum(counts) - counts).tolist()
    if with_values and any((h.flags >> 2) & 3 != POSITIONS for h in headers):
        return _decoded_in_python(headers, stored)
    codes = np.zeros(total, np.int64)  # each block's first id, then the gaps to the next
    codes[starts] = [h.first_id for h in headers]
    weights = np.ones(total)
    gaps, position_counts, deltas = _Pieces(), _Pieces(), _Pieces()
    floats: list[tuple[bytes, int]] = []
    counted = np.zeros(total, bool)  # postings whose weight is their number of positions
    delta_at = 0
    for header, data, start in zip(headers, stored, starts, strict=True):
        count, flags = header.count, header.flags
        weight_kind, positional = flags & 3, (flags >> 2) & 3 == POSITIONS
        if count == 1 and weight_kind == IMPLIED and not with_values:
            weights[start] = header.max_weight
            continue
        code = (flags >> 5) & 3
        payload = _inflated(header, data, with_values) if flags & COMPRESSED else data
        at = (count - 1) * WIDTHS[code]
        gaps.add(payload[:at], code, start + 1)
        if weight_kind == CONST:
            weights[start : start + count] = np.frombuffer(payload, "<f4", 1, at)[0]
            at += 4
        elif weight_kind == ARRAY:
            floats.append((payload[at : at + 4 * count], start))
            at += 4 * count
        if positional and (weight_kind == IMPLIED or with_values):
            counted[start : start + count] = weight_kind == IMPLIED
            count_code, delta_code = header.widths & 3, header.widths >> 2
            end = at + count * WIDTHS[count_code]
            position_counts.add(payload[at:end], count_code, start)
            if with_values:
                stored_deltas = payload[end:]
                if flags & DELTAS_COMPRESSED:
                    stored_deltas = inflate(stored_deltas)
                deltas.add(stored_deltas, delta_code, delta_at)
                delta_at += len(stored_deltas) // WIDTHS[delta_code]
    gaps.into(codes)
    for data, start in floats:
        weights[start : start + len(data) // 4] = np.frombuffer(data, "<f4")
    numbers = np.zeros(total, np.int64)
    position_counts.into(numbers)
    weights[counted] = numbers[counted]
    ids = _undelta(codes, counts)
    if not with_values:
        return ids, weights, None
    out = np.zeros(delta_at, np.int64)
    deltas.into(out)
    return ids, weights, PositionValues.of_positions(numbers, _undelta(out, numbers))


def _inflated(header: BlockHeader, data: bytes, with_values: bool) -> bytes:
    """A payload deflated whole (blocks written before DELTAS_COMPRESSED) inflated; without
    values, only as far as the position counts end (the position gaps after them are most of it)."""
    if with_values:
        return inflate(data)
    return zlib.decompressobj(-15).decompress(data, header.head_size())


def _decoded_in_python(headers: list[BlockHeader], stored: list[bytes]):
    """decode_blocks() of blocks with values other than positions: block by block, values raw."""
    ids: list[int] = []
    weights: list[float] = []
    values: list = []
    for header, data in zip(headers, stored, strict=True):
        block_ids, block_weights, block_values = decode_block(header, header.inflated(data), None)
        ids += block_ids
        weights += block_weights
        values += block_values or [b""] * header.count
    return np.asarray(ids, np.int64), np.asarray(weights, np.float64), PositionValues.of(values)


def _undelta(codes: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Runs of numbers from their first and the gaps between them, run after run (`counts` long),
    summed in place (`codes` is spent): each run's first code less the total of the run before
    (where the running sum stands when it starts), then one running sum."""
    starts = (np.cumsum(counts) - counts)[counts > 0]
    if len(starts) > 1:
        totals = np.add.reduceat(codes, starts)
        codes[starts[1:]] -= totals[:-1]
    return np.cumsum(codes, out=codes)
