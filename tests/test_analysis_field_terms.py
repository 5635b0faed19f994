"""field_terms reads a text in one pass exactly as each field's analyzer does when indexing."""

from __future__ import annotations

import pickle

import pytest
from whoosh.analysis import StandardAnalyzer

from indexer import field_terms
from indexer.analysis import exact_analyzer
from indexer.caches import remember
from indexer.field_terms import FieldReading, JoinedText, folded_words
from indexer.index import build_schema
from replicas.assembly_data import assembly_articles

# Words read in context ("стали"), hyphens of every kind, stop words first and alone, stress and
# soft hyphens, ё, Latin and Kazakh in each language's text, numbers, dotted words.
TRICKY_TEXTS = [
    "",
    "и в на",
    "И в Нур-Султане стали участниками форума",
    "Из стали. Дети стали взрослые. О выплавке стали. Участниками стали члены ассамблеи. Они стали работать",
    "Лейтмотивом лектория стали принципы; производства стали выросли",
    "Усть-Каменогорск, 30-летия, Нур\u2011Султан, Нур\u2010Султан, из-за, -тире- и кое-кто",
    "Ассам\u00adблеи Ассамбле́я всё Ёлка ВСЁ",
    "г.Алматы 1 мая 2024 года, №5",
    "Kazakhtanu Qazaqtanu meetings of the Assembly it us may",
    "Таразда Қазақстан халқы Ассамблеясының мерекесі өтті, қаласы облысы күні",
    "Токаев Токаева Тугжанов акимов İstanbul STRASSE straße",
    "стали",
    "в стали",
    # Apostrophes (2017 Latin, English possessives), acutes, combining forms, Kazakh in Russian letters.
    "Jan'g'yry' joly qozg’alysy Qazaq'stan Tokayev's 'Astana' students' rock'n'roll",
    "Janǵyrý joly Qazaqstan halqy Assambleıasy Óskemen",
    "семинар по этно-медиации, медиа-центр, Касым-Жомарта Токаева, Наурыза, Наурызом, Наурыз",
    "Жангыру жолы, Достык уйинде, облыстын, Таразга, Кыстаудагы",
]


@pytest.fixture(scope="module")
def schema():
    return build_schema()


def analysed_fields(schema):
    return [name for name in schema.names() if name.startswith(("title_", "text_", "loose_", "exact_"))]


def by_analyzer(analyzer, text: str) -> dict[str, list[int]]:
    """Each term and its positions, from the analyzer run token by token as Whoosh runs it to index."""
    found: dict[str, list[int]] = {}
    for token in analyzer(text, positions=True, boosts=True, mode="index"):
        assert not token.stopped
        found.setdefault(token.text, []).append(token.pos)
    return found


def replica_texts() -> list[str]:
    articles = assembly_articles()
    return [a["title"] for a in articles] + [a["text"] for a in articles]


def test_every_analysed_field_of_the_schema_is_read_in_one_pass(schema):
    for name in analysed_fields(schema):
        assert FieldReading.of(schema[name].analyzer) is not None, name


@pytest.mark.parametrize("text", TRICKY_TEXTS)
def test_terms_and_positions_are_the_analyzers(schema, text):
    for name in analysed_fields(schema):
        analyzer = schema[name].analyzer
        assert FieldReading.of(analyzer).terms(text) == by_analyzer(analyzer, text), name


def test_real_articles_give_the_analyzers_terms(schema):
    texts = replica_texts()
    for name in analysed_fields(schema):
        reading = FieldReading.of(schema[name].analyzer)
        for text in texts:
            assert reading.terms(text) == by_analyzer(schema[name].analyzer, text), (name, text[:40])


def test_a_joined_title_and_text_reads_as_one_text(schema):
    title, text = "Из стали", "стали участниками. Нур-Султан"
    joined = JoinedText(title, text)
    assert joined == title + "\n" + text
    for name in analysed_fields(schema):
        analyzer = schema[name].analyzer
        # Context crosses the line break: the first "стали" of the text follows the title's.
        assert FieldReading.of(analyzer).terms(joined) == by_analyzer(analyzer, title + "\n" + text), name


def test_a_joined_text_pickles_with_its_parts():
    joined = pickle.loads(pickle.dumps(JoinedText("Заголовок", "Текст"), protocol=2))
    assert type(joined) is JoinedText
    assert (joined, joined.parts) == ("Заголовок\nТекст", ("Заголовок", "Текст"))
    assert folded_words(joined) == ["заголовок", "текст"]


def test_word_caches_start_over_when_full(schema, monkeypatch):
    monkeypatch.setattr(field_terms, "WORD_CACHE_LIMIT", 3)
    monkeypatch.setattr(field_terms, "_folded", {})
    reading = FieldReading.of(schema["text_ru"].analyzer)
    monkeypatch.setattr(reading, "cache", {})
    text = "Таразе подписан меморандум о дружбе и согласии народов"
    assert reading.terms(text) == by_analyzer(schema["text_ru"].analyzer, text)
    assert len(field_terms._folded) <= 3 and len(reading.cache) <= 3


def test_other_analyzers_are_left_to_whoosh(schema):
    assert FieldReading.of(StandardAnalyzer()) is None
    assert FieldReading.of(exact_analyzer() | StandardAnalyzer().items[-1]) is None
    assert FieldReading.of(schema["canonical_url"].analyzer) is None


def test_a_full_word_cache_keeps_the_words_it_learnt_first():
    cache: dict[str, int] = {}
    for n, word in enumerate(["и", "в", "на", "редкое", "слово", "ещё", "одно"]):
        remember(cache, word, n, limit=4)
        assert len(cache) <= 4
    # The common words came first and stay; of the rare ones, the last.
    assert list(cache) == ["и", "в", "одно"]
