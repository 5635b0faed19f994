"""The gold set: pages of every source and language, each field as a researcher would cite it."""

from __future__ import annotations

import dataclasses
import subprocess
import sys

import pytest

from archive.sources import load_sources
from bench.gold.scorer import FIELDS, GoldReport, load_gold, score, score_case
from tests.conftest import ROOT

# Every source of ../shared/SITES.md whose article pages are HTML (gov.kz is a JavaScript app).
SOURCES = {
    "assembly", "inform", "taraz-ank", "kostdom", "vkodd", "ddakmo", "kazpravda", "tengrinews", "zakon",
    "informburo", "egemen", "dknews",
}  # fmt: skip


@pytest.fixture(scope="module")
def report() -> GoldReport:
    return score()


def test_the_gold_set_covers_every_source_and_language():
    cases = load_gold()
    assert len(cases) >= 60
    assert {c.source for c in cases} == SOURCES
    assert {c.expect["lang"] for c in cases} == {"ru", "kk", "en"}
    assert any(c.expect["script"] == "Latn" and c.expect["lang"] == "kk" for c in cases)
    # every case checks some text in and some chrome out, and the chrome really is on its page
    for case in cases:
        assert case.expect["must_contain"] and case.expect["must_not_contain"], case.name


def test_dates_and_languages_are_all_right(report):
    wrong = {r.case.name: r.wrong() for r in report.results if not all(r.right[f] for f in FIELDS)}
    assert report.accuracy("date") == 1.0, wrong
    assert report.accuracy("time") == 1.0, wrong
    assert report.accuracy("lang") == 1.0, wrong
    assert report.accuracy("script") == 1.0, wrong


def test_no_leftovers_and_every_field_right(report):
    assert report.leftovers() == 0, {r.case.name: r.leftovers for r in report.results if r.leftovers}
    problems = {r.case.name: r.wrong() for r in report.results if r.wrong()}
    assert problems == {}


def test_the_scorer_catches_a_wrong_date_and_a_leftover():
    case = next(c for c in load_gold() if c.source == "inform" and c.expect["dateline"])
    sources = load_sources()
    wrong_date = dataclasses.replace(case, expect={**case.expect, "date": "2001-01-01"})
    result = score_case(wrong_date, sources)
    assert not result.right["date"] and result.right["lang"]
    leftover = dataclasses.replace(
        case, expect={**case.expect, "must_not_contain": [case.expect["must_contain"][0]]}
    )
    assert score_case(leftover, sources).leftovers == [case.expect["must_contain"][0]]


def test_the_scorer_script_prints_the_table():
    proc = subprocess.run(
        [sys.executable, "scripts/score_gold.py"], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[1].split() == ["source", "pages", "langs", *FIELDS, "leftovers"]
    total = next(line for line in lines if line.startswith("ALL"))
    assert total.split()[-1] == "0"
    assert all(cell == "100.0%" for cell in total.split()[3:-1])
