"""The Whoosh index of the store: per-language fields, a versioned schema, incremental updates."""

from __future__ import annotations

import json
import logging
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.fields import DATETIME, ID, STORED, TEXT, Schema

from archive.entities import ORG, PERSON, REGION
from archive.store import Store
from indexer.analysis import (
    ANALYZER_VERSION,
    english_analyzer,
    exact_analyzer,
    kazakh_analyzer,
    loose_analyzer,
    russian_analyzer,
)
from indexer.entity_fields import NAME_FIELDS, entity_fields, entity_values, with_entities
from indexer.field_terms import JoinedText
from indexer.generations import live_folder, make_live, new_generation, remove_stale
from indexer.names import NAMES_FIELD, NameIndex, names_field, read_record, write_record
from indexer.rebuild import rebuild_segments
from indexer.stories import write_story_keys
from indexer.update_split import SPLIT_MIN_ARTICLES, pending_articles, write_split
from indexer.whoosh_format import cyclic_gc_paused, fast_path, keep_doc_terms, segment_writer
from indexer.whoosh_format.merging import merge_tiered
from indexer.word_cache import WordCacheFile

logger = logging.getLogger(__name__)

LANGUAGES = ("ru", "kk", "en")
# Bump the first number when fields or what they hold change (5: the text field holds the dateline's
# place; 6: the entities the store holds, indexer.entity_fields; 7: the re-check status; 8: nothing
# search never reads: no stored title, no date terms, no unread columns); analysis changes bump
# ANALYZER_VERSION.
# 9: postings in compact blocks (indexer/whoosh_format/compact.py), which whoosh3's codec cannot read.
# 10: a block with positions deflates its position gaps alone (compact.DELTAS_COMPRESSED), which an
# apknews of schema 9 would misread; blocks of 9 still read and merge, so an index of 9 is searched
# and updated as it is, and its next update marks it 10.
SCHEMA_VERSION = f"10.{ANALYZER_VERSION}"
READABLE_SCHEMAS = frozenset({SCHEMA_VERSION, f"9.{ANALYZER_VERSION}"})
FACETS = ("source", "lang", "year", "status")
META_FILE = "apknews-index.json"

# Posting buffer of all writer processes together, before it spills to sorted runs on disk.
WRITER_LIMIT_MB = 256
MAX_WRITER_PROCS = 2
PARALLEL_MIN_ARTICLES = 2000  # by default, fewer are written by one process: starting more costs more
# An update of fewer articles reads its words anew: loading the word cache would cost more.
WORD_CACHE_MIN_ARTICLES = 200

_ANALYZERS = {"ru": russian_analyzer, "kk": kazakh_analyzer, "en": english_analyzer}


def build_schema() -> Schema:
    """Identity and filter fields; a title and a text field per language with its analyzer; a loose
    field per language (title and text as spelling-forgiving keys, to match across alphabets); and
    the exact title and text (words as written, for the exact-form switch)."""
    # Only what search reads is kept: a hit's title, text and date come from the store and the
    # columns, facets count the ID fields' postings, dates are filtered and sorted by the column.
    # The URL stays stored: the copies folded under a hit are shown by it without a store read.
    fields = {
        "canonical_url": ID(stored=True, unique=True),
        "url": STORED(),
        "source": ID(),
        "lang": ID(),
        "year": ID(),
        "published": _date_column(),
        "status": ID(),  # what re-checks found: unchecked, unchanged, edited, moved, gone
    }
    for lang, make_analyzer in _ANALYZERS.items():
        analyzer = make_analyzer()
        fields[f"title_{lang}"] = TEXT(analyzer=analyzer, phrase=True)
        fields[f"text_{lang}"] = TEXT(analyzer=analyzer, phrase=True)
        fields[f"loose_{lang}"] = TEXT(analyzer=loose_analyzer(lang), phrase=True)
    fields["exact_title"] = TEXT(analyzer=exact_analyzer(), phrase=True)
    fields["exact_text"] = TEXT(analyzer=exact_analyzer(), phrase=True)
    fields[NAMES_FIELD] = names_field()
    fields.update(entity_fields())
    # What search counts per document (facets; entity facets by name) is kept beside each segment
    # as it is written, so that opening the index need not read those fields' postings.
    for name in (*FACETS, *(NAME_FIELDS[kind] for kind in (PERSON, ORG, REGION))):
        keep_doc_terms(fields[name])
    return Schema(**fields)


def _date_column() -> DATETIME:
    """The publication date as a sortable column only: its terms (the date at 16 precisions) were
    never read, a date range reads the column (search.evaluate)."""
    field = DATETIME(sortable=True)
    field.indexed = False
    return field


def text_fields(lang: str | None = None) -> list[str]:
    """The analysed fields a query searches: every language's, or one language's."""
    langs = [lang] if lang else LANGUAGES
    return [f"{kind}_{code}" for code in langs for kind in ("title", "text")]


class IndexMissingError(RuntimeError):
    """There is no usable index yet: `apknews index` builds it."""


@dataclass
class IndexMeta:
    schema_version: str
    last_seq: int  # the store's change counter up to which articles are indexed

    @classmethod
    def read(cls, index_dir: Path) -> IndexMeta | None:
        try:
            data = json.loads((index_dir / META_FILE).read_text(encoding="utf-8"))
            return cls(str(data["schema_version"]), int(data["last_seq"]))
        except (OSError, ValueError, KeyError):
            return None

    def write(self, index_dir: Path) -> None:
        tmp = index_dir / (META_FILE + ".tmp")
        tmp.write_text(json.dumps(self.__dict__), encoding="utf-8")
        os.replace(tmp, index_dir / META_FILE)


def open_index(index_dir: Path):
    """The index at `index_dir` for reading; IndexMissingError if absent or built by another schema."""
    # Resolved once: a rebuild that swaps generations meanwhile leaves this reader on the old one.
    folder = live_folder(index_dir)
    meta = IndexMeta.read(folder)
    if meta is None or not whoosh_index.exists_in(str(folder)):
        raise IndexMissingError(f"no index in {index_dir}: run `apknews index` first")
    if meta.schema_version not in READABLE_SCHEMAS:
        raise IndexMissingError(
            f"the index in {index_dir} has schema {meta.schema_version}, this apknews reads "
            f"{SCHEMA_VERSION}: run `apknews index` to rebuild it"
        )
    return whoosh_index.open_dir(str(folder))


def indexed_urls(index_dir: Path) -> list[str]:
    """The canonical URL of each document in the index (what `apknews check` holds the store to)."""
    ix = open_index(index_dir)
    try:
        with ix.searcher() as searcher:
            return [fields["canonical_url"] for fields in searcher.reader().all_stored_fields()]
    finally:
        ix.close()


@dataclass
class IndexReport:
    rebuilt: bool
    reason: str
    added: int
    total: int


def update_index(
    store: Store,
    index_dir: Path,
    rebuild: bool = False,
    progress: Callable[[int], None] | None = None,
    procs: int | None = None,
    aliases=None,
) -> IndexReport:
    """Index every article changed since the last run; rebuild from scratch when asked or needed.

    A rebuild is shared by `procs` writer processes (default: one per core, at most
    MAX_WRITER_PROCS, for PARALLEL_MIN_ARTICLES or more), each writing a segment of its own; an
    update, and anything with another Whoosh version than the tested one, by this process.

    A rebuild tags the alias groups of `aliases` (a indexer.aliases.Aliases; by default those of
    the data folder holding `index_dir`) in the names field and keeps them beside the index; an
    update tags the groups kept, so that every article carries the same groups.
    """
    meta = IndexMeta.read(index_dir)
    reason = ""
    if rebuild:
        reason = "asked to rebuild"
    elif meta is None or not whoosh_index.exists_in(str(index_dir)):
        reason = "no index yet"
    elif meta.schema_version not in READABLE_SCHEMAS:
        reason = f"index schema {meta.schema_version} differs from {SCHEMA_VERSION}"
    if not reason:
        added, total = _write_into(live_folder(index_dir), store, meta.last_seq, procs, progress, None)
        return IndexReport(False, reason, added, total)
    # A rebuild writes a new generation beside the live index, which serves searches until the
    # switch; a rebuild killed half-way leaves its folder to the next one to remove.
    remove_stale(index_dir)
    folder = new_generation(index_dir)
    try:
        if aliases is None:
            from indexer.aliases import load_aliases  # the alias files are search's configuration

            aliases = load_aliases(Path(index_dir).parent)
        added, total = _write_into(folder, store, 0, procs, progress, aliases)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    make_live(index_dir, folder)
    return IndexReport(True, reason, added, total)


def _write_into(folder: Path, store: Store, since: int, procs, progress, aliases) -> tuple[int, int]:
    """Index the articles changed after `since` into `folder`: a new one, tagging the groups of
    `aliases`, or (aliases None) the live one, tagging the groups it was rebuilt with.
    Returns (articles written, documents in the index)."""
    rebuilding = aliases is not None
    if rebuilding:
        ix = whoosh_index.create_in(str(folder), build_schema())
        names = NameIndex.of_aliases(aliases, ix.schema)
    else:
        ix = whoosh_index.open_dir(str(folder))
        record = read_record(folder)
        names = NameIndex.from_record(record, ix.schema) if record else NameIndex([], ix.schema)
    upto_seq = store.max_seq()
    least = PARALLEL_MIN_ARTICLES if rebuilding else SPLIT_MIN_ARTICLES
    procs = _writer_procs(procs, upto_seq - since, least)
    words = WordCacheFile(folder, ix.schema)
    if not rebuilding and upto_seq - since >= WORD_CACHE_MIN_ARTICLES:
        words.load()  # the words the archive has seen, read by an earlier writer
    if rebuilding and procs > 1 and fast_path():
        # Each process reads its share of the articles and writes its own segment; the segments
        # stay as they are, since merging them in one process would take as long again. (With
        # another Whoosh version than the tested one, this process writes all: Whoosh's own path.)
        added = rebuild_segments(
            ix, store, upto_seq, procs, WRITER_LIMIT_MB / procs, _document, progress, names
        )
        last_seq = upto_seq
    elif not rebuilding and procs > 1 and fast_path() and (articles := pending_articles(store, since)):
        # Many new articles: a fork writes half of them (indexer.update_split).
        added, last_seq = write_split(ix, articles, _document, WRITER_LIMIT_MB, names, merge_tiered)
        words.refresh()
    else:
        added, last_seq = _write_here(ix, store, since, not rebuilding, progress, names)
        if rebuilding or words.loaded is not None:
            words.refresh()
    if rebuilding:
        write_record(folder, names.record())
    IndexMeta(SCHEMA_VERSION, last_seq).write(folder)
    with ix.searcher() as searcher:
        total = searcher.doc_count()
        write_story_keys(folder, searcher, store)  # search folds reposts by them
    ix.close()
    return added, total


def _writer_procs(procs: int | None, pending: int, least: int) -> int:
    if procs is None:
        return min(os.cpu_count() or 1, MAX_WRITER_PROCS) if pending >= least else 1
    return procs


def _write_here(ix, store: Store, since: int, updating: bool, progress, names: NameIndex) -> tuple[int, int]:
    # Segments stay separate files: whoosh3 copies a compound file's parts into memory on every
    # open (BytesIO over the mmap), which made opening the 100k index cost more than searching it.
    writer = segment_writer(ix, limitmb=WRITER_LIMIT_MB, names=names, compound=False)
    last_seq, added = since, 0
    try:
        with cyclic_gc_paused():
            write = writer.update_document if updating else writer.add_document
            for article in with_entities(store, store.iter_articles(since_seq=since)):
                write(**_document(article))
                last_seq = article["seq"]
                added += 1
                if progress and added % 500 == 0:
                    progress(added)
            # An update merges by tiers of segment size (whoosh_format.merging): a year of hourly
            # updates keeps few segments and never rewrites the rebuild's large ones.
            writer.commit(mergetype=merge_tiered)
    except BaseException:
        if not writer.is_closed:  # a commit that failed (a full disk) has closed it already
            writer.cancel()
        raise
    return added, last_seq


def _dateline_place(dateline: str | None) -> str:
    if not dateline:
        return ""
    # Imported here, and only for an article with a dateline: the extract package brings
    # trafilatura (~300 ms), which a search never needs, nor an update of articles without one.
    from archive.extract.datelines import dateline_place

    return dateline_place(dateline)


def _document(article: dict) -> dict:
    lang = article["lang"] if article["lang"] in LANGUAGES else "ru"
    # The dateline's place opens the text as it opened the page: "ASTANA. KAZINFORM –" is where
    # the news happened, and a search for the city finds it.
    place = _dateline_place(article.get("dateline"))
    text = f"{place}\n{article['text']}" if place else article["text"]
    doc = {
        "canonical_url": article["canonical_url"],
        "url": article["url"],
        "source": article["source"],
        "lang": lang,
        f"title_{lang}": article["title"],
        f"text_{lang}": text,
        f"loose_{lang}": JoinedText(article["title"], text),
        "exact_title": article["title"],
        "exact_text": text,
        "status": article.get("status") or "unchecked",
        **entity_values(article.get("entities", ())),
    }
    if article["published"]:
        doc["published"] = datetime.fromisoformat(article["published"])
        doc["year"] = article["published"][:4]
    return doc
