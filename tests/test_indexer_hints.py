"""indexer.hints: which typed values a filter requires, and the close values suggested."""

from __future__ import annotations

import pytest

from ogi.indexer.hints import close_values, typed_values
from ogi.indexer.query import parse_filter

PROVINCES = ["河北省", "湖北省", "河南省", "广东省", "内蒙古自治区"]


@pytest.mark.parametrize(("typed", "known", "expected"), [
    ("河北", PROVINCES, ["河北省"]),
    ("内蒙古", PROVINCES, ["内蒙古自治区"]),
    ("County", ["province", "city", "county", "township"], ["county"]),
    ("ＣＯＵＮＴＹ", ["county", "city"], ["county"]),  # full-width letters
    ("contry", ["province", "city", "county", "township"], ["county"]),
    ("湖南省株洲市", ["湖南省", "湖北省"], ["湖南省"]),
    ("上海", PROVINCES, []),
    ("", PROVINCES, []),
])
def test_close_values(typed, known, expected) -> None:
    assert close_values(typed, known) == expected


def test_typed_values_only_what_every_result_must_have() -> None:
    node = parse_filter(["province = 河北", "year >= 2020", "agency_level IN [county, township]"])
    assert typed_values(node) == [("province", "河北"), ("agency_level", "county"), ("agency_level", "township")]
    assert typed_values(parse_filter("province = 河北 OR province = 河南")) == []
    assert typed_values(parse_filter("NOT province = 河北")) == []
