"""Who and where, for the articles a crawl stored: found once the run's translations are linked."""

from __future__ import annotations

import logging

from archive.entities.finding import EntityReport, find_entities
from archive.sources import ConfigError, load_sources
from archive.store import Store

logger = logging.getLogger(__name__)


def store_run_entities(store: Store, run_id: int, sources_file: str | None = None) -> EntityReport:
    """Find and store the entities of the articles run `run_id` stored new or changed, and of the
    articles that have none yet (an archive from before entities were kept): batched, the NER
    model loaded once; then names carried across the run's translations."""
    try:
        sources = load_sources(sources_file or None)
    except ConfigError as exc:  # the crawl read the same file: it cannot fail here, but never stop a run
        logger.warning("entities found without source regions: %s", exc)
        sources = {}
    ids = set(store.article_ids_of_run(run_id)) | store.articles_without_entities()
    return find_entities(store, sources, sorted(ids))
