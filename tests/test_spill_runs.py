"""A writer's spilled runs are read back a bounded chunk at a time, and merge back to every posting."""

from __future__ import annotations

import marshal
import struct

from whoosh import index as whoosh_index

from indexer.index import _document, build_schema
from indexer.whoosh_format import posting_buffer
from indexer.whoosh_format.fast_writer import FastSegmentWriter
from replicas.assembly_data import assembly_articles

_LENGTH = struct.Struct("<Q")


def _documents() -> list[dict]:
    return [
        _document(
            {
                "canonical_url": f"https://assembly.kz{article['path']}",
                "url": f"https://assembly.kz{article['path']}",
                "source": "assembly",
                "lang": article["lang"],
                "title": article["title"],
                "text": article["text"],
                "published": article["date"],
                "author": None,
            }
        )
        for article in assembly_articles()
    ]


def _chunks(path: str) -> list[list]:
    chunks = []
    with open(path, "rb") as run:
        while header := run.read(_LENGTH.size):
            chunks.append(marshal.loads(run.read(_LENGTH.unpack(header)[0])))
    return chunks


def _merged_terms(tmp_path, name: str, documents: list[dict]) -> tuple[list, list[str]]:
    folder = tmp_path / name
    folder.mkdir()
    ix = whoosh_index.create_in(str(folder), build_schema())
    writer = FastSegmentWriter(ix, limitmb=0.05, compound=False)  # spills every few articles
    for document in documents:
        writer.add_document(**document)
    runs = list(writer.pool.runs)
    chunks = [chunk for path in runs for chunk in _chunks(path)]
    terms = [(field, term, list(postings)) for field, term, postings in writer.pool.terms()]
    writer.cancel()
    return terms, chunks


def test_a_run_chunk_holds_a_bounded_number_of_postings_and_merges_back_the_same(tmp_path, monkeypatch):
    documents = _documents()
    unbounded, _ = _merged_terms(tmp_path, "unbounded", documents)
    monkeypatch.setattr(posting_buffer, "RUN_CHUNK_POSTINGS", 40)
    bounded, chunks = _merged_terms(tmp_path, "bounded", documents)
    assert len(chunks) > 10
    for chunk in chunks:
        postings = sum(len(flat) // 3 for _, _, flat in chunk)
        # A chunk closes once it reaches the bound: all but its last term stay under it.
        assert postings - len(chunk[-1][2]) // 3 < 40
    assert bounded == unbounded
