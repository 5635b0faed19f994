"""taraz-ank.kz, a regional Assembly site (WordPress-like): /<lang>/topics/news/page/N/ listings."""

from crawler.spiders.base import ListingSpider


class TarazAnkSpider(ListingSpider):
    name = "taraz_ank"
