"""Exports a researcher opens as they are: the columns a person reads, dates as dates, formats by name."""

from __future__ import annotations

import csv
import json
from datetime import datetime

import pytest
from openpyxl import load_workbook
from warcio.archiveiterator import ArchiveIterator

from archive.store import ARTICLE_FIELDS, Store
from search.export import DEFAULT_FIELDS, FIELDS
from tests.conftest import run_apknews

COLUMNS = ["published", "source", "lang", "title", "url", "snippet", "reposts", "translations"]


def stored(data_dir) -> dict[str, dict]:
    """Every stored article by the address it was fetched from."""
    with Store.open_readonly(data_dir / "apknews.sqlite3") as store:
        return {a["url"]: a for a in store.get_many(store.known_urls("assembly")).values()}


def warc_record_id(data_dir, article: dict) -> str:
    """The record's id as warcio reads it at the store's pointer."""
    with open(data_dir / article["warc_file"], "rb") as f:
        f.seek(article["warc_offset"])
        record = next(iter(ArchiveIterator(f)))
        assert record.rec_type == "response"
        return record.rec_headers.get_header("WARC-Record-ID")


def test_the_default_columns_and_the_record_id_a_citation_names(crawled, tmp_path):
    out = tmp_path / "hits.csv"
    result = run_apknews(crawled.data_dir, "export", "ассамблея", "-o", str(out))
    assert result.returncode == 0, result.stderr
    with open(out, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == DEFAULT_FIELDS == [*COLUMNS, "archive_record_id"]
    articles = stored(crawled.data_dir)
    for row in rows:
        article = articles[row["url"]]
        assert row["archive_record_id"] == warc_record_id(crawled.data_dir, article)
        assert row["archive_record_id"].startswith("<urn:uuid:")
        assert row["title"] == article["title"] and row["published"] == (article["published"] or "")
        assert row["snippet"] and row["reposts"].isdigit()
    assert any("**" in row["snippet"] for row in rows), "the snippet marks where the query matched"


def test_score_only_under_relevance_and_fields_for_the_rest(crawled, tmp_path):
    by_date = run_apknews(crawled.data_dir, "export", "Тараз", "-o", "-")
    assert "score" not in json.loads(by_date.stdout.splitlines()[0])
    ranked = run_apknews(crawled.data_dir, "export", "Тараз", "--sort", "relevance", "-o", "-")
    assert list(json.loads(ranked.stdout.splitlines()[0])) == [*DEFAULT_FIELDS, "score"]
    refused = run_apknews(crawled.data_dir, "export", "Тараз", "--fields", "title,score", "-o", "-")
    assert refused.returncode == 1 and "--sort relevance" in refused.stderr
    chosen = run_apknews(
        crawled.data_dir, "export", "*", "--fields", "canonical_url,content_hash,translations", "-o", "-"
    )
    record = json.loads(chosen.stdout.splitlines()[0])
    assert list(record) == ["canonical_url", "content_hash", "translations"]
    assert isinstance(record["translations"], list)
    helped = run_apknews(crawled.data_dir, "export", "--help").stdout
    for name in FIELDS:
        assert name in helped, name
    assert set(ARTICLE_FIELDS) <= set(FIELDS)


def test_xlsx_opens_as_it_is(crawled, tmp_path):
    out = tmp_path / "hits.xlsx"
    result = run_apknews(crawled.data_dir, "export", "*", "--lang", "ru", "-o", str(out))
    assert result.returncode == 0, result.stderr
    workbook = load_workbook(out)
    sheet = workbook["hits"]
    header = [c.value for c in sheet[1]]
    assert header == DEFAULT_FIELDS
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:I{sheet.max_row}"
    dates = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert all(c.is_date and isinstance(c.value, datetime) for c in dates if c.value is not None)
    assert any(c.value is not None for c in dates)
    about = dict(workbook["about"].iter_rows(values_only=True))
    assert about["filters.lang"] == "ru" and about["filters.source"] == "any"
    assert "None" not in {str(v) for v in about.values()}


def test_json_is_one_array(crawled, tmp_path):
    out = tmp_path / "hits.json"
    assert run_apknews(crawled.data_dir, "export", "меморандум", "-o", str(out)).returncode == 0
    records = json.loads(out.read_text(encoding="utf-8"))
    assert isinstance(records, list) and records and list(records[0]) == DEFAULT_FIELDS
    streamed = run_apknews(crawled.data_dir, "export", "меморандум", "--format", "json", "-o", "-")
    assert [r["url"] for r in json.loads(streamed.stdout)] == [r["url"] for r in records]


@pytest.mark.parametrize(
    ("command", "name", "says"),
    [
        ("export", "x.pdf", [".csv .jsonl .json .xlsx", "x.pdf"]),
        ("export", "x.txt", ["x.txt"]),
        ("timeline", "t.pdf", [".csv .png .svg", "t.pdf"]),
        ("export", "missing/x.csv", ["no folder", "missing/x.csv"]),
        ("timeline", "missing/t.png", ["no folder", "missing/t.png"]),
    ],
)
def test_a_file_the_format_or_folder_of_which_is_wrong_is_one_line_naming_it(
    crawled, tmp_path, command, name, says
):
    result = run_apknews(crawled.data_dir, command, "Тараз", "-o", str(tmp_path / name))
    assert result.returncode == 1 and result.stderr.count("\n") == 1, result.stderr
    assert "partial" not in result.stderr
    for words in says:
        assert words in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_file_is_named_as_the_user_wrote_it(crawled, tmp_path):
    target = tmp_path / "hits.csv"
    target.mkdir()  # a folder where the file should go: the move into place fails
    result = run_apknews(crawled.data_dir, "export", "Тараз", "-o", str(target))
    assert result.returncode == 1 and result.stderr.count("\n") == 1, result.stderr
    assert str(target) in result.stderr and ".partial" not in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["hits.csv"]
