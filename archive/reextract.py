"""Re-extraction: every stored article (and earlier version) rebuilt from its WARC record, no network."""

from __future__ import annotations

import json
import logging
from collections import Counter
from dataclasses import dataclass, field

from archive.articles import WarcPointer
from archive.entities.finding import EntityReport, find_entities
from archive.extract import ExtractionError, extract_article
from archive.links import LinkReport, relink
from archive.settings import DataDir
from archive.sources import Source, stub_source
from archive.store import Store
from archive.warc import read_response

logger = logging.getLogger(__name__)

# What a reader sees or cites: a change to one of these is reported.
COMPARED_FIELDS = (
    "title",
    "published",
    "published_time",
    "utc_offset",
    "lang",
    "author",
    "dateline",
    "text",
)


@dataclass
class Change:
    url: str
    version_id: int | None  # None: the article itself; else one of its earlier versions
    fields: dict[str, tuple]  # field -> (before, after)


@dataclass
class ReextractReport:
    articles: int = 0
    versions: int = 0
    changes: list[Change] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (url, why)
    links: LinkReport | None = None
    entities: EntityReport | None = None

    @property
    def field_counts(self) -> Counter:
        return Counter(name for change in self.changes for name in change.fields)

    def to_dict(self) -> dict:
        return {
            "articles": self.articles,
            "versions": self.versions,
            "changed": len(self.changes),
            "fields": dict(self.field_counts),
            "changes": [
                {
                    "url": c.url,
                    "version_id": c.version_id,
                    "fields": {k: {"before": b, "after": a} for k, (b, a) in c.fields.items()},
                }
                for c in self.changes
            ],
            "failed": [{"url": u, "reason": r} for u, r in self.failed],
            "reposts": self.links.reposts if self.links else None,
            "translations": self.links.translations if self.links else None,
            "entity_articles": self.entities.articles if self.entities else None,
            "entities": self.entities.entities + self.entities.carried if self.entities else None,
        }


def reextract(
    data_dir: DataDir,
    sources: dict[str, Source],
    source_name: str | None = None,
    dry_run: bool = False,
) -> ReextractReport:
    """Rebuild the stored articles of `source_name` (or all) from their raw pages with today's cleaner.

    Each fetch is re-extracted in place: a rebuilt article is not a new version. With `dry_run`,
    only report. Links (reposts, translations) are recomputed afterwards, then the entities.
    """
    report = ReextractReport()
    with Store(data_dir.store_path) as store:
        articles, versions = store.article_rows(source_name), store.version_rows(source_name)
        for row in articles:
            report.articles += 1
            _rebuild(store, data_dir, sources, row, row["url"], None, report, dry_run)
        for row in versions:
            report.versions += 1
            _rebuild(store, data_dir, sources, row, row["article_url"], row["id"], report, dry_run)
        if not dry_run:
            report.links = relink(store)
            # Who and where, read again from the rebuilt texts, once translations are linked.
            report.entities = find_entities(store, sources, [row["id"] for row in articles])
    return report


def _rebuild(store, data_dir, sources, row, url, version_id, report, dry_run) -> None:
    if not row["warc_file"]:
        report.failed.append((url, "no raw page kept"))
        return
    pointer = WarcPointer(row["warc_file"], row["warc_offset"], row["warc_length"])
    try:
        response = read_response(data_dir.root, pointer)
    except (OSError, StopIteration, ValueError) as exc:
        report.failed.append((url, f"raw page unreadable: {exc or type(exc).__name__}"))
        return
    source = sources.get(row["source"]) or stub_source(row["source"], response.url)
    try:
        article = extract_article(
            response.body,
            url=response.url,
            source=source,
            fetched_at=row["fetched_at"],
            content_type=response.content_type,
            lang_hint=row["lang"],
        )
    except ExtractionError as exc:
        report.failed.append((url, f"no article now: {exc.reason}"))
        return
    changed = {
        name: (row[name], getattr(article, name))
        for name in COMPARED_FIELDS
        if (row[name] or None) != (getattr(article, name) or None)
    }
    if changed:
        report.changes.append(Change(url, version_id, changed))
    details_changed = version_id is None and (
        json.loads(row["images"] or "[]") != article.images
        or json.loads(row["alternates"] or "[]") != article.alternates
        or row["script"] != article.script
    )
    if not dry_run and (changed or details_changed):
        store.replace_extraction(row["article_id"] if version_id else row["id"], article, version_id)
