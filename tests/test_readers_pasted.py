"""Rows of tables pasted as text (ogi/readers/pasted.py): where the cells are, and when a blank
can be told from a gap."""

from ogi.readers.pasted import pasted_row
from ogi.textutil import tidy_line


def test_tabs_are_exact_cells_and_two_tabs_enclose_a_blank():
    row = pasted_row("\t（一）予以公开\t\t5\t0\t1\t0\t0\t6")
    assert row.exact and row.cells == ("", "（一）予以公开", "", "5", "0", "1", "0", "0", "6")


def test_a_trailing_tab_is_a_blank_last_cell():
    assert pasted_row("（七）总计\t3\t0\t0\t0\t0\t0\t").cells[-1] == ""


def test_runs_of_ideographic_or_nonbreaking_spaces_are_gaps_not_blanks():
    row = pasted_row("\u3000\u30004.无正当理由大量反复申请\u30000\u3000\u3000\u30000\u30000")
    assert not row.exact and row.cells == ("", "4.无正当理由大量反复申请", "0", "0", "0")
    row = pasted_row("规章&nbsp;".replace("&nbsp;", "") + "\u00a0\u00a0\u00a00 \u00a0 \u00a01\u00a0\u3000\u00a02")
    assert not row.exact and row.cells == ("规章", "0", "1", "2")


def test_mixed_tab_and_space_runs_count_once():
    row = pasted_row("行政许可\u3000\t204")
    assert not row.exact and row.cells == ("行政许可", "204")


def test_a_label_and_one_number_is_a_row_but_prose_is_not():
    assert pasted_row("行政许可\u3000\u3000\u3000204").cells == ("行政许可", "204")
    assert pasted_row("\u3000\u3000本年共收到申请，较上年增长\u300012") is None  # a sentence, not a label
    assert pasted_row("\u3000\u30002023年，本机关认真贯彻落实条例。") is None
    assert pasted_row("单一空格 0 1 2") is None  # ordinary spaces: the text reader's spaced rows, not a paste


def test_lookalike_radicals_read_as_the_characters():
    assert tidy_line("政府信息公开⼯作年度报告数据对⽐") == "政府信息公开工作年度报告数据对比"
    assert tidy_line("绍兴市人⺠政府") == "绍兴市人民政府"
