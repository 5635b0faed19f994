"""`apknews serve --workers N`: the web page from N gunicorn processes over one index, stopped cleanly."""

from __future__ import annotations

import json
import re
import signal
import socket
import subprocess
import threading
import time
import urllib.request
from urllib.parse import quote

from tests.conftest import APKNEWS, ROOT


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _search(port: int, query: str) -> dict:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/search.json?q={quote(query)}", timeout=30) as page:
        assert page.status == 200
        return json.loads(page.read())


def _search_into(port: int, answers: list) -> None:
    answers.append(_search(port, "Ассамблея"))


def _answered_by(server: subprocess.Popen, lines: list[str]) -> None:
    for line in server.stdout:
        lines.append(line)


def test_two_workers_answer_searches_and_stop_cleanly(crawled):
    port = _free_port()
    server = subprocess.Popen(
        [APKNEWS, "--data-dir", str(crawled.data_dir), "serve", "--port", str(port), "--workers", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    lines: list[str] = []
    try:
        serving = server.stdout.readline()
        assert serving.startswith(f"serving {crawled.data_dir} at http://127.0.0.1:{port}/ with 2 workers")
        reader = threading.Thread(target=_answered_by, args=(server, lines), daemon=True)
        reader.start()
        deadline = time.monotonic() + 180  # a loaded machine starts gunicorn slowly
        while True:
            try:
                expected = _search(port, "Ассамблея")
                break
            except OSError:
                assert time.monotonic() < deadline and server.poll() is None, (
                    "serve --workers 2 never answered"
                )
                time.sleep(0.3)
        assert expected["total"] > 0
        pids: set[str] = set()
        # Four readers at once, until both workers have answered (each keeps its own connection).
        while len(pids) < 2 and time.monotonic() < deadline:
            answers: list[dict] = []
            threads = [threading.Thread(target=_search_into, args=(port, answers)) for _ in range(4)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            assert all(answer["total"] == expected["total"] for answer in answers)
            pids = {m.group(1) for line in list(lines) if (m := re.search(r"worker <(\d+)>", line))}
        assert len(pids) == 2, lines[-5:]
    finally:
        server.send_signal(signal.SIGINT)
        try:
            returncode = server.wait(timeout=30)
        finally:
            server.kill()
        errors = server.stderr.read()
    assert returncode == 0, errors
    assert "Traceback" not in errors
    for pid in pids:  # the workers are gone with their master
        assert not _running(int(pid))
    with socket.socket() as probe:  # and the port is free again (its closed connections may wait)
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind(("127.0.0.1", port))


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split()[2] != "Z"
    except FileNotFoundError:
        return False
