"""Compact posting blocks read with numpy (many blocks at once) give what was written and what the
block-by-block reading gives, for every item width and weight shape; values of other formats come
back as stored, from blocks of today's kind and of the kind written before (the whole payload
deflated); and searchers read the term index through a memory map with the same results."""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
import pytest
from whoosh import formats
from whoosh import index as whoosh_index

from archive.settings import DataDir
from bench.judged.scorer import build_corpus
from indexer.whoosh_format import block_reader, blocks, compact, decode_positions, read_many_postings
from indexer.whoosh_format.mapped import MappedFile
from indexer.whoosh_format.positions import PositionValues
from search.evaluate import Evaluation
from search.opening import _searcher
from search.query import understand

_POSITIONS = formats.Positions()
_BLOCK_PARTS = compact.block_parts


def old_kind_block_parts(count, gaps, weights, values, max_weight, fmt, compression) -> tuple:
    """compact.block_parts as it wrote blocks before DELTAS_COMPRESSED: the whole payload raw
    deflated (COMPRESSED) when that made it smaller."""
    head, top, payload = _BLOCK_PARTS(count, gaps, weights, values, max_weight, fmt, 0)
    _, at = compact.read_varint(head, 0)
    flags = head[at + 1]
    if compression and len(payload) >= compact.COMPRESSION_MIN_SIZE:
        deflated = compact.deflate(payload, compression)
        if len(deflated) < len(payload):
            payload, flags = deflated, flags | compact.COMPRESSED
    return compact.varint(len(payload)) + bytes((head[at], flags)) + head[at + 2 :], top, payload


@contextmanager
def writing_old_kind_blocks() -> Iterator[None]:
    """Every block written meanwhile (by our writers and by Whoosh's with our codec) of the old kind."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(compact, "block_parts", old_kind_block_parts)
        patch.setattr(blocks, "block_parts", old_kind_block_parts)
        yield


def _made_blocks(rng) -> list[tuple[list[int], list[float], list[list[int]]]]:
    """Blocks of every shape: id gaps and positions of 1, 2 and 4 bytes, weights implied, alike or
    each its own, one posting or 128."""
    blocks, docnum = [], -1
    for shape in range(40):
        count = 1 if shape % 7 == 0 else int(rng.integers(2, 129))
        gaps = rng.choice([1, 3, 200, 70_000, 40_000_000], count) * (shape % 5 + 1) // 5 + 1
        ids = (docnum + np.cumsum(gaps)).tolist()
        docnum = ids[-1]
        top = [10, 300, 100_000][shape % 3]
        positions = [sorted(set(rng.integers(0, top, int(rng.integers(1, 9))).tolist())) for _ in ids]
        kind = shape % 3  # implied (the number of positions), all alike, each its own
        weights = (
            [float(len(p)) for p in positions]
            if kind == 0
            else [2.5] * count
            if kind == 1
            else [float(w) for w in rng.integers(1, 9, count)]
        )
        blocks.append((ids, weights, positions))
    return blocks


def _stored(made) -> tuple[list[compact.BlockHeader], list[bytes]]:
    headers, stored, last_id = [], [], -1
    for ids, weights, positions in made:
        values = [_POSITIONS.encode(p) for p in positions]
        stats = (None, 0, max(weights))
        raw = compact.encode_block(ids, array("f", weights), values, stats, last_id, _POSITIONS, 3)
        header = compact.BlockHeader(raw, 0, last_id)
        assert header.end == len(raw)
        headers.append(header)
        stored.append(raw[header.start :])
        last_id = ids[-1]
    return headers, stored


@pytest.mark.parametrize("old_kind", [False, True])
@pytest.mark.parametrize("seed", range(3))
def test_blocks_read_with_numpy_as_written_and_as_one_by_one(seed, old_kind):
    made = _made_blocks(np.random.default_rng(seed))
    assert max(ids[-1] for ids, _, _ in made) > 1 << 24  # four-byte gaps among them
    if old_kind:
        with writing_old_kind_blocks():
            headers, stored = _stored(made)
    else:
        headers, stored = _stored(made)
    kinds = {h.flags & (compact.COMPRESSED | compact.DELTAS_COMPRESSED) for h in headers}
    assert kinds == ({0, compact.COMPRESSED} if old_kind else {0, compact.DELTAS_COMPRESSED})
    for with_values in (False, True):
        ids, weights, values = block_reader.decode_blocks(headers, stored, with_values)
        assert ids.tolist() == [i for block_ids, _, _ in made for i in block_ids]
        assert weights.tolist() == [w for _, block_weights, _ in made for w in block_weights]
    counts, positions = decode_positions(values, _POSITIONS)
    assert counts.tolist() == [len(p) for _, _, block in made for p in block]
    assert positions.tolist() == [x for _, _, block in made for p in block for x in p]
    for header, data, (block_ids, block_weights, block_positions) in zip(headers, stored, made, strict=True):
        ids, weights, values = compact.decode_block(header, header.inflated(data), None)
        assert (ids, weights) == (block_ids, block_weights)
        assert values == [_POSITIONS.encode(p) for p in block_positions]


def test_blocks_of_other_values_are_read_one_by_one():
    """Values of another format than positions (here fixed-size and free-form) come back as stored."""
    ids, weights = [3, 9, 400], array("f", [1.0, 1.0, 1.0])
    for fmt, values in (
        (formats.Existence(), []),
        (_FixedSize(), [b"ab", b"cd", b"ef"]),
        (_FreeForm(), [b"x", b"yz", b"w"]),
    ):
        raw = compact.encode_block(ids, weights, values, (None, 0, 1.0), -1, fmt, 3)
        header = compact.BlockHeader(raw, 0, -1)
        got = compact.decode_block(header, header.payload(raw), fmt.fixed_value_size())
        assert got[:2] == (ids, [1.0] * 3)
        assert got[2] == (values or ([None] * 3 if fmt.fixed_value_size() == 0 else []))
        read = block_reader.decode_blocks([header], [raw[header.start :]], with_values=bool(values))
        assert read[0].tolist() == ids and read[1].tolist() == [1.0] * 3


class _FixedSize(formats.Format):
    def fixed_value_size(self):
        return 2


class _FreeForm(formats.Format):
    def fixed_value_size(self):
        return None


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> DataDir:
    return build_corpus(tmp_path_factory.mktemp("blocks"))


def test_every_word_read_together_with_numpy_as_whoosh_reads_it(data_dir):
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


@pytest.mark.parametrize("seed", range(3))
def test_decoded_positions_taken_in_any_order_read_as_each_value_holds_them(seed):
    """A term's decoded positions read back alike whether taken as one run (a slice), as ascending
    runs with gaps (the documents of a phrase's candidates), or out of order and repeated; and
    empty values among ascending runs take nothing."""
    rng = np.random.default_rng(seed)
    made = _made_blocks(rng)
    headers, stored = _stored(made)
    _, _, values = block_reader.decode_blocks(headers, stored, with_values=True)
    expected = [p for _, _, block in made for p in block]
    some = np.flatnonzero(rng.random(len(expected)) < 0.3)
    shuffled = rng.integers(0, len(expected), 50)
    for taken, indices in (
        (values, range(len(expected))),
        (values.slice(7, 90), range(7, 90)),
        (values.take(some), some.tolist()),
        (values.take(some[:3]), some[:3].tolist()),  # few: gathered by index, not through a mask
        (values.take(shuffled), shuffled.tolist()),
    ):
        counts, positions = taken.positions()
        assert counts.tolist() == [len(expected[i]) for i in indices]
        assert positions.tolist() == [x for i in indices for x in expected[i]]
    with_empty = PositionValues.of_positions(np.array([2, 0, 3, 0, 0, 1]), np.arange(6) * 10)
    counts, positions = with_empty.take(np.array([0, 1, 3, 5])).positions()
    assert (counts.tolist(), positions.tolist()) == ([2, 0, 0, 1], [0, 10, 50])
