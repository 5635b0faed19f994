"""An update of many articles written by two processes, this one and a fork, each a segment of its own.

Reading the words of 1,000 articles and writing their postings takes seconds of one core while the
other waits. Here the articles are read from the store first, then a forked process (which has the
word caches and the imports of this one already) writes the first half into a segment of its own
while this one writes the second half; this process holds the write lock, deletes the earlier
versions of all of them, merges as an update merges, and commits both segments. The index answers
as if one process had written them all: the same documents, terms, positions and field lengths
(tests/test_update_split.py).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from itertools import islice

from whoosh import index as whoosh_index

from archive.store import Store
from indexer.entity_fields import with_entities
from indexer.names import NameIndex
from indexer.whoosh_format import cyclic_gc_paused, finish_segment, segment_writer, worker_writer
from indexer.writer_process import die_with_parent, failure_sent, raise_failure

# Fewer articles are written by one process: the fork and a second segment cost more than they save.
SPLIT_MIN_ARTICLES = 400
# More are left to one process as before: these are read into memory at once.
SPLIT_MAX_ARTICLES = 20_000


def pending_articles(store: Store, since: int) -> list[dict] | None:
    """The articles changed after `since`, with their entities, when there are at most
    SPLIT_MAX_ARTICLES; else None."""
    articles = list(islice(store.iter_articles(since_seq=since), SPLIT_MAX_ARTICLES + 1))
    if len(articles) > SPLIT_MAX_ARTICLES:
        return None
    return list(with_entities(store, articles))


def write_split(
    ix,
    articles: list[dict],
    document: Callable[[dict], dict],
    limitmb: float,
    names: NameIndex,
    mergetype: Callable,
) -> tuple[int, int]:
    """Write `articles` (changed versions replace the earlier ones) into `ix` with a forked writer
    for the first half; commit with `mergetype` (a Whoosh merge policy). Returns (written, last seq)."""
    documents = [document(article) for article in articles]  # before the fork: its imports once
    half = len(documents) // 2
    unique = [name for name, field in ix.schema.items() if field.unique]
    writer = segment_writer(ix, limitmb=limitmb / 2, names=names, compound=False)  # takes the lock
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    worker = context.Process(
        target=_write_part,
        args=(ix.storage.folder, ix.indexname, documents[:half], limitmb / 2, names, send, os.getpid()),
        daemon=True,
    )
    try:
        worker.start()
        send.close()
        with cyclic_gc_paused():
            for doc in documents:  # their earlier versions go, as update_document() deletes them
                for name in unique:
                    writer.delete_by_term(name, doc[name])
            # This half is written into a segment of its own, as the fork writes its half: its
            # postings are written while the fork still works, not after it, in commit().
            own = written_segment(ix, documents[half:], limitmb / 2, names)
        forked = _receive(worker, receive)
        with cyclic_gc_paused():
            # The fork's segment, then this process's: the articles stay in their order. This
            # writer's segment, appended last by commit(), holds only what the merge policy merged.
            writer.commit(mergetype=lambda w, segments: [*mergetype(w, segments), *forked, *own])
    except BaseException:
        if worker.is_alive():
            worker.kill()
        if not writer.is_closed:
            writer.cancel()
        raise
    finally:
        worker.join()
        receive.close()
    return len(documents), articles[-1]["seq"]


def _receive(worker, receive) -> list:
    try:
        segments, error = receive.recv()
    except EOFError:
        raise RuntimeError(f"the index writer process died (exit code {worker.exitcode})") from None
    raise_failure(error, "the index writer process")
    return segments


def written_segment(ix, documents: list[dict], limitmb: float, names: NameIndex) -> list:
    """`documents` written into a new segment of `ix` that a writer holding its lock commits:
    [the segment], or [] when there are none."""
    writer = worker_writer(ix, limitmb=limitmb, names=names)
    for doc in documents:
        writer.add_document(**doc)
    segment = finish_segment(writer)
    return [segment] if segment is not None else []


def _write_part(index_dir, indexname, documents, limitmb, names, send, parent_pid) -> None:
    die_with_parent(parent_pid)
    with failure_sent(lambda failure: send.send((None, failure))), cyclic_gc_paused():
        ix = whoosh_index.open_dir(index_dir, indexname=indexname)
        segments = written_segment(ix, documents, limitmb, names)
    send.send((segments, None))
