"""Parsing what users type into the query model: filters, text, sort, facets, limits."""

from __future__ import annotations

import pytest

from ogi.indexer.query import (And, Compare, Exists, InSet, Not, Or, QueryError, Term, build_aggregate, build_query,
                           parse_filter, parse_sort, parse_text)


def test_filter_precedence_and_types() -> None:
    node = parse_filter('year >= 2022 AND (province = "河南省" OR province = 山东省) AND NOT checks_ok = false')
    assert node == And((Compare("year", ">=", 2022),
                        Or((Compare("province", "=", "河南省"), Compare("province", "=", "山东省"))),
                        Not(Compare("checks_ok", "=", False))))
    assert parse_filter("a = 1".replace("a", "figures.appeals.review.corrected")) == \
        Compare("figures.appeals.review.corrected", "=", 1.0)


def test_filter_forms() -> None:
    assert parse_filter("year 2020 TO 2022") == And((Compare("year", ">=", 2020), Compare("year", "<=", 2022)))
    assert parse_filter("agency_level IN [county, township]") == InSet("agency_level", ("county", "township"))
    assert parse_filter("agency_level NOT IN [county]") == Not(InSet("agency_level", ("county",)))
    assert parse_filter("figures.proactive.fees.amount EXISTS") == Exists("figures.proactive.fees.amount")
    assert parse_filter("figures.proactive.fees.amount NOT EXISTS") == Not(Exists("figures.proactive.fees.amount"))
    assert parse_filter("province != 河南省") == Not(Compare("province", "=", "河南省"))
    assert parse_filter("published_at >= 2024-06-01") == Compare("published_at", ">=", 20240601)
    assert parse_filter(["year = 2023", "", "province = 河南省"]) == \
        And((Compare("year", "=", 2023), Compare("province", "=", "河南省")))
    assert parse_filter(r'agency = "a\"b"') == Compare("agency", "=", 'a"b')
    assert parse_filter(None) is None and parse_filter("  ") is None


@pytest.mark.parametrize("expr,message", [
    ("nosuch = 1", "unknown field 'nosuch'"),
    ("provnce = 河南省", "did you mean province"),
    ("year = abc", "year takes a whole number"),
    ("published_at > 2024-13-01", "a date YYYY-MM-DD"),
    ("checks_ok = maybe", "true or false"),
    ("province > 河南省", "compare it with = or !="),
    ("province = '河南省", "unbalanced quote"),
    ("year = 2023 province = 河南省", "join conditions with AND / OR"),
    ("year >", "ends too early"),
    ("(year = 2023", "ends too early"),
    ("figures.proactive.fees.amount = inf", "takes a number"),
    ("(" * 40 + "year = 1" + ")" * 40, "nested too deeply"),
    ("year = 1 AND " * 400 + "year = 1", "filter too long"),
    ("'; DROP TABLE reports; --", "unbalanced quote"),
    ("DROP TABLE reports", "unknown field 'DROP'"),
])
def test_filter_errors_are_readable(expr, message) -> None:
    with pytest.raises(QueryError, match=message.replace("(", r"\(").replace("/", ".")):
        parse_filter(expr)


def test_text_terms() -> None:
    assert parse_text('行政复议 纠正') == (Term("行政复议", False, "行政复议"), Term("纠正", False, "纠正"))
    assert parse_text('"行政 复议" -撤回') == (Term("行政复议", False, "行政 复议"), Term("撤回", True, "撤回"))
    assert parse_text('"复议') == (Term("复议", False, "复议"),)  # an unclosed quote runs to the end
    assert parse_text("ＰＤＦ") == (Term("pdf", False, "ＰＤＦ"),)
    assert parse_text("") == () and parse_text("   ") == () and parse_text("- \"\"") == ()
    with pytest.raises(QueryError, match="query too long"):
        parse_text("复" * 10_000)


def test_sort_facets_limits() -> None:
    assert parse_sort("year:desc").descending and parse_sort("relevance") is None
    with pytest.raises(QueryError, match="cannot sort by province"):
        parse_sort("province:asc")
    with pytest.raises(QueryError, match="asc or desc"):
        parse_sort("year:up")
    assert build_query(facets=["province,year", "year"]).facets == ("province", "year")
    with pytest.raises(QueryError, match="not a facet"):
        build_query(facets=["figures.proactive.fees.amount"])
    for bad in ({"limit": -1}, {"limit": 5000}, {"offset": -3}, {"limit": "x"}):
        with pytest.raises(QueryError):
            build_query(**bad)


def test_aggregate_request() -> None:
    agg = build_aggregate("appeals.review.corrected", ["province,year"])
    assert agg.field == "figures.appeals.review.corrected" and agg.group_by == ("province", "year")
    with pytest.raises(QueryError, match="not a figure|unknown field"):
        build_aggregate("year")
    with pytest.raises(QueryError, match="cannot group by"):
        build_aggregate("appeals.review.corrected", ["text"])
