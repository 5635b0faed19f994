"""The synthetic archive: seeded articles like real APK news, written to a real Store (SQLite)."""

from __future__ import annotations

import bisect
import datetime as dt
import logging
import math
import multiprocessing
import random
from collections import deque
from collections.abc import Iterator
from itertools import accumulate
from pathlib import Path

from archive.articles import Article
from archive.store import Store
from bench.vocabulary import KAZAKH_LATIN, Sentence, Vocabulary

logger = logging.getLogger(__name__)

GENERATOR_VERSION = 1
MAKER_SPAN, MAKER_AHEAD = 1000, 4  # articles a maker process makes at a time; spans made ahead
DEFAULT_SEED = 20261122

# What a real archive of APK news looks like, roughly: mostly Russian, a third Kazakh, some
# English; a few big sources; short regional items and the odd long report.
LANGUAGE_WEIGHTS = {"ru": 0.55, "kk": 0.33, "en": 0.12}
SOURCE_WEIGHTS = {
    "ru": {"assembly": 0.35, "kazinform": 0.3, "dknews": 0.15, "zakon": 0.12, "inform_buro": 0.08},
    "kk": {"assembly": 0.4, "kazinform": 0.3, "egemen": 0.25, "adyrna": 0.05},
    "en": {"assembly": 0.3, "kazinform": 0.4, "astana_times": 0.3},
}
MEDIAN_WORDS = 180
WORDS_SIGMA = 0.65  # lognormal: half the articles 115-280 words, one in fifty above 700
MIN_WORDS, MAX_WORDS = 40, 2500
FIRST_DAY, LAST_DAY = dt.date(2015, 1, 1), dt.date(2026, 10, 31)
YEARLY_GROWTH = 1.15  # sites publish more every year
WEEKEND_SHARE = 0.35  # a Saturday carries about a third of a weekday's news
LATIN_KAZAKH_YEARS = range(2018, 2022)
LATIN_KAZAKH_SHARE = 0.15  # of Kazakh articles in those years: the Latin alphabet trial

_KAZAKH_LATIN_CASED = {
    **KAZAKH_LATIN,
    **{ord(chr(k).upper()): v.capitalize() for k, v in KAZAKH_LATIN.items()},
}


class ArchiveGenerator:
    """Article number i is the same for any seed-equal generator, whatever else is generated."""

    def __init__(self, vocab: Vocabulary, seed: int = DEFAULT_SEED):
        self.vocab = vocab
        self.seed = seed
        self._langs = list(LANGUAGE_WEIGHTS)
        self._lang_cum = list(accumulate(LANGUAGE_WEIGHTS.values()))
        days = [FIRST_DAY + dt.timedelta(n) for n in range((LAST_DAY - FIRST_DAY).days + 1)]
        weights = [
            YEARLY_GROWTH ** (d.year - FIRST_DAY.year) * (WEEKEND_SHARE if d.weekday() >= 5 else 1.0)
            for d in days
        ]
        self._days = days
        self._day_cum = list(accumulate(weights))

    def article(self, number: int) -> Article:
        """The synthetic article `number` (0-based)."""
        rng = random.Random(f"{self.seed}:{number}")
        lang = rng.choices(self._langs, cum_weights=self._lang_cum)[0]
        sources = SOURCE_WEIGHTS[lang]
        source = rng.choices(list(sources), weights=list(sources.values()))[0]
        published = self._days[bisect.bisect(self._day_cum, rng.random() * self._day_cum[-1])]
        length = round(MEDIAN_WORDS * math.exp(rng.gauss(0.0, WORDS_SIGMA)))
        length = min(max(length, MIN_WORDS), MAX_WORDS)
        title = self._title(rng, lang)
        text = self._text(rng, lang, length)
        if lang == "kk" and published.year in LATIN_KAZAKH_YEARS and rng.random() < LATIN_KAZAKH_SHARE:
            title, text = title.translate(_KAZAKH_LATIN_CASED), text.translate(_KAZAKH_LATIN_CASED)
        url = f"https://{source}.example/{lang}/news/{published:%Y/%m}/bench-{number:07d}/"
        return Article(
            url=url,
            canonical_url=url,
            source=source,
            lang=lang,
            title=title,
            text=text,
            published=published.isoformat(),
            fetched_at=f"{published.isoformat()}T12:00:00Z",
        )

    def articles(self, start: int, count: int) -> Iterator[Article]:
        for number in range(start, start + count):
            yield self.article(number)

    def _title(self, rng: random.Random, lang: str) -> str:
        if rng.random() < 0.5:
            return _mutate(rng, rng.choice(self.vocab.titles[lang]), self._zipf(rng, lang, 12)).rstrip(".")
        return _capitalize(" ".join(self._zipf(rng, lang, rng.randint(5, 11))))

    def _text(self, rng: random.Random, lang: str, length: int) -> str:
        sentences = self.vocab.sentences[lang]
        paragraphs, paragraph, words = [], [], 0
        pool = self._zipf(rng, lang, length)
        while words < length:
            if rng.random() < 0.6:
                sentence = _mutate(rng, rng.choice(sentences), pool)
            else:
                sentence = _capitalize(" ".join(rng.sample(pool, min(len(pool), rng.randint(6, 18))))) + "."
            paragraph.append(sentence)
            words += sentence.count(" ") + 1
            if len(paragraph) >= rng.randint(2, 5):
                paragraphs.append(" ".join(paragraph))
                paragraph = []
        if paragraph:
            paragraphs.append(" ".join(paragraph))
        return "\n\n".join(paragraphs)

    def _zipf(self, rng: random.Random, lang: str, count: int) -> list[str]:
        return rng.choices(self.vocab.words[lang], cum_weights=self.vocab.cum_weights[lang], k=count)


def _mutate(rng: random.Random, sentence: Sentence, pool: list[str]) -> str:
    """The sentence with some words in another form of their lemma and some swapped for others."""
    out = []
    for raw, forms in sentence.tokens:
        roll = rng.random()
        if forms and roll < 0.35:
            word = rng.choice(forms)
        elif roll < 0.5 and pool:
            word = rng.choice(pool)
        else:
            out.append(raw)
            continue
        if raw[:1].isupper():
            word = word[:1].upper() + word[1:]
        tail = raw[len(raw.rstrip('.,;:!?»")')) :]
        out.append(word + tail)
    return _capitalize(" ".join(out))


def _capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


def write_archive(
    store_path: Path, generator: ArchiveGenerator, start: int, count: int, procs: int = 1
) -> int:
    """Save articles start..start+count-1 into the store at `store_path`; return how many were new.

    With `procs` 2, one more process makes the articles while this one saves them: the same
    articles in the same order (so the same store), in about half the time.
    """
    new = 0
    with Store(store_path) as store:
        articles = generator.articles(start, count) if procs < 2 else _made_elsewhere(generator, start, count)
        for number, article in enumerate(articles, start=1):
            new += store.save(article) == "new"
            if number % 20_000 == 0:
                logger.info("%s: %d articles written", store_path.name, number)
    return new


_forked_generator: ArchiveGenerator | None = None  # the generator a forked maker process inherits


def _make(span: tuple[int, int]) -> list[Article]:
    return list(_forked_generator.articles(*span))


def _made_elsewhere(generator: ArchiveGenerator, start: int, count: int) -> Iterator[Article]:
    """The articles, made in a forked process a few spans ahead of the caller (memory stays bounded)."""
    global _forked_generator
    _forked_generator = generator
    spans = deque((at, min(MAKER_SPAN, start + count - at)) for at in range(start, start + count, MAKER_SPAN))
    with multiprocessing.get_context("fork").Pool(1) as pool:
        pending: deque = deque()
        while spans or pending:
            while spans and len(pending) < MAKER_AHEAD:
                pending.append(pool.apply_async(_make, (spans.popleft(),)))
            yield from pending.popleft().get()
