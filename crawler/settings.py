"""Scrapy settings: polite defaults, taken from apknews's own settings where they overlap."""

import os

from archive import settings as apknews_settings

BOT_NAME = "apknews"
SPIDER_MODULES = ["crawler.spiders"]  # the spider kinds; the spiders themselves are the sources
NEWSPIDER_MODULE = "crawler.spiders"
# `scrapy crawl NAME` and `scrapy list` over the sources of APKNEWS_SOURCES_FILE.
SPIDER_LOADER_CLASS = "crawler.loader.SourceSpiderLoader"
APKNEWS_SOURCES_FILE = apknews_settings.get("sources_file") or None

USER_AGENT = apknews_settings.get("user_agent")
ROBOTSTXT_OBEY = True
DOWNLOAD_DELAY = float(apknews_settings.get("download_delay"))
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = int(apknews_settings.get("concurrent_per_domain"))
DOWNLOAD_TIMEOUT = int(apknews_settings.get("download_timeout"))
# A multi-megabyte news page is a trap, not an article.
DOWNLOAD_MAXSIZE = 8 * 1024 * 1024
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024

AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = DOWNLOAD_DELAY
AUTOTHROTTLE_MAX_DELAY = 60
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
RETRY_BACKOFF_BASE = float(apknews_settings.get("retry_backoff"))  # seconds before the 1st retry, doubling
RETRY_BACKOFF_MAX = 60.0

DOWNLOADER_MIDDLEWARES = {
    # First of all: a host we may not contact is not even asked for its robots.txt.
    "crawler.middlewares.HostAllowlistMiddleware": 50,
    # Stock robots.txt middleware lets requests through that waited for robots.txt (LIBRARIES.md).
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawler.middlewares.RobotsTxtRaceFreeMiddleware": 100,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.middlewares.BackoffRetryMiddleware": 550,
    # Outside RedirectMiddleware (600), so it sees the 3xx itself.
    "crawler.middlewares.RedirectLedgerMiddleware": 650,
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "crawler.middlewares.PageKeepingMetaRefreshMiddleware": 580,
}

EXTENSIONS = {
    # Every crawl, `scrapy crawl NAME` as `apknews crawl`, is a row in the store's run log.
    "crawler.runlog.RunLog": 400,
    "crawler.progress.Progress": 500,
}
APKNEWS_PROGRESS = False  # a live status line on stderr; `apknews update` turns it on at a terminal
APKNEWS_SAY = None  # Said -> text for that line (the CLI gives its translator); None: English

ITEM_PIPELINES = {
    "crawler.pipelines.archive.ArchivePipeline": 100,
    "crawler.pipelines.extract.ExtractPipeline": 300,
    "crawler.pipelines.store.StorePipeline": 500,
    "crawler.pipelines.entities.EarlyEntitiesPipeline": 600,
}

# Where the pipelines write; the run log (crawler.runlog) sets the run and its WARC file.
APKNEWS_DATA_DIR = apknews_settings.get("data_dir")
APKNEWS_ALLOWED_HOSTS = apknews_settings.get("allowed_hosts")
APKNEWS_WARC_PATH = None
APKNEWS_RUN_ID = None

# `apknews crawl --frontier redis://…` (crawler/frontier_setup.py): workers share a queue in Redis,
# and each host's delay and concurrency hold for all of them together (crawler/redis_politeness.py).
APKNEWS_FRONTIER = None
# Seconds a killed worker's in-flight requests stay leased before another worker takes them.
APKNEWS_FRONTIER_LEASE = float(os.environ.get("APKNEWS_FRONTIER_LEASE") or 60)
APKNEWS_HOST_DELAY = DOWNLOAD_DELAY
APKNEWS_HOST_CONCURRENCY = CONCURRENT_REQUESTS_PER_DOMAIN

LOG_LEVEL = "INFO"
TELNETCONSOLE_ENABLED = False
# Scrapy's remote control is an HTTP server that runs any Python code sent with the token it leaves
# in a job file in the user's state folder: nothing a crawl of news sites should offer.
REMOTE_CONTROL_ENABLED = False
FEED_EXPORT_ENCODING = "utf-8"
