"""Segments merged on commit: which (the tiered policy) and how (a term's postings copied in bulk).

Whoosh merges a segment into the writer's new one a posting at a time: a matcher steps through
each term's postings and every posting goes to the pool as a tuple (~10 µs a posting: merging
150 small articles cost 1.5 s, more than indexing them). Here each term's blocks are read from the
postings file and decoded at once, the deleted documents left out, and the whole list is handed
to the PostingBuffer. The segment written is the same, byte for byte, as Whoosh's merge writes.

Which segments merge: Whoosh's default (MERGE_SMALL) merges the smallest segments whenever their
total falls under a Fibonacci bound of their number, and over a year of hourly commits it reaches
the rebuild's large segments too: one hourly commit then rewrites the whole index. The tiered
policy here groups segments by size in tiers MERGE_FACTOR times apart and merges a tier when it
holds MERGE_FACTOR segments; segments of more than MAX_MERGE_SHARE of the index (and more than
MERGEABLE_DOCS) are left to rebuilds. Each article is rewritten about once per tier, and each tier
keeps fewer than MERGE_FACTOR segments.
"""

from __future__ import annotations

import math

from whoosh.reading import SegmentReader

from indexer.whoosh_format.codec import CompactCodec
from indexer.whoosh_format.compact import BlockHeader, decode_block

MERGE_FACTOR = 4
SMALLEST_TIER_DOCS = 100  # segments up to this size are all of the first tier
MAX_MERGE_SHARE = 0.1  # of the index's documents: larger segments are never merged by an update,
MERGEABLE_DOCS = 10_000  # unless they are this small


def tier_of(doc_count: int) -> int:
    """The size tier of a segment of `doc_count` documents: 0 up to SMALLEST_TIER_DOCS, then one
    more every MERGE_FACTOR times as many."""
    if doc_count <= SMALLEST_TIER_DOCS:
        return 0
    return 1 + int(math.log(doc_count / SMALLEST_TIER_DOCS, MERGE_FACTOR))


def segments_to_merge(doc_counts: list[int]) -> list[int]:
    """The positions in `doc_counts` (each segment's documents, deleted ones included) of the
    segments the next commit merges: the smallest tier holding MERGE_FACTOR or more, if any."""
    limit = max(MAX_MERGE_SHARE * sum(doc_counts), MERGEABLE_DOCS)
    tiers: dict[int, list[int]] = {}
    for position, count in enumerate(doc_counts):
        if count <= limit:
            tiers.setdefault(tier_of(count), []).append(position)
    for tier in sorted(tiers):
        if len(tiers[tier]) >= MERGE_FACTOR:
            return tiers[tier]
    return []


def merge_tiered(writer, segments: list) -> list:
    """A Whoosh merge policy (SegmentWriter.commit(mergetype=...)): merge the segments
    segments_to_merge() picks into the writer's new segment; returns the segments kept."""
    chosen = set(segments_to_merge([segment.doc_count_all() for segment in segments]))
    for position in sorted(chosen):
        reader = SegmentReader(writer.storage, writer.schema, segments[position])
        writer.add_reader(reader)
        reader.close()
    return [segment for position, segment in enumerate(segments) if position not in chosen]


def add_segment_postings(pool, reader, schema, startdoc: int, docmap: dict | None) -> bool:
    """Add every posting of the segment `reader` to the PostingBuffer `pool`, renumbered (from
    `startdoc`, or by `docmap` when the segment has deletions, whose documents are left out).
    False, with nothing added, when the segment is not laid out as this code knows."""
    terms = getattr(reader, "_terms", None)
    if type(terms).__name__ != "W3TermsReader" or type(terms._codec) is not CompactCodec:
        return False
    postfile = terms._postfile
    deleted = reader.deleted_docs_set if docmap is not None else frozenset()
    for (fieldname, btext), info in terms.items():
        if fieldname not in schema:
            continue
        if info.is_inlined():
            ids, weights, values = info.inlined_postings()
        else:
            offset, length = info.extent()
            if isinstance(length, tuple):  # whoosh3's W3TermInfo.from_bytes leaves it unpacked
                length = length[0]
            fixed_size = schema[fieldname].format.fixed_value_size()
            ids, weights, values = _decode_term(postfile.get(offset, length), fixed_size)
        flat: list = []
        for docnum, weight, value in zip(ids, weights, values, strict=True):
            if docnum in deleted:
                continue
            flat += (docmap[docnum] if docmap is not None else startdoc + docnum, weight, value)
        if flat:
            pool.add_postings(fieldname, btext, flat)
    return True


def restore_exact_lengths(perdocwriter, reader, added: dict[str, int]) -> None:
    """Make the merged segment's field length totals exact: Whoosh's merge adds each document's
    length as read back from its one byte (rounded above 8 or so), so every merge moved the index's
    average field lengths, hence BM25's scores, away from a rebuild's. `added`: the totals the
    merge of `reader` added. The deleted documents' lengths are known rounded only."""
    totals = getattr(perdocwriter, "_fieldlengths", None)
    if not isinstance(totals, dict):
        return
    deleted = sorted(reader.deleted_docs_set) if reader.has_deletions() else []
    for fieldname, rounded in added.items():
        exact = reader.field_length(fieldname)
        exact -= sum(reader.doc_field_length(docnum, fieldname, 0) or 0 for docnum in deleted)
        if exact >= 0:
            totals[fieldname] += exact - rounded


def _decode_term(raw: bytes, fixed_size: int | None) -> tuple[list, list, list]:
    """(ids, weights, values) of a term's compact blocks, as CompactLeafMatcher reads them."""
    ids: list[int] = []
    weights: list[float] = []
    values: list = []
    position, last_id = 0, -1
    while position < len(raw):
        header = BlockHeader(raw, position, last_id)
        block_ids, block_weights, block_values = decode_block(header, header.payload(raw), fixed_size)
        ids += block_ids
        weights += block_weights
        values += block_values if block_values or fixed_size != 0 else [None] * header.count
        last_id = header.last_id
        position = header.end
    return ids, weights, values
