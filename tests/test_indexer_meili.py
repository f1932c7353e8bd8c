"""The Meilisearch backend's translation layer, which needs no server: filters, documents, settings.

Its behaviour against a live server is in test_indexer_contract.py (run when MEILI_URL is set).
"""

from __future__ import annotations

import re

from ogi.indexer.fields import DEFAULT_FACETS, fields
from ogi.indexer.meili import INDEX_SETTINGS, compile_filter, compile_text, from_meili, to_meili
from ogi.indexer.query import build_query, parse_filter


def test_filter_compiles_with_every_value_quoted() -> None:
    node = parse_filter('year >= 2022 AND (province = "河南省" OR agency = \'a"b\\\\c\') AND NOT checks_ok = false')
    assert compile_filter(node) == ('(year >= 2022 AND (province = "河南省" OR agency = "a\\"b\\\\c") '
                                    'AND (NOT checks_ok = false))')


def test_injection_stays_inside_a_string() -> None:
    node = parse_filter('province = "河南省\\" OR year > 0 OR province = \\""')
    compiled = compile_filter(node)
    assert compiled == 'province = "河南省\\" OR year > 0 OR province = \\""'
    value = compiled[len('province = "'):-1]
    assert re.fullmatch(r'(?:[^"\\]|\\.)*', value)  # one quoted string: every inner quote escaped


def test_dates_ranges_sets_exists() -> None:
    assert compile_filter(parse_filter("published_at >= 2024-06-01")) == "published_at_day >= 20240601"
    assert compile_filter(parse_filter("year 2020 TO 2022")) == "(year >= 2020 AND year <= 2022)"
    assert compile_filter(parse_filter("agency_level IN [county, township]")) == \
        'agency_level IN ["county", "township"]'
    assert compile_filter(parse_filter("figures.appeals.review.corrected > 10")) == \
        "figures.appeals.review.corrected > 10.0"
    assert compile_filter(parse_filter("figures.proactive.fees.amount NOT EXISTS")) == \
        "(NOT figures.proactive.fees.amount EXISTS)"


def test_text_is_phrases() -> None:
    assert compile_text(build_query('行政复议 "纠 正" -撤回')) == '"行政复议" "纠正" -"撤回"'
    assert compile_text(build_query('a"b')) == '"ab"'


def test_document_round_trip() -> None:
    record = {"id": "x1", "title": "报告", "published_at": "2024-01-20", "captured_at": "2024-02-01T08:00:00Z",
              "figures.appeals.review.corrected": 3.0, "figures.requests.new_received.total": 10.0}
    doc = to_meili(record)
    assert doc["figures"] == {"appeals": {"review": {"corrected": 3.0}}, "requests": {"new_received": {"total": 10.0}}}
    assert doc["published_at_day"] == 20240120 and doc["captured_at_day"] == 20240201
    assert from_meili(doc) == record


def test_settings_cover_every_filter_facet_and_sort_field() -> None:
    filterable = set(INDEX_SETTINGS["filterableAttributes"])
    for f in fields().values():
        name = f.name + "_day" if f.kind == "date" else f.name
        assert name in filterable or (name.startswith("figures.") and "figures" in filterable), name
    assert set(DEFAULT_FACETS) <= filterable
    assert INDEX_SETTINGS["localizedAttributes"] == [{"attributePatterns": ["title", "agency", "text"],
                                                      "locales": ["cmn"]}]
    assert INDEX_SETTINGS["pagination"]["maxTotalHits"] >= 1_000_000
    assert INDEX_SETTINGS["faceting"]["maxValuesPerFacet"] >= 50_000  # every township of a province
