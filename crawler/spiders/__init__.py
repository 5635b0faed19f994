"""Spider kinds, one file each, named as a source's `spider` in config/sources.toml names them.

`scrapy crawl NAME` crawls the source NAME: crawler.loader binds it to its kind's class.
"""
