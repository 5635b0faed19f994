"""A large assembly.kz replica for the crawl bench: thousands of seeded articles, served on loopback.

The articles are article files as replicas/assembly/articles holds them, each of sentences drawn
(by a fixed seed) from the replica's own articles in its language, with its own slug, date and
title; replicas.assembly_site renders and serves them as it serves the real replica.
Usage: .venv/bin/python -m bench.crawl_replica serve DIR --count 5000 --port-file PORT
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import signal
import sys
import threading
from pathlib import Path

from replicas.assembly_data import ARTICLES_DIR, load_articles
from replicas.assembly_site import AssemblySite
from replicas.server import ReplicaServer

SEED = 4
FIRST_DAY = dt.date(2015, 1, 1)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ«\"])")


def write_articles(directory: Path, count: int, seed: int = SEED) -> None:
    """`count` article files in `directory` (kept when it already holds exactly those)."""
    stamp = directory / "replica.json"
    wanted = {
        "count": count,
        "seed": seed,
        "swapped": SWAPPED_WORDS,
        "sources": sorted(p.name for p in ARTICLES_DIR.glob("*.toml")),
    }
    if stamp.exists() and json.loads(stamp.read_text()) == wanted:
        return
    directory.mkdir(parents=True, exist_ok=True)
    for old in directory.glob("*.toml"):
        old.unlink()
    rng = random.Random(seed)
    pools: dict[str, list[str]] = {}
    for article in load_articles():
        if not article.draft:
            for paragraph in article.paragraphs:
                pools.setdefault(article.lang, []).extend(_SENTENCE.split(paragraph))
    languages = sorted(pools)
    for number in range(count):
        lang = languages[number % len(languages)]
        (directory / f"{lang}-bench-article-{number}.toml").write_text(
            _article_file(rng, lang, pools[lang], number)
        )
    stamp.write_text(json.dumps(wanted))


SWAPPED_WORDS = 0.4  # of a drawn sentence's words, replaced by others of its language: no two texts alike


def _sentence(rng: random.Random, pool: list[str], words: list[str]) -> str:
    return " ".join(
        rng.choice(words) if rng.random() < SWAPPED_WORDS else w for w in rng.choice(pool).split()
    )


def _article_file(rng: random.Random, lang: str, pool: list[str], number: int) -> str:
    words = [w for sentence in pool for w in sentence.split()]
    paragraphs = [
        " ".join(_sentence(rng, pool, words) for _ in range(rng.randint(1, 4)))
        for _ in range(rng.randint(3, 9))
    ]
    title = " ".join(rng.choice(pool).split()[: rng.randint(5, 12)]).rstrip(".,:;") + f" {number}"
    day = FIRST_DAY + dt.timedelta(days=rng.randrange(4000))
    fields = {
        "slug": f"bench-article-{number}",
        "lang": lang,
        "date": day.isoformat(),
        "title": title,
        "views": str(rng.randint(10, 5000)),
        "image": f"/upload/iblock/{number % 1000:03d}/{rng.randrange(16**32):032x}.jpg",
    }
    lines = [f"{key} = {json.dumps(value, ensure_ascii=False)}" for key, value in fields.items()]
    lines.append("paragraphs = " + json.dumps(paragraphs, ensure_ascii=False))
    return "\n".join(lines) + "\n"


def serve(directory: Path, count: int, port_file: Path) -> None:
    """Serve the replica of `count` articles until SIGTERM; its port goes to `port_file`."""
    write_articles(directory, count)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    with ReplicaServer(AssemblySite(directory)) as server:
        port_file.write_text(str(server.port))
        while not stop.wait(0.2):
            pass


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("write", "serve"))
    parser.add_argument("directory", type=Path)
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--port-file", type=Path)
    args = parser.parse_args()
    if args.command == "write":
        write_articles(args.directory, args.count)
    else:
        serve(args.directory, args.count, args.port_file)
    return 0


if __name__ == "__main__":
    sys.exit(main())
