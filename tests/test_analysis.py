"""Tests for the per-language analyzers, with real pymorphy3 and a real Whoosh index."""

import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from whoosh import index
from whoosh.fields import ID, TEXT, Schema
from whoosh.qparser import MultifieldParser

from indexer import russian
from indexer.analysis import (
    ANALYZER_VERSION,
    RussianLemmaFilter,
    analyzer_for,
    english_analyzer,
    kazakh_analyzer,
    lemmatize,
    russian_analyzer,
)

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def terms(analyzer, text, **kwargs):
    return [token.text for token in analyzer(text, **kwargs)]


@pytest.fixture(scope="module")
def ru():
    return russian_analyzer()


def test_city_forms_share_a_term(ru):
    assert terms(ru, "Таразе") == terms(ru, "Тараз") == ["тараз"]


def test_assembly_forms_give_the_lemma(ru):
    assert terms(ru, "ассамблеи ассамблеей Ассамблея") == ["ассамблея"] * 3


def test_yo_is_folded_before_and_after_lemmatising(ru):
    assert lemmatize("всё") == lemmatize("все") == lemmatize("ВСЁ") == "все"
    assert terms(ru, "Ёлка") == terms(ru, "елка") == ["елка"]


def test_hyphenated_words_stay_whole(ru):
    assert terms(ru, "в Нур-Султане") == ["нур-султан"]
    assert terms(ru, "Усть-Каменогорске") == ["усть-каменогорск"]
    assert terms(ru, "к 30-летия") == ["30-летие"]
    # A non-breaking hyphen (U+2011) and a soft hyphen inside a word are spelling, not words.
    assert terms(ru, "Нур\u2011Султане") == ["нур-султан"]
    assert terms(ru, "Ассам\u00adблеи") == ["ассамблея"]


def test_surname_forms_agree_and_common_plurals_stay_nouns(ru):
    assert set(terms(ru, "Токаев Токаева Токаеву Токаевым")) == {"токаев"}
    assert set(terms(ru, "Тугжанов Тугжанова Тугжановым")) == {"тугжанов"}
    assert set(terms(ru, "Назарбаев Назарбаевой")) == {"назарбаев"}
    assert terms(ru, "городов акимов народов") == ["город", "аким", "народ"]


def test_numbers_latin_and_kazakh_words_pass_unchanged(ru):
    assert terms(ru, "COVID-19 в 2024 году, Astana Hub") == [
        "covid-19",
        "2024",
        "год",
        "astana",
        "hub",
    ]
    assert terms(ru, "Қазақстан") == ["қазақстан"]


def test_only_function_words_are_stopped(ru):
    assert terms(ru, "и в что он на с как от его она") == []
    assert terms(ru, "1 мая народ мир") == ["1", "май", "народ", "мир"]


def test_offsets_slice_the_original_words_back(ru):
    text = "Заседание Ассамблеи народа Казахстана прошло в Нур-Султане, а затем в Таразе."
    tokens = [(t.text, t.pos, t.startchar, t.endchar) for t in ru(text, positions=True, chars=True)]
    assert [text[start:end] for _, _, start, end in tokens] == [
        "Заседание",
        "Ассамблеи",
        "народа",
        "Казахстана",
        "прошло",
        "Нур-Султане",
        "затем",
        "Таразе",
    ]
    assert [term for term, *_ in tokens][:4] == ["заседание", "ассамблея", "народ", "казахстан"]


def test_lemma_filter_keeps_positions_and_offsets(ru):
    text = "С Ассамблеей и в Таразе, и в Нур-Султане."
    unlemmatised = ru.items[:-1]
    without_lemmas = [
        (t.pos, t.startchar, t.endchar) for t in _chain(unlemmatised)(text, positions=True, chars=True)
    ]
    with_lemmas = [(t.pos, t.startchar, t.endchar) for t in ru(text, positions=True, chars=True)]
    assert with_lemmas == without_lemmas
    assert len(with_lemmas) == 3


def _chain(items):
    analyzer = items[0]
    for item in items[1:]:
        analyzer = analyzer | item
    return analyzer


def test_query_mode_gives_every_reading_including_the_index_term(ru):
    # Changed with issue 5: a lone query word matches each of its readings ("Таразе" may be
    # "Тараз" or "Тараза"), an indexed word is read once, in context.
    text = "Ассамблеей народа Казахстана в Таразе Токаева"
    by_position = {}
    for token in ru(text, positions=True, mode="query"):
        by_position.setdefault(token.pos, set()).add(token.text)
    indexed = [(t.pos, t.text) for t in ru(text, positions=True, mode="index")]
    assert all(term in by_position[pos] for pos, term in indexed)
    assert terms(ru, "стали", mode="query") == ["стать", "сталь"]


def test_verb_or_noun_is_read_in_context(ru):
    assert terms(ru, "Они стали участниками форума", mode="index") == ["стать", "участник", "форум"]
    assert terms(ru, "памятник из стали", mode="index") == ["памятник", "сталь"]
    assert terms(ru, "о выплавке стали", mode="index") == ["выплавка", "сталь"]
    assert terms(ru, "Лейтмотивом лектория стали принципы", mode="index")[2] == "стать"


def test_hyphenated_words_are_indexed_whole_and_by_parts(ru):
    assert terms(ru, "в Нур-Султане", mode="index") == ["нур-султан", "нур", "султан"]
    assert terms(ru, "Усть-Каменогорске", mode="index") == ["усть-каменогорск", "усть", "каменогорск"]
    tokens = list(ru("в Нур-Султане", positions=True, chars=True, mode="index"))
    assert len({t.pos for t in tokens}) == 1  # one position: phrases across it still match
    assert [("в Нур-Султане"[t.startchar : t.endchar]) for t in tokens] == ["Нур-Султане", "Нур", "Султане"]


def test_filter_state_leaves_out_morphology_and_cache(ru):
    terms(ru, "Ассамблеей")  # loads the MorphAnalyzer and fills the cache
    lemma_filter = ru.items[-1]
    assert isinstance(lemma_filter, RussianLemmaFilter)
    assert lemma_filter.__getstate__() == {"version": ANALYZER_VERSION}
    assert len(pickle.dumps(lemma_filter)) < 200
    assert pickle.loads(pickle.dumps(ru)) == russian_analyzer()
    assert RussianLemmaFilter() != kazakh_analyzer().items[-1]


def test_pickled_analyzer_works_in_a_fresh_process(ru):
    pickled = pickle.dumps(ru)
    script = (
        "import pickle, sys\n"
        "analyzer = pickle.loads(sys.stdin.buffer.read())\n"
        "assert 'pymorphy3' not in sys.modules, 'unpickling should not load the morphology'\n"
        "print(' '.join(t.text for t in analyzer('Ассамблеей в Таразе')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        input=pickled,
        capture_output=True,
        cwd=PROJECT_ROOT,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode().split() == ["ассамблея", "тараз"]


def test_lemma_cache_is_bounded(monkeypatch):
    # The Russian morphology moved to indexer/russian.py with issue 5.
    monkeypatch.setattr(russian, "LEMMA_CACHE_LIMIT", 5)
    # an empty cache of its own: words cached by earlier tests would never reach the limit check
    monkeypatch.setattr(russian, "_lemma_cache", {})
    for word in ["дом", "дома", "домов", "город", "города", "городов", "народ", "народа"]:
        lemmatize(word)
        assert len(russian._lemma_cache) <= 5
    assert lemmatize("городов") == "город"


def test_kazakh_words_are_stemmed_not_lemmatised_as_russian():
    # Changed with issue 5: Kazakh has its own stemmer now (indexer/kazakh.py).
    kk = kazakh_analyzer()
    assert terms(kk, "Жастар") == ["жас"]
    assert terms(kk, "Үкімет және Қазақстан халқы Ассамблеясы") == [
        "үкімет",
        "қазақстан",
        "халық",
        "ассамблея",
        "ассамблеяс",
    ]
    assert terms(kk, "Qazaqstan halqy Assambleiasynyñ") == terms(kk, "Қазақстан халқы Ассамблеясының")


def test_analyzer_for_knows_each_language():
    assert analyzer_for("ru") == russian_analyzer()
    assert analyzer_for("kk") == kazakh_analyzer()
    with pytest.raises(KeyError):
        analyzer_for("de")


def test_english_forms_share_a_stem():
    en = english_analyzer()
    assert terms(en, "meetings") == terms(en, "meeting") == ["meet"]
    assert terms(en, "the Assembly of People of Kazakhstan") == ["assembl", "peopl", "kazakhstan"]


DOCUMENTS = {
    "ru-taraz": {"text_ru": "В Таразе подписан меморандум"},
    "ru-meeting": {"text_ru": "Встреча с ассамблеей прошла в Нур-Султане"},
    "kk-youth": {"text_kk": "Қазақстан халқы Ассамблеясының жастар қанаты жиналды"},
    "en-meetings": {"text_en": "The Assembly held two meetings in Astana"},
}


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    directory = tmp_path_factory.mktemp("index")
    schema = Schema(
        id=ID(stored=True, unique=True),
        text_ru=TEXT(analyzer=russian_analyzer(), stored=True),
        text_kk=TEXT(analyzer=kazakh_analyzer(), stored=True),
        text_en=TEXT(analyzer=english_analyzer(), stored=True),
    )
    writer = index.create_in(directory, schema).writer()
    for doc_id, fields in DOCUMENTS.items():
        writer.add_document(id=doc_id, **fields)
    writer.commit()
    # Search through a reopened index, whose schema and analyzers come back from the pickle.
    reopened = index.open_dir(directory)
    with reopened.searcher() as searcher:
        yield searcher


def found(searcher, query_text):
    parser = MultifieldParser(["text_ru", "text_kk", "text_en"], searcher.schema)
    return {hit["id"] for hit in searcher.search(parser.parse(query_text))}


def test_search_finds_russian_forms(searcher):
    assert found(searcher, "Тараз меморандум") == {"ru-taraz"}
    # Changed with issue 5: the Kazakh "Ассамблеясының" stems to the same word.
    assert found(searcher, "Ассамблея") == {"ru-meeting", "kk-youth"}
    assert found(searcher, "Нур-Султан") == {"ru-meeting"}
    # Stop words leave no gap in positions, so a phrase across one still matches.
    assert found(searcher, '"встречи с Ассамблеей"') == {"ru-meeting"}


def test_search_ignores_function_words_in_every_field(searcher):
    assert found(searcher, "от Ассамблеи") == {"ru-meeting"}
    assert found(searcher, "the meeting") == {"en-meetings"}


def test_search_finds_english_and_kazakh(searcher):
    assert found(searcher, "meeting") == {"en-meetings"}
    assert found(searcher, "жастар") == {"kk-youth"}


def test_highlights_mark_the_original_word(searcher):
    parser = MultifieldParser(["text_ru", "text_kk", "text_en"], searcher.schema)
    hit = searcher.search(parser.parse("Тараз"))[0]
    assert "<b" in hit.highlights("text_ru") and ">Таразе</b>" in hit.highlights("text_ru")
