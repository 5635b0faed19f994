"""The web page in a real headless Chromium (Debian's, driven by Playwright): what a journalist sees and does.

Screenshots go to test-artifacts/ for a person to look at.
"""

from __future__ import annotations

import csv
import json
import os
import re
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.webarchive import HOSTILE_TITLE, WebServer, build_web_archive

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = ROOT / "test-artifacts"

if not CHROMIUM.exists():
    if os.environ.get("CI"):
        raise RuntimeError("CI must install Debian's chromium (.ci/run does): the browser tests need it")
    pytest.skip("Debian's chromium is not installed (apt-get install chromium)", allow_module_level=True)

sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def server(crawled, tmp_path_factory):
    archive = build_web_archive(crawled.data_dir, tmp_path_factory.mktemp("browser") / "data")
    running = WebServer(archive.data_dir)
    running.archive = archive
    yield running
    running.stop()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def shot(page, name: str, full_page: bool = True) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=full_page)
    return path


def watch_dialogs(page) -> list[str]:
    """Every alert/confirm/prompt the page opens (there must be none), dismissed at once."""
    opened: list[str] = []

    def on_dialog(dialog):
        opened.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return opened


def test_journalist_searches_filters_reads_and_downloads(server, browser, tmp_path):
    # JavaScript off: the basics must work without it.
    context = browser.new_context(java_script_enabled=False, accept_downloads=True, locale="ru-RU")
    page = context.new_page()
    page.goto(server.base_url + "/")
    page.fill("#q", "ассамблея")
    page.press("#q", "Enter")
    page.wait_for_url(re.compile(r"/search\?q="))
    total = int(page.inner_text("#total").replace(" ", ""))
    assert total > 5
    assert page.locator("li.hit").count() == min(total, 20)
    assert page.locator(".snippet mark").count() > 0

    # the chart is drawn and visible
    bars = page.locator("svg.timeline rect.bar")
    assert bars.count() > 0
    box = page.locator("svg.timeline-wide").bounding_box()
    assert box and box["width"] > 200 and box["height"] > 40
    shot(page, "results-page.png")

    # apply a filter with the form (folded away under its summary)
    page.click("details.filters > summary")
    page.select_option("select[name=lang]", "ru")
    page.click("form.search button[type=submit]")
    page.wait_for_url(re.compile(r"lang=ru"))
    langs = [
        page.locator("li.hit .lang").nth(i).get_attribute("data-lang")
        for i in range(page.locator("li.hit").count())
    ]
    assert langs and set(langs) == {"ru"}
    assert set(page.locator("li.hit .lang").all_inner_texts()) == {"русский"}
    filtered = int(page.inner_text("#total").replace(" ", ""))
    assert 0 < filtered <= total
    # and a facet link
    page.click("#facet-source a >> nth=0")
    page.wait_for_url(re.compile(r"source="))
    assert "lang=ru" in page.url

    # download the CSV of the current query
    with page.expect_download() as download_info:
        page.click("#export-csv")
    saved = tmp_path / "hits.csv"
    download_info.value.save_as(saved)
    with open(saved, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    twin = json.loads(page.request.get(page.url.replace("/search?", "/search.json?")).text())
    assert int(page.inner_text("#total").replace(" ", "")) == twin["total"]
    assert len(rows) == twin["total"] and {r["lang"] for r in rows} == {"ru"}  # a row per story

    # open an article
    first_title = page.inner_text("li.hit >> nth=0 >> a.title")
    page.click("li.hit >> nth=0 >> a.title")
    page.wait_for_url(re.compile(r"/article\?"))
    assert page.inner_text("#article-title") == first_title
    assert len(page.inner_text("#article-text")) > 100
    shot(page, "article-page.png")

    # and its archived copy, as fetched
    page.click("#archived")
    page.wait_for_url(re.compile(r"/archived\?"))
    assert "Архивная копия" in page.inner_text("body")  # the banner, in the reader's language
    assert first_title.split()[0] in page.inner_text("body")
    shot(page, "archived-copy.png")
    context.close()


def test_results_fit_a_phone(server, browser):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, java_script_enabled=False
    )
    page = context.new_page()
    page.goto(server.url("/search", q="Тараз"))
    for selector in ("#q", "form.search button", "svg.timeline-narrow", "li.hit >> nth=0"):
        box = page.locator(selector).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390 + 1, selector
    shot(page, "results-phone.png")
    context.close()


def test_a_hostile_title_does_not_execute(server, browser):
    context = browser.new_context()  # JavaScript on: a script that got through would run
    page = context.new_page()
    dialogs = watch_dialogs(page)
    page.goto(server.base_url + "/")
    page.fill("#q", "экранирование")
    page.press("#q", "Enter")
    page.wait_for_url(re.compile(r"/search\?q="))
    assert page.inner_text("li.hit >> nth=0 >> a.title") == HOSTILE_TITLE  # shown as text
    shot(page, "hostile-results.png")
    page.click("li.hit >> nth=0 >> a.title")
    page.wait_for_url(re.compile(r"/article\?"))
    assert page.inner_text("#article-title") == HOSTILE_TITLE
    # the archived page carries <script>, onload, onerror and javascript: links of its own
    page.click("#archived")
    page.wait_for_url(re.compile(r"/archived\?"))
    assert "Archived hostile page" in page.inner_text("body")
    shot(page, "hostile-archived.png")
    # a hostile query is shown as text too
    page.goto(server.url("/search", q='"><script>alert(2)</script> ассамблея'))
    assert "<script>alert(2)</script>" in page.input_value("#q")
    assert dialogs == []
    context.close()


SIZES = {
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    "desktop": {"viewport": {"width": 1280, "height": 800}},
}
# The browser's language (its Accept-Language) chooses the page's; each page says which it is in.
LOCALES = {"ru": "ru-RU", "kk": "kk-KZ", "en": "en-US"}
HIT_DATE = {  # a hit's date as people write it in each language
    "ru": re.compile(
        r"^\d{1,2} (января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря) \d{4}$"
    ),
    "kk": re.compile(r"^\d{4} жылғы \d{1,2} [а-яәғқңөұүһі]+$"),
    "en": re.compile(r"^\d{1,2} [A-Z][a-z]+ \d{4}$"),
}
PUBLISHED_LABEL = {"ru": "Опубликовано", "kk": "Жарияланды", "en": "Published"}
RAW_FIELD_NAMES = ("published_time", "utc_offset", "dateline", "canonical_url", "content_hash", "Cyrl")


def overflow(page) -> list[str]:
    """Elements whose box reaches past the viewport's right edge (text that would need a sideways scroll)."""
    return page.evaluate(
        """() => {
            const width = document.documentElement.clientWidth;
            const wide = [...document.querySelectorAll("body *")].filter(element => {
                const box = element.getBoundingClientRect();
                return box.width > 0 && box.right > width + 1;
            });
            if (document.documentElement.scrollWidth > width) wide.push(document.documentElement);
            return wide.map(element => element.tagName + "." + element.className + ": "
                            + (element.textContent || "").trim().slice(0, 40));
        }"""
    )


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("ui", LOCALES)
def test_results_and_article_in_each_language_and_size(server, browser, ui, size):
    context = browser.new_context(**SIZES[size], locale=LOCALES[ui], java_script_enabled=False)
    page = context.new_page()
    screen = SIZES[size]["viewport"]
    page.goto(server.url("/search", q="Тараз меморандум OR ассамблея"))
    assert page.get_attribute("html", "lang") == ui
    shot(page, f"{size}-{ui}-first-screen.png", full_page=False)
    shot(page, f"{size}-{ui}-results.png")

    # the first hit's title is on the first screen, on the phone too; nothing needs a sideways scroll
    title = page.locator("li.hit >> nth=0 >> h3").bounding_box()
    assert title and title["y"] + title["height"] <= screen["height"], title
    assert overflow(page) == []
    assert HIT_DATE[ui].match(page.inner_text("li.hit >> nth=0 >> time")), page.inner_text(
        "li.hit time >> nth=0"
    )

    # the chart: the drawing for this screen, its year labels legible and none cut at an edge
    chart = page.locator("svg.timeline:visible")
    assert chart.count() == 1
    box = chart.bounding_box()
    scale = box["width"] / float(chart.get_attribute("viewBox").split()[2])
    years = chart.locator("text.year")
    assert years.count() >= 2
    for i in range(years.count()):
        label = years.nth(i).bounding_box()
        assert label["height"] >= 11, f"year label {label['height']:.1f} px high at scale {scale:.2f}"
        assert box["x"] - 0.5 <= label["x"] and label["x"] + label["width"] <= box["x"] + box["width"] + 0.5
        assert len(years.nth(i).text_content()) == 4

    # the article, opened from the hit: human labels, the query's words marked, no raw field names
    page.click("li.hit >> nth=0 >> a.title")
    page.wait_for_url(re.compile(r"/article\?"))
    assert page.get_attribute("html", "lang") == ui
    assert page.locator("#article-title mark, #article-text mark").count() > 0
    metadata = page.inner_text("article dl.metadata")
    assert PUBLISHED_LABEL[ui] in metadata
    body = page.inner_text("body")
    for name in RAW_FIELD_NAMES:
        assert name not in body, name
    assert overflow(page) == []
    shot(page, f"{size}-{ui}-article.png")
    context.close()


def test_the_language_switch_keeps_the_page_and_its_language(server, browser):
    context = browser.new_context(locale="ru-RU", java_script_enabled=False)
    page = context.new_page()
    page.goto(server.url("/search", q="ассамблея", lang="kk"))
    assert page.get_attribute("html", "lang") == "ru"
    page.click(".ui-switch a[lang=kk]")
    assert "ui=kk" in page.url and "lang=kk" in page.url and page.get_attribute("html", "lang") == "kk"
    # every link onwards keeps it: a facet, a page of hits, an article, the search form
    page.click("#facet-source a >> nth=0")
    assert "ui=kk" in page.url and page.get_attribute("html", "lang") == "kk"
    page.click("li.hit >> nth=0 >> a.title")
    assert "ui=kk" in page.url and page.get_attribute("html", "lang") == "kk"
    page.click("nav.back a")
    page.fill("#q", "Тараз")
    page.press("#q", "Enter")
    page.wait_for_url(re.compile(r"q=%D0%A2"))
    assert "ui=kk" in page.url and page.get_attribute("html", "lang") == "kk"
    page.click(".ui-switch a[lang=en]")
    assert page.get_attribute("html", "lang") == "en" and "q=%D0%A2" in page.url
    context.close()


@pytest.mark.parametrize("ui", LOCALES)
def test_home_and_error_pages_fit_a_phone(server, browser, ui):
    context = browser.new_context(**SIZES["phone"], locale=LOCALES[ui], java_script_enabled=False)
    page = context.new_page()
    page.goto(server.base_url + "/")
    assert page.locator("details.filters[open]").count() == 1  # no query yet: the filters are open
    assert overflow(page) == []
    shot(page, f"phone-{ui}-home.png")
    page.goto(server.url("/search", q='(Тараз "меморандум', **{"from": "2021-13-01"}))
    assert page.locator(".error").count() == 1 and overflow(page) == []
    shot(page, f"phone-{ui}-error.png")
    context.close()


ENTITY_LABELS = {"ru": "Регионы", "kk": "Өңірлер", "en": "Regions"}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("ui", LOCALES)
def test_an_entity_page_from_a_facet_in_each_language_and_size(server, browser, ui, size):
    context = browser.new_context(**SIZES[size], locale=LOCALES[ui], java_script_enabled=False)
    page = context.new_page()
    screen = SIZES[size]["viewport"]
    page.goto(server.url("/search", q="ассамблея"))
    assert page.locator("#facet-region h2").inner_text() == ENTITY_LABELS[ui]
    page.click("#facet-region a.entity-link >> nth=0")  # the region most named, its page
    page.wait_for_url(re.compile(r"/entity\?"))
    assert page.get_attribute("html", "lang") == ui
    assert page.locator("#entity-name").inner_text() and page.locator("li.hit").count() >= 1
    title = page.locator("li.hit >> nth=0 >> h3").bounding_box()
    assert title and title["y"] + title["height"] <= screen["height"], title  # hits first, on a phone too
    assert page.locator("svg.timeline:visible").count() == 1
    assert overflow(page) == []
    shot(page, f"{size}-{ui}-entity.png")
    # its first story's article lists who and where, each a link to its own page
    page.click("li.hit >> nth=0 >> a.title")
    page.wait_for_url(re.compile(r"/article\?"))
    assert page.locator("#entities a[href*='/entity?']").count() >= 1
    assert overflow(page) == []
    context.close()
