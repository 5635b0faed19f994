"""What the foreign pages are made of: a story (title, body, table) and the chrome a site puts around it."""
# ruff: noqa: E501  (pools of page text read better unwrapped)

from __future__ import annotations

import html
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

e = html.escape
HERE = Path(__file__).resolve().parent


@dataclass
class Story:
    """One article as a reader sees it: what a page must yield is `expected_lines()`."""

    key: str
    lang: str
    title: str
    date: str  # YYYY-MM-DD
    body: list[str]  # with the markers of articles_en.toml
    author: str = ""
    lead: str = ""
    table: list[list[str]] = field(default_factory=list)

    def expected_lines(self) -> list[str]:
        """The article's text, one line per paragraph, heading, list item or table row; no markers."""
        lines = [self.lead] if self.lead else []
        for item in self.body:
            if item == "TABLE":
                lines += [" ".join(row) for row in self.table]
            elif item not in ("READ-ALSO", "TITLE"):
                lines.append(_unmarked(item))
        return lines

    def paragraphs(self) -> list[str]:
        """The plain paragraphs only (no heading, list, table or call to action), for simple layouts."""
        return [
            item
            for item in self.body
            if item == _unmarked(item) and item not in ("TABLE", "READ-ALSO", "TITLE")
        ]


def _unmarked(item: str) -> str:
    for marker in ("## ", "- ", "? ", "> ", "!! "):
        if item.startswith(marker):
            return item[len(marker) :]
    return item


def load_stories() -> dict[str, Story]:
    """Every story of articles_*.toml by "lang/key"."""
    stories = {}
    for lang in ("en", "ru", "kk"):
        data = tomllib.loads((HERE / f"articles_{lang}.toml").read_text(encoding="utf-8"))
        for key, item in data.items():
            stories[f"{lang}/{key}"] = Story(key=key, lang=lang, **item)
    return stories


def replica_story(path: Path) -> Story:
    """A story from one of the assembly.kz replica's article files (a byline stays in the text)."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    body = list(data["paragraphs"]) + ([data["byline"]] if data.get("byline") else [])
    body = [f"–{p[1:]}" if p.startswith("- ") else p for p in body]  # a dash, not a list marker
    return Story(key=data["slug"], lang=data["lang"], title=data["title"], date=data["date"], body=body)


# ---- the body in the styles sites write it ----


def render_body(story: Story, style: str = "p", *, table_class: str = "", read_also: str = "") -> str:
    """The story's body as HTML: `style` "p" (paragraph elements), "br" (lines split by <br>),
    "div" (a <div> per paragraph) or "p4" (HTML 4: unclosed <P>, <B> headings); the lead first.

    `read_also` is put where the body says READ-ALSO; TITLE repeats the headline in bold.
    """
    out: list[str] = [_block(story.lead, style)] if story.lead else []
    entries: list[str] = []  # list items waiting for the end of their list
    for item in story.body:
        if item.startswith("- "):
            entries.append(item[2:])
            continue
        if entries:
            out.append(_list(entries, style))
            entries = []
        if item == "TABLE":
            out.append(render_table(story.table, table_class, header=style != "p4"))
        elif item == "READ-ALSO":
            out.append(read_also)
        elif item == "TITLE":  # the headline repeated in the body, as some sites do
            out.append(_block(f"? {story.title}", style))
        else:
            out.append(_block(item, style))
    if entries:
        out.append(_list(entries, style))
    return "\n".join(out)


def _list(entries: list[str], style: str) -> str:
    if style in ("br", "p4"):
        return "<br>".join(f"— {e(entry)}" for entry in entries) + "<br>"
    return "<ul>" + "".join(f"<li>{e(entry)}</li>" for entry in entries) + "</ul>"


def _block(item: str, style: str) -> str:
    text = e(_unmarked(item))
    if item.startswith("## "):
        return {
            "br": f"<b>{text}</b><br><br>",
            "p4": f"<P><B>{text}</B>",
            "div": f'<div class="subtitle"><b>{text}</b></div>',
        }.get(style, f"<h2>{text}</h2>")
    if item.startswith("? "):
        return {
            "br": f"<b>{text}</b><br><br>",
            "p4": f"<P><B>{text}</B>",
            "div": f"<div><strong>{text}</strong></div>",
        }.get(style, f"<p><strong>{text}</strong></p>")
    if item.startswith("> "):
        return {"br": f"<i>{text}</i><br><br>", "p4": f"<P><I>{text}</I>"}.get(
            style, f"<blockquote><p>{text}</p></blockquote>"
        )
    if item.startswith("!! "):
        link = f'<a href="/results/full/"><strong>{text}</strong></a>'
        return {"br": f"{link}<br>", "p4": f"<P>{link}", "div": f"<div>{link}</div>"}.get(
            style, f"<p>{link}</p>"
        )
    return {"br": f"{text}<br><br>", "p4": f"<P>{text}", "div": f'<div class="paragraph">{text}</div>'}.get(
        style, f"<p>{text}</p>"
    )


def render_table(rows: list[list[str]], css_class: str = "", *, header: bool = True) -> str:
    """A table of `rows`, the first as its header row (<th>) when `header`."""
    cls = f' class="{css_class}"' if css_class else ""
    head, *rest = rows
    cell = "th" if header else "td"
    lines = [f"<table{cls}>", "<tr>" + "".join(f"<{cell}>{e(c)}</{cell}>" for c in head) + "</tr>"]
    lines += ["<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>" for row in rest]
    return "\n".join([*lines, "</table>"])


# ---- dates and the document around a page ----

_MONTHS = {
    "en": "January February March April May June July August September October November December",
    "ru": "января февраля марта апреля мая июня июля августа сентября октября ноября декабря",
    "kk": "қаңтар ақпан наурыз сәуір мамыр маусым шілде тамыз қыркүйек қазан қараша желтоқсан",
}


def human_date(date: str, lang: str) -> str:
    """ "12 August 2024", "12 августа 2024", "2024 жылғы 12 тамыз"."""
    year, month, day = date.split("-")
    name = _MONTHS[lang].split()[int(month) - 1]
    return f"{year} жылғы {int(day)} {name}" if lang == "kk" else f"{int(day)} {name} {year}"


def dotted(date: str) -> str:
    """ "12.08.2024"."""
    year, month, day = date.split("-")
    return f"{day}.{month}.{year}"


def doc(
    title: str, body: str, *, lang: str, head: str = "", body_attrs: str = "", html_attrs: str = ""
) -> str:
    """An HTML5 document: <title> `title`, `head` extra tags, `body` inside <body `body_attrs`>."""
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"{html_attrs}>\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{e(title)}</title>\n'
        f"{head}\n</head>\n<body{body_attrs}>\n{body}\n</body>\n</html>\n"
    )


def links(titles: list[str], item: str = '<li><a href="/news/{n}/">{t}</a></li>') -> str:
    """`item` filled for each title (`{t}` escaped title, `{n}` a made-up article number)."""
    return "\n".join(item.format(t=e(t), n=4100 + 37 * i) for i, t in enumerate(titles))
