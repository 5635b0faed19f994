"""Citations (RIS, BibTeX, CSL-JSON) of a crawled archive, read back with the libraries reference managers
trust (rispy, bibtexparser with pylatexenc, citeproc-py) and held to the store and the WARC files."""

from __future__ import annotations

import json
import os
from pathlib import Path

import bibtexparser
import pytest
import rispy
from bibtexparser.middlewares import LatexDecodingMiddleware
from citeproc import Citation as CslCitation
from citeproc import CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db
from warcio.archiveiterator import ArchiveIterator

from archive.settings import DataDir
from archive.sources import load_sources
from archive.store import Store
from search import iter_hits
from search.citation_formats import citation_chunks
from search.citations import Citing, archived_copy_link, cite
from tests.conftest import ROOT, run_apknews

BASE = "https://news.example.kz/apk/"
KAZAKH_LETTERS = set("әғқңөұүһі")
NAMES = {name: source.display_name for name, source in load_sources().items()}


@pytest.fixture(autouse=True)
def no_configured_address(monkeypatch):
    monkeypatch.delenv("APKNEWS_PUBLIC_BASE_URL", raising=False)


def stored_articles(data_dir: Path) -> dict[str, dict]:
    """Every stored article by its URL, as the store reads it."""
    urls = [hit["url"] for hit in iter_hits(data_dir, "*", collapse_reposts=False)]
    with Store.open_readonly(DataDir(data_dir).store_path) as store:
        return {url: store.read_article(url).article for url in urls}


def warc_record_id(data_dir: Path, article: dict) -> str:
    """The WARC-Record-ID at the article's place in its WARC file, read with warcio."""
    with open(Path(data_dir) / article["warc_file"], "rb") as f:
        f.seek(article["warc_offset"])
        record = next(iter(ArchiveIterator(f)))
        return record.rec_headers.get_header("WARC-Record-ID")


def archived_url(canonical_url: str) -> str:
    return archived_copy_link(BASE)(canonical_url)


def export(crawled, tmp_path, name: str, *extra: str) -> tuple[Path, str]:
    out = tmp_path / name
    result = run_apknews(crawled.data_dir, "export", "*", "--no-fold", "--output", str(out), *extra)
    assert result.returncode == 0, result.stderr
    return out, result.stderr


def test_ris_export_holds_every_article_with_the_store_s_fields(crawled, tmp_path):
    out, _ = export(crawled, tmp_path, "hits.ris", "--public-base-url", BASE)
    text = out.read_text(encoding="utf-8")
    assert text.startswith("TY  - NEWS\n") and not any(line[:1].isdigit() for line in text.splitlines())
    entries = rispy.loads(text)
    articles = stored_articles(crawled.data_dir)
    assert len(entries) == len(articles) >= 10
    for entry in entries:
        url = entry["urls"][0]
        article = articles[url]
        assert entry["type_of_reference"] == "NEWS"
        assert entry["title"] == article["title"]
        assert entry.get("authors") == ([article["author"]] if article.get("author") else None)
        assert entry["secondary_title"] == NAMES[article["source"]] == "Ассамблея народа Казахстана"
        if article["published"]:
            assert entry["date"] == article["published"].replace("-", "/") + "/"
            assert entry["year"] == article["published"][:4]
        assert entry["language"] == article["lang"]
        assert entry["access_date"] == article["fetched_at"][:10].replace("-", "/")
        assert entry["name_of_database"] == "apknews"
        assert entry["accession_number"] == warc_record_id(crawled.data_dir, article)
        assert archived_url(article["canonical_url"]) in entry["notes"][0]
    kazakh = " ".join(e["title"] for e in entries if articles[e["urls"][0]]["lang"] == "kk")
    assert KAZAKH_LETTERS & set(kazakh.lower()), "Kazakh letters must come through intact"
    ids = [e["id"] for e in entries]
    assert len(set(ids)) == len(ids), "citation keys are unique"


def _latex_reader() -> LatexDecodingMiddleware:
    """bibtexparser's LaTeX decoding (pylatexenc), knowing LaTeX's \\textbraceleft and \\textbraceright."""
    context = get_default_latex_context_db().filter_context()
    braces = [MacroTextSpec("textbraceleft", "{"), MacroTextSpec("textbraceright", "}")]
    context.add_context_category("braces", prepend=True, macros=braces)
    return LatexDecodingMiddleware(decoder=LatexNodes2Text(latex_context=context))


def parse_bibtex(text: str) -> list:
    library = bibtexparser.parse_string(text, append_middleware=[_latex_reader()])
    assert not library.failed_blocks
    return library.entries


def test_bibtex_export_parses_with_bibtexparser_and_matches_the_store(crawled, tmp_path):
    out, _ = export(crawled, tmp_path, "hits.bib", "--public-base-url", BASE)
    entries = parse_bibtex(out.read_text(encoding="utf-8"))
    articles = stored_articles(crawled.data_dir)
    assert len(entries) == len(articles)
    for entry in entries:
        article = articles[entry["url"]]
        assert entry.entry_type == "article" and entry["entrysubtype"] == "newspaper"
        assert entry["title"] == article["title"]
        assert entry["journal"] == NAMES[article["source"]]
        assert ("author" in entry.fields_dict) == bool(article.get("author"))
        if article["published"]:
            assert entry["date"] == article["published"]
        assert entry["language"] == article["lang"]
        assert entry["urldate"] == article["fetched_at"][:10]
        note = entry["note"]
        assert archived_url(article["canonical_url"]) in note
        assert warc_record_id(crawled.data_dir, article) in note
    keys = [e.key for e in entries]
    assert len(set(keys)) == len(keys)


def test_csl_json_export_renders_with_citeproc_and_matches_the_store(crawled, tmp_path):
    out, _ = export(crawled, tmp_path, "hits.csl.json", "--public-base-url", BASE)
    items = json.loads(out.read_text(encoding="utf-8"))
    articles = stored_articles(crawled.data_dir)
    assert len(items) == len(articles)
    for item in items:
        article = articles[item["URL"]]
        assert item["type"] == "article-newspaper"
        assert item["title"] == article["title"]
        assert item["container-title"] == NAMES[article["source"]]
        if article["published"]:
            assert item["issued"]["date-parts"] == [[int(p) for p in article["published"].split("-")]]
        assert item["accessed"]["date-parts"] == [[int(p) for p in article["fetched_at"][:10].split("-")]]
        assert item["language"] == article["lang"]
        assert item["archive_location"] == warc_record_id(crawled.data_dir, article)
        assert archived_url(article["canonical_url"]) in item["note"]
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    for item in items:
        bibliography.register(CslCitation([CitationItem(item["id"])]))
    rendered = {str(entry) for entry in bibliography.bibliography()}
    assert len(rendered) == len(items)
    for item in items:
        assert any(item["title"] in line and item["container-title"] in line for line in rendered)


def test_without_a_public_address_no_host_is_made_up(crawled, tmp_path):
    out, stderr = export(crawled, tmp_path, "hits.ris")
    assert "no public base URL" in stderr and "APKNEWS_PUBLIC_BASE_URL" in stderr
    entries = rispy.loads(out.read_text(encoding="utf-8"))
    assert entries and all("archived?" not in " ".join(e.get("notes", [])) for e in entries)
    assert all(e["accession_number"].startswith("<urn:uuid:") for e in entries)
    # The setting's environment variable serves as well as the option.
    env_out = tmp_path / "env.csl.json"
    os.environ["APKNEWS_PUBLIC_BASE_URL"] = BASE
    try:
        result = run_apknews(crawled.data_dir, "export", "*", "-o", str(env_out))
    finally:
        del os.environ["APKNEWS_PUBLIC_BASE_URL"]
    assert result.returncode == 0 and "no public base URL" not in result.stderr
    assert all(BASE + "archived?url=" in item["note"] for item in json.loads(env_out.read_text("utf-8")))


def test_keys_are_stable_and_the_record_id_is_the_one_show_reports(crawled, tmp_path):
    first, _ = export(crawled, tmp_path, "one.bib", "--public-base-url", BASE)
    again = run_apknews(crawled.data_dir, "export", "*", "--no-fold", "--format", "bibtex", "-o", "-")
    assert again.returncode == 0, again.stderr
    keys = [e.key for e in parse_bibtex(first.read_text(encoding="utf-8"))]
    assert keys == [e.key for e in parse_bibtex(again.stdout)]
    entry = rispy.loads(export(crawled, tmp_path, "one.ris")[0].read_text(encoding="utf-8"))[0]
    shown = run_apknews(crawled.data_dir, "show", entry["urls"][0], "--format", "json")
    assert shown.returncode == 0, shown.stderr
    assert shown.json()["archive_record_id"] == entry["accession_number"]
    text = run_apknews(crawled.data_dir, "show", entry["urls"][0]).stdout
    assert f"WARC-Record-ID: {entry['accession_number']}" in text


def test_a_title_with_latex_specials_round_trips_in_every_format(crawled):
    article = next(iter(stored_articles(crawled.data_dir).values()))
    title = "Тараз {меморандум} 100% & «Қазақстан» $5 #1 a_b ~ \\ } {"
    record = {**article, "title": title, "author": "Айгерім Сейітқали", "archive_record_id": "<urn:uuid:x>"}
    citing = Citing(NAMES, archived_copy_link(BASE))
    ris = rispy.loads("".join(citation_chunks(citing.citations([record]), "ris")))[0]
    bib = parse_bibtex("".join(citation_chunks(citing.citations([record]), "bibtex")))[0]
    csl = json.loads("".join(citation_chunks(citing.citations([record]), "csljson")))[0]
    assert ris["title"] == bib["title"] == csl["title"] == title
    assert ris["authors"] == [bib["author"]] == [csl["author"][0]["literal"]] == ["Айгерім Сейітқали"]
    assert cite(record, NAMES).archived_url is None  # no address given: no link


def test_export_format_follows_the_file_ending(crawled, tmp_path):
    for name, first in (("x.ris", "TY  - NEWS"), ("x.bib", "@article{"), ("x.csl.json", "[")):
        out, _ = export(crawled, tmp_path, name)
        assert out.read_text(encoding="utf-8").startswith(first)
    bad = run_apknews(crawled.data_dir, "export", "*", "--fields", "title", "-o", str(tmp_path / "y.ris"))
    assert bad.returncode == 1 and "--fields" in bad.stderr
    no_host = run_apknews(
        crawled.data_dir, "export", "*", "--public-base-url", "news.example.kz", "-o", str(tmp_path / "z.bib")
    )
    assert no_host.returncode == 1 and "public base URL must be an http(s) URL" in no_host.stderr
    assert not (tmp_path / "z.bib").exists()


def test_the_sources_have_human_names():
    assert all(NAMES.values()), NAMES
    assert (ROOT / "config" / "sources.toml").read_text(encoding="utf-8").count("display_name = ") >= 5


@pytest.fixture(scope="module")
def web(crawled):
    from web import create_app

    app = create_app({"DATA_DIR": crawled.data_dir, "PUBLIC_BASE_URL": BASE, "TESTING": True})
    return app.test_client()


def _links(html: str) -> dict[str, str]:
    from lxml import html as lxml_html

    page = lxml_html.fromstring(html)
    return {a.get("id"): a.get("href") for a in page.iter("a") if a.get("id")}


def test_the_article_page_offers_its_citation_in_three_formats(web, crawled):
    article = next(a for a in stored_articles(crawled.data_dir).values() if a["lang"] == "kk")
    page = web.get("/article", query_string={"url": article["url"], "ui": "kk"})
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Библиографиялық сілтеме" in html
    links = _links(html)
    archived_copy = web.get("/article.json", query_string={"url": article["url"]}).get_json()["archived_copy"]
    assert archived_copy == archived_url(article["canonical_url"])  # the CLI names the page's own link
    record_id = warc_record_id(crawled.data_dir, article)
    ris = web.get(links["cite-ris"].removeprefix("/apk"))
    assert ris.status_code == 200 and ris.mimetype == "application/x-research-info-systems"
    assert ris.headers["Content-Disposition"].endswith('.ris"')
    (entry,) = rispy.loads(ris.get_data(as_text=True))
    assert (entry["title"], entry["accession_number"]) == (article["title"], record_id)
    assert entry["secondary_title"] == NAMES[article["source"]]
    assert archived_copy in entry["notes"][0]
    (bib,) = parse_bibtex(web.get(links["cite-bibtex"].removeprefix("/apk")).get_data(as_text=True))
    assert bib["title"] == article["title"] and record_id in bib["note"] and archived_copy in bib["note"]
    (csl,) = web.get(links["cite-csljson"].removeprefix("/apk")).get_json()
    assert (csl["title"], csl["archive_location"]) == (article["title"], record_id)
    assert KAZAKH_LETTERS & set(csl["title"].lower())
    assert web.get("/article.ris", query_string={"url": "https://nowhere.kz/x"}).status_code == 404


def test_the_search_page_exports_every_hit_as_citations(web, crawled):
    page = web.get("/search", query_string={"q": "ассамблея", "ui": "ru"})
    html = page.get_data(as_text=True)
    assert "в виде библиографических ссылок" in html
    links = _links(html)
    stories = list(iter_hits(crawled.data_dir, "ассамблея"))
    ris = rispy.loads(web.get(links["export-ris"].removeprefix("/apk")).get_data(as_text=True))
    bib = parse_bibtex(web.get(links["export-bibtex"].removeprefix("/apk")).get_data(as_text=True))
    csl = web.get(links["export-csljson"].removeprefix("/apk")).get_json()
    assert [e["urls"][0] for e in ris] == [e["url"] for e in bib] == [i["URL"] for i in csl]
    assert [e["urls"][0] for e in ris] == [s["url"] for s in stories] and len(stories) >= 5


def test_the_web_page_names_sources_as_its_sources_file_does(crawled, tmp_path):
    from web import create_app

    sources = (ROOT / "config" / "sources.toml").read_text(encoding="utf-8")
    renamed = sources.replace('display_name = "Ассамблея народа Казахстана"\n', 'display_name = "АНК"\n', 1)
    assert renamed != sources
    (tmp_path / "sources.toml").write_text(renamed, encoding="utf-8")
    app = create_app({"DATA_DIR": crawled.data_dir, "SOURCES_FILE": tmp_path / "sources.toml"})
    article = next(iter(stored_articles(crawled.data_dir).values()))
    (item,) = app.test_client().get("/article.csl.json", query_string={"url": article["url"]}).get_json()
    assert item["container-title"] == "АНК"
    assert item["note"].startswith("Archived copy: http://localhost/archived?url=")  # the served address
