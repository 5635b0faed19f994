"""The word cache kept beside the index: the same terms and the same index with it or without it,
and a stale, torn or corrupt file ignored with a warning and written anew."""

from __future__ import annotations

import logging
import shutil

import pytest

from archive.settings import DataDir
from archive.store import Store
from bench.judged.articles import corpus
from indexer import field_terms, index, word_cache
from indexer.field_terms import FieldReading
from indexer.index import build_schema, update_index
from indexer.word_cache import (
    WORD_CACHE_FILE,
    WordCacheFile,
    field_readings,
    load_word_cache,
    save_word_cache,
)
from tests.synthetic import save_judged
from tests.test_analysis_field_terms import TRICKY_TEXTS
from tests.test_index import _segment_files


@pytest.fixture(scope="module")
def schema():
    return build_schema()


def _analysed_fields(schema) -> list[str]:
    return [name for name in schema.names() if FieldReading.of(getattr(schema[name], "analyzer", None))]


def _texts() -> list[str]:
    """The judged corpus (the assembly replica's articles and the set's own), titles and texts."""
    articles = corpus()
    return [a.title for a in articles] + [a.text for a in articles] + TRICKY_TEXTS


def _read_all(schema, texts) -> str:
    """Every field's terms and positions of each text, in their order, as one string."""
    readings = {name: FieldReading.of(schema[name].analyzer) for name in _analysed_fields(schema)}
    return repr([{name: r.terms(text) for name, r in readings.items()} for text in texts])


def test_every_field_reads_the_judged_corpus_exactly_as_without_the_cache(schema, tmp_path, monkeypatch):
    texts = _texts()
    field_terms.forget_words()
    cold = _read_all(schema, texts)
    save_word_cache(tmp_path, schema)
    field_terms.forget_words()
    assert load_word_cache(tmp_path, schema) > 1000
    # Every word read alone now comes from the file: reading one again would fail.
    monkeypatch.setattr(FieldReading, "_alone", lambda self, word: pytest.fail(f"{word!r} read again"))
    assert _read_all(schema, texts) == cold


def test_each_field_kind_loads_its_own_words(schema, tmp_path):
    field_terms.forget_words()
    _read_all(schema, _texts())
    held = {key: dict(reading.cache) for key, reading in field_readings(schema).items()}
    # Russian lemmas, Kazakh and English stems, loose keys per language, surface forms: 7 kinds.
    assert len(held) == 7
    save_word_cache(tmp_path, schema)
    field_terms.forget_words()
    load_word_cache(tmp_path, schema)
    assert {key: dict(reading.cache) for key, reading in field_readings(schema).items()} == held


def _store_with(data_dir: DataDir, articles) -> None:
    with Store(data_dir.store_path) as store:
        save_judged(store, articles)


@pytest.fixture
def rebuilt(tmp_path, monkeypatch) -> DataDir:
    """A data folder whose index holds the first half of the judged corpus, rebuilt by one process;
    the store holds the second half too, for an update to add."""
    monkeypatch.setattr(index, "WORD_CACHE_MIN_ARTICLES", 1)
    articles = corpus()
    data_dir = DataDir(tmp_path / "base")
    data_dir.root.mkdir()
    _store_with(data_dir, articles[: len(articles) // 2])
    field_terms.forget_words()
    with Store(data_dir.store_path) as store:
        update_index(store, data_dir.index_dir, rebuild=True, procs=1)
    _store_with(data_dir, articles[len(articles) // 2 :])
    return data_dir


def _updated_copy(base: DataDir, name: str, keep_cache: bool) -> DataDir:
    data_dir = DataDir(base.root.with_name(name))
    shutil.copytree(base.root, data_dir.root, symlinks=True)
    if not keep_cache:
        (data_dir.index_dir / WORD_CACHE_FILE).unlink()
    field_terms.forget_words()
    with Store(data_dir.store_path) as store:
        report = update_index(store, data_dir.index_dir)
    assert not report.rebuilt and report.added > 0
    return data_dir


def test_a_rebuild_writes_the_cache_and_an_update_with_it_writes_the_same_index(rebuilt, schema):
    assert load_word_cache(rebuilt.index_dir, schema) > 1000
    with_cache = _updated_copy(rebuilt, "with", keep_cache=True)
    without = _updated_copy(rebuilt, "without", keep_cache=False)
    assert _segment_files(with_cache.index_dir) == _segment_files(without.index_dir)
    # The update that found no file wrote one; the one that found it learnt too few words to rewrite it.
    assert (without.index_dir / WORD_CACHE_FILE).exists()


def test_a_rebuild_by_two_processes_writes_the_cache(tmp_path, schema):
    data_dir = DataDir(tmp_path)
    _store_with(data_dir, corpus())
    with Store(data_dir.store_path) as store:
        report = update_index(store, data_dir.index_dir, rebuild=True, procs=2)
    assert report.total == len(corpus())
    field_terms.forget_words()
    assert load_word_cache(data_dir.index_dir, schema) > 500


def _damage_by_flipping_a_payload_byte(path) -> None:
    data = bytearray(path.read_bytes())
    data[-100] ^= 0xFF
    path.write_bytes(bytes(data))


DAMAGES = {
    "a flipped byte": _damage_by_flipping_a_payload_byte,
    "torn": lambda path: path.write_bytes(path.read_bytes()[: path.stat().st_size // 2]),
    "empty": lambda path: path.write_bytes(b""),
    "another file": lambda path: path.write_bytes(b"PK\x03\x04 not a cache"),
    "a damaged header": lambda path: path.write_bytes(path.read_bytes().replace(b'"crc32"', b'"crc"', 1)),
}


@pytest.mark.parametrize("damage", DAMAGES.values(), ids=DAMAGES.keys())
def test_a_damaged_cache_is_ignored_with_a_warning_and_written_anew_by_the_next_update(
    rebuilt, schema, damage, caplog
):
    path = rebuilt.index_dir / WORD_CACHE_FILE
    damage(path)
    field_terms.forget_words()
    with caplog.at_level(logging.WARNING, logger="indexer.word_cache"):
        assert load_word_cache(rebuilt.index_dir, schema) == 0
    assert "word cache" in caplog.text and "ignored" in caplog.text
    reference = _updated_copy(rebuilt, "reference", keep_cache=False)
    updated = _updated_copy(rebuilt, "damaged", keep_cache=True)
    assert _segment_files(updated.index_dir) == _segment_files(reference.index_dir)
    field_terms.forget_words()
    assert load_word_cache(updated.index_dir, schema) > 1000


def test_a_cache_of_other_analysis_code_is_stale(rebuilt, schema, monkeypatch, caplog):
    monkeypatch.setattr(word_cache, "fingerprint", lambda: "analysis code of another day")
    with caplog.at_level(logging.WARNING, logger="indexer.word_cache"):
        assert load_word_cache(rebuilt.index_dir, schema) == 0
    assert "stale" in caplog.text
    # The update finds no usable file and writes one of its own code.
    updated = _updated_copy(rebuilt, "fresh", keep_cache=True)
    field_terms.forget_words()
    assert load_word_cache(updated.index_dir, schema) > 1000


def test_the_fingerprint_names_the_analyzer_version_and_code():
    assert word_cache.fingerprint() == word_cache.fingerprint()
    assert len(word_cache.fingerprint()) == 64


def test_saving_replaces_the_file_in_one_step_and_leaves_no_temporary_file(tmp_path, schema):
    field_terms.forget_words()
    _read_all(schema, TRICKY_TEXTS)
    first = save_word_cache(tmp_path, schema).read_bytes()
    _read_all(schema, _texts())
    second = save_word_cache(tmp_path, schema).read_bytes()
    assert len(second) > len(first)
    assert [p.name for p in tmp_path.iterdir()] == [WORD_CACHE_FILE]


def test_a_small_update_neither_loads_nor_rewrites_the_cache(rebuilt, schema, monkeypatch):
    monkeypatch.setattr(index, "WORD_CACHE_MIN_ARTICLES", 10_000)
    path = rebuilt.index_dir / WORD_CACHE_FILE
    before = path.read_bytes()
    monkeypatch.setattr(WordCacheFile, "load", lambda self: pytest.fail("loaded for a small update"))
    _updated_copy(rebuilt, "small", keep_cache=True)
    assert (rebuilt.root.with_name("small") / "index" / WORD_CACHE_FILE).read_bytes() == before
