"""The language of an article text: ru, kk or en, by py3langid restricted to those three."""

from __future__ import annotations

import re
import threading
import unicodedata

LANGUAGES = ("ru", "kk", "en")
DEFAULT_LANGUAGE = "ru"
MIN_LETTERS = 20  # below this many letters the text says too little: trust the hint
SAMPLE_CHARS = 3000  # the start of a text is enough to tell its language
MIN_CONFIDENCE = 0.6  # below this (of 1.0 over three languages) a hint wins

# Letters of the Latin Kazakh alphabets (2018 and 2021) that English does not use; py3langid
# only knows Cyrillic Kazakh and calls Latin Kazakh English.
_KK_LATIN = re.compile("[áǵńóúýıäğñöüūşÁǴŃÓÚÝÄĞÑÖÜŪŞ]")  # not IGNORECASE: ı would match i and I
_LETTER = re.compile(r"[^\W\d_]")
_ALIASES = {"kz": "kk", "kaz": "kk", "qaz": "kk", "rus": "ru", "eng": "en"}

_identifier = None
_lock = threading.Lock()


def _get_identifier():
    """The py3langid identifier, built on first use (loading the model takes a moment)."""
    global _identifier
    if _identifier is None:
        with _lock:
            if _identifier is None:
                from py3langid.langid import MODEL_FILE, LanguageIdentifier

                identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
                identifier.set_languages(list(LANGUAGES))
                _identifier = identifier
    return _identifier


def normalize_language(code: str | None) -> str | None:
    """The language code ru, kk or en for "ru-RU", "kz", "en"...; None for any other language."""
    if not code:
        return None
    code = code.strip().lower().replace("_", "-").split("-")[0]
    code = _ALIASES.get(code, code)
    return code if code in LANGUAGES else None


def detect_language(text: str, hint: str | None = None) -> str:
    """The language of `text`, "ru", "kk" or "en"; the hint (else "ru") if the text is too short."""
    fallback = normalize_language(hint) or DEFAULT_LANGUAGE
    text = unicodedata.normalize("NFC", text or "")
    letters = len(_LETTER.findall(text))
    if letters < MIN_LETTERS:
        return fallback
    lang, confidence = _get_identifier().classify(text[:SAMPLE_CHARS])
    if lang == "en" and len(_KK_LATIN.findall(text)) >= max(3, letters // 100):
        return "kk"
    if confidence < MIN_CONFIDENCE and normalize_language(hint):
        return fallback
    return lang
