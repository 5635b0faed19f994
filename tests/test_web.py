"""The web page over HTTP (`apknews serve`): JSON twins agree with search(); escaping; 400s, read-only."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
import sqlite3
import xml.etree.ElementTree as ET

import pytest

from search import Filters, search
from tests.webarchive import HOSTILE_TITLE, SECOND_SOURCE, WebServer, build_web_archive

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def archive(crawled, tmp_path_factory):
    return build_web_archive(crawled.data_dir, tmp_path_factory.mktemp("web") / "data")


@pytest.fixture(scope="module")
def server(archive):
    running = WebServer(archive.data_dir)
    yield running
    running.stop()


def store_digest(data_dir) -> str:
    """A digest of every row of the store: changes if any page wrote anything."""
    db = sqlite3.connect(data_dir / "apknews.sqlite3")
    digest = hashlib.sha256()
    for table in [
        r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
    ]:
        for row in db.execute(f"SELECT * FROM {table} ORDER BY rowid"):
            digest.update(repr(row).encode())
    db.close()
    return digest.hexdigest()


def test_search_json_is_the_library_result(server, archive):
    status, body = server.json("/search.json", q="ассамблея", lang="ru", sort="date")
    assert status == 200
    expected = search(
        archive.data_dir, "ассамблея", filters=Filters(lang="ru"), sort="date", limit=20
    ).to_dict()
    assert body["total"] == expected["total"] > 0
    assert [h["url"] for h in body["hits"]] == [h["url"] for h in expected["hits"]]
    assert body["facets"] == expected["facets"]
    assert body["understood"] == expected["understood"]
    assert {h["lang"] for h in body["hits"]} == {"ru"}


def test_html_page_shows_what_the_json_twin_says(server):
    _, data = server.json("/search.json", q="Тараз")
    status, headers, body = server.get("/search", q="Тараз")
    html = body.decode()
    assert status == 200 and "text/html" in headers["Content-Type"]
    assert f'<strong id="total">{data["total"]}</strong>' in html
    for hit in data["hits"]:
        assert hit["title"] in html
    # snippets: matched forms marked, facet counts shown, the chart drawn on the server
    assert "<mark>" in html
    names = {"ru": "русский", "kk": "казахский", "en": "английский"}  # Russian: no Accept-Language
    for lang, count in data["facets"]["lang"].items():
        assert f'data-value="{lang}">{names[lang]}</a>\n        <span class="count">{count}</span>' in html
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html and 'class="bar"' in html


def test_pagination_pages_through_every_hit(server):
    _, first = server.json("/search.json", q="*", sort="date")
    total = first["total"]
    assert total > 20, "the web archive must hold more than one page"
    seen = [h["url"] for h in first["hits"]]
    _, second = server.json("/search.json", q="*", sort="date", page=2)
    seen += [h["url"] for h in second["hits"]]
    assert len(seen) == len(set(seen)) == min(total, 40)
    _, _, html = server.get("/search", q="*", sort="date")
    assert 'rel="next" href="?q=%2A&amp;sort=date&amp;page=2"' in html.decode()


def test_filters_narrow_the_hits(server):
    _, body = server.json("/search.json", q="*", source=SECOND_SOURCE)
    assert body["total"] == 2 and {h["source"] for h in body["hits"]} == {SECOND_SOURCE}
    _, ranged = server.json("/search.json", q="*", **{"from": "2021-01-01", "to": "2021-12-31"})
    assert ranged["total"] > 0 and all(h["published"].startswith("2021") for h in ranged["hits"])


def test_a_hostile_title_is_escaped_everywhere(server, archive):
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;"
    for path, params in [
        ("/search", {"q": "экранирование"}),
        ("/article", {"url": archive.hostile_url}),
        ("/feed.atom", {"q": "экранирование"}),
    ]:
        status, _, body = server.get(path, **params)
        text = body.decode()
        assert status == 200, path
        assert escaped in text, path
        assert "<script>" not in text, path
    _, article = server.json("/article.json", url=archive.hostile_url)
    assert article["title"] == HOSTILE_TITLE


def test_the_query_is_escaped_when_shown(server):
    hostile = '"><img src=x onerror=alert(1)> ассамблея'
    status, _, body = server.get("/search", q=hostile)
    text = body.decode()
    assert "<img src=x" not in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in text
    assert status in (200, 400)


def test_every_page_forbids_scripts(server):
    _, headers, _ = server.get("/search", q="ассамблея")
    assert "script-src" not in headers["Content-Security-Policy"]  # default-src 'none' covers scripts
    assert "default-src 'none'" in headers["Content-Security-Policy"]


@pytest.mark.parametrize(
    "params",
    [
        {"q": "x", "lang": "de"},
        {"q": "x", "from": "2021-13-01"},
        {"q": "x", "from": "29/09/2021"},
        {"q": "x", "from": "31.02.2021"},
        {"q": "x", "from": "2022-01-01", "to": "2021-01-01"},
        {"q": "x", "page": "0"},
        {"q": "x", "page": "abc"},
        {"q": "x", "page": "99999"},
        {"q": "x", "sort": "random"},
        {"q": "x", "source": "<b>"},
        {"q": "x", "split": "year"},
        {"q": '"unbalanced'},
        {"q": "(Тараз"},
    ],
)
def test_bad_parameters_are_a_400_page_and_a_400_json(server, params):
    status, headers, body = server.get("/search", **params)
    assert status == 400 and "text/html" in headers["Content-Type"]
    assert b'class="error"' in body and b"Traceback" not in body
    status, data = server.json("/search.json", **params)
    assert status == 400 and data["error"]["message"]


def test_a_repeated_parameter_is_a_400(server):
    status, _, body = server.request(server.base_url + "/search?q=a&q=b&ui=en")
    assert status == 400 and b"more than once" in body
    status, _, body = server.request(server.base_url + "/search?q=a&q=b")  # Russian by default
    assert status == 400 and "указан больше одного раза" in body.decode()


def test_search_json_needs_a_query(server):
    status, data = server.json("/search.json")
    assert status == 400 and "q" in data["error"]["message"]


def test_unknown_article_is_a_404(server):
    status, _, body = server.get("/article", url="https://nowhere.example/", ui="en")
    assert status == 404 and b"no article archived" in body
    status, _, body = server.get("/article", url="https://nowhere.example/", ui="kk")
    assert status == 404 and "мекенжайы бойынша мақала жоқ" in body.decode()
    status, data = server.json("/article.json", url="https://nowhere.example/")
    assert status == 404 and data["error"]["status"] == 404


def test_article_page_has_text_metadata_versions_and_links(server, archive):
    _, _, body = server.get("/article", url=archive.hostile_url)
    html = body.decode()
    assert "Проверка экранирования: &lt;b&gt;жирный&lt;/b&gt; &amp; «кавычки»" in html
    assert 'id="versions"' in html and "Первая редакция заголовка" in html
    assert f'href="{archive.hostile_url}"' in html  # link to the original
    assert 'id="archived"' in html
    _, data = server.json("/article.json", url=archive.hostile_url)
    assert [v["title"] for v in data["versions"]] == ["Первая редакция заголовка"]
    assert data["source"] == SECOND_SOURCE and data["published"] == "2021-05-05"
    assert data["archived_copy"].startswith(server.base_url + "/archived?")


def test_reposts_and_translations_are_shown(server, archive):
    _, original = server.json("/article.json", url=archive.original_url)
    assert [r["url"] for r in original["related"]["reposted_as"]] == [archive.repost_url]
    assert original["related"]["translations"][0]["lang"] == "kk"
    _, _, body = server.get("/article", url=archive.repost_url)
    assert 'id="repost_of"' in body.decode()


def test_archived_copy_is_served_inert(server, archive):
    status, headers, body = server.get("/archived", url=archive.hostile_url, ui="en")
    html = body.decode()
    assert status == 200
    policy = headers["Content-Security-Policy"]
    assert "script-src 'none'" in policy and "sandbox" in policy
    assert "Archived hostile page" in html and "archived body text" in html
    lowered = html.lower()
    for trace in ("<script", "onload=", "onerror=", "javascript:", "<iframe", "http-equiv"):
        assert trace not in lowered, trace
    assert "Archived copy of" in html  # the banner
    _, _, body = server.get("/archived", url=archive.hostile_url)
    assert "Архивная копия" in body.decode()  # in Russian by default


def test_archived_copy_of_an_article_without_record_is_a_404(server, archive):
    status, _, body = server.get("/archived", url=archive.repost_url, ui="en")
    assert status == 404 and b"no archived copy" in body


def test_csv_download_is_every_story(server):
    _, data = server.json("/search.json", q="ассамблея")
    status, headers, body = server.get("/export.csv", q="ассамблея")
    assert status == 200 and "attachment" in headers["Content-Disposition"]
    assert body.startswith(b"\xef\xbb\xbf")  # Excel reads the Cyrillic right
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert len(rows) == data["total"] <= data["total_articles"]  # one row per story, as the list
    assert {r["url"] for r in rows} >= {h["url"] for h in data["hits"]}


def test_jsonl_and_xlsx_downloads(server):
    from openpyxl import load_workbook

    _, data = server.json("/search.json", q="*", lang="kk")
    _, _, body = server.get("/export.jsonl", q="*", lang="kk")
    records = [json.loads(line) for line in body.decode().splitlines()]
    assert len(records) == data["total"] and {r["lang"] for r in records} == {"kk"}
    assert "text" not in records[0]
    _, _, body = server.get("/export.jsonl", q="*", lang="kk", text="1")
    assert all(json.loads(line)["text"] for line in body.decode().splitlines())
    status, headers, body = server.get("/export.xlsx", q="*", lang="kk")
    assert status == 200 and "spreadsheetml" in headers["Content-Type"]
    sheet = load_workbook(io.BytesIO(body), read_only=True)["hits"]
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) - 1 == data["total"]
    assert {r[rows[0].index("lang")] for r in rows[1:]} == {"kk"}


def test_atom_feed_of_the_query(server):
    status, headers, body = server.get("/feed.atom", q="*", lang="en")
    assert status == 200 and headers["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(body)
    entries = feed.findall(f"{ATOM}entry")
    _, data = server.json("/search.json", q="*", lang="en", sort="date")
    assert [e.find(f"{ATOM}id").text for e in entries][:20] == [h["canonical_url"] for h in data["hits"]]
    updated = [e.find(f"{ATOM}updated").text for e in entries]
    assert updated == sorted(updated, reverse=True)


def test_timeline_json_counts_the_stories_the_list_holds(server):
    _, data = server.json("/search.json", q="*")
    _, timeline = server.json("/timeline.json", q="*", split="source")
    assert timeline["counts"] == data["counts"] == "stories"
    assert (timeline["total"], timeline["total_articles"]) == (data["total"], data["total_articles"])
    assert sum(timeline["period_totals"]) + timeline["undated"] >= data["total"]
    assert set(timeline["series"]) == set(data["facets"]["source"])
    months = timeline["periods"]
    assert len(months) == len(set(months)) and months == sorted(months)


def test_no_page_writes_anything(server, archive):
    before = store_digest(archive.data_dir)
    for path, params in [
        ("/", {}),
        ("/search", {"q": "ассамблея", "lang": "ru"}),
        ("/article", {"url": archive.hostile_url}),
        ("/archived", {"url": archive.hostile_url}),
        ("/export.csv", {"q": "*"}),
        ("/export.xlsx", {"q": "*"}),
        ("/feed.atom", {"q": "*"}),
    ]:
        status, _, _ = server.get(path, **params)
        assert status == 200, path
    status, _, _ = server.request(server.url("/search", q="x"), method="POST")
    assert status == 405
    assert store_digest(archive.data_dir) == before


def test_an_archive_without_index_says_so(archive, tmp_path):
    data_dir = tmp_path / "unindexed"
    data_dir.mkdir()
    shutil.copy(archive.data_dir / "apknews.sqlite3", data_dir / "apknews.sqlite3")
    unindexed = WebServer(data_dir)
    try:
        status, _, body = unindexed.get("/search", q="ассамблея")
        assert status == 503 and b"apknews index" in body and b"Traceback" not in body
        status, data = unindexed.json("/search.json", q="ассамблея")
        assert status == 503 and "apknews index" in data["error"]["message"]
        status, _, _ = unindexed.get("/")
        assert status == 200  # the home page needs only the store
    finally:
        unindexed.stop()
