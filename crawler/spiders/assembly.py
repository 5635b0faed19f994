"""assembly.kz, the Assembly's own 1C-Bitrix site: kk at /news/, ru at /ru/news/, en at /en/news/."""

from crawler.walkers import ListingSpider


class AssemblySpider(ListingSpider):
    name = "assembly"
