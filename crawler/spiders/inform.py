"""inform.kz (Kazinform): the Assembly's tag listing in ru, kz and en; sidebars are left out by selector."""

from crawler.walkers import ListingSpider


class InformSpider(ListingSpider):
    name = "inform"
