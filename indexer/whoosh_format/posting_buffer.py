"""The postings of one segment held grouped by field and term, spilled to sorted runs when full.

Whoosh's SegmentWriter turns every posting into a 5-tuple, pickles it to a sorted run on disk,
reads it back and merges the runs with a heap. An article makes about 500 postings (one per term
and field), so that was half the indexing time. Here the postings are kept grouped by field and
term, in the order they come, which is document order: sorting means sorting terms, not postings.
A full buffer is spilled as one sorted run of whole posting lists; at the end the runs are merged
term by term.
"""

from __future__ import annotations

import heapq
import marshal
import os
import struct
import tempfile
from collections.abc import Iterator
from contextlib import suppress
from itertools import groupby

from whoosh import formats
from whoosh.util import random_name

from indexer.field_terms import TermPositions

# Estimated bytes a buffered posting and a new term take in memory (list slots, a key and its
# dict entry); postings at one position share their encoded value. Calibrated on news articles.
_POSTING_BYTES = 28
_TERM_BYTES = 200
_RUN_CHUNK_TERMS = 4096  # terms per marshalled chunk of a run file, at most
# and postings per chunk, at most (or one term's): the final merge holds one chunk of every run, and
# a 1M rebuild merges ~100 runs per writer: chunks of 4,096 terms alone took it past 1.2 GiB a writer.
RUN_CHUNK_POSTINGS = 16_384
_LENGTH = struct.Struct("<Q")

_POSITIONS = formats.Positions()
_one_position: dict[int, bytes] = {}  # position -> its encoded posting value, shared
_weights: dict[int, float] = {}  # frequency -> its weight as a float object, shared
_ONE = 1.0

# (field name, term bytes, postings): the postings are flat, docnum, weight, value, docnum, ...
TermPostings = tuple[str, bytes, list]


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

    def add_postings(self, fieldname: str, tbytes: bytes, flat: list) -> None:
        """Add one term's flat postings (docnum, weight, value bytes or None, docnum, ...), as add()
        adds each of them in turn."""
        terms = self._terms_of(fieldname)
        key = tbytes.decode("utf-8") if fieldname in self.text_fields else tbytes
        postings = terms.get(key)
        if postings is None:
            terms[key] = flat
            self.size += _TERM_BYTES + len(tbytes)
        else:
            if flat[0] <= postings[-3]:
                self.unordered = True
            postings += flat
        docnums = flat[0::3]
        if not self.unordered and any(a >= b for a, b in zip(docnums, docnums[1:], strict=False)):
            self.unordered = True
        self.size += _POSTING_BYTES * len(docnums) + sum(len(v) + 34 for v in flat[2::3] if v)
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
            chunk, postings = [], 0
            for item in self._buffered():
                chunk.append(item)
                postings += len(item[2]) // 3
                if len(chunk) >= _RUN_CHUNK_TERMS or postings >= RUN_CHUNK_POSTINGS:
                    self._write_chunk(run, chunk)
                    chunk, postings = [], 0
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
