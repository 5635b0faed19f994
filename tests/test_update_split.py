"""An update written by two processes (indexer.update_split) holds what one process writes: the same
documents, terms, positions and field lengths, earlier versions replaced; a failing fork leaves
the index as it was."""

from __future__ import annotations

import shutil

import pytest

from archive.settings import DataDir
from archive.store import Store
from bench.judged.articles import corpus
from indexer import field_terms, update_split
from indexer.index import open_index, update_index
from search import search
from tests.synthetic import save_judged

_QUERIES = ("ассамблея", "Тараз меморандум", "достық үйі", "Assembly", '"Дом дружбы"', "стали")


@pytest.fixture
def pending(tmp_path) -> DataDir:
    """An index of the first half of the judged corpus; the store holds the second half too, and new
    versions of five articles of the first."""
    articles = corpus()
    half = len(articles) // 2
    data_dir = DataDir(tmp_path / "base")
    data_dir.root.mkdir()
    with Store(data_dir.store_path) as store:
        save_judged(store, articles[:half])
        update_index(store, data_dir.index_dir, rebuild=True, procs=1)
        save_judged(store, articles[half:])
        save_judged(store, articles[:5], "\nДополнение: стали участниками форума.")
    return data_dir


def _update_copy(base: DataDir, name: str, procs: int) -> DataDir:
    data_dir = DataDir(base.root.with_name(name))
    shutil.copytree(base.root, data_dir.root, symlinks=True)
    field_terms.forget_words()
    with Store(data_dir.store_path) as store:
        report = update_index(store, data_dir.index_dir, procs=procs)
    assert not report.rebuilt and report.added == len(corpus()) - len(corpus()) // 2 + 5
    return data_dir


def _contents(data_dir: DataDir) -> dict:
    """Every term's postings (URL and positions, or weight), each document's field lengths, and the
    number of segments."""
    ix = open_index(data_dir.index_dir)
    try:
        with ix.reader() as reader:
            urls = {docnum: fields["canonical_url"] for docnum, fields in reader.iter_docs()}
            postings = {}
            for fieldname, text in reader.all_terms():
                matcher = reader.postings(fieldname, text)
                found = []
                while matcher.is_active():
                    if matcher.id() in urls:  # not a deleted earlier version
                        value = matcher.value_as("positions") if matcher.supports("positions") else None
                        found.append((urls[matcher.id()], value, matcher.weight()))
                    matcher.next()
                if found:
                    postings[(fieldname, text)] = sorted(found)
            scorable = [name for name, field in ix.schema.items() if field.scorable]
            lengths = sorted((urls[d], f, reader.doc_field_length(d, f)) for d in urls for f in scorable)
            segments = len(list(reader.leaf_readers()))
    finally:
        ix.close()
    return {"postings": postings, "lengths": lengths, "docs": len(urls), "segments": segments}


def _answers(data_dir: DataDir) -> dict:
    return {
        text: sorted((round(hit.score, 6), hit.url) for hit in search(data_dir, text, limit=100).hits)
        for text in _QUERIES
    }


def test_an_update_split_in_two_processes_holds_what_one_process_writes(pending):
    one = _update_copy(pending, "one", procs=1)
    two = _update_copy(pending, "two", procs=2)
    written_by_one, written_by_two = _contents(one), _contents(two)
    assert written_by_two["docs"] == len(corpus())
    # The fork's segment beside this process's: one more than one process leaves.
    assert written_by_two.pop("segments") == written_by_one.pop("segments") + 1
    assert written_by_two == written_by_one
    answers = _answers(two)
    assert answers == _answers(one)
    assert all(answers.values())


def test_many_new_articles_are_split_by_default_and_few_are_not(pending, monkeypatch):
    calls = []
    write = update_split.write_split
    monkeypatch.setattr("indexer.index.write_split", lambda *a, **k: calls.append(1) or write(*a, **k))
    monkeypatch.setattr("indexer.index.SPLIT_MIN_ARTICLES", 10)
    _update_copy(pending, "many", procs=None)
    assert calls == [1]
    monkeypatch.setattr("indexer.index.SPLIT_MIN_ARTICLES", 1000)
    _update_copy(pending, "few", procs=None)
    assert calls == [1]


def test_a_fork_that_fails_leaves_the_index_as_it_was(pending, monkeypatch):
    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device", "segment")

    monkeypatch.setattr(update_split, "worker_writer", full_disk)  # the fork inherits it
    before = _contents(pending)
    with Store(pending.store_path) as store, pytest.raises(OSError, match="No space left"):
        update_index(store, pending.index_dir, procs=2)
    assert _contents(pending) == before
    monkeypatch.undo()
    # The write lock was released: the next update writes everything.
    with Store(pending.store_path) as store:
        report = update_index(store, pending.index_dir, procs=2)
    assert report.total == len(corpus())
