"""Bounded word caches that keep the common words when full."""

from __future__ import annotations

from itertools import islice
from typing import TypeVar

Value = TypeVar("Value")


def remember(cache: dict, key, value: Value, limit: int) -> Value:
    """Store `value` under `key` and return it; a full cache first forgets its newer half.

    The words a stream of texts brings first are mostly its common ones, and a dict keeps them
    first: forgetting the newer half keeps them, where emptying the cache would have every common
    word looked up again.
    """
    if len(cache) >= limit:
        for newer in list(islice(reversed(cache), len(cache) - limit // 2)):
            del cache[newer]
    cache[key] = value
    return value
