"""Tests of the assembly.kz replica itself: its article files, its routes and its HTTP server."""

from __future__ import annotations

import datetime as dt
import html
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

import pytest
from protego import Protego

from replicas.assembly_data import MONTHS, format_date
from replicas.assembly_site import PAGE_SIZE, AssemblySite, assembly_articles
from replicas.server import ReplicaServer

REPO_ROOT = Path(__file__).resolve().parent.parent
ARTICLES = assembly_articles()
LISTINGS = {"kk": "/news/", "ru": "/ru/news/", "en": "/en/news/"}
CHROME_LINES = {
    "Возврат к списку",
    "Back to the list",
    "Тізімге оралу",
    "Поделиться",
    "Share",
    "Бөлісу",
    "Версия для печати",
    "Print version",
    "Басып шығару нұсқасы",
    "Сейчас читают",
    "None",
    "Ассамблея народа Казахстана",
    "Қазақстан халқы Ассамблеясы",
    "Assembly of People of Kazakhstan",
}
TARAZ_ONLY_INFLECTED = "molodezh-zhambylskoy-oblasti-obsudila-edinstvo"
KAZAKH_LETTERS = set("әғқңөұүһі")
DATE_PATTERNS = {
    lang: re.compile(rf"^\d{{2}} ({'|'.join(months)}), \d{{4}}$") for lang, months in MONTHS.items()
}


@pytest.fixture(scope="module")
def server():
    with ReplicaServer(AssemblySite()) as running:
        yield running


def fetch(server: ReplicaServer, path: str) -> tuple[int, str, bytes]:
    """(status, content type, body) of GET `path`; error statuses are answers, not exceptions."""
    try:
        with urllib.request.urlopen(server.base_url + path, timeout=10) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read()


def page_text(server: ReplicaServer, path: str) -> str:
    status, _, body = fetch(server, path)
    assert status == 200, path
    return body.decode("utf-8")


def listing_hrefs(page: str) -> list[str]:
    items = re.findall(r'<div class="news-item">.*?<a href="([^"]+)">', page, re.S)
    return [html.unescape(href) for href in items]


def last_page_number(page: str) -> int:
    pager = page.split('<div class="modern-page-navigation">', 1)[1]
    return max(int(n) for n in re.findall(r">(\d+)</(?:a|span)>", pager))


def canonical(href: str) -> str:
    path = href.split("?", 1)[0]
    return path if path.endswith("/") else path + "/"


def walk_listing(server: ReplicaServer, lang: str) -> list[list[str]]:
    first = page_text(server, LISTINGS[lang])
    pages = [listing_hrefs(first)]
    for number in range(2, last_page_number(first) + 1):
        pages.append(listing_hrefs(page_text(server, f"{LISTINGS[lang]}?PAGEN_1={number}")))
    return pages


def detail(page: str, css_class: str) -> str:
    return html.unescape(re.search(rf'<span class="{css_class}">([^<]*)</span>', page)[1])


# -- the article files -------------------------------------------------------------------------


def test_article_counts_per_language():
    published = [a for a in ARTICLES if not a["draft"]]
    by_place = Counter((a["lang"], a["listing"]) for a in published)
    assert by_place[("kk", "kk")] >= 11
    assert by_place[("ru", "ru")] >= 11
    assert by_place[("en", "en")] >= 8
    assert by_place[("en", "kk")] == 3  # the old English items at the root
    drafts = [a for a in ARTICLES if a["draft"]]
    assert [(a["lang"], a["slug"][:7]) for a in drafts] == [("ru", "proekt-")]
    assert {a["date"][:4] for a in ARTICLES} >= {"2016", "2025"}


def test_titles_and_first_paragraphs_are_unique():
    assert len({a["title"] for a in ARTICLES}) == len(ARTICLES)
    assert len({a["paragraphs"][0] for a in ARTICLES}) == len(ARTICLES)


def test_paragraphs_carry_no_site_chrome():
    for article in ARTICLES:
        for paragraph in article["paragraphs"] + [article["byline"]]:
            assert paragraph.strip() not in CHROME_LINES, article["slug"]
            assert not paragraph.strip().isdigit(), article["slug"]
            for chrome in (
                "Возврат к списку",
                "Back to the list",
                "Тізімге оралу",
                "Поделиться",
                "Версия для печати",
            ):
                assert chrome not in paragraph, article["slug"]


def test_slugs_and_kazakh_texts():
    for article in ARTICLES:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", article["slug"])
        if article["lang"] == "kk":
            assert KAZAKH_LETTERS & set(article["text"].lower()), article["slug"]
    kazakh = " ".join(a["text"] for a in ARTICLES if a["lang"] == "kk")
    for word in ("Ассамблеясы", "Ассамблеясының", "Қазақстан халқы", "Достық үйі", "жастар"):
        assert word in kazakh
    assert any(a["slug"].startswith("aza-stan") for a in ARTICLES if a["lang"] == "kk")
    assert sum("Тараз" in a["title"] + a["text"] for a in ARTICLES if a["lang"] == "kk") >= 2


def test_taraz_only_inflected_article():
    (article,) = [a for a in ARTICLES if a["slug"] == TARAZ_ONLY_INFLECTED]
    assert article["lang"] == "ru" and "Тараз" not in article["title"]
    assert "в Таразе" in article["text"]
    mentions = article["text"].count("Тараз")
    assert re.findall(r"\S*Тараз\w*", article["text"]) == ["Таразе"] * mentions
    assert re.findall(r"\w+ Тараз", article["text"]) == ["в Тараз"] * mentions


def test_assembly_word_forms_in_russian():
    russian = [a["title"] + "\n" + a["text"] for a in ARTICLES if a["lang"] == "ru"]
    assert any("Ассамблеи" in text for text in russian)
    assert any("Ассамблеей" in text for text in russian)
    assert any("ассамблеей" in text and "ассамблея" not in text.lower() for text in russian)


# -- the routes --------------------------------------------------------------------------------


def test_robots_txt_disallows_drafts_and_print_versions(server):
    status, content_type, body = fetch(server, "/robots.txt")
    assert status == 200 and content_type.startswith("text/plain")
    robots = Protego.parse(body.decode("utf-8"))
    draft = next(a for a in ARTICLES if a["draft"])
    published = next(a for a in ARTICLES if not a["draft"])
    assert not robots.can_fetch(server.base_url + draft["path"], "apknews")
    assert not robots.can_fetch(server.base_url + published["path"] + "?print=Y", "apknews")
    assert robots.can_fetch(server.base_url + published["path"], "apknews")
    assert robots.can_fetch(server.base_url + "/ru/news/?PAGEN_1=2", "apknews")


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_pagination_lists_every_article_once(server, lang):
    pages = walk_listing(server, lang)
    assert all(len(page) == PAGE_SIZE for page in pages[:-1]) and 0 < len(pages[-1]) <= PAGE_SIZE
    listed = [canonical(href) for page in pages for href in page]
    assert len(listed) == len(set(listed))
    expected = [a["path"] for a in ARTICLES if a["listing"] == lang]
    assert listed == expected  # newest first, exactly as assembly_articles() orders them
    hrefs = {href for page in pages for href in page}
    assert hrefs == {a["listing_href"] for a in ARTICLES if a["listing"] == lang}
    non_drafts = {a["path"] for a in ARTICLES if a["listing"] == lang and not a["draft"]}
    assert non_drafts <= set(listed)
    if lang == "ru":
        assert any("/proekt-" in path for path in listed)


def test_listing_link_variants(server):
    hrefs = [href for lang in LISTINGS for page in walk_listing(server, lang) for href in page]
    assert sum("?utm_source=main&utm_medium=banner" in href for href in hrefs) == 1
    without_slash = [href for href in hrefs if "?" not in href and not href.endswith("/")]
    assert 2 <= len(without_slash) < len(hrefs) // 4


def test_listing_page_past_the_end_is_the_last_page(server):
    for path in LISTINGS.values():
        first = page_text(server, path)
        last = last_page_number(first)
        last_page = page_text(server, f"{path}?PAGEN_1={last}")
        assert page_text(server, f"{path}?PAGEN_1={last + 5}") == last_page
        assert page_text(server, f"{path}?PAGEN_1=1") == first


def test_article_served_with_and_without_slash_and_tracking(server):
    for article in ARTICLES:
        with_slash = page_text(server, article["path"])
        assert page_text(server, article["path"].rstrip("/")) == with_slash
        tracked = article["path"] + "?utm_source=main&utm_medium=banner"
        assert page_text(server, tracked) == with_slash
        assert html.unescape(re.search(r"<h3>([^<]*)</h3>", with_slash)[1]) == article["title"]
        text = re.search(r'<div class="news-detail-text">(.*?)</div>', with_slash, re.S)[1]
        paragraphs = [html.unescape(p) for p in re.findall(r"<p>(.*?)</p>", text, re.S)]
        assert "\n\n".join(paragraphs) == article["text"]


def test_print_version_has_the_same_text_in_simpler_markup(server):
    article = next(a for a in ARTICLES if a["byline"])
    printed = page_text(server, article["path"] + "?print=Y")
    assert "news-detail-share" not in printed and "main-menu" not in printed
    for paragraph in article["paragraphs"] + [article["byline"]]:
        assert html.escape(paragraph) in printed


def test_draft_is_served_when_asked(server):
    draft = next(a for a in ARTICLES if a["draft"])
    assert html.escape(draft["title"]) in page_text(server, draft["path"])


@pytest.mark.parametrize(
    "path",
    [
        "/ru/news/no-such-article/",
        "/nothing",
        "/ru/",
        "/upload/iblock/zzz/abc.jpg",
        "/en/news/molodezh-zhambylskoy-oblasti-obsudila-edinstvo/",
        "/ru/news/a/b/",
    ],
)
def test_unknown_paths_get_the_404_page(server, path):
    status, content_type, body = fetch(server, path)
    assert status == 404 and content_type == "text/html; charset=UTF-8"
    assert b"<html" in body


def test_dates_written_in_each_language_format(server):
    for article in ARTICLES:
        written = detail(page_text(server, article["path"]), "news-date-time")
        assert written == article["date_text"]
        assert DATE_PATTERNS[article["lang"]].match(written), written
    assert format_date(dt.date(2024, 4, 30), "kk") == "30 Сәуір, 2024"
    assert format_date(dt.date(2025, 6, 13), "ru") == "13 Июня, 2025"
    assert format_date(dt.date(2016, 10, 7), "en") == "07 October, 2016"
    assert any(a["date_text"] == "07 October, 2016" for a in ARTICLES)


def test_some_pages_show_an_empty_view_counter(server):
    counters = [detail(page_text(server, a["path"]), "news-views") for a in ARTICLES]
    empty = counters.count("")
    assert 3 <= empty <= 8
    assert all(c.isdigit() for c in counters if c)


def test_images_are_jpegs(server):
    status, content_type, body = fetch(server, ARTICLES[0]["image"])
    assert status == 200 and content_type == "image/jpeg"
    assert body[:2] == b"\xff\xd8" and body[-2:] == b"\xff\xd9"


def test_pages_are_utf8_html_with_the_site_chrome(server):
    status, content_type, body = fetch(server, "/ru/news/")
    assert content_type == "text/html; charset=UTF-8"
    page = body.decode("utf-8")
    for part in (
        '<nav class="main-menu">',
        'class="lang-switch"',
        '<form action="/search/">',
        'class="breadcrumbs"',
        '<footer class="footer">',
        'class="modern-page-next"',
    ):
        assert part in page


# -- the server --------------------------------------------------------------------------------


def test_server_records_requests_in_order_and_in_the_log(tmp_path):
    log = tmp_path / "requests.log"
    with ReplicaServer(AssemblySite(), log_path=log) as running:
        request = urllib.request.Request(
            running.base_url + "/ru/news/?PAGEN_1=2", headers={"User-Agent": "apknews-test/1.0"}
        )
        urllib.request.urlopen(request, timeout=10).read()
        fetch(running, "/robots.txt")
        assert running.requests == ["/ru/news/?PAGEN_1=2", "/robots.txt"]
    lines = log.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "GET /ru/news/?PAGEN_1=2 apknews-test/1.0"
    assert lines[1].startswith("GET /robots.txt ")


def test_command_line_server_writes_its_port_and_stops_on_sigterm(tmp_path):
    port_file, log = tmp_path / "port", tmp_path / "server.log"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "replicas.server",
            "assembly",
            "--port-file",
            str(port_file),
            "--log",
            str(log),
        ],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 20
        while not port_file.exists() and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.05)
        port = int(port_file.read_text())
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=10) as response:
            assert b"Disallow: /ru/news/proekt-" in response.read()
        os.kill(process.pid, signal.SIGTERM)
        assert process.wait(timeout=10) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert "GET /robots.txt" in log.read_text(encoding="utf-8")
