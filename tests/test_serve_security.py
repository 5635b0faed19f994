"""`apknews serve` stays on this machine unless told, and its links never name the host a request claims."""

from __future__ import annotations

import os
import subprocess
import time

import pytest

from tests.conftest import APKNEWS, ROOT, run_apknews
from web import create_app
from web.public_address import public_base_url

FORGED = "evil.example.com"


def test_a_non_loopback_host_is_refused_without_public(crawled):
    for host in ("0.0.0.0", "::", "192.0.2.1", "example.kz"):
        result = run_apknews(crawled.data_dir, "serve", "--host", host, "--port", "0")
        assert result.returncode == 1
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"apknews: error: --host {host} would open"), lines
        assert "--public" in lines[0]


def test_public_serves_with_a_warning(crawled):
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    server = subprocess.Popen(
        [APKNEWS, "--data-dir", str(crawled.data_dir), "serve", "--host", "0.0.0.0", "--port", "0"]
        + ["--public", "--quiet"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=env,
    )
    try:
        warning = server.stderr.readline()
        serving = server.stdout.readline()
    finally:
        server.terminate()
        server.wait(timeout=20)
    assert warning.startswith("apknews: warning: serving on 0.0.0.0: anyone who can reach this machine")
    assert serving.startswith(f"serving {crawled.data_dir} at http://0.0.0.0:")


def test_loopback_needs_no_public(crawled):
    server = subprocess.Popen(
        [APKNEWS, "--data-dir", str(crawled.data_dir), "serve", "--host", "::1", "--port", "0", "--quiet"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        started = time.monotonic()
        serving = server.stdout.readline()
    finally:
        server.terminate()
        _, err = server.communicate(timeout=20)
    assert serving.startswith("serving ") and "http://[::1]:" in serving, err
    assert "warning" not in err and time.monotonic() - started < 30


def feed_and_json(app, headers: dict) -> str:
    client = app.test_client()
    pages = [
        client.get("/feed.atom?q=Ассамблея", headers=headers),
        client.get("/search.json?q=Ассамблея&per_page=2", headers=headers),
    ]
    for page in pages:
        assert page.status_code == 200, page.get_data(as_text=True)[:300]
    return "".join(page.get_data(as_text=True) for page in pages)


@pytest.mark.parametrize(
    "headers",
    [{"Host": FORGED}, {"Host": f"{FORGED}:8443"}, {"X-Forwarded-Host": FORGED}, {"Host": f"{FORGED}/x?"}],
)
def test_a_forged_host_header_never_reaches_the_links(crawled, headers):
    configured = create_app({"DATA_DIR": crawled.data_dir, "PUBLIC_BASE_URL": "https://news.example.kz/apk"})
    text = feed_and_json(configured, headers)
    assert FORGED not in text
    assert 'href="https://news.example.kz/apk/search?' in text  # the feed's own page
    assert "https://news.example.kz/apk/article?url=" in text  # each entry's article page
    plain = feed_and_json(create_app({"DATA_DIR": crawled.data_dir}), headers)
    assert FORGED not in plain
    assert "http://localhost/article?url=" in plain


def test_the_public_base_url_must_be_an_http_url():
    assert public_base_url("https://news.example.kz") == "https://news.example.kz/"
    assert public_base_url("") == "http://localhost/"
    for bad in ("news.example.kz", "ftp://x/", "https://x/?a=1", "javascript:alert(1)"):
        with pytest.raises(ValueError, match="public_base_url"):
            public_base_url(bad)


def test_serve_refuses_a_malformed_public_base_url(crawled):
    env = {**os.environ, "APKNEWS_PUBLIC_BASE_URL": "news.example.kz"}
    result = subprocess.run(
        [APKNEWS, "--data-dir", str(crawled.data_dir), "serve", "--port", "0"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env=env,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("apknews: error: public_base_url must be an http(s) URL")
