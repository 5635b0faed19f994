"""The re-check's last step: the article extracted from the page again, held to the stored one.

Only what extraction reads counts (title, text word by word, date, author): a page whose sidebar,
counters or spacing changed is unchanged, and keeps its text. An edit saves the new text (the old
one kept as a version); a move keeps both addresses, the new one stored as an article of its own.
"""

from __future__ import annotations

import re
from dataclasses import replace

from archive.articles import Article
from archive.diffs import changed_parts
from archive.store import CHANGED
from archive.store.checks import EDITED, GONE, MOVED, UNCHANGED
from crawler.pipelines.store import OpenStorePipeline
from crawler.storage import WRITE_ERRORS, StorageFailure, StorageStopped

# Titles of the pages sites serve with 200 for a missing article ("soft 404").
_NOT_FOUND = re.compile(
    r"^(?:404|error 404|ошибка 404|страница не найдена|page not found|not found|бет табылмады|қате 404)\b"
)


# A new headline over a text that kept less than this share of the old one's words is another page
# at the article's address (a soft 404), not an edit of it.
REPLACED_BELOW = 0.4  # two unrelated releases of one source share up to a third of their words


class RecheckPipeline(OpenStorePipeline):
    def process_item(self, item):
        if not isinstance(item, Article):
            return item
        if StorageFailure.happened():
            raise StorageStopped(item.url)
        spider = self.crawler.spider
        check = spider.checks_for(item.url)
        if check is None:
            return item
        try:
            self._judge(spider, check, item)
        except WRITE_ERRORS as exc:
            StorageFailure.record(exc, self.data_dir)
            raise StorageStopped(item.url) from exc
        return item

    def _judge(self, spider, check: dict, article: Article) -> None:
        status = 200  # the page extraction read answered; a redirect's own status is in the check
        if _is_no_article_title(article.title, spider.source):
            spider.record(check, GONE, status, detail=f"soft 404: a page titled {article.title[:80]!r}")
            return
        if check["moved_to"]:
            saved = self.store.save(article, run_id=self.run_id)  # the new address, an article too
            spider.record(check, MOVED, 301, target_url=article.canonical_url, detail=f"target {saved}")
            return
        if article.canonical_url != check["canonical_url"]:  # a temporary redirect: the same article
            article = replace(article, canonical_url=check["canonical_url"])
        stored = self.store.get(check["canonical_url"])
        parts = changed_parts(stored, _as_stored(article))
        if "title" in parts and _shared_words(stored["text"], article.text) < REPLACED_BELOW:
            spider.record(check, GONE, status, detail="soft 404: another page at its address")
            return
        if not parts or parts == ["author"]:
            # The same words: the page as fetched now is the one kept (a refetch mends a lost record);
            # whitespace or markup alone never makes a version. An author alone is not in the hash.
            if stored["content_hash"] == article.content_hash:
                self.store.save(article, run_id=self.run_id)
            spider.record(check, UNCHANGED, status, detail=",".join(parts) or None)
            return
        if self.store.save(article, run_id=self.run_id) != CHANGED:
            spider.record(check, UNCHANGED, status)
            return
        version_id = self.store.latest_version_id(check["id"])
        spider.record(check, EDITED, status, version_id=version_id, detail=",".join(parts))


def _is_no_article_title(title: str, source) -> bool:
    """Whether an extracted title is the site's own name (its home page) or says the page is missing."""
    words = " ".join(title.casefold().split())
    site_names = {" ".join(n.casefold().split()) for n in (*source.rules.title_suffixes, source.display_name)}
    return not words or words in site_names or bool(_NOT_FOUND.match(words))


def _shared_words(before: str, after: str) -> float:
    """The share of the stored text's distinct words that the page's text still has."""
    old = set(before.casefold().split())
    return len(old & set(after.casefold().split())) / len(old) if old else 1.0


def _as_stored(article: Article) -> dict:
    return {
        "title": article.title,
        "text": article.text,
        "published": article.published,
        "author": article.author,
    }
