"""Writes the foreign set (bench/foreign/pages/*.html and *.toml); run it to rebuild the pages.

Article pages of sites our config was never written for, in the markup of many CMSs, each with the
text a reader expects from it. The expected text comes from the story, never from an extractor.
Usage: .venv/bin/python -m bench.foreign.make_pages
"""
# ruff: noqa: E501  (the table of pages reads better unwrapped)

from __future__ import annotations

import json
import re
from pathlib import Path

from bench.foreign import cms_other, cms_php, newsrooms, portals
from bench.foreign.chrome import Chrome, chrome_for
from bench.foreign.kit import Story, e, load_stories, replica_story
from replicas.assembly_data import ARTICLES_DIR

PAGES_DIR = Path(__file__).resolve().parent / "pages"

# name, layout, story ("lang/key" of articles_*.toml, or "replica:FILE" of the assembly replica),
# site, URL path, hard cases it stands for, layout options
# fmt: off
PAGES = [
    ("wp-classic-en-library", cms_php.wordpress_classic, "en/library-night", "Almaty Daily", "/2018/04/22/library-night/", ["comments", "closing"], {}),
    ("wp-classic-ru-cuisine", cms_php.wordpress_classic, "ru/cuisine-festival", "Шымкент Инфо", "/2019/09/08/festival-kuhon/", ["comments"], {}),
    ("wp-newspaper-en-rate", cms_php.wordpress_newspaper, "en/base-rate", "Finance Review KZ", "/economy/base-rate-14-25/", ["newsletter", "share"], {}),
    ("wp-newspaper-ru-inflation", cms_php.wordpress_newspaper, "ru/inflation", "Деловой Казахстан", "/ekonomika/inflyaciya-8-4/", ["newsletter", "share"], {}),
    ("wp-blocks-ru-hockey", cms_php.wordpress_gutenberg, "ru/hockey-standings", "Хоккей Казахстана", "/2023/12/04/barys-tretiy/", ["table", "cookie"], {}),
    ("wp-blocks-en-summer-school", cms_php.wordpress_gutenberg, "replica:en-summer-school-of-the-assembly-youth-gathers-students-from-17-regions", "Youth Portal", "/summer-school-17-regions/", ["cookie", "share"], {}),
    ("drupal7-kk-maslikhat", cms_php.drupal7, "kk/maslikhat-results", "Өңір жаңалықтары", "/node/512", ["table", "comments"], {}),
    ("drupal7-en-webinar", cms_php.drupal7, "replica:en-republican-webinar-on-youth-work-of-the-apk-departments-held-in-taldykorgan", "Zhetysu University", "/node/4471", ["comments"], {}),
    ("drupal10-en-bridge", cms_php.drupal10, "en/bridge-reopens", "Semey Today", "/news/bridge-reopens", [], {}),
    ("drupal10-kk-theatre", cms_php.drupal10, "kk/theatre-season", "Мәдениет порталы", "/kk/news/abay-teatry", [], {}),
    ("joomla3-ru-trains", cms_php.joomla3, "ru/train-schedule", "Акмола Транспорт", "/index.php/news/102-raspisanie", ["table", "closing-link"], {}),
    ("joomla3-kk-festival", cms_php.joomla3, "replica:kk-tarazda-etnom-deni-birlestikterdi-festivali-tti", "Тараз жаңалықтары", "/index.php/zhanalyktar/88-festival", [], {}),
    ("joomla4-en-opera", cms_php.joomla4, "en/opera-season", "Culture Kazakhstan", "/news/opera-season-kyz-zhibek", [], {}),
    ("bitrix-ru-airport", cms_other.bitrix_classic, "ru/aktobe-airport", "Актобе Сегодня", "/news/aeroport-zimnee-raspisanie/", ["headline-repeat"], {"title_after_lead": True}),
    ("bitrix-ru-mothers", cms_other.bitrix_classic, "replica:ru-sovet-materey-provel-vstrechu-s-mnogodetnymi-semyami", "Дом дружбы", "/news/sovet-materey/", [], {}),
    ("bitrix-new-kk-wrestling", cms_other.bitrix_modern, "kk/wrestling-medals", "Спорт KZ", "/press-center/news/kures-azia/", ["table", "call-to-action", "share"], {}),
    ("bitrix-new-ru-yards", cms_other.bitrix_modern, "ru/karaganda-yards", "Караганда Онлайн", "/press-center/news/40-dvorov/", ["short", "share"], {}),
    ("dle-ru-sowing", cms_other.dle, "ru/sowing-finished", "Костанай Агро", "/news/3318-posevnaya.html", ["comments", "closing"], {}),
    ("dle-kk-nauryz", cms_other.dle, "kk/nauryz-aktau", "Маңғыстау ақпарат", "/news/2211-nauryz.html", ["headline-repeat", "comments"], {"title_after_lead": True}),
    ("ucoz-ru-ice", cms_other.ucoz, "ru/winter-fishing", "Петропавловск Ньюс", "/news/tonkiy_led/2021-12-06-318", ["short", "comments"], {}),
    ("ucoz-ru-veterans", cms_other.ucoz, "replica:ru-veterany-temirtau-rasskazali-shkolnikam-o-vyplavke-stali", "Темиртау Инфо", "/news/veterany/2023-02-10-77", [], {"comments": False}),
    ("blogger-en-drones", cms_other.blogger, "en/drone-startup", "Steppe Tech Notes", "/2023/06/karaganda-drones.html", ["comments"], {}),
    ("blogger-kk-mediation", cms_other.blogger, "replica:kk-mediaciya-kabineti-zhastar-a-arnal-an-trening-tkizdi", "Жастар блогы", "/2019/10/mediaciya.html", ["headline-repeat"], {"title_first": True, "comments": False}),
    ("typo3-en-snow", cms_other.typo3, "en/snow-warning", "North Kazakhstan Region", "/news/detail/snow-warning/", ["short"], {}),
    ("tilda-ru-concert", cms_other.tilda, "ru/friendship-house-concert", "Дом дружбы ВКО", "/news/den-edinstva", ["short", "cookie"], {}),
    ("tilda-kk-session", cms_other.tilda, "replica:kk-aza-stan-hal-y-assambleyasyny-kezekti-sessiyasy-tti", "Бірлік", "/sessiya", ["short", "cookie"], {}),
    ("wix-en-interview", cms_other.wix, "en/trilingual-interview", "Pavlodar Teachers", "/post/languages-open-doors", ["share"], {}),
    ("ghost-en-convention", cms_other.ghost, "replica:en-an-online-convention-dedicated-to-the-implementation-of-modern-methods-was-held-in-nur-sultan", "Public Consent Journal", "/online-convention/", ["newsletter"], {}),
    ("ghost-en-falconry", cms_other.ghost, "en/falconry-festival", "Nomad Life", "/salburun-2022/", ["lead-in-header", "closing"], {}),
    ("ghost-ru-lecture", cms_other.ghost, "replica:ru-uchimsya-u-druzey-shymkentcy-proveli-lektoriy-v-taraze", "Южный вестник", "/uchimsya-u-druzey/", ["newsletter"], {}),
    ("aspnet-ru-first-grade", portals.aspnet_news, "ru/first-grade", "Управление образования", "/NewsDetail.aspx?id=5812", ["form"], {}),
    ("aspnet-en-cardiology", portals.aspnet_news, "en/cardiology-centre", "West Kazakhstan Health", "/NewsDetail.aspx?id=771", ["form", "no-h1", "newsletter"], {"headline_tag": "div"}),
    ("aspnet-en-football", portals.aspnet_results, "en/standings-football", "Kazakh Football Weekly", "/Story.aspx?id=20481", ["form", "table", "call-to-action"], {}),
    ("aspnet-kk-science", portals.aspnet_portal, "kk/science-contest", "Білім басқармасы", "/news/Pages/gylymi-zhoba.aspx", ["form", "closing"], {}),
    ("html4-ru-memorandum", portals.html4_tables, "replica:ru-v-taraze-podpisan-mnogostoronniy-memorandum-mezhdu-molodezhyu-regiona", "Жамбыл-Инфо", "/news/2021/memorandum.htm", ["tables-layout"], {}),
    ("html4-en-unity", portals.html4_tables, "replica:en-day-of-unity-of-the-people-of-kazakhstan-celebrated-across-the-country", "Kazakhstan Unity Net", "/news/unity-day.htm", ["tables-layout"], {}),
    ("html4-kk-wind", portals.html4_center, "kk/weather-kk", "Ауа райы", "/2024/03/zhel.html", ["short", "closing"], {}),
    ("amp-en-volunteers", portals.amp, "replica:en-zhangyru-zholy-volunteers-help-flood-affected-families", "Steppe Herald", "/amp/news/volunteers-flood", ["cookie", "share"], {}),
    ("amp-ru-contest", portals.amp, "replica:ru-v-almaty-nagradili-pobediteley-konkursa-memlekettik-til-meni-tilim", "Алматы Вечерний", "/amp/news/memlekettik-til", ["cookie", "share"], {}),
    ("react-en-kazakhtanu", portals.react_jsonld, "replica:en-kazakhtanu-project-to-be-extended-to-all-regions", "Kazakh Post", "/news/kazakhtanu-all-regions", ["json-ld", "cookie"], {}),
    ("react-kk-volunteers", portals.react_jsonld, "kk/volunteers-flood", "Ақтөбе Таймс", "/kk/news/eriktiler", ["json-ld", "cookie"], {}),
    ("nextjs-en-gratitude", portals.nextjs, "replica:en-day-of-gratitude-marked-with-a-charity-marathon", "The Astana Wire", "/news/gratitude-marathon", ["newsletter"], {}),
    ("portal-ru-buses", newsrooms.regional_portal, "ru/bus-routes", "Алматы Сити", "/news/novye-marshruty/", ["read-also-inline", "closing", "share"], {}),
    ("portal-kk-roads", newsrooms.regional_portal, "kk/astana-roads", "Астана Ақшамы", "/kz/news/zhol-zhondeu/", ["short", "share"], {}),
    ("wire-en-alley", newsrooms.wire_service, "replica:en-ethnocultural-associations-of-almaty-plant-a-friendship-alley", "Central Asia Wire", "/world/asia/friendship-alley-2019-06-05/", [], {}),
    ("ministry-en-grants", newsrooms.ministry_release, "en/grants-release", "Ministry of Culture and Information", "/press/releases/grants-2022", ["list"], {}),
    ("sport-en-marathon", newsrooms.sport_portal, "en/marathon-results", "Sport Arena KZ", "/athletics/almaty-marathon-results", ["table", "call-to-action"], {}),
    ("elementor-ru-songs", newsrooms.elementor, "ru/ethnographer-interview", "Этно Журнал", "/pesni-pereselencev/", ["newsletter", "share"], {}),
    ("microdata-en-bridge", newsrooms.microdata_portal, "en/bridge-reopens", "Irtysh News", "/news/most-irtysh.html", ["headline-repeat"], {"title_after_lead": True}),
    ("microdata-ru-ethnomediation", newsrooms.microdata_portal, "replica:ru-nauchno-ekspertnyy-sovet-ank-obsudil-voprosy-etnomediacii", "Вестник Ассамблеи", "/news/etnomediaciya.html", [], {}),
]
# fmt: on


def _story(ref: str, stories: dict[str, Story]) -> Story:
    if ref.startswith("replica:"):
        return replica_story(ARTICLES_DIR / f"{ref.removeprefix('replica:')}.toml")
    return stories[ref]


def _with_repeated_title(story: Story, options: dict) -> Story:
    """The story with its headline repeated in the body: after the lead, or as the first paragraph."""
    if options.pop("title_after_lead", False):
        assert story.lead, story.key
        return Story(**{**story.__dict__, "body": ["TITLE", *story.body]})
    if options.pop("title_first", False):
        return Story(**{**story.__dict__, "body": ["TITLE", *story.body]})
    return story


def _chrome_lines(chrome: Chrome, story: Story) -> list[str]:
    """Lines of chrome that must never be taken for the article's text (when the page shows them)."""
    lines = [text for _, text in chrome.comments] + [
        chrome.cookie,
        chrome.newsletter,
        chrome.footer,
        *chrome.related,
    ]
    telegram = {
        "ru": "Подписывайтесь на наш Telegram-канал",
        "kk": "Telegram-арнамызға жазылыңыз",
        "en": "Follow our Telegram channel",
    }
    return [*lines, telegram[story.lang]]


def _expectations(story: Story, chrome: Chrome, page: str) -> dict:
    lines = story.expected_lines()
    contains = [" ".join(lines[0].split()[:6]), lines[-1]]
    if story.table:  # the wordiest cell of the last row
        contains.append(max(story.table[-1], key=lambda cell: sum(c.isalpha() for c in cell)))
    not_contains = [line for line in _chrome_lines(chrome, story) if e(line) in page]
    return {"must_contain": contains, "must_not_contain": not_contains}


def _toml_value(value) -> str:
    if isinstance(value, list):
        return "[\n" + "".join(f"    {json.dumps(v, ensure_ascii=False)},\n" for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def build() -> list[str]:
    """Write every page and its expectations; the names written."""
    PAGES_DIR.mkdir(exist_ok=True)
    for old in PAGES_DIR.glob("*"):
        old.unlink()
    stories = load_stories()
    names = []
    for number, (name, layout, ref, site, path, hard, options) in enumerate(PAGES, 1):
        options = dict(options)
        story = _with_repeated_title(_story(ref, stories), options)
        chrome = chrome_for(story.lang, site, number)
        page = layout(story, chrome, **options)
        stem = f"{number:03d}-{name}"
        domain = (
            re.sub(r"[^a-z0-9]+", "-", site.encode("ascii", "ignore").decode().lower()).strip("-")
            or f"site{number}"
        )
        encoding = "cp1251" if "charset=windows-1251" in page else "utf-8"
        (PAGES_DIR / f"{stem}.html").write_bytes(
            page.encode(encoding, errors="xmlcharrefreplace")
        )  # as cp1251 sites write Kazakh letters
        expect = {
            "url": f"https://{domain}.example.kz{path}",
            "layout": layout.__name__,
            "lang": story.lang,
            "title": story.title,
            "hard": hard,
            **_expectations(story, chrome, page),
            "text": "\n".join(story.expected_lines()),
        }
        toml = "\n".join(f"{key} = {_toml_value(value)}" for key, value in expect.items())
        (PAGES_DIR / f"{stem}.toml").write_text(toml + "\n", encoding="utf-8")
        names.append(stem)
    return names


if __name__ == "__main__":
    written = build()
    print(f"{len(written)} pages in {PAGES_DIR}")
