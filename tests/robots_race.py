"""Crawls several robots-disallowed URLs of one host at once; prints how many were fetched (a test helper).

Run in its own process: python tests/robots_race.py BASE_URL [--stock]
"""

from __future__ import annotations

import json
import os
import sys

import scrapy
from scrapy.crawler import CrawlerProcess
from scrapy.utils.project import get_project_settings

DISALLOWED = ["/ru/news/proekt-a/", "/ru/news/proekt-b/", "/ru/news/proekt-c/", "/search/?q=x"]


class ConcurrentStartSpider(scrapy.Spider):
    name = "robots_race"

    def __init__(self, base_url: str, **kwargs):
        super().__init__(**kwargs)
        self.start_urls = [base_url + path for path in DISALLOWED]
        self.fetched: list[str] = []

    def parse(self, response):
        self.fetched.append(response.url)


def main() -> None:
    base_url, stock = sys.argv[1], "--stock" in sys.argv
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")
    settings = get_project_settings()
    settings.set("ITEM_PIPELINES", {})
    settings.set("DOWNLOAD_DELAY", 0)
    settings.set("AUTOTHROTTLE_ENABLED", False)
    settings.set("CONCURRENT_REQUESTS_PER_DOMAIN", 8)
    settings.set("LOG_LEVEL", "ERROR")
    settings.set("HTTPERROR_ALLOW_ALL", True)
    if stock:
        settings.set(
            "DOWNLOADER_MIDDLEWARES",
            {"scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": 100},
        )
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(ConcurrentStartSpider)
    process.crawl(crawler, base_url=base_url)
    process.start()
    print(json.dumps({"fetched": crawler.spider.fetched}))


if __name__ == "__main__":
    main()
