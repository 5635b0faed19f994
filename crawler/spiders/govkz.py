"""gov.kz akimat news: a JSON API read page by page per project and language, not HTML."""

from crawler.walkers import JsonApiSpider


class GovkzSpider(JsonApiSpider):
    name = "govkz"
