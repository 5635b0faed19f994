"""WARC-Record-IDs read back from the kept WARC files: what a citation of an archived page names."""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from pathlib import Path


def record_ids(data_dir: Path, pointers: Iterable[tuple[str, int]]) -> dict[tuple[str, int], str | None]:
    """{(WARC file, offset): the WARC-Record-ID of the record there} (None when it cannot be read):
    what a citation of the archived page names. Reads only each record's headers."""
    found: dict[tuple[str, int], str | None] = {}
    by_file: dict[str, list[int]] = {}
    for name, offset in pointers:
        by_file.setdefault(name, []).append(offset)
    for name, offsets in by_file.items():
        try:
            with open(Path(data_dir) / name, "rb") as f:
                for offset in sorted(set(offsets)):
                    found[name, offset] = _record_id(f, offset)
        except OSError:
            found.update(dict.fromkeys(((name, offset) for offset in offsets), None))
    return found


def _record_id(f, offset: int) -> str | None:
    """The WARC-Record-ID in the headers of the gzipped record at `offset` (each record its own member)."""
    f.seek(offset)
    inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)
    head = b""
    while b"\r\n\r\n" not in head and len(head) < 65536 and not inflate.eof:
        chunk = f.read(4096)
        if not chunk:
            break
        try:
            head += inflate.decompress(chunk, 65536 - len(head))
        except zlib.error:
            return None
    for line in head.split(b"\r\n\r\n", 1)[0].split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"warc-record-id":
            return value.strip().decode("ascii", "replace")
    return None
