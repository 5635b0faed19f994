"""Error messages in the page's language: search and the page word their errors in English (the JSON
twins and the CLI keep that wording); an HTML page shows the catalogue's translation of each."""

from __future__ import annotations

import re

from flask_babel import gettext


def N_(msgid: str) -> str:
    """Marks `msgid` for the catalogue; it is translated where it is shown."""
    return msgid


# The errors and hints as search (search/syntax.py, query.py, filters.py, dates.py), the index and
# the page's parameters word them. %(name)s stands for the part that varies (a query, a date, a
# name) and is shown as written; a "why" part is itself one of these messages. The first whole
# match wins, so a narrower wording comes before a wider one.
MESSAGES = (
    # titles of the error pages
    N_("Bad parameter"),
    N_("The query cannot be understood"),
    N_("No index yet"),
    N_("Something went wrong"),
    N_("Not Found"),
    N_("Method Not Allowed"),
    N_("Bad Request"),
    # the page's own
    N_("parameter %(name)s: %(why)s"),
    N_("given more than once"),
    N_("longer than %(count)s characters"),
    N_("use one of %(choices)s"),
    N_("a whole number from 1 to %(last)s"),
    N_("give a query; '*' matches every article"),
    N_("give a query; '*' exports every article"),
    N_("give a query to follow; '*' follows every article"),
    N_("give the URL of an archived article"),
    N_("no article archived at %(url)s"),
    N_("no archived copy of %(url)s (it was stored without its raw page)"),
    N_("fix it in the address or the form"),
    N_("The error was logged on the server."),
    N_("no archive in %(folder)s: run `apknews crawl` first"),
    N_("no index in %(folder)s: run `apknews index` first"),
    N_(
        "the index in %(folder)s has schema %(old)s, this apknews reads %(new)s: "
        "run `apknews index` to rebuild it"
    ),
    N_("run `apknews crawl` and `apknews index`"),
    # the query's
    N_("empty query"),
    N_("type some words, or %(word)s for every article"),
    N_("query of %(count)s characters is too long"),
    N_("keep it under %(count)s"),
    N_("unexpected ')' in query %(query)s"),
    N_("remove it or add a '(' before"),
    N_("unbalanced quote in query %(query)s"),
    N_('close the phrase with a second " or remove the quote'),
    N_('close the phrase with a second "'),
    N_("unclosed '(' in query %(query)s"),
    N_("add the missing ')'"),
    N_("a phrase cannot be searched in field %(field)s"),
    N_('empty phrase ""'),
    N_("put words between the quotes or remove them"),
    N_("unknown field %(field)s in %(word)s"),
    N_(
        "fields are title:, text:, source:, lang:, date: (e.g. date:2021 or date:2021-01..2021-06), "
        "person:, org:, region:, city:, status: (edited, gone, moved, unchanged, unchecked)"
    ),
    N_("unknown status %(status)s"),
    N_("a status is one of %(statuses)s"),
    N_("a * inside %(word)s is not understood"),
    N_("use * only at the end of a word: ассамбл*"),
    N_("prefix %(word)s is too short"),
    N_("give at least %(count)s letters before the *"),
    N_("the prefixes of this query start more than %(count)s indexed words"),
    N_("type more letters before each *, or use fewer prefixes"),
    N_("%(word)s needs a word on each side"),
    N_("%(word)s needs a word after it"),
    N_("write e.g. %(example)s"),
    N_("empty parentheses in query %(query)s"),
    N_("put words inside () or remove them"),
    N_("cannot read query %(query)s: %(reason)s"),
    N_("simplify the query"),
    N_("query %(query)s has no searchable words"),
    N_("common words like 'и', 'the' are skipped"),
    # filters and dates
    N_("unknown language %(value)s"),
    N_("use one of: %(choices)s"),
    N_("use lang:ru or lang:kk or lang:en"),
    N_("%(value)s is not a source name"),
    N_("a source name has only letters, digits, '-', '_' and '.'"),
    N_("no source %(name)s in the archive"),
    N_("its sources are %(names)s"),
    N_("it holds no articles yet"),
    N_("the start date %(start)s is after the end date %(end)s"),
    N_("swap the two dates"),
    N_("cannot read the date %(date)s"),
    N_("no such date %(date)s: %(reason)s"),
    N_("write a date as %(forms)s, e.g. %(examples)s"),
    N_("%(name)s %(value)s is not a date"),
    N_("a date is written YYYY-MM-DD, e.g. 2021-09-29"),
    N_("date: needs a date"),
    N_("date range %(value)s ends before it starts"),
    # people, organisations and places (search/entities.py, places.py; web/entity_pages.py)
    N_("%(field)s: needs a name"),
    N_("unknown region %(place)s"),
    N_("unknown city %(place)s"),
    N_("%(place)s is a city, not a region"),
    N_("write city:%(city)s"),
    N_("did you mean: %(names)s? (%(count)s region names are known)"),
    N_("did you mean: %(names)s? (%(count)s city names are known)"),
    N_("give the name of a person, an organisation or a place"),
)
_PLACEHOLDER = re.compile(r"%\\\((\w+)\\\)s")


def _pattern(msgid: str) -> re.Pattern:
    return re.compile(_PLACEHOLDER.sub(r"(?P<\1>.+?)", re.escape(msgid)), re.DOTALL)


_PATTERNS = [(msgid, _pattern(msgid)) for msgid in MESSAGES]


def translated(message: str) -> str:
    """`message` in the page's language when it is one of MESSAGES, else as it is."""
    for msgid, pattern in _PATTERNS:
        found = pattern.fullmatch(message or "")
        if found is None:
            continue
        parts = found.groupdict()
        if "why" in parts:
            parts["why"] = translated(parts["why"])
        return gettext(msgid, **parts) if parts else gettext(msgid)
    return message
