"""Any small site with an RSS/Atom feed or a sitemap: a new WordPress or Bitrix site is a config entry."""

from crawler.walkers import FeedSpider


class FeedsSpider(FeedSpider):
    name = "feeds"
