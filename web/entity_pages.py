"""The entity page: a person, an organisation or a place: its articles, months, regions, companions."""

from __future__ import annotations

from dataclasses import asdict

from flask import Blueprint, jsonify, render_template, request
from flask_babel import gettext

from archive.entities import CITY, KINDS, ORG, PERSON, REGION
from archive.store import Store
from search.entity_page import NAMED_WITH, WHERE, EntityReport, entity_report
from web.chart import timeline_chart
from web.context import data_dir
from web.errors import N_
from web.i18n import page_url
from web.params import MAX_PAGE, PER_PAGE, BadParameter

blueprint = Blueprint("entities", __name__)

MAX_NAME_CHARS = 200
KIND_LABELS = {PERSON: N_("Person"), ORG: N_("Organisation"), REGION: N_("Region"), CITY: N_("City")}
SECTION_LABELS = {
    WHERE: N_("Regions"),
    NAMED_WITH[0]: N_("People named with it"),
    NAMED_WITH[1]: N_("Organisations named with it"),
}


def article_entities(store: Store, canonical_url: str) -> list[dict]:
    """The entities the store holds for an article: kind, name, mentions, main, origin; people first."""
    return [asdict(entity) for entity in store.entities_by_url([canonical_url]).get(canonical_url, [])]


def _args() -> tuple[str, str | None, int, bool]:
    name = " ".join(request.args.get("name", "").split())
    if not name:
        raise BadParameter("name", "give the name of a person, an organisation or a place")
    if len(name) > MAX_NAME_CHARS:
        raise BadParameter("name", f"longer than {MAX_NAME_CHARS} characters")
    kind = request.args.get("kind", "").strip() or None
    if kind is not None and kind not in KINDS:
        raise BadParameter("kind", f"use one of {', '.join(KINDS)}")
    page = request.args.get("page", "1").strip() or "1"
    if not (page.isascii() and page.isdigit()) or not 1 <= int(page) <= MAX_PAGE:
        raise BadParameter("page", f"a whole number from 1 to {MAX_PAGE}")
    fold = request.args.get("fold", "").strip()
    if fold not in ("", "0", "1"):
        raise BadParameter("fold", "use 0 (every copy listed) or 1 (reposts folded, the default)")
    return name, kind, int(page), fold != "0"


def _report() -> tuple[EntityReport, int, bool]:
    name, kind, page, fold = _args()
    report = entity_report(
        data_dir(), name, kind, limit=PER_PAGE, offset=(page - 1) * PER_PAGE, collapse_reposts=fold
    )
    return report, page, fold


@blueprint.get("/entity")
def entity_page():
    report, page, fold = _report()
    last = min(MAX_PAGE, max(1, -(-report.result.total // PER_PAGE)))
    sections = [
        {
            "name": WHERE,
            "label": gettext(SECTION_LABELS[WHERE]),
            "values": _linked(report, WHERE, report.regions),
        }
    ]
    for facet in NAMED_WITH:
        values = _linked(report, facet, report.named_with.get(facet, {}))
        sections.append({"name": facet, "label": gettext(SECTION_LABELS[facet]), "values": values})
    return render_template(
        "entity.html",
        report=report,
        kind_label=gettext(KIND_LABELS[report.kind]),
        hits=[hit.to_dict() for hit in report.result.hits],
        sections=[s for s in sections if s["values"]],
        chart=timeline_chart(report.timeline),
        page=page,
        last_page=last,
        offset=(page - 1) * PER_PAGE,
        fold=fold,
        search_link=page_url("pages.search_page", q="*", **{report.kind: report.name}),
    )


def _linked(report: EntityReport, facet: str, counts: dict[str, int]) -> list[tuple[str, int, str, str]]:
    """(name, stories naming both, the entity page of the name, the search for the stories naming both)."""
    linked = []
    for other, count in counts.items():
        phrase = other.replace('"', "")  # keys leave quotes out: a name's own cannot end the phrase early
        both = page_url("pages.search_page", q=f'{facet}:"{phrase}"', **{report.kind: report.name})
        linked.append((other, count, page_url("entities.entity_page", name=other, kind=facet), both))
    return linked


@blueprint.get("/entity.json")
def entity_json():
    report, page, _ = _report()
    body = report.to_dict()
    body["page"] = {
        "number": page,
        "size": PER_PAGE,
        "last": min(MAX_PAGE, max(1, -(-report.result.total // PER_PAGE))),
    }
    return jsonify(body)
