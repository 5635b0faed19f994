"""Benchmarks of apknews on a synthetic archive: extraction, indexing, search, against SQLite FTS5."""
