"""What the floors below the CLI say (config errors, the probe's findings, the crawl's progress line,
the citation warning) reaches the journalist in ru, kk or en: said as a message id and values below,
translated at the CLI's edge. Each runs the real CLI in the three languages."""

from __future__ import annotations

import json
import os
import pty
import subprocess

import pytest

from archive.settings import DataDir
from archive.store import Store
from crawler.lock import run_lock
from replicas.server import ReplicaServer
from replicas.variants import VARIANTS
from tests.conftest import APKNEWS, ROOT
from tests.multisite import CRAWL_ENV, serve
from tests.terminal import read_terminal
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


@pytest.fixture(scope="module")
def inform_variant():
    """The inform replica in markup the stock config never saw: the probe has problems to say."""
    server = ReplicaServer(VARIANTS["inform"]()).start()
    yield server
    server.stop()


PROBE_SAYS = {
    "en": [
        '  listing_selector ".tag-news-list, .allNewsCard, .tag_news_bl": 0 matches',
        "  article links: 4 by fallback (the page's structure)",
        "  PROBLEM: listing_selector matched nothing; links found by fallback",
        "  text: 3 paragraphs, 548 characters",
        "  dropped by the cleaner: 0 lines",
        "inform: PROBLEM on 6 of 6 pages",
        "suggested lines for [sources.inform] in config/sources.toml:",
    ],
    "ru": [
        '  listing_selector ".tag-news-list, .allNewsCard, .tag_news_bl": 0 совпадений',
        "  ссылок на статьи: 4, найдены запасным способом (по структуре страницы)",
        "  ПРОБЛЕМА: listing_selector ничего не нашёл; ссылки найдены запасным способом",
        "  текст: 3 абзаца, 548 символов",
        "  отброшено очисткой: 0 строк",
        "inform: ПРОБЛЕМА на 6 из 6 страниц",
        "предлагаемые строки для [sources.inform] в config/sources.toml:",
    ],
    "kk": [
        '  listing_selector ".tag-news-list, .allNewsCard, .tag_news_bl": 0 сәйкестік',
        "  мақала сілтемелері: 4, қосалқы тәсілмен табылды (беттің құрылымы бойынша)",
        "  МӘСЕЛЕ: listing_selector ештеңе таппады; сілтемелер қосалқы тәсілмен табылды",
        "  мәтін: 3 абзац, 548 таңба",
        "  тазалау алып тастады: 0 жол",
        "inform: МӘСЕЛЕ: 6 беттің 6 бетінде",
        "config/sources.toml ішіндегі [sources.inform] үшін ұсынылатын жолдар:",
    ],
}
PROBE_TITLE_PROBLEM = {
    "en": "  PROBLEM: title_selector matched nothing; the title came from ",
    "ru": "  ПРОБЛЕМА: title_selector ничего не нашёл; заголовок взят из: ",
    "kk": "  МӘСЕЛЕ: title_selector ештеңе таппады; тақырып мынадан алынды: ",
}


@pytest.mark.parametrize("lang", LANGS)
def test_the_probes_findings_and_verdicts_in_the_users_language(tmp_path, inform_variant, lang):
    result = apknews(tmp_path, "probe", "inform", "--base-url", inform_variant.base_url, lang=LANGS[lang])
    assert result.returncode == 3, result.stderr
    lines = result.stdout.splitlines()
    for line in PROBE_SAYS[lang]:
        assert line in lines
    assert any(line.startswith(PROBE_TITLE_PROBLEM[lang]) for line in lines)
    # The JSON twin keeps the English the code says, whatever the user's language.
    as_json = apknews(tmp_path, "probe", "inform", "--base-url", inform_variant.base_url, "--format", "json",
                      lang=LANGS[lang])  # fmt: skip
    listing = json.loads(as_json.stdout)["steps"][0]
    assert listing["verdict"] == "PROBLEM: listing_selector matched nothing; links found by fallback"


@pytest.mark.parametrize(
    ("lang", "refused", "not_probed"),
    [
        ("en", "  PROBLEM: not fetched: host assembly.kz is not in APKNEWS_ALLOWED_HOSTS",
         "apknews: error: source 'govkz' is read from a JSON API (spider 'govkz'), not probed"),
        ("ru", "  ПРОБЛЕМА: не загружена: хоста assembly.kz нет в APKNEWS_ALLOWED_HOSTS",
         "apknews: ошибка: источник 'govkz' читается через JSON API (паук 'govkz'), проверять нечего"),
        ("kk", "  МӘСЕЛЕ: жүктелмеді: assembly.kz хосты APKNEWS_ALLOWED_HOSTS тізімінде жоқ",
         "apknews: қате: 'govkz' дереккөзі JSON API арқылы оқылады ('govkz' өрмекшісі), тексерілмейді"),
    ],
)  # fmt: skip
def test_what_the_probe_may_not_fetch_or_cannot_probe_in_the_users_language(
    tmp_path, lang, refused, not_probed
):
    live = apknews(tmp_path, "probe", "assembly", lang=LANGS[lang])  # the tests allow only loopback
    assert live.returncode == 3 and refused in live.stdout.splitlines()
    api = apknews(tmp_path, "probe", "govkz", lang=LANGS[lang])
    assert (api.returncode, api.stderr) == (1, not_probed + "\n")


def at_a_terminal(data_dir, *args: str, lang: str) -> str:
    """What a person sees running the CLI at a terminal (stdout and stderr on one pty), colours off."""
    main, child = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANGUAGE")}
    command = [APKNEWS, "--data-dir", str(data_dir), *args]
    try:
        proc = subprocess.Popen(
            command, stdin=child, stdout=child, stderr=child, env={**env, **CRAWL_ENV, "LANG": lang}, cwd=ROOT
        )
        os.close(child)
        output = read_terminal(main)
        assert proc.wait(timeout=120) == 0
    finally:
        os.close(main)
    return output.decode("utf-8", "replace")


PROGRESS = {
    "en": "ddakmo 4 listings 8 articles done",
    "ru": "ddakmo: 4 страницы списков, 8 статей, готово",
    "kk": "ddakmo: 4 тізім беті, 8 мақала, дайын",
}


@pytest.mark.parametrize("lang", LANGS)
def test_the_crawls_progress_line_in_the_users_language(tmp_path, lang):
    server = serve("ddakmo")
    try:
        seen = at_a_terminal(
            tmp_path / "data", "update", "--source", "ddakmo", "--base-url", f"ddakmo={server.base_url}",
            lang=LANGS[lang],
        )  # fmt: skip
    finally:
        server.stop()
    assert PROGRESS[lang] in seen


@pytest.mark.parametrize(
    ("lang", "not_redis", "held"),
    [
        ("en", "apknews: error: --frontier http://x: not a Redis URL (redis://HOST:6379/0) "
               "(hint: start Redis there, or leave --frontier out to crawl alone)",
         "apknews: error: another apknews run holds {lock} (pid "),
        ("ru", "apknews: ошибка: --frontier http://x: не адрес Redis (redis://ХОСТ:6379/0) "
               "(подсказка: запустите там Redis или уберите --frontier, чтобы обходить в одиночку)",
         "apknews: ошибка: {lock} занят другим запуском apknews (pid "),
        ("kk", "apknews: қате: --frontier http://x: Redis мекенжайы емес (redis://ХОСТ:6379/0) "
               "(кеңес: сол жерде Redis іске қосыңыз немесе жалғыз жинау үшін --frontier алып тастаңыз)",
         "apknews: қате: {lock} файлын басқа apknews іске қосуы ұстап тұр (pid "),
    ],
)  # fmt: skip
def test_a_crawl_workers_refusals_in_the_users_language(tmp_path, lang, not_redis, held):
    data_dir = DataDir(tmp_path / "data")
    crawl = ("crawl", "--source", "ddakmo", "--base-url", "ddakmo=http://127.0.0.1:9")
    worker = apknews(data_dir.root, *crawl, "--frontier", "http://x", lang=LANGS[lang])
    assert (worker.returncode, worker.stderr) == (1, not_redis + "\n")
    lock = run_lock(data_dir).acquire()
    try:
        second = apknews(data_dir.root, *crawl, lang=LANGS[lang])
    finally:
        lock.release()
    assert second.returncode == 1 and second.stderr.startswith(held.format(lock=lock.path))


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "apknews: error: public_base_url must be an http(s) URL like https://news.example.kz/, "
               "not 'news.example.kz' (hint: set APKNEWS_PUBLIC_BASE_URL to the address readers use)"),
        ("ru", "apknews: ошибка: public_base_url должен быть http(s)-адресом вроде https://news.example.kz/, "
               "а не 'news.example.kz' (подсказка: укажите в APKNEWS_PUBLIC_BASE_URL адрес, по которому "
               "заходят читатели)"),
        ("kk", "apknews: қате: public_base_url https://news.example.kz/ сияқты http(s) мекенжайы "
               "болуы керек, 'news.example.kz' емес (кеңес: APKNEWS_PUBLIC_BASE_URL ішінде оқырмандар "
               "кіретін мекенжайды көрсетіңіз)"),
    ],
)  # fmt: skip
def test_a_malformed_public_base_url_is_said_in_the_users_language(tmp_path, lang, expected):
    data_dir = DataDir(tmp_path / "data")
    with Store(data_dir.store_path):
        pass  # an empty archive: serve reads the address before any page
    result = apknews(data_dir.root, "serve", "--port", "0", lang=LANGS[lang],
                     env={"APKNEWS_PUBLIC_BASE_URL": "news.example.kz"})  # fmt: skip
    assert (result.returncode, result.stderr) == (1, expected + "\n")
