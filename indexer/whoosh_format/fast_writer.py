"""A Whoosh segment writer that writes the same segment as Whoosh's, with far less work per posting.

Whoosh's SegmentWriter sends every posting through its pool and hands the postings one by one to
the codec, which checks and buffers each. Here the postings wait in a PostingBuffer grouped by
field and term, our analyzers' fields are read by field_terms in one pass instead of token by
token, and each term's postings are written in blocks at once (blocks.py).

The files are the same, byte for byte, as Whoosh's writer makes of the same documents with the
same codec, CompactCodec (tests/test_index.py), so Whoosh's readers read them.
"""

from __future__ import annotations

from itertools import groupby

from whoosh.codec.whoosh3 import W3FieldWriter
from whoosh.util.text import utf8encode

from indexer.names import NameIndex
from indexer.whoosh_format.blocks import write_field
from indexer.whoosh_format.codec import CompactCodec
from indexer.whoosh_format.doc_terms import DocTermsCollector
from indexer.whoosh_format.merging import add_segment_postings, restore_exact_lengths
from indexer.whoosh_format.posting_buffer import PostingBuffer, in_document_order
from indexer.whoosh_format.writer import TaggingSegmentWriter


class FastSegmentWriter(TaggingSegmentWriter):
    """Whoosh's SegmentWriter with a PostingBuffer for a pool and our analyzers read by field_terms."""

    def __init__(self, ix, limitmb: float = 128, names: NameIndex | None = None, **kwargs):
        kwargs.setdefault("codec", CompactCodec())
        super().__init__(ix, limitmb=limitmb, names=names, **kwargs)
        text_fields = frozenset(name for name, reading in self._readings.items() if reading)
        self.pool = PostingBuffer(getattr(self._tempstorage, "folder", None), limitmb, text_fields)

    def add_document(self, **fields) -> None:
        # Whoosh's SegmentWriter.add_document, but for the postings of the fields read in one pass.
        self._check_state()
        read = self._read_fields(fields)
        self._tag_names(fields, read)
        fieldnames = sorted([name for name in fields if not name.startswith("_")])
        schema = self.schema
        self._check_fields(schema, fieldnames)
        docboost = self._doc_boost(fields)
        perdocwriter = self.perdocwriter
        docnum = self.docnum
        pool = self.pool
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
                self._add_per_document(fieldname, field, value, fields, length)
        except ValueError:
            perdocwriter.cancel_doc()
            raise
        perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1

    def _add_per_document(self, fieldname: str, field, value, fields: dict, length: int) -> None:
        """The field's vector, stored value, length and column value, as Whoosh adds them."""
        perdocwriter = self.perdocwriter
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

    def write_per_doc(self, fieldnames, reader):
        # Whoosh's merge of a segment's per-document values, then its exact field length totals.
        before = dict(getattr(self.perdocwriter, "_fieldlengths", {}))
        docmap = super().write_per_doc(fieldnames, reader)
        after = getattr(self.perdocwriter, "_fieldlengths", {})
        added = {
            name: total - before.get(name, 0) for name, total in after.items() if total != before.get(name, 0)
        }
        restore_exact_lengths(self.perdocwriter, reader, added)
        return docmap

    def add_postings_to_pool(self, reader, startdoc: int, docmap: dict | None) -> None:
        # Whoosh's merge of a segment: its postings in bulk, each term's at once (merging.py).
        if not add_segment_postings(self.pool, reader, self.schema, startdoc, docmap):
            super().add_postings_to_pool(reader, startdoc, docmap)

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        lengths_reader = self.per_document_reader() if self.codec.length_stats else None
        # Another codec's postings are left to Whoosh.
        doc_terms = None
        if type(self.fieldwriter) is W3FieldWriter and type(self.codec) is CompactCodec:
            doc_terms = DocTermsCollector(self.schema)
            self._write_postings(lengths_reader, doc_terms)
        else:
            self.fieldwriter.add_postings(self.schema, lengths_reader, self.pool.iter_postings())
        self.fieldwriter.close()
        if doc_terms is not None and doc_terms.fields:
            doc_terms.write(self.storage, self.newsegment)
        if lengths_reader:
            lengths_reader.close()

    def _write_postings(self, lengths_reader, doc_terms: DocTermsCollector) -> None:
        # As FieldWriter.add_postings, a term at a time instead of a posting at a time; the marked
        # fields' documents per term kept by `doc_terms` on the way.
        fieldwriter = self.fieldwriter
        unordered = self.pool.unordered
        for fieldname, field_terms in groupby(self.pool.terms(), key=lambda item: item[0]):
            fieldwriter.start_field(fieldname, self.schema[fieldname])
            lengths = None
            if lengths_reader:
                length_of = lengths_reader.doc_field_length_reader(fieldname)
                lengths = [length_of(docnum) for docnum in range(self.docnum)]
            terms = (
                (
                    term if isinstance(term, bytes) else term.encode("utf-8"),
                    in_document_order(postings, unordered),
                )
                for _, term, postings in field_terms
            )
            write_field(fieldwriter, doc_terms.watch(fieldname, terms), lengths)
            fieldwriter.finish_field()
