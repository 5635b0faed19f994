"""The raw archive: every fetched page kept as a gzipped WARC record, so re-extraction never re-fetches."""

from __future__ import annotations

import contextlib
import io
import os
import threading
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from archive import __version__
from archive.articles import WarcPointer
from archive.pages import FetchedPage

# The body we keep is already decoded, so these headers would misdescribe it.
_DROPPED_HEADERS = {"content-encoding", "transfer-encoding", "content-length"}


class WarcFile:
    """Appends response records to one .warc.gz file; each record is its own gzip member.

    A record is built in memory, written whole and synced to disk before its pointer is handed
    out; a write that fails (full disk, file size limit) is cut off again, so the file never ends
    in a torn record that would hide the ones before it from a reader going through the file.
    """

    _open: dict[Path, WarcFile] = {}

    def __init__(self, path: Path, data_dir: Path):
        self.path = path
        self.relative_name = str(path.relative_to(data_dir))
        path.parent.mkdir(parents=True, exist_ok=True)
        self._file = open(path, "ab", buffering=0)  # noqa: SIM115 - kept open for the whole run
        self._writer = WARCWriter(None, gzip=True)
        self._lock = threading.RLock()  # a crawl writes from threads: one record at a time, whole
        if os.fstat(self._file.fileno()).st_size == 0:
            info = {"software": f"apknews/{__version__}", "format": "WARC File Format 1.1"}
            self._append(self._writer.create_warcinfo_record(path.name, info))

    @classmethod
    def shared(cls, path: Path, data_dir: Path) -> WarcFile:
        """One writer per file per process: several spiders of one run append to the same file."""
        path = path.resolve()
        if path not in cls._open or cls._open[path]._file.closed:
            cls._open[path] = cls(path, data_dir.resolve())
        return cls._open[path]

    def write_page(self, page: FetchedPage) -> WarcPointer:
        """Append `page` as one response record and return where it lies."""
        with self._lock:
            return self._write_page(page)

    def _write_page(self, page: FetchedPage) -> WarcPointer:
        kept = [(k, v) for k, v in page.headers if k.lower() not in _DROPPED_HEADERS]
        kept.append(("Content-Length", str(len(page.body))))
        status = page.status
        http_headers = StatusAndHeaders(f"{status} {_reason(status)}", kept, protocol="HTTP/1.1")
        record = self._writer.create_warc_record(
            page.url,
            "response",
            payload=io.BytesIO(page.body),
            http_headers=http_headers,
            warc_headers_dict={"WARC-Date": page.fetched_at},
        )
        offset, length = self._append(record)
        return WarcPointer(self.relative_name, offset, length)

    def _append(self, record) -> tuple[int, int]:
        """Write `record` at the end of the file and sync it; return its (offset, length)."""
        with self._lock:
            return self._append_locked(record)

    def _append_locked(self, record) -> tuple[int, int]:
        buffer = io.BytesIO()
        self._writer.out = buffer
        self._writer.write_record(record)
        data = buffer.getvalue()
        fd = self._file.fileno()
        offset = os.lseek(fd, 0, os.SEEK_END)
        try:
            written = 0
            while written < len(data):
                written += os.write(fd, data[written:])
            # On disk before the store commits its pointer: a crash never leaves it pointing past the end.
            os.fsync(fd)
        except OSError:
            _cut_back(fd, offset)
            raise
        return offset, len(data)

    def close(self) -> None:
        self._file.close()


def _cut_back(fd: int, size: int) -> None:
    """Drop a torn record's bytes; a truncation frees space, so it works on a full disk too."""
    with contextlib.suppress(OSError):  # else the file keeps its torn tail, which `apknews check` finds
        os.ftruncate(fd, size)


def read_response(data_dir: Path, pointer: WarcPointer) -> FetchedPage:
    """The response record `pointer` designates, read back from its WARC file."""
    with open(Path(data_dir) / pointer.file, "rb") as f:
        f.seek(pointer.offset)
        record = next(iter(ArchiveIterator(f)))
        return FetchedPage(
            url=record.rec_headers.get_header("WARC-Target-URI"),
            status=int(record.http_headers.get_statuscode()),
            headers=list(record.http_headers.headers),
            body=record.content_stream().read(),
            fetched_at=record.rec_headers.get_header("WARC-Date"),
            warc=pointer,
        )


def _reason(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"
