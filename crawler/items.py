"""What spiders yield: the page as fetched, one record from spider to store (archive.pages)."""

from archive.pages import FetchedPage

__all__ = ["FetchedPage"]
