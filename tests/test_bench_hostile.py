"""The bench's hostile queries: each under the web page's cap, each answered (hits, not a refusal)."""

from __future__ import annotations

import json

from archive.settings import DataDir
from archive.store import Store
from bench import hostile
from bench.worker import dump_query
from bench.worker import queries as run_query_mix
from indexer.index import update_index
from tests.synthetic import fill_store


def test_the_hostile_queries_stay_under_the_cap_and_each_is_answered(tmp_path):
    data_dir = DataDir(tmp_path / "data")
    fill_store(data_dir.root, 120)
    with Store(data_dir.store_path) as store:
        update_index(store, data_dir.index_dir)
    mix = hostile.hostile_mix()
    assert all(len(q.text) <= 500 for q in mix) and len({q.name for q in mix}) == len(mix)
    mix_file = tmp_path / "hostile.json"
    mix_file.write_text(json.dumps([dump_query(q) for q in mix]), encoding="utf-8")
    out = run_query_mix(data_dir.root, "whoosh", mix_file, rounds=1)
    assert out["failed"] == {}
    assert out["queries"]["prefix ас*"]["total"] > 0
    assert out["queries"]["ас* x125"]["total"] == out["queries"]["prefix ас*"]["total"]
    text = hostile.slowest({"sizes": {"120": {"hostile": out}}})
    assert text.splitlines()[0].startswith("slowest hostile queries")
