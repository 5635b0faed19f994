"""The search index: per-language analysis, schema and writing, importable without Scrapy."""
