"""Where a crawl's time goes: py-spy's raw stacks of the crawl bench, summed by step of the road."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

RATE = 20  # samples per second, as bench.crawl_throughput runs py-spy
# A sample belongs to the first step whose marker its stack holds (outermost steps last).
STEPS = (
    (
        "entities: Russian NER and case tagging (natasha/slovnet)",
        ("russian_entities", "_spans (", "_tag_cases"),
    ),
    ("entities: gazetteer of known names", ("Gazetteer.",)),
    ("entities: places", ("place_entities",)),
    ("entities: carried across translations", ("carry_translations",)),
    ("entities: saving", ("save_entities",)),
    ("entities: reading and the rest", ("find_entities", "store_run_entities", "crawler/pipelines/entities")),
    ("links (relink)", ("relink",)),
    ("extraction", ("extract_article", "ExtractPipeline")),
    ("WARC writing", ("ArchivePipeline", "archive/warc")),
    ("storing", ("StorePipeline",)),
    ("listing pages", ("parse_listing",)),
    ("Scrapy, Twisted and the rest", ("",)),
)
WORKER = " [worker process]"  # the entity worker beside the crawl (crawler.pipelines.entities)
# Threads waiting for work (the reactor's pool, a process pool's queue): not time spent.
IDLE = ("Condition.wait", "Queue.get (queue.py", "wait (multiprocessing/connection.py")


def profile_shares(stacks: Path, rate: int = RATE) -> list[tuple[float, float, str]]:
    """(share, seconds sampled, step) of the samples in `stacks`, largest first; idle threads left
    out. A thread waiting for a core counts as active: on a loaded machine the seconds exceed CPU."""
    samples: Counter = Counter()
    for line in stacks.read_text(errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit() or any(marker in stack.rsplit(";", 1)[-1] for marker in IDLE):
            continue
        step = next(name for name, markers in STEPS if any(m in stack for m in markers))
        samples[f"{step}{WORKER if 'spawn_main' in stack else ''}"] += int(count)
    total = sum(samples.values()) or 1
    return [(count / total, count / rate, step) for step, count in samples.most_common()]


def main() -> int:
    for share, seconds, step in profile_shares(Path(sys.argv[1])):
        print(f"{share:6.1%} {seconds:7.1f} s sampled  {step}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
