"""CPU per page of each piece of the crawl road, in this process, on the crawl bench's replica pages.

No crawl and no server: the replica's article and listing pages are rendered once, then each piece
runs over all of them (process time, medians of rounds): extraction (extract_article), listing pages
(the walk's find_listing_links, each page read with the ones before it), WARC writing (without its
fsync: the disk's time is not CPU) and storing (Store.save into a fresh store). What a crawl adds
(Scrapy, Twisted) and the entity worker are not here: bench.crawl_throughput profiles them.
Usage: .venv/bin/python -m bench.crawl_pieces [--count 5000] [--rounds 3] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

from archive.extract import extract_article
from archive.extract.listing_links import find_listing_links
from archive.pages import FetchedPage
from archive.sources import load_sources, parse_base_url_overrides, select_sources
from archive.store import Store
from archive.warc import WarcFile
from bench.crawl_replica import write_articles
from replicas.assembly_data import LISTING_PATHS
from replicas.assembly_site import AssemblySite

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "bench" / "work" / "crawl-replica" / "articles"
BASE_URL = "http://127.0.0.1:8765"  # never fetched: the pages' own address as a crawl would see it
FETCHED_AT = "2026-12-05T09:00:00Z"
HEADERS = [("Content-Type", "text/html; charset=UTF-8")]


def replica_pages(articles_dir: Path, count: int) -> tuple[list[tuple[str, bytes]], list[tuple[str, bytes]]]:
    """(article pages, listing pages) of the replica, each as (URL, body), listings in walk order."""
    write_articles(articles_dir, count)
    site = AssemblySite(articles_dir)
    articles = [(BASE_URL + a.path, site.handle(a.path)[2]) for a in site.articles]
    listings = []
    for lang, path in LISTING_PATHS.items():
        for page in range(1, site.page_count(lang) + 1):
            listings.append((f"{BASE_URL}{path}?PAGEN_1={page}", site.handle(f"{path}?PAGEN_1={page}")[2]))
    return articles, listings


def _source():
    [source] = select_sources(
        load_sources(), ["assembly"], parse_base_url_overrides([f"assembly={BASE_URL}"])
    )
    return source


def extract_all(articles: list[tuple[str, bytes]], source) -> list:
    return [
        extract_article(body, url=url, source=source, fetched_at=FETCHED_AT, content_type=HEADERS[0][1])
        for url, body in articles
    ]


def walk_listings(listings: list[tuple[str, bytes]], source) -> list:
    earlier: list[tuple[str, ...]] = []
    found_all = []
    for url, body in listings:
        found = find_listing_links(
            body, url, source.article_regex, hosts=source.site_hosts,
            selector=source.listing_selector, earlier_pages=earlier,
        )  # fmt: skip
        earlier.append(found.candidates)
        found_all.append(found)
    return found_all


def write_warc(articles: list[tuple[str, bytes]], directory: Path) -> None:
    warc = WarcFile(directory / f"{time.monotonic_ns()}.warc.gz", directory)
    with mock.patch("archive.warc.os.fsync"):
        for url, body in articles:
            warc.write_page(
                FetchedPage(url=url, status=200, headers=HEADERS, body=body, fetched_at=FETCHED_AT)
            )
    warc.close()


def store_all(extracted: list, directory: Path) -> None:
    with Store(directory / f"{time.monotonic_ns()}.sqlite") as store:
        for article in extracted:
            store.save(article)


def _cpu(run) -> float:
    started = time.process_time()
    run()
    return time.process_time() - started


def measure(count: int, rounds: int, articles_dir: Path = ARTICLES) -> dict:
    """CPU ms per page of each piece (medians of `rounds`), per article page and per page of its own."""
    articles, listings = replica_pages(articles_dir, count)
    source = _source()
    extracted = extract_all(articles[:50], source)  # models and caches loaded before the clock runs
    extracted = extract_all(articles, source)
    pieces = {
        "extraction": (lambda: extract_all(articles, source), len(articles)),
        "listing pages": (lambda: walk_listings(listings, source), len(listings)),
    }
    with tempfile.TemporaryDirectory() as work:
        pieces["WARC writing"] = (lambda: write_warc(articles, Path(work)), len(articles))
        pieces["storing"] = (lambda: store_all(extracted, Path(work)), len(articles))
        seconds = {name: [_cpu(run) for _ in range(rounds)] for name, (run, _) in pieces.items()}
    result = {"articles": len(articles), "listing_pages": len(listings), "rounds": rounds, "pieces": {}}
    for name, (_, pages) in pieces.items():
        median = statistics.median(seconds[name])
        result["pieces"][name] = {
            "cpu_s": round(median, 3),
            "ms_per_own_page": round(1000 * median / pages, 3),
            "ms_per_article": round(1000 * median / len(articles), 3),
        }
    result["ms_per_article"] = round(sum(p["ms_per_article"] for p in result["pieces"].values()), 3)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    result = measure(args.count, args.rounds)
    for name, piece in result["pieces"].items():
        own = piece["ms_per_own_page"]
        print(f"{name:15} {piece['ms_per_article']:7.3f} CPU ms an article  ({own:.3f} a page of its own)")
    print(f"{'all':15} {result['ms_per_article']:7.3f} CPU ms an article")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    sys.exit(main())
