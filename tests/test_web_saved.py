"""The search page lists the saved searches (`apknews saved add`) with their new-hit counts."""

from __future__ import annotations

from urllib.parse import parse_qs

import pytest
from lxml import html

from tests.conftest import run_apknews
from tests.synthetic import fill_store
from tests.test_alerts import store_new
from web import create_app


@pytest.fixture
def archive(tmp_path):
    data_dir = tmp_path / "data"
    fill_store(data_dir, 30)
    assert run_apknews(data_dir, "index").returncode == 0
    for name, text, *options in (
        ("taraz", "Тараз", "--lang", "ru", "--from", "2020-01-01"),
        ("nomad", "кочевник"),
    ):
        added = run_apknews(data_dir, "saved", "add", name, text, *options)
        assert added.returncode == 0, added.stderr
    store_new(data_dir, 3)  # three new articles about a memorandum signed in Taraz
    return data_dir


def saved_section(data_dir, ui: str, q: str = "меморандум"):
    client = create_app({"DATA_DIR": str(data_dir)}).test_client()
    response = client.get("/search", query_string={"q": q, "ui": ui})
    assert response.status_code == 200
    [section] = html.fromstring(response.get_data(as_text=True)).xpath('//section[@id="saved-searches"]')
    return section


def test_each_saved_search_links_to_its_query_with_its_filters_and_counts_its_new_hits(archive):
    section = saved_section(archive, "en")
    assert section.xpath("h2")[0].text_content() == "Saved searches"
    items = {li.get("data-name"): li for li in section.xpath(".//li")}
    assert list(items) == ["nomad", "taraz"]
    taraz = items["taraz"].xpath("a")[0]
    assert taraz.text_content() == "taraz"
    link = parse_qs(taraz.get("href").lstrip("?"))
    assert link["q"] == ["Тараз"] and link["lang"] == ["ru"] and link["from"] == ["2020-01-01"]
    assert link["ui"] == ["en"]  # the page's language kept
    assert " ".join(items["taraz"].text_content().split()) == "taraz 3 new"
    assert " ".join(items["nomad"].text_content().split()) == "nomad nothing new"


@pytest.mark.parametrize(
    ("ui", "heading", "three_new", "nothing_new"),
    [
        ("ru", "Сохранённые поиски", "3 новые", "нового нет"),
        ("kk", "Сақталған іздеулер", "3 жаңа", "жаңасы жоқ"),
    ],
)
def test_the_list_speaks_the_pages_language(archive, ui, heading, three_new, nothing_new):
    section = saved_section(archive, ui)
    assert section.xpath("h2")[0].text_content() == heading
    texts = [" ".join(li.text_content().split()) for li in section.xpath(".//li")]
    assert texts == [f"nomad {nothing_new}", f"taraz {three_new}"]


def test_no_section_without_saved_searches(tmp_path):
    data_dir = tmp_path / "data"
    fill_store(data_dir, 5)
    assert run_apknews(data_dir, "index").returncode == 0
    client = create_app({"DATA_DIR": str(data_dir)}).test_client()
    page = client.get("/search", query_string={"q": "Тараз"}).get_data(as_text=True)
    assert 'id="saved-searches"' not in page
