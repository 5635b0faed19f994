"""People and organisations in Russian text: natasha's slovnet NER, in batches, names normalised.

The models (navec news embeddings, slovnet NER and morphology) ship inside natasha's wheel and load
once per process, on first use. natasha's MorphVocab is never touched: it needs pymorphy2, whose
analyser fails on Python 3.11; lemmas are pymorphy3's (archive.entities.names).
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from archive.entities import ORG, PERSON, Entity
from archive.entities.names import UD_CASES, UD_GENDERS, organisation_name, person_name
from archive.entities.organisations import canonical_organisation, joined_to_longer, joined_with_place
from archive.entities.people import join_surnames
from archive.entities.places import is_place, mentions

# Names the NER model takes for organisations that name none in particular.
GENERIC_ORGANISATIONS = frozenset({"СМИ", "КГУ", "ОО", "Общественное объединение", "НПО"})
# Words (hyphenated and with apostrophes kept whole) and punctuation, as the taggers read them:
# razdel's rules, which cost more, give the same tokens around names.
_TOKEN = re.compile(r"\w+(?:[-‐'’]\w+)*|[^\w\s]")
_SENTENCE_END = re.compile(r"(?<=\w\w)\.\s+|\s*\n\s*")
# Texts per call: slovnet batches 8 of them (larger batches were slower, padding), like lengths
# together; a call of 256 sorts enough texts to pad little.
BATCH = 256
MORPH_BATCH = 32
# Text before and after a name the morphology tagger reads to tell its case: the preposition or
# verb that governs it stands before it, agreement after it.
_CONTEXT_BEFORE, _CONTEXT_AFTER = 30, 15

_lock = threading.Lock()
_models: dict | None = None


def _loaded() -> dict:
    """natasha's segmenter, NER and morphology taggers, loaded once (about a second, 60 MB)."""
    global _models
    with _lock:
        if _models is None:
            from natasha import NewsEmbedding, NewsMorphTagger, NewsNERTagger

            embedding = NewsEmbedding()
            morph = NewsMorphTagger(embedding)
            # The windows around names are short and sorted by length: 32 a batch pad little.
            morph.batch_size = morph.infer.encoder.batch_size = MORPH_BATCH
            _models = {"ner": NewsNERTagger(embedding), "morph": morph}
    return _models


@dataclass
class Span:
    """A name the NER model found: its type (PER, ORG, LOC), words, and where the words stand."""

    type: str
    words: list[str]
    start: int
    stop: int
    context: str  # the text around the name
    case: str | None = None
    gender: str | None = None


def russian_entities(texts: Iterable[str], known_people: dict[str, str] | None = None) -> list[list[Entity]]:
    """The people and organisations each Russian text names, in order of the texts.

    `known_people` maps a surname to the one full name the archive knows it by ("Токаев":
    "Касым-Жомарт Токаев"): a surname alone joins the full name named in the same text first,
    else that one.
    """
    texts = list(texts)
    found: list[list[Entity]] = []
    for start in range(0, len(texts), BATCH):
        batch = texts[start : start + BATCH]
        spans = _spans(batch)
        _tag_cases(spans)
        found.extend(_entities(text_spans, known_people or {}) for text_spans in spans)
    return found


def _spans(texts: list[str]) -> list[list[Span]]:
    # slovnet fails on a text with no token: such a text has no names
    read = [text for text in texts if text.strip()]
    markups = iter(_in_order_of_length(_loaded()["ner"], read))
    spans = []
    for text in texts:
        if not text.strip():
            spans.append([])
            continue
        text_spans = [
            _span(text, s.type, start, stop)
            for s in next(markups).spans
            for start, stop in _within_sentences(text, s.start, s.stop)
        ]
        spans.append(joined_with_place([s for s in text_spans if s.words], text, _span))
    return spans


def _in_order_of_length(model, items: list) -> list:
    """`model.map(items)`, in the order of `items`, the model fed them shortest first: a batch is
    padded to its longest text, so texts of like length together cost a third of the time."""
    order = sorted(range(len(items)), key=lambda n: len(items[n]))
    results = [None] * len(items)
    for position, result in zip(order, model.map([items[n] for n in order]), strict=True):
        results[position] = result
    return results


def _within_sentences(text: str, start: int, stop: int) -> list[tuple[int, int]]:
    """A span cut where a sentence ends inside it ("Гаухар Толеповой. Б. Сапарбаев"); an
    initial's full stop ends no sentence."""
    pieces = []
    for end in _SENTENCE_END.finditer(text, start, stop):
        pieces.append((start, end.start() + (text[end.start()] == ".")))
        start = end.end()
    return [*pieces, (start, stop)]


def _span(text: str, kind: str, start: int, stop: int) -> Span:
    words = [token for token in _TOKEN.findall(text[start:stop]) if token[:1].isalnum()]
    context = text[max(0, start - _CONTEXT_BEFORE) : stop + _CONTEXT_AFTER]
    return Span(kind, words, start, stop, context)


def _tag_cases(spans_by_text: list[list[Span]]) -> None:
    """Set each person's and organisation's case and gender from the morphology tagger, which reads
    the name with the words around it; all names of the batch in one call."""
    wanted = [s for spans in spans_by_text for s in spans if s.type in ("PER", "ORG")]
    windows = []
    for span in wanted:
        tokens = _TOKEN.findall(span.context)
        windows.append(tokens)
    for span, markup in zip(wanted, _in_order_of_length(_loaded()["morph"], windows), strict=True):
        head = span.words[-1] if span.type == "PER" else _first_noun_like(span.words)
        for token in markup.tokens:
            if token.text == head:
                span.case = UD_CASES.get(token.feats.get("Case", ""))
                span.gender = UD_GENDERS.get(token.feats.get("Gender", ""))


def _first_noun_like(words: list[str]) -> str:
    """The word of an organisation's name whose case is the name's: its first capitalised word."""
    return next((w for w in words if w[:1].isupper()), words[0])


def _entities(spans: list[Span], known_people: dict[str, str]) -> list[Entity]:
    people = [
        person_name(words, s.case, s.gender)
        for s in spans
        if s.type == "PER"
        if (words := _unplaced(s.words))
    ]
    organisations = [
        canonical_organisation(organisation_name(s.words, s.case)) for s in spans if s.type == "ORG"
    ]
    organisations = [name for name in organisations if name not in GENERIC_ORGANISATIONS]
    people_counts = join_surnames([p for p in people if p], known_people)
    organisation_counts = Counter(joined_to_longer([o for o in organisations if o]))
    return [Entity(PERSON, name, mentions) for name, mentions in people_counts.items()] + [
        Entity(ORG, name, mentions) for name, mentions in organisation_counts.items()
    ]


def _unplaced(words: list[str]) -> list[str]:
    """A person's words without the places the NER model took in at either end ("Шымкента Икрам
    Хашимжанов": of Shymkent, Икрам Хашимжанов); none when every word is a place ("Темиртау")."""
    words = list(words)
    while words and (leading := _leading_place(words)):
        words = words[leading:]
    while words and is_place(words[-1]):
        words.pop()
    return words


def _leading_place(words: list[str]) -> int:
    """How many of `words` a place opening them takes ("Жамбылской области Бердибек ...": 2)."""
    text = " ".join(words)
    first = next(mentions(text), None)
    if first is None or first.start != 0:
        return 0
    return len(text[: first.end].split())
