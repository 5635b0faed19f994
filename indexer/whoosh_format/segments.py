"""The writer of a new segment, and segments written by worker processes committed as one index.

With the tested Whoosh the segment is written by FastSegmentWriter, else by Whoosh's own writer.
A rebuild shared by workers (indexer/rebuild.py) needs Whoosh's private commit steps: it is for
the tested version only (version.fast_path()).
"""

from __future__ import annotations

from indexer.names import NameIndex
from indexer.whoosh_format import version
from indexer.whoosh_format.writer import TaggingSegmentWriter

if version.FAST_PATH:  # its modules import names only the tested version is known to have
    from indexer.whoosh_format.fast_writer import FastSegmentWriter


def segment_writer(ix, limitmb: float, names: NameIndex | None = None, **kwargs) -> TaggingSegmentWriter:
    """A writer of a new segment of `ix` (Whoosh's writer arguments in `kwargs`) that tags the alias
    groups of `names`: FastSegmentWriter on the fast path, else Whoosh's own SegmentWriter."""
    if version.FAST_PATH:
        return FastSegmentWriter(ix, limitmb=limitmb, names=names, **kwargs)
    return TaggingSegmentWriter(ix, limitmb=limitmb, names=names, **kwargs)


def worker_writer(ix, limitmb: float, names: NameIndex | None = None) -> TaggingSegmentWriter:
    """A writer of one worker's segment of a shared rebuild: it leaves the write lock to the writer
    that commits the segments (commit_segments), and its segment to finish_segment(). Fast path only."""
    if not version.FAST_PATH:
        raise RuntimeError("a rebuild shared by processes needs the tested Whoosh version")
    return FastSegmentWriter(ix, _lk=False, limitmb=limitmb, compound=False, names=names)


def finish_segment(writer: TaggingSegmentWriter):
    """The segment a worker_writer() wrote, its files closed, to hand to commit_segments(); None when
    it wrote no document (its empty files go when the index is committed)."""
    if writer.docnum:
        return writer._finalize_segment()
    writer._close_segment()
    return None


def commit_segments(lock_holder, segments: list) -> None:
    """Commit `segments` (of finish_segment()) as the index's segments, with `lock_holder`, the
    index's writer (ix.writer()) holding the write lock; its own segment stays empty."""
    lock_holder._close_segment()
    lock_holder._commit_toc(segments)
    lock_holder._finish()
