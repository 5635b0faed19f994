"""The chrome around a foreign article, per language: menus, related headlines, comments, banners."""
# ruff: noqa: E501  (pools of page text read better unwrapped)

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Chrome:
    """What a site shows around its article; each layout uses the parts its CMS would."""

    site: str
    menu: list[str]
    related: list[str]  # headlines of other articles ("Related", "Читайте также", most read)
    comments: list[tuple[str, str]]  # (name, text)
    cookie: str
    newsletter: str
    share: list[str]
    footer: str
    read_also_label: str
    related_label: str
    comments_label: str


_RELATED = {
    "en": [
        "Government approves new rules for private kindergartens",
        "Tenge strengthens against the dollar for the third day",
        "Almaty airport opens a second runway after reconstruction",
        "Farmers in the south expect a record cotton harvest",
        "New museum of nomadic culture opens in Turkestan",
        "Train tickets for the holidays go on sale next week",
        "Scientists count snow leopards in the Zhongar Alatau",
        "Schools switch to distance learning during the cold snap",
        "Shymkent builds three new bridges over the Badam river",
        "Young chess players from Pavlodar win a national title",
    ],
    "ru": [
        "В Туркестане открылся музей кочевой культуры",
        "Курс тенге укрепился третий день подряд",
        "Билеты на праздничные поезда поступят в продажу на следующей неделе",
        "В Алматы построят еще две станции метро",
        "Школьники Павлодара победили на чемпионате по шахматам",
        "Ученые пересчитали снежных барсов в Жонгар Алатау",
        "В Шымкенте строят три новых моста через реку Бадам",
        "Фермеры юга ожидают рекордный урожай хлопка",
        "Правительство утвердило новые правила для частных детских садов",
        "В Караганде открылся первый в регионе хоспис",
    ],
    "kk": [
        "Түркістанда көшпелілер мәдениеті мұражайы ашылды",
        "Теңге бағамы үшінші күн қатарынан нығайды",
        "Мерекелік пойыздарға билеттер келесі аптада сатылады",
        "Алматыда метроның тағы екі бекеті салынады",
        "Павлодар оқушылары шахматтан ел чемпионы атанды",
        "Ғалымдар Жоңғар Алатауындағы қар барысын санады",
        "Шымкентте Бадам өзені арқылы үш жаңа көпір салынуда",
        "Оңтүстік диқандары мақтадан мол өнім күтуде",
        "Үкімет жекеменшік балабақшаларға арналған жаңа ережені бекітті",
        "Қарағандыда өңірдегі алғашқы хоспис ашылды",
    ],
}

_COMMENTS = {
    "en": [
        ("Marat", "Finally some good news from our region, thanks for covering this."),
        ("Anna K.", "Does anyone know whether this applies to the villages too?"),
        ("Serik_77", "They promised the same thing last year and nothing happened."),
        ("guest", "Great article, please write more about local initiatives."),
    ],
    "ru": [
        ("Марат", "Наконец-то хорошие новости из нашего региона, спасибо за материал."),
        ("Анна К.", "А кто-нибудь знает, касается ли это сел тоже?"),
        ("Серик_77", "В прошлом году обещали то же самое, и ничего не сделали."),
        ("гость", "Отличная статья, пишите больше о местных инициативах."),
    ],
    "kk": [
        ("Марат", "Ақыры өңірімізден жақсы жаңалық, рақмет."),
        ("Әйгерім", "Бұл ауылдарға да қатысты ма, білетіндер бар ма?"),
        ("Серік_77", "Былтыр да осыны уәде еткен, бірақ ештеңе болмады."),
        ("қонақ", "Керемет мақала, жергілікті бастамалар туралы көбірек жазыңыздар."),
    ],
}

_TEXTS = {
    "en": {
        "menu": ["Home", "News", "Politics", "Economy", "Sport", "Culture", "Contacts"],
        "cookie": "We use cookies to improve your experience on our website. By continuing to browse, you agree to our use of cookies.",
        "newsletter": "Get the day's top stories in your inbox every morning. Subscribe to our newsletter.",
        "share": ["Share", "Facebook", "Twitter", "Telegram", "Email"],
        "footer": "All rights reserved. Reproduction of materials is allowed only with a hyperlink to the source.",
        "read_also": "Read also",
        "related": "Related articles",
        "comments": "Comments",
    },
    "ru": {
        "menu": ["Главная", "Новости", "Политика", "Экономика", "Спорт", "Культура", "Контакты"],
        "cookie": "Мы используем файлы cookie, чтобы сайт работал лучше. Продолжая пользоваться сайтом, вы соглашаетесь с этим.",
        "newsletter": "Самые важные новости дня каждое утро на вашей почте. Подпишитесь на нашу рассылку.",
        "share": ["Поделиться", "ВКонтакте", "Одноклассники", "Telegram", "WhatsApp"],
        "footer": "Все права защищены. При использовании материалов гиперссылка на источник обязательна.",
        "read_also": "Читайте также",
        "related": "Похожие новости",
        "comments": "Комментарии",
    },
    "kk": {
        "menu": ["Басты бет", "Жаңалықтар", "Саясат", "Экономика", "Спорт", "Мәдениет", "Байланыс"],
        "cookie": "Сайт жұмысын жақсарту үшін біз cookie файлдарын пайдаланамыз. Сайтты қолдана отырып, сіз бұған келісесіз.",
        "newsletter": "Күннің басты жаңалықтары әр таңертең поштаңызда. Біздің таратылымға жазылыңыз.",
        "share": ["Бөлісу", "Facebook", "Telegram", "WhatsApp"],
        "footer": "Барлық құқықтар қорғалған. Материалдарды пайдаланғанда сілтеме міндетті.",
        "read_also": "Оқи отырыңыз",
        "related": "Ұқсас жаңалықтар",
        "comments": "Пікірлер",
    },
}


def chrome_for(lang: str, site: str, turn: int) -> Chrome:
    """The chrome of `site` in `lang`; `turn` rotates the headlines and comments between pages."""
    texts = _TEXTS[lang]
    related = _RELATED[lang][turn % 10 :] + _RELATED[lang][: turn % 10]
    comments = _COMMENTS[lang][turn % 4 :] + _COMMENTS[lang][: turn % 4]
    return Chrome(
        site=site,
        menu=texts["menu"],
        related=related[:5],
        comments=comments[:3],
        cookie=texts["cookie"],
        newsletter=texts["newsletter"],
        share=texts["share"],
        footer=f"© 2024 {site}. {texts['footer']}",
        read_also_label=texts["read_also"],
        related_label=texts["related"],
        comments_label=texts["comments"],
    )
