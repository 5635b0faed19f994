"""The terms of a few fields per document (facets, entity names), kept beside each segment as it is written.

Search counts facets from each document's value of an ID field and entity facets from (document,
name) pairs; read from the postings, every term of those fields had to be read in every segment
when an index was opened (at 1M documents a first search's largest cost). A segment written by
FastSegmentWriter keeps, for the fields the schema marks (keep_doc_terms), each term and the
documents it holds in one file (DOC_TERMS_EXT), read at once. A segment without the file (an
older index, another Whoosh version, a compound segment) is read from its postings as before.
Deletions are not in the file: the reader leaves deleted documents out.
"""

from __future__ import annotations

import io
import mmap
import os
import struct
import zipfile
from dataclasses import dataclass

import numpy as np
from whoosh.filedb.structfile import StructFile

from indexer.whoosh_format import version

DOC_TERMS_EXT = ".docterms"  # named as the segment's other files: Whoosh deletes it with them
_MARK = "doc_terms_kept"


def keep_doc_terms(field) -> None:
    """Mark a schema field whose terms per document each new segment keeps (see the module)."""
    setattr(field, _MARK, True)


def doc_terms_fields(schema) -> list[str]:
    """The fields of `schema` whose terms per document are kept."""
    return [name for name, field in schema.items() if getattr(field, _MARK, False) and field.indexed]


@dataclass(frozen=True)
class SegmentTerms:
    """A field's terms in one segment (in term order) and the segment documents of each, deleted ones
    too: term i holds docs[starts[i]:starts[i + 1]], ascending."""

    terms: list[str]
    counts: np.ndarray  # documents per term
    docs: np.ndarray  # int32


class DocTermsCollector:
    """Collects, while a segment's postings are written, the documents of each term of the marked
    fields, and writes them beside the segment."""

    def __init__(self, schema):
        self.fields = frozenset(doc_terms_fields(schema))
        self.kept: dict[str, tuple[list[str], list[int], list[np.ndarray]]] = {}

    def watch(self, fieldname: str, terms):
        """`terms` ((term bytes, flat postings: docnum, weight, value, ...) in term order), passed on
        unchanged; the documents of each recorded when the field is marked."""
        if fieldname not in self.fields:
            yield from terms
            return
        names, counts, docs = self.kept.setdefault(fieldname, ([], [], []))
        for tbytes, postings in terms:
            names.append(tbytes.decode("utf-8"))
            counts.append(len(postings) // 3)
            docs.append(np.asarray(postings[0::3], np.int32))
            yield tbytes, postings

    def write(self, storage, segment) -> None:
        """Write what was collected (every marked field, those without terms too) beside `segment`."""
        arrays = {}
        for fieldname in sorted(self.fields):
            names, counts, docs = self.kept.get(fieldname, ([], [], []))
            arrays[f"{fieldname}.terms"] = np.array(names, dtype=str)
            arrays[f"{fieldname}.counts"] = np.array(counts, np.int64)
            arrays[f"{fieldname}.docs"] = np.concatenate(docs) if docs else np.zeros(0, np.int32)
        buffer = io.BytesIO()
        np.savez(buffer, **arrays)
        out = segment.create_file(storage, DOC_TERMS_EXT)
        out.write(buffer.getvalue())
        out.close()


def read_segment_doc_terms(reader) -> dict[str, SegmentTerms] | None:
    """The kept terms of every marked field in the segment of `reader`, its file read once; None when
    the segment keeps none."""
    segment = reader.segment() if version.FAST_PATH and hasattr(reader, "segment") else None
    storage = getattr(reader, "_storage", None)
    if segment is None or storage is None or segment.is_compound():
        return None
    name = segment.make_filename(DOC_TERMS_EXT)
    if not storage.file_exists(name):
        return None
    arrays = _arrays(_read_whole(storage, name))
    fields = {key.rpartition(".")[0] for key in arrays}
    return {
        field: SegmentTerms(
            arrays[f"{field}.terms"].tolist(), arrays[f"{field}.counts"], arrays[f"{field}.docs"]
        )
        for field in fields
    }


def _read_whole(storage, name: str):
    """The file's bytes: a read-only memory map of a plain file (the arrays viewed in it keep it open;
    the pages come from the page cache, no copy), else read whole."""
    source = storage.open_file(name)
    try:
        if type(source) is StructFile and source.is_real and os.fstat(source.fileno()).st_size:
            return mmap.mmap(source.fileno(), 0, access=mmap.ACCESS_READ)
        return source.read()
    finally:
        source.close()


def _arrays(raw) -> dict[str, np.ndarray]:
    """The arrays of a numpy archive as np.savez stores them (uncompressed), viewed in `raw` in place:
    np.load would copy each and check its CRC, at 1M documents a third of a first search's facets."""
    arrays = {}
    with zipfile.ZipFile(raw if isinstance(raw, mmap.mmap) else io.BytesIO(raw)) as archive:
        for info in archive.infolist():
            if info.compress_type != zipfile.ZIP_STORED or not info.filename.endswith(".npy"):
                arrays[info.filename.removesuffix(".npy")] = np.load(io.BytesIO(archive.read(info)))
                continue
            start = _data_start(raw, info.header_offset)
            header = io.BytesIO(raw[start : start + min(info.file_size, 4096)])
            shape, fortran, dtype = _npy_header(header)
            count = int(np.prod(shape, dtype=np.int64))
            array = np.frombuffer(raw, dtype, count, start + header.tell()).reshape(
                shape, order="F" if fortran else "C"
            )
            arrays[info.filename.removesuffix(".npy")] = array
    return arrays


def _data_start(raw: bytes, header_offset: int) -> int:
    """Where a zip member's data begins: after its local header (30 bytes, its name, its extra field)."""
    name_length, extra_length = struct.unpack_from("<HH", raw, header_offset + 26)
    return header_offset + 30 + name_length + extra_length


def _npy_header(header: io.BytesIO):
    version_read = np.lib.format.read_magic(header)
    if version_read == (1, 0):
        return np.lib.format.read_array_header_1_0(header)
    return np.lib.format.read_array_header_2_0(header)
