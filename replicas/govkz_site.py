"""The gov.kz replica: akimat news as a JSON API (Spring-style pages from 0), language by Accept-Language.

Built to SITES.md: `/api/v1/public/content-manager/news?projects=eq:<project>&page=N&size=10`,
items with `id`, `title`, `body` (HTML), `created_date`. The article pages themselves are a
JavaScript app (`/memleket/entities/<project>/press/news/details/<id>?lang=..`): an empty shell.
Faults: the first request for a project's first page answers 503 when its first item has
`api_faults`; `?page=` past the end gives an empty page.
"""

from __future__ import annotations

import json
import re
from html import escape
from urllib.parse import parse_qs, urlsplit

from .kit import Faults, Response, Story, html, load_stories

API_PATH = "/api/v1/public/content-manager/news"
ROBOTS_TXT = "User-agent: *\nDisallow: /api/v1/private/\nDisallow: /memleket/entities/*/cabinet/\n"
APP_SHELL = (
    '<!DOCTYPE html><html><head><title>gov.kz</title></head><body><div id="root"></div>'
    '<script src="/app.js"></script></body></html>'
)
_DETAILS = re.compile(r"^/memleket/entities/([^/]+)/press/news/details/(\d+)$")


class GovkzSite:
    wants_headers = True  # the API answers in the language of Accept-Language

    def __init__(self) -> None:
        self.stories = load_stories("govkz")
        self.published = False
        self.faults = Faults(
            {
                self._api_key(s.slug, s.lang, 0): s.extra["api_faults"]
                for s in self.stories
                if "api_faults" in s.extra
            }
        )

    @staticmethod
    def _api_key(project: str, lang: str, page: int) -> str:
        return f"{project}/{lang}/{page}"

    def publish(self) -> None:
        self.published = True

    def listed(self, project: str, lang: str) -> list[Story]:
        return [
            s
            for s in self.stories
            if s.slug == project and s.lang == lang and (self.published or not s.hidden)
        ]

    def expected_urls(self) -> set[tuple[str, int, str]]:
        """(project, id, lang) of every item a crawl must store: the Assembly's news only."""
        return {
            (s.slug, s.extra["id"], s.lang)
            for s in self.stories
            if s.topic and (self.published or not s.hidden)
        }

    def handle(self, path_with_query: str, headers) -> Response:
        parts = urlsplit(path_with_query)
        query = parse_qs(parts.query)
        if parts.path == "/robots.txt":
            return html(200, ROBOTS_TXT, "text/plain; charset=UTF-8")
        if parts.path == API_PATH:
            project = query.get("projects", [""])[0].removeprefix("eq:")
            lang = (headers.get("Accept-Language") or "ru").split(",")[0].strip()[:2]
            page, size = int(query.get("page", ["0"])[0]), int(query.get("size", ["10"])[0])
            failure = self.faults.intercept(self._api_key(project, lang, page))
            if failure:
                return failure
            items = self.listed(project, lang)
            content = [_item(s) for s in items[page * size : (page + 1) * size]]
            payload = {
                "content": content,
                "number": page,
                "size": size,
                "totalElements": len(items),
                "totalPages": -(-len(items) // size),
            }
            return 200, {"Content-Type": "application/json"}, json.dumps(payload, ensure_ascii=False).encode()
        if _DETAILS.match(parts.path):
            return html(200, APP_SHELL)
        return html(404, "<html><body>Not found</body></html>")


def _item(story: Story) -> dict:
    body = "".join(f"<p>{escape(p)}</p>" for p in story.paragraphs)
    if not story.topic:
        body = f"<p>{escape(story.title)}. Работы ведутся по графику, сообщили в акимате.</p>" * 3
    return {
        "id": story.extra["id"],
        "title": story.title,
        "body": body,
        "created_date": f"{story.date}T10:15:00.000+06:00",
        "projects": [story.slug],
    }
