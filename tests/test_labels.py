from __future__ import annotations

from ogi.labels import norm_label, strip_enum


def test_variants_of_one_label_compare_equal() -> None:
    variants = ['3.危及"三安全一稳定"', "3.危及“三安全一稳定”", "3．危及＂三安全一稳定＂", "3、危及 “三安全 一稳定”"]
    assert len({norm_label(v) for v in variants}) == 1


def test_brackets_and_spaces() -> None:
    assert norm_label("（一）予以公开") == norm_label("(一) 予以公开")
    assert norm_label("自然 人") == "自然人"
    assert norm_label("商业\n企业") == "商业企业"
    assert norm_label("总\u3000计") == "总计"


def test_strip_enum() -> None:
    assert strip_enum(norm_label("（三）不予公开")) == "不予公开"
    assert strip_enum(norm_label("1.属于国家秘密")) == "属于国家秘密"
    assert strip_enum(norm_label("三、本年度办理结果")) == "本年度办理结果"
    assert strip_enum(norm_label("(六)3.其他")) == "其他"
