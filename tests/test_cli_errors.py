"""Errors a user can cause at the command line: one line, `apknews: error: … (hint: …)`, exit 1."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import APKNEWS, ROOT, run_apknews


def one_line_error(result) -> str:
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("apknews: error: ") and "(hint: " in lines[0], lines
    return lines[0]


def total(crawled, *args: str) -> int:
    result = run_apknews(crawled.data_dir, "search", "*", "--format", "json", "--limit", "1", *args)
    assert result.returncode == 0, result.stderr
    return result.json()["total"]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--from", "2021-13-01"], ["--from", "'2021-13-01'", "YYYY-MM-DD, DD.MM.YYYY, YYYY-MM or YYYY"]),
        (["--to", "31.02.2021"], ["--to", "no such date"]),
        (["--from", "yesterday"], ["--from", "cannot read the date"]),
        (["--from", "2022", "--to", "2021"], ["after the end date"]),
        (["--lang", "de"], ["--lang", "'de'", "ru, kk, en"]),
        (["--source", "nosuch"], ["'nosuch'", "assembly"]),
        (["--limit", "0"], ["--limit", "apknews search --help"]),
        (["--sort", "newest"], ["--sort", "apknews search --help"]),
    ],
)
def test_a_bad_option_is_one_line_naming_what_is_valid(crawled, args, says):
    line = one_line_error(run_apknews(crawled.data_dir, "search", "ассамблея", *args))
    for words in says:
        assert words in line


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ("source:nosuch Тараз", ["'nosuch'", "assembly"]),
        ("lang:xx", ["'xx'", "lang:ru"]),
        ("title:", ["title:", "title:Тараз"]),
        ("Тараз text:", ["text:"]),
        ("date:", ["date:"]),
        ("~5", ["~", "phrase in quotes"]),
        ("Тараз~2", ["~", "phrase in quotes"]),
        ("AND", ["'AND'"]),
        ("-", ["'-'"]),
        ("Тараз +", ["'+'"]),
        ("NOT", ["'NOT'"]),
    ],
)
def test_an_empty_field_or_a_bare_operator_is_an_error_not_zero_hits(crawled, query, says):
    line = one_line_error(run_apknews(crawled.data_dir, "search", query))
    for words in says:
        assert words in line


def test_dates_as_written_here_and_months_and_years_as_their_span(crawled):
    assert total(crawled, "--from", "01.02.2021") == total(crawled, "--from", "2021-02-01") > 0
    year = total(crawled, "--from", "2021", "--to", "2021")
    assert year == total(crawled, "--from", "2021-01-01", "--to", "2021-12-31") > 0
    assert total(crawled, "--to", "2021") == total(crawled, "--to", "31.12.2021")
    assert total(crawled, "--from", "2021-03", "--to", "2021-03") == total(
        crawled, "--from", "2021-03-01", "--to", "2021-03-31"
    )


def test_the_source_field_and_option_find_a_source_the_archive_holds(crawled):
    assert total(crawled, "--source", "assembly") == total(crawled) > 0
    found = run_apknews(crawled.data_dir, "search", "source:assembly", "--format", "json", "--limit", "1")
    assert found.returncode == 0 and found.json()["total"] == total(crawled)


def test_an_unknown_command_or_global_option_is_one_line(crawled):
    assert "nosuch" in one_line_error(run_apknews(crawled.data_dir, "nosuch"))
    assert "--colour" in one_line_error(run_apknews(crawled.data_dir, "--colour", "search", "x"))


@pytest.mark.parametrize(
    "args",
    [["search", "*", "--limit", "1000"], ["search", "*", "--format", "json"], ["export", "*", "-o", "-"]],
)
def test_a_closed_pipe_ends_quietly_with_status_0(crawled, args):
    """`apknews search … | head`: the reader went away; no message, status 0, as Unix tools end."""
    proc = subprocess.Popen(
        [APKNEWS, "--data-dir", str(crawled.data_dir), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    proc.stdout.close()  # before the command writes a byte: every write meets a closed pipe
    stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 0, stderr
    assert stderr == ""


HEAVY = ("scrapy", "twisted", "matplotlib", "flask", "openpyxl", "trafilatura", "datasketch")
IMPORTED = "import sys, {modules}; print(' '.join(sorted({{m.split('.')[0] for m in sys.modules}})))"


@pytest.mark.parametrize("modules", ["apknews", "apknews, apknews.searching, search"])
def test_the_command_and_search_import_no_heavy_library(modules):
    """A search answers in a quarter of a second only if it loads none of these (each costs 0.1-0.5 s)."""
    code = IMPORTED.format(modules=modules)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    loaded = set(proc.stdout.split())
    assert "click" in loaded
    assert loaded.isdisjoint(HEAVY), sorted(loaded & set(HEAVY))
