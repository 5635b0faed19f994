"""Reading never writes: search, show, status, export and the web page work on a read-only file system.

The archive is bind-mounted read-only in a user namespace (`unshare -rm`; skipped with the reason
where that is refused), as a full disk or a read-only backup copy would present it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from tests.conftest import APKNEWS, ROOT

WEB_CHECK = """
import sys
from archive.settings import DataDir
from web import create_app
client = create_app({"DATA_DIR": DataDir(sys.argv[1])}).test_client()
for path in ("/", "/search?q=Ассамблея", "/feed.atom?q=Ассамблея"):
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code, response.get_data(as_text=True)[:300])
print("web ok")
"""


@pytest.fixture(scope="module")
def read_only(crawled, tmp_path_factory):
    """Runs a shell command with the crawled archive's copy at $DATA, mounted read-only."""
    copy = tmp_path_factory.mktemp("readonly") / "data"
    shutil.copytree(crawled.data_dir, copy)
    probe = subprocess.run(
        ["unshare", "-rm", "sh", "-c", f"mount --bind -o ro {copy} {copy}"], capture_output=True, text=True
    )
    if probe.returncode != 0:
        pytest.skip(f"cannot bind-mount read-only: {probe.stderr.strip()}")

    def run(command: str, *args: str) -> subprocess.CompletedProcess:
        script = f'mount --bind -o ro "$DATA" "$DATA" && touch "$DATA/x" 2>/dev/null && exit 98; {command}'
        return subprocess.run(
            ["unshare", "-rm", "sh", "-c", script, "sh", *args],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=ROOT,
            env={"DATA": str(copy), "PATH": "/usr/bin:/bin", "PYTHONWARNINGS": "ignore"},
        )

    run.data_dir = copy
    return run


def apknews(read_only, *args: str) -> subprocess.CompletedProcess:
    done = read_only(f'"{APKNEWS}" --data-dir "$DATA" "$@"', *args)
    assert done.returncode != 98, "the bind mount is writable"
    return done


def test_search_and_show_read_a_read_only_archive(read_only):
    found = apknews(read_only, "search", "Ассамблея", "--format", "json")
    assert found.returncode == 0, found.stderr
    url = found.stdout.split('"url": "')[1].split('"')[0]
    shown = apknews(read_only, "show", url)
    assert shown.returncode == 0, shown.stderr
    assert url in shown.stdout


def test_status_reads_a_read_only_archive(read_only):
    status = apknews(read_only, "status")
    assert status.returncode == 0, status.stderr
    assert "assembly: 41 articles stored" in status.stdout


def test_export_reads_a_read_only_archive(read_only, tmp_path):
    out = tmp_path / "hits.jsonl"
    exported = apknews(read_only, "export", "Ассамблея", "--output", str(out))
    assert exported.returncode == 0, exported.stderr
    assert out.read_text(encoding="utf-8").count("\n") > 0


def test_the_web_page_reads_a_read_only_archive(read_only):
    done = read_only(f'"{sys.executable}" -c "$1" "$DATA"', WEB_CHECK)
    assert done.returncode == 0, done.stderr
    assert "web ok" in done.stdout
