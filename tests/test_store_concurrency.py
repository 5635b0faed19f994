"""Four crawl workers saving the same URLs into one PostgreSQL store at once: every article stored
once, every text any of them saved kept exactly once (as the article or one of its versions), and
change numbers (seq) that never repeat."""

from __future__ import annotations

import multiprocessing
import queue
import random
from collections import Counter

from archive.store import CHANGED, NEW, UNCHANGED, Store
from tests.test_store import make_article

WRITERS = 4
URLS = 40  # even-numbered: every writer brings its own text; odd-numbered: all bring the same one


def _url(n: int) -> str:
    return f"https://assembly.kz/ru/news/concurrent-{n}/"


def _text(n: int, writer: int) -> str:
    if n % 2:
        return f"Статья {n}: один текст у всех."
    return f"Статья {n}: текст, который получил обходчик {writer}."


def _write(location: str, writer: int, start, outcomes) -> None:
    order = list(range(URLS))
    random.Random(writer).shuffle(order)  # each writer in its own order, so saves cross
    with Store(location) as store:
        start.wait()
        for n in order:
            article = make_article(
                url=_url(n), canonical_url=_url(n), text=_text(n, writer), title=f"Статья {n}"
            )
            outcomes.put((n, store.save(article)))


def _outcomes(outcomes, writers) -> list[tuple[int, str]]:
    """What each save said, until every writer has said all or none is left alive."""
    said = []
    while len(said) < WRITERS * URLS:
        try:
            said.append(outcomes.get(timeout=1))
        except queue.Empty:
            if not any(process.is_alive() for process in writers):
                break
    return said


def test_four_writers_saving_the_same_urls_lose_nothing(postgres_cluster):
    location = postgres_cluster.new_database()
    Store(location).close()  # the schema made once, before the writers race
    context = multiprocessing.get_context("fork")
    start, outcomes = context.Barrier(WRITERS), context.Queue()
    writers = [context.Process(target=_write, args=(location, w, start, outcomes)) for w in range(WRITERS)]
    for process in writers:
        process.start()
    said = Counter(_outcomes(outcomes, writers))
    for process in writers:
        process.join(timeout=60)
        assert process.exitcode == 0
    with Store.open_readonly(location) as store:
        assert store.count() == URLS
        for n in range(URLS):
            stored = store.read_article(_url(n))
            texts = [v["text"] for v in stored.versions] + [stored.article["text"]]
            assert sorted(texts) == sorted({_text(n, w) for w in range(WRITERS)}), n
        seqs = store.seqs_upto(store.max_seq())
    assert len(seqs) == len(set(seqs)) == URLS
    for n in range(URLS):
        expected = {NEW: 1, UNCHANGED: WRITERS - 1} if n % 2 else {NEW: 1, CHANGED: WRITERS - 1}
        assert {kind: said[(n, kind)] for kind in expected} == expected
