"""Per-document values of a segment read in bulk: field lengths and numeric columns.

whoosh3 keeps a field's length per document as one byte (a NumericColumn "B" named
"_<field>_len") and a sortable numeric field as a NumericColumn: fixed-size big-endian values, one
per document up to the last one written. They are read here as one array each; with another
Whoosh version, a value at a time through Whoosh's readers.
"""

from __future__ import annotations

import numpy as np
from whoosh import columns as whoosh_columns
from whoosh.util.numeric import byte_to_length, length_to_byte

from indexer.whoosh_format import version

_LENGTHS_COLUMN = whoosh_columns.NumericColumn("B", default=0)  # as whoosh.codec.whoosh3 writes it
# The length BM25F reads of each length byte.
LENGTH_OF_BYTE = np.array([byte_to_length(b) for b in range(256)], np.float64)
LENGTH_OF_BYTE.flags.writeable = False


def field_length_bytes(reader, fieldname: str, size: int, out: np.ndarray | None = None) -> np.ndarray:
    """The `size` documents' length bytes of `fieldname` (uint8; LENGTH_OF_BYTE reads them) in the
    segment of `reader`, written into `out` when given."""
    column_reader = _lengths_column(reader, fieldname) if version.FAST_PATH else None
    if column_reader is not None:
        return _fixed_column(column_reader, size, "u1", out)
    lengths = [reader.doc_field_length(d, fieldname, 0) or 0 for d in range(size)]
    return _into(np.array([length_to_byte(n) for n in lengths], np.uint8), out)


def _lengths_column(reader, fieldname: str):
    perdoc = getattr(reader, "_perdoc", None)
    if perdoc is None or not hasattr(perdoc, "_cached_reader"):
        return None
    column_reader = perdoc._cached_reader(f"_{fieldname}_len", _LENGTHS_COLUMN)
    return column_reader if type(column_reader) is whoosh_columns.NumericColumn.Reader else None


def numeric_column(
    reader, fieldname: str, size: int, out: np.ndarray | None = None
) -> tuple[np.ndarray, int | None]:
    """A numeric column's raw values (no translation to datetimes) for the `size` documents of the
    segment of `reader` (uint64, written into `out` when given), and its default value; zeros and
    None when the segment has no column."""
    if not reader.has_column(fieldname):
        return _into(np.zeros(size, np.uint64), out), None
    column_reader = reader.column_reader(fieldname, translate=False)
    if (
        version.FAST_PATH
        and type(column_reader) is whoosh_columns.NumericColumn.Reader
        and column_reader._typecode in "qQ"
    ):
        dtype = "u8" if column_reader._typecode == "Q" else "i8"
        values = _fixed_column(column_reader, size, dtype, None if out is None else out.view(np.dtype(dtype)))
        return values.view(np.uint64), column_reader._default  # the same bits, not copied
    values = [column_reader[d] for d in range(size)]
    default = reader.schema[fieldname].column_type.default_value()
    return _into(np.array(values, np.uint64), out), default


def _fixed_column(column_reader, size: int, dtype: str, out: np.ndarray | None = None) -> np.ndarray:
    """A NumericColumn's values in bulk: big-endian, one per document up to the last one written,
    the default after it; written into `out` when given (one pass: the byte order turned as they are
    copied)."""
    stored = min(column_reader._count, size)
    raw = column_reader._dbfile.get(column_reader._basepos, stored * column_reader._fixedlen)
    values = np.empty(size, np.dtype(dtype)) if out is None else out
    values[:stored] = np.frombuffer(raw, np.dtype(">" + dtype))
    values[stored:] = column_reader._default
    return values


def _into(values: np.ndarray, out: np.ndarray | None) -> np.ndarray:
    if out is None:
        return values
    out[:] = values
    return out
