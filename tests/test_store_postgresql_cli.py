"""The CLI on a PostgreSQL store (`--store postgresql://…` or APKNEWS_STORE): crawl, index (from
scratch, then incremental), search, show, status, export, check and `warc verify` read and write
the server's store, while WARC files and index stay in the data folder."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace

import pytest

from archive.articles import Article
from archive.store import Store
from tests.conftest import run_apknews


@pytest.fixture(scope="module")
def server_archive(postgres_cluster, assembly_replica, tmp_path_factory):
    """The replica crawled into a PostgreSQL store by the real CLI (`--store`), then indexed."""
    store = postgres_cluster.new_database()
    data_dir = tmp_path_factory.mktemp("server-archive")
    base_url = f"assembly={assembly_replica.base_url}"
    crawl = run_apknews(data_dir, "--store", store, "crawl", "--source", "assembly", "--base-url", base_url)
    assert crawl.returncode == 0, crawl.stderr
    index = run_apknews(data_dir, "--store", store, "index")
    assert index.returncode == 0, index.stderr
    return store, data_dir, index


@pytest.fixture
def on_server(server_archive, monkeypatch):
    """The store named by the environment, as a crawl or search node would be set up."""
    store, data_dir, _index = server_archive
    monkeypatch.setenv("APKNEWS_STORE", store)
    return store, data_dir


def test_the_crawl_stores_on_the_server_what_it_stores_in_a_file(server_archive, crawled):
    store, data_dir, index = server_archive
    assert not (data_dir / "apknews.sqlite3").exists()
    assert list((data_dir / "warc").glob("*.warc.gz")) and (data_dir / "index").is_dir()
    with (
        Store.open_readonly(store) as reader,
        Store.open_readonly(crawled.data_dir / "apknews.sqlite3") as file,
    ):
        on_server = {
            a["canonical_url"]: (a["title"], a["text"], a["published"]) for a in reader.iter_articles()
        }
        in_file = {a["canonical_url"]: (a["title"], a["text"], a["published"]) for a in file.iter_articles()}
    assert on_server == in_file and len(on_server) > 30
    assert f"{len(on_server)} articles indexed" in index.stdout


def test_search_show_status_export_and_check_read_the_server(on_server, tmp_path):
    store, data_dir = on_server
    with Store.open_readonly(store) as reader:
        stored = reader.count()
    found = run_apknews(data_dir, "search", "Тараз меморандум", "--format", "json")
    assert found.returncode == 0, found.stderr
    hits = found.json()["hits"]
    assert any("Тараз" in hit["title"] for hit in hits)
    shown = run_apknews(data_dir, "show", hits[0]["url"], "--format", "json")
    assert shown.returncode == 0 and shown.json()["title"] == hits[0]["title"]
    status = run_apknews(data_dir, "status")
    assert f"assembly: {stored} articles stored" in status.stdout
    exported = run_apknews(data_dir, "export", "*", "--output", str(tmp_path / "all.jsonl"))
    assert exported.returncode == 0, exported.stderr
    assert len((tmp_path / "all.jsonl").read_text().splitlines()) == stored
    meta = json.loads((tmp_path / "all.jsonl.meta.json").read_text())
    assert meta["archive"]["store_bytes"] > 0
    checked = run_apknews(data_dir, "check")
    assert checked.returncode == 0 and checked.stdout.startswith("check: all well:"), checked.stdout


def test_index_takes_up_only_what_changed_on_the_server(on_server):
    store, data_dir = on_server
    with Store(store) as writer:
        article = next(writer.iter_articles())
        edited = replace(_as_article(article), text=article["text"] + " Добавлено: сапсан-экспресс.")
        writer.save(edited)
    updated = run_apknews(data_dir, "index")
    assert updated.returncode == 0, updated.stderr
    assert updated.stdout.startswith("index updated: 1 articles indexed"), updated.stdout
    found = run_apknews(data_dir, "search", "сапсан-экспресс", "--format", "json").json()
    assert [hit["url"] for hit in found["hits"]] == [article["url"]]


def _as_article(stored: dict) -> Article:
    from archive.articles import WarcPointer

    fields = {k: stored[k] for k in Article.__dataclass_fields__ if k in stored and k != "warc"}
    return Article(
        **fields, warc=WarcPointer(stored["warc_file"], stored["warc_offset"], stored["warc_length"])
    )


def test_warc_verify_reads_every_pointer_back_and_names_what_failed(on_server, tmp_path):
    store, data_dir = on_server
    verified = run_apknews(data_dir, "warc", "verify")
    assert verified.returncode == 0, verified.stderr
    with Store.open_readonly(store) as reader:
        pointers = sum(1 for a in reader.iter_articles() if a["warc_file"])
    assert verified.stdout == f"warc verify: {pointers} WARC records read back, each the page it stands for\n"
    # Another machine's folder, without one of the WARC files the store points at.
    other = tmp_path / "other"
    shutil.copytree(data_dir, other)
    lost = sorted((other / "warc").glob("*.warc.gz"))[0]
    lost.unlink()
    failed = run_apknews(other, "warc", "verify", "--format", "json")
    assert failed.returncode == 1
    payload = failed.json()
    assert payload["failed"] and {f["warc_file"] for f in payload["failed"]} == {f"warc/{lost.name}"}
    assert payload["read"] + len(payload["failed"]) == pointers
    said = run_apknews(other, "warc", "verify")
    assert said.returncode == 1 and f"its WARC file warc/{lost.name} is missing" in said.stdout
    assert f"{payload['read']} of {pointers} WARC records read back" in said.stderr


def test_warc_verify_on_the_data_folders_own_store(crawled):
    verified = run_apknews(crawled.data_dir, "warc", "verify")
    assert verified.returncode == 0 and "WARC records read back, each the page" in verified.stdout


def test_a_store_that_is_not_a_postgresql_address_is_one_line(tmp_path):
    said = run_apknews(tmp_path, "--store", "mysql://db/apknews", "status")
    assert said.returncode == 1 and said.stdout == ""
    assert said.stderr.startswith("apknews: error: not a PostgreSQL address: mysql://db/apknews (hint:")
    assert said.stderr.count("\n") == 1


def test_the_web_page_reads_the_server(on_server):
    from web.app import create_app

    store, data_dir = on_server
    client = create_app({"DATA_DIR": data_dir, "TESTING": True}).test_client()
    found = client.get("/search.json", query_string={"q": "Тараз"}).get_json()
    assert found["hits"], found
    page = client.get("/article.json", query_string={"url": found["hits"][0]["url"]})
    assert page.status_code == 200 and page.get_json()["title"] == found["hits"][0]["title"]


def test_a_rebuild_shared_by_two_writer_processes_reads_the_server(on_server, tmp_path):
    from indexer.index import indexed_urls, update_index

    store, _data_dir = on_server
    with Store(store) as reader:  # each writer process opens the store again from its address
        report = update_index(reader, tmp_path / "index", rebuild=True, procs=2)
        urls = {a["canonical_url"] for a in reader.iter_articles()}
    assert report.rebuilt and report.added == len(urls)
    assert sorted(indexed_urls(tmp_path / "index")) == sorted(urls)
