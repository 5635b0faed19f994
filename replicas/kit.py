"""What the newer replicas share: scripted faults per path, article data files, body text, responses."""

from __future__ import annotations

import threading
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

Response = tuple[int, dict[str, str], bytes]
HERE = Path(__file__).resolve().parent


@dataclass
class Story:
    """One article of a replica: where it lives, what it says, when, and which listing shows it."""

    slug: str
    lang: str
    title: str
    date: str  # ISO date, as a reader of the page would state it
    time: str = "12:00"
    era: str = ""  # markup generation, for sites with several
    topic: bool = True  # False: off-topic (sidebar, akimat roads) and never to be stored
    hidden: bool = False  # published between two crawls: shown only after `publish()`
    paragraphs: list[str] = field(default_factory=list)
    extra: dict = field(default_factory=dict)


def load_stories(site: str) -> list[Story]:
    """The `[[story]]` tables of replicas/<site>/articles.toml, in file order (newest first)."""
    data = tomllib.loads((HERE / site / "articles.toml").read_text(encoding="utf-8"))
    stories = []
    for table in data["story"]:
        known = {k: table.pop(k) for k in list(table) if k in Story.__dataclass_fields__}
        story = Story(**known, extra=table)
        if not story.paragraphs:
            story.paragraphs = body_paragraphs(story.lang, story.title, len(stories))
        stories.append(story)
    return stories


_SENTENCES = {
    "ru": [
        "В мероприятии приняли участие представители этнокультурных объединений, молодежь и ветераны.",
        "Участники обсудили укрепление общественного согласия и общенационального единства.",
        "Председатель совета отметил, что диалог между этносами остается основой стабильности в регионе.",
        "Гости познакомились с традициями и культурой народов, проживающих в Казахстане.",
        "По итогам встречи принята резолюция и намечены планы на следующий год.",
        "Особое внимание уделили изучению государственного языка и проекту «Қазақтану».",
        "Активисты Дома дружбы наградили победителей конкурса благодарственными письмами.",
        "Организаторы поблагодарили волонтеров и партнеров за поддержку.",
    ],
    "kk": [
        "Іс-шараға этномәдени бірлестіктердің өкілдері, жастар мен ардагерлер қатысты.",
        "Қатысушылар қоғамдық келісім мен жалпыұлттық бірлікті нығайту мәселелерін талқылады.",
        "Кеңес төрағасы этностар арасындағы диалог өңірдегі тұрақтылықтың негізі екенін атап өтті.",
        "Қонақтар Қазақстанда тұратын халықтардың салт-дәстүрімен танысты.",
        "Кездесу қорытындысы бойынша келесі жылға арналған жоспарлар белгіленді.",
        "Мемлекеттік тілді оқытуға және «Қазақтану» жобасына ерекше назар аударылды.",
        "Достық үйінің белсенділері байқау жеңімпаздарын алғыс хаттармен марапаттады.",
        "Ұйымдастырушылар еріктілер мен серіктестерге алғыс білдірді.",
    ],
    "en": [
        "Representatives of ethnocultural associations, young people and veterans took part in the event.",
        "The participants discussed strengthening public accord and national unity.",
        "The chairman of the council noted that dialogue between ethnic groups is the basis of stability.",
        "The guests learned about the traditions and culture of the peoples living in Kazakhstan.",
        "Following the meeting, a resolution was adopted and plans for the next year were outlined.",
        "Particular attention was paid to learning the state language and to the Kazakhtanu project.",
        "Activists of the House of Friendship awarded the winners of the contest with letters of thanks.",
        "The organisers thanked the volunteers and partners for their support.",
    ],
}


def body_paragraphs(lang: str, title: str, seed: int) -> list[str]:
    """Three paragraphs of plausible news prose; the first names the story, so each text is its own."""
    bank = _SENTENCES["kk" if lang == "kk-latn" else lang]
    picks = [bank[(seed + i * 3) % len(bank)] for i in range(6)]
    lead = {"ru": "Сегодня состоялось событие: ", "kk": "Бүгін өткен оқиға: ", "en": "Today's event: "}
    return [
        f"{lead.get(lang, '')}{title}. {picks[0]}",
        f"{picks[1]} {picks[2]} {picks[3]}",
        f"{picks[4]} {picks[5]}",
    ]


class Faults:
    """Scripted misbehaviour by path: each request to a path takes the next step of its script.

    A step is an HTTP status to answer with, or a float: seconds to stall before answering
    normally (longer than the client's timeout, it is a timeout). After the script, the real page.
    Every request time is kept by path, so a test can see the back-off between tries.
    """

    def __init__(self, scripts: dict[str, list[int | float]]):
        self.scripts = {path: list(steps) for path, steps in scripts.items()}
        self.times: dict[str, list[float]] = {}
        self._lock = threading.Lock()

    def intercept(self, path: str) -> Response | None:
        with self._lock:
            self.times.setdefault(path, []).append(time.monotonic())
            steps = self.scripts.get(path)
            step = steps.pop(0) if steps else None
        if isinstance(step, float):
            time.sleep(step)
            return None
        if isinstance(step, int):
            return html(step, f"<html><body><h1>{step}</h1>The server is busy.</body></html>")
        return None


def html(
    status: int, text: str, content_type: str = "text/html; charset=UTF-8", encoding="utf-8"
) -> Response:
    # A single-byte page writes what its charset lacks (Kazakh letters in cp1251) as &#NNN; references.
    return status, {"Content-Type": content_type}, text.encode(encoding, errors="xmlcharrefreplace")


def redirect(location: str, status: int = 301) -> Response:
    return status, {"Location": location, "Content-Type": "text/html"}, b"Moved"
