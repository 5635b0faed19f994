"""The page's language (ru, kk or en: `?ui=` first, else the browser's Accept-Language, else Russian)
and what is written in it: dates, times, numbers and language names through Babel's locale data."""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlencode

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal
from flask import Flask, has_request_context, request, url_for
from flask_babel import Babel, get_locale, gettext

from archive.written_dates import day_of, written_date, written_timestamp
from search.languages import native_name

UI_LANGUAGES = ("ru", "kk", "en")  # the interface languages, in the order the switch lists them
DEFAULT_UI = "ru"  # our readers read Russian and Kazakh first
UI_PARAM = "ui"
# How the switch names each language, in that language.
UI_NAMES = {"ru": "ru", "kk": "қаз", "en": "en"}
_OFFSET = re.compile(r"^([+-])(\d{2}):?(\d{2})$")


def chosen_ui() -> str:
    """The language the address asks for (`?ui=kk`), or "" when it names none we have."""
    if not has_request_context():
        return ""
    value = request.args.get(UI_PARAM, "").strip().lower()
    return value if value in UI_LANGUAGES else ""


def select_ui() -> str:
    """The page's language: the address's, else the best of Accept-Language, else Russian."""
    return chosen_ui() or request.accept_languages.best_match(UI_LANGUAGES) or DEFAULT_UI


def install(app: Flask) -> None:
    """Flask-Babel over web/translations (messages.po → .mo), and the template helpers below."""
    Babel(app, locale_selector=select_ui, default_domain="messages")
    app.jinja_env.globals.update(
        ui=current_ui,
        ui_switch=ui_switch,
        page_url=page_url,
        language_name=language_name,
        native_name=native_name,
    )
    app.jinja_env.filters.update(
        human_date=human_date,
        human_month=human_month,
        human_timestamp=human_timestamp,
        number=number,
        utc_label=utc_label,
    )


def current_ui() -> str:
    return str(get_locale() or DEFAULT_UI)


def page_url(endpoint: str, **values) -> str:
    """url_for that keeps the page's language when the address chose it."""
    ui = chosen_ui()
    if ui and endpoint != "static":
        values.setdefault(UI_PARAM, ui)
    return url_for(endpoint, **values)


def ui_switch() -> list[tuple[str, str, str, bool]]:
    """(code, label, link, current) per interface language: this very page in that language."""
    kept = [(k, v) for k, v in request.args.items(multi=True) if k != UI_PARAM]
    current = current_ui()
    return [
        (code, UI_NAMES[code], request.path + "?" + urlencode([*kept, (UI_PARAM, code)]), code == current)
        for code in UI_LANGUAGES
    ]


def language_name(code: str | None) -> str:
    """An article language's name in the page's language ("казахский", "қазақ тілі", "Kazakh")."""
    if not code:
        return ""
    return Locale.parse(current_ui()).languages.get(code, code)


def human_date(value: str | date | None) -> str:
    """29 сентября 2021, 2021 жылғы 29 қыркүйек, 29 September 2021; "" for no date. The pattern is
    the catalogue's: Babel's own long formats say "2021 ж. 29 қыркүйек" and "29 сентября 2021 г."."""
    # Translators: a Babel date pattern (d day, MMMM month name, y year) for a day as people write it.
    return written_date(value, gettext("d MMMM y"), current_ui())


def human_month(value: str) -> str:
    """A month period ("2021-09") as "сентябрь 2021", "2021 жылғы қыркүйек", "September 2021"."""
    day = day_of(value + "-01") if len(value) == 7 else None
    # Translators: a Babel date pattern (LLLL month name standing alone, y year) for a month.
    return format_date(day, gettext("LLLL y"), locale=current_ui()) if day else value


def utc_label(offset: str | None) -> str:
    """ "+05:00" as "UTC+5", "+05:30" as "UTC+5:30"; "" when not an offset."""
    found = _OFFSET.match((offset or "").strip())
    if not found:
        return ""
    sign, hours, minutes = found.groups()
    return f"UTC{sign}{int(hours)}" + (f":{minutes}" if minutes != "00" else "")


def human_timestamp(value: str | None) -> str:
    """An ISO UTC time ("2026-01-02T10:00:00Z") as "2 января 2026, 10:00 UTC"."""
    return written_timestamp(value, gettext("d MMMM y"), current_ui())


def number(value: int) -> str:
    """A count with the locale's digit grouping: 12 345 (a no-break space in ru and kk), 12,345."""
    return format_decimal(value, locale=current_ui())
