"""The search contract every backend passes: answers equal a brute-force reading of the records.

Runs on the embedded index always, and on Meilisearch when MEILI_URL (and MEILI_MASTER_KEY)
name a server: the same corpus, the same queries, the same expected answers.
"""

from __future__ import annotations

import os
import random
import uuid
from pathlib import Path

import pytest

from ogi.indexer.backend import aggregate_records
from ogi.indexer.embedded import EmbeddedIndex
from ogi.indexer.query import QueryError, build_aggregate, build_query
from ogi.indexer.reference import facet_counts, matches
from ogi.indexer.synthetic import synthetic_records
from ogi.indexer.textmatch import MARK_CLOSE, MARK_OPEN, searchable

MEILI_URL = os.environ.get("MEILI_URL")


def _edge_records() -> list[dict]:
    """Hand-made reports for the cases synthetic text does not reach."""
    base = {"agency_level": "county", "province": "河南省", "city": "郑州市", "county": "金水区",
            "region_level": "county", "year": 2023, "format": "pdf", "table_format": "2021",
            "published_at": "2024-01-20", "captured_at": "2024-02-01T08:00:00Z", "removed": False,
            "checks_ok": True, "checks_failed": [], "sections": []}
    return [
        {**base, "id": "edge-spaced", "title": "金水区2023年政府信息公开工作年度报告",
         "text": "因政府信息公开被申请行政复 议，结果纠 正 3 件。", "sha256": "a" * 64,
         "figures.appeals.review.corrected": 3.0},
        {**base, "id": "edge-punct", "title": "某局年度报告", "text": "行政复议。纠。正的案件为零。", "sha256": "b" * 64,
         "checks_ok": False, "checks_failed": ["row_total:requests.new_received"]},
        {**base, "id": "edge-fullwidth", "title": "ＸＸ区２０２３年报告", "text": "全年受理申请２０２３件，ＰＤＦ版另附。",
         "sha256": "c" * 64, "year": 2022, "checks_ok": None},
        {**base, "id": "edge-hostile", "title": "<script>alert(1)</script>报告",
         "text": "正文<img src=x onerror=alert(1)>复议\"引号\"和'; DROP TABLE reports; --", "sha256": "d" * 64,
         "province": "山东省", "city": None, "county": None, "region_level": "province", "agency_level": "province",
         "published_at": None, "figures.appeals.review.corrected": 12.0},
        {**base, "id": "edge-quote-value", "title": "名称含\"引号\"的机关报告", "agency": 'a"b\\c', "text": "无。",
         "sha256": "e" * 64, "removed": True, "year": None},
    ]


@pytest.fixture(scope="module")
def corpus() -> list[dict]:
    return list(synthetic_records(400, seed=7, text_chars=700)) + _edge_records()


def _embedded(tmp: Path):
    return EmbeddedIndex(tmp / "index")


def _meili(tmp: Path):
    from ogi.indexer.meili import MeiliIndex

    return MeiliIndex(MEILI_URL or "", os.environ.get("MEILI_MASTER_KEY"), f"ogi_test_{uuid.uuid4().hex[:8]}")


BACKENDS = [pytest.param(_embedded, id="embedded"),
            pytest.param(_meili, id="meilisearch",
                         marks=pytest.mark.skipif(not MEILI_URL, reason="MEILI_URL not set: no Meilisearch server"))]


@pytest.fixture(scope="module", params=BACKENDS)
def backend(request, corpus, tmp_path_factory):
    be = request.param(tmp_path_factory.mktemp("idx"))
    assert be.replace_all(corpus) == len(corpus)
    yield be
    if be.name == "meilisearch":
        be._wait(be.client.delete_index(be.uid))
    be.close()


def _ids(backend, query) -> set[str]:
    return {r["id"] for r in backend.iter_records(query, ["id"])}


def _brute(corpus, query) -> set[str]:
    return {r["id"] for r in corpus if matches(query, r)}


def _substrings(corpus, n: int = 40) -> list[str]:
    rng = random.Random(3)
    out: list[str] = []
    while len(out) < n:
        rec = rng.choice(corpus)
        text = searchable(rec["title"], rec["text"]).replace("\u241e", "")
        length = rng.randint(1, 6)
        start = rng.randrange(max(1, len(text) - length))
        out.append(text[start:start + length])
    return out + ["复议", "公开", "纠正", "行政复议决定书", "不存在的短语", "2023", "pdf"]


def test_count(backend, corpus) -> None:
    assert backend.count() == len(corpus)


def test_every_substring_finds_exactly_the_reports_containing_it(backend, corpus) -> None:
    if backend.name == "meilisearch":
        pytest.skip("Meilisearch segments Chinese into words; substring completeness is the embedded index's promise")
    for phrase in _substrings(corpus):
        query = build_query(phrase, limit=0)
        assert _ids(backend, query) == _brute(corpus, query), phrase
        assert backend.search(query).total == len(_brute(corpus, query)), phrase


def test_whitespace_inside_words_matches_but_punctuation_does_not(backend) -> None:
    if backend.name == "meilisearch":
        pytest.skip("word segmentation is Meilisearch's own")
    assert "edge-spaced" in _ids(backend, build_query("纠正"))
    assert "edge-spaced" in _ids(backend, build_query("行政复议"))
    assert "edge-punct" not in _ids(backend, build_query("纠正"))
    assert "edge-fullwidth" in _ids(backend, build_query("2023件"))  # full-width digits are digits
    assert "edge-fullwidth" in _ids(backend, build_query("PDF"))  # and case does not matter


def test_words_are_anded_and_minus_excludes(backend, corpus) -> None:
    for text in ("复议 纠正", '"行政 复议" 维持', "公开 -复议", "-公开"):
        query = build_query(text, limit=0)
        assert _ids(backend, query) == _brute(corpus, query), text


FILTERS = [
    "year >= 2022",
    "year 2020 TO 2022",
    "province = 河南省 OR province = 山东省",
    "agency_level IN [county, township] AND NOT year = 2023",
    "figures.appeals.review.corrected > 10",
    "figures.appeals.review.corrected EXISTS",
    "figures.appeals.review.corrected NOT EXISTS",
    "checks_ok = false",
    "checks_ok != true",
    "published_at >= 2024-06-01",
    "published_at < 2023-01-15 OR removed = true",
    "(format = pdf OR format = docx) AND table_format = 2021 AND figures.requests.new_received.total <= 3",
    'agency = "a\\"b\\\\c"',
    "region_level = province",
]


@pytest.mark.parametrize("expr", FILTERS)
def test_filters_equal_brute_force(backend, corpus, expr) -> None:
    query = build_query(None, expr, limit=0)
    assert _ids(backend, query) == _brute(corpus, query)
    assert backend.search(query).total == len(_brute(corpus, query))


@pytest.mark.parametrize("text,expr", [(None, None), ("复议", "year >= 2021"), ("公开", "province = 河南省 OR year = 2020"),
                                       (None, "checks_ok = false")])
def test_facet_counts_equal_a_recount(backend, corpus, text, expr) -> None:
    if backend.name == "meilisearch" and text:
        pytest.skip("Meilisearch matches words, not substrings: its text matches differ from the reference")
    facets = ["province", "city", "county", "year", "agency_level", "table_format", "checks_ok", "format", "removed"]
    query = build_query(text, expr, facets, limit=5)
    result = backend.search(query)
    assert {k: dict(v) for k, v in result.facets.items()} == facet_counts(query, corpus)


def test_hits_best_first_with_title_matches_on_top(backend) -> None:
    result = backend.search(build_query("报告", "id IN [edge-punct, edge-spaced]", limit=5))
    assert result.total == 2
    assert [h.record["id"] for h in result.hits][0] in ("edge-punct", "edge-spaced")
    hostile = backend.search(build_query("复议", "id = edge-hostile")).hits[0]
    assert hostile.to_json()["title"] == "<script>alert(1)</script>报告"  # data as it is, escaped where rendered


@pytest.mark.parametrize("spec", ["year:asc", "year:desc", "figures.appeals.review.corrected:desc",
                                  "published_at:asc"])
def test_sort(backend, corpus, spec) -> None:
    field, _, direction = spec.partition(":")
    query = build_query(None, f"{field} EXISTS", sort=spec, limit=50)
    values = [h.record.get(field) if not field.startswith("figures.") else h.record.get(field)
              for h in backend.search(query).hits]
    assert values == sorted(values, reverse=direction == "desc")
    assert len(values) == min(50, len(_brute(corpus, query)))


def test_pages_cover_the_results_once(backend, corpus) -> None:
    seen: list[str] = []
    for offset in range(0, 100, 20):
        seen += [h.record["id"] for h in backend.search(build_query(None, "year >= 2021", sort="year:asc",
                                                                     limit=20, offset=offset)).hits]
    assert len(seen) == len(set(seen)) == min(100, len(_brute(corpus, build_query(None, "year >= 2021"))))
    odd = backend.search(build_query(None, "year >= 2021", sort="year:asc", limit=7, offset=13))
    assert [h.record["id"] for h in odd.hits] == seen[13:20]


def test_snippet_highlights_and_escapes(backend) -> None:
    hit = backend.search(build_query("复议", "id = edge-hostile")).hits[0]
    assert MARK_OPEN in hit.snippet and MARK_CLOSE in hit.snippet
    html = hit.to_json()["snippet"]
    assert "<mark>复议</mark>" in html
    assert "<img" not in html and "&lt;img" in html
    assert "text" not in hit.record  # hits carry the passage, not the whole text


@pytest.mark.parametrize("figure,groups,expr", [
    ("appeals.review.corrected", ["province", "year"], None),
    ("requests.new_received.total", ["region_level"], "year >= 2022"),
    ("figures.appeals.review.corrected", ["city"], "province = 河南省"),
    ("appeals.review.total", ["year", "agency_level"], "checks_ok = true"),
])
def test_aggregates_equal_brute_force(backend, corpus, figure, groups, expr) -> None:
    agg = build_aggregate(figure, groups, build_query(None, expr, limit=0))
    expected = aggregate_records([r for r in corpus if matches(agg.query, r)], agg)
    got = backend.aggregate(agg)
    assert [(r.group, r.reports, r.count) for r in got] == [(r.group, r.reports, r.count) for r in expected]
    for a, b in zip(got, expected):
        assert a.sum == pytest.approx(b.sum) and (a.mean == pytest.approx(b.mean) if b.mean is not None else a.mean is None)


@pytest.mark.parametrize("text,expr", [
    ('"复议', None),  # unclosed quote: the phrase runs to the end
    ("复议", "province = '河南省"),
    (None, "nosuchfield = 1"),
    ("x" * 10_000, None),
    ("'; DROP TABLE reports; --", None),
    (None, "province = 河南省'; DROP TABLE reports; --"),
    (None, "year = abc"),
    (None, "year >"),
    (None, "((((year = 2023"),
    (None, "province > 河南省"),
    (None, "figures.appeals.review.corrected = nan"),
    (None, ") OR (1 = 1"),
])
def test_bad_queries_give_a_clear_error_or_a_sane_result(backend, text, expr) -> None:
    try:
        query = build_query(text, expr, ["province"])
    except QueryError as exc:
        assert str(exc) and "Traceback" not in str(exc)
        return
    result = backend.search(query)
    assert result.total >= 0
    if text and "DROP" in text:
        assert [h.record["id"] for h in result.hits] == ["edge-hostile"]  # the one report that says it
        assert backend.search(build_query(None)).total == backend.count() > 0  # and nothing was dropped


def test_upsert_replaces_and_delete_removes(corpus, tmp_path) -> None:
    be = EmbeddedIndex(tmp_path / "index")
    be.replace_all(corpus[:50])
    changed = {**corpus[0], "text": "独一无二的更正内容", "year": 2030}
    assert be.upsert([changed]) == 1
    assert be.count() == 50
    assert _ids(be, build_query("独一无二")) == {corpus[0]["id"]}
    assert _ids(be, build_query(None, "year = 2030")) == {corpus[0]["id"]}
    be.delete([corpus[0]["id"]])
    assert be.count() == 49 and not _ids(be, build_query("独一无二"))


def test_rebuild_swaps_under_a_reader(corpus, tmp_path) -> None:
    writer = EmbeddedIndex(tmp_path / "index")
    writer.replace_all(corpus[:30])
    reader = EmbeddedIndex(tmp_path / "index")  # e.g. the web app, another process in production
    assert reader.search(build_query(None, limit=0)).total == 30
    writer.replace_all(corpus[:40])
    assert reader.search(build_query(None, limit=0)).total == 40
    assert len(list((tmp_path / "index").glob("gen-*"))) == 1  # the old generation is gone


def test_failed_rebuild_keeps_the_live_index(corpus, tmp_path) -> None:
    be = EmbeddedIndex(tmp_path / "index")
    be.replace_all(corpus[:30])

    def broken():
        yield from corpus[30:35]
        raise RuntimeError("extraction blew up halfway")

    with pytest.raises(RuntimeError):
        be.replace_all(broken())
    assert be.count() == 30
    assert len(list((tmp_path / "index").glob("gen-*"))) == 1


def test_concurrent_rebuilds_do_not_destroy_each_other(corpus, tmp_path) -> None:
    import threading

    errors: list[BaseException] = []

    def rebuild(n: int) -> None:
        try:
            EmbeddedIndex(tmp_path / "index").replace_all(corpus[:n])
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=rebuild, args=(n,)) for n in (60, 80)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert EmbeddedIndex(tmp_path / "index").count() in (60, 80)
    assert len(list((tmp_path / "index").glob("gen-*"))) == 1
