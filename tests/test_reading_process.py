"""Processes that answer searches start numpy without huge pages; indexing keeps numpy's default."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

PROBE = """
import sys
from apknews import cli
cli.get_command(None, sys.argv[1])
import numpy
print(numpy._core.multiarray._get_madvise_hugepage())
"""


def huge_pages_in(command: str, **env: str) -> str:
    environment = {k: v for k, v in os.environ.items() if k != "NUMPY_MADVISE_HUGEPAGE"} | env
    done = subprocess.run(
        [sys.executable, "-c", PROBE, command], capture_output=True, text=True, env=environment, check=True
    )
    return done.stdout.strip()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="numpy asks for huge pages on Linux only")
def test_search_and_the_web_page_run_without_huge_pages_and_indexing_with_them():
    assert huge_pages_in("search") == "False"
    assert huge_pages_in("serve") == "False"
    assert huge_pages_in("export") == "False"
    assert huge_pages_in("index") == "True"


def test_a_users_own_setting_wins():
    assert huge_pages_in("search", NUMPY_MADVISE_HUGEPAGE="1") == "True"
