"""Citations written as RIS (rispy), BibTeX (bibtexparser 2) and CSL-JSON, streamed one entry at a time.

Where each part goes, chosen for what Zotero imports (its RIS and CSL-JSON translators):
- RIS `TY NEWS` (newspaper article): `T2` the source (publication title), `DA`/`PY` the date,
  `Y2` the access date, `DB` the archive's name and `AN` the WARC-Record-ID (Zotero's "Archive" and
  "Loc. in Archive"), `N1` a note with the archived-copy URL.
- CSL-JSON `article-newspaper`: `container-title`, `issued`, `accessed`, `archive`,
  `archive_location` (the record id), `note` (the archived-copy URL).
- BibTeX `@article` with `entrysubtype = {newspaper}` and `journal`: classic BibTeX styles print an
  article's journal (an `@online` falls back to `@misc` there and loses the source), biblatex reads
  `journal` as `journaltitle` and the subtype as a newspaper; `date` and `urldate` for biblatex (and
  Zotero), `year` for BibTeX; the archived-copy URL and record id in `note`, which every style prints.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

import bibtexparser
import rispy
from bibtexparser import model

from search.citations import ARCHIVE_NAME, Citation

# LaTeX's special characters as BibTeX takes them inside a braced value: a brace as a command, not
# `\{` (BibTeX counts every brace, escaped or not, and one lone `{` would end the file's sense).
_LATEX_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_LATEX_TABLE = str.maketrans(_LATEX_ESCAPES)


class _RisWriter(rispy.RisWriter):
    """rispy's writer without the "1." line it puts before each entry (no RIS tag; other readers choke)."""

    def set_header(self, count):
        return ""


def ris_chunks(cited: Iterable[Citation]) -> Iterator[str]:
    for citation in cited:
        yield rispy.dumps([_ris_entry(citation)], implementation=_RisWriter).lstrip("\n")


def _ris_entry(c: Citation) -> dict:
    entry: dict = {"type_of_reference": "NEWS", "title": c.title}
    if c.author:
        entry["authors"] = [c.author]
    entry["secondary_title"] = c.container
    if c.published:
        entry["date"] = c.published.replace("-", "/") + "/"
        entry["year"] = c.published[:4]
    if c.lang:
        entry["language"] = c.lang
    entry["urls"] = [c.url]
    if c.accessed:
        entry["access_date"] = c.accessed.replace("-", "/")
    entry["name_of_database"] = ARCHIVE_NAME
    if c.record_id:
        entry["accession_number"] = c.record_id
    if c.archive_note():
        entry["notes"] = [c.archive_note()]
    entry["id"] = c.key
    return entry


def latex_escaped(text: str) -> str:
    """`text` with LaTeX's special characters escaped; every other letter (Cyrillic, Kazakh) as it is."""
    return text.translate(_LATEX_TABLE)


def bibtex_chunks(cited: Iterable[Citation]) -> Iterator[str]:
    for number, citation in enumerate(cited):
        text = bibtexparser.write_string(bibtexparser.Library([_bibtex_entry(citation)]))
        yield ("" if number == 0 else "\n") + text.strip("\n") + "\n"


def _bibtex_entry(c: Citation) -> model.Entry:
    fields = {"entrysubtype": "newspaper", "title": "{" + latex_escaped(c.title) + "}"}
    if c.author:
        fields["author"] = "{" + latex_escaped(c.author) + "}"  # one name as written, never split
    fields["journal"] = latex_escaped(c.container)
    if c.published:
        fields["date"] = c.published
        fields["year"] = c.published[:4]
    if c.lang:
        fields["language"] = c.lang
    fields["url"] = c.url
    if c.accessed:
        fields["urldate"] = c.accessed
    if c.archive_note():
        fields["note"] = latex_escaped(c.archive_note())
    return model.Entry("article", c.key, [model.Field(name, value) for name, value in fields.items()])


def csl_item(c: Citation) -> dict:
    """The citation as a CSL-JSON item (the CSL 1.0 data schema's variables)."""
    item: dict = {"id": c.key, "type": "article-newspaper", "title": c.title}
    if c.author:
        item["author"] = [{"literal": c.author}]
    item["container-title"] = c.container
    if c.published:
        item["issued"] = {"date-parts": [[int(part) for part in c.published.split("-")]]}
    if c.lang:
        item["language"] = c.lang
    item["URL"] = c.url
    if c.accessed:
        item["accessed"] = {"date-parts": [[int(part) for part in c.accessed.split("-")]]}
    item["archive"] = ARCHIVE_NAME
    if c.record_id:
        item["archive_location"] = c.record_id
    if c.archive_note():
        item["note"] = c.archive_note()
    return item


def csljson_chunks(cited: Iterable[Citation]) -> Iterator[str]:
    """One JSON array of CSL items, written one item per line as they come."""
    yield "["
    for number, citation in enumerate(cited):
        yield ("\n" if number == 0 else ",\n") + json.dumps(csl_item(citation), ensure_ascii=False)
    yield "\n]\n"


WRITERS = {"ris": ris_chunks, "bibtex": bibtex_chunks, "csljson": csljson_chunks}


def citation_chunks(cited: Iterable[Citation], fmt: str) -> Iterator[str]:
    """The text of `cited` in `fmt` (ris, bibtex or csljson), a chunk per entry."""
    return WRITERS[fmt](cited)
