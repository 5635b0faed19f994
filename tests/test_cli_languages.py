"""The CLI's own words follow `--lang-ui` or LANG (ru, kk), English by default, from a gettext catalogue."""

from __future__ import annotations

import os
import subprocess

import pytest

from apknews.messages import ngettext, set_ui
from tests.conftest import APKNEWS, ROOT
from tests.synthetic import fill_store


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("cli-lang") / "data"
    fill_store(data_dir, 30)
    assert apknews(data_dir, "index").returncode == 0
    return data_dir


def apknews(data_dir, *args: str, lang: str = "C.UTF-8") -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANGUAGE")}
    env.update(LANG=lang, PYTHONWARNINGS="ignore")
    command = [APKNEWS, "--data-dir", str(data_dir), *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, env=env, cwd=ROOT)


def first_line(result: subprocess.CompletedProcess) -> str:
    return result.stdout.splitlines()[0]


@pytest.mark.parametrize(
    ("how", "expected"),
    [
        ({}, "showing 1–1 of 26 stories (26 articles) for 'Тараз'"),
        ({"lang": "en_US.UTF-8"}, "showing 1–1 of 26 stories (26 articles) for 'Тараз'"),
        ({"lang": "ru_RU.UTF-8"}, "показаны 1–1, всего 26 сюжетов (26 статей) по запросу 'Тараз'"),
        ({"lang": "kk_KZ.UTF-8"}, "'Тараз' сұрауы бойынша: 26 сюжет (26 мақала), көрсетілгені 1–1"),
        ({"ui": "ru"}, "показаны 1–1, всего 26 сюжетов (26 статей) по запросу 'Тараз'"),
        ({"ui": "en", "lang": "ru_RU.UTF-8"}, "showing 1–1 of 26 stories (26 articles) for 'Тараз'"),
    ],
)
def test_the_hits_line_speaks_the_users_language(archive, how, expected):
    ui = ("--lang-ui", how["ui"]) if "ui" in how else ()
    result = apknews(archive, *ui, "search", "Тараз", "--limit", "1", lang=how.get("lang", "C.UTF-8"))
    assert result.returncode == 0, result.stderr
    assert first_line(result) == expected


def test_russian_plural_forms_of_the_count():
    set_ui("ru")
    try:
        forms = [ngettext("%(n)s article", "%(n)s articles", n) % {"n": n} for n in (1, 3, 5, 21, 11)]
    finally:
        set_ui(None)
    assert forms == ["1 статья", "3 статьи", "5 статей", "21 статья", "11 статей"]


@pytest.mark.parametrize(
    ("lang", "lead", "hint"),
    [("C.UTF-8", "error", "hint"), ("ru_RU.UTF-8", "ошибка", "подсказка"), ("kk_KZ.UTF-8", "қате", "кеңес")],
)
def test_an_error_is_still_one_line_with_its_lead_words_translated(archive, lang, lead, hint):
    result = apknews(archive, "search", "x", "--from", "2021-13-01", lang=lang)
    assert result.returncode == 1
    [line] = result.stderr.splitlines()
    assert line.startswith(f"apknews: {lead}: --from: ") and f"({hint}: " in line


def test_an_unknown_ui_language_is_a_one_line_error(archive):
    result = apknews(archive, "--lang-ui", "de", "search", "x")
    assert result.returncode == 1 and len(result.stderr.splitlines()) == 1
