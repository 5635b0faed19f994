"""Candidate copies found fast: MinHash signatures of each text's word runs, paired by LSH."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH

from archive.translit import to_plain_latin

NUM_PERM = 128
SEED = 1  # fixed: stored signatures must stay comparable across runs
SCHEME = "affine32"  # datasketch 2's default, named: stored hash values do not say which made them
SHINGLE_WORDS = 5
# Estimated Jaccard at which a pair becomes a candidate: low, as a trimmed copy with a new lead
# shares few of the longer text's runs; archive.links.reposts decides which candidates are copies.
LSH_THRESHOLD = 0.2

# Bump when shingles() changes: stored signatures of another version are computed again.
SIGNATURE_VERSION = 2

_WORD = re.compile(r"[^\W_]+")
# The permutations SEED gives, drawn once: datasketch draws them again for every MinHash made.
_PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations


def shingles(text: str) -> set[str]:
    """Overlapping runs of SHINGLE_WORDS words of `text`, case and punctuation ignored.

    Words are compared as Latin letters, so that a Kazakh text and its Latin-script copy
    (lat.egemen.kz, qz.inform.kz) are one text.
    """
    words = _WORD.findall(to_plain_latin(text.casefold()))
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def signature(text: str) -> MinHash:
    """The MinHash of `text`'s shingles."""
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, permutations=_PERMUTATIONS)
    minhash.update_batch([s.encode("utf-8") for s in shingles(text)])
    return minhash


def to_bytes(minhash: MinHash) -> bytes:
    return minhash.hashvalues.astype(np.uint32).tobytes()  # affine32 values fit 32 bits


def from_bytes(blob: bytes) -> MinHash:
    return MinHash(
        num_perm=NUM_PERM,
        seed=SEED,
        scheme=SCHEME,
        hashvalues=np.frombuffer(blob, dtype=np.uint32),
        permutations=_PERMUTATIONS,
    )


@dataclass(frozen=True)
class Candidate:
    article_id: int
    signature: MinHash


def candidate_pairs(candidates: Iterable[Candidate]) -> set[tuple[int, int]]:
    """Pairs (smaller id, larger id) whose estimated Jaccard passes LSH_THRESHOLD."""
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    items = list(candidates)
    for item in items:
        lsh.insert(item.article_id, item.signature)
    pairs = set()
    for item in items:
        for other in lsh.query(item.signature):
            if other != item.article_id:
                pairs.add((min(item.article_id, other), max(item.article_id, other)))
    return pairs
