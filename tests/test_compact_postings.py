"""Compact posting blocks: what is written is what Whoosh's matchers and our readers read back, for
one posting and thousands, large gaps and positions, weights of every kind and fields without
positions, in blocks of today's kind and of the kind written before (the whole payload deflated);
an index of them is reopened, searched, merged, and an old one is rebuilt."""

from __future__ import annotations

import json
import random

import pytest
from whoosh import index as whoosh_index
from whoosh.analysis import SpaceSeparatedTokenizer
from whoosh.fields import ID, TEXT, Schema

from archive.settings import DataDir
from archive.store import Store
from indexer.index import META_FILE, IndexMissingError, open_index, update_index
from indexer.whoosh_format import decode_positions, read_many_postings
from indexer.whoosh_format.codec import CompactCodec
from indexer.whoosh_format.compact import COMPRESSED, DELTAS_COMPRESSED, BlockHeader
from indexer.whoosh_format.fast_writer import FastSegmentWriter
from search import search
from tests.synthetic import fill_store
from tests.test_index import _segment_files
from tests.test_merging import _article
from tests.test_posting_blocks import writing_old_kind_blocks

DOCS = 70_000  # ids past 65,535 apart: gaps of four bytes
LONG_DOC = 5  # a document of 70,000 words: positions (and a count) of four bytes


def _schema() -> Schema:
    return Schema(
        body=TEXT(analyzer=SpaceSeparatedTokenizer(), phrase=True),
        heavy=TEXT(analyzer=SpaceSeparatedTokenizer(), phrase=True, field_boost=2.5),
        bare=TEXT(analyzer=SpaceSeparatedTokenizer(), phrase=False),
        tag=ID(),
    )


def _documents():
    """(docnum, fields) of every document; most are one word."""
    for docnum in range(DOCS):
        words = ["every"] if docnum % 500 else ["every", "often", "often"]
        if docnum == 0:
            words += ["once", "ends"]
        if docnum == DOCS - 1:
            words.append("ends")
        if docnum == LONG_DOC:
            words += ["pad"] * 70_000 + ["far", "far"]
        text = " ".join(words)
        fields = {"body": text, "tag": "odd" if docnum % 2 else "even"}
        if docnum % 1000 == 0:
            fields["heavy"] = text
            fields["bare"] = text
        yield docnum, fields


def _expected() -> dict[tuple[str, str], dict[int, list[int]]]:
    """{(field, word): {docnum: positions}}; a field without positions holds none."""
    found: dict[tuple[str, str], dict[int, list[int]]] = {}
    for docnum, fields in _documents():
        for fieldname, value in fields.items():
            words = [value] if fieldname == "tag" else value.split()
            for position, word in enumerate(words):
                found.setdefault((fieldname, word), {}).setdefault(docnum, []).append(position)
    return found


def _write(folder) -> None:
    ix = whoosh_index.create_in(str(folder), _schema())
    writer = FastSegmentWriter(ix, limitmb=64, compound=False)
    for _, fields in _documents():
        writer.add_document(**fields)
    writer.commit()


@pytest.fixture(scope="module", params=["today's blocks", "old blocks"])
def written(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp("old" if request.param == "old blocks" else "compact")
    if request.param == "old blocks":
        with writing_old_kind_blocks():
            _write(folder)
    else:
        _write(folder)
    return folder


def _weight(fieldname: str, positions: list[int]) -> float:
    if fieldname == "tag":
        return 1.0
    return len(positions) * (2.5 if fieldname == "heavy" else 1.0)


def test_what_is_written_whooshs_matchers_and_our_readers_read_back(written):
    expected = _expected()
    assert len(expected[("body", "every")]) == DOCS and len(expected[("body", "once")]) == 1
    ix = whoosh_index.open_dir(str(written))
    with ix.reader() as reader:
        assert type(reader.codec()) is CompactCodec
        words = sorted(expected)
        read = read_many_postings(reader, [(f, w.encode()) for f, w in words], with_values=True)
        fields = ix.schema
        for (fieldname, word), postings in zip(words, read, strict=True):
            docs = expected[(fieldname, word)]
            weights = [_weight(fieldname, p) for p in docs.values()]
            assert postings.ids.tolist() == list(docs), (fieldname, word)
            assert postings.weights.tolist() == weights, (fieldname, word)
            assert postings.doc_frequency == len(docs)
            fmt = fields[fieldname].format
            matcher = reader.postings(fieldname, word.encode())
            by_whoosh = []
            while matcher.is_active():
                value = matcher.value()
                positions = fmt.decode_positions(value) if fieldname in ("body", "heavy") else None
                by_whoosh.append((matcher.id(), matcher.weight(), positions))
                matcher.next()
            if fieldname in ("body", "heavy"):
                assert by_whoosh == [(d, w, p) for (d, p), w in zip(docs.items(), weights, strict=True)]
                counts, positions = decode_positions(postings.values, fmt)
                assert counts.tolist() == [len(p) for p in docs.values()]
                assert positions.tolist() == [x for p in docs.values() for x in p]
            else:
                assert [(d, w) for d, w, _ in by_whoosh] == list(zip(docs, weights, strict=True))
    ix.close()


def _deflated_kinds(reader, fieldname: str, word: bytes) -> set[int]:
    """The deflation flags of a term's blocks."""
    offset, length = reader.term_info(fieldname, word).extent()
    raw = reader._terms._postfile.get(offset, length[0] if isinstance(length, tuple) else length)
    kinds, at, last_id = set(), 0, -1
    while at < len(raw):
        header = BlockHeader(raw, at, last_id)
        kinds.add(header.flags & (COMPRESSED | DELTAS_COMPRESSED))
        at, last_id = header.end, header.last_id
    return kinds


def test_a_term_read_for_some_documents_reads_the_blocks_holding_them(written):
    ix = whoosh_index.open_dir(str(written))
    with ix.reader() as reader:
        if written.name.startswith("old"):
            assert _deflated_kinds(reader, "body", b"pad") == {COMPRESSED}
            assert COMPRESSED in _deflated_kinds(reader, "tag", b"odd")
        else:  # position gaps deflated, a head and blocks without positions raw
            assert _deflated_kinds(reader, "body", b"pad") == {DELTAS_COMPRESSED}
            assert _deflated_kinds(reader, "tag", b"odd") == {0}
        wanted = [3, 40_000, DOCS - 1]
        (postings,) = read_many_postings(reader, [("body", b"every")], True, only=wanted)
        assert set(wanted) <= set(postings.ids.tolist()) and len(postings.ids) <= 3 * 128
        counts, positions = decode_positions(postings.values, ix.schema["body"].format)
        assert counts.sum() == len(postings.ids) and not positions.any()
        matcher = reader.postings("body", b"ends")
        matcher.skip_to(DOCS - 1)  # a skip over a gap of 69,999 documents
        assert matcher.id() == DOCS - 1
    ix.close()


def test_whooshs_writer_with_the_codec_writes_the_same_bytes(tmp_path):
    def write(folder, make_writer):
        folder.mkdir()
        ix = whoosh_index.create_in(str(folder), _schema())
        writer = make_writer(ix)
        for docnum, fields in _documents():
            if docnum < 600 or docnum == DOCS - 1:
                writer.add_document(**fields)
        writer.commit()

    write(tmp_path / "whoosh", lambda ix: ix.writer(compound=False, codec=CompactCodec()))
    write(tmp_path / "fast", lambda ix: FastSegmentWriter(ix, compound=False))
    assert _segment_files(tmp_path / "fast") == _segment_files(tmp_path / "whoosh")


def test_an_index_is_reopened_searched_merged_and_an_old_one_rebuilt(tmp_path):
    fill_store(tmp_path, 120)
    data_dir = DataDir(tmp_path)
    with Store(data_dir.store_path) as store:
        update_index(store, data_dir.index_dir, rebuild=True, procs=2)  # two segments
    assert search(data_dir, '"ассамблея"', limit=50).total > 0
    rng = random.Random(5)
    for first in (0, 20):  # articles added and replaced in two commits: the tier of four merges
        with Store(data_dir.store_path) as store:
            for number in range(first, first + 30):
                store.save(_article(rng, number))
            update_index(store, data_dir.index_dir)
    ix = open_index(data_dir.index_dir)
    with ix.reader() as reader:
        leaves = [leaf for leaf, _ in reader.leaf_readers()]
        assert len(leaves) < 4 and {type(leaf.codec()) for leaf in leaves} == {CompactCodec}
    ix.close()
    queries = ('"ассамблея"', "ассамбл*", "Тараз OR молодежь")
    merged = {q: search(data_dir, q, limit=200) for q in queries}
    # An index of the schema before the compact blocks is refused, then rebuilt: same answers.
    meta_path = data_dir.index_dir / META_FILE
    meta = json.loads(meta_path.read_text())
    meta_path.write_text(json.dumps({**meta, "schema_version": "7.0"}))
    with pytest.raises(IndexMissingError):
        open_index(data_dir.index_dir)
    with Store(data_dir.store_path) as store:
        assert update_index(store, data_dir.index_dir).rebuilt
    for q, result in merged.items():
        again = search(data_dir, q, limit=200)
        assert again.total == result.total > 0, q
        # (Scores move a little: a merge knows the replaced documents' field lengths rounded only.)
        assert {h.url for h in again.hits} == {h.url for h in result.hits}, q


def test_a_term_of_one_posting_is_written_to_the_postings_file_not_inlined(tmp_path):
    ix = whoosh_index.create_in(str(tmp_path), _schema())
    writer = ix.writer(compound=False, codec=CompactCodec())
    writer.add_document(body="lonely every", tag="odd")
    writer.add_document(body="every", tag="even")
    writer.commit()
    with ix.reader() as reader:
        for term in (("body", b"lonely"), ("body", b"every"), ("tag", b"odd")):
            assert not reader.term_info(*term).is_inlined()
        assert list(reader.postings("body", "lonely").all_ids()) == [0]
    with pytest.raises(TypeError):
        CompactCodec(inlinelimit=5)  # the limit is no argument: nothing is ever inlined
