"""whoosh3's codec with compact posting blocks (compact.py): its writer and matcher for Whoosh's own paths.

The term index, term infos, per-document files and columns are whoosh3's; only the postings file
differs. A segment keeps its codec object (the TOC pickles it), so an index written with this one
is read with it, by Whoosh's matchers (every query type) as by our readers.
"""

from __future__ import annotations

from whoosh.codec.whoosh3 import W3Codec, W3LeafMatcher, W3PostingsWriter

from indexer.whoosh_format.compact import BlockHeader, decode_block, encode_block

_NEVER_INLINED = 1  # whoosh3 inlines fewer postings than this: none
_MAX_HEADER = 32  # bytes: a block header is at most 1 + 5 + 3 + 5 + 5 + 8 + 2 long


class CompactCodec(W3Codec):
    """W3Codec writing and reading compact posting blocks; postings are never inlined into the term
    info (whoosh3 inlines a term's postings when there are fewer than its inline limit: with 1, never),
    so the limit is no argument here."""

    def __init__(self, blocklimit: int = 128, compression: int = 3):
        if not 0 < blocklimit <= 256:
            raise ValueError("a compact block holds 1 to 256 postings")
        super().__init__(blocklimit, compression, inlinelimit=_NEVER_INLINED)

    def postings_writer(self, dbfile, byteids=False):
        if byteids:
            raise ValueError("compact blocks hold numeric ids only")
        return CompactPostingsWriter(dbfile, blocklimit=self._blocklimit, compression=self._compression)

    def postings_reader(self, dbfile, terminfo, format_, term=None, scorer=None):
        offset, length = terminfo.extent()
        if isinstance(length, tuple):  # W3TermInfo.from_bytes leaves the unpacked 1-tuple as it is
            length = length[0]
        return CompactLeafMatcher(dbfile, offset, length, format_, term=term, scorer=scorer)


class CompactPostingsWriter(W3PostingsWriter):
    """W3PostingsWriter writing each block as compact.encode_block() makes it."""

    def start_postings(self, format_, terminfo):
        super().start_postings(format_, terminfo)
        self._last_id = -1

    def _write_block(self, last=False):
        self._terminfo.add_block(self)
        ids = self._ids
        lengths = (self._minlength, self._maxlength, self._maxweight)
        self._postfile.write(
            encode_block(
                ids, self._weights, self._values, lengths, self._last_id, self._format, self._compression
            )
        )
        self._last_id = ids[-1]
        self._blockcount += 1
        self._new_block()


class CompactLeafMatcher(W3LeafMatcher):
    """W3LeafMatcher reading compact blocks."""

    def _read_header(self):
        self._baseoffset = self._startoffset
        self._endoffset = self._startoffset + self._length

    def reset(self):
        self._last_id = -1
        super().reset()

    def _goto(self, position):
        self._data = self._ids = self._weights = self._values = None
        self._i = 0
        head = self._postfile.get(position, min(_MAX_HEADER, self._endoffset - position))
        header = BlockHeader(head, 0, self._last_id)
        self._header = header
        self._dataoffset = position + header.start
        self._nextoffset = position + header.end
        self._lastblock = self._nextoffset >= self._endoffset
        self._blocklength = header.count
        self._maxid = header.last_id
        self._maxweight = header.max_weight
        self._minlength, self._maxlength = header.lengths()
        self._last_id = header.last_id

    def _read_data(self):
        header = self._header
        raw = self._postfile.get(self._dataoffset, self._nextoffset - self._dataoffset)
        payload = header.inflated(raw)
        self._data = decode_block(header, payload, self._fixedsize)

    def _read_ids(self):
        if self._data is None:
            self._read_data()
        self._ids = self._data[0]

    def _read_weights(self):
        if self._data is None:
            self._read_data()
        self._weights = self._data[1]

    def _read_values(self):
        if self._data is None:
            self._read_data()
        values = self._data[2]
        self._values = (None,) * self._blocklength if self._fixedsize == 0 and not values else tuple(values)
