"""Tests of ogi.region.resolve_region (offline: the division data ship in a PyPI package)."""

from __future__ import annotations

import time

import pytest

from ogi.divisions import get_divisions, short_names
from ogi.document import Region
from ogi.region import MAX_CANDIDATES, RegionResolution, _read_hint, resolve_region

JIANGXI_CHANGLUO = Region("江西省", "赣州市", "赣县区", "长洛乡", "360704203")
HONGZE = Region("江苏省", "淮安市", "洪泽区", None, "320813")


def test_dataset_is_current_and_has_townships() -> None:
    data = get_divisions()
    assert data.data_as_of >= "2024"
    levels = {d.level for d in data.by_code.values()}
    assert levels == {1, 2, 3, 4}
    townships = [d for d in data.by_code.values() if d.level == 4]
    assert len(townships) > 30000
    assert all(len(d.code) == 9 for d in townships)
    # The real code of 赣州市赣县区长洛乡, as the dataset has it.
    (changluo,) = data.full["长洛乡"]
    assert changluo.code == "360704203"
    assert [d.name for d in data.path(changluo)] == ["江西省", "赣州市", "赣县区", "长洛乡"]


@pytest.mark.parametrize(
    ("hints", "expected"),
    [
        (("赣州市赣县区长洛乡人民政府",), JIANGXI_CHANGLUO),
        (("洪泽区",), HONGZE),
        (("淮安市洪泽区人民政府",), HONGZE),
        (("赣县区",), Region("江西省", "赣州市", "赣县区", None, "360704")),
        (("漯河市城乡一体化示范区",), Region("河南省", "漯河市", None, None, "411100")),
        (
            ("洛浦县恰尔巴格镇人民政府",),
            Region("新疆维吾尔自治区", "和田地区", "洛浦县", "恰尔巴格镇", "653224103"),
        ),
        (("隆德县山河乡",), Region("宁夏回族自治区", "固原市", "隆德县", "山河乡", "640423207")),
        (("内乡县余关镇",), Region("河南省", "南阳市", "内乡县", "余关镇", "411325111")),
        (("长春市体育局",), Region("吉林省", "长春市", None, None, "220100")),
        (("江苏省人民政府",), Region("江苏省", None, None, None, "320000")),
        # Municipalities: no prefecture level, city stays None.
        (("上海市浦东新区",), Region("上海市", None, "浦东新区", None, "310115")),
        (("北京市人民政府",), Region("北京市", None, None, None, "110000")),
        # Other forms seen in agency and site names.
        (("中共洪泽区委",), HONGZE),
        (("中国·洪泽",), HONGZE),
        (("江苏淮安洪泽区政府",), HONGZE),
        (("淮安市生态环境局洪泽分局",), HONGZE),
        (("洪泽县人民政府",), HONGZE),  # name before the 2016 reform
        (("国家税务总局江苏省税务局",), Region("江苏省", None, None, None, "320000")),
        (("大理州人民政府办公室",), Region("云南省", "大理白族自治州", None, None, "532900")),
        (("新疆和田地区洛浦县",), Region("新疆维吾尔自治区", "和田地区", "洛浦县", None, "653224")),
        (("吉林市人民政府",), Region("吉林省", "吉林市", None, None, "220200")),
        (("东莞市虎门镇人民政府",), Region("广东省", "东莞市", None, "虎门镇", "441900121")),
    ],
)
def test_examples(hints: tuple[str, ...], expected: Region) -> None:
    result = resolve_region(*hints)
    assert isinstance(result, RegionResolution)
    assert result.region == expected
    assert not result.ambiguous
    assert result.warning is None
    assert result.candidates == (expected,)


def test_code_length_follows_level() -> None:
    assert len(resolve_region("洪泽区").region.code or "") == 6
    assert len(resolve_region("赣州市赣县区长洛乡人民政府").region.code or "") == 9
    assert resolve_region("赣州市赣县区长洛乡人民政府").region.level == "township"


def test_township_alone_and_with_configured_region() -> None:
    # 长洛乡 occurs once in the dataset, so it resolves alone too.
    assert resolve_region("长洛乡人民政府").region == JIANGXI_CHANGLUO
    assert resolve_region("长洛乡人民政府", None, "江西省赣州市").region == JIANGXI_CHANGLUO
    result = resolve_region("余关镇人民政府", None, "河南省南阳市内乡县")
    assert result.region == Region("河南省", "南阳市", "内乡县", "余关镇", "411325111")
    assert not result.ambiguous


def test_ambiguous_township() -> None:
    result = resolve_region("恰尔巴格镇人民政府")
    assert result.ambiguous
    assert {c.code for c in result.candidates} == {"653126101", "653224103"}
    # Only what the candidates share is kept.
    assert result.region == Region("新疆维吾尔自治区", None, None, None, "650000")
    assert result.warning and "恰尔巴格镇" in result.warning and "653224103" in result.warning


def test_configured_region_narrows() -> None:
    for config in ("新疆维吾尔自治区和田地区", "和田地区洛浦县", "新疆和田"):
        result = resolve_region("恰尔巴格镇人民政府", None, config)
        assert not result.ambiguous, config
        assert result.region.code == "653224103"
        assert result.warning is None
    result = resolve_region("恰尔巴格镇人民政府", "叶城县人民政府门户网站", None)
    assert result.region.code == "653126101"


def test_district_name_shared_by_two_cities() -> None:
    result = resolve_region("朝阳区人民政府")
    assert result.ambiguous
    assert {c.code for c in result.candidates} == {"110105", "220104"}
    assert result.region == Region()  # 北京 and 吉林 share nothing
    narrowed = resolve_region("朝阳区人民政府", "", "吉林省长春市")
    assert narrowed.region == Region("吉林省", "长春市", "朝阳区", None, "220104")
    assert not narrowed.ambiguous


def test_many_candidates_are_capped() -> None:
    result = resolve_region("城关镇人民政府")
    assert result.ambiguous
    assert len(result.candidates) == MAX_CANDIDATES
    assert result.warning and "more" in result.warning
    narrowed = resolve_region("城关镇人民政府", None, "甘肃省")
    assert narrowed.region.province == "甘肃省"
    assert all(c.province == "甘肃省" for c in narrowed.candidates)


def test_site_name_used_when_agency_has_no_place_name() -> None:
    result = resolve_region("县人民政府办公室", "洪泽区人民政府门户网站", "江苏省淮安市")
    assert result.region == HONGZE
    assert result.warning is None


def test_agency_wins_over_conflicting_configuration() -> None:
    result = resolve_region("洪泽区人民政府", None, "江西省赣州市")
    assert result.region == HONGZE
    assert not result.ambiguous
    assert result.warning and "江西省赣州市" in result.warning


def test_agency_less_specific_than_configuration_is_kept() -> None:
    result = resolve_region("淮安市人民政府", None, "江苏省淮安市洪泽区")
    assert result.region == Region("江苏省", "淮安市", None, None, "320800")
    assert result.warning is None


def test_department_words_are_not_place_names() -> None:
    # 公安 (公安县), 资源 (资源县), 港口 (港口区) are also short county names.
    for agency in ("长春市公安局", "长春市自然资源局", "长春市港口管理局", "长春市发展和改革委员会"):
        result = resolve_region(agency)
        assert result.region == Region("吉林省", "长春市", None, None, "220100"), agency
        assert result.warning is None


def test_township_not_under_the_named_county() -> None:
    result = resolve_region("淮安市洪泽区和平街道办事处")
    assert result.region == HONGZE
    assert not result.ambiguous
    assert result.warning and "和平街道" in result.warning


@pytest.mark.parametrize("agency", ["国务院办公厅", "生态环境部", "国家统计局", "海关总署"])
def test_central_agencies_have_no_region(agency: str) -> None:
    result = resolve_region(agency, None, None)
    assert result.region == Region()
    assert result.warning is None
    assert result.national
    assert not result.ambiguous


def test_unknown_name() -> None:
    result = resolve_region("火星市人民政府", None, None)
    assert result.region == Region()
    assert not result.ambiguous
    assert result.candidates == ()
    assert result.warning and "火星市人民政府" in result.warning


def test_no_hints() -> None:
    result = resolve_region(None, "", "  ")
    assert result.region == Region()
    assert result.warning


def test_short_names() -> None:
    assert short_names("洪泽区", 3) == {"洪泽", "洪泽县", "洪泽市"}
    assert short_names("浦东新区", 3) == {"浦东"}
    assert short_names("新疆维吾尔自治区", 1) == {"新疆"}
    assert short_names("内蒙古自治区", 1) == {"内蒙古"}
    assert short_names("黔西南布依族苗族自治州", 2) == {"黔西南", "黔西南州"}
    assert short_names("巴音郭楞蒙古自治州", 2) == {"巴音郭楞", "巴音郭楞州"}
    assert short_names("互助土族自治县", 3) == {"互助", "互助县"}
    assert short_names("长春市", 2) == {"长春"}
    assert short_names("沛县", 3) == set()  # one character left: no short form
    assert short_names("长洛乡", 4) == set()  # townships get none


def test_typical_call_is_fast() -> None:
    get_divisions()
    hints = ("赣州市赣县区长洛乡人民政府", "赣县区人民政府门户网站", "江西省赣州市")
    rounds = 200
    started = time.perf_counter()
    for _ in range(rounds):
        _read_hint.cache_clear()
        resolve_region(*hints)
    per_call = (time.perf_counter() - started) / rounds
    assert per_call < 1e-3


def test_two_character_county_leading_a_department_name() -> None:
    assert resolve_region("攸县财政局").region.code == "430223"
    assert resolve_region("沛县教育局").region.code == "320322"
    assert resolve_region("本县财政局").region.level is None


def test_zone_named_after_a_division_is_placed_in_it_with_evidence():
    r = resolve_region("平潭综合实验区管理委员会")
    assert r.region.code == "350128" and r.region.county == "平潭县"
    assert r.evidence and "平潭县" in r.evidence[0]
    assert resolve_region("苏州工业园区管理委员会").region.code == "320500"


def test_national_new_area_placed_under_its_administering_division():
    r = resolve_region("雄安新区管理委员会")
    assert r.region.code == "130600" and r.evidence


def test_new_areas_that_are_divisions_need_no_evidence():
    for name, code in (("上海市浦东新区人民政府", "310115"), ("天津市滨海新区人民政府", "120116")):
        r = resolve_region(name)
        assert r.region.code == code and r.evidence == ()
