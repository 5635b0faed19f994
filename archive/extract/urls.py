"""An article's identity URL: tracking parameters, print, AMP and slash variants folded."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "yclid", "ysclid", "_openstat", "from", "ref", "share",
        "_ga", "_gl", "igshid", "mc_cid", "mc_eid", "sphrase_id",
    }
)  # fmt: skip
VARIANT_PARAMS = frozenset({"print", "amp"})  # ?print=Y (Bitrix), ?print=1, ?amp
FILE_EXTENSIONS = frozenset(
    {
        "html", "htm", "shtml", "php", "asp", "aspx", "jsp", "cfm", "xml", "rss", "json",
        "txt", "pdf", "doc", "docx", "xls", "xlsx", "rtf", "zip", "jpg", "jpeg", "png", "gif",
        "webp", "svg",
    }
)  # fmt: skip
DEFAULT_PORTS = {"http": 80, "https": 443}

_PATH_SAFE = "/:@!$&'()*+,;=-._~%?"
_ESCAPE = re.compile(r"%[0-9a-fA-F]{2}")


def canonicalize_url(url: str) -> str:
    """`url` as the article's identity: the same page reached by any link gives the same string."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".")
    if ":" in host:
        host = f"[{host}]"  # IPv6
    netloc = host
    if parts.username or parts.password:
        userinfo = parts.username or ""
        if parts.password:
            userinfo += ":" + parts.password
        netloc = f"{userinfo}@{host}"
    if parts.port is not None and parts.port != DEFAULT_PORTS.get(scheme):
        netloc += f":{parts.port}"
    return urlunsplit((scheme, netloc, _canonical_path(parts.path), _canonical_query(parts.query), ""))


def _is_tracking(key: str) -> bool:
    key = key.lower()
    return key.startswith("utm_") or key in TRACKING_PARAMS or key in VARIANT_PARAMS


def _canonical_query(query: str) -> str:
    # Latin-1 both ways keeps the bytes of any escape as they were (old sites escape cp1251).
    pairs = parse_qsl(_requote(query), keep_blank_values=True, encoding="latin-1")
    kept = sorted(((k, v) for k, v in pairs if not _is_tracking(k)), key=lambda kv: kv[0])
    return urlencode(kept, quote_via=quote, safe="/:@!$'()*,;~", encoding="latin-1")


def _canonical_path(path: str) -> str:
    path = _requote(path)
    segments = [s for s in path.split("/") if s]
    segments = _drop_variants(segments)
    if not segments:
        return "/"
    last = segments[-1]
    extension = last.rpartition(".")[2].lower() if "." in last else ""
    trailing = "" if extension in FILE_EXTENSIONS else "/"
    return "/" + "/".join(segments) + trailing


def _drop_variants(segments: list[str]) -> list[str]:
    """Path segments without print and AMP markers: /x/print, /x/amp, /print/node/7, /printpdf/7."""
    segments = list(segments)
    while segments and segments[-1].lower() in ("print", "amp"):
        segments.pop()
    # Drupal's print module: /print/node/7, /print/7, /printpdf/7, optionally after a language.
    for i in (0, 1):
        if i >= len(segments) - 1 or (i == 1 and len(segments[0]) != 2):
            continue
        if segments[i].lower() in ("print", "printpdf"):
            rest = segments[i + 1 :]
            if len(rest) == 1 and rest[0].isdigit():
                rest = ["node", rest[0]]
            return segments[:i] + rest
    return segments


def _requote(text: str) -> str:
    """Percent-encoding made one spelling: non-ASCII as UTF-8 escapes, escapes in upper case."""
    text = quote(text, safe=_PATH_SAFE)
    return _ESCAPE.sub(lambda m: m.group(0).upper(), text)
