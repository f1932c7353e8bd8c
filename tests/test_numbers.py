from __future__ import annotations

import pytest

from ogi.numbers import looks_numeric, parse_number


@pytest.mark.parametrize(
    ("raw", "value", "note"),
    [
        ("0", 0, None),
        ("137", 137, None),
        ("１２３", 123, None),  # full-width digits
        ("1,234", 1234, None),
        ("1，234", 1234, None),  # full-width comma
        ("1 234", 1234, None),
        ("12件", 12, None),
        ("8 条", 8, None),
        ("-3", -3, None),
        ("－3", -3, None),
        ("+2", 2, None),
        ("12.50", 12.5, None),
        ("22（其中修订16件）", 22, "其中修订16件"),
        ("22(含转办3件)", 22, "含转办3件"),
        ("  7\n", 7, None),
    ],
)
def test_parse_number(raw: str, value: float, note: str | None) -> None:
    parsed = parse_number(raw)
    assert parsed.value == value
    assert parsed.note == note
    assert parsed.raw == raw


@pytest.mark.parametrize("raw", ["", "  ", "/", "／", "—", "——", "-", "－", "无", "不适用", "\u00a0"])
def test_not_applicable_is_null(raw: str) -> None:
    parsed = parse_number(raw)
    assert parsed.value is None
    assert parsed.problem is None


@pytest.mark.parametrize(
    ("raw", "value"),
    [("12500元", 1.25), ("12,500 元", 1.25), ("1.25万元", 1.25), ("3.6", 3.6), ("0元", 0), ("5千元", 0.5)],
)
def test_amounts_in_wan(raw: str, value: float) -> None:
    parsed = parse_number(raw, amount_in_wan=True)
    assert parsed.value == pytest.approx(value)
    assert parsed.unit in (None, "万元")


def test_yuan_kept_when_column_is_not_an_amount() -> None:
    assert parse_number("12500元").value == 12500


@pytest.mark.parametrize("raw", ["见附件", "12 34", "1.2.3"])
def test_unreadable_cells_are_null_with_a_reason(raw: str) -> None:
    parsed = parse_number(raw)
    assert parsed.value is None
    assert parsed.problem


def test_looks_numeric() -> None:
    assert looks_numeric("12")
    assert looks_numeric("")
    assert looks_numeric("/")
    assert looks_numeric("22（其中修订16件）")
    assert not looks_numeric("1.属于国家秘密")
    assert not looks_numeric("3.其他")
    assert not looks_numeric("自然人")
