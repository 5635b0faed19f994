"""Searching the crawled replica through the CLI and the library, as a journalist would."""

from __future__ import annotations

import json
import sqlite3

import pytest

from search import QueryError, search
from search.export import DEFAULT_FIELDS
from tests.conftest import run_apknews


def search_json(crawled, *args):
    result = run_apknews(crawled.data_dir, "search", *args, "--format", "json", "--limit", "100")
    assert result.returncode == 0, result.stderr
    return result.json()


def test_taraz_finds_an_article_that_only_says_v_taraze(crawled, replica_articles):
    only_inflected = [
        a
        for a in replica_articles
        if a["lang"] == "ru" and "в Таразе" in a["text"] and "Тараз " not in a["text"]
    ]
    assert only_inflected, "the replica must hold an article that says only 'в Таразе'"
    found = search_json(crawled, "Тараз")
    urls = {hit["url"].split("/ru/news/")[-1].strip("/") for hit in found["hits"]}
    for article in only_inflected:
        assert article["slug"] in urls


def test_journalists_two_word_query(crawled):
    found = search_json(crawled, "Тараз меморандум")
    assert found["total"] >= 1
    top = found["hits"][0]
    assert "меморандум" in top["title"].lower()
    assert "**" in top["snippet"]


def test_assembly_in_any_case_finds_genitive_and_instrumental(crawled, replica_articles):
    found = search_json(crawled, "ассамблея", "--lang", "ru")
    slugs = {hit["url"].rstrip("/").rsplit("/", 1)[-1] for hit in found["hits"]}
    for article in replica_articles:
        if article["lang"] != "ru" or article.get("draft"):
            continue
        words = article["text"].lower()
        if "ассамблеей" in words or "ассамблеи" in words:
            assert article["slug"] in slugs, article["slug"]


def test_hit_fields_are_the_contract(crawled):
    found = search_json(crawled, "меморандум")
    assert {"query", "total", "hits"} <= set(found)
    assert found["facets"]["lang"] and found["facets"]["source"] == {"assembly": found["total"]}
    hit = found["hits"][0]
    assert {"url", "title", "source", "lang", "published", "score", "snippet"} <= set(hit)
    assert len(hit["published"]) == 10 and hit["published"][4] == "-"


def test_filters_and_date_sort(crawled):
    found = search_json(crawled, "*", "--lang", "en", "--sort", "date")
    assert found["total"] > 0
    assert {h["lang"] for h in found["hits"]} == {"en"}
    dates = [h["published"] for h in found["hits"]]
    assert dates == sorted(dates, reverse=True)
    ranged = search_json(crawled, "*", "--from", "2021-01-01", "--to", "2021-12-31")
    assert ranged["total"] > 0
    assert all(h["published"].startswith("2021") for h in ranged["hits"])


def test_kazakh_query_finds_kazakh_text(crawled):
    found = search_json(crawled, "Таразда")
    assert found["total"] >= 1
    assert all(h["lang"] == "kk" for h in found["hits"])


@pytest.mark.parametrize("query", ['"Дом дружбы', "(Тараз", "Тараз)", "   "])
def test_a_malformed_query_is_one_clear_line(crawled, query):
    result = run_apknews(crawled.data_dir, "search", query)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "hint" in lines[0], result.stderr


def test_the_library_raises_query_error(crawled):
    with pytest.raises(QueryError) as caught:
        search(crawled.data_dir, '"unbalanced')
    assert "quote" in str(caught.value)


def test_a_missing_index_is_one_clear_line(tmp_path):
    result = run_apknews(tmp_path, "search", "Тараз")
    assert result.returncode == 1
    assert "apknews index" in result.stderr
    assert "Traceback" not in result.stderr


def test_export_star_writes_every_article(crawled, tmp_path):
    out = tmp_path / "all.jsonl"
    result = run_apknews(crawled.data_dir, "export", "*", "--format", "jsonl", "--output", str(out))
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    db = sqlite3.connect(crawled.data_dir / "apknews.sqlite3")
    stored = db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    db.close()
    assert len(lines) == stored
    assert "text" not in lines[0]
    assert list(lines[0]) == DEFAULT_FIELDS


def test_export_with_text_matches_search_total(crawled, tmp_path):
    out = tmp_path / "hits.jsonl"
    result = run_apknews(crawled.data_dir, "export", "ассамблея", "--output", str(out), "--with-text")
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    total = search_json(crawled, "ассамблея")["total"]
    assert len(lines) == total >= 5
    assert all(line["text"] for line in lines)


def test_show_finds_an_article_by_any_url_variant(crawled):
    hit = search_json(crawled, "меморандум")["hits"][0]
    variant = hit["url"].rstrip("/") + "?utm_source=telegram&print=Y"
    result = run_apknews(crawled.data_dir, "show", variant, "--format", "json")
    assert result.returncode == 0, result.stderr
    article = result.json()
    assert article["title"] == hit["title"]
    assert article["text"]
