"""Reposts are copies of one text, translations one release: the pair sets of bench/links, formula
releases as the replicas write them, and `apknews links` with its doubts."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys

import pytest

from archive.articles import Article
from archive.links import relink
from archive.links.doubts import doubts
from archive.store import Store
from bench.links import load_reposts, load_translations
from bench.links.scorer import score_reposts, score_translations
from replicas.kit import body_paragraphs
from tests.conftest import ROOT, run_apknews


@pytest.fixture(scope="module")
def repost_score():
    return score_reposts()


@pytest.fixture(scope="module")
def translation_score():
    return score_translations()


def test_every_copy_of_a_text_is_linked_and_no_formulaic_release(repost_score):
    named = [pair for pair, _, _ in repost_score.named]
    assert sum(p.link for p in named) >= 20 and sum(not p.link for p in named) >= 20
    assert repost_score.missed == set(), "copies left apart"
    assert repost_score.false == set(), "different texts linked"
    assert repost_score.must_not_linked() == []
    assert (repost_score.recall, repost_score.precision) == (1.0, 1.0)


def test_every_release_is_linked_to_its_translations_and_no_other_release_of_the_day(translation_score):
    named = [pair for pair, _, _ in translation_score.named]
    assert sum(p.link for p in named) >= 12 and sum(not p.link for p in named) >= 10
    assert translation_score.missed == set(), "translations left apart"
    assert translation_score.false == set(), "releases of other events linked"
    assert (translation_score.recall, translation_score.precision) == (1.0, 1.0)


def test_score_links_prints_the_figures():
    done = subprocess.run(
        [sys.executable, "scripts/score_links.py", "--format", "json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout)
    for kind in ("repost", "translation"):
        assert figures[kind]["recall"] == figures[kind]["precision"] == 1.0
        assert figures[kind]["missed"] == figures[kind]["false"] == []
    table = subprocess.run(
        [sys.executable, "scripts/score_links.py"], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert table.returncode == 0
    assert "repost: recall 1.000 (20/20 must-link pairs), precision 1.000" in table.stdout
    assert "BAD" not in table.stdout


@pytest.fixture(scope="module")
def linked_pairs(tmp_path_factory):
    """Both pair sets in one archive, linked: a data folder for `apknews links`."""
    data_dir = tmp_path_factory.mktemp("pairs")
    reposts, translations = load_reposts(), load_translations()
    with Store(data_dir / "apknews.sqlite3") as store:
        for article in [*reposts.articles.values(), *translations.articles.values()]:
            store.save(article)
        relink(store, sisters=translations.sisters)
        links = store.all_links()
    return data_dir, reposts, translations, links


def test_each_link_keeps_its_score_and_reason(linked_pairs):
    _, reposts, translations, links = linked_pairs
    by_urls = {(link["a_url"], link["t_url"]): link for link in links}
    copy, original = reposts.articles["contest-taraz"], reposts.articles["contest-assembly"]
    link = by_urls[(copy.url, original.url)]
    assert link["kind"] == "repost" and link["score"] == pytest.approx(0.783, abs=0.001)
    assert "78% of the shorter copy word for word" in link["reason"]
    assert "none swapped; 1 day apart" in link["reason"]
    ru, kk = translations.articles["xxix-ru"], translations.articles["xxix-kk"]
    [link] = [link for urls, link in by_urls.items() if set(urls) == {ru.url, kk.url}]
    assert link["kind"] == "translation" and link["score"] >= 0.5
    assert link["reason"].startswith("same source, the same day:")


def test_links_check_lists_the_doubtful_with_their_scores(linked_pairs):
    data_dir, reposts, _, links = linked_pairs
    result = run_apknews(data_dir, "links", "--check")
    assert result.returncode == 0, result.stderr
    first, *blocks = result.stdout.split("\n\n")
    assert first.endswith(f"doubtful of {len(links)} links (17 reposts, 13 translations)")
    assert int(first.split()[0]) == len(blocks) < len(links)
    # a month between two copies, headlines that share no word, an overlap near the threshold
    later = reposts.articles["veterans-temirtau-regional"].url
    [block] = [block for block in blocks if later in block]
    assert block.startswith("repost score 1.00") and "doubt: published 32 days apart" in block
    assert "doubt: the headlines have no word in common" in result.stdout
    as_json = run_apknews(data_dir, "links", "--check", "--format", "json").json()
    assert as_json["links"] == len(links) and all(item["doubts"] for item in as_json["listed"])
    every = run_apknews(data_dir, "links", "--kind", "translation", "--format", "json").json()
    assert len(every["listed"]) == 13 and {item["kind"] for item in every["listed"]} == {"translation"}


def test_a_score_near_its_threshold_is_a_doubt():
    link = {
        "kind": "repost",
        "score": 0.55,
        "reason": "",
        "a_published": "2021-03-01",
        "t_published": "2021-03-01",
        "a_title": "Наградили победителей конкурса чтецов",
        "t_title": "В Жамбылской области наградили победителей конкурса",
    }
    [doubt] = doubts([link, {**link, "score": 0.8}])
    assert doubt.why == ("overlap 0.55 near the threshold 0.5",)
    translation = {**link, "kind": "translation", "score": 0.52}
    assert doubts([translation])[0].why == ("score 0.52 near the threshold 0.5",)
    assert doubts([{**translation, "score": None}]) == []  # the page itself links its translation


def _formula_release(number: int, title: str, day: int) -> Article:
    """A release written as the replicas write them: its headline in the first sentence, the rest
    sentences of the office's formula."""
    url = f"https://example.kz/ru/news/{number}/"
    return Article(
        url=url,
        canonical_url=url,
        source=("govkz", "taraz-ank", "ddakmo")[number % 3],
        lang="ru",
        title=title,
        text="\n\n".join(body_paragraphs("ru", title, number)),
        published=f"2021-02-{day:02d}",
        fetched_at="2026-01-01T00:00:00Z",
    )


FORMULA_TITLES = [
    "Дом дружбы провел конкурс чтецов",
    "Члены АНК посетили ветеранов",
    "Ассамблея народа Казахстана поддержала волонтеров",
    "Медиаторы Ассамблеи провели занятия в школах",
    "Дом дружбы подвел итоги года",
    "Совет матерей провел встречу с многодетными семьями",
    "Ассамблея народа Казахстана провела семинар для журналистов",
    "В Доме дружбы открылся кабинет казахского языка",
    "Этнокультурные объединения Жамбылской области подвели итоги",
    "Кабинет медиации Ассамблеи открылся в Таразе",
    "Дом дружбы отметил Международный день родного языка",
    "Конкурс чтецов «Менің Қазақстаным»",
]


def test_releases_sharing_formula_sentences_are_not_reposts(tmp_path):
    releases = [_formula_release(n, title, 1 + n * 2) for n, title in enumerate(FORMULA_TITLES)]
    # one real repost among them: another site's copy of the fourth, with a line of its own
    copy = dataclasses.replace(
        releases[3],
        url="https://informburo.kz/novosti/mediatory.html",
        canonical_url="https://informburo.kz/novosti/mediatory.html",
        source="informburo",
        title="Медиаторы провели занятия для школьников",
        text=releases[3].text + "\n\nПодписывайтесь на наш Telegram-канал.",
        published="2021-02-09",
    )
    with Store(tmp_path / "apknews.sqlite3") as store:
        for article in [*releases, copy]:
            store.save(article)
        report = relink(store)
        links = store.all_links()
    assert report.reposts == 1
    assert [(link["a_url"], link["t_url"]) for link in links] == [(copy.url, releases[3].url)]
    assert "formula sentences left out" in links[0]["reason"]


def test_relinking_replaces_links_made_by_earlier_rules(tmp_path):
    data_dir = tmp_path
    reposts = load_reposts()
    jan, feb = reposts.articles["mothers-taraz-jan"], reposts.articles["mothers-taraz-feb"]
    with Store(data_dir / "apknews.sqlite3") as store:
        store.save(jan)
        store.save(feb)
        ids = {row["canonical_url"]: row["id"] for row in store.linkable_articles()}
        # what the MinHash rule alone used to store: one template's releases as one text
        store.replace_links([(ids[feb.url], ids[jan.url], "repost", 0.77, "same text (MinHash/LSH)")])
    checked = run_apknews(data_dir, "links", "--check")
    assert "1 doubtful of 1 links" in checked.stdout and "doubt: published 28 days apart" in checked.stdout
    relinked = run_apknews(data_dir, "links", "--relink")
    assert relinked.returncode == 0, relinked.stderr
    assert relinked.stdout.splitlines()[:2] == [
        "relinked: 0 reposts, 0 translations",
        "0 links (0 reposts, 0 translations)",
    ]


def test_a_text_republished_years_later_is_no_formula_for_its_first_copies(tmp_path):
    reposts = load_reposts()
    contest = [reposts.articles[i] for i in ("contest-assembly", "contest-inform", "contest-taraz")]
    # the same text again three years on under another headline: no link (other event, other
    # headline), yet its sentences stay the story's own, so the first copies still link
    later = dataclasses.replace(
        contest[1],
        url="https://dknews.kz/ru/arhiv/konkurs-chtecov.html",
        canonical_url="https://dknews.kz/ru/arhiv/konkurs-chtecov.html",
        source="dknews",
        title="Из архива: как это было",
        published="2024-05-01",
    )
    with Store(tmp_path / "apknews.sqlite3") as store:
        for article in [*contest, later]:
            store.save(article)
        relink(store)
        links = {(link["a_url"], link["t_url"]) for link in store.all_links()}
    assert links == {(contest[1].url, contest[0].url), (contest[2].url, contest[0].url)}
