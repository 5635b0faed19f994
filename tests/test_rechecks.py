"""Re-checks against a real replica that rewrites history between runs, in both markups: every edit,
removal, move and outage classified, chrome-only changes left alone, diffs right, flags searchable."""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass, field

import pytest

from archive.diffs import ADDED, REMOVED, SAME
from archive.store import Store
from replicas.assembly_site import AssemblySite
from replicas.assembly_variant import AssemblyVariant
from replicas.rechecks import NEW_SENTENCE, OUTCOMES, RewritingSite
from replicas.server import ReplicaServer
from tests.conftest import APKNEWS, ROOT, CliResult

MARKUPS = {"first": AssemblySite, "second": AssemblyVariant}


def apknews(data_dir, *args: str, **env: str) -> CliResult:
    """The CLI in its own process, the replica's pace: no delay, no back-off between retries."""
    environment = {
        **os.environ,
        "APKNEWS_DOWNLOAD_DELAY": "0",
        "APKNEWS_RETRY_BACKOFF": "0",
        "PYTHONWARNINGS": "ignore",
        **env,
    }
    proc = subprocess.run(
        [APKNEWS, "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        timeout=300,
        env=environment,
        cwd=ROOT,
    )
    return CliResult(proc.returncode, proc.stdout, proc.stderr)


@dataclass
class Rechecked:
    data_dir: object
    site: RewritingSite
    base_url: str
    first: dict  # the re-check after the rewrite: its JSON
    second: dict  # the one after the 503 recovered
    outputs: list[CliResult] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.base_url + path

    def outcome(self, run: dict, path: str) -> dict:
        (check,) = [c for c in run["checks"] if c["canonical_url"] == self.url(path)]
        return check

    def search(self, query: str, *args: str) -> dict:
        result = apknews(self.data_dir, "search", query, "--format", "json", "--no-fold", *args)
        assert result.returncode == 0, result.stderr
        return result.json()


@pytest.fixture(scope="module", params=sorted(MARKUPS))
def rechecked(request, tmp_path_factory) -> Rechecked:
    data_dir = tmp_path_factory.mktemp(f"rechecks-{request.param}")
    site = RewritingSite(MARKUPS[request.param]())
    with ReplicaServer(site) as server:
        base = ["--source", "assembly", "--base-url", f"assembly={server.base_url}"]
        every = ["--older-than", "0", "--sample", "500", "--format", "json"]
        crawl = apknews(data_dir, "crawl", *base)
        assert crawl.returncode == 0, crawl.stderr
        assert apknews(data_dir, "index").returncode == 0
        site.rewrite()
        first = apknews(data_dir, "recheck", *base, *every)
        assert first.returncode == 0, first.stderr
        index = apknews(data_dir, "index")  # incremental: the statuses that changed
        assert index.returncode == 0 and "rebuilt" not in index.stdout, index.stdout
        site.recover()
        second = apknews(data_dir, "recheck", *base, *every)
        assert second.returncode == 0, second.stderr
        assert apknews(data_dir, "index").returncode == 0
        yield Rechecked(data_dir, site, server.base_url, first.json(), second.json(), [crawl, first, second])


def test_every_change_is_classified(rechecked):
    site = rechecked.site
    for change in site.changes:
        outcome, parts = OUTCOMES[change.kind]
        check = rechecked.outcome(rechecked.first, change.path)
        assert check["outcome"] == outcome, (change, check)
        if outcome == "edited":
            assert check["detail"] == ",".join(parts) and check["version_id"], check
    changed = {rechecked.url(c.path) for c in site.changes}
    others = [c for c in rechecked.first["checks"] if c["canonical_url"] not in changed]
    assert others and {c["outcome"] for c in others} == {"unchanged"}
    counts = rechecked.first["sources"]["assembly"]
    assert (counts["edited"], counts["gone"], counts["moved"], counts["unreachable"]) == (3, 5, 1, 1)
    assert counts["problems"] == []  # 5 of 40 gone, 3 edited: no alarm


def test_gone_by_status_or_by_what_the_page_is(rechecked):
    statuses = {
        kind: rechecked.outcome(rechecked.first, rechecked.site.paths_of(kind)[0])
        for kind in ("gone-404", "gone-410", "soft-404", "not-found-200", "replaced")
    }
    assert statuses["gone-404"]["http_status"] == 404
    assert statuses["gone-410"]["http_status"] == 410
    for soft in ("soft-404", "not-found-200", "replaced"):
        assert statuses[soft]["http_status"] == 200 and "soft 404" in statuses[soft]["detail"], statuses[soft]


def test_a_move_keeps_both_addresses(rechecked):
    (old,) = rechecked.site.paths_of("moved")
    check = rechecked.outcome(rechecked.first, old)
    assert check["http_status"] == 301
    assert check["target_url"] == rechecked.url(rechecked.site.moved_to[old])
    with Store.open_readonly(rechecked.data_dir / "apknews.sqlite3") as store:
        assert store.get(rechecked.url(old))["status"] == "moved"
        moved = store.get(check["target_url"])
    assert moved is not None and moved["title"] == rechecked.site.article(old).title


def test_chrome_spacing_and_counters_are_no_edit(rechecked):
    for path in rechecked.site.paths_of("chrome"):
        shown = apknews(rechecked.data_dir, "show", rechecked.url(path), "--versions", "--format", "json")
        record = shown.json()
        assert record["status"] == "unchanged" and record["versions"] == [] and record["diffs"] == []
        assert [c["outcome"] for c in record["checks"]] == ["unchanged", "unchanged"]


def test_an_outage_is_unreachable_then_checked_next_pass(rechecked):
    (path,) = rechecked.site.paths_of("unavailable")
    first = rechecked.outcome(rechecked.first, path)
    assert (first["outcome"], first["http_status"]) == ("unreachable", 503)
    assert rechecked.outcome(rechecked.second, path)["outcome"] == "unchanged"
    # Once it answered, nothing else is found anew: edits are kept, removals stay removed.
    second = {c["canonical_url"]: c["outcome"] for c in rechecked.second["checks"]}
    for change in rechecked.site.changes:
        found = OUTCOMES[change.kind][0]
        again = {"edited": "unchanged", "unreachable": "unchanged"}.get(found, found)
        assert second[rechecked.url(change.path)] == again, change


def _show_json(rechecked, kind: str) -> dict:
    (path,) = rechecked.site.paths_of(kind)
    shown = apknews(
        rechecked.data_dir, "show", rechecked.url(path), "--versions", "--diff", "--format", "json"
    )
    assert shown.returncode == 0, shown.stderr
    return shown.json()


def test_diffs_say_what_changed(rechecked):
    site = rechecked.site
    (title_path,) = site.paths_of("title")
    (step,) = _show_json(rechecked, "title")["diffs"]
    assert step["parts"] == ["title"] and step["text"] == []
    assert step["title"] == [site.article(title_path).title, site.new_title(title_path)]

    (date_path,) = site.paths_of("date")
    (step,) = _show_json(rechecked, "date")["diffs"]
    assert step["parts"] == ["date"]
    assert step["date"] == [site.article(date_path).date.isoformat(), site.new_date(date_path).isoformat()]

    (sentence_path,) = site.paths_of("sentence")
    record = _show_json(rechecked, "sentence")
    (step,) = record["diffs"]
    assert step["parts"] == ["text"]
    runs = [(run["op"], run["words"]) for run in step["text"]]
    before = " ".join(w for op, w in runs if op in (SAME, REMOVED))
    after = " ".join(w for op, w in runs if op in (SAME, ADDED))
    assert before.split() == record["versions"][0]["text"].split()
    assert after.split() == record["text"].split()
    taken_out, put_in = site.sentence_change(sentence_path)
    removed = " ".join(w for op, w in runs if op == REMOVED).split()
    added = " ".join(w for op, w in runs if op == ADDED).split()
    assert removed and set(removed) <= set(taken_out.split()) and set(added) <= set(NEW_SENTENCE.split())
    assert put_in == NEW_SENTENCE


def test_show_diff_marks_words_without_a_terminal(rechecked):
    (path,) = rechecked.site.paths_of("sentence")
    shown = apknews(rechecked.data_dir, "show", rechecked.url(path), "--versions", "--diff")
    assert shown.returncode == 0, shown.stderr
    assert "--- version 1 -> 2 of 2" in shown.stdout and ": text" in shown.stdout
    assert "{+По уточнённым данным" in shown.stdout and "[-" in shown.stdout
    assert "status: edited" in shown.stdout


def test_status_flags_in_search_and_facets(rechecked):
    site = rechecked.site
    expected = {
        "gone": {
            rechecked.url(p)
            for k in ("gone-404", "gone-410", "soft-404", "not-found-200", "replaced")
            for p in site.paths_of(k)
        },
        "edited": {rechecked.url(p) for k in ("title", "sentence", "date") for p in site.paths_of(k)},
        "moved": {rechecked.url(p) for p in site.paths_of("moved")},
    }
    everything = rechecked.search("*")
    for status, urls in expected.items():
        found = rechecked.search(f"status:{status}")
        assert {h["canonical_url"] for h in found["hits"]} == urls, status
        assert everything["facets"]["status"][status] == found["total"] == len(urls)
    assert sum(everything["facets"]["status"].values()) == everything["total"]
    gone_2025 = {
        u for u in expected["gone"] if site.article(u.removeprefix(rechecked.base_url)).date.year == 2025
    }
    found = rechecked.search("status:gone year:2025")
    assert {h["canonical_url"] for h in found["hits"]} == gone_2025


def test_exports_carry_status_last_check_and_versions(rechecked):
    out = rechecked.data_dir / "edited.jsonl"
    fields = "url,status,last_checked,versions"
    result = apknews(rechecked.data_dir, "export", "status:edited", "--fields", fields, "--output", str(out))
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 3
    for row in rows:
        assert row["status"] == "edited" and row["versions"] == 2 and row["last_checked"]


def test_an_unusual_share_removed_is_an_alarm(tmp_path):
    site = AssemblySite()
    removed = {"on": False}

    def handle(path: str):
        if removed["on"] and "/news/" in path and not path.rstrip("/").endswith("news"):
            return site.handle("/ru/news/no-such-page/")
        return site.handle(path)

    data_dir = tmp_path / "data"
    with ReplicaServer(handle) as server:
        base = ["--source", "assembly", "--base-url", f"assembly={server.base_url}"]
        assert apknews(data_dir, "crawl", *base).returncode == 0
        removed["on"] = True
        update = apknews(data_dir, "update", *base, "--quiet", APKNEWS_RECHECK_SAMPLE="10")
    assert update.returncode == 3, update.stderr
    assert "apknews: warning: assembly: re-check: 10 of 10 articles checked are gone" in update.stderr
    status = apknews(data_dir, "status", "--source", "assembly", "--format", "json").json()
    (assembly,) = status["sources"]
    assert assembly["state"] == "warning" and assembly["last_recheck"]["gone"] == 10
    assert any("re-check" in w for w in assembly["warnings"])
    table = apknews(data_dir, "status", "--source", "assembly")
    assert "WARNING" in table.stdout and "re-check" in table.stdout
    assert "last re-check: run 3 (" in table.stdout and "10 checked: 10 gone" in table.stdout
    russian = apknews(data_dir, "--lang-ui", "ru", "status", "--source", "assembly")
    assert "запуск 3 (" in russian.stdout and "проверено 10: 10 удалено" in russian.stdout


@pytest.mark.parametrize("ui", ["ru", "kk", "en"])
def test_the_article_page_shows_the_edit_and_the_status(rechecked, ui):
    from web.app import create_app

    client = create_app({"DATA_DIR": rechecked.data_dir, "TESTING": True}).test_client()
    site = rechecked.site
    (path,) = site.paths_of("sentence")
    page = client.get("/article", query_string={"url": rechecked.url(path), "ui": ui})
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert 'id="status" class="status-edited"' in html and 'id="diff-1"' in html
    assert "<ins>По уточнённым данным организаторов" in html and "<del>" in html
    (title_path,) = site.paths_of("title")
    html = client.get("/article", query_string={"url": rechecked.url(title_path), "ui": ui}).get_data(
        as_text=True
    )
    assert f"<ins>{site.new_title(title_path)}</ins>" in html
    (gone,) = site.paths_of("gone-410")
    html = client.get("/article", query_string={"url": rechecked.url(gone), "ui": ui}).get_data(as_text=True)
    assert 'class="status-gone"' in html and 'id="versions"' not in html
    (moved,) = site.paths_of("moved")
    html = client.get("/article", query_string={"url": rechecked.url(moved), "ui": ui}).get_data(as_text=True)
    assert 'id="moved-to"' in html and site.moved_to[moved] in html
    data = client.get("/article.json", query_string={"url": rechecked.url(path)}).get_json()
    assert data["status"] == "edited" and data["diffs"][0]["parts"] == ["text"] and len(data["checks"]) == 2


def test_the_search_page_has_a_status_facet_whose_links_lead_to_its_counts(rechecked):
    import re

    from web.app import create_app

    client = create_app({"DATA_DIR": rechecked.data_dir, "TESTING": True}).test_client()
    html = client.get("/search", query_string={"q": "*", "fold": "0", "ui": "en"}).get_data(as_text=True)
    facet = html[html.index('id="facet-status"') :]
    facet = facet[: facet.index("</section>")]
    links = re.findall(
        r'<a href="\?([^"]+)" data-value="(\w+)">([^<]+)</a>\s*<span class="count">(\d+)</span>', facet
    )
    by_value = {value: (link, label, int(count)) for link, value, label, count in links}
    assert by_value["gone"][1:] == ("removed by the source", 5) and by_value["edited"][2] == 3
    for value, (link, _label, count) in by_value.items():
        narrowed = client.get("/search.json?" + link.replace("&amp;", "&")).get_json()
        assert narrowed["total"] == count, value


def test_a_source_read_from_a_json_api_is_not_rechecked_by_its_pages(rechecked):
    result = apknews(rechecked.data_dir, "recheck", "--source", "govkz", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert result.json()["not_rechecked"] == ["govkz"] and result.json()["run"] is None
    text = apknews(rechecked.data_dir, "recheck", "--source", "govkz")
    assert "govkz: not re-checked: its texts come from a JSON API" in text.stdout and not text.stderr
    kazakh = apknews(rechecked.data_dir, "--lang-ui", "kk", "recheck", "--source", "govkz")
    assert "govkz: қайта тексерілмейді: мәтіндері сайт беттерінен емес" in kazakh.stdout


def test_hits_are_flagged_with_what_the_source_did(rechecked):
    from web.app import create_app

    client = create_app({"DATA_DIR": rechecked.data_dir, "TESTING": True}).test_client()
    html = client.get("/search", query_string={"q": "status:gone", "ui": "ru"}).get_data(as_text=True)
    assert html.count('<span class="status status-gone">удалено источником</span>') == 5
    html = client.get("/search", query_string={"q": "status:unchanged", "ui": "en"}).get_data(as_text=True)
    assert 'class="hit"' in html and 'class="status ' not in html
