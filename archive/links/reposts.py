"""Reposts: the same text published again (new headline, other first sentence) found by MinHash/LSH."""

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
LSH_THRESHOLD = 0.3  # estimated Jaccard at which a pair becomes a candidate
MIN_CONTAINMENT = 0.5  # share of the shorter text's shingles found in the longer: a repost
MIN_SHINGLES = 15  # a notice of a few lines says too little to call another text its copy

# Bump when shingles() changes: stored signatures of another version are computed again.
SIGNATURE_VERSION = 2

_WORD = re.compile(r"[^\W_]+")


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
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    minhash.update_batch([s.encode("utf-8") for s in shingles(text)])
    return minhash


def to_bytes(minhash: MinHash) -> bytes:
    return minhash.hashvalues.astype(np.uint32).tobytes()  # affine32 values fit 32 bits


def from_bytes(blob: bytes) -> MinHash:
    return MinHash(
        num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, hashvalues=np.frombuffer(blob, dtype=np.uint32)
    )


def containment(a: set[str], b: set[str]) -> float:
    """|a ∩ b| / min(|a|, |b|): 1.0 when the shorter text is all inside the longer."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


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


def is_repost(text_a: str, text_b: str) -> tuple[bool, float]:
    """(whether one text is a copy of the other, their containment)."""
    a, b = shingles(text_a), shingles(text_b)
    if min(len(a), len(b)) < MIN_SHINGLES:
        return False, 0.0
    score = containment(a, b)
    return score >= MIN_CONTAINMENT, score
