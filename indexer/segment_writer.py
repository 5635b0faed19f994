"""A Whoosh segment writer that writes the same segment as Whoosh's, with far less work per posting.

Whoosh's SegmentWriter turns every posting into a 5-tuple, pickles it to a sorted run on disk,
reads it back, merges the runs with a heap and hands the postings one by one to the codec, which
checks and buffers each. An article makes about 500 postings (one per term and field), so that was
half the indexing time. Here the postings are kept grouped by field and term, in the order they
come, which is document order: sorting means sorting terms, not postings. A full buffer is spilled
as one sorted run of whole posting lists; at the end the runs are merged term by term, and each
term's postings are written in blocks as Whoosh's codec writes them. Our analyzers' fields are
read by field_terms in one pass instead of token by token.

The files are the same, byte for byte, as Whoosh's writer makes of the same documents
(tests/test_index.py), so any Whoosh reader reads them.
"""

from __future__ import annotations

import gc
import heapq
import marshal
import os
import struct
import tempfile
import zlib
from array import array
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from itertools import groupby
from pickle import dumps

from whoosh import formats
from whoosh.codec.whoosh3 import COMPRESSION_MIN_SIZE, WHOOSH3_HEADER_MAGIC, W3FieldWriter, W3TermInfo
from whoosh.fields import FieldType
from whoosh.system import pack_int, pack_ushort
from whoosh.util import random_name
from whoosh.util.numeric import length_to_byte
from whoosh.util.text import utf8encode
from whoosh.writing import SegmentWriter

from indexer.field_terms import FieldReading, TermPositions
from indexer.names import NAMES_FIELD, NameIndex, concept_value

# Estimated bytes a buffered posting and a new term take in memory (list slots, a key and its
# dict entry); postings at one position share their encoded value. Calibrated on news articles.
_POSTING_BYTES = 28
_TERM_BYTES = 200
_RUN_CHUNK_TERMS = 4096  # terms per marshalled chunk of a run file
_LENGTH = struct.Struct("<Q")

_POSITIONS = formats.Positions()
_one_position: dict[int, bytes] = {}  # position -> its encoded posting value, shared
_weights: dict[int, float] = {}  # frequency -> its weight as a float object, shared
_ONE = 1.0

# (field name, term bytes, postings): the postings are flat, docnum, weight, value, docnum, ...
TermPostings = tuple[str, bytes, list]


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cycle collector while indexing: writing a segment makes millions of lists and
    no reference cycles, and every collection walked all of them (a tenth of the indexing time)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def encode_positions(positions: list[int]) -> bytes:
    """The posting value formats.Positions stores for `positions`."""
    if len(positions) == 1:
        position = positions[0]
        value = _one_position.get(position)
        if value is None:
            value = _one_position[position] = _POSITIONS.encode(positions)
        return value
    return _POSITIONS.encode(positions)


def _weight(freq: int) -> float:
    weight = _weights.get(freq)
    if weight is None:
        weight = _weights[freq] = float(freq)
    return weight


class PostingBuffer:
    """The postings of one segment, grouped by field and term in document order; spills sorted runs.

    Takes the place of Whoosh's PostingPool in a FastSegmentWriter (add() is its interface).
    """

    def __init__(self, run_dir: str | None, limitmb: float, text_fields: frozenset[str] = frozenset()):
        self.run_dir = run_dir or tempfile.gettempdir()
        # Fields whose terms are text: kept as str (sorted as their UTF-8 is), encoded when written.
        self.text_fields = text_fields
        self.limit = limitmb * 1024 * 1024
        self.size = 0
        self.fields: dict[str, dict[str | bytes, list]] = {}
        self.fieldnames: set[str] = set()
        self.runs: list[str] = []
        # Postings added one by one (add()) may come out of document order, as Whoosh allows:
        # then each term's postings are checked, and sorted if need be, when written.
        self.unordered = False

    def add(self, item: tuple) -> None:
        """Add one (fieldname, term bytes, docnum, weight, value bytes or None) posting."""
        fieldname, tbytes, docnum, weight, vbytes = item
        if docnum == -1:
            return  # Whoosh's marker of a spelling word: never a posting
        terms = self._terms_of(fieldname)
        key = tbytes.decode("utf-8") if fieldname in self.text_fields else tbytes
        postings = terms.get(key)
        if postings is None:
            terms[key] = [docnum, weight, vbytes]
            self.size += _TERM_BYTES + len(tbytes)
        else:
            if docnum <= postings[-3]:
                self.unordered = True
            postings += (docnum, weight, vbytes)
        self.size += _POSTING_BYTES + (len(vbytes) + 34 if vbytes else 0)
        if self.size > self.limit:
            self.spill()

    def add_terms(
        self, fieldname: str, docnum: int, found: TermPositions, format_boost: float, field_boost: float
    ) -> int:
        """Add the postings of one document's text field from its terms' positions; returns its length."""
        terms = self._terms_of(fieldname)
        one_position = _one_position
        encode = _POSITIONS.encode
        # A weight is (frequency * format boost) * field boost, as Whoosh multiplies them; unboosted,
        # one float object per frequency serves every posting.
        boosted = format_boost != 1.0 or field_boost != 1.0
        length = 0
        size = 0
        for term, positions in found.items():
            freq = len(positions)
            length += freq
            if freq == 1:
                vbytes = one_position.get(positions[0]) or encode_positions(positions)
                weight = _ONE if not boosted else 1.0 * format_boost * field_boost
            else:
                vbytes = encode(positions)
                size += len(vbytes) + 34
                weight = _weight(freq) if not boosted else float(freq) * format_boost * field_boost
            postings = terms.get(term)
            if postings is None:
                terms[term] = [docnum, weight, vbytes]
                size += _TERM_BYTES + len(term)
            else:
                postings += (docnum, weight, vbytes)
        self.size += size + _POSTING_BYTES * len(found)
        if self.size > self.limit:
            self.spill()
        return length

    def _terms_of(self, fieldname: str) -> dict[str | bytes, list]:
        terms = self.fields.get(fieldname)
        if terms is None:
            terms = self.fields[fieldname] = {}
            self.fieldnames.add(fieldname)
        return terms

    def spill(self) -> None:
        """Write the buffered postings to a run file, in (field, term) order, and empty the buffer."""
        if not self.fields:
            return
        fd, path = tempfile.mkstemp(prefix=random_name(), suffix=".postings", dir=self.run_dir)
        with os.fdopen(fd, "wb") as run:
            chunk = []
            for item in self._buffered():
                chunk.append(item)
                if len(chunk) >= _RUN_CHUNK_TERMS:
                    self._write_chunk(run, chunk)
                    chunk = []
            if chunk:
                self._write_chunk(run, chunk)
        self.runs.append(path)
        self.fields = {}
        self.size = 0

    @staticmethod
    def _write_chunk(run, chunk: list) -> None:
        data = marshal.dumps(chunk)
        run.write(_LENGTH.pack(len(data)))
        run.write(data)

    @staticmethod
    def _read_run(path: str, number: int) -> Iterator[tuple]:
        with open(path, "rb") as run:
            while header := run.read(_LENGTH.size):
                for fieldname, tbytes, postings in marshal.loads(run.read(_LENGTH.unpack(header)[0])):
                    yield fieldname, tbytes, number, postings

    def _buffered(self) -> Iterator[TermPostings]:
        for fieldname in sorted(self.fields):
            terms = self.fields[fieldname]
            for tbytes in sorted(terms):
                yield fieldname, tbytes, terms[tbytes]

    def terms(self) -> Iterator[TermPostings]:
        """Every term's postings, in (field, term) order, each list in document order."""
        if not self.runs:
            yield from self._buffered()
            return
        # Runs hold documents in the order they came: a term's postings are its runs' in turn.
        streams = [self._read_run(path, number) for number, path in enumerate(self.runs)]
        last = len(self.runs)
        streams.append(
            (fieldname, tbytes, last, postings) for fieldname, tbytes, postings in self._buffered()
        )
        merged = heapq.merge(*streams)
        for (fieldname, tbytes), parts in groupby(merged, key=lambda item: (item[0], item[1])):
            postings = []
            for part in parts:
                postings += part[3]
            yield fieldname, tbytes, postings

    def iter_postings(self) -> Iterator[tuple]:
        """The postings as Whoosh's pool gives them: (fieldname, term bytes, docnum, weight, value)."""
        for fieldname, term, postings in self.terms():
            tbytes = term if isinstance(term, bytes) else term.encode("utf-8")
            postings = in_document_order(postings, self.unordered)
            for at in range(0, len(postings), 3):
                yield fieldname, tbytes, *postings[at : at + 3]

    def cleanup(self) -> None:
        for path in self.runs:
            with suppress(OSError):
                os.remove(path)
        self.runs = []
        self.fields = {}


def in_document_order(postings: list, check: bool) -> list:
    """Flat postings sorted as Whoosh sorts them, when `check` finds them out of document order."""
    docnums = postings[0::3]
    if not check or all(a < b for a, b in zip(docnums, docnums[1:], strict=False)):
        return postings
    # None sorts as the empty value it stands for.
    triples = sorted(
        zip(docnums, postings[1::3], postings[2::3], strict=True), key=lambda p: (p[0], p[1], p[2] or b"")
    )
    return [x for triple in triples for x in triple]


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


_zlib_headers: dict[int, bytes] = {}


def write_term(fieldwriter: W3FieldWriter, tbytes: bytes, postings: list, lengths: list | None) -> None:
    """Write one term's flat postings as W3FieldWriter and W3PostingsWriter write them, byte for byte.

    Their start_term(), add_posting() per posting, _write_block() and finish_term(), inlined: the
    postings are cut into blocks of `blocklimit`, each block written with its statistics, and the
    term's statistics and extent go to the term index.
    """
    postwriter = fieldwriter._postwriter
    postfile = postwriter._postfile
    write = postfile.write
    limit = postwriter._blocklimit
    compression = postwriter._compression
    fixed_size = fieldwriter._format.fixed_value_size()
    terminfo = W3TermInfo()
    start_offset = postfile.tell()
    docnums, weights, values = postings[0::3], postings[1::3], postings[2::3]
    count = len(docnums)
    write(WHOOSH3_HEADER_MAGIC)
    for start in range(0, count, limit):
        end = start + limit
        ids = docnums[start:end]
        block_weights = array("f", weights[start:end])
        top = max(weights[start:end])
        max_weight = top if top > 0 else 0
        block_lengths = [lengths[docnum] for docnum in ids] if lengths else []
        if None in block_lengths or 0 in block_lengths:
            block_lengths = [length for length in block_lengths if length]
        min_length = min(block_lengths) if block_lengths else None
        max_length = max(block_lengths) if block_lengths else 0

        # W3TermInfo.add_block()
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

        # W3PostingsWriter._write_block(): ids as deltas, weights and values minified
        deltas = (ids[0], *[b - a for a, b in zip(ids, ids[1:], strict=False)])
        if all(w == 1.0 for w in block_weights):
            mini_weights = None
        elif all(w == block_weights[0] for w in block_weights):
            mini_weights = block_weights[0]
        else:
            mini_weights = tuple(block_weights)
        # Fresh copies: values shared in the buffer would be pickled as back-references, and the
        # block would differ (in bytes, not in content) from what Whoosh writes.
        block_values = [bytes(bytearray(v)) for v in values[start:end] if v]
        if fixed_size is None or fixed_size < 0:
            mini_values = tuple(block_values)
        elif fixed_size == 0:
            mini_values = None
        else:
            mini_values = b"".join(block_values)
        data = dumps((deltas, mini_weights, mini_values), 2)
        level = compression if len(data) >= COMPRESSION_MIN_SIZE else 0
        if level:
            data = deflate(data, level)
        info = dumps(
            (len(ids), ids[-1], max_weight, level, length_to_byte(min_length), length_to_byte(max_length)), 2
        )
        block_length = len(info) + len(data)
        write(pack_int(-block_length if end >= count else block_length))
        write(info)
        write(data)

    terminfo.set_extent(start_offset, postfile.tell() - start_offset)
    fieldwriter._tindex.add(pack_ushort(fieldwriter._fieldid) + tbytes, terminfo.to_bytes())


class FastSegmentWriter(SegmentWriter):
    """Whoosh's SegmentWriter with a PostingBuffer for a pool and our analyzers read by field_terms."""

    def __init__(self, ix, limitmb: float = 128, names: NameIndex | None = None, **kwargs):
        super().__init__(ix, limitmb=limitmb, **kwargs)
        # The alias groups to tag in the names field, from the terms the document's fields give.
        self.names = names if names is not None and NAMES_FIELD in self.schema else None
        self._readings = {name: _fast_reading(field) for name, field in self.schema.items()}
        text_fields = frozenset(name for name, reading in self._readings.items() if reading)
        self.pool = PostingBuffer(getattr(self._tempstorage, "folder", None), limitmb, text_fields)

    def add_document(self, **fields) -> None:
        # Whoosh's SegmentWriter.add_document, but for the postings of the fields read in one pass.
        self._check_state()
        perdocwriter = self.perdocwriter
        schema = self.schema
        docnum = self.docnum
        pool = self.pool
        docboost = self._doc_boost(fields)
        read = self._read_fields(fields)
        if self.names is not None:
            found = self.names.names_in(read)
            if found:
                fields[NAMES_FIELD] = concept_value(found)
        fieldnames = sorted([name for name in fields if not name.startswith("_")])
        self._check_fields(schema, fieldnames)

        perdocwriter.start_doc(docnum)
        try:
            for fieldname in fieldnames:
                value = fields.get(fieldname)
                if value is None:
                    continue
                field = schema[fieldname]
                length = 0
                vbytes = None
                if field.indexed:
                    fieldboost = self._field_boost(fields, fieldname, docboost)
                    found = read.get(fieldname)
                    if found is not None:
                        length = pool.add_terms(
                            fieldname, docnum, found, field.format.field_boost, fieldboost
                        )
                        if not field.scorable:
                            length = 0
                    else:
                        for tbytes, freq, weight, vbytes in field.index(value):
                            if field.scorable:
                                length += freq
                            pool.add((fieldname, tbytes, docnum, weight * fieldboost, vbytes))

                if field.separate_spelling():
                    spellfield = field.spelling_fieldname(fieldname)
                    for word in field.spellable_words(value):
                        pool.add((spellfield, utf8encode(word)[0], 0, 1, vbytes))

                vformat = field.vector
                if vformat:
                    vitems = vformat.word_values(value, field.analyzer, mode="index")
                    vitems = sorted((text, weight, vbytes) for text, _, weight, vbytes in vitems)
                    perdocwriter.add_vector_items(fieldname, field, vitems)

                customval = fields.get(f"_stored_{fieldname}", value)
                perdocwriter.add_field(fieldname, field, customval if field.stored else None, length)
                column = field.column_type
                if column and customval is not None:
                    perdocwriter.add_column_value(fieldname, column, field.to_column_value(customval))
        except ValueError:
            perdocwriter.cancel_doc()
            raise

        perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1

    def _read_fields(self, fields: dict) -> dict[str, TermPositions]:
        """{fieldname: {term: [positions]}} of the document's fields that field_terms can read."""
        read = {}
        for fieldname, value in fields.items():
            reading = self._readings.get(fieldname)
            if reading is not None and isinstance(value, str) and self.schema[fieldname].indexed:
                read[fieldname] = reading.terms(value)
        return read

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        lengths_reader = self.per_document_reader() if self.codec.length_stats else None
        # Postings inlined into the term index (a codec's inlinelimit above 1) are left to Whoosh.
        if type(self.fieldwriter) is W3FieldWriter and self.codec._inlinelimit <= 1:
            self._write_postings(lengths_reader)
        else:
            self.fieldwriter.add_postings(self.schema, lengths_reader, self.pool.iter_postings())
        self.fieldwriter.close()
        if lengths_reader:
            lengths_reader.close()

    def _write_postings(self, lengths_reader) -> None:
        # As FieldWriter.add_postings, a term at a time instead of a posting at a time.
        fieldwriter = self.fieldwriter
        unordered = self.pool.unordered
        for fieldname, field_terms in groupby(self.pool.terms(), key=lambda item: item[0]):
            fieldwriter.start_field(fieldname, self.schema[fieldname])
            lengths = None
            if lengths_reader:
                length_of = lengths_reader.doc_field_length_reader(fieldname)
                lengths = [length_of(docnum) for docnum in range(self.docnum)]
            for _, term, postings in field_terms:
                tbytes = term if isinstance(term, bytes) else term.encode("utf-8")
                write_term(fieldwriter, tbytes, in_document_order(postings, unordered), lengths)
            fieldwriter.finish_field()


def _fast_reading(field) -> FieldReading | None:
    # Only a plain analysed field with positions is read by field_terms: its postings are then
    # exactly what field.index() gives.
    if (
        not field.indexed
        or type(field.format) is not formats.Positions
        or type(field).index is not FieldType.index
    ):
        return None
    return FieldReading.of(getattr(field, "analyzer", None))
