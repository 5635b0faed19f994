"""Who and where, for the articles a crawl stored: found in a worker process beside the crawl (the
Russian NER as articles are stored, the rest while the run's end relinks), saved once the run's
translations are linked."""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from archive.articles import Article
from archive.entities import PERSON, Entity
from archive.entities.finding import (
    EarlyNer,
    EntityReport,
    article_text,
    find_entities,
    found_entities,
    save_found,
    text_key,
)
from archive.entities.people import known_people_index
from archive.entities.russian import russian_entities
from archive.settings import DataDir
from archive.sources import ConfigError, load_sources
from archive.store import Store
from crawler.storage import WRITE_ERRORS, StorageFailure

logger = logging.getLogger(__name__)

# Russian texts sent to the worker at a time (Scrapy setting APKNEWS_EARLY_NER_BATCH). A run that
# stores fewer never starts the worker (a process with its own models, about 2 CPU seconds): its
# entities are all found at the run's end.
EARLY_BATCH = 64
# The worker's numpy multiplies in one thread: OpenBLAS's threads spin while they wait, and on two
# shared cores the NER of 256 texts took 8.4 CPU s (24.8 s) with two of them, 3.0 (8.8 s) with one.
WORKER_ENVIRONMENT = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}

_early_runs: dict[int, EarlyEntities] = {}  # run id -> its worker (shared by the run's sources)
_early_lock = threading.Lock()


def store_run_entities(store: Store, run_id: int, sources_file: str | None = None) -> EntityReport:
    """Find and store the entities of the articles run `run_id` stored new or changed, and of the
    articles that have none yet (an archive from before entities were kept); then names carried
    across the run's translations. What the worker found beside the crawl is taken as it is."""
    started = time.monotonic()
    early = _early_runs.pop(run_id, None)
    ids = sorted(set(store.article_ids_of_run(run_id)) | store.articles_without_entities())
    ner, done = early.finished(ids) if early is not None else (None, None)
    if done is not None:
        report, found = done
        logger.info("entities of %d articles found beside the crawl", len(found))
        return save_found(store, ids, found.items(), report, started)
    try:
        sources = load_sources(sources_file or None)
    except ConfigError as exc:  # the crawl read the same file: it cannot fail here, but never stop a run
        logger.warning("entities found without source regions: %s", exc)
        sources = {}
    return find_entities(store, sources, ids, ner)


class EarlyEntities:
    """One worker process beside a run: the Russian NER of its stored articles batch after batch
    while the crawl goes on, then, when its last spider closes, the rest of the entity pass (all
    but saving) while the run's end relinks."""

    def __init__(self, people: dict[str, str], batch: int = EARLY_BATCH):
        self.people = people
        self.batch = batch
        self.spiders = 0  # the run's spiders still open
        self.waiting: list[str] = []
        self.sent: list[tuple[list[bytes], Future]] = []
        self.pool: ProcessPoolExecutor | None = None
        self.rest: Future | None = None
        self.failed = False  # the worker could not be started or fed: the run's end does it all

    def add(self, text: str) -> None:
        if self.failed:
            return
        self.waiting.append(text)
        if len(self.waiting) >= self.batch:
            try:
                self._send()
            except (OSError, RuntimeError) as exc:  # RuntimeError: BrokenProcessPool, shut down
                logger.warning("no entity worker beside the crawl (%s): all found at the run's end", exc)
                self.failed, self.waiting = True, []

    def _send(self) -> None:
        texts, self.waiting = self.waiting, []
        if self.pool is None:
            self.pool = ProcessPoolExecutor(
                1, multiprocessing.get_context("spawn"), initializer=_worker_knows, initargs=(self.people,)
            )
            with _environment(WORKER_ENVIRONMENT):  # the worker starts with the first task
                future = self.pool.submit(_worker_ner, texts)
        else:
            future = self.pool.submit(_worker_ner, texts)
        self.sent.append(([text_key(t) for t in texts], future))

    def find_the_rest(self, store_path: str, run_id: int, sources_file: str | None) -> None:
        """The tail of the NER, then the rest of the pass in the worker (if it ever started)."""
        if self.pool is not None and not self.failed:
            try:
                if self.waiting:
                    self._send()
                self.rest = self.pool.submit(_worker_rest, store_path, run_id, sources_file)
            except (OSError, RuntimeError) as exc:
                logger.warning("no entity worker at the run's end (%s): all found there", exc)
                self.failed = True

    def finished(self, ids: list[int]) -> tuple[EarlyNer, tuple[EntityReport, dict] | None]:
        """What the worker found: the NER of the texts it read, and the whole pass when it was done
        over the articles `ids` (None otherwise: the pass is done again, the NER taken from here)."""
        found: dict[bytes, list[Entity]] = {}
        done = None
        if self.failed:
            self.cancel()
            return EarlyNer(self.people, found), done
        try:
            for keys, future in self.sent:
                found.update(zip(keys, future.result(), strict=True))
            if self.rest is not None and (rest := self.rest.result())[0] == ids:
                done = rest[1:]
        except Exception:  # a worker that failed costs only time: the pass is done here
            logger.exception("the entities found beside the crawl are found again at the run's end")
            found, done = {}, None
        finally:
            self.cancel()
        return EarlyNer(self.people, found), done

    def cancel(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


@contextmanager
def _environment(variables: dict[str, str]):
    """`variables` in os.environ (for a process started meanwhile), then as they were."""
    before = {name: os.environ.get(name) for name in variables}
    os.environ.update(variables)
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


# The worker's own state: the known people it was started with, what its NER found.
_worker_early = EarlyNer({}, {})


def _worker_knows(people: dict[str, str]) -> None:
    _worker_early.people.update(people)


def _worker_ner(texts: list[str]) -> list[list[Entity]]:
    found = russian_entities(texts, _worker_early.people)
    _worker_early.found.update(zip(map(text_key, texts), found, strict=True))
    return found


def _worker_rest(store_path: str, run_id: int, sources_file: str | None) -> tuple:
    """(ids, report, {id: entities}) of the run's entity pass, its NER taken as found so far."""
    sources = load_sources(sources_file or None)
    report = EntityReport()
    with Store.open_readonly(store_path) as store:
        ids = sorted(set(store.article_ids_of_run(run_id)) | store.articles_without_entities())
        found = dict(found_entities(store, sources, ids, _worker_early, report))
    return ids, report, found


class EarlyEntitiesPipeline:
    """Hands the Russian articles the store pipeline saved to the run's worker; when the run's last
    spider closes, has it find the rest."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.run_id = crawler.settings.getint("APKNEWS_RUN_ID") or None
        self.data_dir = DataDir(Path(crawler.settings.get("APKNEWS_DATA_DIR")))
        self.early: EarlyEntities | None = None

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def open_spider(self):
        if self.run_id is None:
            return
        with _early_lock:
            if self.run_id not in _early_runs:
                batch = self.crawler.settings.getint("APKNEWS_EARLY_NER_BATCH", EARLY_BATCH)
                _early_runs[self.run_id] = EarlyEntities(self._known_people(), batch)
            self.early = _early_runs[self.run_id]
            self.early.spiders += 1

    def _known_people(self) -> dict[str, str]:
        """The known people the entity pass will read (its entities are stored only at the run's end)."""
        try:
            with Store.open_readonly(self.data_dir.store_path) as store:
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
        with _early_lock:
            self.early.spiders -= 1
            if StorageFailure.happened():  # no entity pass follows
                _early_runs.pop(self.run_id, None)
                self.early.cancel()
            elif not self.early.spiders:
                sources_file = self.crawler.settings.get("APKNEWS_SOURCES_FILE")
                self.early.find_the_rest(str(self.data_dir.store_path), self.run_id, sources_file)
