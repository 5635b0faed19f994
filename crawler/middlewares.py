"""Downloader middlewares: robots.txt obeyed by every request, also those that waited for it."""

from __future__ import annotations

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred


class RobotsTxtRaceFreeMiddleware(RobotsTxtMiddleware):
    """Scrapy's robots.txt middleware, minus the race of Scrapy 2.14+.

    While robots.txt downloads, every request to the host awaits one shared Deferred; only the
    first awaiter gets the parser, the rest get None and are let through unchecked. Once the
    wait is over the parser is in `_parsers`, so each request asks there for its own answer.
    """

    async def robot_parser(self, request):
        parser = await super().robot_parser(request)
        settled = self._parsers.get(urlparse_cached(request).netloc, parser)
        return None if isinstance(settled, Deferred) else settled
