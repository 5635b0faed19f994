"""The columns of an export: what each one holds, the ones a researcher gets by default, each hit's row."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from itertools import islice

from archive.settings import DataDir
from archive.store import Store
from archive.warc_ids import record_ids
from search.entity_columns import COLUMN_HELP, ENTITY_COLUMNS, NAME_SEPARATOR, add_entity_columns
from search.snippets import lead

SCORE = "score"
# Every column an export can have, in the order `--fields` help lists them, with what it holds.
FIELDS = {
    "published": "publication date (a date cell in XLSX)",
    "source": "source name (config/sources.toml)",
    "lang": "language: ru, kk or en",
    "title": "headline",
    "url": "address the article was fetched from",
    "snippet": "where the query matched, matched forms in **…** (else the opening)",
    "reposts": "how many other copies of the story the archive holds, folded under this one",
    "translations": "addresses of the same article in the other languages",
    "archive_record_id": "WARC-Record-ID of the page as fetched (in warc_file), for citing",
    SCORE: "relevance score (with --sort relevance only)",
    "repost_urls": "addresses of those other copies",
    "canonical_url": "the article's identity: its address without tracking parameters",
    "author": "author, when the page names one",
    "dateline": "dateline cut from the opening (НУР-СУЛТАН. КАЗИНФОРМ)",
    "published_time": "time of publication, HH:MM local",
    "utc_offset": "the page's offset from UTC (+05:00)",
    "text": "the whole text (also --with-text)",
    "script": "alphabet of a Kazakh text: Cyrl or Latn",
    "images": "addresses of the article's pictures",
    "alternates": "addresses the page gives for its other languages",
    "fetched_at": "when the text was fetched (UTC)",
    "first_seen_at": "when the article was first archived (UTC)",
    "content_hash": "SHA-256 of title, date and text: tells versions apart",
    "warc_file": "the WARC file holding the page as fetched",
    "warc_offset": "where its record starts in that file",
    "warc_length": "the record's length in bytes",
    **COLUMN_HELP,  # people, organisations, regions: with --fields (search.entity_columns)
    "status": "what the last re-check found: unchecked, unchanged, edited, moved or gone",
    "last_checked": "when the source's page was last re-checked (UTC)",
    "versions": "texts of the article the archive keeps, the current one included (2+: edited)",
}
DEFAULT_FIELDS = [
    "published",
    "source",
    "lang",
    "title",
    "url",
    "snippet",
    "reposts",
    "translations",
    "archive_record_id",
]
# Filled here from the store and the WARC files, not read from the hit.
_LOOKED_UP = ("snippet", "translations", "archive_record_id", "versions")
BATCH = 500


class ExportError(ValueError):
    """An export that cannot be made as asked (unknown field, unknown format, no such folder); the
    message is English with %(name)s places filled from `params` (`message_id` keeps it unfilled,
    for the CLI to say in the user's language)."""

    def __init__(self, message: str, **params):
        self.message_id, self.params = message, params
        super().__init__(message % params if params else message)


def resolve_fields(fields: Iterable[str] | None, with_text: bool = False, sort: str = "date") -> list[str]:
    """The columns of an export: the asked ones (checked), else the defaults (and the score when
    sorted by relevance); text when asked for."""
    if fields:
        chosen = list(dict.fromkeys(f.strip() for f in fields if f.strip()))
        unknown = [f for f in chosen if f not in FIELDS]
        if unknown:
            raise ExportError(
                "unknown field(s) %(unknown)s; known: %(known)s",
                unknown=", ".join(unknown),
                known=", ".join(FIELDS),
            )
        if SCORE in chosen and sort != "relevance":
            raise ExportError("the score exists only under relevance: add --sort relevance")
    else:
        chosen = [*DEFAULT_FIELDS, SCORE] if sort == "relevance" else list(DEFAULT_FIELDS)
    if with_text and "text" not in chosen:
        chosen.append("text")
    return chosen


def row_values(records: Iterable[dict], fields: list[str]) -> Iterator[list]:
    """Each record's values of `fields`, in order."""
    for record in records:
        yield [record.get(f) for f in fields]


def table_rows(records: Iterable[dict], fields: list[str], empty: str | None = "") -> Iterator[list]:
    """Rows for a table (CSV, XLSX): None as `empty`, a list of addresses (translations, images) as
    one line of them, space-separated; anything else nested as JSON text."""
    for row in row_values(records, fields):
        yield [
            _cell(v, empty, NAME_SEPARATOR if f in ENTITY_COLUMNS else " ")
            for f, v in zip(fields, row, strict=True)
        ]


def _cell(value, empty: str | None, separator: str = " "):
    if value is None:
        return empty
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return separator.join(value)
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def hit_options(fields: list[str]) -> dict:
    """iter_hits' options for these columns: the text only when it is one, snippets when one is."""
    return {"with_text": "text" in fields, "snippets": "snippet" in fields}


def export_rows(data_dir: DataDir, hits: Iterable[dict], fields: list[str]) -> Iterator[dict]:
    """Each hit (iter_hits' stored fields, with hit_options(fields)) with the looked-up columns among
    `fields` added, a batch at a time: the translations' addresses, the WARC record id (and, for a
    hit without a snippet, the text's opening)."""
    hits = iter(hits)
    wanted = [f for f in _LOOKED_UP if f in fields]
    while batch := list(islice(hits, BATCH)):
        if wanted:
            _add_columns(DataDir.of(data_dir), batch, wanted)
        add_entity_columns(DataDir.of(data_dir), batch, fields)
        yield from batch


def _add_columns(data_dir: DataDir, batch: list[dict], wanted: list[str]) -> None:
    translations: dict[str, list[str]] = {}
    versions: dict[str, int] = {}
    if "translations" in wanted or "versions" in wanted:
        with Store.open_readonly(data_dir.store_path) as store:
            if "translations" in wanted:
                translations = store.translation_urls(h["canonical_url"] for h in batch)
            if "versions" in wanted:
                versions = store.version_counts(h["canonical_url"] for h in batch)
    pointers = [(h["warc_file"], h["warc_offset"]) for h in batch if h.get("warc_file")]
    ids = record_ids(data_dir.root, pointers) if "archive_record_id" in wanted else {}
    for hit in batch:
        if "snippet" in wanted and "snippet" not in hit:
            hit["snippet"] = lead(hit.get("text") or "")
        if "translations" in wanted:
            hit["translations"] = translations.get(hit["canonical_url"], [])
        if "versions" in wanted:
            hit["versions"] = versions.get(hit["canonical_url"], 1)
        if "archive_record_id" in wanted:
            hit["archive_record_id"] = ids.get((hit.get("warc_file"), hit.get("warc_offset")))
