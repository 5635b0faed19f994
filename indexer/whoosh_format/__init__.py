"""Everything that knows Whoosh's private layout and internals, behind one fence.

Writing: a segment written faster than Whoosh's SegmentWriter writes it with our codec, byte for
byte the same (fast_writer, posting_buffer, blocks; the codec's compact posting blocks: codec,
compact), and segments of worker processes committed as one index
(segments). Reading: a term's postings (of many words at once) and a segment's per-document
columns in bulk into numpy arrays (postings, block_reader, positions, columns), the terms per
document of the fields facets count, kept beside each segment (doc_terms), the term index
through a memory map (mapped), the words a prefix starts with their document counts
(term_table), and BM25F's per-field parameter (scoring).

All of it is used only with the Whoosh version it was written and tested against (version.py);
with any other, indexing takes Whoosh's own SegmentWriter and search Whoosh's own matchers and
readers, and the log says so. Nothing outside this package touches a private name of Whoosh.
"""

from __future__ import annotations

from indexer.whoosh_format.columns import LENGTH_OF_BYTE, field_length_bytes, numeric_column
from indexer.whoosh_format.doc_terms import (
    SegmentTerms,
    keep_doc_terms,
    read_segment_doc_terms,
)
from indexer.whoosh_format.mapped import map_term_files
from indexer.whoosh_format.positions import PositionValues, decode_positions
from indexer.whoosh_format.postings import SegmentPostings, read_many_postings, read_postings
from indexer.whoosh_format.scoring import bm25_b
from indexer.whoosh_format.segments import commit_segments, finish_segment, segment_writer, worker_writer
from indexer.whoosh_format.term_table import prefix_frequencies
from indexer.whoosh_format.version import fast_path
from indexer.whoosh_format.writer import TaggingSegmentWriter, cyclic_gc_paused

__all__ = [
    "LENGTH_OF_BYTE",
    "PositionValues",
    "SegmentPostings",
    "SegmentTerms",
    "TaggingSegmentWriter",
    "bm25_b",
    "commit_segments",
    "cyclic_gc_paused",
    "decode_positions",
    "fast_path",
    "field_length_bytes",
    "finish_segment",
    "keep_doc_terms",
    "map_term_files",
    "numeric_column",
    "prefix_frequencies",
    "read_many_postings",
    "read_postings",
    "read_segment_doc_terms",
    "segment_writer",
    "worker_writer",
]
