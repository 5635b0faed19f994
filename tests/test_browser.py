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


def shot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=True)
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
    box = page.locator("svg.timeline").bounding_box()
    assert box and box["width"] > 200 and box["height"] > 40
    shot(page, "results-page.png")

    # apply a filter with the form
    page.select_option("select[name=lang]", "ru")
    page.click("form.search button[type=submit]")
    page.wait_for_url(re.compile(r"lang=ru"))
    langs = page.locator("li.hit .lang").all_inner_texts()
    assert langs and set(langs) == {"ru"}
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
    assert "Archived copy of" in page.inner_text("body")
    assert first_title.split()[0] in page.inner_text("body")
    shot(page, "archived-copy.png")
    context.close()


def test_results_fit_a_phone(server, browser):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, java_script_enabled=False
    )
    page = context.new_page()
    page.goto(server.url("/search", q="Тараз"))
    for selector in ("#q", "form.search button", "svg.timeline", "li.hit >> nth=0"):
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
