"""The CLI's search, export and timeline as a journalist uses them: each hit's re-check status in the
JSON, --status beside --person and --region (as `status:` in the query), a person by a Latin
spelling (person:Tokayev finds Токаев), and the citation export's warning in ru, kk and en. On the
assembly replica crawled and indexed by the real CLI, its entities judged by hand."""

from __future__ import annotations

import csv
import io

import pytest

from archive.store import Store
from tests.conftest import run_apknews
from tests.test_cli_i18n import apknews
from tests.test_entities import RELEASE, RELEASE_TEXTS, TOKAYEV
from tests.test_entities import archive as entities_archive  # noqa: F401 (a fixture)

LANGS = {"en": "C.UTF-8", "ru": "ru_RU.UTF-8", "kk": "kk_KZ.UTF-8"}
GONE_RELEASE = RELEASE.format(lang="kk")  # the source removed the Kazakh release


@pytest.fixture(scope="module")
def archive(entities_archive):  # noqa: F811
    """The entities' archive, the Kazakh release re-checked and found gone, indexed again."""
    with Store(entities_archive / "apknews.sqlite3") as store:
        [article_id] = store.article_ids([GONE_RELEASE]).values()
        store.record_check(article_id, "gone", http_status=404)
    index = run_apknews(entities_archive, "index")
    assert index.returncode == 0, index.stderr
    return entities_archive


def hits(data_dir, *args: str) -> list[dict]:
    result = run_apknews(data_dir, "search", *args, "--format", "json", "--limit", "100")
    assert result.returncode == 0, result.stderr
    return result.json()["hits"]


def test_each_json_hit_says_what_the_rechecks_found(archive):
    found = {hit["canonical_url"]: hit["status"] for hit in hits(archive, "*")}
    assert found[GONE_RELEASE] == "gone"
    assert {status for url, status in found.items() if url != GONE_RELEASE} == {"unchecked"}


def test_the_status_option_is_the_status_field(archive):
    by_field = [hit["canonical_url"] for hit in hits(archive, "status:gone")]
    assert by_field == [GONE_RELEASE]
    assert [hit["canonical_url"] for hit in hits(archive, "*", "--status", "gone")] == by_field
    assert [
        hit["canonical_url"] for hit in hits(archive, "*", "--status", "GONE")
    ] == by_field  # as status: reads it
    unchecked = hits(archive, "*", "--status", "unchecked")
    assert len(unchecked) == len(hits(archive, "*")) - 1
    assert GONE_RELEASE not in {hit["canonical_url"] for hit in unchecked}


def test_export_and_timeline_take_the_status_option(archive, tmp_path):
    out = tmp_path / "gone.csv"
    exported = run_apknews(
        archive, "export", "*", "--status", "gone", "--fields", "url,status", "-o", str(out)
    )
    assert exported.returncode == 0, exported.stderr
    assert list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8")))) == [
        {"url": GONE_RELEASE, "status": "gone"}
    ]
    counted = run_apknews(archive, "timeline", "*", "--status", "gone", "--by", "year")
    assert counted.returncode == 0, counted.stderr
    assert counted.stdout.splitlines() == ["period,period_start,total", "2024,2024-01-01,1"]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "apknews: error: --status: unknown status 'lost' "
               "(hint: a status is one of unchecked, unchanged, edited, moved, gone)"),
        ("ru", "apknews: ошибка: --status: неизвестный статус 'lost' "
               "(подсказка: статус — один из unchecked, unchanged, edited, moved, gone)"),
        ("kk", "apknews: қате: --status: белгісіз мәртебе 'lost' "
               "(кеңес: мәртебе мыналардың бірі: unchecked, unchanged, edited, moved, gone)"),
    ],
)  # fmt: skip
def test_a_wrong_status_lists_the_valid_ones(archive, lang, expected):
    for command in ("search", "timeline"):
        result = apknews(archive, command, "*", "--status", "lost", lang=LANGS[lang])
        assert (result.returncode, result.stderr) == (1, expected + "\n"), command


def test_a_person_by_a_latin_spelling(archive):
    whole = {hit["canonical_url"] for hit in hits(archive, f'person:"{TOKAYEV}"')}
    assert len(whole) == 5
    for query in ("person:Tokayev", "person:Tokaev", "person:Toqaev", 'person:"Kassym-Jomart Tokayev"'):
        assert {hit["canonical_url"] for hit in hits(archive, query)} == whole, query
    assert {hit["canonical_url"] for hit in hits(archive, "*", "--person", "Tokayev")} == whole
    karin = hits(archive, "person:Karin")  # Ерлан Карин, named in the Russian release only
    assert [hit["canonical_url"] for hit in karin] == [RELEASE.format(lang="ru")]
    # Whole names and surnames only, as in Cyrillic: a first name or another name finds nothing.
    assert hits(archive, "person:Kassym-Jomart") == hits(archive, "person:Nazarbayev") == []
    explained = run_apknews(archive, "search", "person:Tokayev", "--explain").stdout
    assert "person:Tokayev: only articles naming it (in any alphabet) among their people" in explained
    assert RELEASE_TEXTS["en"][0] in explained


@pytest.mark.parametrize(
    ("lang", "warning"),
    [
        ("en", "apknews: warning: no public base URL (--public-base-url or APKNEWS_PUBLIC_BASE_URL): "
               "the citations name each archived copy by its WARC record id only, with no link"),
        ("ru", "apknews: предупреждение: нет публичного базового URL (--public-base-url или "
               "APKNEWS_PUBLIC_BASE_URL): цитаты называют каждую архивную копию только по id WARC-записи, "
               "без ссылки"),
        ("kk", "apknews: ескерту: жария негізгі URL жоқ (--public-base-url не APKNEWS_PUBLIC_BASE_URL): "
               "дәйексөздер әр мұрағаттық көшірмені сілтемесіз, тек WARC жазбасының id арқылы атайды"),
    ],
)  # fmt: skip
def test_the_citation_warning_in_the_users_language(archive, tmp_path, lang, warning):
    out = tmp_path / "hits.ris"
    result = apknews(archive, "export", "person:Tokayev", "-o", str(out), lang=LANGS[lang],
                     env={"APKNEWS_PUBLIC_BASE_URL": ""})  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[0] == warning
    assert out.read_text(encoding="utf-8").count("TY  - ") == 5
