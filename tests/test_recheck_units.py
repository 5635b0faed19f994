"""Re-checking without a site: the word diff, which articles are due, the status a check leaves."""

from __future__ import annotations

from dataclasses import replace

from archive.diffs import ADDED, REMOVED, SAME, changed_parts, diff_versions, word_diff
from archive.store import Store
from tests.test_store import make_article


def test_spacing_and_line_breaks_are_no_change():
    before = {
        "title": "Ассамблея  народа",
        "text": "Первый абзац.\n\nВторой абзац.",
        "published": "2024-03-01",
    }
    after = {
        "title": "Ассамблея народа",
        "text": "Первый   абзац.\nВторой\tабзац. ",
        "published": "2024-03-01",
    }
    assert changed_parts(before, after) == []
    assert changed_parts(before, {**after, "author": "Пресс-служба"}) == ["author"]
    assert changed_parts(before, {**after, "published": "2024-02-27", "title": "Другое"}) == ["title", "date"]


def test_a_word_diff_rebuilds_both_texts_and_marks_only_the_changed_words():
    old = "В Караганде прошёл форум. В нём участвовали сто человек. Итоги подвели вечером."
    new = "В Караганде прошёл форум. В нём участвовали двести пятьдесят человек. Итоги подвели вечером."
    runs = word_diff(old, new)
    assert [(op, words) for op, words in runs if op != SAME] == [
        (REMOVED, "сто"),
        (ADDED, "двести пятьдесят"),
    ]
    assert " ".join(w for op, w in runs if op != ADDED) == old
    assert " ".join(w for op, w in runs if op != REMOVED) == new
    diff = diff_versions({"title": "Форум", "text": old}, {"title": "Форум", "text": new})
    assert diff.parts == ["text"] and diff.title is None


def test_a_short_diff_keeps_context_around_each_change():
    words = [f"w{i}" for i in range(100)]
    changed = [*words[:50], "NEW", *words[51:]]
    diff = diff_versions({"text": " ".join(words)}, {"text": " ".join(changed)})
    short = diff.short_text(context=3)
    assert short == [(SAME, "… w47 w48 w49"), (REMOVED, "w50"), (ADDED, "NEW"), (SAME, "w51 w52 w53 …")]


def test_due_articles_never_checked_first_then_the_longest_unchecked(store_location):
    with Store(store_location) as store:
        for n in range(4):
            store.save(
                make_article(
                    url=f"https://assembly.kz/ru/news/a{n}/",
                    canonical_url=f"https://assembly.kz/ru/news/a{n}/",
                )
            )
        ids = [row["id"] for row in store.articles_to_check(["assembly"])]
        store.record_check(ids[0], "unchanged")
        store.record_check(ids[1], "unchanged")
        due = [row["id"] for row in store.articles_to_check(["assembly"], limit=3)]
        assert due == [ids[2], ids[3], ids[0]]
        later = store.articles_to_check(["assembly"], checked_before="2000-01-01T00:00:00Z")
        assert [row["id"] for row in later] == [ids[2], ids[3]]


def test_what_a_check_leaves_as_the_status(store_location):
    with Store(store_location) as store:
        store.save(make_article())
        (row,) = store.articles_to_check(["assembly"])
        url, seq = row["canonical_url"], store.max_seq()
        assert store.get(url)["status"] == "unchecked"
        for _ in range(2):  # no answer: still asked first, never gone
            assert store.record_check(row["id"], "unreachable", http_status=503) == "unchecked"
            assert store.get(url)["last_checked"] is None
        store.record_check(row["id"], "unreachable")  # the third in a row: to the back of the queue
        assert store.get(url)["last_checked"] is not None and store.max_seq() == seq
        assert store.record_check(row["id"], "gone", http_status=404) == "gone"
        assert store.max_seq() > seq  # the index takes the new status up
        assert store.record_check(row["id"], "unchanged") == "unchanged"  # it came back
        store.save(replace(make_article(), text="Новый текст статьи."))  # a crawl found an edit
        assert store.get(url)["status"] == "edited"
        assert store.record_check(row["id"], "unchanged") == "edited"  # edited stays edited
        assert [c["outcome"] for c in store.checks_of(url)] == [
            "unreachable",
            "unreachable",
            "unreachable",
            "gone",
            "unchanged",
            "unchanged",
        ]
        assert store.version_counts([url]) == {url: 2}
