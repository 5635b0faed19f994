"""Reposts and translations: pairs of gold pages that must be linked, and pairs that must not."""

from __future__ import annotations

import dataclasses

import pytest

from archive.articles import Article
from archive.links import relink
from archive.links.reposts import compare_copies
from archive.sources import load_sources
from archive.store import Store
from bench.gold.scorer import load_gold, score_case
from tests.conftest import run_apknews
from tests.postgres_cluster import ENGINES

ASSEMBLY_SESSION = "https://assembly.kz/ru/news/xxxii-sessiya-assamblei-naroda-kazahstana-proshla-v-astane/"
ASSEMBLY_MEMORANDUM = (
    "https://assembly.kz/ru/news/v-taraze-podpisan-mnogostoronniy-memorandum-mezhdu-molodezhyu-regiona/"
)
ASSEMBLY_GRATITUDE = "https://assembly.kz/ru/news/den-blagodarnosti-otmetili-v-karagande/"
KK_SESSION = "https://assembly.kz/news/astanada-aza-stan-hal-y-assambleyasyny-xxxii-sessiyasy-tti/"
EN_SESSION = (
    "https://assembly.kz/en/news/the-32nd-session-of-the-assembly-of-people-of-kazakhstan-held-in-astana/"
)
TARAZ_MEMORANDUM = (
    "https://taraz-ank.kz/ru/v-taraze-podpisan-mnogostoronniy-memorandum-mezhdu-molodezhyu-regiona"
)
KAZPRAVDA_SESSION = "https://kazpravda.kz/n/glava-gosudarstva-prinyal-uchastie-v-sessii-ank/"
KAZPRAVDA_OTHER_REPORT = "https://kazpravda.kz/n/prezident-yazyk-vrazhdy-trebuet-zhestkogo-otveta/"
INFORM_GRATITUDE = "https://www.inform.kz/ru/den-blagodarnosti-otmetili-v-karagande-a1b2c3"


@pytest.fixture(scope="module")
def gold_articles() -> dict[str, Article]:
    """Every gold page extracted, by URL."""
    sources = load_sources()
    articles = {}
    for case in load_gold():
        article = score_case(case, sources).article
        articles[article.url] = article
    return articles


def links_by_url(store: Store) -> set[tuple[str, str, str]]:
    rows = store.db.execute(
        """SELECT a.url AS article, t.url AS target, l.kind FROM article_links l
           JOIN articles a ON a.id = l.article_id JOIN articles t ON t.id = l.target_id"""
    )
    return {(r["article"], r["target"], r["kind"]) for r in rows}


@pytest.fixture(scope="module", params=ENGINES)
def linked(request, gold_articles, tmp_path_factory):
    """The gold pages saved and linked, once in a SQLite store and once in a PostgreSQL one."""
    location = tmp_path_factory.mktemp("links") / "apknews.sqlite3"
    if request.param == "postgresql":
        location = request.getfixturevalue("postgres_cluster").new_database()
    store = Store(location)
    # Saved newest first: the earliest copy must win by its date, not by the order it arrived in.
    for article in sorted(gold_articles.values(), key=lambda a: a.published or "", reverse=True):
        store.save(article)
    report = relink(store)
    yield store, report
    store.close()


def test_a_repost_with_a_new_headline_other_first_sentence_and_closing_line_links_to_the_original(linked):
    store, _ = linked
    links = links_by_url(store)
    assert (TARAZ_MEMORANDUM, ASSEMBLY_MEMORANDUM, "repost") in links
    assert (KAZPRAVDA_SESSION, ASSEMBLY_SESSION, "repost") in links
    assert (INFORM_GRATITUDE, ASSEMBLY_GRATITUDE, "repost") in links
    # the original is never marked as a copy of its own reposts
    originals = {ASSEMBLY_MEMORANDUM, ASSEMBLY_SESSION, ASSEMBLY_GRATITUDE}
    assert not {(a, t) for a, t, kind in links if kind == "repost" and a in originals}


def test_both_copies_stay_in_the_archive(linked, gold_articles):
    store, _ = linked
    assert store.count() == len(gold_articles)
    assert store.get(TARAZ_MEMORANDUM)["title"] != store.get(ASSEMBLY_MEMORANDUM)["title"]


def test_two_reports_of_the_same_event_on_the_same_day_do_not_merge(linked, gold_articles):
    store, _ = linked
    other, session = gold_articles[KAZPRAVDA_OTHER_REPORT], gold_articles[ASSEMBLY_SESSION]
    assert other.published == session.published == "2023-04-27"
    assert not [link for link in links_by_url(store) if KAZPRAVDA_OTHER_REPORT in link[:2]]
    assert compare_copies(vars(other), vars(session)).linked is False


def test_translations_linked_by_the_language_switch(linked):
    store, _ = linked
    pairs = {frozenset((a, t)) for a, t, kind in links_by_url(store) if kind == "translation"}
    assert frozenset((KK_SESSION, ASSEMBLY_SESSION)) in pairs
    assert frozenset((EN_SESSION, ASSEMBLY_SESSION)) in pairs
    assert frozenset((KK_SESSION, EN_SESSION)) in pairs
    # a translation is not a repost, and other sources' reports are not translations
    assert not [
        1 for a, t, kind in links_by_url(store) if kind == "repost" and {a, t} & {KK_SESSION, EN_SESSION}
    ]
    assert not [p for p in pairs if KAZPRAVDA_SESSION in p]


def test_translations_linked_by_date_and_names_without_links(gold_articles, store_location):
    unlinked = {
        u: dataclasses.replace(gold_articles[u], alternates=[]) for u in (ASSEMBLY_SESSION, EN_SESSION)
    }
    # the same day, the same picture, but another story: names disagree, so no link
    other = dataclasses.replace(
        gold_articles[
            "https://assembly.kz/en/news/day-of-unity-of-the-people-of-kazakhstan-celebrated-across-the-country/"
        ],
        published="2023-04-27",
        images=unlinked[EN_SESSION].images,
    )
    # two days later, the same picture and names: not one release's day, no link either
    kk_later = dataclasses.replace(gold_articles[KK_SESSION], alternates=[], published="2023-04-29")
    with Store(store_location) as store:
        for article in [*unlinked.values(), other, kk_later]:
            store.save(article)
        report = relink(store)
        pairs = {frozenset((a, t)) for a, t, kind in links_by_url(store) if kind == "translation"}
        [link] = [link for link in store.all_links() if link["kind"] == "translation"]
    assert pairs == {frozenset((ASSEMBLY_SESSION, EN_SESSION))}
    assert report.translations == 1
    assert link["score"] >= 0.5 and link["reason"].startswith("same source, the same day")


def test_a_translation_published_the_next_day_is_linked(gold_articles, store_location):
    kk_next_day = dataclasses.replace(gold_articles[KK_SESSION], alternates=[], published="2023-04-28")
    ru = dataclasses.replace(gold_articles[ASSEMBLY_SESSION], alternates=[])
    with Store(store_location) as store:
        store.save(ru)
        store.save(kk_next_day)
        relink(store)
        pairs = {frozenset((a, t)) for a, t, kind in links_by_url(store) if kind == "translation"}
    assert pairs == {frozenset((ASSEMBLY_SESSION, KK_SESSION))}


def test_relinking_is_idempotent_and_reuses_signatures(linked):
    store, first = linked
    before = links_by_url(store)
    again = relink(store)
    assert links_by_url(store) == before
    assert again.signatures_computed == 0
    assert (again.reposts, again.translations) == (first.reposts, first.translations)


def test_show_marks_both_copies_and_lists_translations(linked, tmp_path, monkeypatch):
    store, _ = linked
    data_dir = tmp_path if store.server else store.path.parent
    if store.server:  # the CLI reads the PostgreSQL store named by the environment
        monkeypatch.setenv("APKNEWS_STORE", store.path)
    copy = run_apknews(data_dir, "show", TARAZ_MEMORANDUM)
    assert copy.returncode == 0, copy.stderr
    assert f"repost of: {ASSEMBLY_MEMORANDUM} (29 September 2021, assembly)" in copy.stdout.splitlines()
    original = run_apknews(data_dir, "show", ASSEMBLY_SESSION).stdout.splitlines()
    assert f"reposted as: {KAZPRAVDA_SESSION} (27 April 2023, kazpravda)" in original
    assert f"translation (kk): {KK_SESSION}" in original and f"translation (en): {EN_SESSION}" in original
    assert not [line for line in original if KAZPRAVDA_OTHER_REPORT in line]


def test_a_latin_script_copy_of_a_kazakh_text_is_a_repost(linked):
    store, _ = linked
    zakon = "https://www.zakon.kz/obshestvo/6714512-al-ys-aytu-k-ni-al-ash-ret-ata.html"
    latin = "https://lat.egemen.kz/article/21348-al-ys-aytu-k-ni-al-ash-ret-atalyp-tti"
    assert store.get(latin)["script"] == "Latn" and store.get(zakon)["script"] == "Cyrl"
    assert (zakon, latin, "repost") in links_by_url(store)  # lat.egemen.kz had it first (2015)
