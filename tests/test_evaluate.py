"""The numpy evaluator against Whoosh's own matchers and collectors on a small real index: the same
documents, scores and order, the same matched terms; and the posting readers against Whoosh's."""

from __future__ import annotations

import threading
from datetime import date

import numpy as np
import pytest
from whoosh import collectors
from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh.formats import Positions
from whoosh.matching import ListMatcher

from archive.articles import Article
from archive.store import Store
from bench.judged.scorer import build_corpus
from indexer.index import update_index
from indexer.whoosh_format import PositionValues, decode_positions, read_postings
from indexer.whoosh_format import version as whoosh_version
from search import Filters, iter_hits, search
from search.columns import DocArrays
from search.engine import matching_docs
from search.evaluate import Evaluation
from search.evaluation_cache import state_of
from search.opening import _searcher
from search.query import understand

QUERIES = [
    "Тараз",
    "молодежь",
    "Ассамблеясы жастар",
    "Тараз OR Караганда",
    "Тараз -молодежь",
    "(Тараз OR Шымкент) NOT молодежь",
    "-Тараз",
    "Тараз OR -молодежь",
    '"Дом дружбы"',
    '"Қазақстан халқы"',
    '"Assembly of People of Kazakhstan"',
    '"ассамблея молодежь"~5',
    '"Ассамблеясы мүше"~3',
    '"Жамбылской штаб"~8',
    '"ассамблея народа молодежь"~10',
    '"Ассамблея народа Казахстана дружба"~20',
    '"Қазақстан халқы Ассамблеясы жастар"~12',
    '"дом дружбы ассамблея"~3',
    "Нур-Султан",
    "АНК",
    "ассамбл*",
    "этном*",
    "=Таразе",
    '="в Доме дружбы"',
    "title:Тараз",
    "сессия lang:kk",
    "Тараз date:2022",
    "Астана date:2019..2021",
    "меморандум source:assembly",
    "*",
    "повтор",
    '"повтор повтор"',
]
FILTERS = [{}, {"lang": "ru"}, {"date_from": date(2021, 1, 1), "date_to": date(2022, 12, 31)}]


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    """The judged corpus, then an update: three articles edited (their old documents deleted, the
    new ones in a second segment), an undated one, and one repeating a word past every short form
    of its positions."""
    data_dir = build_corpus(tmp_path_factory.mktemp("evaluate"))
    with Store(data_dir.store_path) as store:
        edited = list(store.db.execute("SELECT url FROM articles ORDER BY url LIMIT 3"))
        for (url,) in edited:
            article = store.get(url)
            store.save(
                Article(
                    url=url,
                    canonical_url=article["canonical_url"],
                    source=article["source"],
                    lang=article["lang"],
                    title=article["title"],
                    text=article["text"] + " Текст дополнен: меморандум о молодежи в Таразе.",
                    published=article["published"],
                    fetched_at="2026-12-01T00:00:00Z",
                )
            )
        long_text = " ".join(["слово"] * 300 + ["повтор повтор"] * 80 + ["Тараз"])
        for url, published, text in [
            ("https://example.kz/undated/", None, "Тараз и Дом дружбы без даты."),
            ("https://example.kz/long/", "2023-05-01", long_text),
        ]:
            store.save(
                Article(
                    url=url,
                    canonical_url=url,
                    source="example",
                    lang="ru",
                    title="Дом дружбы",
                    text=text,
                    published=published,
                    fetched_at="2026-12-01T00:00:00Z",
                )
            )
        update_index(store, data_dir.index_dir)
    return data_dir


def _whoosh(searcher, q, restrict) -> list[tuple[int, float]]:
    collector = searcher.collector(limit=None)
    if restrict is not None:
        collector = collectors.FilterCollector(collector, allow=_dates_by_column(restrict))
    q = _dates_by_column(q)
    searcher.search_with_collector(q, collector, searcher.context(needs_current=True))
    return [(docnum, score) for score, docnum in collector.results().top_n]


def _dates_by_column(q):
    """`q` with each date range read off the date column with Whoosh's column reader: the index
    keeps the date as a column only (its terms were never read), so Whoosh's DateRange finds nothing."""
    if isinstance(q, wq.DateRange) and q.fieldname == "published":
        low = -1 if q.start is None else q.start + (1 if q.startexcl else 0) - 1
        # An undated document holds the column's default, the largest key: never inside.
        high = 2**64 - 1 if q.end is None else q.end - (1 if q.endexcl else 0) + 1
        return _ColumnRange(low, high, q.boost)
    return q.apply(_dates_by_column) if _holds_dates(q) else q  # apply() would rebuild spans


def _holds_dates(q) -> bool:
    return isinstance(q, wq.DateRange) or (not q.is_leaf() and any(_holds_dates(c) for c in q.children()))


class _ColumnRange(wq.Query):
    """The documents whose raw date key is strictly between `low` and `high`, each scoring `boost`
    (a date range's constant score)."""

    def __init__(self, low: int, high: int, boost: float):
        self.low, self.high, self.boost = low, high, boost

    def is_leaf(self) -> bool:
        return True

    def estimate_size(self, ixreader) -> int:
        return ixreader.doc_count_all()

    def matcher(self, searcher, context=None):
        keys = searcher.reader().column_reader("published", translate=False)
        ids = [docnum for docnum, key in enumerate(keys) if self.low < key < self.high]
        return ListMatcher(ids, all_weights=self.boost)


def test_whoosh_reads_no_date_terms_the_column_has_the_dates(data_dir):
    searcher = _searcher(data_dir.index_dir)
    assert "published" not in searcher.reader().indexed_field_names()
    year = Filters(date_from=date(2022, 1, 1), date_to=date(2022, 12, 31)).restriction()
    assert searcher.search(year, limit=None).scored_length() == 0
    assert len(_whoosh(searcher, wq.Every(), year)) == len(Evaluation(searcher).matches(year)) > 0


def test_the_index_has_deletions_and_segments(data_dir):
    searcher = _searcher(data_dir.index_dir)
    assert len(searcher.leaf_searchers()) > 1
    assert searcher.doc_count() < searcher.doc_count_all()


@pytest.mark.parametrize("filters", FILTERS, ids=["all", "ru", "2021-2022"])
@pytest.mark.parametrize("text", QUERIES)
def test_same_documents_scores_and_order_as_whoosh(data_dir, text, filters):
    searcher = _searcher(data_dir.index_dir)
    q = understand(text, searcher.schema).query
    restrict = Filters(**filters).restriction()
    expected = _whoosh(searcher, q, restrict)
    evaluation = Evaluation(searcher)
    found = evaluation.matches(q)
    if restrict is not None:
        allowed = evaluation.matches(restrict).ids
        keep = np.isin(found.ids, allowed)
        found = type(found)(found.ids[keep], found.scores[keep])
    ranked = sorted(zip(found.ids.tolist(), found.scores.tolist(), strict=True), key=lambda d: (-d[1], d[0]))
    assert [d for d, _ in ranked] == [d for d, _ in expected]
    assert [s for _, s in ranked] == pytest.approx([s for _, s in expected], rel=1e-12)


@pytest.mark.parametrize("text", QUERIES)
def test_matched_terms_are_those_whoosh_records(data_dir, text):
    """Whoosh's TermsCollector records every term matcher resting on the document, also one left
    there by a phrase or And that did not match it; the evaluator records the terms of the clauses
    that matched."""
    searcher = _searcher(data_dir.index_dir)
    q = understand(text, searcher.schema).query
    recorded = searcher.search(_dates_by_column(q), limit=None, terms=True).docterms
    evaluation = Evaluation(searcher)
    found = evaluation.matches(q)
    matched = evaluation.matched_terms(q, found.ids.tolist())
    for docnum, terms in matched.items():
        # A date range's terms (dates at several precisions) are not words to mark in a snippet.
        whoosh_terms = {t for t in recorded.get(docnum, []) if t[0] != "published"}
        assert set(terms) <= whoosh_terms
        for term in whoosh_terms - set(terms):
            clauses = [c for c in _clauses(q) if term in _terms(c, searcher.schema)]
            assert clauses and not any(docnum in evaluation.by_node[id(c)].ids for c in clauses), term


def _clauses(q):
    """The query's Terms, phrases and Ands: the smallest clauses a term matches through."""
    if isinstance(q, (wq.Term, wq.Phrase, wq.Sequence, wq.And)):
        yield q
    if isinstance(q, (wq.Or, wq.And)):
        for child in q.subqueries:
            yield from _clauses(child)


def _terms(q, schema) -> set:
    return {(f, schema[f].to_bytes(t)) for f, t in q.iter_all_terms(phrases=True)}


@pytest.mark.parametrize("text", ["Тараз", "*", "Дом дружбы", "повтор"])
def test_sorted_by_date_as_whoosh_sorts_but_undated_last(data_dir, text):
    searcher = _searcher(data_dir.index_dir)
    q = understand(text, searcher.schema).query
    expected = searcher.search(q, limit=None, sortedby="published", reverse=True)
    # Whoosh puts undated articles first (its date column gives them the largest key); newest
    # first means the dated ones lead, the undated follow.
    with Store(data_dir.store_path) as store:
        articles = store.get_many([hit["canonical_url"] for hit in expected])
    dated = [hit["canonical_url"] for hit in expected if articles[hit["canonical_url"]]["published"]]
    undated = [hit["canonical_url"] for hit in expected if not articles[hit["canonical_url"]]["published"]]
    urls = dated + undated
    assert [r["canonical_url"] for r in iter_hits(data_dir, text, sort="date")] == urls
    page = search(data_dir, text, sort="date", limit=5, offset=2, collapse_reposts=False)
    assert [h.canonical_url for h in page.hits] == urls[2:7]
    if text == "*":
        assert urls[-1] == "https://example.kz/undated/"


def test_totals_facets_and_counts_agree(data_dir):
    result = search(data_dir, "Тараз", collapse_reposts=False)
    with matching_docs(data_dir, "Тараз") as matched:
        assert len(matched.docs) == result.total
    assert sum(result.facets["lang"].values()) == result.total
    ru = search(data_dir, "Тараз", filters=Filters(lang="ru"))
    assert ru.total == result.facets["lang"]["ru"]
    year_2022 = Filters(date_from=date(2022, 1, 1), date_to=date(2022, 12, 31))
    assert search(data_dir, "Тараз", filters=year_2022).total == result.facets["year"].get("2022", 0)


def test_threads_share_the_caches_of_one_index(data_dir):
    """The web server answers each request in a new thread, with a searcher of its own: the phrase
    and posting caches belong to the index, not to the searcher."""
    search(data_dir, '"Дом дружбы"')
    here = state_of(_searcher(data_dir.index_dir))
    there = []

    def run() -> None:
        there.append((search(data_dir, '"Дом дружбы"').total, state_of(_searcher(data_dir.index_dir))))

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    total, state = there[0]
    assert state.searcher is not here.searcher
    assert state.positional is here.positional and state.terms is here.terms
    assert total == search(data_dir, '"Дом дружбы"').total


def test_postings_read_as_whoosh_reads_them(data_dir):
    searcher = _searcher(data_dir.index_dir)
    for fieldname, text in [
        ("text_ru", "тараз"),
        ("exact_text", "повтор"),
        ("lang", "ru"),
        ("source", "example"),
    ]:
        btext = searcher.schema[fieldname].to_bytes(text)
        for subsearcher, _offset in searcher.leaf_searchers():
            reader = subsearcher.reader()
            postings = read_postings(reader, fieldname, btext, with_values=True)
            if (fieldname, btext) not in reader:
                assert postings is None
                continue
            matcher = reader.postings(fieldname, btext)
            ids, weights, values = [], [], []
            while matcher.is_active():
                ids.append(matcher.id())
                weights.append(matcher.weight())
                values.append(matcher.value() or b"")
                matcher.next()
            assert postings.ids.tolist() == ids
            assert postings.weights.tolist() == weights
            assert [postings.values.value(i) for i in range(len(values))] == values


def test_positions_of_every_shape_decode_as_whoosh_decodes_them():
    fmt = Positions()
    lists = [
        [0],
        [5, 9, 200],
        [300],  # two-byte item
        [70000, 70001],  # four-byte item
        list(range(0, 2000, 3)),  # more positions than decoded with numpy
        list(range(1001)),  # pickled in two batches
        [3, 3, 7],  # repeated position: a zero delta
        [255, 256, 65535, 65536, 2**31 - 1],
    ]
    values = [fmt.encode(positions) for positions in lists]
    lengths = np.array([len(v) for v in values])
    counts, positions = decode_positions(
        PositionValues(b"".join(values), np.cumsum(lengths) - lengths, lengths), fmt
    )
    assert counts.tolist() == [len(p) for p in lists]
    assert positions.tolist() == [p for ps in lists for p in ps]


def _evaluated(index_dir) -> dict[str, list[tuple[int, float]]]:
    """Each query's matches by a searcher of its own (no arrays or postings shared with others)."""
    ix = whoosh_index.open_dir(str(index_dir))
    with ix.searcher() as searcher:
        found = {}
        for text in QUERIES:
            matches = Evaluation(searcher).matches(understand(text, searcher.schema).query)
            found[text] = list(zip(matches.ids.tolist(), matches.scores.tolist(), strict=True))
        docs = DocArrays(searcher)
        found["lengths"] = docs.field_lengths("text_ru")[:].tolist()
        found["published"] = [array.tolist() for array in docs.published()]
    ix.close()
    return found


def test_whooshs_own_readers_give_what_the_fast_readers_give(data_dir, monkeypatch):
    """What any other Whoosh version than the tested one does: postings, positions, lengths and
    dates read through Whoosh's own matchers and readers."""
    fast = _evaluated(data_dir.index_dir)
    monkeypatch.setattr(whoosh_version, "FAST_PATH", False)
    own = _evaluated(data_dir.index_dir)
    assert own == fast
