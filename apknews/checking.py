"""`apknews check`: the store, the WARC files and the index verified against each other."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict, dataclass, field

import click

from apknews.app import UserError, cli, require_store
from apknews.messages import _
from archive.articles import WarcPointer
from archive.store import Store

REINDEX = "apknews index"
REBUILD = "apknews index --rebuild"
REPAIR_WARC = "apknews check --repair-warc"
SHOWN_PER_KIND = 10  # problems of one kind printed one by one; the rest are counted


@dataclass
class Problem:
    kind: str  # warc-tail, warc-pointer, index-missing, index-behind, not-indexed, not-in-store, counts
    message: str
    repair: str


@dataclass
class Findings:
    articles: int = 0
    indexed: int | None = None
    warc_files: int = 0
    warc_records: int = 0
    pointers_read: int = 0
    problems: list[Problem] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)

    def add(self, kind: str, message: str, repair: str, **params) -> None:
        """A problem; `message` is English with %(name)s places for `params` (the JSON keeps it so)."""
        problem = Problem(kind, message % params, repair)
        problem.said = _(message) % params  # not a field: for the person reading the text output
        self.problems.append(problem)


@cli.command()
@click.option(
    "--repair-warc",
    is_flag=True,
    help="Cut a torn WARC tail after its last whole record (a copy of the file is kept beside it).",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_obj
def check(obj, repair_warc, fmt):
    """Check the store, the WARC files and the index against each other.

    Every WARC file is read record by record (a torn last record is found); every article's WARC
    record is read back and must be its page; every article must be in the index and the index
    hold no other. Each problem is printed with the command that repairs it. Exit status: 0 and
    a one-line summary when all is well, 1 when anything is wrong.

    Example: apknews check --format json
    """
    data_dir = obj["data_dir"]
    require_store(data_dir)
    findings = Findings()
    lock = _lock_for_repair(data_dir) if repair_warc else None
    try:
        _check_warc_files(data_dir, findings, repair_warc)
    finally:
        if lock is not None:
            lock.release()
    with Store.open_readonly(data_dir.store_path) as store:
        urls = _check_pointers(data_dir, store, findings)
        _check_index(data_dir, store, urls, findings)
    _report(findings, fmt)
    if findings.problems:
        sys.exit(1)


def _lock_for_repair(data_dir):
    from crawler.lock import AlreadyRunning, run_lock

    try:
        return run_lock(data_dir).acquire()
    except AlreadyRunning as exc:
        raise UserError(
            _("a crawl, update or index runs in this data folder: WARC files are not cut under it"),
            _("run `apknews check --repair-warc` when it has ended"),
        ) from exc


def _check_warc_files(data_dir, findings: Findings, repair: bool) -> None:
    from archive.warc_scan import cut_torn_tail, scan_warc

    paths = sorted(data_dir.warc_dir.rglob("*.warc.gz")) if data_dir.warc_dir.is_dir() else []
    for path in paths:
        scan = scan_warc(path)
        findings.warc_files += 1
        findings.warc_records += scan.records
        if not scan.torn_bytes:
            continue
        name = path.relative_to(data_dir.root)
        if repair:
            copy = cut_torn_tail(scan)
            findings.repaired.append(
                _(
                    "%(file)s: cut %(bytes)s bytes after its last whole record at %(end)s "
                    "(the file as it was: %(copy)s)"
                )
                % {
                    "file": name,
                    "bytes": scan.torn_bytes,
                    "end": scan.whole_end,
                    "copy": copy.relative_to(data_dir.root),
                }
            )
        else:
            findings.add(
                "warc-tail",
                "%(file)s: torn tail, %(bytes)s bytes after its last whole record at %(end)s",
                REPAIR_WARC,
                file=name,
                bytes=scan.torn_bytes,
                end=scan.whole_end,
            )


def _check_pointers(data_dir, store: Store, findings: Findings) -> set[str]:
    """Read back every article's WARC record; return the store's canonical URLs."""
    from archive.warc_scan import pointer_problem

    urls = set()
    for article in store.iter_articles():
        urls.add(article["canonical_url"])
        findings.articles += 1
        if article["warc_file"] is None:
            continue  # stored without a fetch of its own (a test's, an import's)
        pointer = WarcPointer(article["warc_file"], article["warc_offset"], article["warc_length"])
        problem = pointer_problem(data_dir.root, pointer, article["url"])
        findings.pointers_read += 1
        if problem:
            findings.add(
                "warc-pointer",
                "%(url)s: %(problem)s",
                f"apknews crawl --source {article['source']} --refresh",
                url=article["url"],
                problem=problem,
            )
    return urls


def _check_index(data_dir, store: Store, urls: set[str], findings: Findings) -> None:
    from indexer.index import IndexMeta, IndexMissingError, indexed_urls

    try:
        documents = indexed_urls(data_dir.index_dir)
    except IndexMissingError as exc:
        if str(exc).startswith("no index in "):
            findings.add("index-missing", "no index in %(folder)s", REBUILD, folder=data_dir.index_dir)
        else:  # built by another schema: said as the indexer says it
            findings.add("index-missing", "%(reason)s", REBUILD, reason=str(exc).split(": run")[0])
        return
    findings.indexed = len(documents)
    indexed = set(documents)
    meta = IndexMeta.read(data_dir.index_dir)
    behind = store.max_seq() > meta.last_seq if meta else False
    missing = sorted(urls - indexed)
    if behind and missing:
        findings.add(
            "index-behind",
            "%(count)s articles changed since the index's last run",
            REINDEX,
            count=len(missing),
        )
        return
    for url in missing:
        findings.add("not-indexed", "%(url)s: in the store, not in the index", REBUILD, url=url)
    for url in sorted(indexed - urls):
        findings.add("not-in-store", "%(url)s: in the index, not in the store", REBUILD, url=url)
    if len(documents) != len(indexed):
        twice = len(documents) - len(indexed)
        findings.add("counts", "the index holds %(count)s articles more than once", REBUILD, count=twice)


def _report(findings: Findings, fmt: str) -> None:
    if fmt == "json":
        payload = asdict(findings)
        payload["ok"] = not findings.problems
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    for line in findings.repaired:
        click.echo(_("repaired: %(what)s") % {"what": line})
    shown: dict[str, int] = {}
    for problem in findings.problems:
        shown[problem.kind] = shown.get(problem.kind, 0) + 1
        if shown[problem.kind] <= SHOWN_PER_KIND:
            click.echo(_("problem: %(what)s") % {"what": problem.said})
            click.echo("  " + _("repair: %(command)s") % {"command": problem.repair})
    for kind, count in shown.items():
        if count > SHOWN_PER_KIND:
            more = _("%(count)s more of kind %(kind)s (--format json lists all)")
            click.echo(
                _("problem: %(what)s") % {"what": more % {"count": count - SHOWN_PER_KIND, "kind": kind}}
            )
    counts = asdict(findings)
    if findings.indexed is None:
        counts["indexed"] = _("no index")
    else:
        counts["indexed"] = _("%(indexed)s indexed") % counts
    summary = (
        _(
            "%(articles)s articles, %(indexed)s, %(warc_files)s WARC files (%(warc_records)s records), "
            "%(pointers_read)s WARC records read back"
        )
        % counts
    )
    if findings.problems:
        click.echo(
            _("check: %(count)s problems; %(summary)s")
            % {"count": len(findings.problems), "summary": summary},
            err=True,
        )
    else:
        click.echo(_("check: all well: %(summary)s") % {"summary": summary})
