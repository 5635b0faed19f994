"""Word analyses kept beside the index: an update in a fresh process reads the archive's words from a file.

Reading a word for a field (a pymorphy3 lemma, a Kazakh stem, loose keys) is most of the work of
analysing a text when the word caches of field_terms start empty, as they do in every `apknews
index` run: the words 1,000 new articles bring are nearly all words the archive has seen thousands
of times. A writer saves each field kind's cache (word -> terms, oldest first: the common words)
into the index folder; an update loads it before it reads its articles.

The file holds what the code would compute again, word for word, so the index is the same with it
or without it. It is used only by the very code that wrote it: its fingerprint names the analyzer
version, the source of every module whose reading of a word it holds, the versions of pymorphy3,
its dictionary and Whoosh, and the Python that wrote the marshal payload. A file that is stale,
torn or corrupt is ignored with a warning, and the next writer writes it anew (atomically).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
import marshal
import os
import sys
import zlib
from functools import lru_cache
from itertools import islice
from pathlib import Path

import whoosh

from indexer.field_terms import FieldReading

logger = logging.getLogger(__name__)

WORD_CACHE_FILE = "apknews-words.bin"
WORDS_PER_KIND = 150_000  # as many as field_terms keeps (WORD_CACHE_LIMIT)
# An update saves the cache again only when it learnt this share more words than it loaded: a
# small update leaves the file as it is.
REFRESH_SHARE = 0.1
_MAGIC = b"apknews word cache 1\n"
# Modules whose code decides the terms a word gives (their source is part of the fingerprint).
_READING_MODULES = (
    "indexer.analysis",
    "indexer.field_terms",
    "indexer.readings",
    "indexer.russian",
    "indexer.kazakh",
    "archive.translit",
)


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """What the cached readings depend on, as one digest: a file with another one is stale."""
    from indexer.analysis import ANALYZER_VERSION

    digest = hashlib.sha256()
    for name in _READING_MODULES:
        digest.update(Path(sys.modules[name].__file__).read_bytes())
    parts = [
        f"analyzer {ANALYZER_VERSION}",
        digest.hexdigest(),
        f"pymorphy3 {_package_file_digest('pymorphy3', 'version.py')}",
        f"dictionary {_package_file_digest('pymorphy3_dicts_ru', 'version.py')}",
        f"whoosh {whoosh.versionstring()}",
        f"python {sys.version_info[:2]} marshal {marshal.version}",
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _package_file_digest(package: str, filename: str) -> str:
    # Read from the installed files: importing pymorphy3 to ask its version costs ~0.1 s.
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return "absent"
    path = Path(next(iter(spec.submodule_search_locations))) / filename
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "unreadable"


def field_readings(schema) -> dict[str, FieldReading]:
    """The distinct word readings of `schema`'s analysed fields, each under a key that names its
    kind across processes (fields of one kind share one cache, as field_terms shares them)."""
    found: dict[str, FieldReading] = {}
    for _, field in schema.items():
        reading = FieldReading.of(getattr(field, "analyzer", None))
        if reading is not None:
            found.setdefault(_kind_key(reading), reading)
    return found


def _kind_key(reading: FieldReading) -> str:
    cls = type(reading.reading_filter)
    state = sorted(vars(reading.reading_filter).items())
    stops = "none"
    if reading.stops is not None:
        stops = hashlib.sha256("\n".join(sorted(reading.stops)).encode()).hexdigest()
    return f"{cls.__module__}.{cls.__qualname__} {state!r} stops {stops}"


def cached_words(schema) -> int:
    """How many words the caches of `schema`'s readings hold now, up to what a file keeps of each."""
    return sum(min(len(reading.cache), WORDS_PER_KIND) for reading in field_readings(schema).values())


def load_word_cache(folder: Path, schema) -> int:
    """Fill the word caches of `schema`'s readings from the file in `folder`; the words it holds.

    No file: 0. A stale or damaged one: a warning, and 0 (the words are read as without it).
    """
    path = Path(folder) / WORD_CACHE_FILE
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return 0
    except OSError as exc:
        logger.warning("word cache %s unreadable (%s): words are read anew", path, exc)
        return 0
    try:
        kinds = _decode(data)
    except ValueError as exc:
        logger.warning("word cache %s ignored: %s", path, exc)
        return 0
    loaded = 0
    for key, reading in field_readings(schema).items():
        words = kinds.get(key)
        if words:
            loaded += len(words)
            if reading.cache:  # a process that has read words already keeps its own
                words = {word: terms for word, terms in words.items() if word not in reading.cache}
            reading.cache.update(words)
    return loaded


def _decode(data: bytes) -> dict[str, dict]:
    if not data.startswith(_MAGIC):
        raise ValueError("not a word cache file")
    header_end = data.find(b"\n", len(_MAGIC))
    try:
        header = json.loads(data[len(_MAGIC) : header_end])
        expected, crc, size = header["fingerprint"], int(header["crc32"]), int(header["size"])
    except (ValueError, KeyError, TypeError) as exc:
        raise ValueError("its header is damaged") from exc
    if expected != fingerprint():
        raise ValueError("written by other analysis code (stale)")
    payload = data[header_end + 1 :]
    if len(payload) != size or zlib.crc32(payload) != crc:
        raise ValueError("torn or corrupt (size or checksum differs)")
    try:
        kinds = marshal.loads(zlib.decompress(payload))
    except (ValueError, EOFError, TypeError, zlib.error) as exc:
        raise ValueError(f"its payload does not read ({exc})") from exc
    if not isinstance(kinds, dict) or not all(isinstance(v, dict) for v in kinds.values()):
        raise ValueError("its payload is not a cache")
    return kinds


def save_word_cache(folder: Path, schema) -> Path:
    """Write the word caches of `schema`'s readings (the WORDS_PER_KIND oldest words of each) into
    `folder`, replacing the file in one step."""
    kinds = {key: dict(islice(r.cache.items(), WORDS_PER_KIND)) for key, r in field_readings(schema).items()}
    payload = zlib.compress(marshal.dumps(kinds), 1)
    header = json.dumps({"fingerprint": fingerprint(), "crc32": zlib.crc32(payload), "size": len(payload)})
    path = Path(folder) / WORD_CACHE_FILE
    tmp = path.with_name(f"{WORD_CACHE_FILE}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as out:
            out.write(_MAGIC + header.encode() + b"\n" + payload)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


class WordCacheFile:
    """The word cache file of one index folder as a writer uses it: loaded before an update reads
    its articles, saved after the writer read them when the file was missing, unusable, or holds
    REFRESH_SHARE fewer words than the caches now."""

    def __init__(self, folder: Path, schema) -> None:
        self.folder, self.schema = Path(folder), schema
        self.loaded: int | None = None  # None: not loaded (nothing to refresh then, but after a rebuild)

    def load(self) -> int:
        self.loaded = load_word_cache(self.folder, self.schema)
        return self.loaded

    def refresh(self) -> bool:
        """Save the caches if worth it (see the class); True when saved. A failure to write is a
        warning, not an error: the index is committed, and the next update reads its words anew."""
        held = cached_words(self.schema)
        if held == 0 or (self.loaded and held < self.loaded * (1 + REFRESH_SHARE)):
            return False
        try:
            save_word_cache(self.folder, self.schema)
        except OSError as exc:
            logger.warning("word cache not saved in %s: %s", self.folder, exc)
            return False
        return True
