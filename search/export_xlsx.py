"""An export as an XLSX workbook a researcher opens as it is: dates as dates, a filter on every column."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO

from search.export_fields import table_rows

XLSX_CELL_LIMIT = 32767  # Excel's longest cell; longer texts are cut (and counted in the sidecar)
# Control characters that XML 1.0, hence XLSX, cannot hold.
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
DATE_FIELDS = ("published",)
COLUMN_WIDTHS = {"published": 11, "source": 12, "lang": 5, "title": 60, "url": 40, "snippet": 80}


@dataclass
class ExportReport:
    count: int
    fields: list[str]
    cut_cells: int = 0  # XLSX cells cut to Excel's limit


def write_xlsx(
    records: Iterable[dict],
    target: Path | IO[bytes],
    fields: list[str],
    about: dict | None = None,
) -> ExportReport:
    """An XLSX workbook: sheet "hits" (a frozen header with a filter, one row per record, the
    publication date as a date cell), sheet "about" (what was exported, open filters as "any").

    openpyxl's write-only mode streams rows to a temporary file: memory stays flat however many hits.
    """
    # Imported here: openpyxl takes ~100 ms to load, and only an XLSX export needs it.
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("hits")
    sheet.freeze_panes = "A2"
    for number, name in enumerate(fields, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = COLUMN_WIDTHS.get(name, 16)
    sheet.append(fields)
    dates = [i for i, name in enumerate(fields) if name in DATE_FIELDS]
    count = cut = 0
    for row in table_rows(records, fields, empty=None):
        cells, cut_here = _cells(sheet, row, dates)
        sheet.append(cells)
        count, cut = count + 1, cut + cut_here
    sheet.auto_filter.ref = f"A1:{get_column_letter(max(len(fields), 1))}{count + 1}"
    if about is not None:
        info = workbook.create_sheet("about")
        for key, value in _flat({**about, "count": count, "cut_cells": cut}).items():
            info.append([key, _text_cell(info, "" if value is None else str(value))])
    workbook.save(target)
    return ExportReport(count, fields, cut)


def _cells(sheet, row: list, dates: list[int]) -> tuple[list, int]:
    """The row's cells: text as text (never a formula), a date column's value as a date; and how
    many texts were cut to Excel's limit."""
    from openpyxl.cell import WriteOnlyCell

    cells, cut = [], 0
    for index, value in enumerate(row):
        if index in dates and isinstance(value, str) and len(value) == 10:
            cell = WriteOnlyCell(sheet, date.fromisoformat(value))
            cell.number_format = "yyyy-mm-dd"
            cells.append(cell)
        elif isinstance(value, str):
            value = _XML_ILLEGAL.sub("", value)
            if len(value) > XLSX_CELL_LIMIT:
                value, cut = value[:XLSX_CELL_LIMIT], cut + 1
            cells.append(_text_cell(sheet, value))
        else:
            cells.append(value)
    return cells, cut


def _text_cell(sheet, value: str):
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value)
    cell.data_type = "s"  # a title starting with "=" is text, never a formula
    return cell


def _flat(data: dict, prefix: str = "") -> dict:
    """{"filters.lang": "ru", …}: nested keys joined by dots, lists by commas, an open filter "any"."""
    flat = {}
    for key, value in data.items():
        if isinstance(value, dict):
            flat.update(_flat(value, f"{prefix}{key}."))
        elif value is None and prefix == "filters.":
            flat[f"{prefix}{key}"] = "any"
        else:
            flat[f"{prefix}{key}"] = value if not isinstance(value, list) else ", ".join(map(str, value))
    return flat
