"""taraz-ank.kz, a regional Assembly site (WordPress-like): /<lang>/topics/news/page/N/ listings."""

from crawler.walkers import ListingSpider


class TarazAnkSpider(ListingSpider):
    name = "taraz_ank"
