"""`apknews demo` ends by telling how to open the web page; `--serve` serves it, the replica still up."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request
from urllib.parse import quote

from tests.conftest import APKNEWS, ROOT

DEMO_ENV = {**os.environ, "PYTHONWARNINGS": "ignore"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_the_demo_ends_with_the_exact_command_that_opens_its_web_page(tmp_path):
    data_dir = tmp_path / "demo-data"
    done = subprocess.run(
        [APKNEWS, "--data-dir", str(data_dir), "demo", "--port", "0"],
        capture_output=True, text=True, timeout=300, env=DEMO_ENV, cwd=ROOT,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    closing = done.stdout.strip().splitlines()[-3:]
    assert f"run `apknews --data-dir {data_dir} serve`, then http://127.0.0.1:8000/" in closing[1]
    assert "make demo SERVE=1" in closing[2]


def _as_from_a_terminal() -> None:
    """Ctrl-C reaches the demo as it does from a shell: the signal state this test process was
    left in by earlier tests (a blocked or ignored SIGINT is inherited) is not passed on."""
    signal.pthread_sigmask(signal.SIG_SETMASK, [])
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_demo_serve_leaves_the_replica_up_and_serves_the_archive(tmp_path):
    web_port = free_port()
    command = [APKNEWS, "--data-dir", str(tmp_path / "d"), "demo", "--port", "0", "--serve"]
    demo = subprocess.Popen(
        [*command, "--web-port", str(web_port)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=DEMO_ENV, cwd=ROOT,
        start_new_session=True, preexec_fn=_as_from_a_terminal,
    )  # fmt: skip
    try:
        lines = iter(demo.stdout.readline, "")
        told = next(line for line in lines if line.startswith("the web page:"))
        assert f"http://127.0.0.1:{web_port}/" in told
        replica_url = told.rsplit(" at ", 1)[1].rstrip(")\n")
        page = None
        deadline = time.monotonic() + 60
        while page is None and time.monotonic() < deadline:
            time.sleep(0.5)
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{web_port}/?q={quote('ассамблея')}") as r:
                    page = r.read().decode()
            except OSError:
                continue
        assert page is not None, "the web page never answered"
        assert "/article?url=" in page  # a hit, linking to its article page
        with urllib.request.urlopen(replica_url + "/robots.txt", timeout=5) as r:
            assert r.status == 200  # the replica still serves the originals the pages link to
        os.killpg(demo.pid, signal.SIGINT)
        demo.communicate(timeout=60)  # what it prints on the way out is read, so it cannot block
        assert demo.returncode is not None
    finally:
        if demo.poll() is None:
            os.killpg(demo.pid, signal.SIGKILL)
            demo.wait()
