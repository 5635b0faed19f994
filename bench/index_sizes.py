"""Where an index's bytes go: per field its postings, terms and term-index entries, and its columns.

`python -m bench.index_sizes DIR [--json]` (DIR: an index folder, or a data folder holding one).
The files of the folder are counted whole, by kind: postings (.pst), term index (.trm), columns
(.col: stored fields, field lengths, sortable values) and the rest. Each field's share of the
postings and of the term index is read off its terms (Whoosh's public reader: each term's
TermInfo and its extent in the postings file); what no field owns (the term index's hash tables,
block headers between terms) is the difference to the files' totals.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from whoosh import index as whoosh_index

MIB = 1024 * 1024
# A term-index entry: its key and value lengths (two 4-byte ints), the key (the field's 2-byte
# number and the term) and the value (the TermInfo's bytes).
_ENTRY_HEADER = 8
_FIELD_NUMBER = 2
# A column file of a segment: <segment>.<column>.col; lengths are "_<field>_len", stored fields "_stored".
_COLUMN_FILE = re.compile(r"^[^.]+\.(?P<column>.+)\.col$")


@dataclass
class FieldSizes:
    postings: int = 0  # bytes of its terms' posting lists in the postings files
    terms: int = 0  # terms over all segments (a term in two segments counts twice)
    term_index: int = 0  # bytes of its terms' entries in the term index
    inlined: int = 0  # terms whose postings sit in the term index (counted there)
    columns: int = 0  # bytes of its column files: sortable values and field lengths


@dataclass
class IndexSizes:
    folder: str
    documents: int
    segments: int
    files: dict[str, int]  # postings, term_index, columns, other: bytes of the folder's files
    fields: dict[str, FieldSizes] = field(default_factory=dict)
    stored: int = 0  # the stored fields' column (_stored.col)

    @property
    def total(self) -> int:
        return sum(self.files.values())

    def to_dict(self) -> dict:
        data = asdict(self)
        data["total"] = self.total
        return data


def index_folder(path: Path) -> Path:
    """The index folder of `path`: itself if it holds an index, else its `index` (a data folder)."""
    path = Path(path)
    if whoosh_index.exists_in(str(path)):
        return path
    inner = path / "index"
    if whoosh_index.exists_in(str(inner)):
        return inner.resolve()
    raise FileNotFoundError(f"no Whoosh index in {path} or {inner}")


def measure(path: Path) -> IndexSizes:
    """The sizes of the index at `path` (an index folder or a data folder)."""
    folder = index_folder(path)
    ix = whoosh_index.open_dir(str(folder))
    try:
        with ix.reader() as reader:
            leaves = [leaf for leaf, _offset in reader.leaf_readers()]
            sizes = IndexSizes(str(folder), reader.doc_count(), len(leaves), _file_sizes(folder))
            names = [name for name in ix.schema.names() if ix.schema[name].indexed]
            sizes.fields = {name: FieldSizes() for name in names}
            for leaf in leaves:
                for name in names:
                    _add_terms(sizes.fields[name], leaf, name)
    finally:
        ix.close()
    _add_columns(sizes, folder)
    return sizes


def _file_sizes(folder: Path) -> dict[str, int]:
    kinds = {".pst": "postings", ".trm": "term_index", ".col": "columns"}
    files = Counter({kind: 0 for kind in (*kinds.values(), "other")})
    for path in folder.iterdir():
        if path.is_file():
            files[kinds.get(path.suffix, "other")] += path.stat().st_size
    return dict(files)


def _add_terms(sizes: FieldSizes, reader, fieldname: str) -> None:
    if fieldname not in reader.indexed_field_names():
        return
    for term, info in reader.iter_field(fieldname, b""):
        sizes.terms += 1
        inlined = getattr(info, "is_inlined", None)
        if inlined is not None and inlined():
            sizes.inlined += 1
        elif hasattr(info, "extent"):
            offset, length = info.extent()
            if isinstance(length, tuple):  # whoosh3 reads the length back as a 1-tuple
                length = length[0]
                info.set_extent(offset, length)
            sizes.postings += int(length or 0)
        value = info.to_bytes() if hasattr(info, "to_bytes") else b""
        sizes.term_index += _ENTRY_HEADER + _FIELD_NUMBER + len(term) + len(value)


def _add_columns(sizes: IndexSizes, folder: Path) -> None:
    for path in folder.iterdir():
        found = _COLUMN_FILE.match(path.name)
        if not found:
            continue
        column = found.group("column")
        size = path.stat().st_size
        if column == "_stored":
            sizes.stored += size
            continue
        name = column[1:-4] if column.startswith("_") and column.endswith("_len") else column
        sizes.fields.setdefault(name, FieldSizes()).columns += size


def table(sizes: IndexSizes) -> str:
    """The sizes as text: the files by kind, then the fields, largest first."""
    lines = [
        f"{sizes.folder}: {sizes.documents} documents in {sizes.segments} segments, "
        f"{sizes.total / MIB:.1f} MiB",
        "  " + ", ".join(f"{kind} {size / MIB:.1f} MiB" for kind, size in sizes.files.items()),
        f"  stored fields {sizes.stored / MIB:.2f} MiB",
        f"  {'field':<16} {'postings MiB':>12} {'terms':>10} {'term index MiB':>15} {'columns MiB':>12}",
    ]
    ranked = sorted(sizes.fields.items(), key=lambda kv: -(kv[1].postings + kv[1].term_index + kv[1].columns))
    for name, found in ranked:
        lines.append(
            f"  {name:<16} {found.postings / MIB:12.2f} {found.terms:10d} "
            f"{found.term_index / MIB:15.2f} {found.columns / MIB:12.2f}"
        )
    owned = sum(f.postings for f in sizes.fields.values()), sum(f.term_index for f in sizes.fields.values())
    lines.append(
        f"  {'(no field)':<16} {(sizes.files['postings'] - owned[0]) / MIB:12.2f} {'':>10} "
        f"{(sizes.files['term_index'] - owned[1]) / MIB:15.2f}"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.index_sizes", description=__doc__)
    parser.add_argument("dir", type=Path, help="an index folder, or a data folder holding one")
    parser.add_argument("--json", action="store_true", help="print JSON instead of the table")
    args = parser.parse_args(argv)
    sizes = measure(args.dir)
    print(json.dumps(sizes.to_dict(), indent=1) if args.json else table(sizes))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
