"""What the floors below the CLI say (config errors, the probe's findings, the crawl's progress line,
the citation warning) reaches the journalist in ru, kk or en: said as a message id and values below,
translated at the CLI's edge. Each runs the real CLI in the three languages."""

from __future__ import annotations

import pytest

from tests.test_cli_i18n import apknews

LANGS = {"en": "C.UTF-8", "ru": "ru_RU.UTF-8", "kk": "kk_KZ.UTF-8"}
BAD_SOURCE = """[sources.x]
base_url = "http://127.0.0.1:9/"
article_pattern = "/news/"
spider = "html"
languages = ["ru"]
listings = { ru = "/ru/?page={page}" }
title_selector = 3
"""


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", ["apknews: error: {path}: source 'x': title_selector must be a string",
                "apknews: error: --base-url expects NAME=URL, got 'nosuch'",
                "apknews: error: unknown source 'nosuch'; known: x"]),
        ("ru", ["apknews: ошибка: {path}: источник 'x': title_selector должен быть строкой",
                "apknews: ошибка: --base-url ожидает ИМЯ=URL, получено 'nosuch'",
                "apknews: ошибка: неизвестный источник 'nosuch'; известны: x"]),
        ("kk", ["apknews: қате: {path}: 'x' дереккөзі: title_selector жол болуы керек",
                "apknews: қате: --base-url АТАУ=URL күтеді, берілгені: 'nosuch'",
                "apknews: қате: белгісіз дереккөз 'nosuch'; белгілілері: x"]),
    ],
)  # fmt: skip
def test_config_errors_in_the_users_language(tmp_path, lang, expected):
    bad = tmp_path / "bad.toml"
    bad.write_text(BAD_SOURCE, encoding="utf-8")
    good = tmp_path / "good.toml"
    good.write_text(BAD_SOURCE.replace("title_selector = 3", 'title_selector = "h1"'), encoding="utf-8")
    data = tmp_path / "data"
    said = [
        apknews(data, "--sources", str(bad), "crawl", lang=LANGS[lang]),
        apknews(data, "--sources", str(good), "crawl", "--base-url", "nosuch", lang=LANGS[lang]),
        apknews(data, "--sources", str(good), "probe", "nosuch", lang=LANGS[lang]),
    ]
    assert [r.returncode for r in said] == [1, 1, 1]
    assert [r.stderr for r in said] == [line.format(path=bad) + "\n" for line in expected[:1]] + [
        line + "\n" for line in expected[1:]
    ]
