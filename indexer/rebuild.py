"""A full rebuild shared by worker processes: each reads articles from the store and writes a segment.

Whoosh's multiprocessing writer has this process read every article, pickle it to a file and the
workers unpickle it; and its workers use Whoosh's own segment writer. Here the workers read the
store themselves, take chunks of articles in turn (so a worker slowed by a busy core takes fewer)
and write with our fast segment writer; this process only holds the write lock and commits their
segments. Whoosh's private steps of that commit are behind indexer.whoosh_format's fence.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
from collections.abc import Callable
from dataclasses import dataclass
from itertools import islice

from whoosh import index as whoosh_index

from archive.store import Store
from indexer.entity_fields import with_entities
from indexer.field_terms import forget_words
from indexer.names import NameIndex
from indexer.whoosh_format import commit_segments, cyclic_gc_paused, finish_segment, worker_writer
from indexer.word_cache import WordCacheFile
from indexer.writer_process import die_with_parent, failure_sent, raise_failure

CHUNK_ARTICLES = 500
PROGRESS_EVERY = 500  # articles between progress() calls, as the sequential writer reports
_POLL_SECONDS = 0.5


@dataclass(frozen=True)
class Chunk:
    after_seq: int  # the chunk's articles have seq > after_seq ...
    upto_seq: int  # ... and <= upto_seq
    count: int


def chunks_of(store: Store, upto_seq: int, size: int | None = None) -> list[Chunk]:
    """The articles with seq <= upto_seq, in chunks of `size` (CHUNK_ARTICLES) consecutive ones."""
    size = size or CHUNK_ARTICLES
    seqs = store.seqs_upto(upto_seq)
    chunks = []
    for start in range(0, len(seqs), size):
        part = seqs[start : start + size]
        chunks.append(Chunk(seqs[start - 1] if start else 0, part[-1], len(part)))
    return chunks


def rebuild_segments(
    ix,
    store: Store,
    upto_seq: int,
    procs: int,
    limitmb: float,
    document: Callable[[dict], dict],
    progress: Callable[[int], None] | None = None,
    names: NameIndex | None = None,
) -> int:
    """Index the articles with seq <= upto_seq into the empty index `ix` with `procs` workers.

    `document` makes an article's Whoosh fields (a module-level function: workers may be spawned);
    `names`, the alias groups each worker tags in the names field.
    Returns the number of articles indexed.
    """
    chunks = chunks_of(store, upto_seq)
    context = multiprocessing.get_context(
        "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    )
    next_chunk = context.Value("i", 0)
    written = context.Value("i", 0)
    results = context.Queue()
    index_dir = ix.storage.folder
    lock_holder = ix.writer()  # holds the write lock; its own segment stays empty
    workers = [
        context.Process(
            target=_write_segment,
            args=(
                n,
                index_dir,
                ix.indexname,
                str(store.path),
                chunks,
                limitmb,
                document,
                next_chunk,
                written,
                results,
                names,
                os.getpid(),
            ),
            daemon=True,
        )
        for n in range(procs)
    ]
    try:
        for worker in workers:
            worker.start()
        segments = _collect(workers, results, written, progress)
    except BaseException:
        _stop(workers, next_chunk, len(chunks))
        lock_holder.cancel()
        raise
    for worker in workers:
        worker.join()
    commit_segments(lock_holder, [segment for _, segment in sorted(segments.items()) if segment is not None])
    return written.value


def _stop(workers, next_chunk, chunk_count: int) -> None:
    with next_chunk.get_lock():
        next_chunk.value = chunk_count  # the others stop after their chunk
    for worker in workers:
        worker.join(timeout=60)
        if worker.is_alive():
            worker.terminate()


def _collect(workers, results, written, progress) -> dict:
    segments: dict[int, object] = {}
    reported = 0
    while len(segments) < len(workers):
        try:
            number, segment, error = results.get(timeout=_POLL_SECONDS)
        except queue.Empty:
            number, segment, error = None, None, None
            if any(not w.is_alive() and w.exitcode != 0 for w in workers):
                # A worker that failed has sent its traceback before exiting.
                try:
                    number, segment, error = results.get(timeout=_POLL_SECONDS)
                except queue.Empty:
                    raise RuntimeError("an index writer process died") from None
        raise_failure(error, f"index writer process {number}")
        if number is not None:
            segments[number] = segment
        while progress and written.value >= reported + PROGRESS_EVERY:
            reported += PROGRESS_EVERY
            progress(reported)
    return segments


def _write_segment(
    number,
    index_dir,
    indexname,
    store_path,
    chunks,
    limitmb,
    document,
    next_chunk,
    written,
    results,
    names,
    parent_pid,
):
    die_with_parent(parent_pid)
    with failure_sent(lambda failure: results.put((number, None, failure))), cyclic_gc_paused():
        ix = whoosh_index.open_dir(index_dir, indexname=indexname)
        writer = worker_writer(ix, limitmb=limitmb, names=names)
        with Store(store_path) as store:  # a file's path or a postgresql:// address
            _add_chunks(writer, store, chunks, document, next_chunk, written, parent_pid)
        if number == 0:  # its words, read across the archive, serve the updates to come
            WordCacheFile(index_dir, ix.schema).refresh()
        # This process is done with reading words: their caches make room for writing.
        forget_words()
        segment = finish_segment(writer)
    results.put((number, segment, None))


def _add_chunks(writer, store: Store, chunks: list[Chunk], document, next_chunk, written, parent_pid) -> None:
    while (taken := _take(next_chunk)) < len(chunks):
        if os.getppid() != parent_pid:
            # Elsewhere than on Linux, the parent's death is noticed here, between chunks.
            raise RuntimeError("the rebuild's process died: this writer stops")
        chunk = chunks[taken]
        articles = store.iter_articles(since_seq=chunk.after_seq, batch_size=chunk.count)
        for article in with_entities(store, islice(articles, chunk.count)):
            if article["seq"] > chunk.upto_seq:
                break  # changed since the chunks were made: the next update indexes it
            writer.add_document(**document(article))
            with written.get_lock():
                written.value += 1


def _take(next_chunk) -> int:
    with next_chunk.get_lock():
        taken = next_chunk.value
        next_chunk.value += 1
    return taken
