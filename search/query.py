"""The query language turned into a Whoosh query over every language, with a record of how it was read."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time

from whoosh import query as wq

from archive.translit import has_kazakh_letters, is_latin, loose_key, to_cyrillic, to_latin
from indexer.aliases import Aliases, AliasGroup, content_words, load_aliases
from indexer.analysis import LANGUAGES, fold_spelling
from indexer.names import (
    NAMES_FIELD,
    TEXT,
    TITLE,
    concept_term,
    group_id,
    name_variants,
    read_name,
    terms_by_position,
    whole_terms,
)
from search import syntax
from search.dates import parse_date_range
from search.entities import ENTITY_FILTERS, entity_filter
from search.filters import check_source
from search.phrases import pattern_query
from search.status import STATUS_FIELD, status_filter
from search.syntax import MATCH_ALL, QueryError

__all__ = ["MATCH_ALL", "QueryError", "Understood", "parse_query", "understand"]

TITLE_BOOST = 3.0
LOOSE_BOOST = 0.5  # a match across alphabets counts, but less than the word itself
EXACT_BOOST = 1.0
_LANG_FIELDS = " or ".join(f"lang:{lang}" for lang in LANGUAGES)  # a hint: lang:ru or lang:kk or lang:en
# The terms of alias names per field analyzer, for Understood.alias_terms: every query naming a
# group would read its names again in each field (~80 readings, 1.5 ms). An entry keeps its
# analyzer alive, so that no other analyzer can take its id.
_NAME_TERMS_LIMIT = 20_000
_name_terms: dict[tuple[int, str], tuple[object, frozenset[str]]] = {}


@dataclass
class Understood:
    """A query as the engine read it: the Whoosh query and, for people, how each part was analysed."""

    text: str
    query: wq.Query
    lines: list[str] = field(default_factory=list)  # one per word, phrase, alias or filter
    aliases: list[str] = field(default_factory=list)  # "Астана → Астана | Нур-Султан | …"
    # The terms of the names of each alias group searched through the concept field, per field:
    # the query holds no terms of them to mark in a hit's text. Groups under a NOT are left out.
    alias_terms: dict[str, set[str]] = field(default_factory=dict)


class _Compiler:
    def __init__(
        self,
        schema,
        lang: str | None,
        exact: bool,
        aliases: Aliases | None,
        indexed_names: frozenset[str] | None = None,
        sources: frozenset[str] | None = None,
    ):
        self.schema = schema
        self.sources = sources  # the archive's sources, to refuse source:nosuch (None: unchecked)
        self.lang = lang
        self.langs = [lang] if lang else list(LANGUAGES)
        self.exact = exact
        self.aliases = aliases
        # Groups the index found in its articles (indexer.names): searched by their concept terms.
        self.indexed_names = indexed_names if NAMES_FIELD in schema else None
        self.lines: list[str] = []
        self.alias_lines: list[str] = []
        self.alias_terms: dict[str, set[str]] = {}
        self._negations = 0
        self._noted: set[tuple] = set()  # alias groups and scopes whose terms are in alias_terms
        # An alias group is expanded once per query and scope: "АНК OR APK OR …" names one group
        # several times, and each expansion is dozens of phrase queries.
        self._expansions: dict[tuple, wq.Query | None] = {}

    # -- the tree ------------------------------------------------------------------------------

    def compile(self, node: syntax.Node) -> wq.Query | None:
        if isinstance(node, syntax.And):
            return self._and(node.children)
        if isinstance(node, syntax.Or):
            return _any_of([self.compile(c) for c in node.children])
        if isinstance(node, syntax.Not):
            self._negations += 1
            try:
                inner = self.compile(node.child)
            finally:
                self._negations -= 1
            return wq.Not(inner) if inner is not None else None
        if isinstance(node, syntax.MatchAll):
            return wq.Every()
        if isinstance(node, syntax.Filter):  # person:, org:, region:, city: read by search.entities
            return entity_filter(node, self.lines) if node.name in ENTITY_FILTERS else self._filter(node)
        if isinstance(node, syntax.Phrase):
            group = None if node.exact or self.exact else self._alias_of(content_words(node.text))
            if group is not None:
                return self._alias(node.text, group, node.scope)
            return self._phrase(node)
        if not node.exact and not node.prefix:
            return self._and([node])  # a lone word may be an alias name too
        return self._word(node)

    def _and(self, children: list[syntax.Node]) -> wq.Query | None:
        children = self._with_aliases(children)
        compiled = (c if isinstance(c, wq.Query) else self._compile_part(c) for c in children)
        parts = [q for q in compiled if q is not None]
        if not parts:
            return None
        if all(isinstance(p, wq.Not) for p in parts):
            parts.insert(0, wq.Every())  # "-Алматы" alone: every article but those
        return wq.And(parts) if len(parts) > 1 else parts[0]

    def _compile_part(self, node: syntax.Node) -> wq.Query | None:
        return self._word(node) if isinstance(node, syntax.Word) else self.compile(node)

    def _with_aliases(self, children: list) -> list:
        """Runs of plain words that name an alias ("Ассамблея народа Казахстана") become its group."""
        if self.aliases is None or self.exact or not len(self.aliases):
            return children
        out: list = []
        run: list[syntax.Word] = []

        def flush() -> None:
            words = [content_words(w.text) for w in run]
            flat = [w for ws in words for w in ws]
            owners = [i for i, ws in enumerate(words) for _ in ws]
            taken: set[int] = set()
            replacements: dict[int, wq.Query] = {}
            for start, length, group in self.aliases.find(flat):
                first, last = owners[start], owners[start + length - 1]
                typed = " ".join(w.text for w in run[first : last + 1])
                replacements[first] = self._alias(typed, group, run[first].scope)
                taken.update(range(first, last + 1))
            for i, word in enumerate(run):
                if i in replacements:
                    out.append(replacements[i])
                elif i not in taken:
                    out.append(word)
            run.clear()

        for child in children:
            plain = isinstance(child, syntax.Word) and not (child.exact or child.prefix)
            if plain and (not run or run[-1].scope == child.scope):
                run.append(child)
                continue
            flush()
            if plain:
                run.append(child)
            else:
                out.append(child)
        flush()
        return out

    def _alias_of(self, words: list[str]) -> AliasGroup | None:
        if self.aliases is None or not words:
            return None
        return self.aliases.group_of(words)

    def _alias(self, typed: str, group: AliasGroup, scope: str | None) -> wq.Query | None:
        self.alias_lines.append(f"{typed} → " + " | ".join(group.names))
        self.lines.append(f"alias {typed!r} ({group.name}): " + " | ".join(group.names))
        key = (group.names, scope)
        gid = group_id(group.names)
        indexed = self.indexed_names is not None and gid in self.indexed_names
        if key not in self._expansions:
            if indexed:
                self._expansions[key] = self._concept(gid, scope)
            else:
                names = [variant for name in group.names for variant in name_variants(name)]
                parts = [self._phrase(syntax.Phrase(name, scope=scope), record=False) for name in names]
                self._expansions[key] = _any_of(parts)
        if indexed and not self._negations and key not in self._noted:
            self._noted.add(key)
            for fieldname, _ in self._fields(scope):
                terms = self.alias_terms.setdefault(fieldname, set())
                for name in group.names:
                    terms.update(self._name_terms(fieldname, name))
        return self._expansions[key]

    def _concept(self, gid: str, scope: str | None) -> wq.Query:
        """The articles naming the group where the phrases of its names would find it (indexer.names
        tagged them at indexing): a title match weighs as a title word does."""
        kinds = [TITLE] if scope == "title" else [TEXT] if scope == "text" else [TITLE, TEXT]
        terms = [
            wq.Term(NAMES_FIELD, concept_term(gid, kind), boost=TITLE_BOOST if kind == TITLE else 1.0)
            for kind in kinds
        ]
        query = terms[0] if len(terms) == 1 else wq.Or(terms)
        if self.lang:
            # The phrases would search this language's fields only, which only its articles have;
            # the concept term is on articles of every language. Scored 0: a filter, not a word.
            query = wq.And([query, wq.Term("lang", self.lang, boost=0.0)])
        return query

    def _name_terms(self, fieldname: str, name: str) -> frozenset[str]:
        """Every term of an alias name's phrase in a field (what indexer.names looks for there)."""
        analyzer = self.schema[fieldname].analyzer
        known = _name_terms.get((id(analyzer), name))
        if known is not None and known[0] is analyzer:
            return known[1]
        terms = whole_terms(read_name(analyzer, name))  # not a hyphenated word's parts: "Nur" of Nur Otan
        if len(_name_terms) >= _NAME_TERMS_LIMIT:
            _name_terms.clear()
        _name_terms[id(analyzer), name] = (analyzer, terms)
        return terms

    # -- words and phrases ---------------------------------------------------------------------

    def _fields(self, scope: str | None) -> list[tuple[str, float]]:
        kinds = [scope] if scope else ["title", "text"]
        fields = [(f"{k}_{lang}", TITLE_BOOST if k == "title" else 1.0) for lang in self.langs for k in kinds]
        if scope != "title":
            fields += [(f"loose_{lang}", LOOSE_BOOST) for lang in self.langs]
        return fields

    def _exact_fields(self, scope: str | None) -> list[tuple[str, float]]:
        kinds = [scope] if scope else ["title", "text"]
        return [(f"exact_{k}", TITLE_BOOST * EXACT_BOOST if k == "title" else EXACT_BOOST) for k in kinds]

    def _terms(self, fieldname: str, text: str, mode: str) -> list[frozenset[str]]:
        """The terms a field makes of `text`, grouped by position (as indexer.names reads alias names)."""
        return terms_by_position(self.schema[fieldname].analyzer, text, mode)

    def _word(self, word: syntax.Word) -> wq.Query | None:
        if word.prefix:
            return self._prefix(word)
        exact = word.exact or self.exact
        fields = self._exact_fields(word.scope) if exact else self._fields(word.scope)
        parts, seen = [], {}
        hyphenated = not exact and "-" in fold_spelling(word.text).strip("-")
        for fieldname, boost in fields:
            positions = self._terms(fieldname, word.text, "query")
            terms = sorted(set().union(*positions)) if positions else []
            if terms:
                seen[fieldname] = terms
                alternatives = [wq.Term(fieldname, t, boost=boost) for t in terms]
                parts.append(alternatives[0] if len(alternatives) == 1 else wq.Or(alternatives))
            if hyphenated:
                # "Усть-Каменогорск" finds "Усть Каменогорск" too: its parts as a phrase.
                apart = self._terms(fieldname, fold_spelling(word.text).replace("-", " "), "index")
                if len(apart) > 1:
                    parts.append(_sequence(fieldname, apart, None, boost))
        line = _describe(("=" if exact else "") + word.text, seen, word.scope)
        if hyphenated and seen:
            line += " (or its parts as a phrase)"
        self.lines.append(line + ("" if exact else _other_alphabet(word.text)))
        return wq.Or(parts) if parts else None

    def _prefix(self, word: syntax.Word) -> wq.Query:
        stem = fold_spelling(word.text.lower()).strip("-")
        fields = [f for f, _ in self._exact_fields(word.scope)]
        if not (word.exact or self.exact):
            fields += [f for f, _ in self._fields(word.scope) if not f.startswith("loose_")]
        parts = [wq.Prefix(f, stem) for f in fields]
        parts += [wq.Prefix(f"loose_{lang}", loose_key(stem)) for lang in self.langs if word.scope != "title"]
        self.lines.append(f"{word.text}*: words starting with {stem!r} (as written, as lemmas and stems)")
        return wq.Or(parts)

    def _phrase(self, phrase: syntax.Phrase, record: bool = True) -> wq.Query | None:
        exact = phrase.exact or self.exact
        fields = self._exact_fields(phrase.scope) if exact else self._fields(phrase.scope)
        parts, seen = [], {}
        for fieldname, boost in fields:
            # Index mode reads each word in context, as the article's words were read; a hyphenated
            # word matches whole or by all its parts, never by one.
            pattern = read_name(self.schema[fieldname].analyzer, phrase.text)
            if not pattern:
                continue
            seen[fieldname] = [" ".join("|".join(sorted(step[0][0])) for step in pattern)]
            parts.append(pattern_query(fieldname, pattern, phrase.slop, boost))
        if record:
            label = f'{"=" if exact else ""}"{phrase.text}"' + (f"~{phrase.slop}" if phrase.slop else "")
            self.lines.append(_describe(label, seen, phrase.scope))
        return wq.Or(parts) if parts else None

    # -- filters -------------------------------------------------------------------------------

    def _filter(self, node: syntax.Filter) -> wq.Query:
        value = node.value
        if node.name == STATUS_FIELD:
            return status_filter(value, self.lines)
        if node.name == "lang":
            if value.lower() not in LANGUAGES:
                raise QueryError("unknown language %(lang)r", "use %(langs)s", lang=value, langs=_LANG_FIELDS)
            self.lines.append(f"lang:{value.lower()}: only articles in that language")
            return wq.Term("lang", value.lower())
        if node.name == "source":
            if self.sources is not None:
                check_source(value, self.sources)
            self.lines.append(f"source:{value}: only articles from that source")
            return wq.Term("source", value)
        start, end = parse_date_range(value)
        self.lines.append(f"date:{value}: published {start or '…'} to {end or '…'}")
        return wq.DateRange(
            "published",
            datetime.combine(start, time.min) if start else None,
            datetime.combine(end, time.max) if end else None,
        )


def _any_of(parts: list[wq.Query | None]) -> wq.Query | None:
    """Or of `parts`, nested plain Ors flattened and repeats left out: names of one alias group often
    read alike in a field (the loose keys of "Астана" and "Astana"), and each repeat costs a search."""
    unique: dict[wq.Query, None] = {}
    for part in parts:
        if part is None:
            continue
        inner = part.subqueries if isinstance(part, wq.Or) and part.boost == 1.0 else [part]
        unique.update(dict.fromkeys(inner))
    if not unique:
        return None
    return wq.Or(list(unique)) if len(unique) > 1 else next(iter(unique))


def _sequence(fieldname: str, positions: list[set[str]], slop: int | None, boost: float) -> wq.Query:
    def at(terms: set[str]) -> wq.Query:
        ordered = sorted(terms)
        if len(ordered) == 1:
            return wq.Term(fieldname, ordered[0])
        return wq.Or([wq.Term(fieldname, t) for t in ordered])

    if len(positions) == 1:
        query = at(positions[0])
    elif slop is None and all(len(p) == 1 for p in positions):
        query = wq.Phrase(fieldname, [next(iter(p)) for p in positions])
    elif slop is None:
        query = wq.Sequence([at(p) for p in positions])
    else:
        query = wq.Sequence([at(p) for p in positions], slop=slop, ordered=False)
    query.boost = boost
    return query


def _other_alphabet(word: str) -> str:
    lowered = fold_spelling(word.lower())
    if is_latin(lowered):
        return f" (read as Kazakh: {to_cyrillic(lowered)})"
    if has_kazakh_letters(lowered) or lowered != to_latin(lowered):
        return f" (2021 Latin: {to_latin(lowered)})"
    return ""


def _describe(label: str, seen: dict[str, list[str]], scope: str | None) -> str:
    if not seen:
        return f"{label}: skipped (a function word, or nothing searchable)"
    by_terms: dict[str, list[str]] = {}
    for fieldname, terms in seen.items():
        by_terms.setdefault(", ".join(terms), []).append(fieldname)
    where = f" in {scope}s" if scope else ""
    return f"{label}{where}: " + "; ".join(f"{' '.join(fs)} → {t}" for t, fs in by_terms.items())


def understand(
    text: str,
    schema,
    lang: str | None = None,
    *,
    exact: bool = False,
    aliases: Aliases | None | bool = True,
    indexed_names: frozenset[str] | None = None,
    sources: frozenset[str] | None = None,
) -> Understood:
    """Read a query: the Whoosh query over every language's fields and a record of the reading.

    `exact` searches every word as written (no lemmas, stems or other alphabets); `aliases` is an
    Aliases (True: the bundled and environment's, False: none). `indexed_names`: the ids of the
    alias groups the index tagged its articles with (indexer.names.indexed_group_ids of the
    index's record); such a group is searched by its concept terms, any other by the phrases of
    all its names. `sources`: the archive's sources, when `source:` must name one of them.
    Raises QueryError, never anything else, for anything it cannot read.
    """
    tree = syntax.parse(text)
    if aliases is True:
        aliases = load_aliases()
    compiler = _Compiler(schema, lang, exact, aliases or None, indexed_names, sources)
    try:
        compiled = compiler.compile(tree)
    except QueryError:
        raise
    except (ValueError, KeyError, TypeError, RecursionError) as exc:  # a reading we did not foresee
        raise QueryError(f"cannot read query {text!r}: {exc}", "simplify the query") from exc
    if compiled is None:
        raise QueryError(
            "query %(query)r has no searchable words", "common words like 'и', 'the' are skipped", query=text
        )
    return Understood(text, compiled, compiler.lines, compiler.alias_lines, compiler.alias_terms)


def parse_query(text: str, schema, lang: str | None = None, **options) -> wq.Query:
    """Whoosh query for `text`; raises QueryError for malformed input or words that analyse to nothing."""
    return understand(text, schema, lang, **options).query
