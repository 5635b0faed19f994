"""python -m bench.index_sizes: where an index's bytes go, field by field, adding up to its files."""

from __future__ import annotations

import json

from archive.settings import DataDir
from archive.store import Store
from bench.index_sizes import index_folder, main, measure
from indexer.index import update_index
from tests.test_index import save_two_articles


def _indexed(tmp_path) -> DataDir:
    data_dir = DataDir(tmp_path)
    with Store(data_dir.store_path) as store:
        save_two_articles(store)
        update_index(store, data_dir.index_dir)
    return data_dir


def test_the_fields_and_files_add_up_to_the_folder(tmp_path):
    data_dir = _indexed(tmp_path)
    sizes = measure(data_dir.root)  # a data folder: its live index is measured
    folder = index_folder(data_dir.root)
    assert sizes.total == sum(path.stat().st_size for path in folder.iterdir() if path.is_file())
    assert sizes.documents == 2 and sizes.segments == 1
    fields = sizes.fields
    assert fields["exact_text"].terms > 0 and fields["exact_text"].postings > 0
    assert fields["text_kk"].terms > 0 and fields["text_ru"].terms > 0
    assert fields["canonical_url"].terms == 2
    # What search never reads is not written: no date terms (the date is a column), one stored field.
    assert fields["published"].terms == 0 and fields["published"].columns > 0
    assert 0 < sizes.stored < sizes.files["columns"]
    assert sum(f.postings for f in fields.values()) <= sizes.files["postings"]
    assert sum(f.term_index for f in fields.values()) <= sizes.files["term_index"]


def test_the_command_prints_a_table_or_json(tmp_path, capsys):
    data_dir = _indexed(tmp_path)
    assert main([str(data_dir.index_dir)]) == 0
    table = capsys.readouterr().out
    assert "2 documents in 1 segments" in table and "exact_text" in table
    assert main([str(data_dir.root), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["total"] == sum(data["files"].values())
    assert data["fields"]["exact_text"]["terms"] == measure(data_dir.root).fields["exact_text"].terms
