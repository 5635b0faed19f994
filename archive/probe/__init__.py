"""What a source's selectors match on a page, what the crawl finds there without them, and the config
line that would pin it: the ground of `apknews probe`, pages in, plain records out."""

from archive.probe.article import probe_article
from archive.probe.listing import feed_listing, probe_listing
from archive.probe.steps import ArticleStep, ListingStep, Step, failed_step

__all__ = [
    "ArticleStep",
    "ListingStep",
    "Step",
    "failed_step",
    "feed_listing",
    "probe_article",
    "probe_listing",
]
