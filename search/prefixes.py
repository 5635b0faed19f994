"""Prefixes bounded by what they expand to: `ас*` stands for its most frequent indexed words, not all.

Whoosh expands a Prefix into a Term for every indexed word it starts (MultiTerm.simplify), and so
did our evaluation: on 100k articles a two-letter prefix starts thousands of words in each field,
each a posting list to read. Here each prefix of a query is expanded once, against the open index,
into its words of most documents, as many as a budget holds (posting lists and postings read,
shared by the query's prefixes); a prefix that stands for fewer words than it starts says so in a
PrefixNote, which search results carry. Listing a prefix's words costs too: a query whose prefixes
start more than SCAN_WORDS indexed words is refused.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from dataclasses import dataclass, field, replace

from whoosh import query as wq

from indexer.whoosh_format import prefix_frequencies
from search.query import Understood
from search.syntax import QueryError

# Measured at 100k articles (bench/, hostile queries): the work is in the postings read, ~1-1.5 µs
# each the first time while whoosh3's posting blocks were unpickled whole (their ids and weights are
# now read with numpy: indexer/whoosh_format/block_reader.py), and in the posting lists, ~0.3 ms each
# cold; the lists must also fit the posting cache (search.evaluation_cache, 8M postings) to be read
# once. A whole word's prefix (ассамбл*: 45 words, 460k postings) is kept whole; what the
# prefixes of a query may read is shared evenly between them.
PREFIX_WORDS = 1000  # words a prefix stands for at most
QUERY_TERMS = 3000  # posting lists (a word in a field) all the prefixes of a query read at most
QUERY_POSTINGS = 1_000_000  # postings (a word's documents in a field) they read at most
SCAN_WORDS = 200_000  # indexed words listed (to rank them) for one query at most: ~1 µs each
KEPT_WORDS = 250_000  # words of listed prefixes kept between queries (~30 MB)
LOOSE_PREFIX = "loose_"  # fields of loose keys: another alphabet of the same words, bounded alike


@dataclass(frozen=True)
class PrefixNote:
    """A prefix that stands for the `kept` most frequent of the `found` words starting with `stem`."""

    stem: str
    kept: int
    found: int

    def __str__(self) -> str:
        return (
            f"{self.stem}* stands for the {self.kept:,} most frequent of {self.found:,} words "
            f"starting with {self.stem}; type more letters"
        )

    def to_dict(self) -> dict:
        return {"prefix": f"{self.stem}*", "kept": self.kept, "found": self.found, "note": str(self)}


@dataclass
class Bounded(Understood):
    """A query as understood, its prefixes expanded against the open index."""

    prefixes: list[PrefixNote] = field(default_factory=list)  # each prefix that lost words


def bounded(understood: Understood, reader) -> Bounded:
    """`understood` with its prefixes bounded against `reader` (see bound_prefixes)."""
    q, notes = bound_prefixes(understood.query, reader)
    return Bounded(**vars(replace(understood, query=q)), prefixes=notes)


def bound_prefixes(q: wq.Query, reader) -> tuple[wq.Query, list[PrefixNote]]:
    """`q` with each Prefix replaced by an Or of Terms of its most frequent words (a Prefix scores as
    that Or of all its words), and a note per prefix that lost words."""
    groups: dict[tuple[bool, str], list[wq.Prefix]] = {}
    for node in _prefix_nodes(q):
        groups.setdefault((node.fieldname.startswith(LOOSE_PREFIX), node.text), []).append(node)
    if not groups:
        return q, []
    budget = _Budget(PREFIX_WORDS, QUERY_TERMS // len(groups), QUERY_POSTINGS // len(groups))
    replaced: dict[int, wq.Query] = {}  # by the Prefix node's id
    notes, scanned = [], 0
    for (loose, stem), nodes in sorted(groups.items()):
        fields = sorted({node.fieldname for node in nodes})
        frequencies = {field: _kept.get(reader, field, stem) for field in fields}
        scanned += sum(map(len, frequencies.values()))
        if scanned > SCAN_WORDS:
            raise QueryError(
                "the prefixes of this query start more than %(count)s indexed words",
                "type more letters before each *, or use fewer prefixes",
                count=f"{SCAN_WORDS:,}",
            )
        kept = _most_frequent(frequencies, budget)
        found = len({word for words in frequencies.values() for word in words})
        if len(kept) < found and not loose:
            notes.append(PrefixNote(stem, len(kept), found))
        # One query per field and stem: "ас* ас* …" is evaluated once, however often it is typed.
        by_field = {}
        for node in nodes:
            key = (node.fieldname, node.boost)
            if key not in by_field:
                by_field[key] = _terms_of(reader.schema, node, frequencies[node.fieldname], kept)
            replaced[id(node)] = by_field[key]
    return _rewrite(q, replaced, {}), notes


def _prefix_nodes(q: wq.Query):
    if type(q) is wq.Prefix and q.text:
        yield q
    elif type(q) in (wq.And, wq.Or, wq.Not):
        for child in q.children():
            yield from _prefix_nodes(child)


class _KeptFrequencies:
    """Word counts of prefixes kept between queries for each open reader (a warm "ка* OR ко* OR …"
    spent most of its time listing the words again), bounded by the words kept."""

    def __init__(self, limit: int):
        self.limit = limit
        self.words = 0
        self.entries: OrderedDict = OrderedDict()  # (id of reader, fieldname, stem) -> (weakref, counts)
        self.lock = threading.Lock()

    def get(self, reader, fieldname: str, stem: str) -> dict[bytes, int]:
        key = (id(reader), fieldname, stem)
        with self.lock:
            kept = self.entries.get(key)
            if kept is not None and kept[0]() is reader:
                self.entries.move_to_end(key)
                return kept[1]
        counts = _frequencies(reader, fieldname, stem)
        with self.lock:
            replaced = self.entries.pop(key, None)
            self.words += len(counts) - (len(replaced[1]) if replaced else 0)
            self.entries[key] = (weakref.ref(reader), counts)
            while self.words > self.limit and self.entries:
                _, (_, dropped) = self.entries.popitem(last=False)
                self.words -= len(dropped)
        return counts


_kept = _KeptFrequencies(KEPT_WORDS)


def _frequencies(reader, fieldname: str, stem: str) -> dict[bytes, int]:
    """Documents per word of the field starting with `stem`, summed over the index's segments."""
    if fieldname not in reader.schema:
        return {}
    counts: dict[bytes, int] = {}
    start = reader.schema[fieldname].to_bytes(stem)
    for leaf, _base in reader.leaf_readers():
        found = prefix_frequencies(leaf, fieldname, start)
        if found is None:  # another Whoosh than the tested one: its own reader
            found = {word: info.doc_frequency() for word, info in leaf.iter_prefix(fieldname, start)}
        for word, count in found.items():
            if word:
                counts[word] = counts.get(word, 0) + count
    return counts


@dataclass(frozen=True)
class _Budget:
    words: int
    terms: int
    postings: int


def _most_frequent(frequencies: dict[str, dict[bytes, int]], budget: _Budget) -> set[bytes]:
    """The words of most documents over the fields, as many as the budget holds (the first always);
    ties alphabetical, for the same answer every time."""
    documents: dict[bytes, int] = {}
    fields: dict[bytes, int] = {}
    for counts in frequencies.values():
        for word, count in counts.items():
            documents[word] = documents.get(word, 0) + count
            fields[word] = fields.get(word, 0) + 1
    kept: set[bytes] = set()
    terms, postings = budget.terms, budget.postings
    for word in sorted(documents, key=lambda word: (-documents[word], word))[: budget.words]:
        terms -= fields[word]
        postings -= documents[word]
        if kept and (terms < 0 or postings < 0):
            break
        kept.add(word)
    return kept


def _terms_of(schema, node: wq.Prefix, counts: dict[bytes, int], kept: set[bytes]) -> wq.Query:
    schema_field = schema[node.fieldname]
    terms = [
        wq.Term(node.fieldname, schema_field.from_bytes(w), boost=node.boost)
        for w in sorted(counts)
        if w in kept
    ]
    if not terms:
        return wq.NullQuery
    return terms[0] if len(terms) == 1 else wq.Or(terms)


def _rewrite(q: wq.Query, replaced: dict[int, wq.Query], made: dict[wq.Query, wq.Query]) -> wq.Query:
    """`q` with the replaced nodes; a node made anew is the one made before when equal to it (the
    evaluation keeps each node's matches by identity)."""
    if id(q) in replaced:
        return replaced[id(q)]
    if type(q) is wq.Not:
        inner = _rewrite(q.query, replaced, made)
        new = q if inner is q.query else wq.Not(inner)
    elif type(q) in (wq.And, wq.Or):
        children = [_rewrite(child, replaced, made) for child in q.subqueries]
        if all(new is old for new, old in zip(children, q.subqueries, strict=True)):
            return q
        new = type(q)(_repeats_weighed(children), boost=q.boost)
    else:
        return q
    return made.setdefault(new, new)


def _repeats_weighed(children: list[wq.Query]) -> list[wq.Query]:
    """A part repeated k times (one node now: "ас* ас* …") once, its score times k, as the k
    repeats summed it: evaluated and searched for matched terms once, not k times."""
    counts: dict[int, int] = {}
    for child in children:
        counts[id(child)] = counts.get(id(child), 0) + 1
    if len(counts) == len(children):
        return children
    once = {id(child): child for child in children}.values()
    return [child if counts[id(child)] == 1 else wq.Or([child], boost=counts[id(child)]) for child in once]
