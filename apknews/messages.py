"""The CLI's own words in the user's language: English unless `--lang-ui` or LANG asks for ru or kk."""

from __future__ import annotations

import gettext
import os
from datetime import date
from pathlib import Path

from archive.written_dates import written_date, written_timestamp

UI_LANGUAGES = ("en", "ru", "kk")
DOMAIN = "apknews"
CATALOGUES = Path(__file__).parent / "translations"  # apknews.po -> .mo, compiled by `make translations`

_chosen: str | None = None
_catalogue: gettext.NullTranslations | None = None


def ui_from_environment() -> str:
    """ru or kk when the locale variables (LC_ALL, LC_MESSAGES, LANG, as gettext reads them) name
    it, else English: a C or en_US locale, or none, keeps the CLI as the README shows it."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value:
            language = value.split("_", 1)[0].split(".", 1)[0].lower()
            return language if language in UI_LANGUAGES else "en"
    return "en"


def ui_from_arguments(arguments: list[str]) -> str | None:
    """The `--lang-ui` value among the command line's arguments (before the command's own), read
    before click parses them: `apknews --lang-ui ru search --help` renders help in Russian."""
    for position, argument in enumerate(arguments):
        if argument == "--":
            break
        if argument.startswith("--lang-ui="):
            value = argument.partition("=")[2]
            return value if value in UI_LANGUAGES else None
        if argument == "--lang-ui" and position + 1 < len(arguments):
            value = arguments[position + 1]
            return value if value in UI_LANGUAGES else None
    return None


def set_ui(language: str | None) -> None:
    """Speak `language` from now on (None: as the environment says). Click's own words (Usage:,
    Options:, its usage errors) come through the global gettext domain: ours, in that language."""
    global _chosen, _catalogue
    _chosen, _catalogue = language, None
    gettext.bindtextdomain(DOMAIN, str(CATALOGUES))
    gettext.textdomain(DOMAIN)
    os.environ["LANGUAGE"] = current_ui()  # what the global domain's gettext() reads first


def current_ui() -> str:
    return _chosen or ui_from_environment()


def _translations() -> gettext.NullTranslations:
    global _catalogue
    if _catalogue is None:
        language = current_ui()
        _catalogue = gettext.translation(DOMAIN, CATALOGUES, languages=[language], fallback=True)
    return _catalogue


def _(message: str) -> str:
    return _translations().gettext(message)


def N_(message: str) -> str:
    """Marks a message for the catalogue where it is written; it is translated where it is shown."""
    return message


def ngettext(singular: str, plural: str, count: int) -> str:
    return _translations().ngettext(singular, plural, count)


def translated(message_id: str, params: dict | None = None, plural_id: str = "") -> str:
    """A message another floor gave as an id (English with %(name)s places) and its values (with
    `plural_id`: its plural, the form picked by the value `count`); a value that is itself such a
    message, or an exception (Python's "month must be in 1..12"), is said in the catalogue's words too."""
    if plural_id:
        text = ngettext(message_id, plural_id, (params or {}).get("count", 0))
    else:
        text = _(message_id) if message_id else ""
    if not params:
        return text
    return text % {k: _said_value(v) for k, v in params.items()}


def said(message) -> str:
    """What another floor said (archive.said.Said, an error with message_id and params, or plain
    text), in the user's language; plain text as it is."""
    message_id = getattr(message, "message_id", None)
    if message_id is None:
        return str(message)
    return translated(message_id, getattr(message, "params", None), getattr(message, "plural_id", ""))


def _said_value(value):
    if getattr(value, "message_id", None) is not None:
        return said(value)
    return _(str(value)) if isinstance(value, Exception) else value


def human_date(value: str | date | None) -> str:
    """29 сентября 2021, 2021 жылғы 29 қыркүйек, 29 September 2021; the value itself when not a date."""
    return written_date(value, _date_pattern(), current_ui())


def human_timestamp(value: str | None) -> str:
    """An ISO UTC time ("2026-01-02T10:00:00Z") as "2 января 2026, 10:00 UTC"."""
    return written_timestamp(value, _date_pattern(), current_ui())


def _date_pattern() -> str:
    # Translators: a Babel date pattern (d day, MMMM month name, y year) for a day as people write it.
    return _("d MMMM y")
