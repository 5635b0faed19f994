"""Alias names match whole: a hyphenated name by its whole word or all its parts, a multi-word name as
a phrase, never by one of its words (Нур-Султан is not Нур Отан; Astana Opera is not Astana)."""

from __future__ import annotations

import pytest
from whoosh import query as wq

from archive.settings import DataDir
from archive.store import Store
from indexer.aliases import load_aliases
from indexer.index import open_index, update_index
from search import search
from search.query import understand
from tests.test_store import make_article

# (key, lang, text). Titles are neutral: what is matched is in the text.
ARTICLES = [
    ("ru-otan", "ru", "Филиал партии «Нур Отан» провёл встречу с молодёжью."),
    ("kk-otan", "kk", "«Нұр Отан» партиясының филиалы жастармен кездесті."),
    ("en-otan", "en", "The Nur Otan party branch met the youth."),
    ("ru-capital", "ru", "Форум прошёл в Нур-Султане, в нём участвовали члены партии «Нур Отан»."),
    ("kk-capital", "kk", "Форум Нұр-Сұлтанда өтті."),  # a Kazakh case ending on the hyphenated name
    ("kk-capital-apart", "kk", "Жиын Нұр Сұлтан қаласында болды."),  # written apart
    ("en-capital", "en", "The forum was held in Nur-Sultan."),
    ("ru-astana", "ru", "Делегаты собрались в Астане."),
    ("ru-opera", "ru", "Спектакль показали в театре «Астана Опера»."),
    ("en-opera", "en", "Astana Opera staged a new ballet."),
    ("ru-friendship", "ru", "В Доме дружбы прошёл праздник."),
    ("ru-culture", "ru", "В доме культуры прошёл вечер дружбы народов."),  # both words, not the name
    ("kk-friendship", "kk", "Достық үйінде мереке өтті."),
    ("kk-culture", "kk", "Мәдениет үйінде достық кеші өтті."),
    ("en-friendship", "en", "A festival was held at the House of Friendship."),
    ("en-culture", "en", "The house of culture held an evening of friendship."),
]
USER_ALIASES = """
[[group]]
name = "the House of Friendship"
names = ["Дом дружбы", "Достық үйі", "House of Friendship"]

[[group]]
name = "the Nur Otan party"
names = ["Нур Отан", "Нұр Отан", "Nur Otan"]

[[group]]
name = "the Astana Opera"
names = ["Астана Опера", "Astana Opera"]
"""
CAPITAL = {"ru-capital", "kk-capital", "kk-capital-apart", "en-capital", "ru-astana", "ru-opera", "en-opera"}
OTAN = {"ru-otan", "kk-otan", "en-otan", "ru-capital"}
OPERA = {"ru-opera", "en-opera"}
FRIENDSHIP = {"ru-friendship", "kk-friendship", "en-friendship"}


@pytest.fixture(scope="module")
def names(tmp_path_factory) -> DataDir:
    data_dir = DataDir(tmp_path_factory.mktemp("whole-names"))
    (data_dir.root / "aliases.toml").write_text(USER_ALIASES, encoding="utf-8")
    with Store(data_dir.store_path) as store:
        for key, lang, text in ARTICLES:
            url = f"https://example.kz/{key}/"
            store.save(make_article(url=url, canonical_url=url, lang=lang, title="Новости", text=text))
        update_index(store, data_dir.index_dir)  # tags the bundled and the data folder's groups
    return data_dir


def _keys(data_dir: DataDir, query: str, **options) -> set[str]:
    hits = search(data_dir, query, limit=100, collapse_reposts=False, **options).hits
    return {h.url.rstrip("/").rsplit("/", 1)[-1] for h in hits}


def _by_phrases(data_dir: DataDir, query: str) -> set[str]:
    """What the names' phrases find when the index has not tagged the groups (Whoosh's own matchers)."""
    with open_index(data_dir.index_dir).searcher() as searcher:
        q = understand(query, searcher.schema, aliases=load_aliases(data_dir.root)).query
        assert not any(isinstance(leaf, wq.Term) and leaf.fieldname == "names" for leaf in q.leaves())
        return {
            searcher.stored_fields(d)["canonical_url"].rstrip("/").rsplit("/", 1)[-1]
            for d in searcher.docs_for_query(q)
        }


@pytest.mark.parametrize("query", ["Астана", "Нур-Султан", "Нұр-Сұлтан", "Nur-Sultan", "Астане"])
def test_the_capital_is_never_found_by_the_party_that_shares_a_word(names, query):
    found = _keys(names, query)
    assert found == CAPITAL, query  # "Нур Отан", "Нұр Отан", "Nur Otan" alone are not the capital
    assert _by_phrases(names, query) == found


@pytest.mark.parametrize("query", ["Нур Отан", "Нұр Отан", "Nur Otan", '"Нур Отан"'])
def test_the_party_is_never_found_by_the_capital_that_shares_a_word(names, query):
    assert _keys(names, query) == OTAN == _by_phrases(names, query)


def test_astana_opera_is_a_mention_of_astana_but_astana_is_not_the_opera(names):
    # The capital's name stands whole in the theatre's: searching the city finds it (CAPITAL above).
    # The theatre's two-word name never matches by one of its words.
    assert _keys(names, "Astana Opera") == OPERA == _by_phrases(names, "Astana Opera")
    assert _keys(names, "Астана Опера") == OPERA


@pytest.mark.parametrize("query", ["Дом дружбы", "Доме дружбы", "Достық үйі", "House of Friendship"])
def test_a_two_word_name_is_a_phrase_in_every_language(names, query):
    assert _keys(names, query) == FRIENDSHIP == _by_phrases(names, query)


def test_a_quoted_hyphenated_word_is_not_found_by_one_of_its_parts(names):
    assert _keys(names, '"Нур-Султан"', aliases=False) == {"ru-capital", "kk-capital", "en-capital"}
    assert _keys(names, '"Нұр-Сұлтан"', aliases=False) == {"ru-capital", "kk-capital", "en-capital"}


def test_a_hit_marks_the_name_not_the_party_beside_it(names):
    hit = search(names, "Астана", limit=100).hits
    capital = next(h for h in hit if h.url.endswith("/ru-capital/"))
    assert "**Нур-Султане**" in capital.snippet and "«Нур Отан»" in capital.snippet
