"""What a union of a query's parts is kept under between queries: the parts' fields, words and boosts."""

from __future__ import annotations

from whoosh import query as wq


def union_key(q: wq.Query) -> tuple | None:
    """What an Or is kept under: its Terms, phrases and Ors of them (fields, words, boosts); None
    when it holds anything else."""
    kind = type(q)
    if kind is wq.Term:
        return ("term", q.fieldname, q.text, q.boost)
    if kind is wq.Phrase and q.slop == 1:
        return ("phrase", q.fieldname, tuple(q.words), q.boost)
    if kind is wq.Or and not (q.minmatch or q.scale):
        keys = tuple(union_key(child) for child in q.subqueries)
        return None if None in keys else ("or", keys, q.boost)
    return None
