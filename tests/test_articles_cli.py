"""`apknews show --versions` after a re-crawl finds an edit, and `apknews reextract` from the WARC alone."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from replicas.assembly_site import AssemblySite
from replicas.server import ReplicaServer
from tests.conftest import ARTICLES_DIR, ROOT, run_apknews

EDITED = "ru-den-blagodarnosti-otmetili-v-karagande.toml"
OLD_LINE = "Праздник завершился концертом и открытием выставки архивных фотографий."
NEW_LINE = "Праздник завершился концертом, открытием выставки архивных фотографий и чаепитием."


class SwitchableSite:
    """The replica, swappable under a running server: the same site, edited between two crawls."""

    def __init__(self, site: AssemblySite):
        self.site = site

    def handle(self, path_with_query: str):
        return self.site.handle(path_with_query)


@pytest.fixture(scope="module")
def recrawled(tmp_path_factory):
    """The replica crawled, one article edited on the site, crawled again with --refresh."""
    articles = tmp_path_factory.mktemp("articles")
    for path in ARTICLES_DIR.glob("*.toml"):
        shutil.copy(path, articles / path.name)
    data_dir = tmp_path_factory.mktemp("archive")
    site = SwitchableSite(AssemblySite(articles))
    with ReplicaServer(site) as server:
        base = ["crawl", "--source", "assembly", "--base-url", f"assembly={server.base_url}"]
        first = run_apknews(data_dir, *base)
        assert first.returncode == 0, first.stderr
        edited = articles / EDITED
        text = edited.read_text(encoding="utf-8")
        assert OLD_LINE in text
        edited.write_text(text.replace(OLD_LINE, NEW_LINE), encoding="utf-8")
        site.site = AssemblySite(articles)
        second = run_apknews(data_dir, *base, "--refresh")
        assert second.returncode == 0, second.stderr
        url = f"{server.base_url}/ru/news/den-blagodarnosti-otmetili-v-karagande/"
        requests_while_up = len(server.requests)
    return data_dir, url, server, requests_while_up


def test_show_versions_lists_the_old_text_with_its_fetch_time(recrawled):
    data_dir, url, _, _ = recrawled
    result = run_apknews(data_dir, "show", url, "--versions")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    old_part, current_part = out.split("--- version 2 of 2 (current)")
    assert "--- version 1 of 2, fetched 20" in old_part
    assert OLD_LINE in old_part.split("--- version 1 of 2")[1]
    assert NEW_LINE in out.split("--- version 1 of 2")[0]  # the article text shown first is the new one
    as_json = run_apknews(data_dir, "show", url, "--versions", "--format", "json").json()
    assert [OLD_LINE in v["text"] for v in as_json["versions"]] == [True]
    assert as_json["versions"][0]["fetched_at"] < as_json["fetched_at"]
    assert NEW_LINE in as_json["text"]
    assert set(as_json["links"]) == {"repost_of", "reposted_as", "translations"}


def test_show_without_versions_and_an_unchanged_article(recrawled):
    data_dir, url, _, _ = recrawled
    other = url.replace(
        "den-blagodarnosti-otmetili-v-karagande", "xxxii-sessiya-assamblei-naroda-kazahstana-proshla-v-astane"
    )
    result = run_apknews(data_dir, "show", other, "--versions")
    assert result.returncode == 0, result.stderr
    assert "versions: none" in result.stdout
    assert "--- version" not in run_apknews(data_dir, "show", url).stdout


def test_reextract_rebuilds_from_the_warc_without_the_network(recrawled, tmp_path):
    data_dir, url, server, requests_while_up = recrawled
    warcs = sorted(p.name for p in (data_dir / "warc").iterdir())
    unchanged = run_apknews(data_dir, "reextract")
    assert unchanged.returncode == 0, unchanged.stderr
    assert "0 changed" in unchanged.stdout and "1 earlier versions" in unchanged.stdout

    # Today's cleaner learns one more chrome line for assembly: the article and its version change.
    sources = (ROOT / "config" / "sources.toml").read_text(encoding="utf-8")
    marker = 'strip_lines = [\n    "Ассамблея народа Казахстана",'
    assert marker in sources
    (tmp_path / "sources.toml").write_text(
        sources.replace(
            marker,
            f'strip_lines = [\n    "{NEW_LINE}",\n    "{OLD_LINE}",\n    "Ассамблея народа Казахстана",',
        ),
        encoding="utf-8",
    )
    changed_sources = ("--sources", str(tmp_path / "sources.toml"))
    dry = run_apknews(data_dir, *changed_sources, "reextract", "--dry-run", "--format", "json")
    assert dry.returncode == 0, dry.stderr
    assert (dry.json()["changed"], dry.json()["fields"], dry.json()["dry_run"]) == (2, {"text": 2}, True)
    untouched = run_apknews(data_dir, "show", url, "--versions", "--format", "json").json()
    assert NEW_LINE in untouched["text"] and OLD_LINE in untouched["versions"][0]["text"]

    result = run_apknews(data_dir, *changed_sources, "reextract", "--source", "assembly")
    assert result.returncode == 0, result.stderr
    assert f"changed {url}" in result.stdout
    assert f"changed version of {url}" in result.stdout
    assert "2 changed (fields: text 2)" in result.stdout

    shown = run_apknews(data_dir, "show", url, "--versions", "--format", "json").json()
    assert NEW_LINE not in shown["text"] and OLD_LINE not in shown["versions"][0]["text"]
    assert "Праздник" not in shown["text"]
    # nothing fetched (the replica is down), nothing new archived, no new version made
    assert len(server.requests) == requests_while_up
    assert sorted(p.name for p in (data_dir / "warc").iterdir()) == warcs
    assert len(shown["versions"]) == 1


def test_reextract_errors_are_one_line(recrawled, tmp_path):
    data_dir, *_ = recrawled
    result = run_apknews(data_dir, "reextract", "--source", "nosuchsource")
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0 and "nosuchsource" in result.stderr
    empty = run_apknews(tmp_path / "nothing", "reextract")
    assert empty.returncode == 1 and "run `apknews crawl` first" in empty.stderr


def test_new_columns_and_links_are_stored(recrawled):
    data_dir, url, *_ = recrawled
    with sqlite3.connect(data_dir / "apknews.sqlite3") as db:
        names = {row[1] for row in db.execute("PRAGMA table_info(articles)")}
        assert {"published_time", "utc_offset", "dateline", "script", "images", "alternates"} <= names
        scripts = {row[0] for row in db.execute("SELECT DISTINCT script FROM articles")}
        assert scripts <= {"Cyrl", "Latn"} and "Cyrl" in scripts
        signatures = db.execute("SELECT COUNT(*) FROM article_signatures").fetchone()[0]
        articles = db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    assert signatures == articles  # the crawl's dedupe stage signed every article
