"""Per-document arrays of an open index (field lengths, publication dates, facet values, deletions),
read in bulk once per searcher and indexed by global document number."""

from __future__ import annotations

import numpy as np

from indexer.whoosh_format import (
    LENGTH_OF_BYTE,
    field_length_bytes,
    numeric_column,
    read_postings,
    read_segment_doc_terms,
)


class DocArrays:
    """Arrays over every document (deleted ones included, as Whoosh numbers them) of a searcher's
    segments, each loaded on first use into `loaded`, which searchers of the same index generation
    may share: they number the same documents alike."""

    def __init__(self, searcher, loaded: dict | None = None):
        self.searcher = searcher
        self.segments = [(sub.reader(), offset) for sub, offset in searcher.leaf_searchers()]
        self.count = searcher.doc_count_all()
        self.loaded = {} if loaded is None else loaded
        self.live, self.live_ids = self._get("live", self._live)

    def _get(self, key, load):
        found = self.loaded.get(key)
        if found is None:  # two threads may both load it: the same arrays, the last one kept
            found = load()
            for part in found if isinstance(found, tuple) else (found,):
                if isinstance(part, np.ndarray):
                    part.flags.writeable = False  # shared by the searchers of the index
            self.loaded[key] = found
        return found

    def _live(self) -> tuple[np.ndarray, np.ndarray]:
        live = np.ones(self.count, bool)
        for reader, offset in self.segments:
            if reader.has_deletions():
                live[_deleted_docs(reader) + offset] = False
        return live, np.flatnonzero(live)

    def field_lengths(self, fieldname: str) -> FieldLengths:
        """Each document's length of `fieldname` as BM25F reads it (Whoosh keeps lengths as one
        byte each, so long fields read back rounded); 0 where the document lacks the field."""
        return self._get(("lengths", fieldname), lambda: FieldLengths(self._length_bytes(fieldname)))

    def _length_bytes(self, fieldname: str) -> np.ndarray:
        lengths = np.empty(self.count, np.uint8)
        for reader, offset in self.segments:
            size = reader.doc_count_all()
            field_length_bytes(reader, fieldname, size, out=lengths[offset : offset + size])
        return lengths

    def published(self) -> tuple[np.ndarray, np.ndarray]:
        """(sort key, has a date) per document: the `published` column as Whoosh sorts it (microseconds
        since year 1; documents without a date hold the column's default, the largest key)."""
        return self._get("published", self._published)

    def _published(self) -> tuple[np.ndarray, np.ndarray]:
        keys = np.empty(self.count, np.uint64)
        has_date = np.zeros(self.count, bool)
        for reader, offset in self.segments:
            size = reader.doc_count_all()
            column_keys, default = numeric_column(reader, "published", size, out=keys[offset : offset + size])
            if default is not None:
                has_date[offset : offset + size] = column_keys != np.uint64(default)
        return keys, has_date

    def facet(self, fieldname: str) -> tuple[np.ndarray, list[str]]:
        """(index into the names per document, -1 for none, in the narrowest signed integers that hold
        them; names) of an ID field's values, read from its postings: an ID field indexes its whole
        value as one term."""
        return self._get(("facet", fieldname), lambda: self._facet(fieldname))

    def _facet(self, fieldname: str) -> tuple[np.ndarray, list[str]]:
        field = self.searcher.schema[fieldname]
        kept = self._kept_parts(fieldname)
        if kept is not None:
            parts, terms = kept
            codes = np.full(self.count, -1, _code_type(len(terms)))
            for segment_terms, numbering, (reader, offset) in zip(*parts, self.segments, strict=True):
                segment_codes = codes[offset : offset + reader.doc_count_all()]
                if len(numbering) == 1 and segment_terms.counts[0] == len(segment_codes):
                    segment_codes[:] = numbering[0]  # one value in every document (a term's are unique)
                else:  # a document of two values (never in an ID field) keeps one
                    numbering = numbering.astype(codes.dtype)
                    segment_codes[segment_terms.docs] = np.repeat(numbering, segment_terms.counts)
            if len(self.live_ids) < self.count:
                codes[~self.live] = -1
            return codes, [str(field.from_bytes(term.encode("utf-8"))) for term in terms]
        codes = np.full(self.count, -1, np.int32)
        names: list[str] = []
        for btext in self.searcher.reader().lexicon(fieldname):
            for reader, offset in self.segments:
                postings = read_postings(reader, fieldname, btext, with_values=False)
                if postings is not None:
                    codes[postings.ids + offset] = len(names)
            names.append(str(field.from_bytes(btext)))
        return codes.astype(_code_type(len(names))), names

    def kept_terms(self, fieldname: str) -> tuple[np.ndarray, np.ndarray, list[str]] | None:
        """(live documents, index into the terms, terms) of `fieldname`, one pair per document and
        term it holds, ordered by term, segment and document, as each segment kept them when it was
        written (indexer.whoosh_format.doc_terms); the terms those of every segment, deleted
        documents' too, as the field's lexicon holds them. None when a segment kept none."""
        kept = self._kept_parts(fieldname)
        if kept is None:
            return None
        (parts, numberings), terms = kept
        if not parts:
            return np.zeros(0, np.int64), np.zeros(0, np.int32), terms
        docs = np.concatenate(
            [part.docs + np.int64(offset) for part, (_, offset) in zip(parts, self.segments, strict=True)]
        )
        # Ascending within a segment: its terms are sorted as the lexicon is.
        numbers = np.concatenate(
            [np.repeat(numbering, part.counts) for part, numbering in zip(parts, numberings, strict=True)]
        )
        if len(parts) > 1:
            order = np.argsort(numbers, kind="stable")  # the segments' runs merged
            docs, numbers = docs[order], numbers[order]
        if len(self.live_ids) < self.count:
            live = self.live[docs]
            docs, numbers = docs[live], numbers[live]
        return docs, numbers, terms

    def _kept_parts(self, fieldname: str):
        """((each segment's SegmentTerms, its terms' indices into the terms), the terms of all) as
        the segments kept them; None when a segment kept none."""
        parts = []
        for kept in self._get("doc terms", self._doc_terms):
            if kept is None or fieldname not in kept:
                return None
            parts.append(kept[fieldname])
        terms = sorted({term for kept in parts for term in kept.terms})
        position = {term: number for number, term in enumerate(terms)}
        numberings = [np.array([position[term] for term in kept.terms], np.int32) for kept in parts]
        return (parts, numberings), terms

    def _doc_terms(self) -> list:
        """Each segment's kept terms of every field, its file read once (None: it keeps none)."""
        return [read_segment_doc_terms(reader) for reader, _ in self.segments]


class FieldLengths:
    """A field's length byte per document, read as BM25F's lengths only at the documents asked for
    (a float64 array over every document would cost a first search 8 bytes each)."""

    def __init__(self, length_bytes: np.ndarray):
        length_bytes.flags.writeable = False  # shared by the searchers of the index
        self.bytes = length_bytes

    def __getitem__(self, ids) -> np.ndarray:
        return LENGTH_OF_BYTE[self.bytes[ids]]


def _code_type(names: int) -> np.dtype:
    """The narrowest signed integers that number `names` values and -1: int8 for a facet's few values
    puts a million documents' codes in 1 MB, scattered into far faster than 4 MB of int32."""
    for dtype in (np.int8, np.int16):
        if names <= np.iinfo(dtype).max:
            return np.dtype(dtype)
    return np.dtype(np.int32)


def _deleted_docs(reader) -> np.ndarray:
    deleted = getattr(reader, "deleted_docs_set", None)
    if deleted is None:
        deleted = [d for d in range(reader.doc_count_all()) if reader.is_deleted(d)]
    return np.fromiter(deleted, np.int64, len(deleted))
