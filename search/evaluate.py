"""A compiled Whoosh query evaluated over whole posting lists with numpy, scored as Whoosh scores it.

Whoosh's matchers visit matched documents one at a time in Python (~13 µs each with BM25F and the
collector), and check phrase positions document by document. Here each term's postings are read
once into arrays, BM25F is computed for the whole list at once, Or/And/Not become unions,
intersections and differences of sorted arrays, and phrase positions are decoded only for the
documents holding every word of the phrase. Posting lists, phrase results and large unions (a word's
Or over the fields it is searched in, every document, a date range) are kept in caches bounded by
bytes, shared by the searchers of one index generation.

Scores are Whoosh's own: BM25F with the searcher's idf and average field lengths, term and query
boosts multiplied in, an Or or And summing its parts, a Not inside an And adding 1.0 (Whoosh's
InverseMatcher weight), Every scoring its boost. Sums may be added in another order than Whoosh's
matcher trees add them, so a score can differ in its last bit. A query node of a kind not listed
in Evaluation._node is run by Whoosh's matchers.
"""

from __future__ import annotations

import numpy as np
from whoosh import query as wq

from indexer.whoosh_format import decode_positions
from search.evaluation_cache import state_of
from search.kept_unions import union_key
from search.matches import (
    DENSE_SHARE,
    EMPTY,
    Matches,
    difference,
    intersection,
    member,
    restrict_to,
    scores_at,
    top_ranked,
    union,
)
from search.spans import adjacent, binary_sum, near

# The engine ranks and filters the evaluation's matches with these.
__all__ = ["Evaluation", "Matches", "restrict_to", "top_ranked"]


class Evaluation:
    """One query's evaluation: every node's matches are kept, to tell which terms matched a hit."""

    def __init__(self, searcher, generation: tuple | None = None):
        self.searcher = searcher
        self.state = state_of(searcher, generation)
        self.docs = self.state.docs
        self.schema = searcher.schema
        self.by_node: dict[int, Matches] = {}
        self.nodes: dict[int, wq.Query] = {}  # keeps evaluated nodes alive while ids name them
        self._values: dict = {}  # posting values read during this query, by term

    def matches(self, q: wq.Query) -> Matches:
        """The documents `q` matches and their scores."""
        return self._eval(q)

    def _eval(self, q: wq.Query) -> Matches:
        found = self.by_node.get(id(q))
        if found is None:
            found = self._node(q)
            self.by_node[id(q)] = found
            self.nodes[id(q)] = q
        return found

    def _node(self, q: wq.Query) -> Matches:
        kind = type(q)
        if self.state.bm25 is None:  # another weighting model: Whoosh scores the whole query
            return self._by_whoosh(q)
        if kind is wq.Term:
            return self._term(q.fieldname, q.text).boosted(q.boost)
        if kind is wq.Or and not (q.minmatch or q.scale):
            key = union_key(q)
            kept = None if key is None else self.state.terms.get(key)
            if kept is not None:
                self._record_parts(q.subqueries, kept)
                return kept.boosted(q.boost)
            self._read_terms_together(q.subqueries)
            parts = [self._eval(c) for c in q.subqueries]
            return self._kept_union(key, parts).boosted(q.boost)
        if kind is wq.And:
            return self._and(q.subqueries).boosted(q.boost)
        if kind is wq.Not:
            excluded = self._eval(q.query)
            return Matches(*difference(self.docs.live_ids, np.ones(len(self.docs.live_ids)), excluded.ids))
        if kind is wq.Every and q.fieldname in (None, "", "*"):
            return self._kept(("every", q.boost), lambda: self._every(q))
        if kind is wq.Prefix and q.text:
            return self._prefix(q)
        if kind is wq.DateRange and q.fieldname == "published":
            return self._kept(
                ("published", q.start, q.end, q.startexcl, q.endexcl, q.boost), lambda: self._date_range(q)
            )
        if kind is wq.Phrase and q.slop == 1:
            return self._phrase(q)
        if kind is wq.Sequence:
            return self._sequence(q)
        if q is wq.NullQuery:
            return EMPTY
        return self._by_whoosh(q)

    # -- leaves ------------------------------------------------------------------------------------

    def _btext(self, fieldname: str, text) -> bytes | None:
        if fieldname not in self.schema:
            return None
        try:
            return self.schema[fieldname].to_bytes(text)
        except ValueError:
            return None

    def _term(self, fieldname: str, text) -> Matches:
        btext = self._btext(fieldname, text)
        return EMPTY if btext is None else self.state.term(fieldname, btext)

    def _read_terms_together(self, children: list[wq.Query]) -> None:
        """Evaluates the Terms among `children`, their postings read together (a bounded prefix is
        an Or of up to thousands of words, in every field it searches)."""
        terms = []
        for child in children:
            if type(child) is wq.Term and id(child) not in self.by_node:
                btext = self._btext(child.fieldname, child.text)
                if btext is not None:
                    terms.append((child, (child.fieldname, btext)))
        if len(terms) < 2:
            return
        found = self.state.many_terms([word for _, word in terms])
        for (child, _), matches in zip(terms, found, strict=True):
            self.by_node[id(child)] = matches.boosted(child.boost)
            self.nodes[id(child)] = child

    def _record_parts(self, children: list[wq.Query], kept: Matches) -> None:
        """The parts of a kept union, recorded for matched_terms, which reads only their documents:
        a Term's postings unboosted (boosting 10^5-10^6 scores would be wasted), an Or inside it as
        the whole union (its own parts then tell which documents each holds), a phrase as it is."""
        for child in children:
            kind = type(child)
            if kind is wq.Term:
                self.by_node[id(child)] = self._term(child.fieldname, child.text)
                self.nodes[id(child)] = child
            elif kind is wq.Or:
                self.by_node[id(child)] = kept
                self.nodes[id(child)] = child
                self._record_parts(child.subqueries, kept)
            else:
                self._eval(child)

    def _prefix(self, q: wq.Prefix) -> Matches:
        """Or of a Term per word of the field starting with the prefix, each with the Prefix's boost
        (as PatternQuery.matcher builds it; scored, since search asks for the current match)."""
        words = self._prefix_words(q)
        found = self.state.many_terms([(q.fieldname, word) for word in words])
        key = ("prefix", q.fieldname, tuple(words), q.boost)
        return self._kept_union(key, [matches.boosted(q.boost) for matches in found])

    def _kept_union(self, key: tuple | None, parts: list[Matches]) -> Matches:
        """union() of the parts; a large one kept beside the postings under `key` (a word's Terms in
        every field it is searched in: the same Or in every query naming the word), so that a query
        asked again, or another naming the same words, does not add 10^6 postings up again."""
        sizes = [len(part) for part in parts if len(part)]
        if key is None or len(sizes) < 2 or sum(sizes) < self.docs.count * DENSE_SHARE:
            return union(parts, self.docs.count)
        return self._kept(key, lambda: union(parts, self.docs.count))

    def _prefix_words(self, q: wq.Prefix) -> list[bytes]:
        if q.fieldname not in self.schema:
            return []
        words: set[bytes] = set()
        for reader, _offset in self.docs.segments:
            words.update(w for w in reader.expand_prefix(q.fieldname, q.text) if w)
        return sorted(words)

    def _kept(self, key: tuple, compute) -> Matches:
        """compute(), kept beside the postings under `key`: a large union, every document or a date
        range's (a filter many queries share) is 10^6 documents to list again at each query otherwise."""
        found = self.state.terms.get(key)
        if found is None:
            found = compute()
            self.state.terms.put(key, found)
        return found

    def _every(self, q: wq.Every) -> Matches:
        return Matches(self.docs.live_ids, np.full(len(self.docs.live_ids), float(q.boost)))

    def _date_range(self, q: wq.DateRange) -> Matches:
        """Documents published in the range, read from the sortable column (the range's own terms
        are the same dates at several precisions); each scores its boost, as the range's terms do."""
        keys, has_date = self.docs.published()
        inside = has_date & self.docs.live
        if q.start is not None:
            start = np.uint64(q.start + (1 if q.startexcl else 0))
            inside &= keys >= start
        if q.end is not None:
            end = np.uint64(q.end - (1 if q.endexcl else 0))
            inside &= keys <= end
        ids = np.flatnonzero(inside)
        return Matches(ids, np.full(len(ids), float(q.boost)))

    # -- boolean -------------------------------------------------------------------------------

    def _and(self, children: list[wq.Query]) -> Matches:
        """Intersection of the parts, their scores summed; a Not part removes its documents and,
        as Whoosh's InverseMatcher does, adds 1.0 to each score."""
        positive = [c for c in children if not isinstance(c, wq.Not)]
        negative = [c for c in children if isinstance(c, wq.Not)]
        if positive:
            parts = []
            for child in positive:
                part = self._eval(child)
                if not len(part):
                    return EMPTY
                parts.append(part)
            found = intersection(parts)
        else:
            found = Matches(self.docs.live_ids, np.zeros(len(self.docs.live_ids)))
        for child in negative:
            ids, scores = difference(found.ids, found.scores, self._eval(child.query).ids)
            found = Matches(ids, scores + 1.0)
        return found

    # -- positions -----------------------------------------------------------------------------

    def _positional_field(self, fieldname: str):
        field = self.schema[fieldname] if fieldname in self.schema.names() else None
        if field is None or not field.format or not field.format.supports("positions"):
            return None  # Whoosh says why (or degrades the phrase to an And)
        return field

    def _phrase(self, q: wq.Phrase) -> Matches:
        """The words in a row (SpanNear2 with slop 1), scored as the words' Terms together."""
        field = self._positional_field(q.fieldname)
        if field is None:
            return self._by_whoosh(q)
        btexts = [self._btext(q.fieldname, w) for w in q.words]
        if not btexts or any(b is None for b in btexts):
            return EMPTY
        key = ("phrase", q.fieldname, tuple(btexts))
        found = self.state.positional.get(key)
        if found is None:
            steps = [[(q.fieldname, b)] for b in btexts]
            found = self._in_sequence(steps, field.format, slop=1, ordered=True)
            self.state.positional.put(key, found)
        return found.boosted(q.boost)

    def _sequence(self, q: wq.Sequence) -> Matches:
        """Sub-queries at successive positions (SpanNear over a binary tree): each a Term or an Or
        of Terms of one field."""
        steps = [_alternatives(sub) for sub in q.subqueries]
        fields = {a[0] for step in steps if step for a in step}
        if not steps or any(not s for s in steps) or len(fields) != 1:
            return self._by_whoosh(q)
        fieldname = fields.pop()
        field = self._positional_field(fieldname)
        if field is None:
            return self._by_whoosh(q)
        steps = [[(f, self._btext(f, t), boost) for f, t, boost in step] for step in steps]
        if any(b is None for step in steps for _, b, _ in step):
            return self._by_whoosh(q)
        key = ("sequence", tuple(tuple(step) for step in steps), q.slop, q.ordered)
        found = self.state.positional.get(key)
        if found is None:
            found = self._in_sequence(steps, field.format, q.slop, q.ordered)
            self.state.positional.put(key, found)
        return found.boosted(q.boost)

    def _in_sequence(self, steps: list[list[tuple]], fmt, slop: int, ordered: bool) -> Matches:
        """Documents where one alternative of each step occurs at the right distance from the others.
        A step is [(fieldname, btext[, boost]), ...]: its score is the sum of its alternatives', the
        steps' scores summed as the binary tree of Whoosh's span matchers sums them."""
        step_matches = []
        for step in steps:
            boosts = [a[2] if len(a) > 2 else 1.0 for a in step]
            terms = [
                self.state.term(a[0], a[1], self._values).boosted(b)
                for a, b in zip(step, boosts, strict=True)
            ]
            matched = union(terms, self.docs.count)
            if not len(matched):
                return EMPTY
            step_matches.append(matched)
        candidates = intersection(step_matches).ids
        if not len(candidates):
            return EMPTY
        positions = [self._step_positions(step, candidates, fmt) for step in steps]
        if ordered and slop == 1:
            inside = adjacent(positions, len(candidates))
        else:
            inside = near(positions, len(candidates), slop, ordered)
        ids = candidates[inside]
        scores = binary_sum([scores_at(m, ids) for m in step_matches])
        return Matches(ids, scores)

    def _step_positions(self, step: list[tuple], candidates: np.ndarray, fmt) -> tuple:
        """(candidate index, position) of every occurrence of the step's alternatives in the candidates,
        sorted."""
        doc_index, positions = [], []
        for alternative in dict.fromkeys((a[0], a[1]) for a in step):
            # Values read whole for this query serve every phrase of it; a partial read serves one.
            kept = self._values.get(alternative)
            ids, values = kept if kept is not None else self.state.term_values(*alternative, candidates)
            at = np.searchsorted(ids, candidates)
            present = at < len(ids)
            present[present] = ids[at[present]] == candidates[present]
            counts, found = decode_positions(values.take(at[present]), fmt)
            doc_index.append(np.repeat(np.flatnonzero(present), counts))
            positions.append(found)
        doc_index = np.concatenate(doc_index)
        positions = np.concatenate(positions)
        if len(step) > 1:
            order = np.lexsort((positions, doc_index))
            doc_index, positions = doc_index[order], positions[order]
        return doc_index, positions

    # -- Whoosh's own matchers -------------------------------------------------------------------

    def _by_whoosh(self, q: wq.Query) -> Matches:
        ids, scores = [], []
        context = self.searcher.context(needs_current=True)
        for subsearcher, offset in self.searcher.leaf_searchers():
            matcher = q.matcher(subsearcher, context)
            while matcher.is_active():
                ids.append(matcher.id() + offset)
                scores.append(matcher.score())
                matcher.next()
        return Matches(np.asarray(ids, np.int64), np.asarray(scores, np.float64))

    # -- which terms matched a document ----------------------------------------------------------

    def matched_terms(self, q: wq.Query, docnums: list[int]) -> dict[int, list[tuple[str, bytes]]]:
        """{docnum: [(fieldname, term bytes), ...]}: the terms of `q` in each document along a path of
        the query tree matching it (what Whoosh's TermsCollector records), for a page of hits."""
        found: dict[int, list] = {d: [] for d in docnums}
        self._collect_terms(q, np.asarray(sorted(docnums), np.int64), found)
        return found

    def _collect_terms(self, q: wq.Query, docs: np.ndarray, found: dict) -> None:
        matched = self.by_node.get(id(q))
        if matched is None or not len(docs):
            return
        docs = docs[member(docs, matched.ids)]
        if not len(docs):
            return
        kind = type(q)
        if kind is wq.Not:
            return  # a Not's documents lack its terms
        if kind is wq.Term:
            btext = self._btext(q.fieldname, q.text)
            self._record(docs, [(q.fieldname, btext)], found)
        elif kind is wq.Phrase:
            terms = [(q.fieldname, self._btext(q.fieldname, w)) for w in q.words]
            self._record(docs, terms, found)
        elif kind is wq.Prefix:
            for word in self._prefix_words(q):
                self._record_where(q.fieldname, word, docs, found)
        elif kind is wq.Sequence and all(_alternatives(s) for s in q.subqueries):
            for sub in q.subqueries:
                for fieldname, text, _boost in _alternatives(sub):
                    self._record_where(fieldname, self._btext(fieldname, text), docs, found)
        elif kind in (wq.Or, wq.And):
            for child in q.subqueries:
                self._collect_terms(child, docs, found)
        elif kind is not wq.DateRange and kind is not wq.Every:
            for fieldname, text in q.iter_all_terms():
                self._record_where(fieldname, self._btext(fieldname, text), docs, found)

    def _record_where(self, fieldname: str, btext: bytes | None, docs: np.ndarray, found: dict) -> None:
        if btext is None:
            return
        postings = self.state.term(fieldname, btext)
        self._record(docs[member(docs, postings.ids)], [(fieldname, btext)], found)

    @staticmethod
    def _record(docs: np.ndarray, terms: list, found: dict) -> None:
        for doc in docs.tolist():
            found[doc].extend(terms)


def _alternatives(q: wq.Query) -> list[tuple[str, object, float]] | None:
    """(fieldname, text, boost) of a Term, or of each Term of an Or of Terms; None for anything else."""
    if type(q) is wq.Term:
        return [(q.fieldname, q.text, q.boost)]
    if type(q) is wq.Or and q.boost == 1.0 and all(type(c) is wq.Term for c in q.subqueries):
        return [(c.fieldname, c.text, c.boost) for c in q.subqueries]
    return None
