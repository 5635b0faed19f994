"""Links as a reader meets them: translations under a hit ("also in: қазақша, English"), every copy
with --no-fold (CLI search, export, timeline) and fold=0 (web), translations on the article page."""

from __future__ import annotations

import json

import pytest

from archive.links import relink
from archive.store import Store
from bench.links import load_reposts, load_translations
from tests.conftest import run_apknews
from tests.webarchive import WebServer

SHYMKENT = "Кабинет этномедиации Шымкент"  # one text: inform.kz's and zakon.kz's copy


@pytest.fixture(scope="module")
def pairs_archive(tmp_path_factory):
    """Both pair sets stored, linked and indexed by the real CLI."""
    data_dir = tmp_path_factory.mktemp("display")
    reposts, translations = load_reposts(), load_translations()
    with Store(data_dir / "apknews.sqlite3") as store:
        for article in [*reposts.articles.values(), *translations.articles.values()]:
            store.save(article)
        relink(store, sisters=translations.sisters)
    indexed = run_apknews(data_dir, "index")
    assert indexed.returncode == 0, indexed.stderr
    return data_dir, reposts, translations


def test_a_hit_names_its_translations(pairs_archive):
    data_dir, _, translations = pairs_archive
    result = run_apknews(data_dir, "search", "Сейткали", "--lang", "ru")
    assert result.returncode == 0, result.stderr
    assert "      also in: қазақша, English" in result.stdout.splitlines()
    hits = run_apknews(data_dir, "search", "Сейткали", "--lang", "ru", "--format", "json").json()["hits"]
    [hit] = [h for h in hits if h["url"] == translations.articles["xxix-ru"].url]
    assert hit["translations"] == [
        {"lang": "kk", "url": translations.articles["xxix-kk"].url},
        {"lang": "en", "url": translations.articles["xxix-en"].url},
    ]


def test_no_fold_lists_every_copy(pairs_archive):
    data_dir, reposts, _ = pairs_archive
    copies = {reposts.articles[i].url for i in ("mediation-shym-inform", "mediation-shym-zakon")}
    folded = run_apknews(data_dir, "search", SHYMKENT, "--format", "json").json()
    assert (folded["total"], folded["total_articles"], folded["counts"]) == (1, 2, "stories")
    assert folded["hits"][0]["reposts"] == 1
    every = run_apknews(data_dir, "search", SHYMKENT, "--no-fold", "--format", "json").json()
    assert (every["total"], every["counts"]) == (2, "articles")
    assert {h["url"] for h in every["hits"]} == copies and {h["reposts"] for h in every["hits"]} == {0}
    table = run_apknews(data_dir, "search", SHYMKENT, "--no-fold")
    assert f"2 articles for {SHYMKENT!r}" in table.stdout.splitlines()
    rows = run_apknews(data_dir, "export", SHYMKENT, "--no-fold", "--output", "-", "--format", "jsonl")
    assert {json.loads(line)["url"] for line in rows.stdout.splitlines()} == copies
    assert "exported 2 articles (every copy)" in rows.stderr
    one = run_apknews(data_dir, "export", SHYMKENT, "--output", "-", "--format", "jsonl")
    assert len(one.stdout.splitlines()) == 1
    timeline = run_apknews(data_dir, "timeline", SHYMKENT, "--by", "year", "--no-fold")
    assert timeline.stdout.splitlines()[-1] == "2024,2024-01-01,2"


@pytest.fixture(scope="module")
def web(pairs_archive):
    running = WebServer(pairs_archive[0])
    yield running
    running.stop()


def test_the_web_page_folds_unless_fold_0(web, pairs_archive):
    _, reposts, _ = pairs_archive
    status, folded = web.json("/search.json", q=SHYMKENT)
    assert status == 200 and (folded["total"], folded["total_articles"]) == (1, 2)
    status, every = web.json("/search.json", q=SHYMKENT, fold="0")
    assert status == 200 and (every["total"], every["counts"]) == (2, "articles")
    status, _, body = web.get("/search", q=SHYMKENT, ui="en")
    page = body.decode()
    assert 'id="unfold"' in page and "fold=0" in page and "Show every copy" in page
    status, _, body = web.get("/search", q=SHYMKENT, fold="0", ui="en")
    page = body.decode()
    assert "Every copy is listed" in page and page.count('class="hit"') == 2
    assert 'name="fold" value="0"' in page  # a new query from the form keeps every copy
    assert reposts.articles["mediation-shym-zakon"].url in page
    status, _, body = web.get("/search", q=SHYMKENT, fold="2")
    assert status == 400 and "fold" in body.decode()


def test_the_web_page_shows_translations_under_a_hit_and_on_the_article(web, pairs_archive):
    _, _, translations = pairs_archive
    status, _, body = web.get("/search", q="Сейткали", lang="ru", ui="ru")
    page = body.decode()
    assert status == 200 and 'class="translations"' in page and "также на:" in page
    assert 'hreflang="kk" lang="kk">қазақша</a>' in page and 'lang="en">English</a>' in page
    status, article = web.json("/article.json", url=translations.articles["xxix-ru"].url)
    assert status == 200
    langs = sorted(t["lang"] for t in article["related"]["translations"])
    assert langs == ["en", "kk"]
    status, _, body = web.get("/article", url=translations.articles["xxix-ru"].url)
    assert translations.articles["xxix-kk"].url.replace("&", "&amp;") in body.decode()
