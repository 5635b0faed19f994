"""Gold pages of Kazinform (three eras) and the regional Houses of Friendship sites."""
# ruff: noqa: E501  (HTML templates and tables of page data read better unwrapped)

from __future__ import annotations

from bench.gold import sites
from bench.gold.sites import Page

RU_SIDE = [
    ("В Шымкенте открылся новый центр обслуживания населения", "29 Сентября 2021, 12:40"),
    ("Курс доллара на торгах 5 февраля", "28 Сентября 2021, 11:15"),
]
KK_SIDE = [
    ("Алматыда жаңа саябақ ашылды", "10 Желтоқсан 2020, 09:20"),
    ("Ауа райы: елдің батысында жаңбыр", "08:05"),
]
EN_SIDE = [
    ("Kazakhstan and Uzbekistan sign a trade deal", "11:00, 01 June 2018"),
    ("Weather warning for Almaty", ""),
]
LAT_SIDE = [("Almatyda jańa saıabaq ashyldy", "09:20, 12 qarasha 2017"), ("Aýa raıy: elimizde jańbyr", "")]
SIDE_TITLES = {
    "ru": [t for t, _ in RU_SIDE],
    "kk": [t for t, _ in KK_SIDE],
    "en": [t for t, _ in EN_SIDE],
    "lat": [t for t, _ in LAT_SIDE],
}


def build(add, release, latin) -> None:
    _inform(add, release, latin)
    _regional(add, release, latin)


def _inform(add, release, latin) -> None:
    # Era A: en.inform.kz and qz.inform.kz (Latin Kazakh); the sidebar first, with its own dates.
    for key, date_text, date, time, dateline, phrase in [
        ("en-kazakhtanu-project-to-be-extended-to-all-regions", "10:20, 11 December 2018 | GMT +6",
         "2018-12-11", "10:20", "ASTANA. KAZINFORM", ""),
        ("en-unity-day-concert-held-at-the-house-of-friendship-in-astana", "18:05, 02 May 2018 | GMT +6",
         "2018-05-02", "18:05", "ASTANA. KAZINFORM", ", Kazinform correspondent reports"),
    ]:  # fmt: skip
        r = release(key)
        first = r["paragraphs"][0]
        body = [f"{dateline} – {first[:-1]}{phrase}.", *r["paragraphs"][1:]]
        page = Page(
            url=f"https://en.inform.kz/news/{r['slug'].replace('-', '_')}_a32{len(key):05d}/",
            lang="en", title=r["title"], paragraphs=body, date_text=date_text,
            sidebar=EN_SIDE, sidebar_first=True, tags=["Assembly of People of Kazakhstan", "Culture"],
        )  # fmt: skip
        add(
            f"inform-a-{key}", "inform", sites.inform_a(page), page,
            date=date, time=time, offset="+06:00", dateline=dateline,
            contains=[first[:-1], r["paragraphs"][-1]],
            not_contains=["KAZINFORM –", "correspondent reports", "Currently reading", *SIDE_TITLES["en"], "Culture"],
        )  # fmt: skip
    for key, date_text, date, time in [
        ("kk-memlekettik-tildi-yrenuge-arnal-an-bay-au-orytyndylandy", "11:05, 05 maýsym 2018 | GMT +6",
         "2018-06-05", "11:05"),
        ("kk-tarazda-etnom-deni-birlestikterdi-festivali-tti", "16:40, 13 qarasha 2017 | GMT +6", "2017-11-13", "16:40"),
    ]:  # fmt: skip
        r = release(key)
        paragraphs = [latin(p) for p in r["paragraphs"]]
        first = paragraphs[0]
        body = [f"ASTANA. QazAqparat – {first[:-1]}, dep habarlaıdy QazAqparat tilshisi.", *paragraphs[1:]]
        page = Page(
            url=f"https://qz.inform.kz/news/{r['slug']}_a30{len(key):05d}/",
            lang="kk", title=latin(r["title"]), paragraphs=body, date_text=date_text,
            sidebar=LAT_SIDE, sidebar_first=True, tags=["Qazaqstan halqy Assambleıasy"],
        )  # fmt: skip
        add(
            f"inform-a-lat-{key}", "inform", sites.inform_a(page), page,
            date=date, time=time, offset="+06:00", script="Latn", dateline="ASTANA. QazAqparat",
            contains=[first[:-1], paragraphs[-1]],
            not_contains=["QazAqparat –", "dep habarlaıdy", "Qazir oqylýda", *SIDE_TITLES["lat"]],
        )  # fmt: skip

    # Era B: www.inform.kz/{ru,kz,en}/<slug>_a<7 digits>; "Автор: None"; "Сейчас читают".
    era_b = [
        ("ru-nauchno-ekspertnyy-sovet-ank-obsudil-voprosy-etnomediacii", "18 Февраля 2020, 16:20", "2020-02-18",
         "16:20", "НУР-СУЛТАН. КАЗИНФОРМ", ", передает корреспондент МИА «Казинформ»", "None", True),
        ("ru-molodezhnoe-dvizhenie-zha-yru-zholy-podvelo-itogi-goda", "22 Декабря 2021, 11:00", "2021-12-22",
         "11:00", "НУР-СУЛТАН. КАЗИНФОРМ", ", передает Kazinform", "Айгерим Абилова", False),
        ("ru-kabinet-kazahskogo-yazyka-otkrylsya-pri-dome-druzhby-v-ust-kamenogorske", "08 февраля 2022, 09:45",
         "2022-02-08", "09:45", "УСТЬ-КАМЕНОГОРСК. КАЗИНФОРМ", ", передает МИА «Казинформ»", "None", True),
        ("kk-o-amdy-kelisim-ke-esterini-t-zhiribesi-onlayn-formatta-tal-ylandy", "10 Желтоқсан 2020, 15:10",
         "2020-12-10", "15:10", "НҰР-СҰЛТАН. ҚазАқпарат", ", деп хабарлайды ҚазАқпарат тілшісі", "None", True),
        ("kk-t-uelsizdikti-30-zhyldy-yna-arnal-an-ylymi-konferenciya-tti", "20 Тамыз 2021, 12:30", "2021-08-20",
         "12:30", "НҰР-СҰЛТАН. ҚазАқпарат", ", деп хабарлайды ҚазАқпарат", "Дана Ерланқызы", False),
        ("en-republican-webinar-on-youth-work-of-the-apk-departments-held-in-taldykorgan", "26 April 2021, 17:05",
         "2021-04-26", "17:05", "TALDYKORGAN. KAZINFORM", ", a Kazinform correspondent reports", "None", True),
    ]  # fmt: skip
    for key, date_text, date, time, dateline, phrase, author, sidebar_first in era_b:
        r = release(key)
        lang = r["lang"]
        first = r["paragraphs"][0]
        body = [f"{dateline} – {first[:-1]}{phrase}.", *r["paragraphs"][1:]]
        path = {"ru": "ru", "kk": "kz", "en": "en"}[lang]
        side = {"ru": RU_SIDE, "kk": KK_SIDE, "en": EN_SIDE}[lang]
        page = Page(
            url=f"https://www.inform.kz/{path}/{r['slug']}_a38{len(key):05d}",
            lang=lang, title=r["title"], paragraphs=body, date_text=date_text, views="1 245",
            author=author, image=f"https://static.inform.kz/photos/{len(key)}.jpg",
            sidebar=side, sidebar_first=sidebar_first, tags=["АНК", "Қоғам"],
        )  # fmt: skip
        heading = {"ru": "Сейчас читают", "kk": "Қазір оқылуда", "en": "Currently reading"}[lang]
        add(
            f"inform-b-{key}", "inform", sites.inform_b(page), page,
            date=date, time=time, offset="+06:00", dateline=dateline,
            author="" if author == "None" else author,
            contains=[first[:-1], r["paragraphs"][-1]],
            not_contains=[f"{dateline} –", phrase.strip(", "), "None", heading, *SIDE_TITLES[lang], "1 245"],
        )  # fmt: skip

    # Era C: www.inform.kz/ru/<slug>-<6 hex>, qazinform.com; nominative months, "| GMT +5".
    era_c = [
        ("ru-den-blagodarnosti-otmetili-v-karagande", "В Караганде поблагодарили казахский народ за приют",
         "13:13, 01 Март 2024 | GMT +5", "2024-03-01", "13:13", "www.inform.kz/ru", "a1b2c3"),
        ("ru-proekt-plana-meropriyatiy-domov-druzhby-na-osen", "Дома дружбы готовят план мероприятий на осень",
         "10:05, 21 Август 2025 | GMT +5", "2025-08-21", "10:05", "www.inform.kz/ru", "0f9e8d"),
        ("ru-molodezh-zhambylskoy-oblasti-obsudila-edinstvo", "Молодежь Жамбылской области обсудила единство",
         "18:40, 13 Июнь 2025 | GMT +5", "2025-06-13", "18:40", "www.inform.kz/ru", "77aa01"),
        ("en-zhangyru-zholy-volunteers-help-flood-affected-families", "Volunteers help families hit by floods",
         "15:20, 12 April 2024 | GMT +5", "2024-04-12", "15:20", "qazinform.com/news", "c0ffee"),
        ("kk-aza-stan-hal-y-assambleyasyny-kezekti-sessiyasy-tti", "ҚХА кезекті сессиясы өтті",
         "11:30, 30 Сәуір 2024 | GMT +5", "2024-04-30", "11:30", "www.inform.kz/kz", "beef42"),
    ]  # fmt: skip
    phrases = {"ru": ", передает Kazinform", "en": ", Kazinform reports", "kk": ", деп хабарлайды Kazinform"}
    for key, title, date_text, date, time, where, hexid in era_c:
        r = release(key)
        lang = r["lang"]
        first = r["paragraphs"][0]
        body = [f"{first[:-1]}{phrases[lang]}.", *r["paragraphs"][1:]]
        side = [(t, "10:00, 12 Январь 2026 | GMT +5") for t in SIDE_TITLES[lang]]
        page = Page(
            url=f"https://{where}/{r['slug']}-{hexid}", lang=lang, title=title, paragraphs=body,
            date_text=date_text, author="Нұрлан Серіков", image=f"https://static.inform.kz/photos/{hexid}.webp",
            sidebar=side, sidebar_first=True, tags=["АНК", "Общество"],
        )  # fmt: skip
        add(
            f"inform-c-{key}", "inform", sites.inform_c(page), page,
            date=date, time=time, offset="+05:00", author="Нұрлан Серіков",
            contains=[first[:-1], r["paragraphs"][-1]],
            not_contains=[phrases[lang].strip(", "), "#АНК", "Поделиться", *SIDE_TITLES[lang], "12 Январь 2026"],
        )  # fmt: skip


def _regional(add, release, latin) -> None:
    # taraz-ank.kz: WordPress-like; Russian pages in windows-1251 declared only in a <meta>.
    taraz = [
        ("ru-uchimsya-u-druzey-shymkentcy-proveli-lektoriy-v-taraze", None, "21.11.2022", "2022-11-21",
         "2022-11-21T17:30:00+06:00", "17:30", "windows-1251"),
        ("ru-v-taraze-podpisan-mnogostoronniy-memorandum-mezhdu-molodezhyu-regiona",
         "Молодежь Жамбылской области подписала меморандум о сотрудничестве", "29.09.2021", "2021-09-29",
         "", "", "windows-1251"),
        ("ru-sovet-materey-provel-vstrechu-s-mnogodetnymi-semyami", None, "15.05.2019", "2019-05-15",
         "2019-05-15T09:00:00+06:00", "09:00", "windows-1251"),
        ("kk-taraz-alasynda-aza-tanu-zhobasy-boyynsha-d-gelek-stel-tti", None, "15.11.2022", "2022-11-15", "", "",
         "utf-8"),
        ("kk-tarazda-al-ys-aytu-k-nine-arnal-an-mereke-tti", "Жамбыл облысында Алғыс айту күні тойланды",
         "01.03.2025", "2025-03-01", "", "", "utf-8"),
    ]  # fmt: skip
    for key, headline, date_text, date, iso, time, charset in taraz:
        r = release(key)
        lang = r["lang"]
        paragraphs = list(r["paragraphs"])
        if headline and lang == "ru":  # a repost: its own first sentence and a closing line
            paragraphs[0] = (
                "Как сообщает пресс-служба, в Таразе молодежь региона подписала меморандум. " + paragraphs[0]
            )
            paragraphs.append("Напомним, ранее в области прошел форум молодежи.")
        repeated_title = [r["title"]] if key.startswith("ru-uchimsya") else []
        side = [(t, "12.03.2023") for t in SIDE_TITLES[lang]]
        page = Page(
            url=f"https://taraz-ank.kz/{lang}/{r['slug']}",
            lang=lang, title=headline or r["title"], paragraphs=repeated_title + paragraphs, date_text=date_text,
            views="154", image=f"https://taraz-ank.kz/wp-content/uploads/2022/11/{len(key)}.jpg",
            sidebar=side, sidebar_first=True, tags=["АНК", "Жастар"], meta_published=iso,
        )  # fmt: skip
        byline = r.get("byline", "")
        add(
            f"taraz-{key}", "taraz-ank", sites.wordpress(page, charset=charset, datetime_attr=iso), page,
            date=date, time=time, offset="+06:00" if time else "", author=byline,
            contains=[core_of(paragraphs[0]), paragraphs[-1]],
            not_contains=["Просмотров", "Метки", "Последние новости", "Соңғы жаңалықтар", *SIDE_TITLES[lang]],
            encoding=charset,
        )  # fmt: skip

    # kostdom.kz (Joomla K2, 24.02.2021, a bare view count), vkodd.kz (14-08-2014), ddakmo.kz (WordPress).
    small = [
        ("kostdom", "ru-v-dome-druzhby-pavlodara-proshel-festival-nacionalnyh-kultur", "https://kostdom.kz/ru/news/1741-festival",
         "14.09.2018", "2018-09-14"),
        ("kostdom", "kk-etnom-deni-birlestikter-zhetekshilerimen-kezdesu-tti", "https://kostdom.kz/kz/news/1802-kezdesu",
         "08.06.2022", "2022-06-08"),
        ("kostdom", "ru-kostanayskie-etnokulturnye-obedineniya-prisoedinilis-k-proektu-aza-tanu",
         "https://kostdom.kz/ru/news/1520-kazaktanu", "11.04.2017", "2017-04-11"),
        ("vkodd", "ru-kabinet-kazahskogo-yazyka-otkrylsya-pri-dome-druzhby-v-ust-kamenogorske",
         "https://vkodd.kz/news/kabinet-kazahskogo-yazyka", "08-02-2022", "2022-02-08"),
        ("vkodd", "kk-mediaciya-kabineti-zhastar-a-arnal-an-trening-tkizdi", "https://vkodd.kz/news/mediaciya-kabineti",
         "25-10-2019", "2019-10-25"),
        ("ddakmo", "ru-v-almaty-nagradili-pobediteley-konkursa-memlekettik-til-meni-tilim", "https://ddakmo.kz/?p=15951",
         "23.11.2016", "2016-11-23"),
        # The URL says the 14th (the day the draft was made); the page's own date wins.
        ("ddakmo", "ru-sovet-materey-provel-vstrechu-s-mnogodetnymi-semyami",
         "https://ddakmo.kz/2019/05/14/sovet-materey/", "15.05.2019", "2019-05-15"),
    ]  # fmt: skip
    for source, key, url, date_text, date in small:
        r = release(key)
        lang = r["lang"]
        side = [(t, "01.02.2023") for t in SIDE_TITLES[lang]]
        page = Page(
            url=url, lang=lang, title=r["title"], paragraphs=r["paragraphs"], date_text=date_text, views="330",
            image=f"{url.split('/')[0]}//{url.split('/')[2]}/images/{len(key)}.jpg", sidebar=side,
        )  # fmt: skip
        if source == "kostdom":
            html = sites.kostdom(page)
        elif source == "vkodd":
            html = sites.vkodd(page)
        else:
            html = sites.wordpress(page)
        add(
            f"{source}-{key}", source, html, page, date=date, author=r.get("byline", ""),
            contains=[core_of(r["paragraphs"][0]), r["paragraphs"][-1]],
            not_contains=["330", "Поделиться", "Похожие материалы", "Другие новости", *SIDE_TITLES[lang]],
        )  # fmt: skip


def core_of(paragraph: str) -> str:
    return paragraph[:70]
