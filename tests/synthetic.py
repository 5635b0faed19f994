"""A synthetic archive of many small articles in ru/kk/en, written straight into a real store (bulk SQL)."""

from __future__ import annotations

import hashlib
import random
from datetime import date, timedelta
from pathlib import Path

from archive.store import Store
from tests.test_store import make_article

_VOCABULARY = {
    "ru": "ассамблея народа казахстана единство согласие дом дружбы встреча молодежь тараз меморандум "
    "совет форум язык культура этнос регион праздник семинар проект волонтеры",
    "kk": "қазақстан халқы ассамблеясы бірлік келісім достық үйі жастар тараз меморандум кеңес форум "
    "тіл мәдениет өңір мереке жоба еріктілер ұлт өнер",
    "en": "assembly people kazakhstan unity accord house friendship youth taraz memorandum council forum "
    "language culture region holiday seminar project volunteers",
}
WORDS = {lang: words.split() for lang, words in _VOCABULARY.items()}
SOURCES = ("assembly", "inform", "taraz-ank")
START = date(2015, 1, 1)


def fill_store(data_dir: Path, count: int, seed: int = 6) -> dict[str, int]:
    """Write `count` articles into data_dir's store (created if absent); return how many per language."""
    rng = random.Random(seed)
    per_lang = {"ru": 0, "kk": 0, "en": 0}
    with Store(data_dir / "apknews.sqlite3") as store:
        first_seq = store.max_seq() + 1
        rows = []
        for i in range(count):
            lang = ("ru", "kk", "en")[i % 3]
            per_lang[lang] += 1
            words = WORDS[lang]
            title = " ".join(rng.choice(words) for _ in range(6)).capitalize() + f" №{i}"
            text = "\n\n".join(" ".join(rng.choice(words) for _ in range(25)) + "." for _ in range(2))
            published = (START + timedelta(days=rng.randrange(3650))).isoformat()
            url = f"https://example.kz/{lang}/news/{i}/"
            digest = hashlib.sha256(f"{title}\x1f{published}\x1f{text}".encode()).hexdigest()
            fetched = "2026-01-01T00:00:00Z"
            rows.append(
                (
                    url,
                    url,
                    SOURCES[i % len(SOURCES)],
                    lang,
                    title,
                    text,
                    published,
                    fetched,
                    fetched,
                    digest,
                    first_seq + i,
                )
            )
        with store.db:
            store.db.executemany(
                """INSERT INTO articles (url, canonical_url, source, lang, title, text, published,
                   fetched_at, first_seen_at, content_hash, seq) VALUES (?,?,?,?,?,?,?,?,?,?,?)""",
                rows,
            )
    return per_lang


def save_judged(store: Store, articles, added_text: str = "") -> None:
    """Save judged-corpus articles (bench.judged.articles) into `store`, each at an address of its
    own (the corpus repeats some), `added_text` appended to each text."""
    for n, article in enumerate(articles):
        url = f"{article.url}?n={n}"
        store.save(
            make_article(
                url=url,
                canonical_url=url,
                lang=article.lang,
                title=article.title,
                text=article.text + added_text,
                published=article.date.isoformat(),
            )
        )
