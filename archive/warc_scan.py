"""WARC files read back: whole records counted, a torn tail found and cut (a copy kept), pointers checked."""

from __future__ import annotations

import re
import shutil
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from archive.articles import WarcPointer
from archive.warc import read_response

_READ_BYTES = 1 << 16
_CONTENT_LENGTH = re.compile(rb"^content-length:\s*(\d+)\s*$", re.IGNORECASE | re.MULTILINE)


@dataclass
class WarcScan:
    path: Path
    records: int  # whole records
    whole_end: int  # where the last whole record ends
    size: int  # the file's size: larger than whole_end when the tail is torn

    @property
    def torn_bytes(self) -> int:
        return self.size - self.whole_end


def scan_warc(path: Path) -> WarcScan:
    """Read `path` (one gzip member per record) member by member up to the first one that is not a
    whole WARC record: a crawl stopped mid-write, or a full disk, leaves such a tail."""
    path = Path(path)
    records, end = 0, 0
    with open(path, "rb") as f:
        size = f.seek(0, 2)
        while end < size:
            f.seek(end)
            member_end = _whole_record_end(f, end)
            if member_end is None:
                break
            records, end = records + 1, member_end
    return WarcScan(path, records, end, size)


def _whole_record_end(f, start: int) -> int | None:
    """Where the gzip member at `start` ends, if it holds one whole WARC record; None if not."""
    inflater = zlib.decompressobj(wbits=31)
    consumed, head, inflated = 0, b"", 0
    while not inflater.eof:
        chunk = f.read(_READ_BYTES)
        if not chunk:
            return None  # the file ends inside the member
        try:
            out = inflater.decompress(chunk)
        except zlib.error:
            return None
        consumed += len(chunk)
        inflated += len(out)
        if len(head) < 8192:
            head += out[: 8192 - len(head)]
    header_end = head.find(b"\r\n\r\n")
    length = _CONTENT_LENGTH.search(head, 0, max(header_end, 0))
    if not head.startswith(b"WARC/") or header_end < 0 or length is None:
        return None
    if inflated < header_end + 4 + int(length.group(1)):
        return None  # a member closed early: the record's block is cut
    return start + consumed - len(inflater.unused_data)


def cut_torn_tail(scan: WarcScan) -> Path:
    """Keep a copy of the torn file beside it, then cut it after its last whole record. Returns the
    copy's path. Only with no crawl running (the caller holds the run lock)."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    copy = scan.path.with_name(f"{scan.path.name}.torn-{stamp}")
    shutil.copy2(scan.path, copy)
    with open(scan.path, "r+b") as f:
        f.truncate(scan.whole_end)
        f.flush()
    return copy


def pointer_problem(data_dir: Path, pointer: WarcPointer, url: str) -> str | None:
    """Why the record `pointer` designates cannot serve as the article at `url`'s page; None if it can."""
    path = Path(data_dir) / pointer.file
    if not path.is_file():
        return f"its WARC file {pointer.file} is missing"
    if pointer.offset + pointer.length > path.stat().st_size:
        return f"its record at {pointer.file}:{pointer.offset} lies past the file's end"
    try:
        page = read_response(data_dir, pointer)
    except Exception as exc:  # noqa: BLE001 - whatever the parser says, the record is unreadable
        return f"its record at {pointer.file}:{pointer.offset} does not parse ({type(exc).__name__})"
    if page.url != url:
        return f"its record at {pointer.file}:{pointer.offset} is of another page ({page.url})"
    return None
