"""Formula sentences: what an office writes into release after release, which two copies of one text
share but two releases that share only it do not.

A sentence several articles carry is the text of one story when those articles are all copies of
one another, and a formula ("Участники обсудили укрепление общественного согласия…") when they
are not. Two articles are copies only if they still are with their formula sentences left out.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from itertools import combinations

from archive.translit import to_plain_latin

MIN_SENTENCE_WORDS = 5  # shorter sentences ("Фото: пресс-служба") are too plain to call formula
MIN_ARTICLES = 3  # a sentence in two articles says nothing of a third: it may be one story's

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")
_WORD = re.compile(r"[^\W_]+")

Sentence = tuple[str, ...]


def sentences(text: str) -> list[tuple[str, Sentence]]:
    """(the sentence as written, its words as compared) for each sentence of `text`."""
    found = []
    for written in _SENTENCE_END.split(text):
        words = tuple(_WORD.findall(to_plain_latin(written)))
        if words:
            found.append((written, words))
    return found


def formula_sentences(texts: dict[int, str], known_apart: Callable[[tuple[int, int]], bool]) -> set[Sentence]:
    """The sentences of `texts` ({article id: text}) found in MIN_ARTICLES or more articles of which
    two are known not to be copies (`known_apart` of the pair (smaller id, larger id))."""
    holders: dict[Sentence, set[int]] = defaultdict(set)
    for article_id, text in texts.items():
        for _, words in sentences(text):
            if len(words) >= MIN_SENTENCE_WORDS:
                holders[words].add(article_id)
    formula = set()
    for words, articles in holders.items():
        # any() stops at the first pair that tells: a formula of a thousand releases is found at once
        if len(articles) >= MIN_ARTICLES and any(map(known_apart, combinations(sorted(articles), 2))):
            formula.add(words)
    return formula


def without_formula(text: str, formula: set[Sentence]) -> tuple[str, int]:
    """(`text` with its formula sentences left out, how many were)."""
    kept, left_out = [], 0
    for written, words in sentences(text):
        if words in formula:
            left_out += 1
        else:
            kept.append(written)
    return " ".join(kept), left_out
