"""The benchmark's own code: the synthetic archive is reproducible, and the query mix runs on both engines."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from archive.settings import DataDir
from archive.store import Store
from bench import fts5
from bench.archive import ArchiveGenerator, write_archive
from bench.queries import query_mix
from bench.vocabulary import build_vocabulary
from bench.worker import dump_query
from bench.worker import queries as run_query_mix
from indexer.index import update_index
from tests.conftest import ROOT

TAIL = 300  # dictionary lemmas: a small vocabulary builds in well under a second
ARTICLES = 80


@pytest.fixture(scope="module")
def vocab():
    return build_vocabulary(tail_lemmas=TAIL)


@pytest.fixture(scope="module")
def archive(vocab, tmp_path_factory) -> DataDir:
    data_dir = DataDir(tmp_path_factory.mktemp("bench-archive"))
    write_archive(data_dir.store_path, ArchiveGenerator(vocab, seed=7), 0, ARTICLES)
    with Store(data_dir.store_path) as store:
        update_index(store, data_dir.index_dir)
    fts5.build(data_dir.store_path, data_dir.root / fts5.FTS_FILE)
    return data_dir


def test_the_same_seed_gives_the_same_archive_and_another_seed_another(vocab):
    first = [a.to_dict() for a in ArchiveGenerator(vocab, seed=7).articles(0, 30)]
    again = [
        a.to_dict() for a in ArchiveGenerator(build_vocabulary(tail_lemmas=TAIL), seed=7).articles(0, 30)
    ]
    other = [a.to_dict() for a in ArchiveGenerator(vocab, seed=8).articles(0, 30)]
    assert first == again
    assert all(a["text"] != b["text"] for a, b in zip(first, other, strict=True))
    # Article n does not depend on what was generated before it: the 10k archive is the 100k's start.
    assert ArchiveGenerator(vocab, seed=7).article(17).to_dict() == first[17]


def test_two_processes_write_the_same_archive_as_one(vocab, tmp_path, monkeypatch):
    import bench.archive

    monkeypatch.setattr(bench.archive, "MAKER_SPAN", 7)  # several spans, one cut short at the end
    stores = {}
    for procs in (1, 2):
        path = tmp_path / f"{procs}.sqlite3"
        assert write_archive(path, ArchiveGenerator(vocab, seed=7), 5, 40, procs=procs) == 40
        with Store(path) as store:
            stores[procs] = [dict(article) for article in store.iter_articles()]
    assert len(stores[1]) == 40 and stores[1] == stores[2]
    assert stores[1][0]["canonical_url"].endswith("bench-0000005/")


def test_articles_look_like_news_in_three_languages(vocab):
    articles = list(ArchiveGenerator(vocab, seed=7).articles(0, 300))
    assert {a.lang for a in articles} == {"ru", "kk", "en"}
    assert len({a.published[:4] for a in articles}) >= 8  # spread over the years
    lengths = sorted(len(a.text.split()) for a in articles)
    assert 100 <= lengths[len(lengths) // 2] <= 300
    assert lengths[-1] > 2 * lengths[len(lengths) // 2]  # a long tail of long reports
    russian = " ".join(a.text for a in articles if a.lang == "ru").lower()
    # Inflection: one lemma in several cases, not one frozen form.
    assert sum(form in russian.split() for form in ("ассамблея", "ассамблеи", "ассамблее", "ассамблеей")) >= 3
    kazakh = " ".join(a.text for a in articles if a.lang == "kk")
    assert any(letter in kazakh for letter in "әғқңөұүі")


def test_every_query_of_the_mix_runs_on_both_engines_and_they_agree(vocab, archive, tmp_path):
    mix_file = tmp_path / "mix.json"
    mix = query_mix(vocab)
    mix_file.write_text(json.dumps([dump_query(q) for q in mix]), encoding="utf-8")
    whoosh = run_query_mix(archive.root, "whoosh", mix_file, rounds=1)
    sqlite = run_query_mix(archive.root, "fts5", mix_file, rounds=1)
    assert whoosh["failed"] == {} and sqlite["failed"] == {}
    assert set(whoosh["queries"]) == set(sqlite["queries"]) == {q.name for q in mix}
    assert whoosh["queries"]["facets all"]["total"] == sqlite["queries"]["facets all"]["total"] == ARTICLES
    for name in ("common ru", "and 2 ru b", "dates year", "kazakh 2"):
        assert whoosh["queries"][name]["total"] == sqlite["queries"][name]["total"], name
    assert whoosh["queries"]["common ru"]["total"] > 0


def test_bench_command_prints_the_table_and_writes_json(tmp_path):
    run = subprocess.run(
        [sys.executable, "-m", "bench", "--sizes", "20,40", "--procs", "1", "--rounds", "1",
         "--extraction-seconds", "0.1", "--large-rounds", "1", "--tail-lemmas", str(TAIL),
         "--incremental", "10",
         "--work-dir", str(tmp_path / "work"), "--results-dir", str(tmp_path / "results"), "--label", "test"],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert "query 40 warm p95 ms" in run.stdout
    assert "incremental +10 to 40" in run.stdout
    assert "`apknews search` 20, median of 10: wall ms" in run.stdout  # the smallest archive
    (saved,) = (tmp_path / "results").glob("*-test.json")
    results = json.loads(saved.read_text(encoding="utf-8"))
    assert results["sizes"]["40"]["rebuild"]["1"]["docs"] == 40
    assert results["extraction"]["1"]["pages_per_s"] > 0
    startup = results["startup"]
    assert startup["archive"] == 20 and len(startup["wall_ms"]) == 10
    assert min(startup["wall_ms"]) <= startup["median_ms"] <= max(startup["wall_ms"])
    assert results["sizes"]["20"]["archive"]["cpu_s"] > 0

    # How each figure grew from 20 to 40 articles, ours beside FTS5's, with the factor of the step.
    growth_rows = [re.split(r"\s{2,}", line) for line in run.stdout.split("\ngrowth")[1].splitlines()]
    assert growth_rows[0][1:] == ["engine", "20", "40", "20→40"]
    peak = next(row for row in growth_rows if row[:2] == ["rebuild, 1 proc: peak RSS MiB", "apknews"])
    ours = (
        results["sizes"]["40"]["rebuild"]["1"]["peak_mib"]
        / results["sizes"]["20"]["rebuild"]["1"]["peak_mib"]
    )
    assert peak[-1].rstrip("!") == f"×{ours:.2f}"
    assert {row["engine"] for row in results["growth"]} == {"apknews", "FTS5"}
    assert "worse than linear" in run.stdout

    # A later run reads beside an earlier one: here the same run against itself, so every change is 1.00.
    shown = subprocess.run(
        [sys.executable, "-m", "bench", "--show", str(saved), "--baseline", str(saved)],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert shown.returncode == 0, shown.stderr
    header, _, *rows = shown.stdout.splitlines()
    assert header.split() == ["measure", "apknews", "before", "change", "FTS5", "ratio", "goal"]
    wall = next(re.split(r"\s{2,}", row) for row in rows if row.startswith("rebuild 40, 1 proc: wall s"))
    name, ours, before, change, *_ = wall
    assert (ours, change) == (before, "1.00")

    # A run stopped halfway (results are saved after every step) still shows what it measured.
    del results["sizes"]["40"]["queries"], results["sizes"]["40"]["hostile"], results["startup"]
    saved.write_text(json.dumps(results), encoding="utf-8")
    show = [sys.executable, "-m", "bench", "--show", str(saved)]
    partial = subprocess.run(show, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert partial.returncode == 0, partial.stderr
    assert "rebuild 40, 1 proc: wall s" in partial.stdout and "query 40 warm" not in partial.stdout


def test_a_rebuild_by_two_writer_processes_finds_what_one_writer_finds(vocab, archive, tmp_path):
    from search import search

    parallel = DataDir(tmp_path)
    parallel.store_path.write_bytes(archive.store_path.read_bytes())
    with Store(parallel.store_path) as store:
        report = update_index(store, parallel.index_dir, rebuild=True, procs=2)
    assert (report.added, report.total) == (ARTICLES, ARTICLES)
    for query in query_mix(vocab):
        one = search(archive.root, query.text, **query.search_kwargs())
        two = search(parallel.root, query.text, **query.search_kwargs())
        assert one.total == two.total, query.name
        assert one.facets == two.facets, query.name
