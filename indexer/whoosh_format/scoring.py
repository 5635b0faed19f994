"""The parameters of Whoosh's BM25F for one field, as its scorer would use them."""

from __future__ import annotations

from indexer.whoosh_format import version


def bm25_b(weighting, searcher, fieldname: str, btext: bytes) -> float:
    """The B of a whoosh.scoring.BM25F `weighting` for `fieldname` (its per-field B, else its B).

    With another Whoosh version it is read from the scorer Whoosh makes for the term, which costs
    a look-up of the term's statistics."""
    if version.FAST_PATH:
        return weighting._field_B.get(fieldname, weighting.B)
    return weighting.scorer(searcher, fieldname, btext).B
