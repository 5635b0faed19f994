"""`apknews check` on a crawled archive damaged by the test: each problem found with its repair."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from whoosh import index as whoosh_index

from archive.settings import DataDir
from archive.store import Store
from archive.warc_scan import scan_warc
from indexer.generations import live_folder
from tests.conftest import run_apknews


@pytest.fixture
def archive(crawled, tmp_path) -> DataDir:
    """A copy of the crawled archive, for this test to damage."""
    target = tmp_path / "archive"
    shutil.copytree(crawled.data_dir, target, symlinks=True)
    return DataDir(target)


def _warc_file(data_dir: DataDir) -> Path:
    (path,) = data_dir.warc_dir.glob("*.warc.gz")
    return path


def test_a_sound_archive_gives_one_line_and_exit_0(archive):
    checked = run_apknews(archive.root, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.count("\n") == 1 and checked.stdout.startswith("check: all well:")
    with Store(archive.store_path) as store:
        articles = store.count()
    assert f"{articles} articles, {articles} indexed" in checked.stdout
    payload = run_apknews(archive.root, "check", "--format", "json").json()
    assert payload["ok"] and payload["problems"] == [] and payload["pointers_read"] == articles


def test_a_torn_warc_tail_is_found_cut_and_its_article_fetched_again(archive, crawled):
    warc = _warc_file(archive)
    whole = warc.read_bytes()
    with open(warc, "r+b") as f:
        f.truncate(len(whole) - 200)  # the last record torn, as a crawl killed mid-write leaves it
    checked = run_apknews(archive.root, "check")
    assert checked.returncode == 1
    assert f"problem: warc/{warc.name}: torn tail" in checked.stdout
    assert "  repair: apknews check --repair-warc" in checked.stdout
    assert "lies past the file's end" in checked.stdout  # the torn record's article
    assert "  repair: apknews crawl --source assembly --refresh" in checked.stdout
    print(checked.stdout)

    repaired = run_apknews(archive.root, "check", "--repair-warc")
    assert "repaired: warc/" in repaired.stdout and "torn tail" not in repaired.stdout
    (copy,) = archive.warc_dir.glob("*.torn-*")
    assert copy.read_bytes() == whole[: len(whole) - 200]  # the file as it was, kept
    scan = scan_warc(warc)
    assert scan.torn_bytes == 0 and warc.stat().st_size == scan.whole_end

    base = f"assembly={crawled.replica.base_url}"
    refetched = run_apknews(archive.root, "crawl", "--source", "assembly", "--base-url", base, "--refresh")
    assert refetched.returncode == 0, refetched.stderr
    assert run_apknews(archive.root, "index").returncode == 0
    final = run_apknews(archive.root, "check")
    assert final.returncode == 0, final.stdout


def test_a_deleted_index_is_found_and_rebuilt(archive):
    shutil.rmtree(live_folder(archive.index_dir))
    checked = run_apknews(archive.root, "check")
    assert checked.returncode == 1
    assert "problem: no index in" in checked.stdout
    assert "  repair: apknews index --rebuild" in checked.stdout
    print(checked.stdout)
    assert run_apknews(archive.root, "index", "--rebuild").returncode == 0
    assert run_apknews(archive.root, "check").returncode == 0


def test_an_article_missing_from_the_index_is_named(archive):
    with Store(archive.store_path) as store:
        url = next(store.iter_articles())["canonical_url"]
    ix = whoosh_index.open_dir(str(live_folder(archive.index_dir)))
    with ix.writer() as writer:
        writer.delete_by_term("canonical_url", url)
    ix.close()
    checked = run_apknews(archive.root, "check", "--format", "json")
    assert checked.returncode == 1
    problems = checked.json()["problems"]
    assert problems == [
        {
            "kind": "not-indexed",
            "message": f"{url}: in the store, not in the index",
            "repair": "apknews index --rebuild",
        }
    ]
    print(run_apknews(archive.root, "check").stdout)
    assert run_apknews(archive.root, "index", "--rebuild").returncode == 0
    assert run_apknews(archive.root, "check").returncode == 0
