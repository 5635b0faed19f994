"""A term's postings written as whoosh3's codec writes them: blocks of ids, weights and values.

A term's postings in the postings file: the magic b"W3Bl", then blocks of up to `blocklimit`
postings, each a signed length (negative for the last block), a pickled info tuple and the
(zlib-compressed past a size) pickle of (delta-coded ids, weights, values). The term's statistics
and extent go to the term index. Written here a term at a time, byte for byte as W3FieldWriter and
W3PostingsWriter write them a posting at a time.
"""

from __future__ import annotations

import zlib
from array import array
from collections.abc import Iterable
from pickle import dumps

from whoosh.codec.whoosh3 import COMPRESSION_MIN_SIZE, WHOOSH3_HEADER_MAGIC, W3FieldWriter, W3TermInfo
from whoosh.system import pack_int, pack_long, pack_ushort
from whoosh.util.numeric import length_to_byte

_zlib_headers: dict[int, bytes] = {}


def deflate(data: bytes, level: int) -> bytes:
    """zlib.compress(data, level), byte for byte, set up for no larger a window than `data` needs.

    zlib sets up (and clears) a 32 KB window on every call, and most blocks are a few hundred
    bytes: that setup was most of the compressing. Deflate finds the same matches in any window
    that holds the whole input (its size less the 262 bytes of look-ahead), so only the header,
    which states the window size, differs: it is written as the full window's.
    """
    size = len(data)
    for bits in range(9, 15):
        if (1 << bits) - 262 >= size:
            header = _zlib_headers.get(level)
            if header is None:
                header = _zlib_headers[level] = zlib.compress(b"", level)[:2]
            return header + zlib.compress(data, level, bits)[2:]
    return zlib.compress(data, level)


def write_field(
    fieldwriter: W3FieldWriter, terms: Iterable[tuple[bytes, list]], lengths: list | None
) -> None:
    """write_term() for each (term bytes, flat postings) of the field started, in term order.

    A term of one block (all of them in an hourly update's segment, most in any) takes a shorter
    road to the same bytes: its block, header and term info packed at once, its offset counted
    rather than asked of the file, and its postings not copied when nothing is shared.
    """
    postwriter = fieldwriter._postwriter
    postfile = postwriter._postfile
    limit, compression = postwriter._blocklimit, postwriter._compression
    fixed_size = fieldwriter._format.fixed_value_size()
    add_entry = fieldwriter._tindex.add
    key_prefix = pack_ushort(fieldwriter._fieldid)
    pack_info = W3TermInfo._struct.pack
    offset = postfile.tell()
    for tbytes, postings in terms:
        count = len(postings) // 3
        if count > limit:
            write_term(fieldwriter, tbytes, postings, lengths)
            offset = postfile.tell()
            continue
        ids, weights = postings[0::3], postings[1::3]
        if weights.count(1.0) == count:  # unweighted: as the float32 array would give them
            block_weights, weight_sum, max_weight = None, float(count), 1.0
        else:
            block_weights = array("f", weights)
            weight_sum, top = sum(block_weights), max(weights)
            max_weight = top if top > 0 else 0
        min_length, max_length = _length_range(ids, lengths)
        if (
            block_weights is None
            and count == 1
            and type(postings[2]) is bytes
            and postings[2]
            and fixed_size is None
        ):
            data = dumps(((ids[0],), None, (postings[2],)), 2)  # one value: nothing shared to copy
            level = compression if len(data) >= COMPRESSION_MIN_SIZE else 0
            data = deflate(data, level) if level else data
        else:
            weights_array = block_weights if block_weights is not None else array("f", weights)
            level, data = _block_data(ids, weights_array, postings[2::3], fixed_size, compression)
        min_byte, max_byte = length_to_byte(min_length), length_to_byte(max_length)
        info = dumps((count, ids[-1], max_weight, level, min_byte, max_byte), 2)
        block = b"".join((WHOOSH3_HEADER_MAGIC, pack_int(-(len(info) + len(data))), info, data))
        postfile.write(block)
        # W3TermInfo.to_bytes() of the term's one block (its minimum length 0 when it has none).
        min_byte = 0 if min_length is None else min_byte
        term_info = pack_info(
            False, weight_sum, count, min_byte, max_byte, max(max_weight, 0), ids[0], ids[-1]
        )
        add_entry(key_prefix + tbytes, term_info + pack_long(offset) + pack_int(len(block)))
        offset += len(block)


def write_term(fieldwriter: W3FieldWriter, tbytes: bytes, postings: list, lengths: list | None) -> None:
    """Write one term's flat postings (docnum, weight, value, docnum, ...) in document order.

    W3FieldWriter's start_term(), W3PostingsWriter's add_posting() per posting and _write_block(),
    and finish_term(), inlined. `lengths`: the field's length per document, or None.
    """
    postwriter = fieldwriter._postwriter
    postfile = postwriter._postfile
    limit = postwriter._blocklimit
    fixed_size = fieldwriter._format.fixed_value_size()
    terminfo = W3TermInfo()
    start_offset = postfile.tell()
    docnums, weights, values = postings[0::3], postings[1::3], postings[2::3]
    count = len(docnums)
    postfile.write(WHOOSH3_HEADER_MAGIC)
    for start in range(0, count, limit):
        end = start + limit
        ids = docnums[start:end]
        block_weights = array("f", weights[start:end])
        top = max(weights[start:end])
        max_weight = top if top > 0 else 0
        min_length, max_length = _length_range(ids, lengths)
        _add_block(terminfo, ids, block_weights, max_weight, min_length, max_length)
        level, data = _block_data(ids, block_weights, values[start:end], fixed_size, postwriter._compression)
        info = dumps(
            (len(ids), ids[-1], max_weight, level, length_to_byte(min_length), length_to_byte(max_length)), 2
        )
        block_length = len(info) + len(data)
        postfile.write(pack_int(-block_length if end >= count else block_length))
        postfile.write(info)
        postfile.write(data)
    terminfo.set_extent(start_offset, postfile.tell() - start_offset)
    fieldwriter._tindex.add(pack_ushort(fieldwriter._fieldid) + tbytes, terminfo.to_bytes())


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


def _block_data(ids, block_weights, values, fixed_size: int | None, compression: int) -> tuple[int, bytes]:
    """(compression level, bytes) of a block's pickle: ids as deltas, weights and values minified,
    as W3PostingsWriter._write_block() makes it."""
    deltas = (ids[0], *[b - a for a, b in zip(ids, ids[1:], strict=False)])
    if all(w == 1.0 for w in block_weights):
        mini_weights = None
    elif all(w == block_weights[0] for w in block_weights):
        mini_weights = block_weights[0]
    else:
        mini_weights = tuple(block_weights)
    # Fresh copies: values shared in the buffer would be pickled as back-references, and the
    # block would differ (in bytes, not in content) from what Whoosh writes.
    block_values = [bytes(bytearray(v)) for v in values if v]
    if fixed_size is None or fixed_size < 0:
        mini_values = tuple(block_values)
    elif fixed_size == 0:
        mini_values = None
    else:
        mini_values = b"".join(block_values)
    data = dumps((deltas, mini_weights, mini_values), 2)
    level = compression if len(data) >= COMPRESSION_MIN_SIZE else 0
    return level, deflate(data, level) if level else data
