"""What a site does wrong, and what the crawl makes of it: each fault of the replicas, one test each."""

from __future__ import annotations

import textwrap

from tests.multisite import ledger, query, run, serve, stored
from tests.test_sources_crawl import crawl, site  # noqa: F401  (the module's crawl of all four replicas)

BACKOFF = 0.4  # APKNEWS_RETRY_BACKOFF in tests.multisite.CRAWL_ENV


def article(crawl, source: str, slug_part: str) -> dict:  # noqa: F811
    found = [a for a in stored(crawl.data_dir, source) if slug_part in a["url"]]
    assert len(found) == 1, (slug_part, [a["url"] for a in stored(crawl.data_dir, source)])
    return found[0]


def test_503_twice_then_the_page_is_retried_with_growing_back_off(crawl):  # noqa: F811
    path = "/ru/etnokulturnye-obedineniya-pavlodara-proveli-festival-0c22ee"
    times = site(crawl, "inform").faults.times[path]
    assert len(times) == 3  # 503, 503, 200
    first_gap, second_gap = times[1] - times[0], times[2] - times[1]
    assert first_gap >= BACKOFF and second_gap >= 2 * BACKOFF
    assert (
        article(crawl, "inform", "0c22ee")["title"]
        == "Этнокультурные объединения Павлодара провели фестиваль"
    )


def test_502_and_500_once_then_stored(crawl):  # noqa: F811
    assert article(crawl, "inform", "_a3700002")["published"] == "2020-12-15"
    assert len(site(crawl, "inform").faults.times["/ru/ank-podvela-itogi-2020-goda_a3700002"]) == 2
    assert article(crawl, "taraz-ank", "sovet-materey")["title"].startswith("Совет матерей")
    assert article(crawl, "ddakmo", "den-rodnogo-yazyka")["lang"] == "ru"
    # an API page that answered 503 first: its items are there
    assert article(crawl, "govkz", "details/800203?lang=ru")["lang"] == "ru"


def test_a_timeout_is_retried(crawl):  # noqa: F811
    times = site(crawl, "inform").faults.times[
        "/ru/onlayn-marafon-assamblei-sobral-tysyachi-uchastnikov_a3650003"
    ]
    assert len(times) == 2  # stalled past the 2 s timeout, then answered
    assert "тысячи участников" in article(crawl, "inform", "_a3650003")["title"]


def test_a_404_is_recorded_and_not_asked_for_again(crawl):  # noqa: F811
    gone = ledger(crawl.data_dir, "inform")["/ru/udalennaya-novost-ank_a3760000"]
    assert (gone["state"], gone["reason"]) == ("gone", "http_404")
    assert crawl.first_requests["inform"].count("/ru/udalennaya-novost-ank_a3760000") == 1
    assert not [a for a in stored(crawl.data_dir, "inform") if "udalennaya" in a["url"]]


def test_a_301_is_followed_and_the_new_url_is_the_article(crawl):  # noqa: F811
    moved = article(crawl, "inform", "_a3600004")
    assert moved["url"].endswith("/ru/den-blagodarnosti-otmetili-v-regionah_a3600004")
    assert moved["canonical_url"].endswith("/ru/den-blagodarnosti-otmetili-v-regionah_a3600004/")
    old = ledger(crawl.data_dir, "inform")["/ru/den-blagodarnosti-v-regionah_a3600004"]
    assert old["state"] == "redirected" and old["target"] == moved["canonical_url"]


def test_broken_markup_still_gives_the_article(crawl):  # noqa: F811
    broken = article(crawl, "inform", "_a3790001")
    assert broken["title"] == "Молодежь АНК провела акцию в День единства"
    assert "Молодежь АНК провела акцию в День единства" in broken["text"]
    assert broken["published"] == "2021-04-28"


def test_windows_1251_declared_only_in_meta_and_a_wrong_http_charset(crawl):  # noqa: F811
    meta_only = article(crawl, "taraz-ank", "v-taraze-podpisan-memorandum")
    assert meta_only["title"] == "В Таразе подписан меморандум между молодежью региона"
    assert "этнокультурных объединений" in meta_only["text"]
    assert meta_only["published"] == "2021-02-24"
    wrong = article(crawl, "taraz-ank", "zhambylskoy-oblasti-podveli-itogi")  # HTTP says UTF-8
    assert wrong["title"] == "Этнокультурные объединения Жамбылской области подвели итоги"
    no_charset = article(crawl, "ddakmo", "dostyk-uyinde-kezdesu")  # no charset anywhere
    assert no_charset["title"] == "Достық үйінде жастармен кездесу өтті"
    for a in stored(crawl.data_dir, "taraz-ank"):
        assert "Ð" not in a["text"] and "�" not in a["text"], a["url"]


def test_a_multi_megabyte_page_is_kept_and_a_nine_megabyte_one_refused(crawl):  # noqa: F811
    assert article(crawl, "inform", "_a3600004")["title"] == "День благодарности отметили в регионах"  # 3 MB
    trap = ledger(crawl.data_dir, "inform")["/ru/fotogalereya-ank-vse-foto_a3550000"]
    assert (trap["state"], trap["reason"]) == ("dropped", "too_large")


def test_kazakh_slugs_percent_encoded_and_latin(crawl):  # noqa: F811
    taraz = site(crawl, "taraz-ank")
    kk = [a for a in stored(crawl.data_dir, "taraz-ank") if a["lang"] == "kk"]
    assert len(kk) == len([s for s in taraz.listed("kk")])
    latin = article(crawl, "taraz-ank", "qazaqstan-halqy-assambleiasy")
    assert latin["lang"] == "kk" and "Assambleiasynyń" in latin["text"]


def test_an_endless_pagination_stops_at_max_pages(tmp_path):
    server = serve("taraz-ank")
    sources = tmp_path / "sources.toml"
    sources.write_text(
        textwrap.dedent(
            """
            [sources.endless]
            spider = "taraz_ank"
            base_url = "https://taraz-ank.kz"
            languages = ["ru"]
            article_pattern = '^/ru/endless-story-\\d+/?$'
            pagination = "/page/{page}/"
            max_pages = 4
            [sources.endless.listings]
            ru = "/ru/tag/endless/"
            """
        ),
        encoding="utf-8",
    )
    try:
        result = run(
            tmp_path / "data", "--sources", str(sources), "crawl", "--base-url", f"endless={server.base_url}"
        )
    finally:
        server.stop()
    assert result.returncode == 0, result.stderr
    listings = [p for p in server.requests if p.startswith("/ru/tag/endless/")]
    assert listings == [
        "/ru/tag/endless/",
        "/ru/tag/endless/page/2/",
        "/ru/tag/endless/page/3/",
        "/ru/tag/endless/page/4/",
    ]
    assert len(stored(tmp_path / "data", "endless")) == 4


def test_refresh_fetches_known_articles_and_keeps_the_old_text_as_a_version(tmp_path):
    server = serve("ddakmo")
    args = ("crawl", "--source", "ddakmo", "--base-url", f"ddakmo={server.base_url}")
    try:
        assert run(tmp_path, *args).returncode == 0
        story = server._handle.__self__.stories[1]
        story.paragraphs[-1] += " Дополнено: список награжденных опубликован на сайте."
        second = run(tmp_path, *args)
        refreshed = run(tmp_path, *args, "--refresh")
    finally:
        server.stop()
    assert "0 new, 0 changed" in second.stdout  # not fetched again without --refresh
    assert "-> 0 new, 1 changed, 7 unchanged" in refreshed.stdout, refreshed.stdout
    changed = article_by_slug(tmp_path, story.slug)
    assert changed["text"].endswith("список награжденных опубликован на сайте.")
    versions = query(tmp_path, "SELECT * FROM article_versions")
    assert len(versions) == 1 and "список награжденных" not in versions[0]["text"]


def article_by_slug(data_dir, slug: str) -> dict:
    return next(a for a in stored(data_dir, "ddakmo") if slug in a["url"])
