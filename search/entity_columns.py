"""The export columns of the entities each hit names: people, organisations and regions."""

from __future__ import annotations

from archive.entities import ORG, PERSON, REGION
from archive.settings import DataDir
from archive.store import Store

# Column -> the kind of entity it lists, in the store's order (the main place first, then by mentions).
ENTITY_COLUMNS = {"people": PERSON, "organisations": ORG, "regions": REGION}
COLUMN_HELP = {
    "people": "people the article names, their normal names separated by '; '",
    "organisations": "organisations the article names, separated by '; '",
    "regions": "regions (oblasts, Астана, Алматы, Шымкент) the article is about or names, separated by '; '",
}
NAME_SEPARATOR = "; "  # names hold spaces, addresses never: a table cell lists names apart with it


def add_entity_columns(data_dir: DataDir, batch: list[dict], fields: list[str]) -> None:
    """Give each hit of `batch` the entity columns among `fields`: lists of normal names."""
    wanted = {column: kind for column, kind in ENTITY_COLUMNS.items() if column in fields}
    if not wanted:
        return
    with Store.open_readonly(data_dir.store_path) as store:
        found = store.entities_by_url(hit["canonical_url"] for hit in batch)
    for hit in batch:
        entities = found.get(hit["canonical_url"], [])
        for column, kind in wanted.items():
            hit[column] = [entity.name for entity in entities if entity.kind == kind]
