"""How long `apknews search` takes from the shell's Enter to its answer: start-up plus one search."""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

STARTUP_QUERY = "ассамблея народа"
RUNS = 10
GOAL_MS = 250


def apknews_command() -> list[str]:
    """The installed `apknews` script beside this Python (as a user types it), else `-m apknews`."""
    script = Path(sys.executable).with_name("apknews")
    return [str(script)] if script.exists() else [sys.executable, "-m", "apknews"]


def measure_startup(data_dir: Path, pycache: Path, runs: int = RUNS, query: str = STARTUP_QUERY) -> dict:
    """Wall and CPU milliseconds of `runs` runs of `apknews search QUERY` on the archive in `data_dir`,
    each a fresh process, after one run that is not counted. Python's bytecode is cached (in
    `pycache`), as in any installed copy, even when the environment says not to write it."""
    command = [*apknews_command(), "--data-dir", str(data_dir), "search", query]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    shutil.rmtree(pycache, ignore_errors=True)  # compiled afresh by the first, uncounted run
    walls, cpus = [], []
    for run in range(runs + 1):
        before = _children_cpu()
        start = time.perf_counter()
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        wall = time.perf_counter() - start
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} failed:\n{done.stderr[-2000:]}")
        if run:
            walls.append(wall * 1000)
            cpus.append((_children_cpu() - before) * 1000)
    return {
        "command": ["apknews", "search", query],
        "runs": runs,
        "wall_ms": walls,
        "cpu_ms": cpus,
        "median_ms": statistics.median(walls),
        "cpu_median_ms": statistics.median(cpus),
        "load_average": os.getloadavg()[0],
    }


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime
