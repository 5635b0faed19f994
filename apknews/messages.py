"""The CLI's own words in the user's language: English unless `--lang-ui` or LANG asks for ru or kk."""

from __future__ import annotations

import gettext
import os
from pathlib import Path

UI_LANGUAGES = ("en", "ru", "kk")
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


def set_ui(language: str | None) -> None:
    """Speak `language` from now on (None: as the environment says)."""
    global _chosen, _catalogue
    _chosen, _catalogue = language, None


def current_ui() -> str:
    return _chosen or ui_from_environment()


def _translations() -> gettext.NullTranslations:
    global _catalogue
    if _catalogue is None:
        language = current_ui()
        _catalogue = gettext.translation("apknews", CATALOGUES, languages=[language], fallback=True)
    return _catalogue


def _(message: str) -> str:
    return _translations().gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return _translations().ngettext(singular, plural, count)
