"""The web page's query parameters: read from the URL, checked (400 when bad), and written back into links."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from urllib.parse import urlencode

from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import BadRequest

from search.filters import FilterError, Filters
from web.i18n import UI_LANGUAGES, UI_PARAM

SORTS = ("relevance", "date")
SPLITS = ("lang", "source")
PER_PAGE = 20
MAX_PAGE = 500  # deeper pages cost a search of page × PER_PAGE hits; exports serve those readers
MAX_QUERY_CHARS = 500


class BadParameter(BadRequest):
    """A parameter the page cannot use; the 400 page says which and why."""

    def __init__(self, name: str, why: str, hint: str = ""):
        super().__init__(f"parameter {name!r}: {why}" + (f" (hint: {hint})" if hint else ""))
        self.parameter = name
        self.why = why
        self.hint = hint


_FILTER_FIELDS = {f.name for f in fields(Filters)}


@dataclass(frozen=True)
class SearchParams:
    q: str = ""
    filters: Filters = field(default_factory=Filters)
    sort: str = "relevance"
    page: int = 1
    split: str = "lang"
    ui: str = ""  # the page's language when the address chose it: kept in every link, not a search's
    fold: bool = True  # reposts folded under their story (fold=0: every copy listed)

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
        try:
            filters = Filters.from_params({name: arg(name) for name in Filters.PARAMS.values()})
        except FilterError as exc:
            raise BadParameter(exc.name, exc.message, exc.hint) from exc
        sort = arg("sort") or "relevance"
        if sort not in SORTS:
            raise BadParameter("sort", f"use one of {', '.join(SORTS)}")
        page = _page(arg("page"))
        split = arg("split") or "lang"
        if split not in SPLITS:
            raise BadParameter("split", f"use one of {', '.join(SPLITS)}")
        ui = args.get(UI_PARAM, "").strip().lower()
        fold = arg("fold")
        if fold not in ("", "0", "1"):
            raise BadParameter("fold", "use 0 (every copy listed) or 1 (reposts folded, the default)")
        return cls(q, filters, sort, page, split, ui if ui in UI_LANGUAGES else "", fold != "0")

    @property
    def offset(self) -> int:
        return (self.page - 1) * PER_PAGE

    def query_string(self, **changes) -> str:
        """These parameters with `changes` applied (a filter's too: lang=None drops the language), as a
        query string; defaults are left out."""
        filter_changes = {name: changes.pop(name) for name in _FILTER_FIELDS & set(changes)}
        params = replace(self, filters=replace(self.filters, **filter_changes), **changes)
        pairs = [
            ("q", params.q),
            *params.filters.to_params().items(),
            ("sort", params.sort if params.sort != "relevance" else None),
            ("page", str(params.page) if params.page != 1 else None),
            ("split", params.split if params.split != "lang" else None),
            ("fold", None if params.fold else "0"),
            (UI_PARAM, params.ui),
        ]
        return urlencode([(k, v) for k, v in pairs if v])

    def to_dict(self) -> dict:
        return {
            "q": self.q,
            **self.filters.to_params(),
            "sort": self.sort,
            "page": self.page,
            "split": self.split,
            "fold": self.fold,
        }


def _page(value: str) -> int:
    if not value:
        return 1
    if not (value.isascii() and value.isdigit()) or not 1 <= int(value) <= MAX_PAGE:
        raise BadParameter("page", f"a whole number from 1 to {MAX_PAGE}")
    return int(value)
