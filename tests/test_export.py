"""`apknews export` and `apknews timeline` read back with real readers and compared with the search API."""

from __future__ import annotations

import csv
import json
import os
import pty
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from archive import __version__
from archive.articles import Article
from archive.store import Store
from search import Filters, iter_hits, search
from tests.conftest import APKNEWS, ROOT, run_apknews
from tests.synthetic import fill_store
from tests.terminal import read_terminal

KAZAKH_LETTERS = set("әғқңөұүһі")
ARTIFACTS = ROOT / "test-artifacts"


def total(data_dir, query="*", **filters) -> int:
    """The search API's count of matching articles, every copy of a repost counted (as exports do)."""
    return search(data_dir, query, filters=Filters(**filters), limit=1, collapse_reposts=False).total


def test_csv_with_bom_opens_as_excel_reads_it(crawled, tmp_path):
    out = tmp_path / "hits.csv"
    result = run_apknews(crawled.data_dir, "export", "*", "--bom", "--with-text", "--output", str(out))
    assert result.returncode == 0, result.stderr
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with open(out, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    expected = list(iter_hits(crawled.data_dir, "*", with_text=True))
    assert len(rows) == len(expected) == total(crawled.data_dir)
    assert [r["url"] for r in rows] == [e["url"] for e in expected]
    by_url = {e["url"]: e for e in expected}
    for row in rows:
        assert row["title"] == by_url[row["url"]]["title"]
        assert row["text"] == by_url[row["url"]]["text"]  # multi-line text survives quoting
    kazakh = "".join(r["title"] + r["text"] for r in rows if r["lang"] == "kk")
    assert KAZAKH_LETTERS & set(kazakh.lower()), "Kazakh letters must come through intact"
    assert "Ассамблея" in "".join(r["title"] + r["text"] for r in rows)


def test_csv_without_bom_and_chosen_fields(crawled, tmp_path):
    out = tmp_path / "few.csv"
    result = run_apknews(
        crawled.data_dir, "export", "ассамблея", "--fields", "published,title,url", "-o", str(out)
    )
    assert result.returncode == 0, result.stderr
    assert not out.read_bytes().startswith(b"\xef\xbb\xbf")
    with open(out, encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        rows = list(reader)
    assert header == ["published", "title", "url"]
    assert len(rows) == total(crawled.data_dir, "ассамблея") >= 5
    dates = [r[0] for r in rows]
    assert dates == sorted(dates, reverse=True)  # newest first by default


def test_jsonl_matches_iter_hits(crawled, tmp_path):
    out = tmp_path / "hits.jsonl"
    result = run_apknews(crawled.data_dir, "export", "Тараз", "--lang", "ru", "--output", str(out))
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    expected = list(iter_hits(crawled.data_dir, "Тараз", filters=Filters(lang="ru")))
    assert [r["url"] for r in records] == [e["url"] for e in expected]
    assert len(records) == total(crawled.data_dir, "Тараз", lang="ru") >= 1
    assert "text" not in records[0]
    # sorted by date there is no relevance score (Whoosh would put the date there); by relevance there is
    assert "score" not in records[0]
    ranked = run_apknews(
        crawled.data_dir, "export", "Тараз", "--lang", "ru", "--sort", "relevance", "-o", "-"
    )
    scores = [json.loads(line)["score"] for line in ranked.stdout.splitlines()]
    assert len(scores) == len(records) and all(0 < s < 1000 for s in scores)
    assert scores == sorted(scores, reverse=True)


def test_xlsx_reads_back_with_openpyxl(crawled, tmp_path):
    out = tmp_path / "hits.xlsx"
    result = run_apknews(crawled.data_dir, "export", "*", "--lang", "kk", "--with-text", "-o", str(out))
    assert result.returncode == 0, result.stderr
    workbook = load_workbook(out, read_only=True)
    rows = list(workbook["hits"].iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    expected = list(iter_hits(crawled.data_dir, "*", filters=Filters(lang="kk"), with_text=True))
    assert len(body) == len(expected) == total(crawled.data_dir, lang="kk")
    titles = [r[header.index("title")] for r in body]
    assert titles == [e["title"] for e in expected]
    assert KAZAKH_LETTERS & set("".join(titles).lower())
    about = dict(workbook["about"].iter_rows(values_only=True))
    assert about["query"] == "*" and about["filters.lang"] == "kk" and about["count"] == str(len(body))


def test_sidecar_records_what_was_exported(crawled, tmp_path):
    out = tmp_path / "cite.csv"
    result = run_apknews(crawled.data_dir, "export", "ассамблея", "--from", "2020-01-01", "-o", str(out))
    assert result.returncode == 0, result.stderr
    meta = json.loads((tmp_path / "cite.csv.meta.json").read_text(encoding="utf-8"))
    assert meta["query"] == "ассамблея"
    assert meta["filters"]["date_from"] == "2020-01-01" and meta["filters"]["lang"] is None
    assert meta["software"]["apknews"] == __version__
    with Store(crawled.data_dir / "apknews.sqlite3") as store:
        assert meta["archive"]["articles"] == store.count()
    assert meta["archive"]["store_bytes"] > 0 and meta["archive"]["warc_bytes"] > 0
    assert meta["count"] == total(crawled.data_dir, "ассамблея", date_from=date(2020, 1, 1))
    assert meta["exported_at"].endswith("Z") and meta["format"] == "csv"


def test_unknown_field_is_one_line(crawled, tmp_path):
    result = run_apknews(
        crawled.data_dir, "export", "*", "--fields", "title,colour", "-o", str(tmp_path / "x.csv")
    )
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0 and "colour" in result.stderr
    assert not (tmp_path / "x.csv").exists()


def test_bad_query_leaves_no_file(crawled, tmp_path):
    result = run_apknews(crawled.data_dir, "export", '"Тараз', "-o", str(tmp_path / "x.jsonl"))
    assert result.returncode == 1 and "hint" in result.stderr and "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_progress_bar_on_a_terminal(crawled, tmp_path):
    main, child = pty.openpty()
    env = {**os.environ, "PYTHONWARNINGS": "ignore", "COLUMNS": "100"}
    cmd = [APKNEWS, "--data-dir", str(crawled.data_dir), "export", "*", "-o", str(tmp_path / "all.csv")]
    proc = subprocess.Popen(
        cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=child, env=env, cwd=ROOT
    )
    os.close(child)
    shown = read_terminal(main)
    proc.wait(timeout=120)
    os.close(main)
    text = shown.decode("utf-8", "replace")
    assert proc.returncode == 0, text
    assert "exporting" in text and "100%" in text
    # and none when stderr is not a terminal (the other tests): no bar in a log file
    piped = run_apknews(crawled.data_dir, "export", "*", "-o", str(tmp_path / "again.csv"))
    assert "exporting" not in piped.stderr and "%" not in piped.stderr


def test_timeline_csv_is_zero_filled(crawled, tmp_path):
    result = run_apknews(crawled.data_dir, "timeline", "*", "--by", "month", "--split", "lang")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(result.stdout.splitlines()))
    months = [r["period"] for r in rows]
    first, last = months[0], months[-1]
    expected_months = []
    year, month = int(first[:4]), int(first[5:])
    while f"{year}-{month:02d}" <= last:
        expected_months.append(f"{year}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    assert months == expected_months  # every month present, gaps included
    assert any(r["total"] == "0" for r in rows)
    for lang in ("ru", "kk", "en"):
        assert sum(int(r[lang]) for r in rows) == total(crawled.data_dir, lang=lang)
    assert all(int(r["total"]) == int(r["ru"]) + int(r["kk"]) + int(r["en"]) for r in rows)


def test_timeline_by_year_and_week(crawled):
    years = list(
        csv.DictReader(
            run_apknews(crawled.data_dir, "timeline", "ассамблея", "--by", "year").stdout.splitlines()
        )
    )
    assert sum(int(r["total"]) for r in years) == total(crawled.data_dir, "ассамблея")
    assert [r["period_start"][5:] for r in years] == ["01-01"] * len(years)
    weeks = run_apknews(
        crawled.data_dir, "timeline", "*", "--by", "week", "--from", "2021-01-01", "--to", "2021-03-31"
    )
    rows = list(csv.DictReader(weeks.stdout.splitlines()))
    assert rows[0]["period"] == "2020-W53" and rows[-1]["period"] == "2021-W13"
    assert all(date.fromisoformat(r["period_start"]).weekday() == 0 for r in rows)


def test_timeline_pictures(crawled, tmp_path):
    png, svg = tmp_path / "t.png", tmp_path / "t.svg"
    assert run_apknews(crawled.data_dir, "timeline", "*", "--split", "source", "-o", str(png)).returncode == 0
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    result = run_apknews(crawled.data_dir, "timeline", "*", "--by", "year", "--format", "svg", "-o", str(svg))
    assert result.returncode == 0, result.stderr
    assert ET.parse(svg).getroot().tag == "{http://www.w3.org/2000/svg}svg"
    refused = run_apknews(crawled.data_dir, "timeline", "*", "--format", "png")
    assert refused.returncode == 1 and "--output" in refused.stderr


def test_xlsx_keeps_formula_like_titles_as_text(tmp_path):
    data_dir = tmp_path / "data"
    fill_store(data_dir, 30)
    with Store(data_dir / "apknews.sqlite3") as store:
        store.save(
            Article(
                url="https://example.kz/ru/news/formula/",
                canonical_url="https://example.kz/ru/news/formula/",
                source="assembly",
                lang="ru",
                title='=HYPERLINK("http://evil.example","Ассамблея")',
                text="Ассамблея\x07 с управляющим символом, который XML не допускает.",
                published="2020-02-02",
                fetched_at="2026-01-01T00:00:00Z",
            )
        )
    assert run_apknews(data_dir, "index").returncode == 0
    out = tmp_path / "f.xlsx"
    result = run_apknews(data_dir, "export", "*", "--with-text", "-o", str(out))
    assert result.returncode == 0, result.stderr
    sheet = load_workbook(out)["hits"]
    header = [c.value for c in sheet[1]]
    cells = [row[header.index("title")] for row in sheet.iter_rows(min_row=2)]
    formula = [c for c in cells if str(c.value).startswith("=HYPERLINK")]
    assert len(formula) == 1 and formula[0].data_type == "s"
    assert sheet.max_row - 1 == 31


PEAK_RSS = (
    "import resource, subprocess, sys\n"
    "code = subprocess.call(sys.argv[1:])\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    "sys.exit(code)\n"
)


def export_peak_kb(data_dir: Path, *args: str) -> int:
    """Peak resident memory (KB) of one `apknews export` process."""
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    proc = subprocess.run(
        [sys.executable, "-c", PEAK_RSS, APKNEWS, "--data-dir", str(data_dir), "export", *args],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    return int(proc.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def large_archive(tmp_path_factory):
    """50,000 synthetic articles, stored and indexed (indexing them takes minutes)."""
    data_dir = tmp_path_factory.mktemp("large")
    fill_store(data_dir, 50_000)
    indexed = run_apknews(data_dir, "index", timeout=900)
    assert indexed.returncode == 0, indexed.stderr
    return data_dir


@pytest.mark.skipif(
    not os.environ.get("APKNEWS_LARGE_TESTS"),
    reason="indexes 50,000 articles (minutes): `make test-large`, or APKNEWS_LARGE_TESTS=1 (CI sets it)",
)
@pytest.mark.timeout(1800)  # indexing 50,000 articles: minutes on a busy 2-core machine
def test_50k_export_streams_with_flat_memory(large_archive, tmp_path):
    out = tmp_path / "all.csv"
    peak_all = export_peak_kb(large_archive, "*", "--with-text", "-o", str(out))
    with open(out, encoding="utf-8", newline="") as f:
        count = sum(1 for _ in csv.DictReader(f))
    assert count == 50_000 == total(large_archive)
    # one year of the ten: a tenth of the hits
    small = tmp_path / "year.csv"
    peak_year = export_peak_kb(
        large_archive, "*", "--with-text", "--from", "2015-01-01", "--to", "2015-12-31", "-o", str(small)
    )
    with open(small, encoding="utf-8", newline="") as f:
        year_count = sum(1 for _ in csv.DictReader(f))
    assert 3_000 < year_count < 7_000
    xlsx = tmp_path / "all.xlsx"
    peak_xlsx = export_peak_kb(large_archive, "*", "-o", str(xlsx))
    sheet = load_workbook(xlsx, read_only=True)["hits"]  # streamed: no dimension written, count the rows
    assert sum(1 for _ in sheet.iter_rows(values_only=True)) == 50_001
    figures = {
        "articles": count,
        "peak_rss_kb_csv_50k_with_text": peak_all,
        "peak_rss_kb_csv_5k_with_text": peak_year,
        "year_hits": year_count,
        "peak_rss_kb_xlsx_50k": peak_xlsx,
    }
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "export-memory.json").write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print("export memory:", figures)
    # Flat: ten times the hits may not cost more than a few megabytes (the hit list), never the data.
    assert peak_all - peak_year < 40_000, figures
    assert peak_xlsx - peak_year < 40_000, figures
