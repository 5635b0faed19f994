"""A segment's term index read from a read-only memory map, not by seek and read calls.

Whoosh's reader looks a word up in the term index (a hash table: the slot, the lengths, the key,
then the value) with a seek and a read on the open file each, ~8 µs a call on a loaded machine
and some ten calls a word; a two-letter prefix looks up thousands of words, so a first search
spent more time in those calls than in decoding. Slicing a memory map of the same file gives the
same bytes for well under a microsecond. The postings file is left as it is: one read a word,
and mapping it made no measurable difference while the pages touched counted in the process's
resident memory (96 MB more after the bench's 47 queries at 100k; the term index's pages, shared
with the page cache, add 56 MB there). Nothing is written through it.
"""

from __future__ import annotations

import mmap
import os

from whoosh.filedb.structfile import StructFile

from indexer.whoosh_format import version


class MappedFile(StructFile):
    """A StructFile over a read-only memory map (which has read, seek and tell of its own)."""

    def __init__(self, mapped: mmap.mmap, name: str | None):
        super().__init__(mapped, name=name)
        self.is_real = False

    def get(self, position: int, length: int) -> bytes:
        return self.file[position : position + length]


def map_term_files(searcher) -> None:
    """Have every segment of `searcher` read its term index through a memory map (segments whose
    files are not plain open files, and other Whoosh versions, are left as they are)."""
    if not version.FAST_PATH:
        return
    for reader, _offset in searcher.reader().leaf_readers():
        terms = getattr(reader, "_terms", None)
        if type(terms).__name__ != "W3TermsReader":
            continue
        index_file = terms._tindex.dbfile
        mapped = _mapped(index_file)
        if mapped is not index_file:
            for holder in (terms, terms._tindex):
                _swap(holder, index_file, mapped)
            index_file.close()


def _swap(holder, old, new) -> None:
    """Points `holder`'s attributes at `new` instead of `old`: the file itself and methods bound to
    it (OrderedHashReader keeps one to read its sorted index)."""
    for name, value in list(vars(holder).items()):
        if value is old:
            setattr(holder, name, new)
        elif getattr(value, "__self__", None) is old:
            setattr(holder, name, getattr(new, value.__func__.__name__))


def _mapped(structfile):
    """The file mapped (the map holds a handle of its own); as it was if it is no plain open file."""
    if type(structfile) is not StructFile or not structfile.is_real or structfile.is_closed:
        return structfile
    descriptor = structfile.fileno()
    if not os.fstat(descriptor).st_size:
        return structfile  # an empty file cannot be mapped
    mapped = mmap.mmap(descriptor, 0, access=mmap.ACCESS_READ)
    return MappedFile(mapped, structfile._name)
