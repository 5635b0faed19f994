"""Writes queries.toml: each judged query's relevant and must-not articles, found by regular expressions
over the corpus's texts (not by the search engine), so the judgement cannot echo the engine's mistakes.

Run after adding articles (to the replica or articles.toml): .venv/bin/python -m bench.judged.make_queries
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from bench.judged.articles import corpus

OUT = Path(__file__).resolve().parent / "queries.toml"

ARTICLES = corpus()


def docs(pattern: str, *, lang: str | None = None, where: str = "all", years=None) -> set[str]:
    """Slugs of articles whose title and/or text match `pattern` (case-insensitive)."""
    found = set()
    for a in ARTICLES:
        if lang and a.lang != lang:
            continue
        if years and not (years[0] <= a.date.year <= years[1]):
            continue
        text = {"all": a.title + "\n" + a.text, "title": a.title, "text": a.text}[where]
        if re.search(pattern, text, re.IGNORECASE):
            found.add(a.slug)
    return found


def near(first: str, second: str, between: int) -> str:
    """A pattern for `first` and `second` in either order with at most `between` words between them."""
    gap = rf"\W+(?:\w+\W+){{0,{between}}}"
    return rf"{first}{gap}{second}|{second}{gap}{first}"


def both(*patterns: str, **kw) -> set[str]:
    result = docs(patterns[0], **kw)
    for p in patterns[1:]:
        result &= docs(p, **kw)
    return result


TARAZ = r"Тараз|Taraz"
CAPITAL = r"Астан|Astana|Нур-Султан|Нұр-Сұлтан|Nur-Sultan|Акмол|Ақмол|Akmola|Целиноград|Tselinograd"
ASSEMBLY = (
    r"\bАНК\b|\bAPK\b|\bANK\b|\bҚХА\b|Ассамбле\w* народа Казахстана|Қазақстан халқы Ассамблея"
    r"|Qazaqstan halqy Assamble[iı]|Assembly of (the )?People of Kazakhstan"
)
KAZAKHTANU = r"Қазақтану|Kazakhtanu|Qazaqtanu"
KOGAMDYK = r"(Қоғамдық|Когамдык|Kogamdyk|Qoğamdyq|Qog'amdyq)\s+(келісім|келисим|kel[iі]s[iі]m|kelısım)"
ZHANGYRU = r"(Жаңғыру|Жангыру|Zhangyru|Jañğyru|Janǵyrý|Jan'g'yry')\s+(жол|zhol|jol)"
DOM_DRUZHBY = r"\bДом(а|е|ом|у|ов|ах|ами|ам)?\s+дружбы"
MOLODEZH = r"\bмолод[её]ж(ь|и|ью)\b"
# The verb's forms in the replica, read by a person ("стали" alone is as often the noun).
STAT_VERB = r"\bстал(а|о)?\b|\bстали (участник|член|принцип|победител)|\bстать\b|\bстанет\b|\bстанут\b"
STAL_NOUN = r"\bсталь\b|выплавке стали|из стали|производства стали"
KARAGANDA = r"Караганд|Қарағанды|Karaganda"
ALMATY = r"Алматы|Алма-Ат|Almaty|ALMATY"
SHYMKENT = r"Шымкент|Shymkent"
OSKEMEN = r"Усть[- ]Каменогорск|Өскемен|Oskemen|Óskemen"

Q: list[dict] = []


def q(kind: str, text: str, relevant: set[str], must_not: set[str] = frozenset(), note: str = "", **options):
    Q.append(
        {
            "kind": kind,
            "q": text,
            "relevant": sorted(relevant),
            "must_not": sorted(must_not - relevant),
            "note": note,
            "options": options,
        }
    )


# Russian morphology: the base form finds every case; surnames stay whole.
q("ru-morphology", "Тараз", docs(TARAZ), note="finds 'в Таразе', Kazakh 'Таразда' and Latin 'Taraz'")
q("ru-morphology", "меморандум", docs(r"меморандум"))
q(
    "ru-morphology",
    "молодежь",
    docs(MOLODEZH),
    docs(r"молод[её]жн") - docs(MOLODEZH),
    lang="ru",
    note="the noun, not the adjective 'молодежный'",
)
q("ru-morphology", "Токаев", docs(r"Токаев|Тоқаев"), note="surname kept whole, Kazakh spelling too")
q("ru-morphology", "Дом дружбы", both(r"\bдом", r"дружб", lang="ru"), lang="ru")
q("ru-morphology", "день благодарности", both(r"\bд(ень|ня|ню|нем)\b", r"благодарност", lang="ru"), lang="ru")
q("ru-morphology", "этнокультурное объединение", both(r"этнокультурн", r"объединени", lang="ru"), lang="ru")

# Ambiguity: "сталь" (steel) is not "стали" (became), and the verb finds the verb.
q("ambiguity", "сталь", docs(STAL_NOUN), docs(STAT_VERB) - docs(STAL_NOUN))
q("ambiguity", "стать", docs(STAT_VERB), docs(STAL_NOUN) - docs(STAT_VERB))
q("ambiguity", '"стали участниками"', docs(r"стали участниками"), docs(STAL_NOUN))
q("ambiguity", "стали", docs(STAT_VERB) | docs(STAL_NOUN), note="a lone ambiguous word matches both readings")

# Kazakh morphology: our stemmer.
q("kk-morphology", "Ассамблеясы", docs(r"Ассамблея|Assamblei", lang="kk"))
q("kk-morphology", "жастар", docs(r"\bжастар|\bjastar", lang="kk"))
q(
    "kk-morphology",
    "Таразда",
    docs(TARAZ, lang="kk"),
    docs(TARAZ) - docs(TARAZ, lang="kk"),
    note="a Kazakh form finds Kazakh articles only",
)
q("kk-morphology", "халық", docs(r"\bхалқ|\bхалық|\bhalq", lang="kk"))
q("kk-morphology", "мүше", docs(r"\bмүше|\bmüşe", lang="kk"))
q(
    "kk-morphology",
    "облыс",
    docs(r"\bоблыс(?!т[ыа]қ)", lang="kk"),
    docs(r"облыстық", lang="kk") - docs(r"\bоблыс(?!т[ыа]қ)", lang="kk"),
)
q("kk-morphology", "бірлестік", docs(r"бірлест|bırlest", lang="kk"))
q("kk-morphology", "Достық үйі", both(r"Достық|Dostyq", r"\bүй|\büi", lang="kk"), lang="kk")

# English: Snowball.
q("en-stemming", "volunteer", docs(r"\bvolunteer", lang="en"))
q("en-stemming", "celebrations", docs(r"\bcelebrat", lang="en"))
q("en-stemming", "House of Friendship", both(r"\bhouses?\b", r"\bfriendship", lang="en"), lang="en")
q("en-stemming", "meeting", docs(r"\bmeet(ing|ings|s)?\b", lang="en"))

# Hyphenated words: whole and by parts.
q("hyphen", "Усть-Каменогорск", docs(r"Усть-Каменогорск"), aliases=False)
q("hyphen", "Каменогорск", docs(r"Усть-Каменогорск"), aliases=False)
q("hyphen", "Султан", docs(r"Нур-Султан|Нұр-Сұлтан|Nur-Sultan"), aliases=False)
q(
    "hyphen",
    "Нур-Султан",
    docs(r"Нур-Султан|Нұр-Сұлтан|Nur-Sultan"),
    docs(r"Астан|Astana") - docs(r"Нур-Султан|Нұр-Сұлтан|Nur-Sultan"),
    aliases=False,
)
q("hyphen", "Жомарт", docs(r"Жомарт"))
q("hyphen", "30-летие", docs(r"30-лети"))

# Alphabets: Kazakh Cyrillic, 2021 Latin and loose English spellings meet.
q("alphabet", "Qazaqtanu", docs(KAZAKHTANU))
q("alphabet", "Kazakhtanu", docs(KAZAKHTANU))
q("alphabet", "Қазақтану", docs(KAZAKHTANU))
q("alphabet", '"Kogamdyk kelisim"', docs(KOGAMDYK))
q("alphabet", '"Қоғамдық келісім"', docs(KOGAMDYK))
q("alphabet", '"Zhangyru Zholy"', docs(ZHANGYRU))
q("alphabet", '"Jañğyru joly"', docs(ZHANGYRU))
q("alphabet", '"Жаңғыру жолы"', docs(ZHANGYRU))
q("alphabet", "Dostyq üiı", both(r"Достық|Dostyq", r"\bүй|\büi", lang="kk"), lang="kk")
q("alphabet", "Taraz", docs(TARAZ))
q(
    "alphabet",
    "Astana",
    docs(r"Астан|Astana"),
    docs(r"Нур-Султан|Нұр-Сұлтан|Nur-Sultan") - docs(r"Астан|Astana"),
    aliases=False,
)

# English spellings of Kazakh names: -yev/-ev/-ov, y after a vowel, a doubled s.
TOKAYEV = r"Токаев|Тоқаев|Tokayev|Tokaev"
NAZARBAYEV = r"Назарбаев|Nazarbayev|Nazarbaev"
NURSULTAN_MAN = r"Нурсултан|Nursultan"
NUR_SULTAN = r"Нур-Султан|Нұр-Сұлтан|Nur-Sultan"
q("name-spelling", "Tokayev", docs(TOKAYEV), note="'ye' is е: not 'токаыев'")
q("name-spelling", "Tokaev", docs(TOKAYEV))
q("name-spelling", "Тоқаев", docs(TOKAYEV))
q("name-spelling", "Nazarbayev", docs(NAZARBAYEV))
q("name-spelling", "Nazarbaev", docs(NAZARBAYEV))
q("name-spelling", "Назарбаев", docs(NAZARBAYEV))
q("name-spelling", "Kassym-Jomart Tokayev", both(r"Касым|Қасым|Kassym", TOKAYEV), note="Kassym = Қасым")
q("name-spelling", "Yerlan Karin", docs(r"Ерлан Карин|Yerlan Karin"))
q(
    "name-spelling",
    "Abay",
    docs(r"\bАба(й|я|ю|ем|е)\b|\bАбай\w|\bAba[iy]\b"),
    docs(r"\bАбаев|\bAbayev|\bAbaev"),
    note="y after a vowel is й; Абаев is another name",
)
q(
    "name-spelling",
    "Nursultan",
    docs(NURSULTAN_MAN),
    docs(NUR_SULTAN) - docs(NURSULTAN_MAN),
    aliases=False,
    note="the man, not the city Nur-Sultan",
)

# Kazakh words typed with Russian letters (ң н, ғ г, қ к, ө о, ұ ү у, ә а, і и, һ х).
JANGIR = r"Жангир"
q("kk-ru-letters", "Жангыру жолы", docs(ZHANGYRU), docs(JANGIR))
q(
    "kk-ru-letters",
    "Жангыру",
    docs(r"Жаңғыру|Жангыру|Zhangyru|Jañğyru|Janǵyrý|Jan'g'yry'"),
    note="not judged against 'Жангир хан': 'Жангыру' is as well the dative of the name Жангыр",
)
q("kk-ru-letters", "Когамдык келисим", docs(KOGAMDYK))
q("kk-ru-letters", "Достык уйи", both(r"Достық|Dostyq", r"\bүй|\büi", lang="kk"), lang="kk")
q("kk-ru-letters", "Казакстан халкы Ассамблеясы", docs(ASSEMBLY), docs(r"Жангир|Наурызбай"))

# The 2017 (apostrophes) and 2018 (acutes) Latin alphabets.
QAZAQSTAN = r"(Қазақстан|Казахстан|Qazaqstan|Kazakhstan|Qazaq'stan)(?!ск)"
q("latin-2017-18", "Janǵyrý joly", docs(ZHANGYRU))
q("latin-2017-18", "Jan'g'yry' joly", docs(ZHANGYRU))
q("latin-2017-18", "Qazaqstan halqy Assambleıasy", docs(ASSEMBLY), docs(r"Қазақстан халқ") - docs(ASSEMBLY))
q("latin-2017-18", "Qazaq'stan", docs(QAZAQSTAN), docs(r"\bқазақ\b") - docs(QAZAQSTAN))
q("latin-2017-18", "Qog'amdyq kelisim", docs(KOGAMDYK))
q("latin-2017-18", "Óskemen", docs(OSKEMEN), note="the alias finds Усть-Каменогорск")

# Kazakh words declined in Russian.
NAURYZ = r"Наурыз(?!бай)|Nauryz"
q("kk-declined-ru", "Наурыза", docs(NAURYZ), docs(r"Наурызбай"))
q("kk-declined-ru", "Наурызом", docs(NAURYZ), docs(r"Наурызбай"))
q("kk-declined-ru", "Наурыз", docs(NAURYZ), docs(r"Наурызбай"))

# Hyphenated compounds: a combining form hyphenated or solid; a hyphen or a space.
ETNOMEDIACIA = r"этно-?медиац|ethno-?mediation"
q("compound", "этномедиация", docs(ETNOMEDIACIA), docs(r"медиац|mediation") - docs(ETNOMEDIACIA))
q("compound", "этно-медиация", docs(ETNOMEDIACIA), docs(r"медиац|mediation") - docs(ETNOMEDIACIA))
q("compound", "медиацентр", docs(r"медиа-?центр"))
q("compound", "медиа-центр", docs(r"медиа-?центр"))
q("compound", "этно-мәдени", docs(r"этно-?мәдени|etno-?ma'?deni", lang="kk"))
q(
    "compound",
    "Усть-Каменогорск",
    docs(r"Усть[- ]Каменогорск"),
    docs(r"Усть-Таловка") - docs(r"Каменогорск"),
    aliases=False,
)
q("compound", "Усть Каменогорск", docs(r"Усть[- ]Каменогорск"), aliases=False)
q(
    "compound",
    "Нур-Султан",
    docs(NUR_SULTAN),
    docs(NURSULTAN_MAN) - docs(NUR_SULTAN),
    aliases=False,
    note="the city, not Nursultan the man",
)

# Aliases: the capital across eras, the Assembly's names and abbreviations.
# A name is found whole, never by one of its words: the party Nur Otan shares "Nur" with Nur-Sultan.
PARTY = r"Нур Отан|Нұр Отан|Nur Otan"
NOT_THE_CAPITAL = docs(PARTY) - docs(CAPITAL)
q("alias", "Астана", docs(CAPITAL), NOT_THE_CAPITAL, note="not an article naming only the party Nur Otan")
q("alias", "Нур-Султан", docs(CAPITAL), NOT_THE_CAPITAL)
q("alias", "Целиноград", docs(CAPITAL))
q("alias", "Nur-Sultan", docs(CAPITAL), NOT_THE_CAPITAL)
q("alias", "Нұр-Сұлтан", docs(CAPITAL), NOT_THE_CAPITAL)
q("alias", "АНК", docs(ASSEMBLY))
q("alias", "ҚХА", docs(ASSEMBLY))
q("alias", "Assembly of People of Kazakhstan", docs(ASSEMBLY))
q("alias", "Өскемен", docs(OSKEMEN))
q("alias", "Караганда", docs(KARAGANDA))

# Operators: OR, NOT, -word, И/ИЛИ/НЕ, және/немесе, parentheses.
q("operators", "Тараз OR Караганда", docs(TARAZ) | docs(KARAGANDA))
q("operators", "Тараз -молодежь", docs(TARAZ) - docs(MOLODEZH), docs(TARAZ) & docs(MOLODEZH))
q("operators", "Тараз НЕ меморандум", docs(TARAZ) - docs(r"меморандум"), docs(r"меморандум"))
q("operators", "Тараз И меморандум", docs(TARAZ) & docs(r"меморандум"), docs(TARAZ) - docs(r"меморандум"))
q("operators", "Шымкент ИЛИ Караганда", docs(SHYMKENT) | docs(KARAGANDA))
q("operators", "Алматы немесе Шымкент", docs(ALMATY) | docs(SHYMKENT))
q("operators", "Тараз және мереке", both(TARAZ, r"мереке", lang="kk"), docs(TARAZ) - docs(r"мереке"))
q(
    "operators",
    "(Тараз OR Шымкент) NOT молодежь",
    (docs(TARAZ) | docs(SHYMKENT)) - docs(MOLODEZH),
    docs(MOLODEZH),
)

# Phrases with morphology and proximity.
q("phrase", '"Дом дружбы"', docs(DOM_DRUZHBY), both(r"\bдом", r"дружб", lang="ru") - docs(DOM_DRUZHBY))
HYPHENATED_CAPITAL = r"Нур-Султан|Нұр-Сұлтан|Nur-Sultan"
q(
    "phrase",
    '"Нур-Султан"',
    docs(HYPHENATED_CAPITAL),
    docs(PARTY) - docs(HYPHENATED_CAPITAL),
    aliases=False,
    note="a quoted hyphenated word is found whole or by all its parts, never by one",
)
q("phrase", '"Nur-Sultan"', docs(HYPHENATED_CAPITAL), docs(PARTY) - docs(HYPHENATED_CAPITAL), aliases=False)
q("phrase", '"молодежное движение"', docs(r"молод[её]жн\w+ движени"))
q("phrase", '"Day of Gratitude"', docs(r"Day of Gratitude"))
q("phrase", '"Қазақстан халқы"', docs(r"Қазақстан халқ|Qazaqstan halq"))
q(
    "proximity",
    '"ассамблея молодежь"~5',
    docs(near(r"ассамбле\w*", MOLODEZH, 4)),
    both(r"ассамбле", MOLODEZH, lang="ru") - docs(near(r"ассамбле\w*", MOLODEZH, 12)),
    note="within 5 words; the must-not ones are 13 or more apart",
)
q(
    "proximity",
    '"Жамбылской штаб"~8',
    docs(r"Жамбылск\w*\s+(\S+\s+){0,7}штаб|штаб\w*\s+(\S+\s+){0,7}Жамбылск"),
    docs(r"Жамбылск", lang="ru") - docs(r"Жамбылск\w*\s+(\S+\s+){0,7}штаб|штаб\w*\s+(\S+\s+){0,7}Жамбылск"),
)
q(
    "proximity",
    '"Ассамблеясы мүше"~3',
    docs(r"(Ассамблея\w*|Assamblei\w*)\s+(\S+\s+){0,2}(мүше|müşe)", lang="kk"),
    docs(r"Ассамблея", lang="kk")
    - docs(r"(Ассамблея\w*|Assamblei\w*)\s+(\S+\s+){0,2}(мүше|müşe)", lang="kk"),
)

# Prefixes.
q("prefix", "ассамбл*", docs(r"ассамбл|assambl"))
q("prefix", "волонт*", docs(r"волонт"))
q("prefix", "этном*", docs(r"\bэтном|\betnom"))

# Exact forms: "=word", '="phrase"', or --exact for the whole query.
q("exact", "=Таразе", docs(r"\bТаразе\b"), docs(TARAZ) - docs(r"\bТаразе\b"))
q("exact", '="в Доме дружбы"', docs(r"\bв Доме дружбы"), docs(DOM_DRUZHBY) - docs(r"\bв Доме дружбы"))
q("exact", "Тараз", docs(r"\bТараз\b"), docs(TARAZ) - docs(r"\bТараз\b"), exact=True)

# Fields and dates.
q("fields", "title:Тараз", docs(TARAZ, where="title"), docs(TARAZ) - docs(TARAZ, where="title"))
q("fields", "сессия lang:kk", docs(r"\bсессия", lang="kk"), docs(r"сесси", lang="ru"))
q("fields", "Тараз date:2022", docs(TARAZ, years=(2022, 2022)), docs(TARAZ) - docs(TARAZ, years=(2022, 2022)))
q(
    "fields",
    "Астана date:2019..2021",
    docs(CAPITAL, years=(2019, 2021)),
    docs(CAPITAL) - docs(CAPITAL, years=(2019, 2021)),
)
q("fields", "меморандум source:assembly", docs(r"меморандум"))


def _toml_list(items) -> str:
    return "[" + ", ".join(f'"{i}"' for i in items) + "]"


def _toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a TOML basic string


def main() -> None:
    lines = [
        "# The judged query set over the assembly replica (generated by bench/judged/make_queries.py:",
        "# relevance comes from regular expressions over the article texts, not from the engine).",
        "# kind: what the query tests; relevant: every article that must come back; must_not: articles",
        "# that must not; options: keyword arguments of search() or of its Filters (lang).",
        "",
    ]
    for entry in Q:
        lines.append("[[query]]")
        lines.append(f"kind = {_toml_string(entry['kind'])}")
        lines.append(f"q = {_toml_string(entry['q'])}")
        if entry["note"]:
            lines.append(f"note = {_toml_string(entry['note'])}")
        lines.append(f"relevant = {_toml_list(entry['relevant'])}")
        lines.append(f"must_not = {_toml_list(entry['must_not'])}")
        if entry["options"]:
            opts = ", ".join(
                f"{k} = {str(v).lower() if isinstance(v, bool) else _toml_string(v)}"
                for k, v in entry["options"].items()
            )
            lines.append(f"options = {{ {opts} }}")
        lines.append("")
    OUT.write_text("\n".join(lines), encoding="utf-8")
    print(f"{len(Q)} queries written to {OUT}")


if __name__ == "__main__":
    main()
