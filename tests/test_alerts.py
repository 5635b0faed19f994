"""Saved searches and alerts: new hits between two crawls reported once, by text, JSON, Atom or mail."""

from __future__ import annotations

import email
import json
import os
import stat
import subprocess
import xml.etree.ElementTree as ET
from email import policy

import pytest

from archive.store import Store
from search import Filters, search
from search.saved import new_hit_counts
from tests.conftest import ROOT, CliResult, run_apknews
from tests.multisite import apknews_command, query, run, serve
from tests.synthetic import fill_store
from tests.test_store import make_article

ATOM = "{http://www.w3.org/2005/Atom}"
# A stand-in for sendmail: a real process that keeps the message it reads, as sendmail would mail it.
FAKE_SENDMAIL = """#!/bin/sh
cat > "{out}.$$"
echo "$@" > "{out}.$$.args"
"""


def fake_sendmail(tmp_path, fail: bool = False):
    script = tmp_path / "sendmail"
    body = FAKE_SENDMAIL.format(out=tmp_path / "mail")
    script.write_text(body + ("echo 'sendmail: no route to host' >&2; exit 75\n" if fail else ""))
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


def mails(tmp_path) -> list:
    found = sorted(p for p in tmp_path.glob("mail.*") if not p.name.endswith(".args"))
    return [email.message_from_bytes(p.read_bytes(), policy=policy.default) for p in found]


def alerts(data_dir, *args, env=None) -> CliResult:
    """`apknews alerts`, with `env` added to the environment."""
    proc = subprocess.run(
        apknews_command(data_dir, "alerts", *args),
        capture_output=True,
        text=True,
        timeout=240,
        env={**os.environ, "PYTHONWARNINGS": "ignore", **(env or {})},
        cwd=ROOT,
    )
    return CliResult(proc.returncode, proc.stdout, proc.stderr)


def crawl(data_dir, server, *extra) -> None:
    for args in (
        ("crawl", "--source", "inform", "--base-url", f"inform={server.base_url}", *extra),
        ("index",),
    ):
        result = run(data_dir, *args)
        assert result.returncode == 0, result.stdout + result.stderr


def matching_urls(data_dir, text, **filters) -> set[str]:
    """Every article `text` matches, reposts too (an alert lists each new article)."""
    found = search(data_dir, text, filters=Filters(**filters), limit=1000, collapse_reposts=False)
    return {hit.url for hit in found.hits}


def stored_urls(data_dir) -> set[str]:
    return {row["url"] for row in query(data_dir, "SELECT url FROM articles")}


def test_two_crawls_two_alert_runs_report_exactly_what_the_second_crawl_added(tmp_path):
    """The check of issue 14: a saved search, two crawls, alert runs after each: the second reports
    exactly the matching articles the second crawl added, by mail; a third reports nothing."""
    server = serve("inform")
    data_dir = tmp_path / "data"
    try:
        crawl(data_dir, server)
        for name, text, *options in (("ank", "АНК", "--lang", "ru"), ("everything", "*")):
            added = run_apknews(data_dir, "saved", "add", name, text, *options)
            assert added.returncode == 0, added.stderr
        first = alerts(data_dir)
        assert (first.returncode, first.stdout, first.stderr) == (0, "", "")  # nothing stored since
        before = stored_urls(data_dir)
        server._handle.__self__.publish()
        crawl(data_dir, server, "--refresh")  # every known article fetched and saved again too
    finally:
        server.stop()
    added = stored_urls(data_dir) - before
    assert len(added) == 2
    expected = {"ank": added & matching_urls(data_dir, "АНК", lang="ru"), "everything": added}
    assert expected["ank"], "the replica's new stories name the Assembly (АНК)"
    listed = json.loads(run_apknews(data_dir, "saved", "list", "--format", "json").stdout)
    assert {row["name"]: row["new"] for row in listed} == {k: len(v) for k, v in expected.items()}

    sendmail = fake_sendmail(tmp_path)
    env = {"APKNEWS_SENDMAIL_COMMAND": f"{sendmail} -t -oi"}
    second = alerts(data_dir, "--mail-to", "desk@example.kz", env=env)
    assert (second.returncode, second.stdout, second.stderr) == (0, "", "")
    [message] = mails(tmp_path)
    assert message["To"] == "desk@example.kz" and "3 new articles" in message["Subject"]
    body = message.get_content()
    for name, urls in expected.items():
        section = body.split(f"{name}: ", 1)[1].split("\n\n", 1)[0]
        assert {line.strip() for line in section.splitlines() if line.strip().startswith("http")} == urls
    third = alerts(data_dir, "--mail-to", "desk@example.kz", env=env)
    assert (third.returncode, third.stdout, third.stderr) == (0, "", "")
    assert len(mails(tmp_path)) == 1  # nothing new: no mail
    assert [n for _, n in new_hit_counts(data_dir)] == [0, 0]


@pytest.fixture
def archive(tmp_path):
    data_dir = tmp_path / "data"
    fill_store(data_dir, 30)
    assert run_apknews(data_dir, "index").returncode == 0
    return data_dir


def store_new(data_dir, count: int, text: str = "Меморандум подписан в Таразе.") -> list[str]:
    urls = [f"https://assembly.kz/ru/news/novost-{i}/" for i in range(count)]
    with Store(data_dir / "apknews.sqlite3") as store:
        for i, url in enumerate(urls):
            store.save(make_article(url=url, canonical_url=url, title=f"Новость {i}", text=text))
    assert run_apknews(data_dir, "index").returncode == 0
    return urls


def test_json_atom_and_text_list_new_hits_once_and_a_resaved_article_is_not_new(archive, tmp_path):
    for name, text in (("taraz", "Тараз"), ("memo", "меморандум")):
        assert run_apknews(archive, "saved", "add", name, text, "--lang", "ru").returncode == 0
    urls = store_new(archive, 3)
    # An article stored before the searches were saved, changed now to match them: not new.
    with Store(archive / "apknews.sqlite3") as store:
        old = store.get("https://example.kz/ru/news/0/")
        store.save(make_article(url=old["url"], canonical_url=old["url"], text="Тараз, меморандум."))
    assert run_apknews(archive, "index").returncode == 0

    found = alerts(archive, "--format", "json")
    assert found.returncode == 0, found.stderr
    searches = {s["name"]: s for s in found.json()["searches"]}
    assert {name: {h["url"] for h in s["hits"]} for name, s in searches.items()} == {
        "memo": set(urls),
        "taraz": set(urls),
    }
    assert searches["taraz"]["filters"]["lang"] == "ru" and searches["taraz"]["new"] == 3
    assert all("**" not in h["snippet"] and h["snippet"] for h in searches["taraz"]["hits"])
    assert alerts(archive, "--format", "json").stdout == ""  # reported once

    # Re-saved (changed) after being reported: still not new.
    with Store(archive / "apknews.sqlite3") as store:
        store.save(make_article(url=urls[0], canonical_url=urls[0], text="Тараз снова, новый текст."))
    later = store_new(archive, 4)[3:]  # novost-0..2 saved again unchanged, novost-3 is new
    feed_file = tmp_path / "alerts.xml"
    assert alerts(archive, "--format", "atom", "--output", str(feed_file)).returncode == 0
    feed = ET.parse(feed_file).getroot()
    entries = feed.findall(f"{ATOM}entry")
    assert sorted(e.find(f"{ATOM}link").get("href") for e in entries) == sorted(later * 2)
    assert {e.find(f"{ATOM}category").get("term") for e in entries} == {"taraz", "memo"}
    feed_file.write_text("kept")
    assert alerts(archive, "--format", "atom", "--output", str(feed_file)).stdout == ""
    assert feed_file.read_text() == "kept"  # nothing new: the file is left alone

    store_new(archive, 6)
    text = alerts(archive)
    assert text.returncode == 0 and text.stdout.startswith('memo: 2 new articles for "меморандум" --lang ru')
    assert text.stdout.count("https://assembly.kz/ru/news/novost-") == 4


def test_a_failed_mail_is_one_line_and_the_hits_wait_for_the_next_run(archive, tmp_path):
    assert run_apknews(archive, "saved", "add", "taraz", "Тараз").returncode == 0
    urls = store_new(archive, 2)
    broken = {"APKNEWS_SENDMAIL_COMMAND": str(fake_sendmail(tmp_path, fail=True))}
    failed = alerts(archive, "--mail-to", "desk@example.kz", env=broken)
    assert failed.returncode == 1 and failed.stdout == ""
    assert failed.stderr.count("\n") == 1 and "no route to host" in failed.stderr and "hint" in failed.stderr
    missing = {"APKNEWS_SENDMAIL_COMMAND": str(tmp_path / "no-sendmail")}
    assert "cannot run" in alerts(archive, "--mail-to", "desk@example.kz", env=missing).stderr
    again = alerts(archive, "--format", "json")
    assert {h["url"] for h in again.json()["searches"][0]["hits"]} == set(urls)


def test_saved_searches_are_named_checked_and_removed(archive):
    def one_line(*args) -> str:
        result = run_apknews(archive, "saved", *args)
        assert result.returncode == 1 and result.stderr.count("\n") == 1, result.stderr
        return result.stderr

    assert run_apknews(archive, "saved", "add", "taraz", "Тараз", "--from", "2021").returncode == 0
    assert "exists" in one_line("add", "taraz", "Алматы")
    assert "title:" in one_line("add", "bad", "title:")
    assert "nosuch" in one_line("add", "bad", "Тараз", "--source", "nosuch")
    listed = run_apknews(archive, "saved", "list")
    assert listed.stdout == 'taraz: "Тараз" --from 2021-01-01 (0 new; no alert run yet)\n'
    assert "taraz" in one_line("remove", "nope")
    assert run_apknews(archive, "saved", "remove", "taraz").returncode == 0
    assert "no saved search yet" in run_apknews(archive, "saved", "list").stdout
