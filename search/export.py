"""Every hit of a query written as CSV, JSON Lines, JSON, XLSX or as citations (RIS, BibTeX, CSL-JSON),
streamed, with a sidecar saying what was exported (the columns: search/export_fields.py)."""

from __future__ import annotations

import csv
import json
import logging
import platform
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO

from archive import __version__
from archive.settings import DataDir
from archive.store import Store, utc_now
from search.citations import CITATION_FIELDS, CITATION_FORMATS, Citing
from search.export_fields import (
    DEFAULT_FIELDS,
    FIELDS,
    SCORE,
    ExportError,
    export_rows,
    resolve_fields,
    row_values,
    table_rows,
)
from search.export_xlsx import ExportReport, write_xlsx
from search.filters import Filters
from search.stories import STORIES

logger = logging.getLogger(__name__)

__all__ = [  # with the columns' names, so that the web page and the CLI import one module
    "CITATION_FIELDS",
    "CITATION_FORMATS",
    "Citing",
    "DEFAULT_FIELDS",
    "FIELDS",
    "FORMATS",
    "SCORE",
    "ExportError",
    "export_rows",
    "resolve_fields",
    "write_xlsx",
]

FORMATS = ("csv", "jsonl", "json", "xlsx", *CITATION_FORMATS)
STREAMED = ("csv", "jsonl", "json", *CITATION_FORMATS)  # what standard output can take (an XLSX is a zip)
# A file name's ending and the format it says: hits.csv, hits.jsonl … hits.bib, hits.csl.json.
ENDINGS = {"ris": "ris", "bib": "bibtex", "csl.json": "csljson"}
_ENDING_OF = {fmt: ending for ending, fmt in ENDINGS.items()}


def format_for(path: Path | str, fmt: str | None, default: str = "jsonl", formats=FORMATS) -> str:
    """The format the file name's ending says (hits.csv, hits.xlsx), or the one asked for; `default`
    for standard output ('-'). An ending that is none of `formats`, or that says another one than
    asked, is an ExportError: no CSV is written into x.pdf."""
    if fmt and fmt not in formats:
        raise ExportError(
            "unknown format %(format)r; use one of: %(formats)s", format=fmt, formats=", ".join(formats)
        )
    if str(path) == "-":
        return fmt or default
    suffix, said = _ending(Path(str(path)).name.lower(), formats)
    if said:
        if fmt and fmt != said and not (fmt == "csljson" and said == "json"):  # a CSL-JSON file is JSON
            raise ExportError(
                "%(file)s ends in .%(ending)s but --format is %(format)s: give one or the other",
                file=path,
                ending=suffix,
                format=fmt,
            )
        return fmt or said
    if fmt:
        return fmt
    endings = " ".join("." + _ENDING_OF.get(f, f) for f in formats)
    raise ExportError(
        "cannot tell the format of %(file)s from its name: end it in %(endings)s or give --format",
        file=path,
        endings=endings,
    )


def _ending(name: str, formats) -> tuple[str, str | None]:
    """The name's ending ("csl.json", "bib", "csv") and the format among `formats` it says, if any."""
    for ending, fmt in ENDINGS.items():
        if name.endswith("." + ending) and fmt in formats:
            return ending, fmt
    suffix = Path(name).suffix.lstrip(".")
    return suffix, suffix if suffix in formats and suffix not in _ENDING_OF else None


def csv_lines(records: Iterable[dict], fields: list[str], bom: bool = False) -> Iterator[str]:
    """CSV text, header first, one chunk per record (for streaming over HTTP or into a file)."""
    buffer = _LineBuffer()
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180, what Excel writes itself
    writer.writerow(fields)
    yield ("\ufeff" if bom else "") + buffer.take()
    for row in table_rows(records, fields):
        writer.writerow(row)
        yield buffer.take()


def jsonl_lines(records: Iterable[dict], fields: list[str]) -> Iterator[str]:
    for row in row_values(records, fields):
        yield json.dumps(dict(zip(fields, row, strict=True)), ensure_ascii=False) + "\n"


def json_lines(records: Iterable[dict], fields: list[str]) -> Iterator[str]:
    """One JSON array of the records, written one record per line as they come."""
    yield "["
    for number, line in enumerate(jsonl_lines(records, fields)):
        yield ("\n" if number == 0 else ",\n") + line.rstrip("\n")
    yield "\n]\n"


def text_lines(
    records: Iterable[dict], fmt: str, fields: list[str], bom: bool = False, citing: Citing | None = None
) -> Iterator[str]:
    """The chunks of a CSV, JSON Lines, JSON or citations export (records with CITATION_FIELDS)."""
    if fmt in CITATION_FORMATS:
        from search.citation_formats import citation_chunks  # rispy and bibtexparser only when citing

        return citation_chunks((citing or Citing({})).citations(records), fmt)
    if fmt == "csv":
        return csv_lines(records, fields, bom)
    return jsonl_lines(records, fields) if fmt == "jsonl" else json_lines(records, fields)


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
    citing: Citing | None = None,
) -> ExportReport:
    """Write every record to `output` in `fmt`; a failed export leaves no half-written file behind.
    ExportError, naming `output`, when its folder is missing or the file cannot be written."""
    folder = output.parent
    if not folder.is_dir():
        raise ExportError(
            "no folder %(folder)s for %(file)s: create it first, or write elsewhere",
            folder=folder,
            file=output,
        )
    counted = _Counted(records, on_record)
    # Written beside the target and moved into place when complete.
    partial = output.with_name(output.name + ".partial")
    try:
        if fmt == "xlsx":
            report = write_xlsx(counted, partial, fields, about)
        else:
            with open(partial, "w", encoding="utf-8", newline="") as out:
                for chunk in text_lines(counted, fmt, fields, bom, citing):
                    out.write(chunk)
            report = ExportReport(counted.count, fields)
        partial.replace(output)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise ExportError(
            "cannot write %(file)s: %(reason)s", file=output, reason=exc.strerror or exc
        ) from exc
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return report


def export_to_stream(
    records: Iterable[dict],
    out: IO[str],
    fmt: str,
    fields: list[str],
    bom: bool = False,
    citing: Citing | None = None,
) -> int:
    """Write every record to a text stream (standard output) as CSV, JSON Lines, JSON or citations;
    return how many."""
    if fmt not in STREAMED:
        raise ExportError("%(format)s cannot go to standard output: give --output FILE", format=fmt)
    counted = _Counted(records)
    for chunk in text_lines(counted, fmt, fields, bom, citing):
        out.write(chunk)
    return counted.count


def describe_archive(data_dir: DataDir) -> dict:
    """How big the archive was at export time: articles, and bytes of the store, WARC files and index."""
    with Store.open_readonly(data_dir.store_path) as store:
        articles, store_bytes = store.count(), store.size_bytes()

    def size(path: Path) -> int:
        if path.is_file():
            return path.stat().st_size
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.exists() else 0

    return {
        "articles": articles,
        "store_bytes": store_bytes,
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
