"""Who and where, for the articles a crawl stored: the Russian NER run beside the crawl, in a worker
process, on the articles as they are stored; the rest found once the run's translations are linked."""

from __future__ import annotations

import logging
import multiprocessing
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from archive.articles import Article
from archive.entities import PERSON, Entity
from archive.entities.finding import EarlyNer, EntityReport, article_text, find_entities, text_key
from archive.entities.people import known_people_index
from archive.entities.russian import russian_entities
from archive.settings import DataDir
from archive.sources import ConfigError, load_sources
from archive.store import Store
from crawler.storage import WRITE_ERRORS, StorageFailure

logger = logging.getLogger(__name__)

# Russian texts sent to the worker at a time (Scrapy setting APKNEWS_EARLY_NER_BATCH). A run that
# stores fewer never starts the worker (a process with its own models, about 2 CPU seconds): its
# NER is done at the run's end.
EARLY_BATCH = 64

_early_runs: dict[int, EarlyRussianNer] = {}  # run id -> its NER beside the crawl (all its sources)
_early_lock = threading.Lock()


def store_run_entities(store: Store, run_id: int, sources_file: str | None = None) -> EntityReport:
    """Find and store the entities of the articles run `run_id` stored new or changed, and of the
    articles that have none yet (an archive from before entities were kept): what the NER found
    beside the crawl taken as it is, the rest found now; then names carried across the run's
    translations."""
    early = _early_runs.pop(run_id, None)
    try:
        sources = load_sources(sources_file or None)
    except ConfigError as exc:  # the crawl read the same file: it cannot fail here, but never stop a run
        logger.warning("entities found without source regions: %s", exc)
        sources = {}
    ids = set(store.article_ids_of_run(run_id)) | store.articles_without_entities()
    return find_entities(store, sources, sorted(ids), early.finished() if early else None)


class EarlyRussianNer:
    """The Russian NER of a run's stored articles, batch after batch in one worker process while
    the crawl goes on: the run's end then only finishes the tail."""

    def __init__(self, people: dict[str, str], batch: int = EARLY_BATCH):
        self.people = people
        self.batch = batch
        self.waiting: list[str] = []
        self.sent: list[tuple[list[bytes], Future]] = []
        self.pool: ProcessPoolExecutor | None = None

    def add(self, text: str) -> None:
        self.waiting.append(text)
        if len(self.waiting) >= self.batch:
            self._send()

    def flush(self) -> None:
        if self.waiting:
            self._send()

    def _send(self) -> None:
        if self.pool is None:
            self.pool = ProcessPoolExecutor(
                1, multiprocessing.get_context("spawn"), initializer=_worker_knows, initargs=(self.people,)
            )
        texts, self.waiting = self.waiting, []
        self.sent.append(([text_key(t) for t in texts], self.pool.submit(_worker_entities, texts)))

    def finished(self) -> EarlyNer | None:
        """What the worker found (waiting for the batches it still has); the tail is left to the
        entity pass. None when it never started or failed."""
        if self.pool is None:
            return None
        found: dict[bytes, list[Entity]] = {}
        try:
            for keys, future in self.sent:
                found.update(zip(keys, future.result(), strict=True))
        except Exception:  # a worker that died costs only time: the entity pass finds them again
            logger.exception("the NER beside the crawl failed; its texts are read at the run's end")
            found = {}
        finally:
            self.cancel()
        return EarlyNer(self.people, found)

    def cancel(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


_worker_people: dict[str, str] = {}


def _worker_knows(people: dict[str, str]) -> None:
    _worker_people.update(people)


def _worker_entities(texts: list[str]) -> list[list[Entity]]:
    return russian_entities(texts, _worker_people)


class EarlyEntitiesPipeline:
    """Hands the Russian articles the store pipeline saved to the run's EarlyRussianNer."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.run_id = crawler.settings.getint("APKNEWS_RUN_ID") or None
        self.early: EarlyRussianNer | None = None

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def open_spider(self):
        if self.run_id is None:
            return
        with _early_lock:
            if self.run_id not in _early_runs:
                batch = self.crawler.settings.getint("APKNEWS_EARLY_NER_BATCH", EARLY_BATCH)
                _early_runs[self.run_id] = EarlyRussianNer(self._known_people(), batch)
            self.early = _early_runs[self.run_id]

    def _known_people(self) -> dict[str, str]:
        """The known people the entity pass will read (its entities are stored only at the run's end)."""
        data_dir = DataDir(Path(self.crawler.settings.get("APKNEWS_DATA_DIR")))
        try:
            with Store.open_readonly(data_dir.store_path) as store:
                known = store.known_entities([PERSON])
        except WRITE_ERRORS as exc:  # the store pipeline reports it; the NER is left to the run's end
            logger.debug("known people not read: %s", exc)
            return {}
        return known_people_index(name for _, name in known)

    def process_item(self, item):
        if self.early is not None and isinstance(item, Article) and item.lang == "ru":
            self.early.add(article_text({"title": item.title, "text": item.text}))
        return item

    def close_spider(self):
        if self.early is None:
            return
        if StorageFailure.happened():  # no entity pass follows
            _early_runs.pop(self.run_id, None)
            self.early.cancel()
        elif self.early.pool is not None:  # the tail too, while the run's end relinks
            self.early.flush()
