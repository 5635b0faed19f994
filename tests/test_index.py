"""The Whoosh index: built from the store, updated incrementally, rebuilt when its schema is old."""

from __future__ import annotations

import ast
import json
import random
import zlib
from pathlib import Path

import pytest
from whoosh import index as whoosh_index

from archive.settings import DataDir
from archive.store import Store
from indexer import index as index_module
from indexer import rebuild
from indexer.index import META_FILE, IndexMissingError, _document, build_schema, open_index, update_index
from indexer.names import NAMES_FIELD
from indexer.whoosh_format import TaggingSegmentWriter, segment_writer
from indexer.whoosh_format import version as whoosh_version
from indexer.whoosh_format.codec import CompactCodec
from indexer.whoosh_format.compact import deflate, inflate
from indexer.whoosh_format.doc_terms import DOC_TERMS_EXT
from indexer.whoosh_format.fast_writer import FastSegmentWriter
from replicas.assembly_data import assembly_articles
from search import Filters, search
from tests.synthetic import fill_store
from tests.test_store import make_article


def save_two_articles(store: Store) -> None:
    """A Russian article and a Kazakh one from Taraz."""
    store.save(make_article())
    store.save(
        make_article(
            url="https://assembly.kz/news/tarazda-mereke/",
            canonical_url="https://assembly.kz/news/tarazda-mereke/",
            lang="kk",
            title="Таразда мереке өтті",
            text="Таразда Қазақстан халқы Ассамблеясының мерекесі өтті.",
            published="2024-04-30",
        )
    )


@pytest.fixture
def data_dir(tmp_path) -> DataDir:
    data_dir = DataDir(tmp_path)
    with Store(data_dir.store_path) as store:
        save_two_articles(store)
    return data_dir


def test_build_then_update_only_what_changed(data_dir):
    with Store(data_dir.store_path) as store:
        first = update_index(store, data_dir.index_dir)
        assert (first.rebuilt, first.added, first.total) == (True, 2, 2)
        again = update_index(store, data_dir.index_dir)
        assert (again.rebuilt, again.added, again.total) == (False, 0, 2)
        store.save(make_article(text="Текст изменён: меморандум дополнен.", fetched_at="2026-12-01"))
        changed = update_index(store, data_dir.index_dir)
        assert (changed.added, changed.total) == (1, 2)
    assert search(data_dir, "дополнен").total == 1


def test_kazakh_is_not_lemmatised_as_russian(data_dir):
    with Store(data_dir.store_path) as store:
        update_index(store, data_dir.index_dir)
    assert search(data_dir, "Таразда").total == 1
    assert search(data_dir, "Тараз", filters=Filters(lang="ru")).total == 1


def test_an_index_of_another_schema_is_rebuilt_not_misread(data_dir):
    with Store(data_dir.store_path) as store:
        update_index(store, data_dir.index_dir)
    meta_path = data_dir.index_dir / META_FILE
    meta = json.loads(meta_path.read_text())
    meta_path.write_text(json.dumps({**meta, "schema_version": "0.0"}))
    with pytest.raises(IndexMissingError, match="rebuild"):
        open_index(data_dir.index_dir)
    with Store(data_dir.store_path) as store:
        report = update_index(store, data_dir.index_dir)
    assert report.rebuilt and "0.0" in report.reason and report.total == 2
    assert search(data_dir, "меморандум").total == 1


# -- the writer: the same index as Whoosh's own writer, written faster ---------------------------


def _replica_store_articles() -> list[dict]:
    articles = []
    for n, article in enumerate(assembly_articles()):
        url = f"https://assembly.kz{article['path']}"
        articles.append(
            {
                "canonical_url": url,
                "url": url,
                "source": "assembly",
                "lang": article["lang"],
                "title": article["title"],
                "text": article["text"] + ("\nИз стали. Стали работать." if n % 2 else ""),
                "published": article["date"] if n % 5 else None,
            }
        )
    return articles


def _segment_files(index_dir) -> list[tuple[str, bytes]]:
    # A segment's files differ from another writer's by the segment's random name only. Whoosh's
    # files only: the terms per document our writer keeps beside them (Whoosh's writes none) are
    # checked by tests/test_doc_terms.py.
    return sorted(
        (path.name.split(".", 1)[1], path.read_bytes())
        for path in index_dir.iterdir()
        if path.name.startswith("MAIN_") and "." in path.name and not path.name.endswith(DOC_TERMS_EXT)
    )


def _write_rounds(index_dir, make_writer, rounds) -> None:
    ix = whoosh_index.create_in(str(index_dir), build_schema())
    for updating, articles in rounds:
        writer = make_writer(ix)
        for article in articles:
            (writer.update_document if updating else writer.add_document)(**_document(article))
        writer.commit()


def test_the_fast_writer_writes_whooshs_segments_byte_for_byte(tmp_path):
    articles = _replica_store_articles()
    # Adds, then updates of some and additions: the commit merges the small segments, so postings
    # of an earlier segment (with deletions) go through the writer's buffer one by one too.
    rounds = [(False, articles[:20]), (True, articles[10:30]), (True, articles[25:])]
    whoosh_dir, fast_dir = tmp_path / "whoosh", tmp_path / "fast"
    whoosh_dir.mkdir(), fast_dir.mkdir()
    _write_rounds(whoosh_dir, lambda ix: ix.writer(compound=False, codec=CompactCodec()), rounds)
    spills = []

    def spilling_writer(ix):
        writer = FastSegmentWriter(ix, limitmb=0.05, compound=False)  # spills every few articles
        spills.append(writer.pool)
        return writer

    _write_rounds(fast_dir, spilling_writer, rounds)
    assert all(pool.runs == [] for pool in spills)  # cleaned up
    whoosh_files, fast_files = _segment_files(whoosh_dir), _segment_files(fast_dir)
    assert [name for name, _ in fast_files] == [name for name, _ in whoosh_files]
    for (name, whoosh_bytes), (_, fast_bytes) in zip(whoosh_files, fast_files, strict=True):
        assert fast_bytes == whoosh_bytes, name


def test_a_full_buffer_spills_runs_that_merge_back_in_order(tmp_path):
    ix = whoosh_index.create_in(str(tmp_path), build_schema())
    writer = FastSegmentWriter(ix, limitmb=0.05, compound=False)
    for article in _replica_store_articles():
        writer.add_document(**_document(article))
    assert len(writer.pool.runs) > 3
    terms = list(writer.pool.terms())
    keys = [(fieldname, term.encode() if isinstance(term, str) else term) for fieldname, term, _ in terms]
    assert keys == sorted(set(keys))
    for _, _, postings in terms:
        docnums = postings[0::3]
        assert docnums == sorted(set(docnums))
    writer.cancel()


def _contents(index_dir) -> dict:
    """Every posting of the index as (field, term, canonical URL, weight, value), and stored fields."""
    ix = whoosh_index.open_dir(str(index_dir))
    with ix.searcher() as searcher:
        reader = searcher.reader()
        url_of = {docnum: stored["canonical_url"] for docnum, stored in reader.iter_docs()}
        postings = set()
        for fieldname in reader.indexed_field_names():
            for term in reader.lexicon(fieldname):
                matcher = reader.postings(fieldname, term)
                while matcher.is_active():
                    postings.add((fieldname, term, url_of[matcher.id()], matcher.weight(), matcher.value()))
                    matcher.next()
        stored = sorted(repr(sorted(fields.items())) for _, fields in reader.iter_docs())
    return {"postings": postings, "stored": stored, "count": len(url_of)}


def test_two_writer_processes_index_what_one_indexes(tmp_path, monkeypatch):
    monkeypatch.setattr(rebuild, "CHUNK_ARTICLES", 40)
    monkeypatch.setattr(rebuild, "PROGRESS_EVERY", 100)
    fill_store(tmp_path, 300)
    seen = []
    with Store(tmp_path / "apknews.sqlite3") as store:
        one = update_index(store, tmp_path / "one", rebuild=True, procs=1)
        two = update_index(store, tmp_path / "two", rebuild=True, procs=2, progress=seen.append)
    assert (one.added, one.total, two.added, two.total) == (300, 300, 300, 300)
    assert seen == [100, 200, 300]
    assert _contents(tmp_path / "two") == _contents(tmp_path / "one")
    assert not list((tmp_path / "two").glob("*.tmp"))  # no run files or temporary folders left


def test_a_failing_writer_process_fails_the_rebuild_and_frees_the_index(data_dir, monkeypatch):
    def broken_document(article):
        raise ValueError(f"cannot index {article['canonical_url']}")

    with Store(data_dir.store_path) as store:
        monkeypatch.setattr(index_module, "_document", broken_document)
        with pytest.raises(RuntimeError, match="cannot index"):
            update_index(store, data_dir.index_dir, rebuild=True, procs=2)
        monkeypatch.undo()
        report = update_index(store, data_dir.index_dir, procs=2)
    assert report.rebuilt and report.total == 2
    assert search(data_dir, "меморандум").total == 1


def test_deflating_in_a_small_window_gives_zlibs_bytes():
    rng = random.Random(7)
    for size in [*range(0, 300, 7), 700, 761, 762, 763, 1785, 1786, 1787, 3834, 3835, 5000, 20000, 70000]:
        # Posting blocks are arrays of small numbers: repetitive, like this.
        data = bytes(rng.choice(b"\x00\x01\x02\x03\x07\x10\xff") for _ in range(size))
        for level in (1, 3, 6, 9):
            assert deflate(data, level) == zlib.compress(data, level, -15), (size, level)
            assert inflate(deflate(data, level)) == data


# -- Whoosh's own path: what any other Whoosh version than the tested one takes ------------------


def test_another_whoosh_version_is_told_and_takes_whooshs_own_path(caplog):
    assert whoosh_version.fast_path_for(whoosh_version.TESTED_VERSION)
    assert not caplog.records
    assert not whoosh_version.fast_path_for((3, 55, 0))
    assert "whoosh 3.55.0 is installed" in caplog.text and "Whoosh's own writer and readers" in caplog.text


def test_whooshs_own_writer_indexes_what_the_fast_writer_does(tmp_path, monkeypatch):
    fill_store(tmp_path, 300)
    with Store(tmp_path / "apknews.sqlite3") as store:
        update_index(store, tmp_path / "fast", rebuild=True, procs=2)
        monkeypatch.setattr(whoosh_version, "FAST_PATH", False)
        ix = whoosh_index.open_dir(str(tmp_path / "fast"))
        assert type(segment_writer(ix, limitmb=1)) is TaggingSegmentWriter
        ix.close()
        own = update_index(store, tmp_path / "own", rebuild=True, procs=2)  # one process: Whoosh's path
        assert (own.added, own.total) == (300, 300)
        for url in ("https://example.kz/ru/news/3/", "https://example.kz/kk/news/4/"):
            article = store.get(url)
            edited = {key: article[key] for key in ("url", "canonical_url", "source", "lang", "title")}
            store.save(
                make_article(
                    **edited, text="Ассамблея народа Казахстана провела форум.", fetched_at="2026-12-01"
                )
            )
        assert update_index(store, tmp_path / "own").added == 2
        monkeypatch.undo()
        assert update_index(store, tmp_path / "fast").added == 2
    fast, own = _contents(tmp_path / "fast"), _contents(tmp_path / "own")
    assert own == fast
    assert any(posting[0] == NAMES_FIELD for posting in own["postings"])  # alias groups tagged


def test_only_the_fence_touches_whooshs_internals():
    """Outside indexer/whoosh_format/, the packages that use Whoosh touch no private name (of Whoosh's
    objects or any other's but their own) and import none of Whoosh's codec or writer internals."""
    root = Path(__file__).resolve().parent.parent
    fence = root / "indexer" / "whoosh_format"
    touching = []
    for package in ("indexer", "search", "web", "apknews"):
        for path in sorted((root / package).rglob("*.py")):
            if fence in path.parents:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if _touches_internals(node):
                    touching.append(f"{path.relative_to(root)}:{node.lineno} {ast.unparse(node)[:60]}")
    assert touching == []


# Documented public API of the standard library that happens to start with "_".
_PUBLIC_UNDERSCORED = {"_exit", "_replace", "_asdict", "_fields", "_make"}


def _touches_internals(node: ast.AST) -> bool:
    def private(name) -> bool:
        return isinstance(name, str) and name.startswith("_") and not name.startswith("__")

    if isinstance(node, ast.Attribute) and private(node.attr):
        if node.attr in _PUBLIC_UNDERSCORED:
            return False
        return not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"))
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in ("getattr", "hasattr")
    ):
        return len(node.args) > 1 and isinstance(node.args[1], ast.Constant) and private(node.args[1].value)
    if isinstance(node, ast.ImportFrom):
        return (node.module or "").startswith(
            ("whoosh.codec", "whoosh.writing", "whoosh.filedb", "whoosh.system")
        )
    return False
