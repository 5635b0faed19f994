"""The web page's query parameters: read from the URL, checked (400 when bad), and written back into links."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from urllib.parse import urlencode

from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import BadRequest

LANGS = ("ru", "kk", "en")
SORTS = ("relevance", "date")
SPLITS = ("lang", "source")
PER_PAGE = 20
MAX_PAGE = 500  # deeper pages cost a search of page × PER_PAGE hits; exports serve those readers
MAX_QUERY_CHARS = 500
_SOURCE_NAME = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")


class BadParameter(BadRequest):
    """A parameter the page cannot use; the 400 page says which and why."""

    def __init__(self, name: str, why: str):
        super().__init__(f"parameter {name!r}: {why}")
        self.parameter = name
        self.why = why


@dataclass(frozen=True)
class SearchParams:
    q: str = ""
    lang: str | None = None
    source: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    sort: str = "relevance"
    page: int = 1
    split: str = "lang"

    @classmethod
    def from_args(cls, args: MultiDict) -> SearchParams:
        """Parameters from a query string; empty values (an untouched form field) count as absent."""

        def arg(name: str) -> str:
            values = args.getlist(name)
            if len(values) > 1:
                raise BadParameter(name, "given more than once")
            return values[0].strip() if values else ""

        q = arg("q")
        if len(q) > MAX_QUERY_CHARS:
            raise BadParameter("q", f"longer than {MAX_QUERY_CHARS} characters")
        lang = arg("lang") or None
        if lang and lang not in LANGS:
            raise BadParameter("lang", f"use one of {', '.join(LANGS)}")
        source = arg("source") or None
        if source and not _SOURCE_NAME.match(source):
            raise BadParameter("source", "a source name has only letters, digits, '-', '_' and '.'")
        date_from, date_to = _date(arg("from"), "from"), _date(arg("to"), "to")
        if date_from and date_to and date_from > date_to:
            raise BadParameter("from", f"{date_from} is after 'to' {date_to}")
        sort = arg("sort") or "relevance"
        if sort not in SORTS:
            raise BadParameter("sort", f"use one of {', '.join(SORTS)}")
        page = _page(arg("page"))
        split = arg("split") or "lang"
        if split not in SPLITS:
            raise BadParameter("split", f"use one of {', '.join(SPLITS)}")
        return cls(q, lang, source, date_from, date_to, sort, page, split)

    @property
    def offset(self) -> int:
        return (self.page - 1) * PER_PAGE

    def filters(self) -> dict:
        """Keyword arguments for search(), iter_hits() and count_over_time()."""
        return {
            "lang": self.lang,
            "source": self.source,
            "date_from": self.date_from,
            "date_to": self.date_to,
        }

    def query_string(self, **changes) -> str:
        """These parameters with `changes` applied, as a query string; defaults are left out."""
        params = replace(self, **changes) if changes else self
        pairs = [
            ("q", params.q),
            ("lang", params.lang),
            ("source", params.source),
            ("from", params.date_from.isoformat() if params.date_from else None),
            ("to", params.date_to.isoformat() if params.date_to else None),
            ("sort", params.sort if params.sort != "relevance" else None),
            ("page", str(params.page) if params.page != 1 else None),
            ("split", params.split if params.split != "lang" else None),
        ]
        return urlencode([(k, v) for k, v in pairs if v])

    def to_dict(self) -> dict:
        return {
            "q": self.q,
            "lang": self.lang,
            "source": self.source,
            "from": self.date_from.isoformat() if self.date_from else None,
            "to": self.date_to.isoformat() if self.date_to else None,
            "sort": self.sort,
            "page": self.page,
            "split": self.split,
        }


def _date(value: str, name: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value) if len(value) == 10 else _bad_date(name)
    except ValueError:
        return _bad_date(name)


def _bad_date(name: str):
    raise BadParameter(name, "a date is written YYYY-MM-DD, e.g. 2021-09-29")


def _page(value: str) -> int:
    if not value:
        return 1
    if not (value.isascii() and value.isdigit()) or not 1 <= int(value) <= MAX_PAGE:
        raise BadParameter("page", f"a whole number from 1 to {MAX_PAGE}")
    return int(value)
