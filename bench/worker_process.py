"""One bench measurement in a fresh Python process (`python -m bench.worker`), read back as JSON."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_worker(*args: str) -> dict:
    """Run one measurement in a fresh Python process and return what it printed."""
    proc = subprocess.run(
        [sys.executable, "-m", "bench.worker", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )
    if proc.returncode != 0:
        raise RuntimeError(f"bench.worker {' '.join(args)} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout)
