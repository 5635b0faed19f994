"""A phrase or an alias name as a Whoosh query that finds it whole (indexer.names.read_name's pattern).

Each word is a step at consecutive positions: a Term, or an Or of the word's readings. A hyphenated
word also stands by all of its parts at its one position (where indexing puts them), a span query
with no distance between its parts; never by one part, so "Нур-Султан" does not find "Нур Отан".
"""

from __future__ import annotations

from whoosh import query as wq
from whoosh.query.spans import SpanNear2

from indexer.names import Alternative, Pattern, Step


def pattern_query(fieldname: str, pattern: Pattern, slop: int | None, boost: float) -> wq.Query:
    """What finds `pattern` in `fieldname`: its steps in order at successive positions, or with `slop`
    within that many positions of each other in any order (a "…"~N phrase)."""
    steps = [_step(fieldname, step) for step in pattern]
    if len(steps) == 1:
        query = steps[0]
    elif slop is None and all(type(s) is wq.Term for s in steps):
        query = wq.Phrase(fieldname, [s.text for s in steps])
    elif slop is None:
        query = wq.Sequence(steps)
    else:
        query = wq.Sequence(steps, slop=slop, ordered=False)
    query.boost = boost
    return query


def _step(fieldname: str, step: Step) -> wq.Query:
    alternatives = [_alternative(fieldname, alternative) for alternative in step]
    return alternatives[0] if len(alternatives) == 1 else wq.Or(alternatives)


def _alternative(fieldname: str, alternative: Alternative) -> wq.Query:
    sets = [_any_term(fieldname, terms) for terms in alternative]
    if len(sets) == 1:
        return sets[0]
    return SpanNear2(sets, slop=0, ordered=False, mindist=0)  # every part at the same position


def _any_term(fieldname: str, terms: frozenset[str]) -> wq.Query:
    ordered = sorted(terms)
    if len(ordered) == 1:
        return wq.Term(fieldname, ordered[0])
    return wq.Or([wq.Term(fieldname, t) for t in ordered])
