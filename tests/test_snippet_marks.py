"""The marks a query's words get are kept for the query's next hits: a word marked for one query's
terms is not marked for another's, and a snippet made from kept marks is the one made afresh."""

from __future__ import annotations

from indexer.index import build_schema
from search import snippets
from search.snippets import MARK, snippet_for

SCHEMA = build_schema()
FIELDS = ["text_ru", "loose_ru", "exact_text"]
TEXT = (
    "28 сентября в Таразе подписан меморандум от имени ассамблеи. Тараз готовится к форуму. "
    + "Делегаты обсудили планы. " * 30
    + "В Таразе открылся Дом дружбы, ассамблея провела форум."
)


def test_kept_marks_give_the_snippet_made_afresh_and_follow_the_terms():
    snippets._marks_by_terms.clear()
    taraz = snippet_for(SCHEMA, {"text_ru": {"тараз"}}, FIELDS, TEXT)
    assert snippets._marks_by_terms  # kept for the next hit
    assert snippet_for(SCHEMA, {"text_ru": {"тараз"}}, FIELDS, TEXT) == taraz
    assert f"{MARK}Таразе{MARK}" in taraz and f"{MARK}форуму{MARK}" not in taraz
    forum = snippet_for(SCHEMA, {"text_ru": {"форум"}}, FIELDS, TEXT)
    assert f"{MARK}форуму{MARK}" in forum and f"{MARK}Таразе{MARK}" not in forum
    snippets._marks_by_terms.clear()
    assert snippet_for(SCHEMA, {"text_ru": {"форум"}}, FIELDS, TEXT) == forum
    both = snippet_for(SCHEMA, {"text_ru": {"форум"}, "loose_ru": {"taraz"}}, FIELDS, TEXT)
    assert f"{MARK}Таразе{MARK}" in both and f"{MARK}форуму{MARK}" in both


def test_the_kept_marks_are_bounded(monkeypatch):
    snippets._marks_by_terms.clear()
    monkeypatch.setattr(snippets, "MARKED_QUERIES", 3)
    for term in ["тараз", "форум", "ассамблея", "дом", "дружба"]:
        snippet_for(SCHEMA, {"text_ru": {term}}, FIELDS, TEXT)
    assert 0 < len(snippets._marks_by_terms) <= 3  # the last queries' marks, never more than the bound
