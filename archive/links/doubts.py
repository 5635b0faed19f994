"""Links to look at twice: a score near its threshold, copies far apart in time, headlines with
nothing in common. What `apknews links --check` lists."""

from __future__ import annotations

from dataclasses import dataclass

from archive.links import reposts, translations
from archive.links.reposts import days_apart, headline_agreement
from archive.said import Said
from archive.store import REPOST, TRANSLATION

NEAR = 0.1  # a score less than this above its threshold is near it
FAR_DAYS = 7  # copies published further apart than this are worth a look
UNLIKE_HEADLINES = 0.25  # headlines sharing less than this share of words have nothing in common


@dataclass(frozen=True)
class Doubt:
    """A link (as Store.all_links gives it) and what makes it doubtful."""

    link: dict
    why: tuple[str, ...]


def doubts(links: list[dict]) -> list[Doubt]:
    """The doubtful ones among `links`, in their order."""
    found = []
    for link in links:
        why = _repost_doubts(link) if link["kind"] == REPOST else _translation_doubts(link)
        if why:
            found.append(Doubt(link, tuple(why)))
    return found


def _repost_doubts(link: dict) -> list[str]:
    why = []
    score = link["score"]
    if score is not None and score < reposts.MIN_OVERLAP + NEAR:
        why.append(
            Said(
                "overlap %(score).2f near the threshold %(threshold)s",
                score=score,
                threshold=reposts.MIN_OVERLAP,
            )
        )
    days = days_apart(link["a_published"], link["t_published"])
    if days is None:
        why.append(Said("a date is missing"))
    elif days > FAR_DAYS:
        why.append(Said("published %(days)s days apart", days=days))
    if headline_agreement(link["a_title"], link["t_title"]) < UNLIKE_HEADLINES:
        why.append(Said("the headlines have no word in common"))
    return why


def _translation_doubts(link: dict) -> list[str]:
    score = link["score"]
    if link["kind"] != TRANSLATION or score is None:
        return []  # declared by the pages themselves
    if score < translations.MIN_SCORE + NEAR:
        return [
            Said(
                "score %(score).2f near the threshold %(threshold)s",
                score=score,
                threshold=translations.MIN_SCORE,
            )
        ]
    return []
