"""A field's postings written a term at a time, as CompactPostingsWriter writes them a posting at a time.

A term's postings in the postings file are its compact blocks (compact.py) of up to `blocklimit`
postings; its statistics and extent go to the term index as whoosh3's term info. The bytes are
those Whoosh's SegmentWriter writes through CompactCodec (tests/test_index.py).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable

from whoosh.codec.whoosh3 import W3FieldWriter, W3TermInfo
from whoosh.system import pack_int, pack_long, pack_ushort
from whoosh.util.numeric import length_to_byte

from indexer.whoosh_format.compact import encode_block


def write_field(
    fieldwriter: W3FieldWriter, terms: Iterable[tuple[bytes, list]], lengths: list | None
) -> None:
    """Write each (term bytes, flat postings: docnum, weight, value, docnum, ...) of the field
    started, in term order and each term's postings in document order. `lengths`: the field's
    length per document, or None.

    A term of one block (all of them in an hourly update's segment, most in any) takes a shorter
    road to the same bytes: its block and term info packed at once, its offset counted rather
    than asked of the file.
    """
    postwriter = fieldwriter._postwriter
    postfile = postwriter._postfile
    limit, compression = postwriter._blocklimit, postwriter._compression
    fmt = fieldwriter._format
    add_entry = fieldwriter._tindex.add
    key_prefix = pack_ushort(fieldwriter._fieldid)
    pack_info = W3TermInfo._struct.pack
    offset = postfile.tell()
    for tbytes, postings in terms:
        count = len(postings) // 3
        if count > limit:
            _write_term(fieldwriter, tbytes, postings, lengths)
            offset = postfile.tell()
            continue
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
        postfile.write(block)
        # W3TermInfo.to_bytes() of the term's one block (its minimum length 0 when it has none).
        min_byte = 0 if min_length is None else length_to_byte(min_length)
        term_info = pack_info(
            False, weight_sum, count, min_byte, length_to_byte(max_length), max_weight, ids[0], ids[-1]
        )
        add_entry(key_prefix + tbytes, term_info + pack_long(offset) + pack_int(len(block)))
        offset += len(block)


def _write_term(fieldwriter: W3FieldWriter, tbytes: bytes, postings: list, lengths: list | None) -> None:
    """Write one term's flat postings of several blocks: W3FieldWriter's start_term(),
    CompactPostingsWriter's add_posting() per posting and _write_block(), and finish_term()."""
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
