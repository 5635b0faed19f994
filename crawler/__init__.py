"""The Scrapy project: spiders walk listings and fetch pages; pipelines archive, extract and store."""
