"""Searching the archive as a library call: plain data in, plain data out."""

from indexer.index import IndexMissingError
from search.engine import SORTS, Hit, SearchResult, iter_hits, search
from search.filters import FilterError, Filters
from search.query import QueryError

__all__ = [
    "SORTS",
    "FilterError",
    "Filters",
    "Hit",
    "IndexMissingError",
    "QueryError",
    "SearchResult",
    "iter_hits",
    "search",
]
