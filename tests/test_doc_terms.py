"""The terms per document kept beside each segment (facets, entity names): search reads from them the
same arrays as from the postings, after a rebuild by two processes, updates with replaced articles,
a merge and an update split between two processes; an index without them is read from its postings."""

from __future__ import annotations

import mmap
import random
import shutil

import numpy as np
from whoosh.filedb.filestore import FileStorage

from archive.entities import ORG, PERSON, REGION, Entity
from archive.settings import DataDir
from archive.store import Store
from indexer import rebuild
from indexer.index import FACETS, open_index, update_index
from indexer.update_split import SPLIT_MIN_ARTICLES
from indexer.whoosh_format import doc_terms
from indexer.whoosh_format.doc_terms import DOC_TERMS_EXT
from search import search
from search.columns import DocArrays
from search.entity_facets import ENTITY_FACETS, name_pairs
from tests.test_merging import _article

_NAMES = {
    PERSON: ["Касым-Жомарт Токаев", "Ерлан Карин", "Жанна Иванова"],
    ORG: ["Ассамблея народа Казахстана", "Дом дружбы"],
    REGION: ["Жамбылская область", "Астана", "Шымкент"],
}
_QUERIES = ("*", "ассамблея", '"дом дружбы"', "person:Токаев")


def _save(store: Store, rng: random.Random, numbers) -> None:
    for number in numbers:
        article = _article(rng, number)
        store.save(article)
        article_id = store.article_ids([article.canonical_url])[article.canonical_url]
        entities = [
            Entity(kind, name) for kind, names in _NAMES.items() for name in names if rng.random() < 0.4
        ]
        store.save_entities(article_id, entities)


def _arrays(data_dir: DataDir) -> dict:
    ix = open_index(data_dir.index_dir)
    try:
        with ix.searcher() as searcher:
            docs = DocArrays(searcher)
            found = {name: docs.facet(name) for name in FACETS}
            found.update({name: name_pairs(docs, field) for name, field in ENTITY_FACETS.items()})
            return found
    finally:
        ix.close()


def _kept_files(data_dir: DataDir) -> list:
    return sorted(data_dir.index_dir.glob(f"*{DOC_TERMS_EXT}"))


def _segment_count(data_dir: DataDir) -> int:
    ix = open_index(data_dir.index_dir)
    try:
        with ix.reader() as reader:
            return len(reader.leaf_readers())
    finally:
        ix.close()


def _check_read_as_numpy_reads(data_dir: DataDir) -> None:
    """Each kept file's arrays, viewed in place in its memory map or its bytes, are numpy's own."""
    storage = FileStorage(str(data_dir.index_dir))
    for path in _kept_files(data_dir):
        with np.load(path, allow_pickle=False) as stored:
            expected = {name: stored[name] for name in stored.files}
        mapped = doc_terms._read_whole(storage, path.name)
        assert isinstance(mapped, mmap.mmap)
        for arrays in (doc_terms._arrays(mapped), doc_terms._arrays(path.read_bytes())):
            assert arrays.keys() == expected.keys()
            for name, array in arrays.items():
                assert array.dtype == expected[name].dtype and np.array_equal(array, expected[name]), name


def _check_same_as_from_postings(data_dir: DataDir, tmp_path) -> None:
    """The arrays and search answers of the index equal those of a copy without its kept terms."""
    assert len(_kept_files(data_dir)) == _segment_count(data_dir)  # merged segments' files are gone
    copy, partly = tmp_path / "without", tmp_path / "partly"
    for folder in (copy, partly):
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(data_dir.root, folder, symlinks=True)
    for path in _kept_files(DataDir(copy)):
        path.unlink()
    _kept_files(DataDir(partly))[0].unlink()  # an older segment beside newer ones: postings read
    kept, read = _arrays(data_dir), _arrays(DataDir(copy))
    assert _arrays(DataDir(partly)).keys() == read.keys()
    for name, arrays in _arrays(DataDir(partly)).items():
        assert all(np.array_equal(a, b) for a, b in zip(arrays[:2], read[name][:2], strict=True))
    for name, arrays in read.items():
        assert len(kept[name]) == len(arrays)
        for mine, theirs in zip(kept[name], arrays, strict=True):
            if isinstance(theirs, np.ndarray):
                assert mine.dtype == theirs.dtype and np.array_equal(mine, theirs), name
            else:
                assert mine == theirs, name
    for query in _QUERIES:
        one, two = search(data_dir, query, limit=20), search(copy, query, limit=20)
        assert (one.total, one.facets) == (two.total, two.facets), query
        assert [h.canonical_url for h in one.hits] == [h.canonical_url for h in two.hits]


def test_kept_terms_read_as_the_postings_after_rebuild_updates_merges_and_a_split(tmp_path, monkeypatch):
    monkeypatch.setattr(rebuild, "CHUNK_ARTICLES", 40)  # both writer processes take a share
    data_dir = DataDir(tmp_path / "data")
    data_dir.root.mkdir()
    rng = random.Random(17)
    with Store(data_dir.store_path) as store:
        _save(store, rng, range(120))
        update_index(store, data_dir.index_dir, rebuild=True, procs=2)  # two segments
    assert _segment_count(data_dir) == 2  # one per writer process
    facets = search(data_dir, "*").facets
    assert facets["person"] and facets["org"] and facets["region"] and facets["year"]
    _check_same_as_from_postings(data_dir, tmp_path)
    for first in range(100, 220, 30):  # new articles and replaced ones (deleted documents): merges
        with Store(data_dir.store_path) as store:
            _save(store, rng, range(first, first + 40))
            update_index(store, data_dir.index_dir, procs=1)
    _check_same_as_from_postings(data_dir, tmp_path)
    _check_read_as_numpy_reads(data_dir)
    with Store(data_dir.store_path) as store:  # an update written by two processes
        _save(store, rng, range(200, 200 + SPLIT_MIN_ARTICLES))
        update_index(store, data_dir.index_dir, procs=2)
    _check_same_as_from_postings(data_dir, tmp_path)
