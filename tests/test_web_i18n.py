"""The web page in Russian, Kazakh and English: the catalogues, the choice of language, dates as people
write them, plural forms, the article page's labels and marks, errors in the reader's language."""

from __future__ import annotations

import io
import re
import urllib.error
import urllib.request

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask_babel import ngettext

from tests.conftest import ROOT
from tests.webarchive import HOSTILE_AUTHOR, WebServer, build_web_archive
from web import create_app
from web.i18n import human_date, human_month, number, utc_label

TRANSLATIONS = ROOT / "web" / "translations"
TRANSLATED = ("ru", "kk")  # English is the msgids themselves
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def catalogue(lang: str):
    with open(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po", "rb") as f:
        return read_po(f, locale=lang)


def extracted_msgids() -> set[str]:
    """The msgids in web/ now, extracted as `make translations` extracts them."""
    method_map = [("**.py", "python"), ("templates/**.html", "jinja2"), ("templates/**.xml", "jinja2")]
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}
    found = extract_from_dir(ROOT / "web", method_map, keywords=keywords)
    return {message[0] if isinstance(message, tuple) else message for _, _, message, *_ in found}


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_message_of_the_page_is_translated(lang):
    messages = {m.id[0] if isinstance(m.id, tuple) else m.id: m for m in catalogue(lang) if m.id}
    missing = sorted(extracted_msgids() - set(messages))
    assert missing == [], f"run `make translations` and translate these in {lang}: {missing}"
    for msgid, message in messages.items():
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings) and not message.fuzzy, f"{lang}: {msgid!r} is not translated"
        wanted = set(PLACEHOLDER.findall(msgid))
        for string in strings:  # every value kept but Python's English reason why a date is none
            used = set(PLACEHOLDER.findall(string))
            assert used <= wanted and wanted - used <= {"reason"}, f"{lang}: {msgid!r} -> {string!r}"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_the_compiled_catalogues_are_those_of_the_po_files(lang):
    compiled = io.BytesIO()
    write_mo(compiled, catalogue(lang))
    committed = (TRANSLATIONS / lang / "LC_MESSAGES" / "messages.mo").read_bytes()
    assert compiled.getvalue() == committed, "run `make translations` (pybabel compile) and commit the .mo"


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    return create_app({"DATA_DIR": tmp_path_factory.mktemp("empty")})


def test_dates_and_numbers_as_people_write_them(app):
    written = {}
    for ui in ("ru", "kk", "en"):
        with app.test_request_context(f"/?ui={ui}"):
            written[ui] = (human_date("2021-09-29"), human_month("2021-09"), number(12345))
    assert written["ru"] == ("29 сентября 2021", "сентябрь 2021", "12\xa0345")
    # Babel's own Kazakh long format says "2021 ж. 29 қыркүйек"; the catalogue writes the year out
    assert written["kk"] == ("2021 жылғы 29 қыркүйек", "2021 жылғы қыркүйек", "12\xa0345")
    assert written["en"] == ("29 September 2021", "September 2021", "12,345")
    assert (utc_label("+06:00"), utc_label("+05:30"), utc_label("-03:00"), utc_label("")) == (
        "UTC+6",
        "UTC+5:30",
        "UTC-3",
        "",
    )


@pytest.mark.parametrize(
    "ui, counts",
    [
        (
            "ru",
            {1: "1 статья", 2: "2 статьи", 5: "5 статей", 11: "11 статей", 21: "21 статья", 22: "22 статьи"},
        ),
        ("kk", {1: "1 мақала", 2: "2 мақала", 5: "5 мақала", 21: "21 мақала"}),
        ("en", {1: "1 article", 2: "2 articles", 5: "5 articles", 21: "21 articles"}),
    ],
)
def test_counts_take_the_languages_plural_forms(app, ui, counts):
    with app.test_request_context(f"/?ui={ui}"):
        for n, words in counts.items():
            archived = ngettext("%(shown)s article archived", "%(shown)s articles archived", n, shown=n)
            assert words in archived, (n, archived)
        reposts = [
            ngettext("also published %(count)s more time", "also published %(count)s more times", n, count=n)
            for n in (1, 3, 5)
        ]
    expected = {
        "ru": ["ещё 1 раз", "ещё 3 раза", "ещё 5 раз"],
        "kk": ["тағы 1 рет", "тағы 3 рет", "тағы 5 рет"],
        "en": ["1 more time", "3 more times", "5 more times"],
    }[ui]
    assert all(e in r for e, r in zip(expected, reposts, strict=True)), reposts


@pytest.fixture(scope="module")
def server(crawled, tmp_path_factory):
    archive = build_web_archive(crawled.data_dir, tmp_path_factory.mktemp("i18n") / "data")
    running = WebServer(archive.data_dir)
    running.archive = archive
    yield running
    running.stop()


def page(server, path: str, accept_language: str | None = None, **params) -> tuple[int, dict, str]:
    """(status, headers, text) of a GET sent with `accept_language`, as a browser set to it sends it."""
    headers = {"Accept-Language": accept_language} if accept_language else {}
    request = urllib.request.Request(server.url(path, **params), headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read().decode()


@pytest.mark.parametrize(
    "accept_language, ui, expected",
    [
        (None, None, "ru"),  # our readers read Russian and Kazakh first
        ("kk-KZ,kk;q=0.9,ru;q=0.8", None, "kk"),
        ("en-US,en;q=0.9", None, "en"),
        ("de-DE,de;q=0.9", None, "ru"),
        ("kk-KZ", "en", "en"),  # the address wins over the browser
        ("kk-KZ", "xx", "kk"),  # a language we do not have is no choice
    ],
)
def test_the_page_language_comes_from_the_address_else_the_browser_else_russian(
    server, accept_language, ui, expected
):
    params = {"q": "Тараз"} | ({"ui": ui} if ui else {})
    status, headers, html = page(server, "/search", accept_language, **params)
    assert status == 200 and f'<html lang="{expected}">' in html
    assert ("Accept-Language" in headers.get("Vary", "")) == (ui not in ("en",))


def test_the_article_page_says_it_in_words(server):
    url = server.archive.hostile_url
    expected = {
        "ru": [
            "Опубликовано",
            "5 мая 2021, 14:35 (UTC+6)",
            "Место и агентство",
            "Автор",
            "исходная страница",
        ],
        "kk": [
            "Жарияланды",
            "2021 жылғы 5 мамыр, 14:35 (UTC+6)",
            "Жері мен агенттігі",
            "Авторы",
            "түпнұсқа бет",
        ],
        "en": ["Published", "5 May 2021, 14:35 (UTC+6)", "Dateline", "Author", "the original page"],
    }
    for ui, words in expected.items():
        status, _, html = page(server, "/article", url=url, ui=ui)
        assert status == 200
        text = re.sub(r"<[^>]+>|\s+", " ", html)
        text = re.sub(r"\s+", " ", text)
        for word in words:
            assert word in text, (ui, word)
        assert "АСТАНА. КАЗИНФОРМ" in html
        assert "Айгерим &lt;i&gt;Сапарова&lt;/i&gt;" in html and HOSTILE_AUTHOR not in html
        for raw in ("published_time", "utc_offset", "dateline:", "script: Cyrl", "Cyrl"):
            assert raw not in text, (ui, raw)


def test_the_article_opened_from_a_hit_marks_the_querys_words(server):
    _, data = server.json("/search.json", q="Тараз меморандум")
    hit = data["hits"][0]
    status, _, html = page(server, "/article", url=hit["canonical_url"], q="Тараз меморандум")
    assert status == 200
    title = re.search(r'<h1 id="article-title">(.*?)</h1>', html, re.S).group(1)
    text = re.search(r'<div class="text" id="article-text">(.*?)</div>', html, re.S).group(1)
    assert "<mark>" in title and "<mark>" in text
    marked = set(re.findall(r"<mark>(.*?)</mark>", title + text))
    snippet_marks = set(re.findall(r"\*\*(.*?)\*\*", hit["snippet"]))
    assert snippet_marks <= marked  # what the snippet marks, the article marks too
    assert {w.lower()[:5] for w in marked} <= {"тараз", "мемор"}
    # without a query, or with one that cannot be read, the article shows unmarked
    for q in ("", '"unbalanced'):
        status, _, html = page(server, "/article", url=hit["canonical_url"], q=q)
        assert status == 200 and "<mark>" not in html


def test_errors_are_in_the_readers_language_and_json_keeps_english(server):
    status, _, html = page(server, "/search", "kk-KZ", q='"unbalanced')
    assert status == 400 and '<html lang="kk">' in html
    assert "Сұрауды түсіну мүмкін болмады" in html and "жұпсыз тырнақша" in html
    assert "unbalanced quote" not in html
    status, _, html = page(server, "/search", q="x", page="0")
    assert status == 400 and "целое число от 1 до" in html and "a whole number" not in html
    status, data = server.json("/search.json", q='"unbalanced', ui="kk")
    assert status == 400 and data["error"]["message"].startswith("unbalanced quote")


def test_links_keep_the_chosen_language_and_json_twins_stay_as_they_were(server):
    _, _, html = page(server, "/search", q="ассамблея", ui="en")
    hrefs = re.findall(r'href="([^"]+)"', html)
    inner = [h for h in hrefs if h.startswith(("/search", "/article", "?")) and "ui=" not in h]
    assert inner == [], inner
    assert '<input type="hidden" name="ui" value="en">' in html
    _, plain = server.json("/search.json", q="ассамблея")
    _, chosen = server.json("/search.json", q="ассамблея", ui="kk")
    assert chosen["hits"] == plain["hits"] and chosen["params"] == plain["params"]


def test_the_feed_and_the_archived_copy_speak_the_readers_language(server):
    _, _, feed = page(server, "/feed.atom", q="ассамблея", ui="kk")
    assert "<title>apknews: «ассамблея» іздеуі</title>" in feed and 'xml:lang="kk"' in feed
    _, _, copy = page(server, "/archived", "en-US", url=server.archive.hostile_url)
    assert "Archived copy of" in copy and "2 January 2026, 10:00 UTC" in copy
