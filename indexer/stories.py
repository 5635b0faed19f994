"""Each indexed article's story (an article and the reposts the store links to it), kept beside the index.

Search folds reposts into stories by a key per document. Finding the document of each linked URL in
Whoosh's term tables costs ~50 µs a URL and segment, seconds for an archive with thousands of links:
too much for every search of a fresh `apknews search` process. The keys are therefore written when
the index is (STORIES_FILE), with the state of the links and of the segments they were made from;
a search uses them while both still hold, and otherwise makes them itself (search/stories.py).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
from whoosh.reading import TermNotFound

STORIES_FILE = "apknews-stories.npz"
_FIELD = "canonical_url"
_FOLLOW_LIMIT = 8  # a copy of a copy of …: links go to the earliest copy, but are not trusted to


def segments_state(searcher) -> list:
    """What numbers the documents: each segment's id, documents and live documents, in order."""
    state = []
    for sub, _ in searcher.leaf_searchers():
        reader = sub.reader()
        segment = reader.segment() if hasattr(reader, "segment") else None
        state.append([segment.segment_id() if segment else "", reader.doc_count_all(), reader.doc_count()])
    return state


def story_keys_of(searcher, pairs: list[tuple[str, str]]) -> np.ndarray:
    """Per document (global number), its story's key: the original's number for a linked repost (a
    number past the last document when the original is not indexed), else its own number."""
    count = searcher.doc_count_all()
    keys = np.arange(count, dtype=np.int64)
    numbers = doc_numbers(searcher, {url for pair in pairs for url in pair})
    unindexed: dict[str, int] = {}
    for copy, original in pairs:
        copy_number = numbers.get(copy)
        if copy_number is None:
            continue
        original_number = numbers.get(original)
        if original_number is None:
            original_number = count + unindexed.setdefault(original, len(unindexed))
        keys[copy_number] = original_number
    for _ in range(_FOLLOW_LIMIT):
        inside = keys < count
        followed = np.where(inside, keys[np.where(inside, keys, 0)], keys)
        if np.array_equal(followed, keys):
            break
        keys = followed
    return keys


def doc_numbers(searcher, urls: set[str], whole_field: bool | None = None) -> dict[str, int]:
    """{URL: the live document indexed under it} for the URLs the index holds: each looked up, or
    the whole field read once (`whole_field`; by default when that is cheaper)."""
    leaves = [(sub.reader(), offset) for sub, offset in searcher.leaf_searchers()]
    found: dict[str, int] = {}
    if whole_field is None:
        whole_field = len(urls) * len(leaves) * 3 > searcher.doc_count_all()
    for reader, offset in leaves:
        if whole_field:
            read = ((_text(text), info) for text, info in reader.iter_field(_FIELD))
            terms = ((url, info) for url, info in read if url in urls)
        else:
            terms = ((url, info) for url in urls if (info := _term_info(reader, url)) is not None)
        for url, info in terms:
            number = _live_number(reader, url, info)
            if number is not None:
                found[url] = number + offset
    return found


def _text(term) -> str:
    return term.decode("utf-8") if isinstance(term, bytes) else term


def _term_info(reader, url: str):
    try:
        return reader.term_info(_FIELD, url)
    except TermNotFound:
        return None


def _live_number(reader, url: str, info) -> int | None:
    if info.doc_frequency() == 1 and not reader.is_deleted(info.min_id()):
        return info.min_id()
    live = [d for d in reader.postings(_FIELD, url).all_ids() if not reader.is_deleted(d)]
    return live[-1] if live else None


def write_story_keys(index_dir: Path, searcher, store) -> None:
    """Keep the story keys of the index `searcher` reads, from the store's repost links, beside it,
    with the state of both (one file, replaced whole: a reader never pairs old keys with a new state)."""
    links = list(store.repost_state())
    keys = story_keys_of(searcher, store.repost_pairs()) if links[0] else np.zeros(0, np.int64)
    state = json.dumps({"links": links, "segments": segments_state(searcher)})
    path = Path(index_dir) / STORIES_FILE
    with open(path.with_name(STORIES_FILE + ".tmp"), "wb") as out:
        np.savez(out, keys=keys, state=np.array(state))
    os.replace(path.with_name(STORIES_FILE + ".tmp"), path)


def read_story_keys(index_dir: Path, searcher, links_state: tuple) -> np.ndarray | None:
    """The kept story keys when they were made from these links for these segments, else None."""
    try:
        with np.load(Path(index_dir) / STORIES_FILE) as kept:
            state, keys = json.loads(str(kept["state"])), kept["keys"]
    except (OSError, ValueError, KeyError):
        return None
    if state != {"links": list(links_state), "segments": segments_state(searcher)}:
        return None
    return keys if len(keys) == searcher.doc_count_all() else None
