"""Filters: the language, source, publication dates and named entities a search, a timeline or an export
keeps to."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, fields
from datetime import date, datetime, time
from typing import ClassVar

from whoosh import query as wq

from archive.store.checks import STATUSES
from indexer.analysis import LANGUAGES
from search.dates import date_bound
from search.entities import ENTITY_PARAMS, entity_query, normal_value
from search.syntax import QueryError

_SOURCE_NAME = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")
_SOURCE_HINT = "a source name has only letters, digits, '-', '_' and '.'"


class FilterError(QueryError):
    """A filter no search can use; `name` is its parameter as the user writes it (lang, source, from, to)."""

    def __init__(self, name: str, message: str, hint: str = "", **params):
        super().__init__(message, hint, **params)
        self.name = name


@dataclass(frozen=True)
class Filters:
    """Only articles in `lang`, from `source`, published from `date_from` to `date_to` (both days
    included), naming the `person`, `org`, `region` or `city` (search.entities: a place by any of its
    spellings, kept as its normal name); None leaves a filter open. Raises FilterError for a value no
    article can have."""

    lang: str | None = None
    source: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    person: str | None = None
    org: str | None = None
    region: str | None = None
    city: str | None = None
    status: str | None = None  # what re-checks found of the page (archive.store.checks.STATUSES)

    # Each filter's name as a user writes it: `--from` on the command line, `?from=` on the web page.
    PARAMS: ClassVar[dict[str, str]] = {
        "lang": "lang",
        "source": "source",
        "date_from": "from",
        "date_to": "to",
        **{name: name for name in ENTITY_PARAMS},
        "status": "status",
    }

    def __post_init__(self) -> None:
        for name in ("lang", "source", "status"):
            if getattr(self, name) == "":  # an untouched form field
                object.__setattr__(self, name, None)
        for name in ENTITY_PARAMS:
            value = getattr(self, name)
            try:
                # An untouched form field is no filter; a place is kept as its normal name.
                object.__setattr__(self, name, normal_value(name, value) if value and value.strip() else None)
            except QueryError as exc:
                raise FilterError(name, exc.message_id, exc.hint_id, **exc.params) from exc
        if self.lang is not None and self.lang not in LANGUAGES:
            raise FilterError(
                "lang",
                "unknown language %(lang)r",
                "use one of: %(langs)s",
                lang=self.lang,
                langs=", ".join(LANGUAGES),
            )
        if self.status is not None and self.status not in STATUSES:
            statuses = ", ".join(STATUSES)
            raise FilterError(
                "status",
                "unknown status %(status)r",
                "a status is one of %(statuses)s",
                status=self.status,
                statuses=statuses,
            )
        if self.source is not None and not _SOURCE_NAME.match(self.source):
            raise FilterError("source", "%(source)r is not a source name", _SOURCE_HINT, source=self.source)
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise FilterError(
                "from",
                "the start date %(start)s is after the end date %(end)s",
                "swap the two dates",
                start=self.date_from,
                end=self.date_to,
            )

    @classmethod
    def from_params(cls, values: Mapping[str, str]) -> Filters:
        """Filters from text as a user writes it: {"lang": "ru", "from": "2021-01-01", ...}; a missing
        or empty value leaves that filter open. A date is YYYY-MM-DD, DD.MM.YYYY, YYYY-MM or YYYY: a
        month or a year stands for its whole span (to=2021 is to 2021-12-31)."""
        given = {field: values.get(param) or None for field, param in cls.PARAMS.items()}
        given["date_from"] = _day(given["date_from"], cls.PARAMS["date_from"], first=True)
        given["date_to"] = _day(given["date_to"], cls.PARAMS["date_to"], first=False)
        return cls(**given)

    @classmethod
    def from_dict(cls, data: Mapping) -> Filters:
        """Filters from to_dict()'s form (dates as dates or ISO text); other keys are ignored."""
        given = {f.name: data.get(f.name) for f in fields(cls)}
        for field in ("date_from", "date_to"):
            if isinstance(given[field], str):
                given[field] = _day(given[field], cls.PARAMS[field], first=field == "date_from")
        return cls(**given)

    def to_dict(self) -> dict:
        """The filters with dates as ISO text, open ones as None (an export's metadata lists them so)."""
        return {f.name: _text(getattr(self, f.name)) for f in fields(self)}

    def to_params(self) -> dict[str, str | None]:
        """The filters as from_params() reads them: lang, source, from, to."""
        return {param: _text(getattr(self, field)) for field, param in self.PARAMS.items()}

    def check_source(self, known: Collection[str]) -> None:
        """FilterError when the source filter names no source of the archive (`known`: those it holds)."""
        if self.source is not None:
            check_source(self.source, known)

    def restriction(self) -> wq.Query | None:
        """The index query that keeps only the articles these filters let through, None for no filter."""
        parts: list[wq.Query] = []
        if self.lang:
            parts.append(wq.Term("lang", self.lang))
        if self.source:
            parts.append(wq.Term("source", self.source))
        if self.date_from or self.date_to:
            start = datetime.combine(self.date_from, time.min) if self.date_from else None
            end = datetime.combine(self.date_to, time.max) if self.date_to else None
            parts.append(wq.DateRange("published", start, end))
        parts += [entity_query(name, getattr(self, name)) for name in ENTITY_PARAMS if getattr(self, name)]
        if self.status:
            parts.append(wq.Term("status", self.status))
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else wq.And(parts)


def check_source(name: str, known: Collection[str]) -> None:
    """FilterError unless `name` is one of `known`, the sources the archive holds; the hint names them."""
    if name in known:
        return
    hint = "its sources are %(sources)s" if known else "it holds no articles yet"
    raise FilterError(
        "source", "no source %(source)r in the archive", hint, source=name, sources=", ".join(sorted(known))
    )


def _day(text: str | None, name: str, first: bool) -> date | None:
    if not text:
        return None
    try:
        return date_bound(text, first)
    except QueryError as exc:
        raise FilterError(name, exc.message_id, exc.hint_id, **exc.params) from exc


def _text(value) -> str | None:
    return value.isoformat() if isinstance(value, date) else value
