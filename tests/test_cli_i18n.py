"""Everything the CLI says to a person follows `--lang-ui` or LANG (ru, kk; English by default): its
catalogue complete, errors and hints, --help, status, the crawl report with this run's new links,
index, check, links, saved searches, and the search's "showing 1–10 of …" line."""

from __future__ import annotations

import io
import json
import os
import re
import sqlite3
import subprocess
from datetime import date

import pytest
from babel.dates import format_date
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from apknews.catalogue_extract import extract
from tests.conftest import APKNEWS, ROOT
from tests.multisite import CRAWL_ENV, serve

CATALOGUES = ROOT / "apknews" / "translations"
TRANSLATED = ("ru", "kk")
PLACEHOLDER = re.compile(r"%\((\w+)\)[-#0 +]*\d*(?:\.\d+)?\w|\{(\w+)[!}:]")
BABEL_CFG = CATALOGUES / "babel.cfg"
# (folder, pattern) of each `[method: path]` section of babel.cfg: what `make translations` reads.
EXTRACTED_FROM = [
    (folder, pattern)
    for path in re.findall(r"^\[[\w.]+: ([^\]]+)\]", BABEL_CFG.read_text(encoding="utf-8"), re.MULTILINE)
    for folder, _, pattern in [path.rpartition("/")]
]


def catalogue(lang: str):
    with open(CATALOGUES / lang / "LC_MESSAGES" / "apknews.po", "rb") as f:
        return read_po(f, locale=lang)


def extracted_msgids() -> set:
    """The messages in the code now, extracted as `make translations` extracts them."""
    found = set()
    for package, pattern in EXTRACTED_FROM:
        for _, _, message, *_ in extract_from_dir(ROOT / package, [(pattern, extract)]):
            found.add(message)
    return found


def placeholders(text: str) -> set[str]:
    return {a or b for a, b in PLACEHOLDER.findall(text)}


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_message_of_the_cli_is_translated(lang):
    messages = {m.id: m for m in catalogue(lang) if m.id}
    missing = sorted(map(str, extracted_msgids() - set(messages)))
    assert missing == [], f"run `make translations` and translate these in {lang}: {missing}"
    for msgid, message in messages.items():
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings) and not message.fuzzy, f"{lang}: {msgid!r} is not translated"
        wanted = placeholders(msgid[-1] if isinstance(msgid, tuple) else msgid)
        for string in strings:
            used = placeholders(string)
            # the singular may leave out the count ("Did you mean {possibility}?"); none is invented
            assert used <= wanted | placeholders(msgid[0] if isinstance(msgid, tuple) else msgid), (
                lang,
                msgid,
            )
            assert isinstance(msgid, tuple) or used == wanted, f"{lang}: {msgid!r} -> {string!r}"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_the_compiled_catalogues_are_those_of_the_po_files(lang):
    compiled = io.BytesIO()
    write_mo(compiled, catalogue(lang))
    committed = (CATALOGUES / lang / "LC_MESSAGES" / "apknews.mo").read_bytes()
    assert compiled.getvalue() == committed, "run `make translations` (pybabel compile) and commit the .mo"


def apknews(
    data_dir, *args: str, lang: str = "C.UTF-8", env: dict | None = None
) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANGUAGE")}
    clean.update(CRAWL_ENV, LANG=lang, **(env or {}))
    command = [APKNEWS, "--data-dir", str(data_dir), *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=240, env=clean, cwd=ROOT)


@pytest.fixture(scope="module")
def taraz(tmp_path_factory):
    """The taraz-ank replica (it reposts its own news under a second address) crawled twice, in
    English then in Russian, and indexed."""
    data_dir = tmp_path_factory.mktemp("i18n") / "data"
    server = serve("taraz-ank")
    try:
        crawl = ("crawl", "--source", "taraz-ank", "--base-url", f"taraz-ank={server.base_url}")
        first = apknews(data_dir, *crawl)
        second = apknews(data_dir, *crawl, lang="ru_RU.UTF-8")
    finally:
        server.stop()
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    index = apknews(data_dir, "index", lang="ru_RU.UTF-8")
    assert index.returncode == 0, index.stderr
    return data_dir, first, second, index


def reposts_linked(data_dir) -> int:
    with sqlite3.connect(data_dir / "apknews.sqlite3") as db:
        return db.execute("SELECT COUNT(*) FROM article_links WHERE kind = 'repost'").fetchone()[0]


def run_counts(data_dir, run_id: int) -> dict:
    with sqlite3.connect(data_dir / "apknews.sqlite3") as db:
        stats = json.loads(db.execute("SELECT stats FROM runs WHERE id = ?", (run_id,)).fetchone()[0])
    return stats["taraz-ank"]["counts"]


def test_the_report_shows_this_runs_new_links_apart_from_the_archives(taraz):
    data_dir, first, second, _ = taraz
    linked = reposts_linked(data_dir)
    assert linked > 0
    reposts = f"{linked} repost" + ("s" if linked != 1 else "")
    assert f"links this run: {reposts}, 0 translations; in the archive: {reposts}, 0 translations" in (
        first.stdout.splitlines()
    )
    assert (run_counts(data_dir, 1)["reposts_new"], run_counts(data_dir, 1)["reposts_linked"]) == (
        linked,
        linked,
    )
    # the second run found nothing new to link; the archive keeps its links
    assert (run_counts(data_dir, 2)["reposts_new"], run_counts(data_dir, 2)["reposts_linked"]) == (0, linked)
    [line] = [line for line in second.stdout.splitlines() if line.startswith("связи за этот запуск")]
    assert line.startswith("связи за этот запуск: 0 перепечаток, 0 переводов; в архиве: ")
    assert f"в архиве: {linked} перепечат" in line


def test_the_crawl_report_speaks_russian(taraz):
    _, first, second, index = taraz
    assert first.stdout.splitlines()[0].startswith("taraz-ank: ") and " requests, " in first.stdout
    report = second.stdout.splitlines()
    assert report[0].startswith("taraz-ank: запросов: ") and "уже в архиве: 12" in report[0]
    assert report[-1] == "запуск 2 записан"
    assert index.stdout.startswith("индекс перестроен (индекса ещё не было): проиндексировано статей: 12")


def finished_day(data_dir) -> date:
    with sqlite3.connect(data_dir / "apknews.sqlite3") as db:
        return date.fromisoformat(db.execute("SELECT MAX(finished_at) FROM runs").fetchone()[0][:10])


@pytest.mark.parametrize(
    ("how", "stored", "success", "pattern"),
    [
        ({}, "taraz-ank: 12 articles stored; last run: run 2 finished at ", "  last successful run: ",
         "d MMMM y"),
        ({"lang": "ru_RU.UTF-8"}, "taraz-ank: статей в архиве: 12; последний запуск: запуск 2: завершён, ",
         "  последний успешный запуск: ", "d MMMM y"),
        ({"ui": "kk"}, "taraz-ank: мұрағаттағы мақалалар: 12; соңғы іске қосу: 2 іске қосу: аяқталды, ",
         "  соңғы сәтті іске қосу: ", "y 'жылғы' d MMMM"),
    ],
)  # fmt: skip
def test_status_in_the_users_language_with_dates_as_people_write_them(taraz, how, stored, success, pattern):
    data_dir = taraz[0]
    ui = ("--lang-ui", how["ui"]) if "ui" in how else ()
    names = ("--source", "taraz-ank", "--source", "inform")
    result = apknews(data_dir, *ui, "status", *names, lang=how.get("lang", "C.UTF-8"))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    locale = how.get("ui") or how.get("lang", "en")[:2]
    day = format_date(finished_day(data_dir), pattern, locale=locale)
    assert lines[0].startswith(stored + day + ", ") and lines[0].endswith(" UTC")
    assert lines[1].startswith(success + day + ", ")
    never = {"en": "never crawled", "ru": "ещё не обходился", "kk": "әлі жиналмаған"}[locale]
    assert lines[-1].endswith(never)  # inform: a health warning, said in the same language


@pytest.mark.parametrize(
    ("how", "expected"),
    [
        ({}, "apknews: error: no saved search named 'nosuch' (hint: no search is saved)"),
        ({"lang": "ru_RU.UTF-8"},
         "apknews: ошибка: нет сохранённого поиска 'nosuch' (подсказка: сохранённых поисков нет)"),
        ({"ui": "kk"}, "apknews: қате: 'nosuch' атты сақталған іздеу жоқ (кеңес: сақталған іздеу жоқ)"),
    ],
)  # fmt: skip
def test_errors_and_hints_from_below_the_cli_are_translated(taraz, how, expected):
    ui = ("--lang-ui", how["ui"]) if "ui" in how else ()
    result = apknews(taraz[0], *ui, "saved", "remove", "nosuch", lang=how.get("lang", "C.UTF-8"))
    assert (result.returncode, result.stderr.splitlines()) == (1, [expected])


@pytest.mark.parametrize(
    ("args", "lang", "expected"),
    [
        (("search", "Тараз", "--from", "2021-13-01"), "ru_RU.UTF-8",
         "apknews: ошибка: --from: такой даты нет: '2021-13-01': месяц должен быть от 1 до 12 "
         "(подсказка: пишите дату как ГГГГ-ММ-ДД, ДД.ММ.ГГГГ, ГГГГ-ММ или ГГГГ, "
         "например 2021-09-29 или 29.09.2021)"),
        (("search", "(Тараз"), "kk_KZ.UTF-8",
         "apknews: қате: '(Тараз' сұрауында жабылмаған '(' (кеңес: жетіспейтін ')' қосыңыз)"),
        (("search", "Тараз", "--sort", "oldest"), "ru_RU.UTF-8",
         "apknews: ошибка: Недопустимое значение '--sort': 'oldest' — не одно из 'relevance', 'date' "
         "(подсказка: см. `apknews search --help`)"),
        (("search", "Тараз source:nosuch"), "C.UTF-8",
         "apknews: error: no source 'nosuch' in the archive (hint: its sources are taraz-ank)"),
        (("search", "Тараз source:nosuch"), "ru_RU.UTF-8",
         "apknews: ошибка: в архиве нет источника 'nosuch' (подсказка: его источники: taraz-ank)"),
    ],
)  # fmt: skip
def test_query_and_usage_errors_in_the_users_language(taraz, args, lang, expected):
    result = apknews(taraz[0], *args, lang=lang)
    assert (result.returncode, result.stderr.splitlines()) == (1, [expected])


def test_no_index_and_no_archive_are_said_in_russian(tmp_path):
    result = apknews(tmp_path / "none", "status", lang="ru_RU.UTF-8")
    assert (
        result.stderr
        == f"apknews: ошибка: в {tmp_path / 'none'} нет архива: сначала выполните `apknews crawl`\n"
    )


@pytest.mark.parametrize(
    ("how", "usage", "option"),
    [
        ({}, "Usage: apknews search [OPTIONS] QUERY", "Only this language."),
        ({"lang": "ru_RU.UTF-8"}, "Использование: apknews search [OPTIONS] QUERY", "Только этот язык."),
        ({"ui": "kk"}, "Қолданылуы: apknews search [OPTIONS] QUERY", "Тек осы тіл."),
    ],
)
def test_help_in_the_users_language(tmp_path, how, usage, option):
    ui = ("--lang-ui", how["ui"]) if "ui" in how else ()
    result = apknews(tmp_path, *ui, "search", "--help", lang=how.get("lang", "C.UTF-8"))
    assert result.returncode == 0 and result.stdout.splitlines()[0] == usage
    assert option in result.stdout
    described = {
        "en": "Search the archive: words",
        "ru": "Поиск по архиву: слова",
        "kk": "Мұрағаттан іздеу: сөздер",
    }
    assert described[how.get("ui") or how.get("lang", "en")[:2]] in result.stdout
    assert "Тараз меморандум         " in result.stdout  # the syntax table kept as written (\b)


def test_the_group_help_lists_the_commands_in_kazakh_before_any_option_is_read(tmp_path):
    result = apknews(tmp_path, "--lang-ui", "kk", "--help")
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Қолданылуы: apknews") and "Командалар:" in lines
    assert any(line.split()[:1] == ["status"] and "Дереккөздер бойынша" in line for line in lines)


def test_index_check_and_links_speak_kazakh(taraz):
    data_dir = taraz[0]
    index = apknews(data_dir, "--lang-ui", "kk", "index")
    assert index.stdout == "индекс жаңартылды: индекстелген мақалалар: 0, индексте барлығы: 12\n"
    check = apknews(data_dir, "--lang-ui", "kk", "check")
    assert check.returncode == 0 and check.stdout.startswith(
        "тексеру: бәрі дұрыс: мақалалар: 12, индексте: 12, "
    )
    links = apknews(data_dir, "--lang-ui", "kk", "links")
    linked = reposts_linked(data_dir)
    assert links.stdout.splitlines()[0] == f"байланыстар: {linked} ({linked} көшірме, 0 аударма)"
    assert "көшірме, баға " in links.stdout


def test_saved_searches_speak_russian(taraz, tmp_path):
    data_dir = taraz[0]
    added = apknews(data_dir, "saved", "add", "taraz", "Тараз", lang="ru_RU.UTF-8")
    assert added.stdout.startswith('сохранено taraz: "Тараз"; `apknews alerts` сообщит')
    listed = apknews(data_dir, "saved", "list", lang="ru_RU.UTF-8")
    assert listed.stdout == 'taraz: "Тараз" (новых: 0; рассылок ещё не было)\n'
    removed = apknews(data_dir, "saved", "remove", "taraz", lang="ru_RU.UTF-8")
    assert removed.stdout == "удалено taraz\n"


def test_the_showing_line_counts_as_the_json_does_and_marks_folded_reposts(taraz):
    data_dir = taraz[0]
    found = apknews(data_dir, "search", "*", "--limit", "5", "--format", "json").stdout
    result = json.loads(found)
    total, articles = result["total"], result["total_articles"]
    assert articles > total > 5  # reposts folded: fewer stories than articles, more than a page
    page_two = apknews(data_dir, "search", "*", "--limit", "5", "--page", "2").stdout.splitlines()
    assert page_two[0] == f"showing 6–10 of {total} stories ({articles} articles) for '*'"
    assert page_two[1].startswith("  6. ")
    ru = apknews(data_dir, "search", "*", "--limit", "5", lang="ru_RU.UTF-8").stdout.splitlines()
    assert ru[0].startswith(f"показаны 1–5, всего {total} сюжет") and "по запросу '*'" in ru[0]
    every = apknews(data_dir, "search", "*", "--limit", "100", "--format", "json").stdout
    folded = [hit for hit in json.loads(every)["hits"] if hit["reposts"]]
    assert folded
    text = apknews(data_dir, "search", "*", "--limit", "100").stdout.splitlines()
    assert text[0] == f"{total} stories ({articles} articles) for '*'"  # the whole list: no "showing"
    marked = [line for line in text if line.endswith("  [+1 repost]")]
    assert len(marked) == sum(1 for hit in folded if hit["reposts"] == 1) > 0
    kk = apknews(data_dir, "--lang-ui", "kk", "search", "*", "--limit", "100").stdout
    assert "  [+1 көшірме]" in kk
