"""Segment merging on update: few segments after many small commits, the same answers as a rebuild,
segments of the old posting blocks merged into today's, and merged segments written byte for byte
as Whoosh merges them."""

from __future__ import annotations

import random
import shutil

from whoosh import index as whoosh_index

from archive.settings import DataDir
from archive.store import Store
from indexer.analysis import ANALYZER_VERSION
from indexer.generations import live_folder
from indexer.index import SCHEMA_VERSION, IndexMeta, _document, build_schema, open_index, update_index
from indexer.whoosh_format.codec import CompactCodec
from indexer.whoosh_format.fast_writer import FastSegmentWriter
from indexer.whoosh_format.merging import MERGE_FACTOR, SMALLEST_TIER_DOCS, segments_to_merge, tier_of
from search import search
from tests.test_index import _replica_store_articles, _segment_files
from tests.test_posting_blocks import writing_old_kind_blocks
from tests.test_store import make_article

_WORDS = {
    "ru": "ассамблея народа казахстана единство согласие дом дружбы молодежь тараз меморандум совет "
    "форум язык культура этнос регион праздник семинар волонтеры",
    "kk": "қазақстан халқы ассамблеясы бірлік келісім достық үйі жастар тараз меморандум кеңес форум "
    "тіл мәдениет өңір мереке жоба еріктілер",
}
_QUERIES = ("ассамблея", "меморандум тараз", "достық үйі", "форум", "мереке OR праздник", '"дом дружбы"')


def _article(rng: random.Random, number: int):
    lang = "ru" if number % 3 else "kk"
    words = _WORDS[lang].split()
    url = f"https://assembly.kz/{lang}/news/{number}/"
    return make_article(
        url=url,
        canonical_url=url,
        lang=lang,
        title=" ".join(rng.choice(words) for _ in range(5)).capitalize(),
        text=" ".join(rng.choice(words) for _ in range(rng.randint(10, 60))) + ".",
        published=f"20{10 + number % 15}-0{1 + number % 9}-1{number % 10}",
    )


def _segments(index_dir) -> list[int]:
    ix = open_index(index_dir)
    try:
        with ix.reader() as reader:
            return [leaf.doc_count_all() for leaf, _ in reader.leaf_readers()]
    finally:
        ix.close()


def _answers(data_dir: DataDir) -> dict[str, tuple]:
    """Per query: its total, and its first hits' scores with the URLs scored each (documents of
    equal score are ranked by their order in the index, which merging changes)."""
    found = {}
    for text in _QUERIES:
        result = search(data_dir, text, limit=20)
        scores = [round(hit.score, 4) for hit in result.hits]
        above_last = sorted(
            (round(hit.score, 4), hit.url) for hit in result.hits if round(hit.score, 4) > scores[-1]
        )
        found[text] = (result.total, scores, above_last)
    return found


def test_many_small_commits_keep_few_segments_and_answer_as_a_rebuild(tmp_path):
    updated, rebuilt = DataDir(tmp_path / "updated"), DataDir(tmp_path / "rebuilt")
    updated.root.mkdir()
    rng = random.Random(17)
    number, counts = 0, []
    for _ in range(80):
        with Store(updated.store_path) as store:
            for _ in range(rng.randint(0, 6)):
                store.save(_article(rng, number))
                number += 1
            update_index(store, updated.index_dir)
        counts.append(len(_segments(updated.index_dir)))
    # Without merging there would be a segment per commit that added articles (about 70).
    assert max(counts) <= 2 * MERGE_FACTOR
    rebuilt.root.mkdir()
    shutil.copy(updated.store_path, rebuilt.store_path)
    with Store(rebuilt.store_path) as store:
        report = update_index(store, rebuilt.index_dir, rebuild=True)
    assert report.total == number == sum(_segments(updated.index_dir))
    answers = _answers(updated)
    assert answers == _answers(rebuilt)
    assert all(total for total, _, _ in answers.values())


def test_segments_of_old_blocks_are_read_and_merged_as_segments_of_todays(tmp_path):
    """An index written before the position gaps were deflated apart (whole payloads deflated,
    schema 9) answers as one of today's blocks, before and after its segments are merged into
    today's by an update (not a rebuild), which marks it with today's schema."""
    old, today = DataDir(tmp_path / "old"), DataDir(tmp_path / "today")
    rng = random.Random(23)
    articles = [_article(rng, number) for number in range(120)]

    def commit(data_dir: DataDir, first: int):
        with Store(data_dir.store_path) as store:
            for article in articles[first : first + 24]:
                store.save(article)
            return update_index(store, data_dir.index_dir)

    for data_dir in (old, today):
        data_dir.root.mkdir()
        for first in (0, 24, 48, 72):
            if data_dir is old:
                with writing_old_kind_blocks():
                    commit(data_dir, first)
            else:
                commit(data_dir, first)
    old_meta = IndexMeta.read(live_folder(old.index_dir))
    IndexMeta(f"9.{ANALYZER_VERSION}", old_meta.last_seq).write(live_folder(old.index_dir))
    assert _segment_files(old.index_dir) != _segment_files(today.index_dir)
    assert _answers(old) == _answers(today)
    for data_dir in (old, today):
        # The tier of four merges into the commit's segment, of today's blocks.
        assert not commit(data_dir, 96).rebuilt
        assert _segments(data_dir.index_dir) == [len(articles)]
    assert IndexMeta.read(live_folder(old.index_dir)).schema_version == SCHEMA_VERSION
    assert _segment_files(old.index_dir) == _segment_files(today.index_dir)
    answers = _answers(old)
    assert answers == _answers(today) and all(total for total, _, _ in answers.values())


def test_the_smallest_full_tier_is_merged_and_large_segments_are_left_alone():
    small = SMALLEST_TIER_DOCS // 4
    assert tier_of(small) == 0 and tier_of(SMALLEST_TIER_DOCS * MERGE_FACTOR + 1) == 2
    assert segments_to_merge([50_000, 50_000] + [small] * (MERGE_FACTOR - 1)) == []
    assert segments_to_merge([50_000, 50_000] + [small] * MERGE_FACTOR) == list(range(2, 2 + MERGE_FACTOR))
    # Large segments (over a tenth of the index) stay, however many there are.
    assert segments_to_merge([20_000] * MERGE_FACTOR + [small]) == []
    assert segments_to_merge([60_000] + [15_000] * MERGE_FACTOR) == []
    assert segments_to_merge([100_000] + [15_000] * MERGE_FACTOR) == list(range(1, 1 + MERGE_FACTOR))


def test_a_merge_writes_whooshs_segment_byte_for_byte(tmp_path):
    articles = _replica_store_articles()
    # Small segments, some documents replaced (deletions), then one commit that merges them all.
    rounds = [(False, articles[:8]), (True, articles[5:14]), (True, articles[12:20]), (True, articles[18:])]
    for name, make_writer in (
        ("whoosh", lambda ix: ix.writer(compound=False, codec=CompactCodec())),
        ("fast", lambda ix: FastSegmentWriter(ix, limitmb=0.05, compound=False)),
    ):
        (tmp_path / name).mkdir()
        ix = whoosh_index.create_in(str(tmp_path / name), build_schema())
        for number, (updating, part) in enumerate(rounds, start=1):
            writer = make_writer(ix)
            for article in part:
                (writer.update_document if updating else writer.add_document)(**_document(article))
            writer.commit(optimize=number == len(rounds))
        with ix.reader() as reader:
            assert reader.doc_count() == len(articles) and len(reader.leaf_readers()) == 1
    whoosh_files, fast_files = _segment_files(tmp_path / "whoosh"), _segment_files(tmp_path / "fast")
    assert [name for name, _ in fast_files] == [name for name, _ in whoosh_files]
    for (name, whoosh_bytes), (_, fast_bytes) in zip(whoosh_files, fast_files, strict=True):
        assert fast_bytes == whoosh_bytes, name
