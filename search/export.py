"""Every hit of a query written as CSV, JSONL or XLSX, streamed, with a sidecar saying what was exported."""

from __future__ import annotations

import csv
import json
import logging
import platform
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from archive import __version__
from archive.settings import DataDir
from archive.store import ARTICLE_FIELDS, Store, utc_now
from search.filters import Filters
from search.stories import STORIES

logger = logging.getLogger(__name__)

FORMATS = ("csv", "jsonl", "xlsx")
SCORE = "score"
# What a row holds unless asked otherwise: every stored field but the (long) text, then the score.
DEFAULT_FIELDS = [f for f in ARTICLE_FIELDS if f != "text"] + [SCORE]
XLSX_CELL_LIMIT = 32767  # Excel's longest cell; longer texts are cut (and counted in the sidecar)
# Control characters that XML 1.0, hence XLSX, cannot hold.
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


class ExportError(ValueError):
    """An export that cannot be made as asked (unknown field, unknown format)."""


@dataclass
class ExportReport:
    count: int
    fields: list[str]
    cut_cells: int = 0  # XLSX cells cut to Excel's limit


def resolve_fields(fields: Iterable[str] | None, with_text: bool = False) -> list[str]:
    """The columns of an export: the asked ones (checked), else the defaults; text when asked."""
    known = [*ARTICLE_FIELDS, SCORE]
    if fields:
        chosen = [f.strip() for f in fields if f.strip()]
        unknown = [f for f in chosen if f not in known]
        if unknown:
            raise ExportError(f"unknown field(s) {', '.join(unknown)}; known: {', '.join(known)}")
        if with_text and "text" not in chosen:
            chosen.append("text")
        return list(dict.fromkeys(chosen))
    return [*DEFAULT_FIELDS, "text"] if with_text else list(DEFAULT_FIELDS)


def format_for(path: Path | str, fmt: str | None) -> str:
    """The format asked for, else the one the file name says (hits.csv), else JSONL."""
    if fmt:
        if fmt not in FORMATS:
            raise ExportError(f"unknown format {fmt!r}; use one of: {', '.join(FORMATS)}")
        return fmt
    suffix = Path(str(path)).suffix.lower().lstrip(".")
    return suffix if suffix in FORMATS else "jsonl"


def _projected(records: Iterable[dict], fields: list[str]) -> Iterator[list]:
    for record in records:
        yield [record.get(f) for f in fields]


def _flat_cells(rows: Iterable[list], empty: str | None = "") -> Iterator[list]:
    """Rows for a table: lists and mappings (images, alternates) as JSON text, None as `empty`."""
    for row in rows:
        yield [
            json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else (empty if v is None else v)
            for v in row
        ]


def csv_lines(records: Iterable[dict], fields: list[str], bom: bool = False) -> Iterator[str]:
    """CSV text, header first, one chunk per record (for streaming over HTTP or into a file)."""
    buffer = _LineBuffer()
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180, what Excel writes itself
    writer.writerow(fields)
    yield ("\ufeff" if bom else "") + buffer.take()
    for row in _flat_cells(_projected(records, fields)):
        writer.writerow(row)
        yield buffer.take()


def jsonl_lines(records: Iterable[dict], fields: list[str]) -> Iterator[str]:
    for row in _projected(records, fields):
        yield json.dumps(dict(zip(fields, row, strict=True)), ensure_ascii=False) + "\n"


class _LineBuffer:
    def __init__(self):
        self.parts: list[str] = []

    def write(self, text: str) -> None:
        self.parts.append(text)

    def take(self) -> str:
        text = "".join(self.parts)
        self.parts.clear()
        return text


class _Counted:
    """The records, counted as they pass (and reported to a progress callback)."""

    def __init__(self, records: Iterable[dict], on_record: Callable[[], None] | None = None):
        self.records = records
        self.on_record = on_record
        self.count = 0

    def __iter__(self) -> Iterator[dict]:
        for record in self.records:
            self.count += 1
            if self.on_record:
                self.on_record()
            yield record


def export_to_file(
    records: Iterable[dict],
    output: Path,
    fmt: str,
    fields: list[str],
    *,
    bom: bool = False,
    about: dict | None = None,
    on_record: Callable[[], None] | None = None,
) -> ExportReport:
    """Write every record to `output` in `fmt`; a failed export leaves no half-written file behind."""
    counted = _Counted(records, on_record)
    # Written beside the target and moved into place when complete.
    partial = output.with_name(output.name + ".partial")
    try:
        if fmt == "xlsx":
            report = write_xlsx(counted, partial, fields, about)
        else:
            lines = csv_lines(counted, fields, bom) if fmt == "csv" else jsonl_lines(counted, fields)
            with open(partial, "w", encoding="utf-8", newline="") as out:
                for chunk in lines:
                    out.write(chunk)
            report = ExportReport(counted.count, fields)
        partial.replace(output)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return report


def export_to_stream(
    records: Iterable[dict], out: IO[str], fmt: str, fields: list[str], bom: bool = False
) -> int:
    """Write every record to a text stream (standard output) as CSV or JSONL; return how many."""
    if fmt not in ("csv", "jsonl"):
        raise ExportError(f"{fmt} cannot go to standard output: give --output FILE")
    counted = _Counted(records)
    lines = csv_lines(counted, fields, bom) if fmt == "csv" else jsonl_lines(counted, fields)
    for chunk in lines:
        out.write(chunk)
    return counted.count


def write_xlsx(
    records: Iterable[dict],
    target: Path | IO[bytes],
    fields: list[str],
    about: dict | None = None,
) -> ExportReport:
    """An XLSX workbook: sheet "hits" (header, one row per record), sheet "about" (what was exported).

    openpyxl's write-only mode streams rows to a temporary file: memory stays flat however many hits.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("hits")
    sheet.append(fields)
    count = cut = 0
    for row in _flat_cells(_projected(records, fields), empty=None):
        cells = []
        for value in row:
            if isinstance(value, str):
                value = _XML_ILLEGAL.sub("", value)
                if len(value) > XLSX_CELL_LIMIT:
                    value, cut = value[:XLSX_CELL_LIMIT], cut + 1
                cell = WriteOnlyCell(sheet, value)
                cell.data_type = "s"  # a title starting with "=" is text, never a formula
                cells.append(cell)
            else:
                cells.append(value)
        sheet.append(cells)
        count += 1
    if about is not None:
        info = workbook.create_sheet("about")
        for key, value in _flat({**about, "count": count, "cut_cells": cut}).items():
            cell = WriteOnlyCell(info, str(value))
            cell.data_type = "s"
            info.append([key, cell])
    workbook.save(target)
    return ExportReport(count, fields, cut)


def _flat(data: dict, prefix: str = "") -> dict:
    flat = {}
    for key, value in data.items():
        if isinstance(value, dict):
            flat.update(_flat(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value if not isinstance(value, list) else ", ".join(map(str, value))
    return flat


def describe_archive(data_dir: DataDir) -> dict:
    """How big the archive was at export time: articles, and bytes of the store, WARC files and index."""
    with Store.open_readonly(data_dir.store_path) as store:
        articles = store.count()

    def size(path: Path) -> int:
        if path.is_file():
            return path.stat().st_size
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.exists() else 0

    return {
        "articles": articles,
        "store_bytes": size(data_dir.store_path),
        "warc_bytes": size(data_dir.warc_dir),
        "index_bytes": size(data_dir.index_dir),
        "data_dir": str(data_dir.root.resolve()),
    }


def describe_export(
    data_dir: DataDir,
    query: str,
    filters: Filters,
    fmt: str,
    fields: list[str],
    sort: str,
    counts: str = STORIES,
) -> dict:
    """What a paper needs to cite an export: query, filters, time, archive size, software versions;
    `counts` says what a row is: a story (a repost folded under the copy shown) or every article."""
    return {
        "query": query,
        "filters": filters.to_dict(),
        "sort": sort,
        "counts": counts,
        "format": fmt,
        "fields": fields,
        "exported_at": utc_now(),
        "archive": describe_archive(data_dir),
        "software": {"apknews": __version__, "python": platform.python_version()},
    }


def sidecar_path(output: Path) -> Path:
    """hits.csv -> hits.csv.meta.json, beside the export."""
    return output.with_name(output.name + ".meta.json")


def write_sidecar(output: Path, about: dict, report: ExportReport) -> Path:
    path = sidecar_path(output)
    data = {**about, "count": report.count, "file": output.name}
    if report.cut_cells:
        data["cut_cells"] = report.cut_cells
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path
