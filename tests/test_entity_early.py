"""The Russian NER beside the crawl (crawler.pipelines.entities): a crawl that hands its Russian
articles to the worker process a few at a time stores the same entities as one whose NER is all
done at the run's end."""

from __future__ import annotations

import re
import subprocess
from dataclasses import astuple

from archive.entities import PERSON
from archive.store import Store
from tests.conftest import ROOT
from tests.test_scrapy_crawl import scrapy_command


def _crawl(data_dir, replica, early_batch: int) -> tuple[dict[str, list[tuple]], int, int, int]:
    """({canonical URL: its entities}, Russian articles, those whose NER was done beside the crawl,
    articles whose whole entity pass was)."""
    command, env = scrapy_command(
        data_dir,
        *("crawl", "assembly", "-a", f"base_url={replica.base_url}"),
        *("-s", f"APKNEWS_EARLY_NER_BATCH={early_batch}", "-s", "LOG_LEVEL=INFO"),
    )
    proc = subprocess.run(command, capture_output=True, text=True, timeout=300, env=env, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-3000:]
    early = int(re.search(r"the NER of (\d+) texts done beside the crawl", proc.stderr)[1])
    whole = re.search(r"entities of (\d+) articles found beside the crawl", proc.stderr)
    with Store.open_readonly(data_dir / "apknews.sqlite3") as store:
        urls = {row["id"]: row["canonical_url"] for row in store.linkable_articles()}
        entities = store.entities_of(urls)
        russian = sum(row["lang"] == "ru" for row in store.entity_facts())
    by_url = {urls[i]: sorted(map(astuple, found)) for i, found in entities.items()}
    return by_url, russian, early, int(whole[1]) if whole else 0


def test_the_ner_beside_the_crawl_stores_what_the_run_end_would(tmp_path, assembly_replica):
    at_the_end, russian, none_early, none_whole = _crawl(tmp_path / "end", assembly_replica, 10_000)
    beside, _, early, whole = _crawl(tmp_path / "beside", assembly_replica, early_batch=4)
    assert russian > 8 and russian % 4  # batches of 4, and the tail sent when the spider closes
    assert (none_early, none_whole) == (0, 0)
    assert (early, whole) == (russian, len(at_the_end))
    assert beside == at_the_end
    people = {row[1] for found in beside.values() for row in found if row[0] == PERSON}
    assert "Касым-Жомарт Токаев" in people
