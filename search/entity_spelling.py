"""`person:Tokayev`: a name typed in Latin letters finds the people named in Cyrillic, by loose key."""

from __future__ import annotations

from collections.abc import Iterator

from whoosh.query.terms import PatternQuery

from archive.translit import is_latin, loose_key


def name_loose_key(key: str) -> str:
    """A name's key (indexer.entity_fields.entity_key) with each word as archive.translit.loose_key
    reads it: Tokayev, Токаев and Тоқаев share "tokaev"; Kassym-Jomart and Касым-Жомарт "kasim-jomart"."""
    return " ".join(loose_key(word) for word in key.split(" "))


def typed_in_latin(key: str) -> bool:
    return any(is_latin(word) for word in key.split(" "))


class LooseName(PatternQuery):
    """The terms of `fieldname` (an entity key field) whose loose key is `text`'s, found in the
    index's own list of names when the query runs: the same matches as a Term of each of them."""

    def __str__(self) -> str:
        return f"{self.fieldname}:~{self.text!r}"

    def _btexts(self, ixreader) -> Iterator[bytes]:
        if self.fieldname not in ixreader.schema:
            return
        loose = name_loose_key(self.text)
        for btext in ixreader.lexicon(self.fieldname):
            if name_loose_key(btext.decode("utf-8")) == loose:
                yield btext
