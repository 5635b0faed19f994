"""Whoosh's own segment writer as indexing uses it: each document's alias groups tagged in the names field.

This writer uses only Whoosh's public interface: it is the path taken with any Whoosh version, and
FastSegmentWriter (fast_writer.py) builds on it with the tested one.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from whoosh import formats
from whoosh.fields import FieldType
from whoosh.writing import SegmentWriter

from indexer.field_terms import FieldReading, TermPositions
from indexer.names import NAMES_FIELD, NameIndex, concept_value


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


def field_reading(field) -> FieldReading | None:
    """How field_terms reads `field` in one pass, or None when it cannot: only a plain analysed field
    with positions is read by field_terms, whose terms are then exactly what field.index() gives."""
    if (
        not field.indexed
        or type(field.format) is not formats.Positions
        or type(field).index is not FieldType.index
    ):
        return None
    return FieldReading.of(getattr(field, "analyzer", None))


class TaggingSegmentWriter(SegmentWriter):
    """Whoosh's SegmentWriter that also tags the alias groups of `names` a document names."""

    def __init__(self, ix, limitmb: float = 128, names: NameIndex | None = None, **kwargs):
        super().__init__(ix, limitmb=limitmb, **kwargs)
        # The alias groups to tag in the names field, from the terms the document's fields give.
        self.names = names if names is not None and NAMES_FIELD in self.schema else None
        self._readings = {name: field_reading(field) for name, field in self.schema.items()}

    def add_document(self, **fields) -> None:
        if self.names is not None:
            self._tag_names(fields, self._read_fields(fields))
        super().add_document(**fields)

    def _read_fields(self, fields: dict) -> dict[str, TermPositions]:
        """{fieldname: {term: [positions]}} of the document's fields that field_terms can read."""
        read = {}
        for fieldname, value in fields.items():
            reading = self._readings.get(fieldname)
            if reading is not None and isinstance(value, str) and self.schema[fieldname].indexed:
                read[fieldname] = reading.terms(value)
        return read

    def _tag_names(self, fields: dict, read: dict[str, TermPositions]) -> None:
        """Set the document's names field to the groups its fields name (as `read`), if any."""
        if self.names is not None:
            found = self.names.names_in(read)
            if found:
                fields[NAMES_FIELD] = concept_value(found)
