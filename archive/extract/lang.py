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
# What is not a letter, and not a Latin letter: counted by what is left when they are cut out, in
# runs (a list of every letter, findall's, cost twice as much on an article).
_NOT_LETTERS = re.compile(r"[\W\d_]+")
_NOT_LATIN_LETTERS = re.compile(r"[^a-zA-Z\u00c0-\u024f]+")
# Latin Kazakh typed without its special letters (qz.inform.kz, 2017-2021): q without u and words
# English does not have.
_Q_WITHOUT_U = re.compile(r"q(?!u)", re.IGNORECASE)
_KK_LATIN_WORDS = frozenset(
    {
        "jáne", "jane", "bul", "osy", "dep", "úshin", "ushin", "bolyp", "halqy", "halqynyń",
        "qazaqstan", "qazaqstannyń", "jyly", "jylǵy", "jylgy", "otti", "ótti", "boiynsha", "boyynsha",
        "birligi", "kúni", "kuni", "aqparat", "degen", "sondai", "sonday", "atap", "qoǵamdyq", "qogamdyq",
    }
)  # fmt: skip
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
    letters = _letter_count(text)
    if letters < MIN_LETTERS:
        return fallback
    lang, confidence = _get_identifier().classify(text[:SAMPLE_CHARS])
    if lang == "en" and _looks_latin_kazakh(text, letters):
        return "kk"
    if confidence < MIN_CONFIDENCE and normalize_language(hint):
        return fallback
    return lang


def _looks_latin_kazakh(text: str, letters: int) -> bool:
    if len(_KK_LATIN.findall(text)) >= max(3, letters // 100):
        return True
    words = re.findall(r"[^\W\d_]+", text[:SAMPLE_CHARS].casefold())
    kazakh_words = sum(1 for w in words if w in _KK_LATIN_WORDS)
    return kazakh_words >= 3 and len(_Q_WITHOUT_U.findall(text)) >= 2 and kazakh_words * 8 >= len(words)


def detect_script(text: str) -> str:
    """ISO 15924 script of `text`'s letters: "Cyrl" or "Latn" (the larger share; Cyrl when none)."""
    text = text[:SAMPLE_CHARS]
    letters = _letter_count(text)
    latin = len(_NOT_LATIN_LETTERS.sub("", text))
    return "Latn" if letters and latin * 2 > letters else "Cyrl"


def _letter_count(text: str) -> int:
    return len(_NOT_LETTERS.sub("", text))
