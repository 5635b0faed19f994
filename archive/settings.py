"""apknews's own settings, each declared once with its default and help; overridable by environment."""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from archive import __version__


@dataclass(frozen=True)
class Setting:
    name: str
    default: object
    help: str

    @property
    def env_var(self) -> str:
        return "APKNEWS_" + self.name.upper()


SETTINGS = [
    Setting("data_dir", "data", "Folder holding the store (apknews.sqlite3), WARC files and index."),
    Setting("sources_file", "", "TOML file declaring the sources (default: config/sources.toml)."),
    Setting(
        "user_agent",
        f"apknews/{__version__} (+https://github.com/apknews/apknews; news archive of the APK)",
        "User-Agent sent with every request: says who we are and where to read about us.",
    ),
    Setting("download_delay", 1.0, "Seconds between requests to one host (AutoThrottle adapts it)."),
    Setting("concurrent_per_domain", 2, "Requests in flight to one host at most."),
    Setting("download_timeout", 30, "Seconds before a request is given up (then retried)."),
    Setting(
        "allowed_hosts",
        "",
        "Comma-separated hosts the crawler may contact, empty for any; tests and the demo allow "
        "only 127.0.0.1 so a source left pointing at its live site is refused, not looked up.",
    ),
    Setting("retry_backoff", 2.0, "Seconds before retrying a failed request; doubles with each retry."),
    Setting(
        "recheck_sample",
        20,
        "Archived articles per source `apknews update` fetches again after its crawl, those checked "
        "longest ago first (`apknews recheck`); 0 turns it off (the demo does).",
    ),
    Setting("recheck_older_than", "30d", "`update` re-checks only articles not checked within this age."),
    Setting(
        "sendmail_command",
        "/usr/sbin/sendmail -t -oi",
        "Command `apknews alerts --mail-to` pipes its message to (recipients read from the To: header).",
    ),
    Setting(
        "public_base_url",
        "",
        "URL the web page is reached at (https://news.example.kz/), for the absolute links of its feeds "
        "and exports; empty: the address `apknews serve` listens on. Never taken from a request.",
    ),
]
_BY_NAME = {s.name: s for s in SETTINGS}


def get(name: str, override: object = None) -> object:
    """The value of setting `name`: an explicit override, else the environment, else the default."""
    setting = _BY_NAME[name]
    if override not in (None, ""):
        return override
    raw = os.environ.get(setting.env_var)
    if raw in (None, ""):
        return setting.default
    return type(setting.default)(raw) if setting.default is not None else raw


# The store on a database server instead of the data folder's SQLite file (`--store`).
STORE_ENV = "APKNEWS_STORE"
STORE_SCHEMES = ("postgresql://", "postgres://")


class ServerStore(str):
    """The address of a store on a database server (postgresql://…), where a store file's path
    would be: `Store(data_dir.store_path)` opens either."""

    def exists(self) -> bool:
        return True  # whether it holds an archive, only opening it tells


def _store_from_environment() -> str | None:
    return os.environ.get(STORE_ENV) or None


@dataclass(frozen=True)
class DataDir:
    """The layout of the data directory: one SQLite store, one WARC file per run, one index.

    `store`, a postgresql:// address (default: the environment's APKNEWS_STORE), puts the store on
    that server instead; the WARC files and the index stay in the folder."""

    root: Path
    store: str | None = field(default_factory=_store_from_environment)

    def __post_init__(self) -> None:
        object.__setattr__(self, "root", Path(self.root))
        if self.store and not self.store.startswith(STORE_SCHEMES):
            raise ValueError(f"not a PostgreSQL address: {self.store} (postgresql://USER@HOST/DATABASE)")

    @classmethod
    def of(cls, value: DataDir | Path | str) -> DataDir:
        """`value` as a DataDir (library calls accept a DataDir or a plain path)."""
        return value if isinstance(value, DataDir) else cls(value)

    @property
    def store_path(self) -> Path | ServerStore:
        return ServerStore(self.store) if self.store else self.root / "apknews.sqlite3"

    @property
    def warc_dir(self) -> Path:
        return self.root / "warc"

    @property
    def index_dir(self) -> Path:
        return self.root / "index"

    def ensure(self) -> DataDir:
        self.warc_dir.mkdir(parents=True, exist_ok=True)
        return self


class StorageError(OSError):
    """The data folder could not be written (full disk, quota, file size limit, I/O error, read-only).

    Its message is one line naming the cause and the folder: "no space left on device in /srv/data".
    """

    def __init__(self, cause: BaseException, data_dir: DataDir | Path | str):
        data_dir = DataDir.of(data_dir)
        code = getattr(cause, "errno", None) or errno.EIO
        where = str(data_dir.root)
        self.reason = storage_cause(cause, data_dir.root)
        self.server = ""  # the store's server, password left out, when it failed and not the folder
        if data_dir.store and not isinstance(cause, OSError):
            self.server = shown_address(data_dir.store)
            where = f"the store at {self.server}"
        super().__init__(code, f"{self.reason} in {where}")


def shown_address(url: str) -> str:
    """A server's address as a message may show it: its password, if it has one, left out."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit(parts._replace(netloc=f"{parts.username}:***@{host}"))


# Below this many free bytes a write failure is taken to be the full disk, whatever SQLite calls it.
NEARLY_FULL = 1024 * 1024


def storage_cause(exc: BaseException, folder: Path | None = None) -> str:
    """What went wrong writing, in a few lowercase words: "no space left on device", "disk i/o error"."""
    code = getattr(exc, "errno", None)
    if isinstance(exc, OSError) and code:
        return os.strerror(code)[:1].lower() + os.strerror(code)[1:]
    # SQLite says "disk I/O error" or "database or disk is full" and keeps the errno to itself.
    if folder is not None and _free_bytes(folder) < NEARLY_FULL:
        return f"no space left on device ({exc})"
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def _free_bytes(folder: Path) -> int:
    try:
        stats = os.statvfs(folder)
    except OSError:
        return NEARLY_FULL
    return stats.f_bavail * stats.f_frsize
