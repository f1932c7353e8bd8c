"""ogi.agency: the body a report is of, one id however its name was printed."""

import pytest

from ogi.agency import identify, normalise_name, reporting_body


def test_title_names_the_body_and_the_publisher_is_its_office():
    ident = identify(title="攸县人民政府2023年政府信息公开工作年度报告", text="",
                     printed_agency="攸县人民政府办公室", publisher="攸县人民政府办公室")
    assert (ident.id, ident.name, ident.level) == ("430223:人民政府", "攸县人民政府", "county")
    assert ident.publisher == "攸县人民政府办公室"
    assert ident.aliases == ("攸县人民政府办公室",)
    assert ident.evidence[0] == "body named in the title"


@pytest.mark.parametrize("title", [
    "攸县人民政府2022年政府信息公开工作年度报告",
    "攸县2022年政府信息公开工作年度报告",  # a bare place: its people's government
    "攸县人民政府 ２０２２ 年政府信息公开工作年度报告",  # full-width digits, spaces
    "攸县人民政府\u30002022年度政府信息公开工作年度报告",  # ideographic space
])
def test_spellings_of_one_government_share_an_id(title):
    assert identify(title=title, text="", printed_agency=None).id == "430223:人民政府"


def test_city_prefix_or_not_is_the_same_body():
    a = identify(title="湛江市坡头区人民政府2023年政府信息公开工作年度报告", text="", printed_agency=None)
    b = identify(title="坡头区人民政府2019年政府信息公开工作年度报告", text="", printed_agency=None)
    assert a.id == b.id == "440804:人民政府"


def test_department_printed_without_its_county_is_placed_by_the_source():
    ident = identify(title="财政局2023年政府信息公开工作年度报告", text="", printed_agency=None,
                     source_region="湖南省株洲市攸县", source_name="yx")
    assert ident.id == "430223:财政局"
    assert ident.region_from_source
    assert any("configured region" in e for e in ident.evidence)
    assert identify(title="攸县财政局2023年政府信息公开工作年度报告", text="", printed_agency=None).id == ident.id


def test_ambiguous_township_resolved_by_the_source_and_says_so():
    alone = identify(title="锦和镇人民政府2023年政府信息公开工作年度报告", text="", printed_agency=None)
    assert alone.region.code is None  # two 锦和镇 in the country
    ident = identify(title="锦和镇人民政府2023年政府信息公开工作年度报告", text="", printed_agency=None,
                     source_region="广东省湛江市徐闻县")
    assert ident.region.code == "440825110" and ident.region.county == "徐闻县"
    assert ident.level == "township" and ident.region_from_source


def test_a_city_department_on_a_county_portal_stays_a_city_department():
    ident = identify(title="株洲市财政局2023年政府信息公开工作年度报告", text="", printed_agency=None,
                     source_region="湖南省株洲市攸县")
    assert ident.region.code == "430200" and not ident.region_from_source


def test_opening_sentence_names_the_body_when_the_title_does_not():
    name, where = reporting_body("2023年政府信息公开工作年度报告",
                                 "根据《条例》规定，现公布攸县财政局2023年政府信息公开工作年度报告。")
    assert (name, where) == ("攸县财政局", "opening sentence")


def test_publisher_is_not_an_alias_of_another_body():
    ident = identify(title="攸县财政局2023年政府信息公开工作年度报告", text="",
                     printed_agency="攸县人民政府办公室", publisher="攸县人民政府办公室")
    assert ident.id == "430223:财政局" and ident.aliases == ()


def test_pinned_alias_from_the_sources_file():
    pins = {"旧城县人民政府": "攸县人民政府"}
    ident = identify(title="旧城县人民政府2019年政府信息公开工作年度报告", text="", printed_agency=None, pins=pins)
    assert ident.id == "430223:人民政府"
    assert any("pinned" in e for e in ident.evidence)


def test_no_body_printed_gives_no_id():
    ident = identify(title="2023年政府信息公开工作年度报告", text="一、总体情况", printed_agency=None)
    assert ident.id is None


def test_normalise_name():
    assert normalise_name(" 攸县\u3000人民政府 ") == "攸县人民政府"
    assert normalise_name("《攸县人民政府》") == "攸县人民政府"


def test_body_printed_after_the_year_in_the_title():
    assert reporting_body("2019年上海市人民政府办公厅政府信息公开工作年度报告", "") == ("上海市人民政府办公厅", "title")
    assert reporting_body("2023年度政府信息公开工作年度报告", "") == (None, None)
