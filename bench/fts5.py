"""The SQLite FTS5 baseline: the same articles, fed the terms our analyzers make, queried the same way."""

from __future__ import annotations

import logging
import multiprocessing
import sqlite3
from pathlib import Path

from archive.store import Store
from bench.queries import BenchQuery, fts5_match
from indexer.index import build_schema

logger = logging.getLogger(__name__)

FTS_FILE = "fts5.sqlite3"
TITLE_WEIGHT = 3.0  # as search/query.py boosts titles
FACETS = ("source", "lang", "year")
PAGE = 10


def analyzers() -> dict[str, object]:
    """Per language, the analyzer the index uses for its text field (taken from the live schema)."""
    schema = build_schema()
    langs = [name.removeprefix("text_") for name in schema.names() if name.startswith("text_")]
    return {lang: schema[f"text_{lang}"].analyzer for lang in langs}


def _analysed(analyzer, text: str) -> str:
    return " ".join(token.text for token in analyzer(text, mode="index"))


_worker_analyzers: dict = {}


def _analyse_batch(articles: list[dict]) -> list[tuple]:
    """Rows for the FTS5 table: title and text as the space-joined terms of the article's analyzer."""
    if not _worker_analyzers:
        _worker_analyzers.update(analyzers())
    fallback = next(iter(_worker_analyzers))
    rows = []
    for article in articles:
        analyzer = _worker_analyzers.get(article["lang"]) or _worker_analyzers[fallback]
        published = article["published"] or ""
        rows.append(
            (
                _analysed(analyzer, article["title"]),
                _analysed(analyzer, article["text"]),
                article["canonical_url"],
                article["source"],
                article["lang"],
                published[:4],
                published,
            )
        )
    return rows


def _batches(store: Store, since_seq: int, size: int = 500):
    batch = []
    for article in store.iter_articles(since_seq=since_seq):
        batch.append(article)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def build(store_path: Path, fts_path: Path, since_seq: int = 0, procs: int = 1) -> int:
    """Create (since_seq=0) or extend the FTS5 table from the store; return articles added.

    With `procs` > 1 the analysis runs in that many processes (SQLite has one writer anyway),
    as Whoosh's writer processes analyse in parallel too.
    """
    if since_seq == 0 and fts_path.exists():
        fts_path.unlink()
    db = sqlite3.connect(fts_path)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS docs USING fts5(title, body, canonical_url UNINDEXED, "
        "source UNINDEXED, lang UNINDEXED, year UNINDEXED, published UNINDEXED, "
        "tokenize='unicode61 remove_diacritics 0')"
    )
    added = 0
    with Store(store_path) as store, db:
        if procs > 1:
            with multiprocessing.get_context("fork").Pool(procs) as pool:
                for rows in pool.imap(_analyse_batch, _batches(store, since_seq)):
                    added += _insert(db, rows)
        else:
            for batch in _batches(store, since_seq):
                added += _insert(db, _analyse_batch(batch))
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return added


def _insert(db: sqlite3.Connection, rows: list[tuple]) -> int:
    db.executemany(
        "INSERT INTO docs (title, body, canonical_url, source, lang, year, published) VALUES (?,?,?,?,?,?,?)",
        rows,
    )
    return len(rows)


def search(fts_path: Path, store_path: Path, query: BenchQuery, by_lang: dict) -> tuple[int, int]:
    """Run `query` as search.search() would: total, facet counts, a page of hits with their articles.

    Returns (total, hits on the page). Snippets are not made: FTS5 holds terms, not text.
    """
    match = fts5_match(query, by_lang)
    where, args = [], []
    if match is not None:
        where.append("docs MATCH ?")
        args.append(match)
    if query.lang:
        where.append("lang = ?")
        args.append(query.lang)
    if query.date_from:
        where.append("published >= ?")
        args.append(query.date_from.isoformat())
    if query.date_to:
        where.append("published <= ?")
        args.append(query.date_to.isoformat())
    condition = " AND ".join(where) or "1"
    if query.sort == "date":
        order = "published DESC"
    elif match is not None:
        order = f"bm25(docs, {TITLE_WEIGHT}, 1.0)"
    else:
        order = "rowid"
    db = sqlite3.connect(fts_path)
    try:
        groups = db.execute(
            f"SELECT source, lang, year, count(*) FROM docs WHERE {condition} GROUP BY source, lang, year",
            args,
        ).fetchall()
        facets: dict[str, dict[str, int]] = {name: {} for name in FACETS}
        for *values, count in groups:
            for name, value in zip(FACETS, values, strict=True):
                facets[name][value] = facets[name].get(value, 0) + count
        total = sum(row[-1] for row in groups)
        urls = [
            r[0]
            for r in db.execute(
                f"SELECT canonical_url FROM docs WHERE {condition} ORDER BY {order} LIMIT {PAGE}", args
            )
        ]
    finally:
        db.close()
    with Store(store_path) as store:
        articles = store.get_many(urls)
    return total, len(articles)
