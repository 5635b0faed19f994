"""An installed wheel, not the checkout, carries its config and replicas: `--help` and the demo run."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_installed_in_a_fresh_venv_runs_the_demo(tmp_path):
    # Built from a copy of the files git knows, as from a fresh clone: no stale build/ folder.
    source = tmp_path / "source"
    listed = subprocess.check_output(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, text=True)
    for name in listed.splitlines():
        if (ROOT / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--wheel-dir",
            str(wheels),
            str(source),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = wheels.glob("apknews-*.whl")
    shipped = zipfile.ZipFile(wheel).namelist()
    for lang in ("ru", "kk"):  # the web page's compiled catalogues
        assert f"web/translations/{lang}/LC_MESSAGES/messages.mo" in shipped
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    # The dependencies come from the test's own environment, the code only from the wheel: a
    # path in a .pth file adds that folder, without running the editable install's finder in it.
    site = Path(
        subprocess.check_output(
            [venv / "bin" / "python", "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
            text=True,
        ).strip()
    )
    (site / "deps.pth").write_text(sysconfig.get_path("purelib") + "\n")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(site), str(wheel)],
        check=True,
        capture_output=True,
    )
    env = {**os.environ, "PYTHONPATH": "", "PYTHONWARNINGS": "ignore"}
    run = dict(cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)

    where = subprocess.run(
        [venv / "bin" / "python", "-c", "import archive, apknews; print(archive.__file__)"], **run
    )
    assert where.stdout.startswith(str(site)), where.stdout + where.stderr

    helped = subprocess.run([venv / "bin" / "python", "-m", "apknews", "--help"], **run)
    assert helped.returncode == 0 and "demo" in helped.stdout and "crawl" in helped.stdout

    demo = subprocess.run(
        [
            venv / "bin" / "python",
            "-m",
            "apknews",
            "--data-dir",
            str(tmp_path / "data"),
            "demo",
            "--port",
            "0",
        ],
        **run,
    )
    assert demo.returncode == 0, demo.stderr[-2000:]
    assert "Тараз" in demo.stdout and "replica requests served" in demo.stdout
    assert (tmp_path / "data" / "apknews.sqlite3").exists()
    assert list((tmp_path / "data" / "warc").glob("*.warc.gz"))
