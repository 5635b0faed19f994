"""Open searchers of the index, kept per thread and per index generation, and a query read against
the open index (sources and alias groups it holds)."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from archive.settings import DataDir
from indexer.aliases import load_aliases
from indexer.index import META_FILE, open_index
from indexer.names import indexed_group_ids, read_record
from indexer.whoosh_format import map_term_files
from search.evaluate import Evaluation
from search.filters import Filters
from search.prefixes import Bounded, bounded
from search.query import understand

_local = threading.local()


def _searchers() -> dict:
    return _local.__dict__.setdefault("searchers", {})


def _searcher(index_dir: Path):
    """An open searcher of the index, kept per thread and reused until update_index writes to it.

    Opening costs more than many searches (TOC and schema read, segment files opened, facet
    columns loaded afresh); the term index is then read through a memory map. The identity of
    the TOC and meta files tells when it has changed.
    """
    state = _index_state(index_dir)
    cached = _searchers().get(index_dir)
    if cached is not None:
        if cached[0] == state:
            return cached[1]
        cached[1].close()
        del _searchers()[index_dir]
    searcher = open_index(index_dir).searcher()
    map_term_files(searcher)
    _searchers()[index_dir] = (state, searcher)
    return searcher


@contextmanager
def opened_searcher(data_dir: DataDir) -> Iterator:
    """The index's searcher (see _searcher); an OSError under it (files gone: the index was rebuilt
    or deleted) drops it, so that the next search opens the index afresh."""
    searcher = _searcher(data_dir.index_dir)
    try:
        yield searcher
    except OSError:
        _searchers().pop(data_dir.index_dir, None)
        raise


def evaluation_for(data_dir: DataDir, searcher) -> Evaluation:
    """An evaluation on `searcher`, sharing posting and phrase caches with every thread's searcher of
    the same index generation (the web server runs each request in a thread of its own)."""
    return Evaluation(searcher, index_generation(data_dir))


def index_generation(data_dir: DataDir) -> tuple:
    """The open index's generation: (its folder, the state its searcher was opened at)."""
    return str(data_dir.index_dir), _searchers()[data_dir.index_dir][0]


def _index_state(index_dir: Path) -> tuple | None:
    try:
        with os.scandir(index_dir) as entries:
            files = [e for e in entries if e.name.endswith(".toc") or e.name == META_FILE]
            return tuple(sorted((e.name, e.stat().st_ino, e.stat().st_mtime_ns) for e in files))
    except FileNotFoundError:
        return None


def understand_query(
    data_dir: DataDir, query: str, searcher, filters: Filters | None, exact: bool, aliases: bool
) -> Bounded:
    """The query read against this index; a source the index holds no article of (in the filters or
    a source: field) is a FilterError naming the ones it holds, not a silent 0 hits."""
    sources = frozenset(searcher.reader().field_terms("source"))
    if filters:
        filters.check_source(sources)
    understood = understand(
        query,
        searcher.schema,
        filters.lang if filters else None,
        exact=exact,
        aliases=load_aliases(data_dir.root) if aliases else False,
        indexed_names=_indexed_names(data_dir.index_dir),
        sources=sources,
    )
    return bounded(understood, searcher.reader())  # a prefix stands for its most frequent words


_indexed_groups: dict[Path, tuple] = {}  # index folder -> (its state, the alias groups it indexed)


def _indexed_names(index_dir: Path) -> frozenset[str] | None:
    """The alias groups the index tagged in its names field (read once per index generation)."""
    state = _searchers()[index_dir][0]
    cached = _indexed_groups.get(index_dir)
    if cached is None or cached[0] != state:
        cached = _indexed_groups[index_dir] = (state, indexed_group_ids(read_record(index_dir)))
    return cached[1]
