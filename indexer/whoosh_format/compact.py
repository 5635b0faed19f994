"""The compact posting block: whoosh3's block of up to 128 postings, in small binary arrays, not pickles.

A term's postings in the postings file are its blocks one after another (no magic before them:
the segment's codec says what they are). A block is a header, then its payload:

    header   varint payload size; byte postings - 1; byte flags (bits 0-1 weights kind, 2-3 values
             kind, 4 COMPRESSED, 5-6 width of the id gaps, 7 DELTAS_COMPRESSED); with positions a
             byte of widths (counts, deltas); varint first id - the previous block's last id - 1
             (the first block: the first id); varint last id - first id; the block's top weight (a
             varint when the weights are implied, else a float64); the shortest and longest field
             length as length bytes.
    payload  the head: the gaps between consecutive ids; the weights as float32, one (CONST) or
             one each (ARRAY), or nothing when implied (each posting's number of positions, or 1.0
             without positions); with positions the number of each posting's positions. Then the
             values: with positions every position as the gap from the one before (a posting's
             first from 0); fixed-size values joined; any others pickled.

A block with positions keeps its head raw (a query without phrases reads only the head) and its
position gaps raw deflate when that made them smaller (DELTAS_COMPRESSED). A block without
positions is raw: deflated, those of 100k articles took 1.5 MB less (of a 224 MB postings file)
and their largest terms took 1.5 times as long to read. Blocks written before DELTAS_COMPRESSED
existed may hold their whole payload raw deflated (COMPRESSED); they still read. The size of the
head follows from the header.
Every array is unsigned and as wide (1, 2 or 4 bytes, little-endian) as its largest item needs.
What a block holds reads back as whoosh3's W3LeafMatcher gives it: the same ids, float32 weights,
and each value the bytes its format encoded.
"""

from __future__ import annotations

import pickle
import struct
import sys
import zlib
from array import array

from whoosh import formats
from whoosh.util.numeric import byte_to_length, length_to_byte

IMPLIED, CONST, ARRAY = 0, 1, 2  # weights kinds
NONE, POSITIONS, FIXED, PICKLED = 0, 1, 2, 3  # values kinds
COMPRESSED = 1 << 4  # the whole payload deflated (blocks written before DELTAS_COMPRESSED)
DELTAS_COMPRESSED = 1 << 7  # a positions block's position gaps deflated, its head raw
COMPRESSION_MIN_SIZE = 64  # smaller payloads never came out smaller deflated
WIDTH_CODES = {1: 0, 2: 1, 4: 2}
WIDTHS = (1, 2, 4, 0)
_TYPECODES = {2: "H", 4: "I"}
_BIG_ENDIAN = sys.byteorder == "big"
_F4, _F8, _COUNT = struct.Struct("<f"), struct.Struct("<d"), struct.Struct("!I")
_VARINTS = [bytes((n,)) if n < 128 else bytes((n & 127 | 128, n >> 7)) for n in range(1 << 14)]
_positions_of: dict[bytes, list[int]] = {}  # a one-position value -> its deltas, shared


def varint(n: int) -> bytes:
    if n < 16384:
        return _VARINTS[n]
    out = bytearray()
    while n >= 128:
        out.append(n & 127 | 128)
        n >>= 7
    out.append(n)
    return bytes(out)


def read_varint(buf, at: int) -> tuple[int, int]:
    """(the varint at `at`, the position after it)."""
    byte = buf[at]
    if byte < 128:
        return byte, at + 1
    n, shift = byte & 127, 7
    while True:
        at += 1
        byte = buf[at]
        n |= (byte & 127) << shift
        if byte < 128:
            return n, at + 1
        shift += 7


def pack_array(items) -> tuple[int, bytes]:
    """(width code, bytes) of unsigned ints at the smallest width that holds them all."""
    if not items:
        return 0, b""
    top = max(items)
    if top < 256:
        return 0, bytes(items)
    width = 2 if top < 65536 else 4
    packed = array(_TYPECODES[width], items)
    if _BIG_ENDIAN:
        packed.byteswap()
    return WIDTH_CODES[width], packed.tobytes()


def unpack_array(data, at: int, count: int, code: int) -> tuple[list[int], int]:
    """(the `count` ints of width `code` at `at`, the position after them)."""
    if code == 0:
        return list(data[at : at + count]), at + count
    width = WIDTHS[code]
    items = array(_TYPECODES[width])
    items.frombytes(data[at : at + count * width])
    if _BIG_ENDIAN:
        items.byteswap()
    return items.tolist(), at + count * width


def deflate(data: bytes, level: int) -> bytes:
    """Raw deflate (no zlib header or checksum), set up for no larger a window than `data` needs:
    zlib sets up (and clears) the whole 32 KB window on every call, and most blocks are small."""
    size = len(data)
    for bits in range(9, 15):
        if (1 << bits) - 262 >= size:
            return zlib.compress(data, level, -bits)
    return zlib.compress(data, level, -15)


def inflate(data: bytes) -> bytes:
    return zlib.decompress(data, -15)


def positions_of(values: list[bytes]) -> tuple[list[int], list[int]] | None:
    """(number of positions of each value, every position delta) of formats.Positions values (a
    count as a big-endian uint32, then the pickled list of deltas), or None when a value is not so
    or a delta does not fit an unsigned array."""
    counts: list[int] = []
    deltas: list[int] = []
    cache = _positions_of
    for value in values:
        found = cache.get(value)
        if found is None:
            found = pickle.loads(value[4:])
            if type(found) is not list or len(found) != _COUNT.unpack_from(value)[0]:
                return None
            if len(found) == 1:
                cache[value] = found
        counts.append(len(found))
        deltas += found
    if deltas and (min(deltas) < 0 or max(deltas) >= 1 << 32):
        return None
    return counts, deltas


def whoosh_value(deltas: list[int]) -> bytes:
    """The bytes formats.Positions.encode() gives for the positions of these deltas."""
    return _COUNT.pack(len(deltas)) + pickle.dumps(deltas, 2)


def encode_block(ids, weights, values: list, lengths: tuple, base: int, fmt, compression: int) -> bytes:
    """A block's bytes (header and payload). `ids` ascending, above `base` (the previous block's
    last id, -1 before the first); `weights` as whoosh3 stores them (float32); `values` the
    non-empty values; `lengths` (shortest or None, longest, top weight) as whoosh3 tracks them."""
    min_length, max_length, max_weight = lengths
    gaps = pack_array([b - a for a, b in zip(ids, ids[1:], strict=False)])
    head, top, payload = block_parts(len(ids), gaps, weights, values, max_weight, fmt, compression)
    return b"".join(
        (
            head,
            varint(ids[0] - base - 1),
            varint(ids[-1] - ids[0]),
            top,
            bytes((length_to_byte(min_length), length_to_byte(max_length))),
            payload,
        )
    )


def block_parts(count: int, gaps: tuple, weights, values: list, max_weight, fmt, compression: int) -> tuple:
    """(the header's bytes before the first id, its top weight, the payload) of a block of `count`
    postings: what does not depend on its ids (but through `gaps`, pack_array's) or field lengths."""
    gap_code, gap_bytes = gaps
    value_kind, widths, value_bytes, counts, delta_bytes = _values(values, count, fmt)
    weight_kind, weight_bytes = _weights(weights, counts)
    flags = weight_kind | value_kind << 2 | gap_code << 5
    if compression and len(delta_bytes) >= COMPRESSION_MIN_SIZE:
        deflated = deflate(delta_bytes, compression)
        if len(deflated) < len(delta_bytes):
            delta_bytes, flags = deflated, flags | DELTAS_COMPRESSED
    payload = b"".join((gap_bytes, weight_bytes, value_bytes, delta_bytes))
    top = varint(int(max_weight)) if weight_kind == IMPLIED else _F8.pack(max_weight)
    return varint(len(payload)) + bytes((count - 1, flags, *widths)), top, payload


def _values(values: list, count: int, fmt) -> tuple[int, tuple, bytes, list | None, bytes]:
    """(values kind, widths byte(s), bytes, number of positions of each posting or None, position
    gaps' bytes): with positions the bytes are the counts (part of the head), the gaps apart."""
    if not values:
        return NONE, (), b"", None, b""
    if type(fmt) is formats.Positions and len(values) == count:
        decoded = positions_of(values)
        if decoded is not None:
            counts, deltas = decoded
            count_code, count_bytes = pack_array(counts)
            delta_code, delta_bytes = pack_array(deltas)
            return POSITIONS, (count_code | delta_code << 2,), count_bytes, counts, delta_bytes
    fixed_size = fmt.fixed_value_size()
    if fixed_size is not None and fixed_size > 0:
        return FIXED, (), b"".join(values), None, b""
    return PICKLED, (), pickle.dumps(tuple(values), 2), None, b""


def _weights(weights, counts: list | None) -> tuple[int, bytes]:
    if counts is not None:
        if all(w == c for w, c in zip(weights, counts, strict=True)):
            return IMPLIED, b""
    elif all(w == 1.0 for w in weights):
        return IMPLIED, b""
    if all(w == weights[0] for w in weights):
        return CONST, _F4.pack(weights[0])
    return ARRAY, array("f", weights).tobytes() if not _BIG_ENDIAN else struct.pack(
        f"<{len(weights)}f", *weights
    )


class BlockHeader:
    """A block's header as read: the reading of its payload, and where the next block starts."""

    __slots__ = (
        "count",
        "flags",
        "widths",
        "first_id",
        "last_id",
        "max_weight",
        "min_length",
        "max_length",
        "start",
        "end",
    )

    def __init__(self, buf, at: int, base: int):
        size, at = read_varint(buf, at)
        self.count, self.flags = buf[at] + 1, buf[at + 1]
        at += 2
        self.widths = 0
        if (self.flags >> 2) & 3 == POSITIONS:
            self.widths = buf[at]
            at += 1
        first, at = read_varint(buf, at)
        span, at = read_varint(buf, at)
        self.first_id = base + 1 + first
        self.last_id = self.first_id + span
        if self.flags & 3 == IMPLIED:
            top, at = read_varint(buf, at)
            self.max_weight = float(top)
        else:
            (self.max_weight,) = _F8.unpack_from(buf, at)
            at += 8
        self.min_length, self.max_length = buf[at], buf[at + 1]
        self.start = at + 2
        self.end = self.start + size

    def payload(self, buf) -> bytes:
        return self.inflated(buf[self.start : self.end])

    def inflated(self, data: bytes) -> bytes:
        """The whole payload raw, from `data` as stored."""
        if self.flags & COMPRESSED:
            return inflate(data)
        if self.flags & DELTAS_COMPRESSED:
            head = self.head_size()
            return data[:head] + inflate(data[head:])
        return data

    def head_size(self) -> int:
        """Bytes of the id gaps, weights and (with positions) position counts, raw."""
        count, flags = self.count, self.flags
        weight_kind = flags & 3
        size = (count - 1) * WIDTHS[(flags >> 5) & 3]
        size += 4 if weight_kind == CONST else 4 * count if weight_kind == ARRAY else 0
        if (flags >> 2) & 3 == POSITIONS:
            size += count * WIDTHS[self.widths & 3]
        return size

    def lengths(self) -> tuple[int, int]:
        """The shortest and longest field length, as whoosh3's matcher gives them."""
        return byte_to_length(self.min_length), byte_to_length(self.max_length)


def decode_block(header: BlockHeader, payload: bytes, fixed_size: int | None) -> tuple[list, list, list]:
    """(ids, weights, values) of a block, as W3LeafMatcher reads them (values: the format's bytes)."""
    count, flags = header.count, header.flags
    gaps, at = unpack_array(payload, 0, count - 1, (flags >> 5) & 3)
    ids = [header.first_id]
    for gap in gaps:
        ids.append(ids[-1] + gap)
    weight_kind, value_kind = flags & 3, (flags >> 2) & 3
    if weight_kind == CONST:
        weights = [_F4.unpack_from(payload, at)[0]] * count
        at += 4
    elif weight_kind == ARRAY:
        weights = list(struct.unpack_from(f"<{count}f", payload, at))
        at += 4 * count
    else:
        weights = None
    values: list = []
    if value_kind == POSITIONS:
        counts, at = unpack_array(payload, at, count, header.widths & 3)
        deltas, at = unpack_array(payload, at, sum(counts), header.widths >> 2)
        start = 0
        for n in counts:
            values.append(whoosh_value(deltas[start : start + n]))
            start += n
        if weights is None:
            weights = [float(n) for n in counts]
    elif value_kind == FIXED:
        size = (len(payload) - at) // count
        values = [payload[i : i + size] for i in range(at, len(payload), size)]
    elif value_kind == PICKLED:
        values = list(pickle.loads(payload[at:]))
    elif fixed_size == 0:
        values = [None] * count
    return ids, weights if weights is not None else [1.0] * count, values
