"""gov.kz akimat news: a JSON API read page by page per project and language, not HTML."""

from crawler.spiders.base import JsonApiSpider


class GovkzSpider(JsonApiSpider):
    name = "govkz"
