"""Posting blocks read with numpy (ids and weights, many blocks at once, half decompressed) give what
pickle gives, for every item size and weight shape; a block laid out otherwise is unpickled; and
searchers read the term index through a memory map with the same results."""

from __future__ import annotations

import pickle
import zlib
from array import array

import numpy as np
import pytest
from whoosh import index as whoosh_index

from archive.settings import DataDir
from bench.judged.scorer import build_corpus
from indexer.whoosh_format import block_reader, read_many_postings
from indexer.whoosh_format.blocks import _block_data
from indexer.whoosh_format.mapped import MappedFile
from search.evaluate import Evaluation
from search.opening import _searcher
from search.query import understand


def _stored_block(ids: list[int], weights: list[float]) -> tuple[bytes, bool]:
    """A block as the segment writer stores it, positions-shaped values included."""
    values = [len(ids).to_bytes(4, "big") + pickle.dumps([i % 300, 7], 2) for i in ids]
    level, data = _block_data(ids, array("f", weights), values, None, 3)
    return data, bool(level)


def _blocks(rng) -> list[tuple[list[int], list[float]]]:
    blocks, docnum = [], 0
    for shape in range(40):
        count = int(rng.integers(4, 129))
        gaps = rng.choice([1, 3, 200, 70_000, 40_000_000], count) * (shape % 5 + 1) // 5 + 1
        ids = (docnum + np.cumsum(gaps)).tolist()
        docnum = ids[-1]
        kind = shape % 3  # all 1.0 (stored as NONE), all alike (one float), each its own
        weights = (
            [1.0] * count if kind == 0 else [2.0] * count if kind == 1 else rng.integers(1, 9, count).tolist()
        )
        blocks.append((ids, [float(w) for w in weights]))
    return blocks


def _numpy_always(monkeypatch) -> None:
    monkeypatch.setattr(block_reader, "VECTOR_MIN_BYTES", 0)
    monkeypatch.setattr(block_reader, "VECTOR_MIN_BYTES_A_POSTING", 0)


@pytest.mark.parametrize("seed", range(3))
def test_blocks_read_with_numpy_as_pickle_reads_them(seed, monkeypatch):
    rng = np.random.default_rng(seed)
    made = _blocks(rng)
    assert max(ids[-1] for ids, _ in made) > 1 << 24  # four-byte items among them
    stored = [_stored_block(ids, weights) for ids, weights in made]
    data, compressed = [s[0] for s in stored], [s[1] for s in stored]
    counts = [len(ids) for ids, _ in made]
    _numpy_always(monkeypatch)
    ids, weights, values = block_reader.decode_blocks(data, compressed, counts, with_values=False)
    assert values is None
    assert ids.tolist() == [i for block_ids, _ in made for i in block_ids]
    assert weights.tolist() == [w for _, block_weights in made for w in block_weights]
    monkeypatch.setattr(block_reader, "VECTOR_MIN_BYTES", 1 << 40)
    pickled = block_reader.decode_blocks(data, compressed, counts, with_values=True)
    assert pickled[0].tolist() == ids.tolist() and pickled[1].tolist() == weights.tolist()


def test_a_block_laid_out_otherwise_is_unpickled(monkeypatch):
    made = _blocks(np.random.default_rng(9))[:6]
    stored = [_stored_block(ids, weights) for ids, weights in made]
    data, compressed = [s[0] for s in stored], [s[1] for s in stored]
    # The third block pickled with protocol 4 (framed, another opcode layout): pickle reads it.
    third = pickle.loads(zlib.decompress(data[2]) if compressed[2] else data[2])
    data[2], compressed[2] = zlib.compress(pickle.dumps(third, 4)), True
    _numpy_always(monkeypatch)
    ids, weights, _ = block_reader.decode_blocks(
        data, compressed, [len(i) for i, _ in made], with_values=False
    )
    assert ids.tolist() == [i for block_ids, _ in made for i in block_ids]
    assert weights.tolist() == [w for _, block_weights in made for w in block_weights]


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> DataDir:
    return build_corpus(tmp_path_factory.mktemp("blocks"))


def test_every_word_read_together_with_numpy_as_whoosh_reads_it(data_dir, monkeypatch):
    _numpy_always(monkeypatch)
    searcher = _searcher(data_dir.index_dir)
    for fieldname in ("text_ru", "exact_text", "loose_ru", "title_kk", "lang"):
        for subsearcher, _offset in searcher.leaf_searchers():
            reader = subsearcher.reader()
            words = list(reader.lexicon(fieldname))
            assert words
            for word, postings in zip(
                words, read_many_postings(reader, [(fieldname, w) for w in words], False), strict=True
            ):
                matcher = reader.postings(fieldname, word)
                ids, weights = [], []
                while matcher.is_active():
                    ids.append(matcher.id())
                    weights.append(matcher.weight())
                    matcher.next()
                assert postings.ids.tolist() == ids
                assert postings.weights.tolist() == weights


def test_searchers_read_the_term_index_through_a_memory_map(data_dir):
    mapped = _searcher(data_dir.index_dir)
    for reader, _offset in mapped.reader().leaf_readers():
        assert isinstance(reader._terms._tindex.dbfile, MappedFile)
        assert not isinstance(reader._terms._postfile, MappedFile)
    ix = whoosh_index.open_dir(str(data_dir.index_dir))
    with ix.searcher() as opened:  # files read by seek and read, as Whoosh opens them
        for text in ("ассамбл*", '"Дом дружбы"', "Тараз OR молодежь", '"ассамблея народа молодежь"~10'):
            q = understand(text, mapped.schema).query
            by_map, by_file = Evaluation(mapped).matches(q), Evaluation(opened).matches(q)
            assert len(by_map) > 0
            assert by_map.ids.tolist() == by_file.ids.tolist()
            assert by_map.scores.tolist() == by_file.scores.tolist()
    ix.close()
