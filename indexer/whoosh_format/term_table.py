"""The words of a field starting with a prefix and the documents of each, read off a segment's term table.

Whoosh's reader decodes a whole TermInfo object per word (~20 µs); a two-letter prefix on 100k
articles starts tens of thousands of words. Here the table's entries (two big-endian lengths, the
key: field number and word, the value: W3TermInfo's packed struct, whose third member is the
document frequency) are read in large chunks and only the word and that count are taken.
"""

from __future__ import annotations

import struct

from indexer.whoosh_format import version

_LENGTHS = struct.Struct("!ii")  # whoosh.filedb.filetables: key length, value length
_FIELD_NUMBER = struct.Struct("!H")  # W3TermsReader's key: the field's number, then the word
_DOC_FREQUENCY = struct.Struct("!I")
_DOC_FREQUENCY_AT = 5  # W3TermInfo "!BfIBBfII": flags (1 byte), weight (4), then doc frequency
_CHUNK = 1 << 16


def prefix_frequencies(reader, fieldname: str, prefix: bytes) -> dict[bytes, int] | None:
    """{word: documents} of the field's words in this segment starting with `prefix` (bytes), or None
    when the segment is not laid out as this code knows (another Whoosh: ask its reader)."""
    terms = getattr(reader, "_terms", None) if version.FAST_PATH else None
    if type(terms).__name__ != "W3TermsReader":
        return None
    number = terms._fieldmap.get(fieldname)
    if number is None:
        return {}
    table = terms._tindex
    start = _FIELD_NUMBER.pack(number) + prefix
    pos = table.closest_key_pos(start)
    return {} if pos is None else _scan(table.dbfile, pos, table.endofdata, start)


def _scan(dbfile, pos: int, end: int, start: bytes) -> dict[bytes, int]:
    found: dict[bytes, int] = {}
    skip = _FIELD_NUMBER.size
    while pos < end:
        chunk = dbfile.get(pos, min(_CHUNK, end - pos))
        at = 0
        while at + _LENGTHS.size <= len(chunk):
            key_length, value_length = _LENGTHS.unpack_from(chunk, at)
            key_at = at + _LENGTHS.size
            value_at = key_at + key_length
            if value_at + value_length > len(chunk):
                if at == 0:  # one entry larger than a chunk: read it whole
                    chunk = dbfile.get(pos, _LENGTHS.size + key_length + value_length)
                    continue
                break
            key = chunk[key_at:value_at]
            if not key.startswith(start):
                return found
            found[key[skip:]] = _DOC_FREQUENCY.unpack_from(chunk, value_at + _DOC_FREQUENCY_AT)[0]
            at = value_at + value_length
        pos += at
    return found
