"""Word lists for the synthetic archive: replica texts, pymorphy3 lexemes, Kazakh endings, a long tail."""

from __future__ import annotations

import hashlib
import logging
import random
import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path

from replicas.assembly_data import ARTICLES_DIR, load_articles

logger = logging.getLogger(__name__)

LANGS = ("ru", "kk", "en")
_WORD = re.compile(r"\w+(?:-\w+)*")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ«\"])")
_KAZAKH_LETTERS = re.compile("[әғқңөұүһі]")
_RUSSIAN_WORD = re.compile("^[а-яё-]+$")

# Every Nth lemma of pymorphy3's dictionary joins the Russian tail: real words with real
# inflection, so that the archive has the long tail of rare terms a real one has (Heaps' law:
# ~10^5 lemmas in ~2*10^7 running words), not just the replica's 650 lemmas.
DICTIONARY_LEMMA_STEP = 12
DICTIONARY_LEMMA_LIMIT = 30_000
ZIPF_EXPONENT = 1.05
ZIPF_OFFSET = 8

# Function words keep their one form (no "және" + plural ending, no "with" + "s").
_UNINFLECTED_WORDS = """
    және мен бен пен үшін бойынша арқылы туралы сондай-ақ бірге осы бұл сол ол олар да де та те
    қана ғана кейін дейін жыл жылы with from that this have were their about also into
"""
_UNINFLECTED = frozenset(_UNINFLECTED_WORDS.split())
_BACK_VOWELS = set("аоұыуяё")
_FRONT_VOWELS = set("әеөүіэию")
_VOICELESS = set("пфктшсчщхқ")
_SONORANT = set("лмнңрйуюў")

# Kazakh Cyrillic to the 2021 Latin alphabet: some Kazakh pages of 2018-2021 are in Latin.
KAZAKH_LATIN = str.maketrans(
    {
        "а": "a",
        "ә": "ä",
        "б": "b",
        "в": "v",
        "г": "g",
        "ғ": "ğ",
        "д": "d",
        "е": "e",
        "ё": "io",
        "ж": "j",
        "з": "z",
        "и": "i",
        "й": "i",
        "к": "k",
        "қ": "q",
        "л": "l",
        "м": "m",
        "н": "n",
        "ң": "ñ",
        "о": "o",
        "ө": "ö",
        "п": "p",
        "р": "r",
        "с": "s",
        "т": "t",
        "у": "u",
        "ұ": "ū",
        "ү": "ü",
        "ф": "f",
        "х": "h",
        "һ": "h",
        "ц": "ts",
        "ч": "ch",
        "ш": "ş",
        "щ": "şş",
        "ъ": "",
        "ы": "y",
        "і": "ı",
        "ь": "",
        "э": "e",
        "ю": "iu",
        "я": "ia",
    }  # fmt: skip
)
_RUSSIAN_LATIN = str.maketrans(
    {
        "а": "a",
        "б": "b",
        "в": "v",
        "г": "g",
        "д": "d",
        "е": "e",
        "ё": "e",
        "ж": "zh",
        "з": "z",
        "и": "i",
        "й": "y",
        "к": "k",
        "л": "l",
        "м": "m",
        "н": "n",
        "о": "o",
        "п": "p",
        "р": "r",
        "с": "s",
        "т": "t",
        "у": "u",
        "ф": "f",
        "х": "kh",
        "ц": "ts",
        "ч": "ch",
        "ш": "sh",
        "щ": "shch",
        "ъ": "",
        "ы": "y",
        "ь": "",
        "э": "e",
        "ю": "yu",
        "я": "ya",
    }  # fmt: skip
)


@dataclass
class Sentence:
    """A replica sentence as (word, its other forms) pairs; punctuation stays glued to words."""

    tokens: list[tuple[str, tuple[str, ...]]]


@dataclass
class Vocabulary:
    """Per language: word forms ranked by frequency with Zipf weights, and replica sentences."""

    words: dict[str, list[str]] = field(default_factory=dict)
    cum_weights: dict[str, list[float]] = field(default_factory=dict)
    sentences: dict[str, list[Sentence]] = field(default_factory=dict)
    titles: dict[str, list[Sentence]] = field(default_factory=dict)
    tail_lemmas: int = 0

    def fingerprint(self) -> str:
        """A short hash of every word list and sentence: equal fingerprints, equal archives."""
        digest = hashlib.sha256(str(self.tail_lemmas).encode())
        for lang in sorted(self.words):
            digest.update("\n".join(self.words[lang]).encode())
            for sentence in self.sentences[lang] + self.titles[lang]:
                digest.update(" ".join(raw for raw, _ in sentence.tokens).encode())
        return digest.hexdigest()[:16]


def build_vocabulary(
    articles_dir: Path | str = ARTICLES_DIR, tail_lemmas: int = DICTIONARY_LEMMA_LIMIT
) -> Vocabulary:
    """The vocabulary of the replica articles, inflected and extended by a long tail; deterministic.

    `tail_lemmas` dictionary lemmas make the tail (fewer build faster, for tests).
    """
    articles = load_articles(articles_dir)
    vocab = Vocabulary(tail_lemmas=tail_lemmas)
    import pymorphy3

    morph = pymorphy3.MorphAnalyzer()
    lexemes: dict[str, tuple[str, ...]] = {}

    def forms_of(word: str, lang: str) -> tuple[str, ...]:
        low = word.lower()
        if low in _UNINFLECTED:
            return ()
        if lang == "ru" and _RUSSIAN_WORD.match(low) and len(low) > 2:
            if low not in lexemes:
                parse = morph.parse(low)[0]
                lexemes[low] = tuple(dict.fromkeys(f.word.replace("ё", "е") for f in parse.lexeme))
            return lexemes[low]
        if lang == "kk" and low.isalpha() and len(low) > 3:
            return kazakh_forms(low)
        if lang == "en" and low.isalpha() and len(low) > 3 and not low.endswith("s"):
            return (low, low + "s")
        return ()

    for lang in LANGS:
        counts: Counter[str] = Counter()
        sentences, titles = [], []
        for article in (a for a in articles if a.lang == lang):
            titles.append(_sentence(article.title, lang, forms_of))
            for paragraph in article.paragraphs:
                for text in _SENTENCE_END.split(paragraph):
                    sentences.append(_sentence(text, lang, forms_of))
                    counts.update(w.lower() for w in _WORD.findall(text))
        ranked = [w for w, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
        head = list(dict.fromkeys(f for w in ranked for f in (forms_of(w, lang) or (w,))))
        words = list(dict.fromkeys(head + _tail(lang, morph, head, tail_lemmas)))
        weights = [1.0 / (rank + ZIPF_OFFSET) ** ZIPF_EXPONENT for rank in range(len(words))]
        vocab.words[lang] = words
        vocab.cum_weights[lang] = list(accumulate(weights))
        vocab.sentences[lang] = sentences
        vocab.titles[lang] = titles
        logger.info("%s: %d sentences, %d word forms", lang, len(sentences), len(words))
    return vocab


def _sentence(text: str, lang: str, forms_of) -> Sentence:
    tokens = []
    for raw in text.split():
        match = _WORD.search(raw)
        forms = forms_of(match.group(), lang) if match else ()
        tokens.append((raw, forms))
    return Sentence(tokens)


def kazakh_forms(stem: str) -> tuple[str, ...]:
    """The word with plural, case and possessive endings chosen by vowel harmony (approximately)."""
    vowels = [c for c in stem if c in _BACK_VOWELS or c in _FRONT_VOWELS]
    back = not vowels or vowels[-1] in _BACK_VOWELS
    last = stem[-1]
    after_vowel = last in _BACK_VOWELS or last in _FRONT_VOWELS
    voiceless = last in _VOICELESS
    a, y = ("а", "ы") if back else ("е", "і")
    plural = ("л" if after_vowel else "т" if voiceless else "д" if last in _SONORANT else "л") + a + "р"
    genitive = ("н" if after_vowel or last in "мнң" else "т" if voiceless else "д") + y + "ң"
    dative = ("ғ" if back else "г") + a if not voiceless else ("қ" if back else "к") + a
    locative = ("т" if voiceless else "д") + a
    ablative = ("н" if last in "мнң" else "т" if voiceless else "д") + a + "н"
    possessive = ("с" + y) if after_vowel else y
    return (
        stem,
        stem + plural,
        stem + genitive,
        stem + dative,
        stem + locative,
        stem + ablative,
        stem + possessive,
        stem + plural + y,
        stem + plural + ("д" + y + "ң"),
    )


def _tail(lang: str, morph, head: list[str], limit: int) -> list[str]:
    """Rare words after the replica's: dictionary lexemes (ru), inflected names (kk), Latin names (en)."""
    # Shuffled so that rank, hence frequency, does not follow the alphabet.
    lemmas = list(_dictionary_lemmas(morph, limit))
    random.Random(f"tail:{lang}").shuffle(lemmas)
    if lang == "ru":
        tail = []
        for lemma in lemmas:
            parse = morph.parse(lemma)[0]
            tail.extend(dict.fromkeys(f.word.replace("ё", "е") for f in parse.lexeme))
        return tail
    names = [w for w in lemmas if w.endswith(("ов", "ев", "ин", "бек", "хан", "тай", "бай"))]
    if lang == "kk":
        cyrillic = [
            w.translate(str.maketrans("кгх", "қғһ")) if i % 3 == 0 else w for i, w in enumerate(names)
        ]
        latin = [w.translate(KAZAKH_LATIN) for w in head[:3000] if w.isalpha()]
        return [f for name in cyrillic for f in kazakh_forms(name)] + latin
    return [w.translate(_RUSSIAN_LATIN) for w in lemmas if w.isalpha()]


_dictionary_cache: dict[int, list[str]] = {}


def _dictionary_lemmas(morph, limit: int) -> list[str]:
    if limit not in _dictionary_cache:
        lemmas: list[str] = []
        seen = 0
        for word, _tag, _normal, _paradigm, index in morph.dictionary.iter_known_words():
            if len(lemmas) >= limit:
                break
            if index != 0 or not _RUSSIAN_WORD.match(word):
                continue
            seen += 1
            if seen % DICTIONARY_LEMMA_STEP == 0:
                lemmas.append(word)
        _dictionary_cache[limit] = lemmas
    return _dictionary_cache[limit]
