from __future__ import annotations

from ogi.grid import GridBuilder


def _texts(rows):
    return [[c.text for c in r.cells] for r in rows]


def test_rowspan_and_colspan_expand_into_a_rectangle() -> None:
    g = GridBuilder()
    g.add_row([("三、本年度办理结果", 3, 1), ("（一）予以公开", 1, 2), ("5", 1, 1)])
    g.add_row([("（三）不予公开", 2, 1), ("1.属于国家秘密", 1, 1), ("0", 1, 1)])
    g.add_row([("2.其他法律行政法规禁止公开", 1, 1), ("1", 1, 1)])
    rows = g.rows("t")
    assert _texts(rows) == [
        ["三、本年度办理结果", "（一）予以公开", "（一）予以公开", "5"],
        ["三、本年度办理结果", "（三）不予公开", "1.属于国家秘密", "0"],
        ["三、本年度办理结果", "（三）不予公开", "2.其他法律行政法规禁止公开", "1"],
    ]
    assert rows[1].cells[0].row_copy and not rows[0].cells[0].row_copy
    # colspan copies collapse back into one cell
    assert [c.text for c in rows[0].distinct_cells()] == ["三、本年度办理结果", "（一）予以公开", "5"]


def test_short_rows_are_padded_with_missing_cells() -> None:
    g = GridBuilder()
    g.add_row([("a", 1, 1), ("1", 1, 1), ("2", 1, 1)])
    g.add_row([("b", 1, 1), ("3", 1, 1)])
    rows = g.rows("t")
    assert rows[1].cells[2].origin is None and rows[1].cells[2].text == ""


def test_spacer_column_is_dropped_but_spanned_columns_kept() -> None:
    g = GridBuilder()
    g.add_row([("", 1, 1), ("申请人情况", 1, 3)])
    g.add_row([("", 1, 1), ("自然人", 1, 1), ("", 1, 1), ("总计", 1, 1)])
    g.add_row([("一、本年新收", 1, 1), ("3", 1, 1), ("", 1, 1), ("3", 1, 1)])
    assert _texts(g.rows("t")) == [["", "申请人情况", "申请人情况"], ["", "自然人", "总计"], ["一、本年新收", "3", "3"]]
    one = GridBuilder()
    one.add_row([("信息内容", 1, 1), ("本年处理决定数量", 1, 3)])
    one.add_row([("行政许可", 1, 1), ("12", 1, 3)])
    assert [c.text for c in one.rows("t")[1].distinct_cells()] == ["行政许可", "12"]


def test_width_and_spans_are_capped() -> None:
    g = GridBuilder(max_cols=10, max_span=5)
    g.add_row([(str(i), 1, 1) for i in range(50)])
    g.add_row([("x", 10_000, 10_000)])
    rows = g.rows("t")
    assert g.truncated_cols
    assert len(rows) == 2 and len(rows[0].cells) <= 10
