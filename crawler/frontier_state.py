"""A frontier job's keys in Redis, and the walk state its workers share (seen links, trailing known ones).

A source's walk decides from what it has seen so far in the run: a link met earlier is not new
(`seen_in_run`), a listing stops after `overlap` known articles in a row (`_trailing_known`), a
link on several listing pages is page furniture (`earlier_listing_links`). With many workers,
consecutive listing pages go to different processes, so these live in Redis for the job.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class FrontierKeys:
    """The Redis keys of one source's frontier."""

    spider: str

    def _key(self, part: str) -> str:
        return f"apknews:frontier:{self.spider}:{part}"

    @property
    def job(self) -> str:
        return self._key("job")

    @property
    def workers(self) -> str:  # worker -> time its heartbeat runs out
        return self._key("workers")

    @property
    def queue(self) -> str:  # lease id -> score (priority, then first in first out)
        return self._key("queue")

    @property
    def leases(self) -> str:  # lease id -> time the lease runs out
        return self._key("leases")

    @property
    def owners(self) -> str:
        return self._key("owners")

    @property
    def payloads(self) -> str:
        return self._key("payloads")

    @property
    def scores(self) -> str:
        return self._key("scores")

    @property
    def sequence(self) -> str:
        return self._key("sequence")

    @property
    def seen(self) -> str:  # fingerprints of every filtered request queued in the job
        return self._key("seen")

    @property
    def starts(self) -> str:  # fingerprints of the start requests queued in the job
        return self._key("starts")

    @property
    def full_walk(self) -> str:
        return self._key("full_walk")

    def walk(self, part: str) -> str:
        return self._key(f"walk:{part}")

    def job_scoped(self) -> list[str]:
        """The keys a new job starts without (the queue and leases are given apart)."""
        return [
            self.owners, self.payloads, self.scores, self.sequence, self.seen, self.starts,
            self.full_walk, self.walk("seen_links"), self.walk("trailing_known"), self.walk("listing_pages"),
        ]  # fmt: skip


class SharedSet:
    """A set of strings in Redis with the `in` and `add` a spider uses."""

    def __init__(self, client, key: str):
        self.client, self.key = client, key

    def __contains__(self, value: str) -> bool:
        return bool(self.client.sismember(self.key, value))

    def add(self, value: str) -> None:
        self.client.sadd(self.key, value)

    def __len__(self) -> int:
        return self.client.scard(self.key)

    def __iter__(self) -> Iterator[str]:
        return (member.decode() for member in self.client.smembers(self.key))


class SharedCounts:
    """A dict of counts in Redis (keys by their repr) with the `get` and item setting a spider uses."""

    def __init__(self, client, key: str):
        self.client, self.key = client, key

    def get(self, name: object, default: int = 0) -> int:
        value = self.client.hget(self.key, repr(name))
        return default if value is None else int(value)

    def __setitem__(self, name: object, value: int) -> None:
        self.client.hset(self.key, repr(name), value)


class SharedPages:
    """The link candidates of the listing pages read so far, a list in Redis."""

    def __init__(self, client, key: str):
        self.client, self.key = client, key

    def append(self, links: tuple[str, ...]) -> None:
        self.client.rpush(self.key, json.dumps(list(links)))

    def __iter__(self) -> Iterator[tuple[str, ...]]:
        return (tuple(json.loads(page)) for page in self.client.lrange(self.key, 0, -1))

    def __len__(self) -> int:
        return self.client.llen(self.key)


def install_shared_state(spider, client, keys: FrontierKeys) -> None:
    """Give `spider` the job's walk state in place of its own (before its start requests)."""
    spider.seen_in_run = SharedSet(client, keys.walk("seen_links"))
    spider._trailing_known = SharedCounts(client, keys.walk("trailing_known"))
    if hasattr(spider, "earlier_listing_links"):
        spider.earlier_listing_links = SharedPages(client, keys.walk("listing_pages"))
