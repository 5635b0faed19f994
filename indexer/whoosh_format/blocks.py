"""A field's postings written a term at a time, as CompactPostingsWriter writes them a posting at a time.

A term's postings in the postings file are its compact blocks (compact.py) of up to `blocklimit`
postings; its statistics and extent go to the term index as whoosh3's term info. The bytes are
those Whoosh's SegmentWriter writes through CompactCodec (tests/test_index.py).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from hashlib import md5

from whoosh.codec.whoosh3 import W3FieldWriter, W3TermInfo
from whoosh.filedb.filetables import OrderedHashWriter, _lengths
from whoosh.system import pack_int, pack_long, pack_ushort
from whoosh.util.numeric import length_to_byte

from indexer.whoosh_format.compact import block_parts, encode_block, varint

_NO_GAPS = (0, b"")  # pack_array() of a one-posting block's id gaps
_ENTRY_LENGTHS = _lengths  # the key and value lengths before each term index entry
# Blocks (bytes) and term index entries written at once: a rebuild's large segment stays in bounds.
_BATCH_BYTES = 1 << 20
_BATCH_ENTRIES = 4096


def write_field(
    fieldwriter: W3FieldWriter, terms: Iterable[tuple[bytes, list]], lengths: list | None
) -> None:
    """Write each (term bytes, flat postings: docnum, weight, value, docnum, ...) of the field
    started, in term order and each term's postings in document order. `lengths`: the field's
    length per document, or None.

    A term of one block (all of them in an hourly update's segment, most in any) takes a shorter
    road to the same bytes: its block and term info packed at once, its offset counted rather
    than asked of the file; a term of one posting (half the terms of an update) reuses the parts
    of its block that its value and weight decide. Blocks and term index entries are written
    a batch at a time (TermTableBatch).
    """
    postwriter = fieldwriter._postwriter
    postfile = postwriter._postfile
    limit, compression = postwriter._blocklimit, postwriter._compression
    fmt = fieldwriter._format
    key_prefix = pack_ushort(fieldwriter._fieldid)
    pack_info = W3TermInfo._struct.pack
    table = TermTableBatch(fieldwriter._tindex)
    blocks: list[bytes] = []
    pending = 0  # bytes in `blocks`
    offset = postfile.tell()
    one_posting: dict[tuple, tuple] = {}  # (value, weight) -> its block's parts and statistics
    for tbytes, postings in terms:
        count = len(postings) // 3
        if count == 1:
            docnum, weight, value = postings
            parts = one_posting.get((value, weight))
            if parts is None:
                parts = one_posting[value, weight] = _one_posting_parts(value, weight, fmt, compression)
            head, top, payload, weight_sum, max_weight = parts
            length = lengths[docnum] if lengths else None
            min_byte = length_to_byte(length) if length else 0
            max_byte = min_byte if length else length_to_byte(0)
            block = b"".join((head, varint(docnum), b"\x00", top, bytes((min_byte, max_byte)), payload))
            term_info = pack_info(False, weight_sum, 1, min_byte, max_byte, max_weight, docnum, docnum)
        elif count <= limit:
            block, term_info = _one_block(postings, count, lengths, fmt, compression, pack_info)
        else:
            postfile.write(b"".join(blocks))
            blocks, pending = [], 0
            table.add(key_prefix + tbytes, _write_term(fieldwriter, tbytes, postings, lengths))
            offset = postfile.tell()
            continue
        blocks.append(block)
        pending += len(block)
        table.add(key_prefix + tbytes, term_info + pack_long(offset) + pack_int(len(block)))
        offset += len(block)
        if pending >= _BATCH_BYTES:
            postfile.write(b"".join(blocks))
            blocks, pending = [], 0
    postfile.write(b"".join(blocks))
    table.flush()


def _one_posting_parts(value, weight, fmt, compression: int) -> tuple:
    # What encode_block and the term info take of a one-posting block's weight and value.
    if weight == 1.0:  # unweighted: as the float32 array would give it
        weights, weight_sum, max_weight = [weight], 1.0, 1.0
    else:
        weights = array("f", [weight])
        weight_sum, max_weight = sum(weights), weight if weight > 0 else 0
    values = [value] if value else []
    head, top, payload = block_parts(1, _NO_GAPS, weights, values, max_weight, fmt, compression)
    return head, top, payload, weight_sum, max_weight


def _one_block(postings: list, count: int, lengths: list | None, fmt, compression: int, pack_info) -> tuple:
    """(block, term info without its extent) of a term whose postings fill one block."""
    ids, weights = postings[0::3], postings[1::3]
    if weights.count(1.0) == count:  # unweighted: as the float32 array would give them
        weight_sum, max_weight = float(count), 1.0
    else:
        weights = array("f", weights)
        weight_sum, top = sum(weights), max(postings[1::3])
        max_weight = top if top > 0 else 0
    min_length, max_length = _length_range(ids, lengths)
    values = [value for value in postings[2::3] if value]
    block = encode_block(ids, weights, values, (min_length, max_length, max_weight), -1, fmt, compression)
    # W3TermInfo.to_bytes() of the term's one block (its minimum length 0 when it has none).
    min_byte = 0 if min_length is None else length_to_byte(min_length)
    term_info = pack_info(
        False, weight_sum, count, min_byte, length_to_byte(max_length), max_weight, ids[0], ids[-1]
    )
    return block, term_info


class TermTableBatch:
    """Entries for a term index (whoosh's OrderedHashWriter) added in key order and written a batch
    at a time: the same file as its add() per entry makes, without three writes and two tells each."""

    def __init__(self, tindex: OrderedHashWriter):
        self.tindex = tindex
        self.keys: list[bytes] = []
        self.values: list[bytes] = []

    def add(self, key: bytes, value: bytes) -> None:
        self.keys.append(key)
        self.values.append(value)
        if len(self.keys) >= _BATCH_ENTRIES:
            self.flush()

    def flush(self) -> None:
        keys, values, tindex = self.keys, self.values, self.tindex
        if not keys:
            return
        if type(tindex) is not OrderedHashWriter or tindex.hashtype != 0:
            for key, value in zip(keys, values, strict=True):
                tindex.add(key, value)
        else:
            self._write(keys, values)
        self.keys, self.values = [], []

    def _write(self, keys: list[bytes], values: list[bytes]) -> None:
        tindex = self.tindex
        last = tindex.lastkey
        for key in keys:  # as OrderedHashWriter.add() checks each
            if key <= last:
                raise ValueError(f"Keys must increase: {last!r}..{key!r}")
            last = key
        position = tindex.dbfile.tell()
        positions, records, buckets = [], [], tindex.buckets
        pack_lengths = _ENTRY_LENGTHS.pack
        for key, value in zip(keys, values, strict=True):
            record = pack_lengths(len(key), len(value)) + key + value
            # filetables.md5_hash: the digest's last four bytes
            hashed = int.from_bytes(md5(key, usedforsecurity=False).digest()[-4:], "big")
            buckets[hashed & 255].append((hashed, position))
            positions.append(position)
            records.append(record)
            position += len(record)
        tindex.dbfile.write(b"".join(records))
        tindex.index.extend(positions)
        tindex.lastkey = last


def _write_term(fieldwriter: W3FieldWriter, tbytes: bytes, postings: list, lengths: list | None) -> bytes:
    """Write one term's flat postings of several blocks: W3FieldWriter's start_term(),
    CompactPostingsWriter's add_posting() per posting and _write_block(); returns its term info
    (finish_term()'s term index value)."""
    postwriter = fieldwriter._postwriter
    postfile = postwriter._postfile
    limit = postwriter._blocklimit
    fmt = fieldwriter._format
    terminfo = W3TermInfo()
    start_offset = postfile.tell()
    docnums, weights, values = postings[0::3], postings[1::3], postings[2::3]
    last_id = -1
    for start in range(0, len(docnums), limit):
        end = start + limit
        ids = docnums[start:end]
        block_weights = array("f", weights[start:end])
        top = max(weights[start:end])
        max_weight = top if top > 0 else 0
        min_length, max_length = _length_range(ids, lengths)
        _add_block(terminfo, ids, block_weights, max_weight, min_length, max_length)
        block_values = [value for value in values[start:end] if value]
        stats = (min_length, max_length, max_weight)
        postfile.write(
            encode_block(ids, block_weights, block_values, stats, last_id, fmt, postwriter._compression)
        )
        last_id = ids[-1]
    terminfo.set_extent(start_offset, postfile.tell() - start_offset)
    return terminfo.to_bytes()


def _length_range(ids: list[int], lengths: list | None) -> tuple[int | None, int]:
    """(shortest, longest) field length of the block's documents, leaving out those without one."""
    block_lengths = [lengths[docnum] for docnum in ids] if lengths else []
    if None in block_lengths or 0 in block_lengths:
        block_lengths = [length for length in block_lengths if length]
    if not block_lengths:
        return None, 0
    return min(block_lengths), max(block_lengths)


def _add_block(terminfo: W3TermInfo, ids, block_weights, max_weight, min_length, max_length) -> None:
    # W3TermInfo.add_block(), from the block's figures rather than a block writer.
    terminfo._weight += sum(block_weights)
    terminfo._df += len(ids)
    if terminfo._minlength is None:
        terminfo._minlength = min_length
    else:
        terminfo._minlength = min(terminfo._minlength, min_length)
    terminfo._maxlength = max(terminfo._maxlength, max_length)
    terminfo._maxweight = max(terminfo._maxweight, max_weight)
    if terminfo._minid is None:
        terminfo._minid = ids[0]
    terminfo._maxid = ids[-1]
