"""Reposts: one text published again (another headline, lead, chrome or ending), told from look-alikes.

Press releases of one office share whole sentences; a repost shares the text itself. Two texts
are copies when (1) nearly all of the shorter one runs word for word through the longer, (2) no
name or number in what they share is swapped for another (a template filled in for another day,
district or speaker), and (3) they are days apart or carry one headline: never years apart on
different events. The thresholds are measured on bench/links (scripts/score_links.py).
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from difflib import SequenceMatcher

from archive.links.formula import Sentence, without_formula
from archive.links.names import KeySet, Token, tokens

# Share of the shorter text in runs of RUN_WORDS+ words both texts hold. Measured on bench/links:
# copies 0.65 and more (a new lead and a trimmed ending), different texts 0.28 at most; releases
# of one template 0.77-0.94, told apart by their swapped names and numbers, not by this share.
MIN_OVERLAP = 0.5
# Share of the shorter text's names and numbers the other names too: copies 0.71 and more; texts
# that share only formula sentences 0.5 (their own names stand in the parts that differ).
MIN_AGREEING = 0.6
RUN_WORDS = 3  # shorter common runs are chance (prepositions, a name) not copied text
SLOT_WORDS = 12  # a swap of at most this many words inside shared text is a filled-in slot
WINDOW_DAYS = 31  # reposts with another headline come within a month of the first copy
SAME_HEADLINE = 0.8  # share of the shorter headline's words in the other: the same headline
MIN_WORDS = 20  # a notice of a line or two says too little to call another text its copy
# A text left short by formula sentences, or two copies further apart than WINDOW_DAYS: copies
# only nearly word for word, every number of the shorter text in the other (a yearly release of one
# template changes its figures; a reprint keeps them).
SAME_REMAINDER = 0.9
MAX_WORDS = 4000  # compared from the start: longer texts differ early if they differ at all


@dataclass(frozen=True)
class CopyCheck:
    """Whether two articles are copies of one text, and the measures that decided it."""

    overlap: float  # share of the shorter text found word for word in the other
    swapped: tuple[str, ...]  # names/numbers of shared text swapped for others ("20 → 17")
    agreeing: float  # share of the shorter text's names and numbers the other one names too
    days: int | None  # days between the publication dates (None: a date is missing)
    headlines: float  # share of the shorter headline's words found in the other
    words: int  # words of the shorter text
    formula: int = 0  # formula sentences left out of the two texts before comparing them
    numbers_agree: bool = True  # every number of the shorter (whole) text is in the other

    @property
    def same_text(self) -> bool:
        # What formula leaves of two copies may be a sentence: then it must be that very sentence.
        long_enough = self.words >= MIN_WORDS or (self.formula and self.words and self._word_for_word)
        return (
            long_enough and self.overlap >= MIN_OVERLAP and self.agreeing >= MIN_AGREEING and not self.swapped
        )

    @property
    def consistent(self) -> bool:
        """Days apart, or one headline and one text to the figure: never two events years apart."""
        if self.days is not None and self.days <= WINDOW_DAYS:
            return True
        return self.headlines >= SAME_HEADLINE and self._word_for_word

    @property
    def _word_for_word(self) -> bool:
        return self.overlap >= SAME_REMAINDER and self.numbers_agree

    @property
    def linked(self) -> bool:
        return self.same_text and self.consistent

    @property
    def reason(self) -> str:
        """The measures in words, as a link keeps them."""
        parts = [f"same text: {self.overlap:.0%} of the shorter copy word for word"]
        if self.formula:
            parts[0] += f" ({self.formula} formula sentences left out)"
        if self.swapped:
            parts.append("names or numbers swapped: " + ", ".join(self.swapped[:3]))
        else:
            parts.append(f"{self.agreeing:.0%} of names and numbers agree, none swapped")
        parts.append(_days_apart(self.days))
        parts.append(f"headlines {'agree' if self.headlines >= SAME_HEADLINE else 'differ'}")
        return "; ".join(parts)


def may_be_copies(a: dict, b: dict) -> bool:
    """Whether two articles (dicts with title and published) can be linked as copies whatever their
    texts: days apart, or one headline (the cheap part of the check, asked first)."""
    days = days_apart(a.get("published"), b.get("published"))
    return (days is not None and days <= WINDOW_DAYS) or headline_agreement(
        a["title"], b["title"]
    ) >= SAME_HEADLINE


def compare_copies(
    a: dict, b: dict, formula: frozenset[Sentence] | set[Sentence] = frozenset(), quick: bool = False
) -> CopyCheck:
    """The copy check of two articles, each a dict with title, text and published (YYYY-MM-DD);
    the `formula` sentences (archive.links.formula) are left out of both texts first. `quick`:
    texts whose names disagree are not aligned (their overlap is then given as 0)."""
    text_a, formula_a = without_formula(a["text"], formula) if formula else (a["text"], 0)
    text_b, formula_b = without_formula(b["text"], formula) if formula else (b["text"], 0)
    prepared_a, prepared_b = _prepared(text_a), _prepared(text_b)
    agreeing = _agreeing(prepared_a, prepared_b)
    if quick and agreeing < MIN_AGREEING:
        overlap, swapped = 0.0, []
    else:
        overlap, swapped = _shared(prepared_a, prepared_b)
    return CopyCheck(
        overlap=round(overlap, 3),
        swapped=tuple(swapped),
        agreeing=round(agreeing, 3),
        days=days_apart(a.get("published"), b.get("published")),
        headlines=round(headline_agreement(a["title"], b["title"]), 3),
        words=min(len(prepared_a.words), len(prepared_b.words)),
        formula=formula_a + formula_b,
        numbers_agree=_numbers_agree(_prepared(a["text"]), _prepared(b["text"])),
    )


@dataclass(frozen=True)
class _Prepared:
    """A text as the check reads it, made once: one article is compared with each of its candidates."""

    words: list[Token]  # the first MAX_WORDS
    keys: KeySet
    matcher: SequenceMatcher  # with these words as its second sequence, indexed once

    def against(self, other: _Prepared) -> list:
        """The runs of RUN_WORDS+ words `other` (a) and this text (b) share."""
        self.matcher.set_seq1([w.plain for w in other.words])
        return [block for block in self.matcher.get_matching_blocks() if block.size >= RUN_WORDS]


@functools.lru_cache(maxsize=4096)
def _prepared(text: str) -> _Prepared:
    words = tokens(text)[:MAX_WORDS]
    matcher = SequenceMatcher(None, [], [w.plain for w in words], autojunk=False)
    return _Prepared(words, KeySet(w.key for w in words if w.key), matcher)


def _shared(a: _Prepared, b: _Prepared) -> tuple[float, list[str]]:
    """(share of the shorter text in common runs, names/numbers swapped inside the shared text)."""
    if not a.words or not b.words:
        return 0.0, []
    blocks = b.against(a)
    swapped = []
    for (i1, i2), (j1, j2) in _differences(blocks, len(a.words), len(b.words)):
        if not (i1 < i2 and j1 < j2) or max(i2 - i1, j2 - j1) > SLOT_WORDS:
            continue  # a cut, an addition, a rewritten lead: no filled-in slot
        only_a = [w for w in a.words[i1:i2] if w.key and w.key not in b.keys]
        only_b = [w for w in b.words[j1:j2] if w.key and w.key not in a.keys]
        if only_a and only_b:
            swapped.append(f"{only_a[0].plain} → {only_b[0].plain}")
        elif _one_number_for_another(a.words[i1:i2], b.words[j1:j2]):
            # "26 членов" and "15 членов": other figures, though a 15 stands elsewhere in the text
            swapped.append(f"{a.words[i1].plain} → {b.words[j1].plain}")
    common = sum(block.size for block in blocks)
    return common / min(len(a.words), len(b.words)), swapped


def _one_number_for_another(words_a: list[Token], words_b: list[Token]) -> bool:
    if len(words_a) != 1 or len(words_b) != 1:
        return False
    key_a, key_b = words_a[0].key, words_b[0].key
    return bool(key_a and key_b and key_a.startswith("#") and key_b.startswith("#") and key_a != key_b)


def _numbers_agree(a: _Prepared, b: _Prepared) -> bool:
    """Whether every number of the shorter text is among the other's (a trimmed copy keeps its own)."""
    shorter, other = (a, b) if len(a.words) <= len(b.words) else (b, a)
    return {k for k in shorter.keys if k.startswith("#")} <= {k for k in other.keys if k.startswith("#")}


def _agreeing(a: _Prepared, b: _Prepared) -> float:
    """Share of the shorter text's names and numbers that the other names too (1 with none)."""
    if not a.words or not b.words:
        return 0.0
    shorter, other = (a.keys, b.keys) if len(a.words) <= len(b.words) else (b.keys, a.keys)
    return sum(1 for key in shorter if key in other) / len(shorter) if len(shorter) else 1.0


def _differences(blocks, end_a: int, end_b: int):
    """The stretches between common runs, as ((start, end) in a, (start, end) in b)."""
    position_a = position_b = 0
    for block in [*blocks, _End(end_a, end_b)]:
        if block.a > position_a or block.b > position_b:
            yield (position_a, block.a), (position_b, block.b)
        position_a, position_b = block.a + block.size, block.b + block.size


@dataclass(frozen=True)
class _End:
    a: int
    b: int
    size: int = 0


def headline_agreement(title_a: str, title_b: str) -> float:
    """Share of the shorter headline's words (their first five letters, any alphabet) in the other."""
    stems_a, stems_b = _stems(title_a), _stems(title_b)
    if not stems_a or not stems_b:
        return 0.0
    return len(stems_a & stems_b) / min(len(stems_a), len(stems_b))


@functools.lru_cache(maxsize=4096)
def _stems(title: str) -> frozenset[str]:
    # numbers count however short: "№73" and "№439" are two headlines
    return frozenset(w.plain[:5] for w in tokens(title) if len(w.plain) >= 3 or w.plain.isdigit())


def days_apart(a: str | None, b: str | None) -> int | None:
    """Whole days between two YYYY-MM-DD dates; None when either is missing or malformed."""
    try:
        return abs((dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days)
    except (TypeError, ValueError):
        return None


def _days_apart(days: int | None) -> str:
    if days is None:
        return "a date missing"
    if days == 0:
        return "the same day"
    return f"{days} day{'s' if days != 1 else ''} apart"
