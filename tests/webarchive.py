"""The web tests' archive: the crawled replica copied, plus a hostile article, a version, a repost and a
translation link; and `apknews serve` run on it over real HTTP."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from archive.articles import Article
from archive.pages import FetchedPage
from archive.store import Store
from archive.warc import WarcFile
from tests.conftest import APKNEWS, ROOT, run_apknews

HOSTILE_TITLE = "<script>alert(1)</script> Проверка экранирования"
HOSTILE_URL = "https://hostile.example.kz/ru/news/xss/"
HOSTILE_AUTHOR = "Айгерим <i>Сапарова</i>"
HOSTILE_PAGE = b"""<!doctype html><html><head><meta charset="utf-8"><title>xss</title>
<script>alert('archived script')</script><meta http-equiv="refresh" content="0;url=javascript:alert(3)">
</head><body onload="alert('onload')"><h1>Archived hostile page</h1>
<img src="x" onerror="alert('img')"><a href="javascript:alert('link')">click</a>
<iframe src="https://example.org/"></iframe>
<p>\xd0\x9f\xd1\x80\xd0\xbe\xd0\xb2\xd0\xb5\xd1\x80\xd0\xba\xd0\xb0 archived body text</p></body></html>"""
REPOST_URL = "https://testsite.example.kz/ru/news/repost/"
SECOND_SOURCE = "testsite"


@dataclass
class WebArchive:
    data_dir: Path
    hostile_url: str
    repost_url: str
    original_url: str  # the replica article the repost copies


def build_web_archive(crawled_dir: Path, target: Path) -> WebArchive:
    """Copy the crawled archive to `target`, add the test articles, and bring the index up to date."""
    shutil.copytree(crawled_dir, target)
    with Store(target / "apknews.sqlite3") as store:
        writer = WarcFile(target / "warc" / "hostile.warc.gz", target)
        fetched = "2026-01-02T10:00:00Z"
        page = FetchedPage(
            HOSTILE_URL, 200, [("Content-Type", "text/html; charset=utf-8")], HOSTILE_PAGE, fetched
        )
        pointer = writer.write_page(page)
        writer.close()
        first = Article(
            url=HOSTILE_URL,
            canonical_url=HOSTILE_URL,
            source=SECOND_SOURCE,
            lang="ru",
            title="Первая редакция заголовка",
            text="Проверка экранирования заголовков в первой редакции.",
            published="2021-05-05",
            fetched_at="2026-01-01T10:00:00Z",
            warc=pointer,
            # what the article page lays out under labels of its own
            author=HOSTILE_AUTHOR,
            published_time="14:35",
            utc_offset="+06:00",
            dateline="АСТАНА. КАЗИНФОРМ",
        )
        store.save(first)
        # The page changed: the first text becomes a version.
        changed = Article(**{**first.__dict__, "title": HOSTILE_TITLE, "fetched_at": fetched})
        changed.text = "Проверка экранирования: <b>жирный</b> & «кавычки» в тексте статьи."
        store.save(changed)
        original = store.db.execute(
            "SELECT * FROM articles WHERE lang = 'ru' AND source = 'assembly' ORDER BY published LIMIT 1"
        ).fetchone()
        repost = Article(
            url=REPOST_URL,
            canonical_url=REPOST_URL,
            source=SECOND_SOURCE,
            lang="ru",
            title=original["title"] + " (перепечатка)",
            text=original["text"],
            published=original["published"],
            fetched_at=fetched,
        )
        store.save(repost)
        ids = {
            r["canonical_url"]: r["id"] for r in store.db.execute("SELECT id, canonical_url FROM articles")
        }
        translation = store.db.execute(
            "SELECT id FROM articles WHERE lang = 'kk' AND source = 'assembly' ORDER BY published LIMIT 1"
        ).fetchone()
        with store.db:
            store.db.execute(
                "INSERT INTO article_links (article_id, target_id, kind, score, reason) VALUES (?,?,?,?,?)",
                (ids[REPOST_URL], original["id"], "repost", 0.97, "test"),
            )
            store.db.execute(
                "INSERT INTO article_links (article_id, target_id, kind, score, reason) VALUES (?,?,?,?,?)",
                (original["id"], translation["id"], "translation", None, "test"),
            )
    indexed = run_apknews(target, "index")
    assert indexed.returncode == 0, indexed.stderr
    return WebArchive(target, HOSTILE_URL, REPOST_URL, original["canonical_url"])


class WebServer:
    """`apknews serve --port 0` in its own process; the URL is read from the line it prints."""

    def __init__(self, data_dir: Path):
        self.proc = subprocess.Popen(
            [APKNEWS, "--data-dir", str(data_dir), "serve", "--port", "0", "--quiet"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        line = self.proc.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:\d+", line)
        if not found:
            self.proc.kill()
            raise RuntimeError(f"serve did not start: {line!r} {self.proc.stderr.read()}")
        self.base_url = found.group(0)

    def url(self, path: str, **params) -> str:
        return self.base_url + path + ("?" + urlencode(params) if params else "")

    def get(self, path: str, **params) -> tuple[int, dict, bytes]:
        """(status, headers, body) of a GET; error statuses are returned, not raised."""
        return self.request(self.url(path, **params))

    def request(self, url: str, method: str = "GET") -> tuple[int, dict, bytes]:
        try:
            with urllib.request.urlopen(urllib.request.Request(url, method=method), timeout=60) as resp:
                return resp.status, dict(resp.headers), resp.read()
        except urllib.error.HTTPError as exc:
            return exc.code, dict(exc.headers), exc.read()

    def json(self, path: str, **params):
        status, _, body = self.get(path, **params)
        return status, json.loads(body)

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=20)
        self.proc.stdout.close()
        self.proc.stderr.close()
