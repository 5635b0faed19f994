"""Each language named as it names itself: a hit's "also in: қазақша, English"."""

from __future__ import annotations

NATIVE_NAMES = {"ru": "русский", "kk": "қазақша", "en": "English"}


def native_name(code: str) -> str:
    """ "қазақша" for kk; an unknown code as it is."""
    return NATIVE_NAMES.get(code, code)


def also_in(translations: list[dict]) -> str:
    """ "қазақша, English" for a hit's translations ([{lang, url}]), each language once."""
    return ", ".join(native_name(lang) for lang in dict.fromkeys(t["lang"] for t in translations))
