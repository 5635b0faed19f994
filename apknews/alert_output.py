"""What `apknews alerts` writes: new hits as text, JSON or an Atom feed, or a mail through sendmail."""

from __future__ import annotations

import json
import shlex
import subprocess
import textwrap
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from email.message import EmailMessage

from apknews.messages import _, ngettext

ATOM = "http://www.w3.org/2005/Atom"


def described(search) -> str:
    """The saved search as a command line would write it: `"Тараз" --lang ru --from 2021-01-01`."""
    options = [f"--{param} {value}" for param, value in search.filters.to_params().items() if value]
    return " ".join([json.dumps(search.query, ensure_ascii=False), *options])


def as_text(found: list) -> str:
    """Per saved search with new hits: a heading, then each hit's date, language, source, title,
    opening lines and URL."""
    lines = []
    for item in found:
        count = len(item.hits)
        articles = ngettext("%(n)s new article", "%(n)s new articles", count) % {"n": count}
        lines.append(
            _("%(name)s: %(articles)s for %(search)s")
            % {"name": item.search.name, "articles": articles, "search": described(item.search)}
        )
        for hit in item.hits:
            lines.append(
                f"  {hit['published'] or '----------'} {hit['lang']} {hit['source']:<10} {hit['title']}"
            )
            lines.extend(textwrap.wrap(hit["snippet"], 92, initial_indent=" " * 6, subsequent_indent=" " * 6))
            lines.append(f"      {hit['url']}")
        lines.append("")
    return "\n".join(lines)


def as_json(found: list) -> str:
    payload = {"checked_at": _now(), "searches": [item.to_dict() for item in found]}
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def as_atom(found: list, data_dir) -> str:
    """An Atom feed of the new hits, one entry per hit, its saved search as the entry's category."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _add(feed, "title", "apknews alerts: " + ", ".join(item.search.name for item in found))
    _add(feed, "id", f"urn:apknews:alerts:{data_dir.root.resolve().as_posix()}")
    _add(feed, "updated", _now())
    _add(feed, "generator", "apknews")
    for item in found:
        for hit in item.hits:
            entry = _add(feed, "entry")
            _add(entry, "title", hit["title"])
            _add(entry, "link", href=hit["url"])
            _add(entry, "id", hit["canonical_url"])
            _add(entry, "updated", hit["first_seen_at"])
            if hit["published"]:
                _add(entry, "published", f"{hit['published']}T00:00:00Z")
            _add(_add(entry, "author"), "name", hit["source"])
            _add(entry, "category", term=item.search.name, label=described(item.search))
            _add(entry, "summary", hit["snippet"])
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def _add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    element.text = text
    return element


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


class MailError(RuntimeError):
    """The sendmail command could not be run or refused the message."""


def mail(found: list, to: str, command: str) -> None:
    """Send the new hits as one plain-text mail to `to` through `command` (a sendmail that reads the
    message, recipients in its To: header, on standard input)."""
    total = sum(len(item.hits) for item in found)
    names = ", ".join(item.search.name for item in found)
    message = EmailMessage()
    message["To"] = to
    articles = ngettext("%(n)s new article", "%(n)s new articles", total) % {"n": total}
    message["Subject"] = "apknews: " + _("%(articles)s for %(names)s") % {
        "articles": articles,
        "names": names,
    }
    message.set_content(as_text(found))
    try:
        done = subprocess.run(
            shlex.split(command), input=message.as_bytes(), capture_output=True, timeout=120
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise MailError(
            _("cannot run the sendmail command %(command)s: %(reason)s")
            % {"command": repr(command), "reason": exc}
        ) from exc
    if done.returncode:
        why = done.stderr.decode("utf-8", "replace").strip().splitlines()
        refused = _("%(command)s refused the mail (exit %(status)s)") % {
            "command": repr(command),
            "status": done.returncode,
        }
        raise MailError(refused + (": " + why[-1] if why else ""))
