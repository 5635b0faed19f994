"""The query language: what a user types, checked and turned into a Whoosh query over every language."""

from __future__ import annotations

from datetime import date, datetime, time

from whoosh import qparser
from whoosh import query as wq

from indexer.index import text_fields

TITLE_BOOST = 3.0
MATCH_ALL = "*"


class QueryError(ValueError):
    """A query that cannot be understood; `hint` says how to fix it."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} (hint: {self.hint})" if self.hint else self.message


def _check_syntax(text: str) -> None:
    if not text.strip():
        raise QueryError("empty query", f"type some words, or {MATCH_ALL} for every article")
    if text.count('"') % 2:
        raise QueryError(
            f"unbalanced quote in query {text!r}",
            'close the phrase with a second " or remove the quote',
        )
    depth = 0
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            raise QueryError(f"unexpected ')' in query {text!r}", "remove it or add a '(' before")
    if depth:
        raise QueryError(f"unclosed '(' in query {text!r}", "add the missing ')'")


def make_parser(schema, lang: str | None = None) -> qparser.QueryParser:
    """A parser that searches titles (boosted) and texts of every language, words ANDed."""
    fields = text_fields(lang)
    boosts = {f: TITLE_BOOST for f in fields if f.startswith("title_")}
    parser = qparser.MultifieldParser(fields, schema, fieldboosts=boosts, group=qparser.AndGroup)
    parser.add_plugin(qparser.PlusMinusPlugin())
    # Field names of the index are internal (title_ru ...); user-facing fields come later.
    parser.remove_plugin_class(qparser.FieldsPlugin)
    return parser


def parse_query(text: str, schema, lang: str | None = None) -> wq.Query:
    """Whoosh query for `text`; raises QueryError for malformed input or words that analyse to nothing."""
    _check_syntax(text)
    if text.strip() == MATCH_ALL:
        return wq.Every()
    try:
        parsed = make_parser(schema, lang).parse(text)
    except Exception as exc:  # Whoosh raises assorted types for odd input
        raise QueryError(f"cannot parse query {text!r}: {exc}", "simplify the query") from exc
    if parsed is wq.NullQuery:
        raise QueryError(
            f"query {text!r} has no searchable words", "common words like 'и', 'the' are skipped"
        )
    return parsed


def make_filter(
    lang: str | None = None,
    source: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> wq.Query | None:
    """Restriction by language, source and publication date (inclusive), or None for none."""
    parts: list[wq.Query] = []
    if lang:
        parts.append(wq.Term("lang", lang))
    if source:
        parts.append(wq.Term("source", source))
    if date_from or date_to:
        if date_from and date_to and date_from > date_to:
            raise QueryError(f"--from {date_from} is after --to {date_to}", "swap the two dates")
        start = datetime.combine(date_from, time.min) if date_from else None
        end = datetime.combine(date_to, time.max) if date_to else None
        parts.append(wq.DateRange("published", start, end))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else wq.And(parts)
