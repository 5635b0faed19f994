"""Alias groups found in each article at indexing, kept as one concept term per group.

A query naming the Assembly ("Ассамблеи народа Казахстана", "АНК", "APK", …) used to become the
phrases of every name of its group in every analysed field: about sixty phrase queries whose
positions are checked article by article (seconds at 100k articles). Here each article's analysed
fields are searched for the same phrases once, when it is indexed, and the article gets the term
"<group id>@title" (a name in a title field) or "<group id>@text" (in a text or loose field) in the
concept field NAMES_FIELD. The query is then one or two term lookups.

The phrases looked for are the query's own: a name read by a field's analyzer in index mode, as
search.query builds the phrase (read_name is shared by both), and an article holds a name where a
term of each position stands at consecutive positions, which is how Whoosh's Phrase and Sequence
match. A name matches whole, never by one of its words: a hyphenated word stands by its whole
reading, or by all of its parts at its one position (where indexing puts them: "Нұр-Сұлтанда"
holds нұр and сұлтан there), never by one part ("Нур Отан" is not "Нур-Султан"); written apart
("Нур Султан") it is a phrase of its parts. So the concept term is on exactly the articles the
phrases match; tests/test_names.py checks it against the phrases on a real index.

The groups indexed are recorded beside the index (NameIndex.record(), read back by
NameIndex.from_record()): an update tags new articles with the same groups as the rebuild did, and
a query expands at query time a group the index does not hold (one the user added since).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable
from pathlib import Path

from whoosh.fields import KEYWORD, FieldType

from indexer.analysis import fold_spelling

NAMES_FIELD = "names"
RECORD_FILE = "apknews-names.json"  # in the index folder, beside the index meta
# 2: names match whole (a hyphenated word by all its parts, not one); an index tagged by version 1
# is searched by the phrases of the names until it is rebuilt.
RECORD_VERSION = 2
TITLE, TEXT = "title", "text"
# Fields the phrases of a name are looked for in, and where a match counts: exact_* fields are
# searched only by exact queries, which never expand aliases.
_KIND_OF_PREFIX = {"title_": TITLE, "text_": TEXT, "loose_": TEXT}

# A name as a field reads it: a Step per word, at consecutive positions; a Step is matched by any of
# its Alternatives; an Alternative is term sets that must all stand at the word's one position (the
# whole word's readings: one set; a hyphenated word's parts: a set per part).
Alternative = tuple[frozenset[str], ...]
Step = tuple[Alternative, ...]
Pattern = tuple[Step, ...]
TermPositions = dict[str, list[int]]  # one field of one document: term -> positions


def group_id(names: Iterable[str]) -> str:
    """A short, stable id of an alias group: the same names in any order give the same id."""
    digest = hashlib.sha1("\n".join(sorted(set(names))).encode("utf-8")).hexdigest()
    return digest[:12]


def concept_term(gid: str, kind: str) -> str:
    """The concept field's term for group `gid` found in a title (kind TITLE) or a text (TEXT)."""
    return f"{gid}@{kind}"


def names_field() -> FieldType:
    """The concept field's type: space-separated terms, repeated as often as the name occurs
    (see concept_value), with frequencies and lengths so that BM25 can score it."""
    return KEYWORD(scorable=True)


def field_kind(fieldname: str) -> str | None:
    """TITLE or TEXT for a field whose matches count as a name in the title or the text, else None."""
    for prefix, kind in _KIND_OF_PREFIX.items():
        if fieldname.startswith(prefix):
            return kind
    return None


def terms_by_position(analyzer, text: str, mode: str) -> list[frozenset[str]]:
    """The terms `analyzer` makes of `text` in `mode` ("index" or "query"), grouped by position."""
    by_position: dict[int, set[str]] = {}
    for token in analyzer(text, positions=True, mode=mode):
        by_position.setdefault(token.pos, set()).add(token.text)
    return [frozenset(by_position[p]) for p in sorted(by_position)]


def read_name(analyzer, text: str) -> Pattern:
    """How a phrase or a name is found whole by `analyzer`'s field, each word read in index mode as the
    article's words were read: by the whole word's terms, or a hyphenated word by the terms of all
    its parts at its position, never by one part. Empty when the text is only function words."""
    by_position: dict[int, list[tuple[int, str]]] = {}
    # Folded first: the parts' offsets then stand in the text as read (a soft hyphen would shift them).
    for token in analyzer(fold_spelling(text), positions=True, chars=True, mode="index"):
        by_position.setdefault(token.pos, []).append((token.startchar, token.endchar, token.text))
    steps = []
    for pos in sorted(by_position):
        tokens = by_position[pos]
        widest = max(end - start for start, end, _ in tokens)
        whole = frozenset(term for start, end, term in tokens if end - start == widest)
        parts: dict[tuple[int, int], set[str]] = {}
        for start, end, term in tokens:
            if end - start < widest:
                parts.setdefault((start, end), set()).add(term)
        alternatives: list[Alternative] = [(whole,)]
        if len(parts) > 1:
            alternatives.append(tuple(frozenset(parts[span]) for span in sorted(parts)))
        steps.append(tuple(alternatives))
    return tuple(steps)


def whole_terms(pattern: Pattern) -> frozenset[str]:
    """The terms of a pattern's whole words (what a hit's text marks of a name it matched)."""
    return frozenset().union(*(step[0][0] for step in pattern))


def name_variants(name: str) -> list[str]:
    """A name as written, and with its hyphens as spaces when it has any ("Нур Султан")."""
    apart = re.sub(r"(?<=\w)-(?=\w)", " ", fold_spelling(name))
    return [name, apart] if apart != fold_spelling(name) else [name]


def name_patterns(schema, fieldname: str, name: str) -> list[Pattern]:
    """The patterns of a name's variants in `fieldname` (none when it is only function words)."""
    read = (read_name(schema[fieldname].analyzer, variant) for variant in name_variants(name))
    return [pattern for pattern in dict.fromkeys(read) if pattern]


class NameIndex:
    """The alias groups an index holds, and their names' patterns in each analysed field of `schema`."""

    def __init__(self, groups: Iterable[tuple[str, Iterable[str]]], schema):
        """`groups`: (label, names) pairs; groups with the same names are one group."""
        self.groups: dict[str, tuple[str, tuple[str, ...]]] = {}
        for label, names in groups:
            names = tuple(dict.fromkeys(names))
            self.groups.setdefault(group_id(names), (label, names))
        self.fields = [name for name in schema.names() if field_kind(name)]
        self._patterns: dict[tuple[str, str], list[Pattern]] = {}
        # Per field: the terms a name's first word may start with (its whole readings, its first
        # part's), and for each such term the (concept term, pattern) pairs to check. Looking up
        # these few terms in a document's term table is all a document without any name costs.
        self._starts: dict[str, tuple[frozenset[str], dict[str, list[tuple[str, Pattern]]]]] = {}
        for fieldname in self.fields:
            kind = field_kind(fieldname)
            by_first: dict[str, list[tuple[str, Pattern]]] = {}
            for gid, (_, names) in self.groups.items():
                patterns = list(
                    dict.fromkeys(p for name in names for p in name_patterns(schema, fieldname, name))
                )
                self._patterns[gid, fieldname] = patterns
                for pattern in patterns:
                    for term in {t for alternative in pattern[0] for t in alternative[0]}:
                        entries = by_first.setdefault(term, [])
                        if (concept_term(gid, kind), pattern) not in entries:
                            entries.append((concept_term(gid, kind), pattern))
            self._starts[fieldname] = (frozenset(by_first), by_first)

    @classmethod
    def of_aliases(cls, aliases, schema) -> NameIndex:
        """The groups of a indexer.aliases.Aliases (what load_aliases(data_dir) gives)."""
        return cls(((group.name, group.names) for group in aliases.groups), schema)

    @classmethod
    def from_record(cls, record: dict, schema) -> NameIndex:
        """The groups a record() kept, for the same analyzers (the schema version guards those)."""
        return cls(((g["name"], g["names"]) for g in record_groups(record)), schema)

    @property
    def ids(self) -> frozenset[str]:
        return frozenset(self.groups)

    def record(self) -> dict:
        """A JSON-able record of the groups: what the index keeps so that updates use the same."""
        groups = [
            {"id": gid, "name": label, "names": list(names)} for gid, (label, names) in self.groups.items()
        ]
        return {"version": RECORD_VERSION, "groups": groups}

    def patterns(self, gid: str, fieldname: str) -> list[Pattern]:
        """The distinct patterns of group `gid`'s names in `fieldname`."""
        return self._patterns.get((gid, fieldname), [])

    def names_in(self, field_terms: dict[str, TermPositions]) -> dict[str, int]:
        """The concept terms of the groups named in one document, each with how often it is named.

        `field_terms`: the document's fields as {fieldname: {term: [positions]}} (what
        indexer.field_terms.FieldReading.terms() gives); fields without patterns are passed over.
        A name counts where the phrase query would match it. The count of "<gid>@title" is the
        number of places a name of the group starts in the title field; of "<gid>@text", the
        most in any one text or loose field (the loose field repeats the title and the text in
        other spellings, so adding them up would count one mention several times).
        """
        found: dict[str, int] = {}
        for fieldname, terms in field_terms.items():
            starts = self._starts.get(fieldname)
            if starts is None:
                continue
            first_terms, by_first = starts
            # The smaller side is iterated, the other looked up (a title has fewer terms than that).
            present = (
                first_terms.intersection(terms)
                if len(terms) < len(first_terms)
                else terms.keys() & first_terms
            )
            if not present:
                continue
            places: dict[str, set[int]] = {}
            at: dict = {}  # a term set, an alternative or a step -> where it stands in this field
            checked: set[tuple[str, Pattern]] = set()
            for term in present:
                for key, pattern in by_first[term]:
                    if (key, pattern) in checked:
                        continue
                    checked.add((key, pattern))
                    matched = _pattern_starts(terms, pattern, at)
                    if matched:
                        places.setdefault(key, set()).update(matched)
            for key, where in places.items():
                if len(where) > found.get(key, 0):
                    found[key] = len(where)
        return found


def _pattern_starts(terms: TermPositions, pattern: Pattern, at: dict) -> set[int]:
    """The positions where `pattern` begins in a field's `terms`: its first step there, each later
    step at the next position in turn."""
    starts = _step_positions(terms, pattern[0], at)
    for offset, step in enumerate(pattern[1:], start=1):
        if not starts:
            break
        later = _step_positions(terms, step, at)
        starts = {p for p in starts if p + offset in later}
    return starts


def _step_positions(terms: TermPositions, step: Step, at: dict) -> set[int]:
    """Where any alternative of `step` holds: every term set of the alternative at one position."""
    found = at.get(step)
    if found is None:
        found = set()
        for alternative in step:
            held = None
            for term_set in alternative:
                here = at.get(term_set)
                if here is None:
                    here = at[term_set] = {p for term in term_set for p in terms.get(term, ())}
                held = set(here) if held is None else held & here
                if not held:
                    break
            found |= held or set()
        at[step] = found
    return found


def concept_value(found: dict[str, int]) -> str:
    """The concept field's value for names_in()'s result: each term repeated by its count."""
    return " ".join(term for term in sorted(found) for _ in range(found[term]))


def record_groups(record: dict) -> list[dict]:
    """The groups of a record; ValueError if it is not one this version wrote."""
    if not isinstance(record, dict) or record.get("version") != RECORD_VERSION:
        raise ValueError(f"not an alias-group record of version {RECORD_VERSION}")
    return list(record["groups"])


def indexed_group_ids(record: dict | None) -> frozenset[str] | None:
    """The ids of the groups a record holds (for search.query.understand's indexed_names), or None
    when there is no usable record: then every alias is expanded at query time."""
    if record is None:
        return None
    try:
        return frozenset(str(g["id"]) for g in record_groups(record))
    except (ValueError, KeyError, TypeError):
        return None


def write_record(index_dir: Path, record: dict) -> None:
    """Keep `record` in the index folder (replacing the last one at once)."""
    tmp = Path(index_dir) / (RECORD_FILE + ".tmp")
    tmp.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, Path(index_dir) / RECORD_FILE)


def read_record(index_dir: Path) -> dict | None:
    """The record kept in the index folder, or None if there is none (an index built before) or it
    was written by another version (its articles tagged otherwise: searched by phrases until the
    next rebuild, and not tagged by updates)."""
    try:
        record = json.loads((Path(index_dir) / RECORD_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) and record.get("version") == RECORD_VERSION else None
