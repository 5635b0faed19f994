"""Translations: the ru, kk and en texts of one release, by the site's language links or agreeing facts."""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from archive.translit import to_plain_latin

MIN_SHARED_NAMES = 3  # names and numbers both texts mention: what a translation keeps
MIN_NAME_OVERLAP = 0.25  # of the shorter list of names

_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][^\W\d_]{2,}|\b\d{2,4}\b|\b[IVXLC]{2,}\b", re.M)


def name_keys(text: str) -> set[str]:
    """Names and numbers in `text` as language-neutral keys: transliterated, first 4 letters."""
    keys = set()
    for match in _NAME.finditer(text):
        word = match.group(0)
        if word.isdigit() or re.fullmatch(r"[IVXLC]+", word):
            keys.add(word)
            continue
        latin = to_plain_latin(word)
        keys.add(latin.replace("y", "i")[:4])
    return keys


def image_keys(urls: list[str]) -> set[str]:
    """File names of pictures: the same upload under any language's URL."""
    paths = (PurePosixPath(urlsplit(u).path) for u in urls)
    return {p.name.lower() for p in paths if p.suffix}


def facts_agree(a: dict, b: dict) -> tuple[bool, str]:
    """(whether articles `a` and `b` are one release in two languages, why): date, pictures, names.

    Each is a dict with lang, published, images and text; a and b must be in different languages.
    """
    if a["lang"] == b["lang"] or not a["published"] or a["published"] != b["published"]:
        return False, ""
    shared_images = image_keys(a["images"]) & image_keys(b["images"])
    if not shared_images:
        return False, ""
    names_a, names_b = name_keys(a["title"] + "\n" + a["text"]), name_keys(b["title"] + "\n" + b["text"])
    shared = names_a & names_b
    shorter = min(len(names_a), len(names_b)) or 1
    if len(shared) < MIN_SHARED_NAMES or len(shared) / shorter < MIN_NAME_OVERLAP:
        return False, ""
    return True, f"same date, picture {sorted(shared_images)[0]}, {len(shared)} names in common"
