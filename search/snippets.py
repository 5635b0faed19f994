"""Snippets: the passages of an article where the query matched, matched word forms marked."""

from __future__ import annotations

MARK = "**"  # matched word forms in a snippet are wrapped in it: "в **Таразе** подписан"
SNIPPET_CHARS = 220
CONTEXT_BEFORE = 70
MAX_FRAGMENTS = 2
# Analysing a whole article costs ~2-3 ms per 2,000 characters per analyzer, and a hit's snippet
# needs one or two analyzers; the passages shown are nearly always near the start, so the text is
# read a part at a time (cut between sentences, where no word's reading depends on the next part)
# and reading stops once the passages the snippet shows are settled.
PART_CHARS = 1500
CONTEXT_MARGIN = 200  # passages must end this far before the part read, to be settled


def snippet_for(schema, fieldnames_terms: dict[str, set[str]], fields_for_text: list[str], text: str) -> str:
    """make_snippet of the matched spans of `text`, analysing only as much of it as the snippet needs."""
    if not any(fieldnames_terms.get(f) for f in fields_for_text):
        return make_snippet(text, [])
    spans: list[tuple[int, int]] = []
    begin = 0
    while begin < len(text):
        end = _part_end(text, begin + PART_CHARS)
        for start, stop in matched_spans(schema, fieldnames_terms, fields_for_text, text[begin:end]):
            spans.append((begin + start, begin + stop))
        begin = end
        chosen = _fragments(text, spans)
        if len(chosen) == MAX_FRAGMENTS and chosen[-1][1] <= begin - CONTEXT_MARGIN:
            break
    return make_snippet(text, _merged(spans))


def _part_end(text: str, index: int) -> int:
    """The end of a part: the first paragraph or sentence end from `index`, else the text's end."""
    if index >= len(text):
        return len(text)
    ends = [i + 1 for i in (text.find("\n", index), text.find(". ", index)) if i >= 0]
    return min(ends) if ends else len(text)


def matched_spans(schema, fieldnames_terms: dict[str, set[str]], fields_for_text: list[str], text: str):
    """(start, end) character spans of `text` whose analysed form is a matched term of a field.

    Each field's analyzer reads the text as it did when indexing, so "Таразе" is marked for the
    term "тараз", and "Kazakhtanu" for the loose key "kazaktanu".
    """
    spans: list[tuple[int, int]] = []
    for fieldname in fields_for_text:
        terms = fieldnames_terms.get(fieldname)
        if not terms or fieldname not in schema:
            continue
        for token in schema[fieldname].analyzer(text, chars=True, positions=True, mode="index"):
            if token.text in terms:
                spans.append((token.startchar, token.endchar))
    return _merged(spans)


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def make_snippet(text: str, spans: list[tuple[int, int]]) -> str:
    """Up to two passages around the matches, matches marked; the opening of the text if none."""
    if not spans:
        return lead(text)
    pieces = []
    for begin, end in _fragments(text, spans):
        piece, cursor = [], begin
        for start, stop in spans:
            if start >= begin and stop <= end:
                piece.append(text[cursor:start] + MARK + text[start:stop] + MARK)
                cursor = stop
        piece.append(text[cursor:end])
        pieces.append(("… " if begin > 0 else "") + "".join(piece) + (" …" if end < len(text) else ""))
    return " ".join(" ".join(pieces).split()).replace("… …", "…")


def _fragments(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(begin, end) of the passages shown: around the first matches, up to MAX_FRAGMENTS of them."""
    fragments: list[tuple[int, int]] = []
    for start, _ in spans:
        if fragments and start < fragments[-1][1]:
            continue
        if len(fragments) == MAX_FRAGMENTS:
            break
        begin = _word_start(text, max(0, start - CONTEXT_BEFORE))
        fragments.append((begin, _word_end(text, min(len(text), begin + SNIPPET_CHARS))))
    return fragments


def _word_start(text: str, index: int) -> int:
    if index == 0:
        return 0
    space = text.find(" ", index)
    return space + 1 if 0 <= space < index + 20 else index


def _word_end(text: str, index: int) -> int:
    if index >= len(text):
        return len(text)
    space = text.rfind(" ", index - 30, index)
    return space if space > 0 else index


def lead(text: str) -> str:
    """The opening of `text` cut at a word boundary: the snippet when no word matched the body."""
    if len(text) <= SNIPPET_CHARS:
        return " ".join(text.split())
    return " ".join(text[:SNIPPET_CHARS].rsplit(" ", 1)[0].split()) + " …"
