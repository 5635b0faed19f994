"""The walkers every source kind shares: HTML listings, a JSON news API, feeds and sitemaps, newest first.

A kind's file in crawler/spiders/ only names its walker (`class InformSpider(ListingSpider): name =
"inform"`); the facts live in config/sources.toml, and crawler.loader binds each source to its kind.
The incremental rules are in `SourceSpider`, once for every kind:

- a URL already stored, gone (404), redirected or not an article is not fetched again (unless
  `refresh`); one that timed out or failed with 5xx is tried again in the next runs, a few times;
- a listing is read page after page until a page brings nothing new, `max_pages` is reached, or
  `overlap` already-known articles in a row end a page; the last rule is off after a run that
  did not finish its walk (killed, a listing failed), so such a run is completed, not forgotten.
"""

from crawler.walkers.feeds import FeedSpider
from crawler.walkers.json_api import JsonApiSpider
from crawler.walkers.listing import ListingSpider
from crawler.walkers.source import SourceSpider

__all__ = ["FeedSpider", "JsonApiSpider", "ListingSpider", "SourceSpider"]
